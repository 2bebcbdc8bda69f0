import IR

/// Writes a linear, mixed-integer or quadratic-objective model in CPLEX LP format, readable alike
/// by GLPK (`glp_read_lp`), CLP/CBC (CoinLpIO, which splits tokens at blanks only), HiGHS and
/// CPLEX; CLP and GLPK read no quadratic section, HiGHS and CPLEX do.
///
/// - Sections: `Minimize`/`Maximize`, `Subject To`, `Bounds`, `Generals`, `Binaries`, `End`.
///   Every line but the section headers starts with a blank, so no name is ever read as a
///   section keyword; long rows are wrapped near `lineWidth` characters, continuation lines
///   indented.
/// - A ranged row `lo <= a·x <= up` becomes `a·x - r = 0` with an extra column `lo <= r <= up`
///   (the form GLPK's own writer uses; its reader has no two-sided rows), which keeps the bounds
///   exact. Free rows bound nothing and LP files cannot state them: they are left out, with a
///   comment.
/// - A nonzero objective constant becomes an extra column fixed at 1 whose objective
///   coefficient is the constant (LP readers differ on constants in the objective).
/// - An empty row or objective is written as `0 x` with the model's first column.
/// - Tokens are separated by blanks (`x + 2 y >= 3`, `[ 2 x ^ 2 + 4 x * y ] / 2`).
/// - A quadratic objective `c·x + ½ xᵀQx` follows the linear terms as `+ [ ... ] / 2`.
public struct LPWriter: ModelWriter {
    /// The model name, written in the first comment.
    public var name: String
    /// Lines written as `\` comments at the top.
    public var comments: [String]
    /// The width lines are wrapped at (CPLEX accepts lines of up to 560 characters).
    public var lineWidth = 80

    public init(name: String = "model", comments: [String] = []) {
        self.name = name
        self.comments = comments
    }

    public func write(_ model: ScalarModel, quadratic: [QuadraticEntry]) throws -> WrittenModel {
        try checkWritable(model, quadratic: quadratic)
        let m = model.rowCount, n = model.columnCount
        var names = ModelNaming(model)
        let rows = names.rows, objective = names.objective, columns = names.columns
        let constant = model.objectiveConstant != 0 || n == 0 ? names.columnTable.claim("obj_constant") : nil
        var rangeColumns: [Int: String] = [:]
        for i in 0..<m where model.rowLower[i] > -.infinity && model.rowUpper[i] < .infinity
            && model.rowLower[i] != model.rowUpper[i] {
            rangeColumns[i] = names.columnTable.claim("range(\(rows[i]))")
        }
        // the column an empty linear form is written with
        let anyColumn = columns.first ?? constant!

        var out = ""
        out.reserveCapacity(48 * (m + n + model.nonzeroCount))
        out += "\\ Problem: \(oneLine(name))\n"
        for c in comments { out += "\\ \(oneLine(c))\n" }
        if let constant, model.objectiveConstant != 0 {
            out += "\\ the objective constant \(formatNumber(model.objectiveConstant)) is the coefficient of \(constant), fixed at 1\n"
        }
        out += "\n" + (model.sense == .maximize ? "Maximize\n" : "Minimize\n")

        var line = ""
        func add(_ piece: String) {
            if line.utf8.count + piece.utf8.count > lineWidth && !line.allSatisfy({ $0 == " " }) && line.last != ":" {
                out += line + "\n"
                line = "  "
            }
            line += piece
        }
        func term(_ coefficient: Double, _ name: String, first: Bool) -> String {
            let sign = coefficient < 0 ? "-" : "+"
            let size = abs(coefficient)
            let body = size == 1 ? name : "\(formatNumber(size)) \(name)"
            return first ? (coefficient < 0 ? " - \(body)" : " \(body)") : " \(sign) \(body)"
        }
        func finish() {
            out += line + "\n"
            line = ""
        }

        // objective: nonzero costs, and a zero cost for columns that appear nowhere else
        var rowCountOf = [Int](repeating: 0, count: n)
        for c in model.entryColumn { rowCountOf[Int(c)] += 1 }
        line = " \(objective):"
        var first = true
        for j in 0..<n where model.objective[j] != 0 || rowCountOf[j] == 0 {
            add(model.objective[j] == 0 ? (first ? " 0 \(columns[j])" : " + 0 \(columns[j])")
                                        : term(model.objective[j], columns[j], first: first))
            first = false
        }
        if let constant {
            add(model.objectiveConstant == 0 ? (first ? " 0 \(constant)" : " + 0 \(constant)")
                                             : term(model.objectiveConstant, constant, first: first))
            first = false
        }
        if first && quadratic.isEmpty { add(" 0 \(anyColumn)") }
        if !quadratic.isEmpty {
            // ½ xᵀQx from Q's lower triangle: Q_ii x_i^2, and 2 Q_ij x_i * x_j for the pair
            add(first ? " [" : " + [")
            for (k, e) in quadratic.enumerated() {
                let i = columns[Int(e.row)], j = columns[Int(e.column)]
                let value = e.row == e.column ? e.value : 2 * e.value
                let body = e.row == e.column ? "\(j) ^ 2" : "\(j) * \(i)"
                let size = abs(value) == 1 ? "" : "\(formatNumber(abs(value))) "
                add(k == 0 ? (value < 0 ? " - \(size)\(body)" : " \(size)\(body)") : " \(value < 0 ? "-" : "+") \(size)\(body)")
            }
            add(" ] / 2")
        }
        finish()

        out += "\nSubject To\n"
        var omitted: [Int] = []
        var written = 0
        for i in 0..<m {
            let lo = model.rowLower[i], up = model.rowUpper[i]
            if lo == -.infinity && up == .infinity {
                omitted.append(i)
                out += "\\ free row \(rows[i]) bounds nothing and is left out\n"
                continue
            }
            line = " \(rows[i]):"
            var first = true
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                add(term(model.entryValue[k], columns[Int(model.entryColumn[k])], first: first))
                first = false
            }
            if let r = rangeColumns[i] {
                add(term(-1, r, first: first))
                first = false
            }
            if first { add(" 0 \(anyColumn)") }
            if rangeColumns[i] != nil { add(" = 0") }
            else if lo == up { add(" = \(formatNumber(lo))") }
            else if lo == -.infinity { add(" <= \(formatNumber(up))") }
            else { add(" >= \(formatNumber(lo))") }
            finish()
            written += 1
        }
        var placeholder: String? = nil
        if written == 0 {
            // LP readers want at least one constraint
            let name = names.rowTable.claim("no_constraints")
            placeholder = name
            out += "\\ the model has no constraints; \(name) holds always\n"
            out += " \(name): 0 \(anyColumn) >= 0\n"
        }

