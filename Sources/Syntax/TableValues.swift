import Diagnostics

extension Parser {
    /// Whether a table line starts, after any indentation, with a statement keyword (`Display`,
    /// `Parameter`, `Positive Variable`, ...). GAMS reads a reserved word as its keyword, never
    /// as a label, so such a line ends a table whose `;` is missing. A longer label that only
    /// begins with a keyword (`free-trade`, `model1`, `display.x`) is a row label.
    static func startsWithStatementKeyword(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count, bytes[i] == 32 { i += 1 }
        let start = i
        while i < bytes.count, Lexer.isLetter(bytes[i]) || Lexer.isDigit(bytes[i]) { i += 1 }
        guard i > start else { return false }
        if i < bytes.count, Lexer.isLabelByte(bytes[i]) || bytes[i] == 46 { return false }
        return statementKeywords.contains(String(decoding: bytes[start..<i], as: UTF8.self).lowercased())
    }

    /// The entries of the value cells of one table row, each under the column that
    /// `TableColumns.choice` gives it.
    func tableValues(_ cells: [Cell], row: [[LabelText]], lineIdx: Int, columns: TableColumns) -> [DataEntry] {
        var out: [DataEntry] = []
        var taken: [Int: Cell] = [:]
        let rowName = row.map { $0.map(\.text).joined(separator: ",") }.joined(separator: ".")
        for c in cells {
            let s = tableSpan(line: lineIdx, from: c.start, to: c.end)
            if c.quoted {
                diagnostics.error(.E0047, "element text is not allowed in a table", at: s,
                                  label: "text where a number is expected",
                                  help: ["a table holds numbers only; leave the cell blank or write a number"])
                continue
            }
            // an acronym the file declared is a value of its own (the compiler gives its number)
            let acronym = acronymNames.contains(c.text.lowercased()) ? c.text : nil
            guard var v = acronym != nil ? 0 : parseCSVNumber(c.text, at: s) else { continue }
            if v == 0, Double(c.text) != nil, lx.lines[lineIdx].dataOptions.contains(.zeroIsEps) { v = -0.0 }   // `$onEps`
            switch columns.choice(start: c.start, end: c.end) {
            case .none:
                diagnostics.error(.E3006, "table value '\(c.text)' is not under any column header", at: s,
                                  label: "no column header above this value",
                                  help: ["align the value so that it overlaps its column's label"])
            case .ambiguous(let l, let r, let underBoth):
                diagnostics.error(.E0045, "table value '\(c.text)' could belong to column '\(columns[l].text)' or '\(columns[r].text)'",
                                  at: s, label: underBoth ? "under both labels" : "as far from one label as from the other",
                                  help: ["move the value under the label of its column"])
            case .column(let k):
                if let first = taken[k] {
                    diagnostics.error(.E0046, "row '\(rowName)' has two values for column '\(columns[k].text)'", at: s,
                                      label: "a second value for '\(columns[k].text)'",
                                      notes: ["the first is '\(first.text)' (column \(Parser.byteColumn(ofExpanded: first.start, in: lx.lines[lineIdx].text) + 1))"],
                                      help: ["move each value under the label of its column"])
                    continue
                }
                taken[k] = c
                var entry = DataEntry(positions: row + columns[k].labels.map { [$0] }, value: v, text: nil, span: s)
                entry.acronym = acronym
                out.append(entry)
            }
        }
        return out
    }
}
