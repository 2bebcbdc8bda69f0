import Dispatch
import IR
import Testing
@testable import Solvers

/// CLP and CBC beyond the conformance suite: limits (never optimal), infeasibility verdicts,
/// the best bound and gap, warm starts, option files and solves on several threads.
@Suite("COIN-OR backends")
struct CoinBackendTests {
    // MARK: - Status tables

    @Test func clpLimitsAreNeverOptimal() {
        let time = CLPStatusTable.outcome(status: 3, secondary: 9, primalFeasible: true)
        #expect(time.model == .feasible && time.solver == .resourceInterrupt)
        let iterations = CLPStatusTable.outcome(status: 3, secondary: 0, primalFeasible: false)
        #expect(iterations.model == .intermediateInfeasible && iterations.solver == .iterationInterrupt)
        #expect(CLPStatusTable.outcome(status: 4, secondary: 0, primalFeasible: true).solver == .solverFailure)
    }

    @Test func cbcGapStopIsAnIntegerSolutionUnlessClosed() {
        let open = CBCStatusTable.outcome(status: 0, secondary: 2, incumbent: true, gapClosed: false, relaxation: .unknown)
        #expect(open.model == .integerSolution && open.solver == .normalCompletion)
        let closed = CBCStatusTable.outcome(status: 0, secondary: 2, incumbent: true, gapClosed: true, relaxation: .unknown)
        #expect(closed.model == .optimal)
        let nodes = CBCStatusTable.outcome(status: 1, secondary: 3, incumbent: false, gapClosed: false, relaxation: .unknown)
        #expect(nodes.model == .noSolutionReturned && nodes.solver == .iterationInterrupt)
        let time = CBCStatusTable.outcome(status: 1, secondary: 4, incumbent: true, gapClosed: true, relaxation: .unknown)
        #expect(time.model == .integerSolution && time.solver == .resourceInterrupt)
    }

    // MARK: - Limits

    @Test(arguments: [ConformanceBackend.clp, .cbc])
    func lpIterationLimitStopsBeforeTheOptimum(_ backend: ConformanceBackend) {
        var options = SolveOptions()
        options.iterLim = 1
        let result = backend.solver.solve(TestModels.transport(), options: options)
        #expect(result.solverStatus == .iterationInterrupt, "\(result.message)")
        #expect(result.modelStatus == .feasible || result.modelStatus == .intermediateInfeasible)
    }

    @Test func cbcNodeLimitReportsTheIncumbentAndTheGap() {
        var options = SolveOptions()
        options.nodeLimit = 2
        options.solverOptions = [SolverOptionSetting(name: "cuts", value: "off")]
        let result = CBCSolver().solve(TestModels.marketSplit(constant: 10_000, maximize: true), options: options)
        #expect(result.solverStatus == .iterationInterrupt, "\(result.message)")
        #expect(result.modelStatus == .integerSolution)
        let objective = try! #require(result.objective), bound = try! #require(result.bestBound)
        // maximizing: the bound is above the incumbent, and the instance has no exact split
        #expect(bound > objective && bound <= 10_000 + 1e-6 && objective < 10_000)
        #expect(result.rowMarginal.allSatisfy(SpecialValue.isNA))
    }

    @Test func cbcTimeLimitIsAResourceInterrupt() {
        var options = SolveOptions()
        options.resLim = 0.3
        let result = CBCSolver().solve(TestModels.marketSplit(rows: 6, items: 60), options: options)
        #expect(result.solverStatus == .resourceInterrupt, "\(result.message)")
        #expect(result.modelStatus == .integerSolution || result.modelStatus == .noSolutionReturned)
        #expect(result.solverSeconds < 5)
    }

