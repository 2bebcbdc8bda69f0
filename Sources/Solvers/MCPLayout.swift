import IR

/// How a GAMS mixed complementarity problem becomes the form Siconos solves.
///
/// GAMS pairs each row's function F_r(x) with a column x_j in [l_j, u_j]: F_r = 0 when
/// l < x < u, F_r >= 0 when x = l, F_r <= 0 when x = u. Siconos solves G(z) = 0 for its first
/// components (free) and 0 <= z ⊥ H(z) >= 0 for the rest. Each pair whose column is not fixed
/// becomes:
/// - free column (-inf, inf): an equality component, z = x, G = F;
/// - lower bound only: z = x - l >= 0 ⊥ F >= 0;
/// - upper bound only: z = u - x >= 0 ⊥ -F >= 0;
/// - both bounds: z = x - l >= 0 ⊥ F + y >= 0 and a second component y >= 0 ⊥ u - x >= 0,
///   where y is the part of -F the upper bound holds (x = u: y = -F >= 0; x < u: y = 0, F = 0
///   or x = l with F >= 0).
/// A pair whose column is fixed is left out: the column keeps its value and the row's F is
/// reported as the column's marginal. Siconos 4.4 needs at least one complementarity
/// component, so a problem of equalities alone gets a trivial one (0 <= d ⊥ d >= 0).
struct MCPLayout {
    enum Kind { case free, lower, upper, box }

    /// A pair the solve includes: its row and column, how the column is bounded, its
    /// component and (box) the component of its upper-bound part.
    struct Pair {
        let row: Int
        let column: Int
        let kind: Kind
        var component = 0
        var second = -1
    }

    private(set) var pairs: [Pair] = []
    /// The pair of each row, -1 for a row whose column is fixed.
    private(set) var pairOfRow: [Int]
    /// The pair of each column, -1 for a fixed column.
    private(set) var pairOfColumn: [Int]
    private(set) var equalities = 0
    private(set) var complementarities = 0
    /// The component of the trivial pair, -1 when there is none.
    private(set) var dummy = -1
    let lower: [Double]
    let upper: [Double]

    var componentCount: Int { equalities + complementarities }

    init(_ model: ScalarModel, pairedColumn: [Int32]) {
        lower = model.columnLower
        upper = model.columnUpper
        pairOfRow = Array(repeating: -1, count: model.rowCount)
        pairOfColumn = Array(repeating: -1, count: model.columnCount)
        for (r, c32) in pairedColumn.enumerated() where c32 >= 0 {
            let c = Int(c32), l = lower[c], u = upper[c]
            guard l < u else { continue }
            let kind: Kind = l.isFinite ? (u.isFinite ? .box : .lower) : (u.isFinite ? .upper : .free)
            pairOfRow[r] = pairs.count
            pairOfColumn[c] = pairs.count
            pairs.append(Pair(row: r, column: c, kind: kind))
        }
        // Siconos's order: the equalities, then the complementarity components
        var next = 0
        for k in pairs.indices where pairs[k].kind == .free { pairs[k].component = next; next += 1 }
        equalities = next
        for k in pairs.indices where pairs[k].kind != .free { pairs[k].component = next; next += 1 }
        for k in pairs.indices where pairs[k].kind == .box { pairs[k].second = next; next += 1 }
        if next == equalities { dummy = next; next += 1 }
        complementarities = next - equalities
    }

    /// The components of the starting point `x` (each column's start, within its bounds).
    func start(_ x: [Double]) -> [Double] {
        var z = Array(repeating: 0.0, count: componentCount)
        for p in pairs {
            let v = x[p.column]
            switch p.kind {
            case .free: z[p.component] = v
            case .lower, .box: z[p.component] = v - lower[p.column]
            case .upper: z[p.component] = upper[p.column] - v
            }
        }
        return z
    }

    /// Writes the columns of the pairs into `x` from the components `z`.
    func columns(from z: UnsafePointer<Double>, into x: inout [Double]) {
        for p in pairs {
            let v = z[p.component]
            switch p.kind {
            case .free: x[p.column] = v
            case .lower, .box: x[p.column] = lower[p.column] + v
            case .upper: x[p.column] = upper[p.column] - v
            }
        }
    }

    /// Siconos's residual from the rows' functions `f` at the point of `z`.
    func residuals(_ f: [Double], _ z: UnsafePointer<Double>, into w: UnsafeMutablePointer<Double>) {
        for p in pairs {
            let v = f[p.row]
            switch p.kind {
            case .free, .lower: w[p.component] = v
            case .upper: w[p.component] = -v
            case .box:
                w[p.component] = v + z[p.second]
                w[p.second] = (upper[p.column] - lower[p.column]) - z[p.component]
            }
        }
        if dummy >= 0 { w[dummy] = z[dummy] }
    }

    /// Adds ∂F_row/∂x_column = `value` to the dense column-major Jacobian of the residuals.
    func addDerivative(row: Int, column: Int, value: Double, into dense: UnsafeMutablePointer<Double>) {
        let pr = pairOfRow[row], pc = pairOfColumn[column]
        guard pr >= 0, pc >= 0 else { return }
        let out = pairs[pr].kind == .upper ? -1.0 : 1.0, into = pairs[pc].kind == .upper ? -1.0 : 1.0
        dense[pairs[pc].component * componentCount + pairs[pr].component] += out * into * value
    }

    /// The entries of the Jacobian that do not depend on the model: the box pairs' coupling and
    /// the trivial pair.
    func addConstantDerivatives(into dense: UnsafeMutablePointer<Double>) {
        let n = componentCount
        for p in pairs where p.kind == .box {
            dense[p.second * n + p.component] += 1
            dense[p.component * n + p.second] -= 1
        }
        if dummy >= 0 { dense[dummy * n + dummy] = 1 }
    }

    /// The largest violation of complementarity at `x` with functions `f`: for each pair the
    /// distance between x and its projection of x - F onto [l, u] (zero exactly at a solution).
    func violation(_ x: [Double], _ f: [Double]) -> Double {
        var worst = 0.0
        for p in pairs {
            let v = x[p.column]
            let projected = Swift.min(upper[p.column], Swift.max(lower[p.column], v - f[p.row]))
            worst = Swift.max(worst, abs(v - projected))
        }
        return worst
    }
}
