import IR

/// The scale factors of a model's columns and rows (`x.scale`, `e.scale`), read when the model
/// sets `scaleOpt`; only factors other than 1 are kept.
struct ScaleFactors {
    var columns: [Int: Double] = [:]
    var rows: [Int: Double] = [:]

    var isEmpty: Bool { columns.isEmpty && rows.isEmpty }
}

/// The model as the algorithm sees it under GAMS's scaling (`m.scaleOpt = 1`).
///
/// A variable's scale `s_j` relates the user's value to the algorithm's, `x_j = s_j·x'_j`; an
/// equation's scale `r_i` divides the row, `g'_i = g_i / r_i`. So the backend gets
/// - coefficients `a'_ij = a_ij·s_j / r_i`, row bounds `L_i / r_i`, `U_i / r_i`;
/// - column bounds and starting levels divided by `s_j`, objective coefficients `c_j·s_j` (the
///   objective keeps its value: GAMS scales no objective function);
/// - in nonlinear terms every `x_j` replaced by `s_j·x'_j`, and each row's nonlinear part
///   multiplied by `1/r_i`.
/// Inverted, in the user's notation: `x_j = s_j·x'_j` with marginal `d'_j / s_j`, row level
/// `r_i·g'_i` with marginal `y'_i / r_i` (d objective / d right-hand side). Factors are positive
/// and finite (the solve step refuses others) and integer columns are not scaled (GAMS cannot
/// scale integer variables; the solve step warns).
struct Scaling: Reduction {
    let factors: ScaleFactors

    /// Scales `model` by `factors`; nil when every factor is 1.
    static func apply(_ model: inout ScalarModel, _ factors: ScaleFactors) -> Scaling? {
        guard !factors.isEmpty else { return nil }
        let columnScale = dense(factors.columns, count: model.columnCount)
        let rowScale = dense(factors.rows, count: model.rowCount)
        for (j, s) in factors.columns {
            model.columnLower[j] /= s
            model.columnUpper[j] /= s
            if j < model.columnStart.count { model.columnStart[j] /= s }
            model.objective[j] *= s
        }
        for i in 0..<model.rowCount {
            let r = rowScale[i]
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                model.entryValue[k] *= columnScale[Int(model.entryColumn[k])] / r
            }
            if r != 1 {
                model.rowLower[i] /= r
                model.rowUpper[i] /= r
            }
        }
        if model.isNonlinear { scaleNonlinear(&model, columnScale: columnScale, rowScale: rowScale) }
        return Scaling(factors: factors)
    }

    /// The factors as one entry per index (1 where none is given).
    private static func dense(_ factors: [Int: Double], count: Int) -> [Double] {
        var scale = [Double](repeating: 1, count: count)
        for (k, s) in factors where k < count { scale[k] = s }
        return scale
    }

    /// Rebuilds the expression pool with each scaled column `x_j` as `s_j·x'_j` (a node's
    /// arguments must precede it, so scaled references cannot be patched in place) and each
    /// scaled row's nonlinear part multiplied by `1/r_i`.
    private static func scaleNonlinear(_ model: inout ScalarModel, columnScale: [Double], rowScale: [Double]) {
        let old = model.nonlinear
        var pool = NLExpressionPool()
        var moved = [Int32](repeating: -1, count: old.nodes.count)
        for k in old.nodes.indices {
            let node = old.nodes[k]
            switch node.op {
            case .constant:
                moved[k] = pool.constant(node.value)
            case .variable:
                let j = Int(node.column)
                let s = j < columnScale.count ? columnScale[j] : 1
                let v = pool.variable(j)
                moved[k] = s == 1 ? v : pool.add(.product, [pool.constant(s), v])
            default:
                let args = old.arguments(of: Int32(k)).map { moved[Int($0)] }
                moved[k] = pool.add(node.op, args, value: node.value)
            }
        }
        model.nonlinear = pool
        model.nonlinearRows = model.nonlinearRows.map { nr in
            var root = moved[Int(nr.root)]
            let r = Int(nr.row) < rowScale.count ? rowScale[Int(nr.row)] : 1
            if r != 1 { root = model.nonlinear.add(.product, [model.nonlinear.constant(1 / r), root]) }
            return NonlinearRow(row: nr.row, root: root)
        }
        if model.objectiveRoot >= 0 { model.objectiveRoot = moved[Int(model.objectiveRoot)] }
    }

    func invert(_ result: SolveResult) -> SolveResult {
        var r = result
        for (j, s) in factors.columns {
            if j < r.columnLevel.count { r.columnLevel[j] *= s }
            if j < r.columnMarginal.count { r.columnMarginal[j] /= s }
        }
        for (i, s) in factors.rows {
            if i < r.rowLevel.count { r.rowLevel[i] *= s }
            if i < r.rowMarginal.count { r.rowMarginal[i] /= s }
        }
        return r
    }
}
