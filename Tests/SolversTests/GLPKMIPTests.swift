import IR
import Solvers
import Testing

@Suite("GLPK: mixed-integer programs")
struct GLPKMIPTests {
    let solver = GLPKSolver()

    @Test func knapsackOptimum() {
        let result = solver.solve(TestModels.knapsack(), options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(close(result.objective, 29))
        #expect(close(result.bestBound, 29))
        #expect(close(result.columnLevel, [1, 0, 1, 1]))
        #expect(close(result.rowLevel, [8]))
    }

    /// GAMS reports MIP marginals from the LP with the integer columns fixed at their solution:
    /// `max 3x + c` with `r: x + c <= 2.5`, x integer: x = 2, c = 0.5; with `solvefinal 1` and
    /// x fixed, r's marginal is c's objective coefficient 1 and x's reduced cost is 3 - 1 = 2;
    /// without it every marginal is NA, as GAMS 54 reports a MIP's.
    @Test func marginalsFromFixedLP() {
        var model = ScalarModel()
        model.sense = .maximize
        let x = model.addColumn(lower: 0, upper: 10, isInteger: true, origin: TestModels.origin("x"))
        let c = model.addColumn(lower: 0, upper: 10, origin: TestModels.origin("c"))
        model.objective[x] = 3
        model.objective[c] = 1
        model.addRow(columns: [Int32(x), Int32(c)], values: [1, 1], lower: -.infinity, upper: 2.5,
                     origin: TestModels.origin("r"))
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "solvefinal", value: "1")]
        let result = solver.solve(model, options: options)
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 6.5))
        #expect(close(result.columnLevel, [2, 0.5]))
        #expect(close(result.rowLevel, [2.5]))
        #expect(close(result.rowMarginal, [1]))
        #expect(close(result.columnMarginal, [2, 0]))
        let plain = solver.solve(model, options: SolveOptions())
        #expect(close(plain.columnLevel, [2, 0.5]))
        #expect(plain.rowMarginal.allSatisfy(SpecialValue.isNA) && plain.columnMarginal.allSatisfy(SpecialValue.isNA))
        #expect(plain.rowMarginal.count == 1 && plain.columnMarginal.count == 2)
    }

    @Test func infeasibleMIP() {
        let model = TestModels.contradictoryIntegers()
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)
        #expect(!result.hasSolution)
    }

    /// `2x = 1`, x integer in [0, 1]: the relaxation (x = 0.5) is feasible, so GAMS's answer is
    /// 10 Integer Infeasible, not 4 Infeasible. GLPK's MIP presolver rounds the singleton row into
    /// an empty integer range and reports GLP_ENOPFS, which alone cannot tell the two apart; the
    /// backend then solves the continuous relaxation to decide.
    @Test func integerInfeasibleFoundByPresolver() {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0, upper: 1, isInteger: true, origin: TestModels.origin("x"))
        model.objective[x] = 1
        model.addRow(columns: [Int32(x)], values: [2], lower: 1, upper: 1,
                     origin: TestModels.origin("half"))
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .integerInfeasible)
        #expect(result.solverStatus == .normalCompletion)
    }

    /// `2x + 2y = 3` with x, y integer in [0, 5]: found integer infeasible by branching.
    @Test func integerInfeasibleFoundBySearch() {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0, upper: 5, isInteger: true, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0, upper: 5, isInteger: true, origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.addRow(columns: [Int32(x), Int32(y)], values: [2, 2], lower: 3, upper: 3,
                     origin: TestModels.origin("odd"))
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .integerInfeasible)
        #expect(result.solverStatus == .normalCompletion)
    }

    /// An integer column whose bounds hold no integer: integer infeasible, GLPK never sees it.
    @Test func integerColumnWithoutIntegerInRange() {
        var model = TestModels.knapsack()
        model.columnLower[0] = 0.2
        model.columnUpper[0] = 0.8
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .integerInfeasible)
        #expect(result.solverStatus == .normalCompletion)
    }

    @Test func unboundedMIP() {
        var model = ScalarModel()
        model.sense = .maximize
        let x = model.addColumn(lower: 0, upper: .infinity, isInteger: true,
                                origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0, upper: .infinity, isInteger: true,
                                origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.objective[y] = 1
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, -1], lower: -.infinity, upper: 1.5,
                     origin: TestModels.origin("r"))
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .unbounded)
        #expect(result.solverStatus == .normalCompletion)
    }

    /// A market-split instance runs for far longer than 20 s; cut after 0.05 s it must report a
    /// resource interrupt, with or without an integer solution, and never optimality.
    @Test func timeLimitNeverOptimal() {
        var options = SolveOptions()
        options.resLim = 0.05
        options.optCr = 0
        let result = solver.solve(TestModels.marketSplit(), options: options)
        #expect(result.solverStatus == .resourceInterrupt)
        #expect(result.modelStatus == .integerSolution || result.modelStatus == .noSolutionReturned)
        #expect(result.modelStatus != .optimal)
        #expect(result.solverSeconds < 5)
        if result.modelStatus == .integerSolution {
            #expect(result.hasSolution)
            if let objective = result.objective, let bound = result.bestBound {
                #expect(bound <= objective)
                #expect(objective > bound) // no exact split exists: the gap is positive
            }
        }
    }

    /// A relative gap of 50% stops the search at an incumbent whose gap is positive.
    @Test func optCrStopsWithPositiveGap() {
        var options = SolveOptions()
        options.optCr = 0.5
        let result = solver.solve(TestModels.marketSplit(constant: 10_000), options: options)
        #expect(result.modelStatus == .integerSolution)
        #expect(result.solverStatus == .normalCompletion)
        guard let objective = result.objective, let bound = result.bestBound else {
            Issue.record("objective and best bound expected")
            return
        }
        #expect(objective > bound)
        #expect((objective - bound) / objective <= 0.5)
        #expect(bound >= 10_000 - 1e-6) // the LP bound is the constant
    }

    /// An absolute gap stops a maximization through the callback; the bound lies above.
    @Test func optCaStopsWithinAbsoluteGap() {
        var options = SolveOptions()
        options.optCr = 0
        options.optCa = 50
        let result = solver.solve(TestModels.marketSplit(constant: 10_000, maximize: true),
                                  options: options)
        #expect(result.modelStatus == .integerSolution)
        #expect(result.solverStatus == .normalCompletion)
        guard let objective = result.objective, let bound = result.bestBound else {
            Issue.record("objective and best bound expected")
            return
        }
        #expect(bound > objective)
        #expect(bound - objective <= 50)
        #expect(result.nodes > 0)
    }

    @Test func iterationLimitNeverOptimal() {
        var options = SolveOptions()
        options.iterLim = 3
        options.optCr = 0
        let result = solver.solve(TestModels.marketSplit(), options: options)
        #expect(result.solverStatus == .iterationInterrupt)
        #expect(result.modelStatus == .integerSolution || result.modelStatus == .noSolutionReturned)
    }

    @Test func zeroTimeLimitNeverOptimal() {
        var options = SolveOptions()
        options.resLim = 0
        let result = solver.solve(TestModels.knapsack(), options: options)
        #expect(result.solverStatus == .resourceInterrupt)
        #expect(result.modelStatus != .optimal)
    }

    /// Integer columns with fractional bounds are rounded inward (GLPK rejects such bounds).
    @Test func fractionalIntegerBounds() {
        var model = ScalarModel()
        model.sense = .maximize
        let x = model.addColumn(lower: 0.5, upper: 3.7, isInteger: true,
                                origin: TestModels.origin("x"))
        model.objective[x] = 1
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 3))
    }
}
