import IR
import Solvers
import Testing

/// Whether `value` is present and within `tolerance` of `expected`.
func close(_ value: Double?, _ expected: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance * max(1, abs(expected))
}

/// Whether two arrays have the same length and agree entry by entry within `tolerance`.
func close(_ values: [Double], _ expected: [Double], _ tolerance: Double = 1e-6) -> Bool {
    values.count == expected.count && zip(values, expected).allSatisfy { close($0, $1, tolerance) }
}

@Suite("GLPK: linear programs")
struct GLPKLPTests {
    let solver = GLPKSolver()

    @Test func nameIsGLPK() {
        #expect(solver.name == "glpk")
    }

    /// GAMS's transport model: objective, levels and every marginal as GAMS lists them.
    @Test func transportMatchesGAMS() {
        let result = solver.solve(TestModels.transport(), options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(close(result.objective, 153.675))
        // x(i,j) in the order seattle.(new-york, chicago, topeka), san-diego.(...), then z.
        #expect(close(result.columnLevel, [50, 300, 0, 275, 0, 275, 153.675]))
        #expect(close(result.columnMarginal, [0, 0, 0.036, 0, 0.009, 0, 0]))
        // Rows: cost, supply(seattle, san-diego), demand(new-york, chicago, topeka).
        #expect(close(result.rowLevel, [0, 350, 550, 325, 300, 275]))
        #expect(close(result.rowMarginal, [1, 0, 0, 0.225, 0.153, 0.126]))
        #expect(result.iterations > 0)
        #expect(result.solverSeconds >= 0)
        #expect(result.bestBound == nil)
    }

    /// The marginals are derivatives of the optimal objective: re-solving with a shifted right-hand
    /// side moves the objective by marginal × shift (GAMS's convention, checked without GAMS).
    @Test func rowMarginalIsObjectiveDerivative() {
        let base = solver.solve(TestModels.transport(), options: SolveOptions())
        var shifted = TestModels.transport()
        shifted.rowLower[3] += 1 // demand(new-york) 325 -> 326
        let moved = solver.solve(shifted, options: SolveOptions())
        guard let before = base.objective, let after = moved.objective else {
            Issue.record("no objective")
            return
        }
        #expect(close(after - before, base.rowMarginal[3]))

        let maxBase = solver.solve(TestModels.smallLP(), options: SolveOptions())
        var maxShifted = TestModels.smallLP()
        maxShifted.rowUpper[0] += 0.5 // c1: x + y <= 4.5
        let maxMoved = solver.solve(maxShifted, options: SolveOptions())
        guard let maxBefore = maxBase.objective, let maxAfter = maxMoved.objective else {
            Issue.record("no objective")
            return
        }
        #expect(close(maxAfter - maxBefore, 0.5 * maxBase.rowMarginal[0]))
    }

    /// In a maximization a binding `<=` row has a positive marginal, a binding `>=` row a negative
    /// one; reduced costs are d objective / d column.
    @Test func maximizeMarginalSigns() {
        let result = solver.solve(TestModels.smallLP(), options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 14))
        #expect(close(result.columnLevel, [1, 3, 1, 0]))
        #expect(close(result.rowLevel, [4, 5, 3]))
        #expect(close(result.rowMarginal, [3, 0, -1]))
        #expect(close(result.columnMarginal, [0, 0, 5, -1]))
    }