    @Test func cbcIterationLimitIsNotSilentlyIgnored() {
        var options = SolveOptions()
        options.iterLim = 100
        let result = CBCSolver().solve(TestModels.knapsack(), options: options)
        #expect(result.warnings == ["CBC cannot limit the simplex iterations of a branch-and-cut search; "
            + "iterLim = 100 is not applied (resLim and nodLim are)"])
    }

    // MARK: - Verdicts

    @Test func cbcTellsIntegerInfeasibleFromInfeasible() {
        // 2x = 1 with x integer: the relaxation is feasible
        var model = ScalarModel()
        let x = model.addColumn(lower: 0, upper: 10, isInteger: true, origin: TestModels.origin("x"))
        model.objective[x] = 1
        model.addRow(columns: [Int32(x)], values: [2], lower: 1, upper: 1, origin: TestModels.origin("half"))
        #expect(CBCSolver().solve(model, options: SolveOptions()).modelStatus == .integerInfeasible)
        #expect(CBCSolver().solve(TestModels.contradictoryIntegers(), options: SolveOptions()).modelStatus == .infeasible)
    }

    @Test func cbcOptimumHasItsBoundAndObjectiveConstant() {
        var model = TestModels.knapsack()
        model.objectiveConstant = 100
        let result = CBCSolver().solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(result.objective == 129 && result.bestBound == 129)
    }

    /// CBC's C interface said 0 iterations for a search that ended at the root (here on the gap,
    /// an incumbent within 3 % of the LP bound) and counted none of preprocessing, cuts or
    /// heuristics; enm counts every simplex iteration CLP runs for the search.
    @Test func cbcReportsTheSimplexIterationsOfItsSearch() {
        var options = SolveOptions()
        options.optCr = 0.03
        let model = TestModels.multiKnapsack()
        let cbc = CBCSolver().solve(model, options: options)
        #expect(cbc.modelStatus == .integerSolution || cbc.modelStatus == .optimal, "\(cbc.message)")
        #expect(cbc.nodes == 0)
        let glpk = GLPKSolver().solve(model, options: options)
        #expect(glpk.iterations > 0)
        // the root LP alone needs about as many iterations as GLPK's whole search (which ends
        // at the root too); CBC's cuts and heuristics add some, not orders of magnitude
        #expect(cbc.iterations >= glpk.iterations / 2 && cbc.iterations <= 100 * glpk.iterations,
                "CBC \(cbc.iterations), GLPK \(glpk.iterations)")

        // a search that goes into the tree: more iterations than the one ended at the root
        var deeper = SolveOptions()
        deeper.nodeLimit = 50
        deeper.solverOptions = [SolverOptionSetting(name: "cuts", value: "off")]
        let tree = CBCSolver().solve(TestModels.marketSplit(), options: deeper)
        #expect(tree.nodes > 0 && tree.iterations > cbc.iterations, "\(tree.nodes) nodes, \(tree.iterations) iterations")
    }

    // MARK: - Warm starts

    @Test func clpRestartsFromItsOwnBasisAndFromGLPKs() {
        let model = TestModels.transport()
        let first = CLPSolver().solve(model, options: SolveOptions())
        let glpk = GLPKSolver().solve(model, options: SolveOptions())
        for basis in [first.basis, glpk.basis] {
            var options = SolveOptions()
            options.startBasis = try! #require(basis)
            let again = CLPSolver().solve(model, options: options)
            #expect(again.modelStatus == .optimal && again.iterations == 0)
            #expect(abs((again.objective ?? 0) - 153.675) < 1e-9)
        }
        // and GLPK starts from CLP's
        var options = SolveOptions()
        options.startBasis = first.basis
        #expect(GLPKSolver().solve(model, options: options).iterations == 0)
    }

    // MARK: - Option files

    @Test func optionFilesRefuseWhatTheBackendCannotTake() {
        let clp = CLPSolver().optionProblems([SolverOptionSetting(name: "startalg", value: "simplex"),
                                             SolverOptionSetting(name: "pivoting", value: "1")])
        #expect(clp.first == "CLP option 'startalg' cannot be 'simplex'")
        #expect(clp.last?.hasPrefix("unknown CLP option 'pivoting'; CLP's options are crossover, dualize, iterlim, loglevel,") == true)
        #expect(CBCSolver().optionProblems([SolverOptionSetting(name: "cuts", value: "maybe")])
            == ["CBC option 'cuts' cannot be 'maybe'"])
        #expect(CBCSolver().optionProblems([SolverOptionSetting(name: "optcr", value: "0.1"),
                                            SolverOptionSetting(name: "preprocess", value: "0")]).isEmpty)
    }

    @Test(arguments: ["primal", "dual", "barrier"])
    func everyCLPMethodReachesTheTransportOptimum(_ method: String) {
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "startalg", value: method)]
        let result = CLPSolver().solve(TestModels.transport(), options: options)
        #expect(result.modelStatus == .optimal)
        #expect(abs((result.objective ?? 0) - 153.675) < 1e-6)
        #expect(abs(result.rowMarginal[3] - 0.225) < 1e-6)
    }

    /// `dualize 1`: CLP solves the dual and the LP's levels, marginals (GAMS's signs, for a
    /// minimization and a maximization with a ranged-free mix of bounds) and objective are read
    /// from it; they match the direct solve. An infeasible LP keeps its own status.
    @Test(arguments: [("barrier", "1"), ("barrier", "0"), ("dual", "1"), ("primal", "1")])
    func clpOnTheDualGivesTheLPsSolution(_ method: String, _ crossover: String) {
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "dualize", value: "1"),
                                 SolverOptionSetting(name: "startalg", value: method),
                                 SolverOptionSetting(name: "crossover", value: crossover)]
        for model in [TestModels.transport(), TestModels.smallLP(constant: 7), TestModels.smallLP(negated: true)] {
            let direct = CLPSolver().solve(model, options: SolveOptions())
            let viaDual = CLPSolver().solve(model, options: options)
            #expect(viaDual.modelStatus == .optimal, "\(viaDual.message)")
            #expect(viaDual.message.contains("dual LP"))
            #expect(abs((viaDual.objective ?? .nan) - (direct.objective ?? .nan)) < 1e-6)
            // the interior point without crossover is within the barrier's tolerance
            let tolerance = crossover == "1" ? 1e-6 : 1e-4
            // the transport LP has several optimal plans; the small LP one
            if model.columnCount == 4 {
                for (a, b) in zip(viaDual.columnLevel, direct.columnLevel) { #expect(abs(a - b) < tolerance) }
                for (a, b) in zip(viaDual.rowLevel, direct.rowLevel) { #expect(abs(a - b) < tolerance) }
            }
            #expect(model.worstViolation(levels: viaDual.columnLevel, tolerance: tolerance) == nil)
            for (a, b) in zip(viaDual.rowMarginal, direct.rowMarginal) { #expect(abs(a - b) < tolerance, "rows \(viaDual.rowMarginal) \(direct.rowMarginal)") }
            for (a, b) in zip(viaDual.columnMarginal, direct.columnMarginal) { #expect(abs(a - b) < tolerance, "columns \(viaDual.columnMarginal) \(direct.columnMarginal)") }
        }
        var infeasible = TestModels.smallLP()
        infeasible.addRow(columns: [1], values: [1], lower: -.infinity, upper: 2, origin: TestModels.origin("cut"))
        let result = CLPSolver().solve(infeasible, options: options)
        #expect(result.modelStatus == .infeasible, "\(result.message) \(result.columnLevel)")
    }

    @Test func cbcSolveFinalGivesTheFixedLPsMarginals() {
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "solvefinal", value: "1")]
        let result = CBCSolver().solve(TestModels.knapsack(), options: options)
        let glpk = GLPKSolver().solve(TestModels.knapsack(), options: options)
        #expect(result.modelStatus == .optimal)
        #expect(result.columnMarginal == glpk.columnMarginal && result.rowMarginal == glpk.rowMarginal)
        #expect(!result.columnMarginal.contains(where: SpecialValue.isNA))
    }

    // MARK: - Threads

    @Test func solvesOnSeveralThreadsAtOnce() {
        let lp = TestModels.transport(), mip = TestModels.knapsack()
        let objectives = UnsafeMutableBufferPointer<Double>.allocate(capacity: 16)
        defer { objectives.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            let result = k.isMultiple(of: 2) ? CLPSolver().solve(lp, options: SolveOptions())
                                             : CBCSolver().solve(mip, options: SolveOptions())
            objectives[k] = result.objective ?? .nan
        }
        for k in 0..<16 { #expect(abs(objectives[k] - (k.isMultiple(of: 2) ? 153.675 : 29)) < 1e-9, "solve \(k)") }
    }
}
