import CSiconosShim
import Derivatives
import Foundation
import IR

/// Mixed complementarity problems (`solve m using mcp`) through Siconos numerics: Newton's
/// method on the Fischer–Burmeister reformulation with a line search (Siconos's
/// MCP_NEWTON_FB_FBLSA), with the exact Jacobian of the model's rows (`ModelDerivatives`).
///
/// The pairs become Siconos's components as `MCPLayout` describes. Siconos 4.4's Newton takes
/// the Jacobian dense only, so a problem is limited to `maximumComponents`. Success is not
/// taken from Siconos's own measure: `MCPEvaluation` judges the answer in the model's terms and
/// writes it with GAMS's conventions.
public struct SiconosMCPSolver: Solver {
    public let name = "siconos"
    /// The most components the dense Newton takes (their Jacobian is 8 bytes × n²: 512 MB).
    public static let maximumComponents = 8000
    /// The most Newton iterations when `iterLim` asks for more.
    static let iterationCap = 1000
    /// Siconos keeps global state (its verbosity, its BLAS work areas): one solve at a time.
    private static let lock = NSLock()

    public init() {}

    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        guard let pairs = model.complementarity?.pairedColumn, pairs.count == model.rowCount else {
            return SolveResult(modelStatus: .errorNoSolution, solverStatus: .capabilityProblems,
                               message: "Siconos solves complementarity problems only (solve ... using mcp)")
        }
        let layout = MCPLayout(model, pairedColumn: pairs)
        guard layout.componentCount <= Self.maximumComponents else {
            return SolveResult(modelStatus: .noSolutionReturned, solverStatus: .capabilityProblems,
                               message: "the complementarity problem has \(layout.componentCount) components; Siconos's dense Newton method takes at most \(Self.maximumComponents)")
        }
        let started = Date()
        let evaluation = MCPEvaluation(model, layout: layout)
        guard !options.loadOnly else {
            var r = SolveResult(modelStatus: .noSolutionReturned, solverStatus: .normalCompletion)
            r.solverSeconds = Date().timeIntervalSince(started)
            return r
        }
        let maxIterations = Swift.max(1, Swift.min(options.iterLim, Self.iterationCap))
        var z = layout.start(evaluation.x)
        var w = Array(repeating: 0.0, count: layout.componentCount)
        let env = Unmanaged.passUnretained(evaluation).toOpaque()
        Self.lock.lock()
        let outcome = enm_mcp_solve(Int32(layout.equalities), Int32(layout.complementarities), mcpFunction, mcpJacobian,
                                    env, &z, &w, 1e-12, Int32(maxIterations))
        Self.lock.unlock()
        z.withUnsafeBufferPointer { layout.columns(from: $0.baseAddress!, into: &evaluation.x) }
        let stop: SolverStatus? = outcome.evaluationFailed != 0 ? .evaluationInterrupt
            : Int(outcome.iterations) >= maxIterations ? .iterationInterrupt : nil
        var result = evaluation.judged(iterations: Int(outcome.iterations), stop: stop,
                                       failure: "Siconos found no solution (its residual \(outcome.residual))")
        result.solverSeconds = Date().timeIntervalSince(started)
        return result
    }
}

/// F(z) for Siconos: the model's rows at the point of `z`.
private let mcpFunction: enm_mcp_function = { env, _, z, w in
    guard let env, let z, let w else { return 0 }
    return Unmanaged<MCPEvaluation>.fromOpaque(env).takeUnretainedValue().residuals(z, w) ? 1 : 0
}

/// ∇F(z) for Siconos, dense and column-major.
private let mcpJacobian: enm_mcp_jacobian = { env, _, z, dense in
    guard let env, let z, let dense else { return 0 }
    return Unmanaged<MCPEvaluation>.fromOpaque(env).takeUnretainedValue().jacobian(z, dense) ? 1 : 0
}
