import Diagnostics

/// A header line at the top of `$onDelim` data (`t,value` as spreadsheets and enm's own `--out`
/// files write it), which GAMS reads as data like any other line.
///
/// A parameter's header is a line whose value field is no number: GAMS refuses it, and enm says
/// why (E0130) and drops the line. A set's header is a line whose first label is the set's name
/// or one of its domain's: GAMS takes it as a member, and so does enm, with warning W0130.
struct CSVHeader {
    /// The line's fields, joined again by commas, for the message.
    var text: String
    /// The field that shows the line is a header.
    var telltale: String
    /// Whether the line belongs to a set (read as data) rather than a parameter (dropped).
    var isSet: Bool

    /// Whether the line is left out of the data.
    var isDropped: Bool { !isSet }

    /// The header the fields make at the top of a delimited block, nil when they look like data.
    init?(fields: Parser.DelimitedFields, bytes: ArraySlice<UInt8>, kind: DeclarationKind, names: [String]) {
        let n = fields.count
        guard n > 0 else { return nil }
        let texts = (0..<n).map { fields.text($0, of: bytes) }
        if kind == .set {
            let keys = Set(names.map { $0.lowercased() })
            guard keys.contains(texts[0].lowercased()) else { return nil }
            telltale = texts[0]
            isSet = true
        } else {
            guard n >= 2, !fields.isEmpty(n - 1), Parser.csvNumber(texts[n - 1]) == nil else { return nil }
            telltale = texts[n - 1]
            isSet = false
        }
        text = texts.joined(separator: ",")
    }

    /// How to skip the header or use it, as GAMS offers both.
    private var help: [String] {
        let skip = "to skip it, make it a comment: '*' in column 1 of the file ('*\(text)')"
        // a set has no columns to name; a parameter's file can be read as a table instead
        if isSet { return [skip] }
        return [skip, "to use it, read the file into a table: 'Table d(t,*)' under $onDelim takes its first line as the column labels"]
    }

    /// Reports the header at `line`: an error for a parameter, a warning for a set.
    func report(to diagnostics: Parser.Reporter, line: SourceSpan) {
        let note = "GAMS reads every line between $onDelim and $offDelim as data, the first one too"
        if isSet {
            diagnostics.warning(.W0130, "the first line of this delimited data looks like a header: '\(telltale)' names the set or its domain",
                                at: line, label: "read as a member, as GAMS does", notes: [note], help: help)
        } else {
            diagnostics.error(.E0130, "the first line of this delimited data is a header: '\(telltale)' is not a number",
                              at: line, label: "a header, not data", notes: [note], help: help)
        }
    }
}
