import Foundation
import IR

/// Mixed complementarity problems solved as a nonlinear program through Ipopt: the pairs as
/// equalities with slacks and the sum of the complementarity products minimized
/// (`ComplementarityProgram`). Every product is nonnegative within the bounds, so a point of
/// objective 0 is exactly a solution: x_j = l_j where F > 0, x_j = u_j where F < 0, F = 0 in
/// between.
///
/// The program is nonconvex (the products), but its constraints are the model's own and sparse,
/// so it scales where a dense Newton method does not (benchmarks/mcp). Ipopt's answer is judged
/// like Siconos's (`MCPEvaluation`): only a point within 1e-6 of complementarity is a solution.
public struct IpoptMCPSolver: Solver {
    public let name = "ipopt"
    private let ipopt = IpoptSolver()

    public init() {}

    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] { ipopt.optionProblems(settings) }

    public func releaseThreadState() { ipopt.releaseThreadState() }

    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        guard let pairs = model.complementarity?.pairedColumn, pairs.count == model.rowCount else {
            return SolveResult(modelStatus: .errorNoSolution, solverStatus: .capabilityProblems,
                               message: "the complementarity backend solves complementarity problems only (solve ... using mcp)")
        }
        let layout = MCPLayout(model, pairedColumn: pairs)
        let evaluation = MCPEvaluation(model, layout: layout)
        let program = ComplementarityProgram(model, layout: layout, evaluation: evaluation, products: .objective).model
        let answer = ipopt.solve(program, options: ComplementarityProgram.tightened(options))
        guard answer.hasSolution else { return answer }
        evaluation.x = Array(answer.columnLevel.prefix(model.columnCount))
        let stopped: Set<SolverStatus> = [.iterationInterrupt, .resourceInterrupt, .evaluationInterrupt, .userInterrupt]
        var result = evaluation.judged(iterations: answer.iterations, stop: stopped.contains(answer.solverStatus) ? answer.solverStatus : nil,
                                       failure: "Ipopt ended with '\(answer.modelStatus.text)' and products summing to \(answer.objective ?? .nan)")
        result.solverSeconds = answer.solverSeconds
        result.warnings = answer.warnings
        return result
    }
}
