import IR

/// Writes a linear, mixed-integer or quadratic-objective model in free MPS format, readable
/// alike by GLPK (`glp_read_mps`, `GLP_MPS_FILE`), CLP/CBC (CoinMpsIO), HiGHS and CPLEX.
///
/// - The objective is the first row, of type N. The file always minimizes: GLPK refuses an
///   OBJSENSE section ("invalid indicator record") and CLP 1.17 reads `OBJSENSE MAX` but
///   minimizes all the same, so a maximization is written as the minimization of the negated
///   objective, and a `*` comment at the top says so (the file's optimum is then minus the model's).
/// - Fields are separated by blanks and never start at the 5th, 15th or 40th character of a line:
///   a reader of both layouts (CoinMpsIO) takes a field starting there for a fixed-format field
///   of 8 characters, which splits ` x obj -1` wrongly ("Bad image").
/// - A nonzero objective constant becomes an extra column fixed at 1 whose objective
///   coefficient is the constant: readers disagree on the sign of an RHS entry on the objective
///   row (GLPK adds it, CPLEX and others subtract it), while a fixed column means the same to all.
/// - Rows with both sides finite and different are G rows with a RANGES entry `upper - lower`;
///   readers rebuild the upper side as `lower + range`, which is exact for most numbers and
///   otherwise one unit in the last place off (0.03 + (0.29 - 0.03) > 0.29). Free rows are
///   further N rows (readers drop them).
/// - Integer columns sit between `'MARKER'` records and always get explicit bounds, since
///   readers give marked columns default bounds of their own; integers in [0, 1] are `BV`.
/// - A column with no entries gets a zero entry in the objective row so that it exists.
/// - A quadratic objective `c·x + ½ xᵀQx` adds a QUADOBJ section: the lower triangle of `Q`,
///   column by column (read by CLP, HiGHS and CPLEX; QMATRIX, the full matrix, is not read by
///   CLP; GLPK reads no quadratic section at all).
public struct MPSWriter: ModelWriter {
    /// The model name on the NAME record.
    public var name: String
    /// Lines written as `*` comments at the top.
    public var comments: [String]

    public init(name: String = "model", comments: [String] = []) {
        self.name = name
        self.comments = comments
    }

