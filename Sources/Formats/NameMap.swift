import IR

/// The name map written beside an exported model file (`model.mps` → `model.names.csv`): how
/// each name in the file reads in the model, since the file's names are made safe for every
/// reader (`D(t100,c100)` → `D_t100_c100_`) and cut, and then no longer say it.
///
/// CSV (RFC 4180) with the header `exported,enm,kind`, one line per name, in the file's order:
/// `objective` (the objective row; `enm` is the objective variable), `row`, `free row` (an LP
/// file leaves it out, there is no way to state it), `column`, `constant` (the column carrying
/// the objective constant), `range` (an LP file's column carrying the bounds of the ranged row
/// named in `enm`), `placeholder row` (an LP file's always-true row of a model without rows),
/// and, for a quadratic model whose objective variable was taken out with its defining row,
/// `eliminated variable` and `eliminated row` with an empty `exported`.
public enum NameMap {
    /// The map's path for a model file: the file's extension replaced by `.names.csv`.
    public static func path(for modelFile: String) -> String {
        let slash = modelFile.lastIndex(of: "/").map { modelFile.index(after: $0) } ?? modelFile.startIndex
        let base = modelFile[slash...]
        if let dot = base.lastIndex(of: "."), dot != base.startIndex {
            return String(modelFile[..<dot]) + ".names.csv"
        }
        return modelFile + ".names.csv"
    }

    /// The map's text for `model` written as `written`.
    public static func text(_ model: ExportModel, written: WrittenModel, objectiveVariable: String) -> String {
        let linear = model.linear
        var out = "exported,enm,kind\n"
        func line(_ exported: String, _ enm: String, _ kind: String) {
            out += "\(field(exported)),\(field(enm)),\(kind)\n"
        }
        line(written.objectiveName, objectiveVariable, "objective")
        let omitted = Set(written.omittedRows)
        for i in 0..<linear.rowCount {
            line(written.rowNames[i], linear.rowOrigin[i].displayName, omitted.contains(i) ? "free row" : "row")
        }
        for j in 0..<linear.columnCount {
            line(written.columnNames[j], linear.columnOrigin[j].displayName, "column")
        }
        if let p = written.placeholderRow { line(p, "", "placeholder row") }
        if let c = written.constantColumn { line(c, "", "constant") }
        for i in written.rangeColumns.keys.sorted() {
            line(written.rangeColumns[i]!, linear.rowOrigin[i].displayName, "range")
        }
        if let v = model.eliminatedVariable { line("", v, "eliminated variable") }
        if let r = model.eliminatedRow { line("", r, "eliminated row") }
        return out
    }

    /// A CSV field, quoted when it holds a comma, a quote, a line break or outer blanks.
    static func field(_ s: String) -> String {
        let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0.isNewline }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        return "\"" + s.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
    }
}
