import Derivatives
import IR

/// A complementarity problem's rows at a point: their functions F = body - constant, their
/// derivatives in a layout's terms (for Siconos), and the verdict on a point in GAMS's terms.
/// Both MCP backends judge their answer here, by the same measure.
final class MCPEvaluation {
    let model: ScalarModel
    let layout: MCPLayout
    let derivatives: ModelDerivatives
    let constant: [Double]
    /// The current point: fixed columns at their value, the pairs' columns as last set.
    var x: [Double]
    /// The starting point (the columns' levels within their bounds).
    let start: [Double]
    private var body: [Double]
    private var jacobianValues: [Double]
    /// The last point where every row could be evaluated (reported when the solve ends at
    /// one where some cannot).
    private var lastEvaluable: [Double]?

    init(_ model: ScalarModel, layout: MCPLayout) {
        self.model = model
        self.layout = layout
        derivatives = ModelDerivatives(model)
        constant = model.complementarity?.constant ?? Array(repeating: 0, count: model.rowCount)
        x = (0 ..< model.columnCount).map { c in
            Swift.min(model.columnUpper[c], Swift.max(model.columnLower[c], model.columnStart[c]))
        }
        start = x
        body = Array(repeating: 0, count: model.rowCount)
        jacobianValues = Array(repeating: 0, count: derivatives.jacobianRows.count)
    }

    /// The rows' functions F = body - constant at the current point `x`; nil when a row
    /// cannot be evaluated there.
    func functions() -> [Double]? {
        let ok = x.withUnsafeBufferPointer { p in
            body.withUnsafeMutableBufferPointer { derivatives.constraints(p, into: $0) }
        }
        guard ok else { return nil }
        lastEvaluable = x
        return zip(body, constant).map { $0 - $1 }
    }

    /// Siconos's residuals at its iterate `z`.
    func residuals(_ z: UnsafePointer<Double>, _ w: UnsafeMutablePointer<Double>) -> Bool {
        layout.columns(from: z, into: &x)
        guard let f = functions() else { return false }
        layout.residuals(f, z, into: w)
        return true
    }

    /// The Jacobian of Siconos's residuals at its iterate `z`, dense and column-major.
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

    /// The result at the current point, judged in the model's own terms: a solution when every
    /// pair is within `MCPEvaluation.tolerance` of complementarity (model status 1); else 6
    /// when the backend was stopped (`stop`: a limit, an evaluation error), 5 otherwise, with
    /// `failure` in the message.
    func judged(iterations: Int, stop: SolverStatus?, failure: String) -> SolveResult {
        // iterates may leave the bounds; a reported point never does
        for c in x.indices { x[c] = Swift.min(model.columnUpper[c], Swift.max(model.columnLower[c], x[c])) }
        guard let f = functions() else {
            let row = derivatives.lastFailedRow.map { " in row \(model.rowOrigin[$0].displayName)" } ?? ""
            var r = SolveResult(modelStatus: .intermediateInfeasible, solverStatus: .evaluationInterrupt,
                                message: "a function cannot be evaluated at the solver's last point\(row) (a domain error); the last point where every row could be is reported")
            r.iterations = iterations
            // the last point every row could be evaluated at, or the start
            if let good = lastEvaluable { x = good } else { x = start }
            return withPoint(r, f: functions())
        }
        let violation = layout.violation(x, f)
        var r: SolveResult
        if violation <= MCPEvaluation.tolerance {
            r = SolveResult(modelStatus: .optimal, solverStatus: .normalCompletion, message: "complementarity violation \(violation)")
        } else if let stop {
            r = SolveResult(modelStatus: .intermediateInfeasible, solverStatus: stop,
                            message: "stopped (\(stop.text)) after \(iterations) iterations at a point that violates complementarity by \(violation)")
        } else {
            r = SolveResult(modelStatus: .locallyInfeasible, solverStatus: .normalCompletion,
                            message: "\(failure): the last point violates complementarity by \(violation)")
        }
        r.iterations = iterations
        return withPoint(r, f: f)
    }

    /// The largest complementarity violation a solution may have (PATH's default convergence
    /// tolerance in GAMS is 1e-6 as well).
    static let tolerance = 1e-6

    /// The marginal of column `c` paired with a function of value `f`: at a solution a pair
    /// strictly between its bounds has F = 0, and what the solver's accuracy leaves there
    /// (±1e-10 from an interior point, ±1e-15 from rounding) is reported as 0; at a bound, or
    /// away from a solution, F is reported as computed.
    private func marginal(_ f: Double, column c: Int, solved: Bool) -> Double {
        let interior = x[c] > model.columnLower[c] && x[c] < model.columnUpper[c]
        return solved && interior && abs(f) <= MCPEvaluation.tolerance ? 0 : f
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
        r.evaluationSeconds = derivatives.evaluationSeconds
        guard let pairs = model.complementarity?.pairedColumn else { return r }
        for (row, c) in pairs.enumerated() where c >= 0 {
            r.columnMarginal[Int(c)] = f.map { marginal($0[row], column: Int(c), solved: r.modelStatus == .optimal) } ?? SpecialValue.na
            r.rowMarginal[row] = x[Int(c)]
        }
        return r
    }
}