    public func write(_ model: ScalarModel, quadratic: [QuadraticEntry]) throws -> WrittenModel {
        try checkWritable(model, quadratic: quadratic)
        let m = model.rowCount, n = model.columnCount
        var names = ModelNaming(model)
        let rows = names.rows, objective = names.objective, columns = names.columns
        let constant = model.objectiveConstant != 0 ? names.columnTable.claim("obj_constant") : nil
        let negate = model.sense == .maximize

        var out = ""
        out.reserveCapacity(64 * (m + n + model.nonzeroCount))
        for c in comments { out += "* \(oneLine(c))\n" }
        // the sense is stated in a comment: no reader both accepts and honours OBJSENSE
        out += negate ? "* objective sense: minimize the negated objective of a maximization; the optimum of this file is minus the model's\n"
                      : "* objective sense: minimize\n"
        if let constant {
            out += "* the objective constant \(formatNumber(model.objectiveConstant)) is the coefficient of \(constant), fixed at 1\n"
        }
        out += "NAME \(NameTable.sanitize(name))\n"

        // ROWS, and the right-hand sides and ranges that go with them
        out += "ROWS\n N \(objective)\n"
        var rhs: [(Int, Double)] = []
        var ranges: [(Int, Double)] = []
        for i in 0..<m {
            let lo = model.rowLower[i], up = model.rowUpper[i]
            let type: String
            if lo == -.infinity && up == .infinity {
                type = "N"
            } else if lo == up {
                type = "E"; rhs.append((i, lo))
            } else if lo == -.infinity {
                type = "L"; rhs.append((i, up))
            } else if up == .infinity {
                type = "G"; rhs.append((i, lo))
            } else {
                guard (up - lo).isFinite else {
                    throw ExportError.cannotWrite("equation \(model.rowOrigin[i].displayName) has a range too wide to write")
                }
                type = "G"
                rhs.append((i, lo))
                ranges.append((i, up - lo))
            }
            out += record(type, rows[i])
        }

        // COLUMNS, column by column: the matrix transposed
        var columnStart = [Int](repeating: 0, count: n + 1)
        for c in model.entryColumn { columnStart[Int(c) + 1] += 1 }
        for j in 0..<n { columnStart[j + 1] += columnStart[j] }
        var fill = columnStart
        var entryRow = [Int32](repeating: 0, count: model.nonzeroCount)
        var entryValue = [Double](repeating: 0, count: model.nonzeroCount)
        for i in 0..<m {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumn[k])
                entryRow[fill[j]] = Int32(i)
                entryValue[fill[j]] = model.entryValue[k]
                fill[j] += 1
            }
        }
        out += "COLUMNS\n"
        var inIntegerBlock = false
        for j in 0..<n {
            if model.columnIsInteger[j] != inIntegerBlock {
                inIntegerBlock.toggle()
                out += record("MARKER", "'MARKER'", inIntegerBlock ? "'INTORG'" : "'INTEND'")
            }
            let name = columns[j]
            let cost = negate ? -model.objective[j] : model.objective[j]
            if cost != 0 || columnStart[j] == columnStart[j + 1] {
                out += record(name, objective, formatNumber(cost))
            }
            for k in columnStart[j]..<columnStart[j + 1] {
                out += record(name, rows[Int(entryRow[k])], formatNumber(entryValue[k]))
            }
        }
        if inIntegerBlock { out += record("MARKER", "'MARKER'", "'INTEND'") }
        if let constant {
            let cost = negate ? -model.objectiveConstant : model.objectiveConstant
            out += record(constant, objective, formatNumber(cost))
        }

        let nonzeroRHS = rhs.filter { $0.1 != 0 }
        if !nonzeroRHS.isEmpty {
            out += "RHS\n"
            for (i, v) in nonzeroRHS { out += record("RHS", rows[i], formatNumber(v)) }
        }
        if !ranges.isEmpty {
            out += "RANGES\n"
            for (i, v) in ranges { out += record("RNG", rows[i], formatNumber(v)) }
        }

        var bounds = ""
        for j in 0..<n {
            let integer = model.columnIsInteger[j]
            let name = columns[j]
            switch ColumnBounds(lower: model.columnLower[j], upper: model.columnUpper[j], integer: integer) {
            case .binary: bounds += record("BV", "BND", name)
            case .free: bounds += record("FR", "BND", name)
            case .fixed(let v): bounds += record("FX", "BND", name, formatNumber(v))
            case .range(let lo, let up):
                if let lo {
                    // an explicit lower bound also keeps a negative upper bound from freeing the column
                    if lo != 0 || (up ?? 0) < 0 { bounds += record("LO", "BND", name, formatNumber(lo)) }
                } else {
                    bounds += record("MI", "BND", name)
                }
                if let up {
                    bounds += record("UP", "BND", name, formatNumber(up))
                } else if integer {
                    bounds += record("PL", "BND", name)
                }
            }
        }
        if let constant { bounds += record("FX", "BND", constant, "1") }
        if !bounds.isEmpty { out += "BOUNDS\n" + bounds }
        if !quadratic.isEmpty {
            out += "QUADOBJ\n"
            for e in quadratic {
                out += record(columns[Int(e.column)], columns[Int(e.row)], formatNumber(negate ? -e.value : e.value))
            }
        }
        out += "ENDATA\n"

        var written = WrittenModel(text: out, rowNames: rows, columnNames: columns, objectiveName: objective,
                                   constantColumn: constant)
        written.objectiveNegated = negate
        return written
    }
}

/// One data line of an MPS file: the fields separated by blanks, none starting at the 5th, 15th
/// or 40th character (offsets 4, 14, 39), where CoinMpsIO would take it for a fixed-format field.
func record(_ fields: String...) -> String {
    var line = ""
    for field in fields {
        line += " "
        while [4, 14, 39].contains(line.utf8.count) { line += " " }
        line += field
    }
    return line + "\n"
}

/// A comment's text on one line.
func oneLine(_ s: String) -> String {
    String(s.map { $0.isNewline ? " " : $0 })
}
