import Foundation
import IR

/// Mixed complementarity problems solved as a nonlinear program through Ipopt.
///
/// Each pair of a row's function F_r and a column x_j in [l_j, u_j] becomes
///
///     F_r(x) - w_r + v_r = 0,   w_r >= 0 (when l_j is finite),   v_r >= 0 (when u_j is finite)
///
/// and the objective is the sum of the complementarity products, Σ (x_j - l_j)·w_r +
/// (u_j - x_j)·v_r, minimized. Every term is nonnegative within the bounds, so a point of
/// objective 0 is exactly a solution: x_j = l_j where F > 0 (w = F), x_j = u_j where F < 0
/// (v = -F), F = 0 in between. A free column's pair is the equality F_r = 0. Rows paired with
/// fixed columns impose nothing (they are free rows here).
///
/// The program is nonconvex (the products), but the constraints are the model's own and sparse,
/// so it scales where a dense Newton method does not (benchmarks/mcp). Ipopt's answer is judged
/// like Siconos's (`MCPEvaluation`): only a point within 1e-6 of complementarity is a solution.
public struct IpoptMCPSolver: Solver {
    public let name = "ipopt"
    private let ipopt = IpoptSolver()

    public init() {}

    /// Ipopt's settings for the program of a complementarity problem.
    static let settings = [SolverOptionSetting(name: "bound_relax_factor", value: "0"), SolverOptionSetting(name: "tol", value: "1e-10")]

    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] { ipopt.optionProblems(settings) }

    public func releaseThreadState() { ipopt.releaseThreadState() }

    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        guard let pairs = model.complementarity?.pairedColumn, pairs.count == model.rowCount else {
            return SolveResult(modelStatus: .errorNoSolution, solverStatus: .capabilityProblems,
                               message: "the complementarity backend solves complementarity problems only (solve ... using mcp)")
        }
        let layout = MCPLayout(model, pairedColumn: pairs)
        let evaluation = MCPEvaluation(model, layout: layout)
        let program = Self.program(model, layout: layout, evaluation: evaluation)
        var tight = options
        // an interior point approaches the bounds only as its barrier parameter falls: without
        // relaxed bounds and with a tighter tolerance the products reach 1e-10 and the pairs
        // at a bound land on it (the option file's settings, after these, still win)
        tight.solverOptions = Self.settings + options.solverOptions
        let answer = ipopt.solve(program, options: tight)
        guard answer.hasSolution else { return answer }
        evaluation.x = Array(answer.columnLevel.prefix(model.columnCount))
        let stopped: Set<SolverStatus> = [.iterationInterrupt, .resourceInterrupt, .evaluationInterrupt, .userInterrupt]
        var result = evaluation.judged(iterations: answer.iterations, stop: stopped.contains(answer.solverStatus) ? answer.solverStatus : nil,
                                       failure: "Ipopt ended with '\(answer.modelStatus.text)' and products summing to \(answer.objective ?? .nan)")
        result.solverSeconds = answer.solverSeconds
        result.warnings = answer.warnings
        return result
    }

    /// The nonlinear program of `model`'s pairs (see the type's comment), starting at the
    /// evaluation's point with each slack at the part of F its bound takes.
    static func program(_ model: ScalarModel, layout: MCPLayout, evaluation: MCPEvaluation) -> ScalarModel {
        let start = evaluation.x
        var nlp = ScalarModel()
        nlp.nonlinear = model.nonlinear
        nlp.nonlinearRows = model.nonlinearRows
        for c in 0 ..< model.columnCount {
            nlp.addColumn(lower: model.columnLower[c], upper: model.columnUpper[c], start: start[c], origin: model.columnOrigin[c])
        }
        let f = evaluation.functions()
        var products: [Int32] = []
        var slacks: [(columns: [Int32], values: [Double])] = Array(repeating: ([], []), count: model.rowCount)
        for p in layout.pairs {
            let c = p.column, l = model.columnLower[c], u = model.columnUpper[c], value = f?[p.row] ?? 0
            if l.isFinite {
                let w = Int32(nlp.addColumn(lower: 0, upper: .infinity, start: Swift.max(0, value), origin: model.rowOrigin[p.row]))
                slacks[p.row].columns.append(w); slacks[p.row].values.append(-1)
                nlp.objective[Int(w)] = -l
                products.append(nlp.nonlinear.add(.product, [nlp.nonlinear.variable(c), nlp.nonlinear.variable(Int(w))]))
            }
            if u.isFinite {
                let v = Int32(nlp.addColumn(lower: 0, upper: .infinity, start: Swift.max(0, -value), origin: model.rowOrigin[p.row]))
                slacks[p.row].columns.append(v); slacks[p.row].values.append(1)
                nlp.objective[Int(v)] = u
                let xv = nlp.nonlinear.add(.product, [nlp.nonlinear.variable(c), nlp.nonlinear.variable(Int(v))])
                products.append(nlp.nonlinear.add(.negate, [xv]))
            }
        }
        let constant = model.complementarity?.constant ?? []
        for r in 0 ..< model.rowCount {
            let entries = model.rowStart[r] ..< model.rowStart[r + 1]
            let active = layout.pairOfRow[r] >= 0
            nlp.addRow(columns: Array(model.entryColumn[entries]) + slacks[r].columns,
                       values: Array(model.entryValue[entries]) + slacks[r].values,
                       lower: active ? constant[r] : -.infinity, upper: active ? constant[r] : .infinity, origin: model.rowOrigin[r])
        }
        if !products.isEmpty {
            nlp.objectiveRoot = products.count == 1 ? products[0] : nlp.nonlinear.add(.sum, products)
        }
        nlp.sense = .minimize
        return nlp
    }
}
