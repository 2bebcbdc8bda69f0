#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IR
@testable import Solvers
import Testing

@Suite("Ipopt: nonlinear programs")
struct IpoptSolverTests {
    let solver = IpoptSolver()

    @Test func nameIsIpopt() {
        #expect(solver.name == "ipopt")
    }

    @Test func hs71() {
        let (model, program) = IpoptTestProblems.hs71()
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .locallyOptimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(close(result.objective, 17.0140173, 1e-7))
        #expect(close(result.columnLevel, [1, 4.74299963, 3.82114998, 1.37940829], 1e-6))
        #expect(close(result.rowLevel, [25, 40], 1e-6))
        #expect(result.iterations > 0)
        #expect(result.solverSeconds > 0)
        #expect(result.evaluationSeconds > 0)
        #expect(result.evaluationSeconds <= result.solverSeconds)
        #expect(result.warnings.isEmpty)
        // Minimizing: the binding ≥ row has a positive marginal (raising 25 costs), and so
        // does x1 at its lower bound.
        #expect(result.rowMarginal.count == 2)
        #expect(result.rowMarginal[0] > 0)
        #expect(result.columnMarginal.count == 4)
        #expect(result.columnMarginal[0] > 0)
        #expect(abs(result.columnMarginal[1]) < 1e-6)
    }

    @Test func rosenbrock() {
        let (model, program) = IpoptTestProblems.rosenbrock()
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .locallyOptimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(close(result.objective, 0, 1e-10))
        #expect(close(result.columnLevel, [1, 1], 1e-6))
        #expect(result.rowLevel.isEmpty)
        #expect(result.rowMarginal.isEmpty)
        #expect(close(result.columnMarginal, [0, 0], 1e-8))
    }

    @Test func maximization() {
        let (model, program) = IpoptTestProblems.concaveMaximum()
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .locallyOptimal)
        #expect(close(result.objective, 2.5, 1e-7))
        #expect(close(result.columnLevel, [0.5, 1.5], 1e-6))
        #expect(close(result.rowLevel, [2], 1e-7))
        // Maximizing: loosening the binding ≤ row raises the objective at rate 3 − b = 1.
        #expect(close(result.rowMarginal, [1], 1e-6))
        #expect(close(result.columnMarginal, [0, 0], 1e-6))
    }

    @Test func infeasibleIsLocallyInfeasibleWithPoint() {
        let (model, program) = IpoptTestProblems.infeasible()
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .locallyInfeasible)
        #expect(result.solverStatus == .normalCompletion)
        #expect(result.hasSolution)
        #expect(result.rowLevel.count == 2)
        #expect(result.message.contains("Infeasible_Problem_Detected"))
    }

    @Test func iterationLimitIsNeverOptimal() {
        let (model, program) = IpoptTestProblems.hs71()
        var options = SolveOptions()
        options.iterLim = 2
        let result = solver.solve(model, program: program, options: options)
        #expect(result.solverStatus == .iterationInterrupt)
        #expect(result.modelStatus == .intermediateInfeasible || result.modelStatus == .feasible)
        #expect(result.iterations == 2)
        #expect(result.hasSolution)
        // HS71's start violates the equation Σx² = 40 (52 at the start): after two steps it is
        // still violated, and the message names it.
        #expect(result.modelStatus == .intermediateInfeasible)
        #expect(result.message.contains("e(2)") || result.message.contains("e(1)"))
    }

    @Test func iterationLimitZero() {
        let (model, program) = IpoptTestProblems.rosenbrock()
        var options = SolveOptions()
        options.iterLim = 0
        let result = solver.solve(model, program: program, options: options)
        #expect(result.solverStatus == .iterationInterrupt)
        // Unconstrained: any point is feasible.
        #expect(result.modelStatus == .feasible)
        #expect(close(result.columnLevel, [-1.2, 1]))
    }

    @Test func timeLimitIsResourceInterrupt() {
        let (model, program) = IpoptTestProblems.hs71()
        var options = SolveOptions()
        options.resLim = 0
        let result = solver.solve(model, program: program, options: options)
        #expect(result.solverStatus == .resourceInterrupt)
        #expect(result.modelStatus == .intermediateInfeasible || result.modelStatus == .feasible)
    }

    @Test func evaluationFailureAtTrialPointBacktracks() {
        let (model, program) = IpoptTestProblems.logarithm()
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .locallyOptimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(close(result.columnLevel, [0.1], 1e-6))
        #expect(close(result.objective, 1 + log(10.0), 1e-7))
        #expect(program.failures > 0)
    }

    @Test func evaluationFailureAtStartIsNoSolution() {
        var (model, program) = IpoptTestProblems.logarithm()
        model.columnStart = [-1]
        model.columnUpper = [-0.5]
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus != .locallyOptimal)
        #expect(result.modelStatus != .optimal)
        #expect(!result.hasSolution)
        #expect(!result.message.isEmpty)
    }

    /// Swift Testing runs tests in parallel; here several solves start at once on purpose.
    @Test func concurrentSolvesAreSerialized() async {
        let objectives = await withTaskGroup(of: Double?.self) { group in
            for k in 0..<8 {
                group.addTask {
                    let solver = IpoptSolver()
                    if k % 2 == 0 {
                        let (model, program) = IpoptTestProblems.hs71()
                        return solver.solve(model, program: program, options: SolveOptions()).objective
                    }
                    let (model, program) = IpoptTestProblems.rosenbrock()
                    return solver.solve(model, program: program, options: SolveOptions()).objective
                }
            }
            var values: [Double?] = []
            for await value in group { values.append(value) }
            return values
        }
        #expect(objectives.count == 8)
        #expect(objectives.filter { close($0, 17.0140173, 1e-7) }.count == 4)
        #expect(objectives.filter { close($0, 0, 1e-10) }.count == 4)
    }

    @Test func startIsProjectedIntoBounds() {
        var model = IpoptTestProblems.model(columns: [(1, 5, 9), (-.infinity, -2, .infinity),
                                                      (0, 1, .nan), (3, .infinity, -.infinity)],
                                            rows: [])
        #expect(IpoptSolver.startingPoint(model) == [5, -2, 0, 3])
        model.columnStart = []
        #expect(IpoptSolver.startingPoint(model) == [1, -2, 0, 3])
    }
}

