import IR

/// Writes a linear or mixed-integer model in free MPS format.
///
/// - The objective is the first row, of type N. GLPK's MPS reader has no OBJSENSE section, so a
///   maximization is written as the minimization of the negated objective, and a `*` comment
///   at the top says so (the file's optimum is then minus the model's).
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
public struct MPSWriter: ModelWriter {
    /// The model name on the NAME record.
    public var name: String
    /// Lines written as `*` comments at the top.
    public var comments: [String]

    public init(name: String = "model", comments: [String] = []) {
        self.name = name
        self.comments = comments
    }

    public func write(_ model: ScalarModel) throws -> WrittenModel {
        try checkWritable(model)
        let m = model.rowCount, n = model.columnCount
        var names = ModelNaming(model, style: .mps)
        let rows = names.rows, objective = names.objective, columns = names.columns
        let constant = model.objectiveConstant != 0 ? names.columnTable.claim("obj_constant") : nil
        let negate = model.sense == .maximize

        var out = ""
        out.reserveCapacity(64 * (m + n + model.nonzeroCount))
        for c in comments { out += "* \(oneLine(c))\n" }
        if negate {
            out += "* maximization written as minimization of the negated objective: the optimum of this file is minus the model's\n"
        }
        if let constant {
            out += "* the objective constant \(formatNumber(model.objectiveConstant)) is the coefficient of \(constant), fixed at 1\n"
        }
        out += "NAME \(NameTable.sanitize(name, style: .mps))\n"

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
            out += " \(type) \(rows[i])\n"
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
                out += inIntegerBlock ? " MARKER 'MARKER' 'INTORG'\n" : " MARKER 'MARKER' 'INTEND'\n"
            }
            let name = columns[j]
            let cost = negate ? -model.objective[j] : model.objective[j]
            if cost != 0 || columnStart[j] == columnStart[j + 1] {
                out += " \(name) \(objective) \(formatNumber(cost))\n"
            }
            for k in columnStart[j]..<columnStart[j + 1] {
                out += " \(name) \(rows[Int(entryRow[k])]) \(formatNumber(entryValue[k]))\n"
            }
        }
        if inIntegerBlock { out += " MARKER 'MARKER' 'INTEND'\n" }
        if let constant {
            let cost = negate ? -model.objectiveConstant : model.objectiveConstant
            out += " \(constant) \(objective) \(formatNumber(cost))\n"
        }

        let nonzeroRHS = rhs.filter { $0.1 != 0 }
        if !nonzeroRHS.isEmpty {
            out += "RHS\n"
            for (i, v) in nonzeroRHS { out += " RHS \(rows[i]) \(formatNumber(v))\n" }
        }
        if !ranges.isEmpty {
            out += "RANGES\n"
            for (i, v) in ranges { out += " RNG \(rows[i]) \(formatNumber(v))\n" }
        }

        var bounds = ""
        for j in 0..<n {
            let integer = model.columnIsInteger[j]
            let name = columns[j]
            switch ColumnBounds(lower: model.columnLower[j], upper: model.columnUpper[j], integer: integer) {
            case .binary: bounds += " BV BND \(name)\n"
            case .free: bounds += " FR BND \(name)\n"
            case .fixed(let v): bounds += " FX BND \(name) \(formatNumber(v))\n"
            case .range(let lo, let up):
                if let lo {
                    // an explicit lower bound also keeps a negative upper bound from freeing the column
                    if lo != 0 || (up ?? 0) < 0 { bounds += " LO BND \(name) \(formatNumber(lo))\n" }
                } else {
                    bounds += " MI BND \(name)\n"
                }
                if let up {
                    bounds += " UP BND \(name) \(formatNumber(up))\n"
                } else if integer {
                    bounds += " PL BND \(name)\n"
                }
            }
        }
        if let constant { bounds += " FX BND \(constant) 1\n" }
        if !bounds.isEmpty { out += "BOUNDS\n" + bounds }
        out += "ENDATA\n"

        var written = WrittenModel(text: out, rowNames: rows, columnNames: columns, objectiveName: objective,
                                   constantColumn: constant)
        written.objectiveNegated = negate
        return written
    }
}

/// A comment's text on one line.
func oneLine(_ s: String) -> String {
    String(s.map { $0.isNewline ? " " : $0 })
}
