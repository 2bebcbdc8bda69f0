import IR

/// The objective variable taken out of a nonlinear model: with the objective `c·z` (`c` is 1,
/// or the variable's scale under `scaleOpt`) and `z`'s defining row `a·z + rest(x) = rhs`, the
/// objective becomes `c·(rhs − rest(x)) / a` and the row disappears, so the solver minimizes
/// the function itself instead of chasing a free variable through an equality (as GAMS does
/// for NLP solvers). `invert` puts the row and the variable back into the result: `z` is the
/// objective value over `c`, the row holds at `rhs` with marginal `c/a` (d objective / d rhs).
struct ObjectiveSubstitution: Reduction {
    var row: Int
    var column: Int
    var coefficient: Double
    var rhs: Double
    /// The objective's coefficient of the variable (`c`).
    var weight: Double

    /// Substitutes out `column` when it is free, continuous, and occurs in exactly one row, an
    /// equality, linearly. Returns nil (and leaves `model` as it was) otherwise.
    static func apply(_ model: inout ScalarModel, column j: Int) -> ObjectiveSubstitution? {
        guard let (row, coefficient, rhs) = definition(in: model, column: j) else { return nil }
        let weight = model.objective[j]
        // the objective must be the variable alone, as generation makes it
        guard weight != 0, model.objectiveConstant == 0,
              model.objective.enumerated().allSatisfy({ $0.offset == j || $0.element == 0 }) else { return nil }
        var out = ScalarModel()
        out.sense = model.sense
        out.objective = model.objective
        out.objective[j] = 0
        out.objectiveConstant = weight * rhs / coefficient
        out.columnLower = model.columnLower
        out.columnUpper = model.columnUpper
        // the variable stays as a fixed column (the solver treats it as a parameter)
        out.columnLower[j] = 0
        out.columnUpper[j] = 0
        out.columnIsInteger = model.columnIsInteger
        out.columnStart = model.columnStart
        out.columnOrigin = model.columnOrigin
        out.nonlinear = model.nonlinear
        for k in model.rowStart[row]..<model.rowStart[row + 1] where model.entryColumn[k] != Int32(j) {
            out.objective[Int(model.entryColumn[k])] -= weight * model.entryValue[k] / coefficient
        }
        out.rowStart.reserveCapacity(model.rowCount)
        out.entryColumn.reserveCapacity(model.nonzeroCount)
        out.entryValue.reserveCapacity(model.nonzeroCount)
        for r in 0..<model.rowCount where r != row {
            let range = model.rowStart[r]..<model.rowStart[r + 1]
            out.addRow(columns: Array(model.entryColumn[range]), values: Array(model.entryValue[range]),
                       lower: model.rowLower[r], upper: model.rowUpper[r], origin: model.rowOrigin[r])
        }
        for nr in model.nonlinearRows {
            if Int(nr.row) == row {
                let scale = out.nonlinear.constant(-weight / coefficient)
                out.objectiveRoot = out.nonlinear.add(.product, [scale, nr.root])
            } else {
                out.nonlinearRows.append(NonlinearRow(row: Int(nr.row) > row ? nr.row - 1 : nr.row, root: nr.root))
            }
        }
        model = out
        return ObjectiveSubstitution(row: row, column: j, coefficient: coefficient, rhs: rhs, weight: weight)
    }

    /// The row that defines column `j`, when `j` is free, continuous, and occurs in exactly one
    /// row, an equality, linearly: the row, `j`'s coefficient there and the right-hand side.
    static func definition(in model: ScalarModel, column j: Int) -> (row: Int, coefficient: Double, rhs: Double)? {
        guard j < model.columnCount, model.columnLower[j] == -.infinity, model.columnUpper[j] == .infinity,
              !model.columnIsInteger[j], model.objectiveRoot < 0 else { return nil }
        var row = -1, coefficient = 0.0
        for r in 0..<model.rowCount {
            for k in model.rowStart[r]..<model.rowStart[r + 1] where model.entryColumn[k] == Int32(j) {
                if row >= 0 { return nil }
                row = r
                coefficient = model.entryValue[k]
            }
        }
        guard row >= 0, coefficient != 0, model.rowLower[row] == model.rowUpper[row], model.rowLower[row].isFinite else { return nil }
        if model.nonlinear.nodes.contains(where: { $0.op == .variable && $0.column == Int32(j) }) { return nil }
        return (row, coefficient, model.rowLower[row])
    }

    /// The result of the substituted model as a result of the original one: the row comes back
    /// with level `rhs` and marginal `1/a` (d objective / d rhs), the variable with the objective
    /// value as level and marginal 0.
    func invert(_ result: SolveResult) -> SolveResult {
        var r = result
        if r.hasSolution {
            if column < r.columnLevel.count, let value = r.objective { r.columnLevel[column] = value / weight }
            if column < r.columnMarginal.count { r.columnMarginal[column] = 0 }
        }
        if row <= r.rowLevel.count { r.rowLevel.insert(rhs, at: row) }
        if row <= r.rowMarginal.count { r.rowMarginal.insert(weight / coefficient, at: row) }
        return r
    }
}
