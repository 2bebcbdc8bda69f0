import IR

/// Fixed variables treated as constants, as GAMS does with the model attribute `holdFixed = 1`:
/// the backend never sees them as unknowns.
///
/// For each column `j` with `l_j = u_j = v_j` (other than the objective variable's):
/// - a linear entry `a_ij·x_j` of row `i` leaves the row and moves its value to the bounds,
///   `L_i − a_ij·v_j ≤ rest ≤ U_i − a_ij·v_j`;
/// - every occurrence of `x_j` in a nonlinear term becomes the constant `v_j`;
/// - an objective coefficient `c_j` becomes the constant `c_j·v_j`.
/// The column itself stays, fixed and without entries, so that the indices of the other columns
/// do not change. Inverted: each row's level gets its constant back (`level_i + Σ a_ij·v_j`);
/// a held column's level is `v_j` and its marginal 0, since it was no variable of the problem
/// solved (GAMS reports no marginal for it either). A row left without any term is checked by
/// the solve step as generation checks rows whose terms vanished (E4015).
struct HeldFixedColumns: Reduction {
    /// The held columns, ascending, and their values.
    let columns: [Int]
    let values: [Double]
    /// Per row: the value the held columns contributed to it.
    let rowConstants: [Double]
    /// The rows left without any term (linear or nonlinear).
    let emptyRows: [Int]

    /// Holds the fixed columns of `model` other than `objective`; nil when there are none.
    static func apply(_ model: inout ScalarModel, keeping objective: Int) -> HeldFixedColumns? {
        let n = model.columnCount
        var held = [Bool](repeating: false, count: n)
        var columns: [Int] = []
        for j in 0..<n where j != objective && model.columnLower[j] == model.columnUpper[j] && model.columnLower[j].isFinite {
            held[j] = true
            columns.append(j)
        }
        guard !columns.isEmpty else { return nil }
        var constants = [Double](repeating: 0, count: model.rowCount)
        var entryColumn: [Int32] = [], entryValue: [Double] = [], rowStart = [0]
        entryColumn.reserveCapacity(model.nonzeroCount)
        entryValue.reserveCapacity(model.nonzeroCount)
        for i in 0..<model.rowCount {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumn[k])
                if held[j] {
                    constants[i] += model.entryValue[k] * model.columnLower[j]
                } else {
                    entryColumn.append(model.entryColumn[k])
                    entryValue.append(model.entryValue[k])
                }
            }
            rowStart.append(entryColumn.count)
            model.rowLower[i] -= constants[i]
            model.rowUpper[i] -= constants[i]
        }
        model.entryColumn = entryColumn
        model.entryValue = entryValue
        model.rowStart = rowStart
        for j in columns where model.objective[j] != 0 {
            model.objectiveConstant += model.objective[j] * model.columnLower[j]
            model.objective[j] = 0
        }
        for k in model.nonlinear.nodes.indices where model.nonlinear.nodes[k].op == .variable {
            let j = Int(model.nonlinear.nodes[k].column)
            if j < n && held[j] { model.nonlinear.nodes[k] = NLNode(op: .constant, value: model.columnLower[j]) }
        }
        var nonlinearRows = Set<Int32>()
        for nr in model.nonlinearRows { nonlinearRows.insert(nr.row) }
        let empty = (0..<model.rowCount).filter { i in
            rowStart[i] == rowStart[i + 1] && !nonlinearRows.contains(Int32(i))
        }
        return HeldFixedColumns(columns: columns, values: columns.map { model.columnLower[$0] }, rowConstants: constants,
                                emptyRows: empty)
    }

    func invert(_ result: SolveResult) -> SolveResult {
        var r = result
        guard r.hasSolution else { return r }
        for (j, v) in zip(columns, values) where j < r.columnLevel.count {
            r.columnLevel[j] = v
            if j < r.columnMarginal.count { r.columnMarginal[j] = 0 }
        }
        for (i, c) in rowConstants.enumerated() where i < r.rowLevel.count && c != 0 { r.rowLevel[i] += c }
        return r
    }
}