        var bounds = ""
        var generals: [String] = []
        var binaries: [String] = []
        for j in 0..<n {
            let integer = model.columnIsInteger[j]
            let name = columns[j]
            let kind = ColumnBounds(lower: model.columnLower[j], upper: model.columnUpper[j], integer: integer)
            switch kind {
            case .binary: binaries.append(name)
            case .free: bounds += " \(name) free\n"
            case .fixed(let v): bounds += " \(name) = \(formatNumber(v))\n"
            case .range(let lo, let up):
                switch (lo, up) {
                case (nil, let up?): bounds += " -inf <= \(name) <= \(formatNumber(up))\n"
                case (let lo?, nil): if lo != 0 { bounds += " \(name) >= \(formatNumber(lo))\n" }
                case (let lo?, let up?): bounds += " \(formatNumber(lo)) <= \(name) <= \(formatNumber(up))\n"
                case (nil, nil): bounds += " \(name) free\n"
                }
            }
            if integer && !kind.isBinary { generals.append(name) }
        }
        if let constant { bounds += " \(constant) = 1\n" }
        for i in rangeColumns.keys.sorted() {
            bounds += " \(formatNumber(model.rowLower[i])) <= \(rangeColumns[i]!) <= \(formatNumber(model.rowUpper[i]))\n"
        }
        if !bounds.isEmpty { out += "\nBounds\n" + bounds }
        if !generals.isEmpty { out += "\nGenerals\n" + generals.map { " \($0)\n" }.joined() }
        if !binaries.isEmpty { out += "\nBinaries\n" + binaries.map { " \($0)\n" }.joined() }
        out += "\nEnd\n"

        var result = WrittenModel(text: out, rowNames: rows, columnNames: columns, objectiveName: objective,
                                  constantColumn: constant)
        result.rangeColumns = rangeColumns
        result.omittedRows = omitted
        result.placeholderRow = placeholder
        return result
    }
}
