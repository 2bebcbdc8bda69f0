/// A table of declarations in the `enm tex` document: a `longtable`, so that a list longer than
/// a page continues on the next (its header repeated) instead of running off the bottom. Every
/// column but the last is as wide as its widest cell (up to a cap, past which its cells wrap);
/// the last, the declarations' texts, takes the rest of the line and wraps.
struct TexTable {
    var heading: String
    var header: [String]
    /// The cells of each row, LaTeX already: math in `$...$`, text escaped.
    var rows: [[String]]

    /// The widest a narrow column gets, in ems; wider cells wrap inside it.
    static let columnCap = 14.0

    /// The table as LaTeX, or nothing when it has no rows.
    var latex: String {
        guard !rows.isEmpty, let last = header.indices.last else { return "" }
        let widths = header.indices.dropLast().map(columnWidth)
        let narrow = widths.map { "\(Self.ragged)p{\(Self.ems($0))}" }
        let used = Self.ems(widths.reduce(0, +))
        let gaps = 2 * last
        let wide = "\(Self.ragged)p{\\dimexpr\\linewidth-\(used)-\(gaps)\\tabcolsep\\relax}"
        var out = "\\subsection*{\(heading)}\n"
        out += "\\begin{longtable}{@{}\((narrow + [wide]).joined())@{}}\n"
        out += header.joined(separator: " & ") + "\\\\\\hline\n\\endhead\n"
        out += rows.map { "  " + $0.joined(separator: " & ") + "\\\\" }.joined(separator: "\n")
        out += "\n\\end{longtable}\n\n"
        return out
    }

    /// Ragged right, with `\\` still ending the row (`\arraybackslash`).
    static let ragged = ">{\\raggedright\\arraybackslash}"

    /// The width of column `k`: its widest cell or header, at most `columnCap`.
    func columnWidth(_ k: Int) -> Double {
        let cells = rows.map { $0[k] } + [header[k]]
        let widest = cells.map { TexWidth.of($0.replacingOccurrences(of: "$", with: "")) }.max() ?? 0
        return min(widest.rounded(.up) + 0.5, Self.columnCap)
    }

    static func ems(_ v: Double) -> String {
        v == v.rounded() ? "\(Int(v))em" : "\(v)em"
    }
}
