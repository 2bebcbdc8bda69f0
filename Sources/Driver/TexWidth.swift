/// An estimate of how wide the math `enm tex` writes prints, in ems of the 10 pt body font, from
/// the LaTeX text alone (there is no TeX at hand to measure it). It reads the subset of LaTeX the
/// renderer writes and errs on the wide side: a formula it passes fits on the line, and one it
/// breaks is at worst broken a little early.
struct TexWidth {
    private let tokens: [Token]
    private var position = 0

    /// The printed width of the display-style math `tex`, in ems.
    static func of(_ tex: String) -> Double {
        var reader = TexWidth(tokens: tokenize(tex))
        return reader.sequence(scale: 1, text: false)
    }

    enum Token: Equatable {
        case command(String)
        /// `{`, `}`, `_` (a subscript follows), `^` (a superscript follows)
        case open, close, lower, upper
        case character(Character)
    }

    static func tokenize(_ tex: String) -> [Token] {
        var tokens: [Token] = []
        var chars = tex[...]
        while let c = chars.popFirst() {
            switch c {
            case "{": tokens.append(.open)
            case "}": tokens.append(.close)
            case "_": tokens.append(.lower)
            case "^": tokens.append(.upper)
            case "\\":
                let name = chars.prefix { $0.isLetter }
                if name.isEmpty, let next = chars.popFirst() {
                    tokens.append(.command(String(next)))
                } else {
                    chars = chars.dropFirst(name.count)
                    tokens.append(.command(String(name)))
                }
            default: tokens.append(.character(c))
            }
        }
        return tokens
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    // MARK: - Reading

    /// Items up to the closing brace of the current group (or the end), side by side.
    private mutating func sequence(scale: Double, text: Bool) -> Double {
        var total = 0.0
        var nucleus = 0.0, bigOperator = false
        while position < tokens.count {
            let token = tokens[position]
            if token == .close { position += 1; break }
            position += 1
            switch token {
            case .lower, .upper:
                let script = argument(scale: max(scale * 0.7, 0.5), text: text)
                // a display-style sum sets its limits below itself: only their overhang counts
                total += bigOperator && scale == 1 ? max(0, script - nucleus) : script
            default:
                nucleus = item(token, scale: scale, text: text)
                bigOperator = Self.bigOperators.contains(commandName(token) ?? "")
                total += nucleus
            }
        }
        return total
    }

    /// The next group or single token, as the argument of a command or script.
    private mutating func argument(scale: Double, text: Bool) -> Double {
        guard position < tokens.count else { return 0 }
        let token = tokens[position]
        position += 1
        return item(token, scale: scale, text: text)
    }

    private mutating func item(_ token: Token, scale: Double, text: Bool) -> Double {
        switch token {
        case .open: return sequence(scale: scale, text: text)
        case .close, .lower, .upper: return 0
        case .character(let c): return Self.width(of: c, text: text) * scale
        case .command(let name): return command(name, scale: scale, text: text)
        }
    }

    private mutating func command(_ name: String, scale: Double, text: Bool) -> Double {
        switch name {
        case "mathrm", "mathit", "mathbf", "textbf", "texttt", "textsc", "textit", "mbox":
            return argument(scale: scale, text: text)
        case "text": return argument(scale: scale, text: true)
        case "operatorname": return argument(scale: scale, text: false) + 0.2 * scale
        case "frac":
            // a display fraction's parts are in text style, a script fraction's smaller still
            let inner = scale == 1 ? 1 : max(scale * 0.7, 0.5)
            let top = argument(scale: inner, text: text), bottom = argument(scale: inner, text: text)
            return max(top, bottom) + 0.4 * scale
        case "sqrt": return argument(scale: scale, text: text) + 1.0 * scale
        case "left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr":
            // the delimiter that follows is sized by the command
            let delimiter = argument(scale: scale, text: text)
            return max(delimiter, 0.6 * scale)
        default:
            return (Self.commandWidths[name] ?? 1.0) * scale
        }
    }

    private func commandName(_ token: Token) -> String? {
        if case .command(let n) = token { return n } else { return nil }
    }

    // MARK: - Widths

    static let bigOperators: Set<String> = ["sum", "prod", "min", "max"]

    /// Symbols and spaces, with the space TeX puts around binary operators and relations.
    static let commandWidths: [String: Double] = [
        "sum": 1.45, "prod": 1.3, "min": 1.9, "max": 2.1,
        "cdot": 1.2, "times": 1.3, "pm": 1.3, "wedge": 1.3, "vee": 1.3, "oplus": 1.4, "ominus": 1.4,
        "le": 1.4, "ge": 1.4, "ne": 1.4, "in": 1.3, "approx": 1.4, "to": 1.6,
        "Rightarrow": 1.6, "Leftrightarrow": 1.7, "leftarrow": 1.6,
        "neg": 0.7, "forall": 0.6, "infty": 1.0, "circ": 0.5, "bullet": 0.5,
        "quad": 1.0, "qquad": 2.0, ",": 0.17, ";": 0.28, ":": 0.22, " ": 0.33, "!": 0,
        "ln": 0.9, "log": 1.4, "exp": 1.5, "sin": 1.3, "cos": 1.4, "tan": 1.4,
        "_": 0.5, "{": 0.5, "}": 0.5, "%": 0.85, "$": 0.5, "&": 0.8, "#": 0.85,
        "ldots": 1.2, "textbackslash": 0.5, "textless": 0.8, "textgreater": 0.8, "textbar": 0.3,
        "textasciitilde": 0.5, "textasciicircum": 0.5, "ensuremath": 0,
    ]

    static func width(of c: Character, text: Bool) -> Double {
        switch c {
        case " ": return text ? 0.33 : 0
        case "m", "w": return 0.9
        case "M", "W": return 1.0
        case "i", "j", "l", "I", "'", "`", ".": return 0.35
        case "f", "t", "r": return text ? 0.4 : 0.5
        case ",", ";": return text ? 0.3 : 0.45
        case "(", ")", "[", "]", "|": return 0.4
        case "+", "-", "=", "<", ">": return text ? 0.8 : 1.3
        case ":": return text ? 0.3 : 0.85
        default:
            if c.isUppercase { return 0.78 }
            if c.isNumber { return 0.5 }
            return text ? 0.5 : 0.55
        }
    }
}