    /// The same model as a minimization of the negated objective: every marginal changes sign.
    @Test func minimizeMarginalSigns() {
        let result = solver.solve(TestModels.smallLP(negated: true), options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, -14))
        #expect(close(result.columnLevel, [1, 3, 1, 0]))
        #expect(close(result.rowMarginal, [-3, 0, 1]))
        #expect(close(result.columnMarginal, [0, 0, -5, 1]))
    }

    @Test func objectiveConstantIsIncluded() {
        let maximized = solver.solve(TestModels.smallLP(constant: 10), options: SolveOptions())
        #expect(close(maximized.objective, 24))
        let minimized = solver.solve(TestModels.smallLP(negated: true, constant: 10),
                                     options: SolveOptions())
        #expect(close(minimized.objective, -24))
    }

    /// A nonbasic column with a zero reduced cost gets GAMS's `EPS` (-0.0); a basic one plain 0.
    @Test func zeroMarginalOfNonbasicIsEPS() {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0, upper: 1, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0, upper: 10, origin: TestModels.origin("y"))
        model.objective[y] = 1
        model.addRow(columns: [Int32(y)], values: [1], lower: 2, upper: .infinity,
                     origin: TestModels.origin("r"))
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(result.columnMarginal[x] == 0)
        #expect(SpecialValue.isEps(result.columnMarginal[x]))
        #expect(result.columnMarginal[y] == 0 && !SpecialValue.isEps(result.columnMarginal[y]))
    }

    /// x in [0, 10] with x >= 5 and x <= 3.
    static func infeasibleModel() -> ScalarModel {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0, upper: 10, origin: TestModels.origin("x"))
        model.objective[x] = 1
        model.addRow(columns: [Int32(x)], values: [1], lower: 5, upper: .infinity,
                     origin: TestModels.origin("atLeast5"))
        model.addRow(columns: [Int32(x)], values: [1], lower: -.infinity, upper: 3,
                     origin: TestModels.origin("atMost3"))
        return model
    }

    /// Maximize x + y with x - y <= 1, x, y >= 0.
    static func unboundedModel() -> ScalarModel {
        var model = ScalarModel()
        model.sense = .maximize
        let x = model.addColumn(lower: 0, upper: .infinity, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0, upper: .infinity, origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.objective[y] = 1
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, -1], lower: -.infinity, upper: 1,
                     origin: TestModels.origin("r"))
        return model
    }

    @Test func infeasibleLP() {
        let result = solver.solve(Self.infeasibleModel(), options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)
    }

    @Test func unboundedLP() {
        let result = solver.solve(Self.unboundedModel(), options: SolveOptions())
        #expect(result.modelStatus == .unbounded)
        #expect(result.solverStatus == .normalCompletion)
    }

    /// The dual simplex (as blocks use it) gives the primal simplex's verdicts: the transport
    /// optimum with its marginals, infeasible, and unbounded (where the dual simplex alone has
    /// no verdict and the primal one finishes).
    @Test func preferringTheDualSimplexGivesTheSameVerdicts() {
        var dual = SolveOptions()
        dual.preferDualSimplex = true
        let primal = solver.solve(TestModels.transport(), options: SolveOptions())
        let viaDual = solver.solve(TestModels.transport(), options: dual)
        #expect(viaDual.modelStatus == .optimal && close(viaDual.objective, 153.675))
        #expect(close(viaDual.rowMarginal, primal.rowMarginal) && close(viaDual.columnLevel, primal.columnLevel))

        let noPoint = solver.solve(Self.infeasibleModel(), options: dual)
        #expect(noPoint.modelStatus == .infeasible && noPoint.solverStatus == .normalCompletion)

        let ray = solver.solve(Self.unboundedModel(), options: dual)
        #expect(ray.modelStatus == .unbounded && ray.solverStatus == .normalCompletion)
    }

    /// The transport LP needs several iterations; one is not enough and must not look optimal.
    @Test func iterationLimit() {
        var options = SolveOptions()
        options.iterLim = 1
        let result = solver.solve(TestModels.transport(), options: options)
        #expect(result.solverStatus == .iterationInterrupt)
        #expect(result.modelStatus == .intermediateInfeasible || result.modelStatus == .feasible)
        #expect(result.modelStatus != .optimal)
        #expect(result.iterations <= 1)
    }

    @Test func zeroTimeLimit() {
        var options = SolveOptions()
        options.resLim = 0
        let result = solver.solve(TestModels.transport(), options: options)
        #expect(result.solverStatus == .resourceInterrupt)
        #expect(result.modelStatus != .optimal)
    }

    /// `rmip`: integer columns solved as continuous.
    @Test func relaxedIntegrality() {
        var options = SolveOptions()
        options.relaxIntegrality = true
        let result = solver.solve(TestModels.knapsack(), options: options)
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 32))
        #expect(close(result.columnLevel, [1, 0.8, 1, 0]))
        #expect(close(result.rowMarginal, [2]))
    }

    @Test func emptyModel() {
        var model = ScalarModel()
        model.objectiveConstant = 5
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 5))
    }

    /// Model without rows: bounds alone decide.
    @Test func modelWithoutRows() {
        var model = ScalarModel()
        model.sense = .maximize
        let x = model.addColumn(lower: 0, upper: 3.5, origin: TestModels.origin("x"))
        model.objective[x] = 2
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 7))
        #expect(close(result.columnMarginal, [2]))
    }
}
