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
/// taken from Siconos's own measure alone: the answer is checked in the model's terms (each
/// column against the projection of x - F onto its bounds) before it is called optimal.
///
/// GAMS's conventions for the result: a column's marginal is its row's F, a row's marginal is
/// its column's level, the objective is 0; a solution is model status 1 (Optimal), a point
/// that is not one is 5 (Locally Infeasible), or 6 (Intermediate Infeasible) when a limit or
/// an evaluation error stopped the solve.
public struct SiconosMCPSolver: Solver {
    public let name = "siconos"
    /// The most components the dense Newton takes (their Jacobian is 8 bytes × n²: 512 MB).
    public static let maximumComponents = 8000
    /// The largest complementarity violation a solution may have (PATH's default convergence
    /// tolerance in GAMS is 1e-6 as well).
    public static let tolerance = 1e-6
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
        var result = evaluation.result(at: z, outcome: outcome, maxIterations: maxIterations)
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

/// The model's rows and their derivatives at Siconos's iterates, in the layout's terms.
private final class MCPEvaluation {
    let model: ScalarModel
    let layout: MCPLayout
    let derivatives: ModelDerivatives
    let constant: [Double]
    /// The current point: fixed columns at their value, the pairs' columns from the iterate.
    var x: [Double]
    private var body: [Double]
    private var jacobianValues: [Double]

    init(_ model: ScalarModel, layout: MCPLayout) {
        self.model = model
        self.layout = layout
        derivatives = ModelDerivatives(model)
        constant = model.complementarity?.constant ?? Array(repeating: 0, count: model.rowCount)
        x = (0 ..< model.columnCount).map { c in
            Swift.min(model.columnUpper[c], Swift.max(model.columnLower[c], model.columnStart[c]))
        }
        body = Array(repeating: 0, count: model.rowCount)
        jacobianValues = Array(repeating: 0, count: derivatives.jacobianRows.count)
    }

    /// The rows' functions F = body - constant at the current point `x`; nil when a row
    /// cannot be evaluated there.
    func functions() -> [Double]? {
        let ok = x.withUnsafeBufferPointer { p in
            body.withUnsafeMutableBufferPointer { derivatives.constraints(p, into: $0) }
        }
        return ok ? zip(body, constant).map { $0 - $1 } : nil
    }

    func residuals(_ z: UnsafePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Bool {
        layout.columns(from: z, into: &x)
        guard let f = functions() else { return false }
        layout.residuals(f, z, into: w)
        return true
    }

    func jacobian(_ z: UnsafePointer<Double>, _ dense: UnsafeMutablePointer<Double>) -> Bool {
        layout.columns(from: z, into: &x)
        let ok = x.withUnsafeBufferPointer { p in
            jacobianValues.withUnsafeMutableBufferPointer { derivatives.jacobianValues(p, into: $0) }
        }
        guard ok else { return false }
        for k in jacobianValues.indices {
            layout.addDerivative(row: Int(derivatives.jacobianRows[k]), column: Int(derivatives.jacobianColumns[k]),
                                 value: jacobianValues[k], into: dense)
        }
        layout.addConstantDerivatives(into: dense)
        return true
    }

    /// The result at Siconos's last iterate `z`, judged in the model's own terms.
    func result(at z: [Double], outcome: enm_mcp_outcome, maxIterations: Int) -> SolveResult {
        z.withUnsafeBufferPointer { layout.columns(from: $0.baseAddress!, into: &x) }
        // Siconos's iterates may leave the bounds; a reported point never does
        for c in x.indices { x[c] = Swift.min(model.columnUpper[c], Swift.max(model.columnLower[c], x[c])) }
        guard outcome.evaluationFailed == 0, let f = functions() else {
            let row = derivatives.lastFailedRow.map { " in row \(model.rowOrigin[$0].displayName)" } ?? ""
            var r = SolveResult(modelStatus: .intermediateInfeasible, solverStatus: .evaluationInterrupt,
                                message: "a function could not be evaluated\(row) (a domain error); the last point is reported")
            r.iterations = Int(outcome.iterations)
            return withPoint(r, f: functions())
        }
        let violation = layout.violation(x, f)
        let solved = violation <= SiconosMCPSolver.tolerance
        var r: SolveResult
        if solved {
            r = SolveResult(modelStatus: .optimal, solverStatus: .normalCompletion,
                            message: "complementarity violation \(violation)")
        } else if Int(outcome.iterations) >= maxIterations {
            r = SolveResult(modelStatus: .intermediateInfeasible, solverStatus: .iterationInterrupt,
                            message: "stopped after \(outcome.iterations) Newton iterations with complementarity violation \(violation)")
        } else {
            r = SolveResult(modelStatus: .locallyInfeasible, solverStatus: .normalCompletion,
                            message: "Siconos found no solution: the last point violates complementarity by \(violation) (Siconos's residual \(outcome.residual))")
        }
        r.iterations = Int(outcome.iterations)
        return withPoint(r, f: f)
    }

    /// `f` as 0 when it is rounding error next to the terms it was computed from (a pair
    /// between its bounds has F = 0 exactly; the arithmetic leaves ±1e-15 in it).
    private static func cleaned(_ f: Double, scale: Double) -> Double {
        abs(f) <= 1e-12 * Swift.max(1, scale) ? 0 : f
    }

    /// `r` with the current point written GAMS's way: levels, each column's F as its marginal,
    /// each row's column level as its marginal, objective 0.
    private func withPoint(_ r: SolveResult, f: [Double]?) -> SolveResult {
        var r = r
        r.objective = 0
        r.columnLevel = x
        r.rowLevel = body
        r.columnMarginal = Array(repeating: 0, count: model.columnCount)
        r.rowMarginal = Array(repeating: 0, count: model.rowCount)
        guard let pairs = model.complementarity?.pairedColumn else { return r }
        for (row, c) in pairs.enumerated() {
            r.columnMarginal[Int(c)] = f.map { Self.cleaned($0[row], scale: Swift.max(abs(body[row]), abs(constant[row]))) } ?? SpecialValue.na
            r.rowMarginal[row] = x[Int(c)]
        }
        r.evaluationSeconds = derivatives.evaluationSeconds
        return r
    }
}
