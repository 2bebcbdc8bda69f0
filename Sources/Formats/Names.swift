/// The naming rules of an output format.
public enum NameStyle: Sendable {
    /// Free MPS: any printable ASCII character except blanks; a leading `$` would start a comment.
    case mps
    /// CPLEX LP: letters, digits and ``!"#$%&()/,.;?@_`'{}|~``; no leading digit or period; no
    /// keyword; nothing an LP reader could take for an exponent (`e9`).
    case lp
}

/// Turns the names of a model (`x(seattle,new-york)`) into legal, unique names of one format.
///
/// Each name is first made legal (`sanitize`); a name already given out gets the suffix `~2`,
/// `~3`, ... (the first holder keeps the plain name). Names never exceed `maxLength` bytes.
public struct NameTable: Sendable {
    /// The longest name MPS and LP readers accept (GLPK's limit, and CPLEX's for LP files).
    public static let maxLength = 255

    public let style: NameStyle
    private var used: Set<String> = []

    public init(style: NameStyle) {
        self.style = style
    }

    /// A legal name for `raw` that no earlier call returned; it is reserved from now on.
    public mutating func claim(_ raw: String) -> String {
        let base = NameTable.sanitize(raw, style: style)
        if used.insert(base).inserted { return base }
        var k = 2
        while true {
            let suffix = "~\(k)"
            let name = String(base.prefix(NameTable.maxLength - suffix.count)) + suffix
            if used.insert(name).inserted { return name }
            k += 1
        }
    }

    /// Whether `name` was given out (or reserved) already.
    public func contains(_ name: String) -> Bool { used.contains(name) }

    /// Characters besides ASCII letters and digits that LP names may contain.
    static let lpPunctuation: Set<Character> = ["!", "\"", "#", "$", "%", "&", "(", ")", "/", ",", ".", ";", "?", "@",
                                                "_", "`", "'", "{", "}", "|", "~"]

    /// Words an LP reader takes for section keywords or bound words, compared without case.
    static let lpKeywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "subject", "such", "st", "s.t.", "st.",
        "bounds", "bound", "general", "generals", "gen", "integer", "integers", "int", "binary", "binaries",
        "bin", "semi", "semis", "semi-continuous", "sos", "end", "free", "inf", "infinity",
    ]

    /// `raw` made legal in `style`, cut to `maxLength` bytes. Never empty.
    public static func sanitize(_ raw: String, style: NameStyle) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            let c = Character(scalar)
            let printable = scalar.value >= 0x21 && scalar.value <= 0x7E
            switch style {
            case .mps:
                out.append(printable ? c : "_")
            case .lp:
                if c == "[" { out.append("(") }
                else if c == "]" { out.append(")") }
                else if printable && (c.isLetter || c.isNumber || lpPunctuation.contains(c)) { out.append(c) }
                else { out.append("_") }
            }
        }
        if out.isEmpty { out = "_" }
        switch style {
        case .mps:
            // a field beginning with `$` is a comment; `'MARKER'` in a row's place opens an integer block
            if out.first == "$" || out == "'MARKER'" { out = "_" + out }
        case .lp:
            let first = out.first!
            let second = out.dropFirst().first
            let exponentLike = (first == "e" || first == "E")
                && (second == nil || second!.isNumber || second == "e" || second == "E")
            if first.isNumber || first == "." || exponentLike || lpKeywords.contains(out.lowercased()) {
                out = "_" + out
            }
        }
        if out.utf8.count > maxLength { out = String(out.prefix(maxLength)) }
        return out
    }
}