@Suite("Ipopt: degenerate input")
struct IpoptDegenerateInputTests {
    let solver = IpoptSolver()

    private func constantRowProgram(_ value: Double) -> IpoptClosureProgram {
        let program = IpoptClosureProgram(variables: 0, constraints: 1)
        program.f = { _ in 7 }
        program.gradient = { _ in [] }
        program.g = { _ in [value] }
        return program
    }

    @Test func noColumnsFeasible() {
        let model = IpoptTestProblems.model(columns: [], rows: [(0, 10)])
        let result = solver.solve(model, program: constantRowProgram(5), options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(result.objective == 7)
        #expect(result.rowLevel == [5])
        #expect(result.rowMarginal == [0])
    }

    @Test func noColumnsInfeasible() {
        let model = IpoptTestProblems.model(columns: [], rows: [(6, 10)])
        let result = solver.solve(model, program: constantRowProgram(5), options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)
        #expect(!result.message.isEmpty)
    }

    @Test func noColumnsNoRows() {
        let model = IpoptTestProblems.model(columns: [], rows: [])
        let program = IpoptClosureProgram(variables: 0, constraints: 0)
        program.f = { _ in 3 }
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(result.objective == 3)
    }

    @Test func crossedColumnBounds() {
        var (model, program) = IpoptTestProblems.hs71()
        model.columnLower[2] = 6
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)
        #expect(result.message.contains("x(3)"))
        #expect(!result.hasSolution)
    }

    @Test func crossedRowBounds() {
        var (model, program) = IpoptTestProblems.hs71()
        model.rowLower[1] = 41
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)
        #expect(result.message.contains("e(2)"))
    }

    @Test func infiniteLowerBoundIsInfeasible() {
        var (model, program) = IpoptTestProblems.rosenbrock()
        model.columnLower[0] = .infinity
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
    }

    @Test func undefinedBoundIsSetupFailure() {
        var (model, program) = IpoptTestProblems.rosenbrock()
        model.columnUpper[1] = .nan
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .errorNoSolution)
        #expect(result.solverStatus == .setupFailure)
    }

    @Test func programOfTheWrongSizeIsSetupFailure() {
        let (model, _) = IpoptTestProblems.hs71()
        let (_, program) = IpoptTestProblems.rosenbrock()
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .errorNoSolution)
        #expect(result.solverStatus == .setupFailure)
        #expect(result.message.contains("columns"))
    }

    @Test func structureOutOfRangeIsSetupFailure() {
        let model = IpoptTestProblems.model(columns: [(0, 1, 0)], rows: [(0, 1)])
        let program = IpoptClosureProgram(variables: 1, constraints: 1, jacobian: [(0, 1)])
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.solverStatus == .setupFailure)
        #expect(result.message.contains("Jacobian"))
        let hessian = IpoptClosureProgram(variables: 1, constraints: 1, jacobian: [(0, 0)],
                                          hessian: [(-1, 0)])
        #expect(solver.solve(model, program: hessian, options: SolveOptions()).solverStatus
                    == .setupFailure)
    }

    @Test func integerColumnsNeedRelaxation() {
        var (model, program) = IpoptTestProblems.rosenbrock()
        model.columnIsInteger[0] = true
        let refused = solver.solve(model, program: program, options: SolveOptions())
        #expect(refused.solverStatus == .capabilityProblems)
        #expect(refused.modelStatus == .errorNoSolution)
        var options = SolveOptions()
        options.relaxIntegrality = true
        #expect(solver.solve(model, program: program, options: options).modelStatus == .locallyOptimal)
    }

    @Test func loadOnly() {
        let (model, program) = IpoptTestProblems.hs71()
        var options = SolveOptions()
        options.loadOnly = true
        let result = solver.solve(model, program: program, options: options)
        #expect(result.modelStatus == .noSolutionReturned)
        #expect(result.solverStatus == .solveProcessingSkipped)
        #expect(program.evaluations == 0)
    }

    /// More equations than free variables: Ipopt refuses before iterating.
    @Test func tooFewDegreesOfFreedom() {
        let model = IpoptTestProblems.model(columns: [(-10, 10, 0)], rows: [(1, 1), (2, 2)])
        let program = IpoptClosureProgram(variables: 1, constraints: 2, jacobian: [(0, 0), (1, 0)])
        program.f = { x in x[0] }
        program.gradient = { _ in [1] }
        program.g = { x in [x[0], 2 * x[0]] }
        program.jacobian = { _ in [1, 2] }
        let result = solver.solve(model, program: program, options: SolveOptions())
        #expect(result.modelStatus == .errorNoSolution)
        #expect(result.solverStatus == .setupFailure)
        #expect(result.message.contains("Not_Enough_Degrees_Of_Freedom"))
    }
}
