import Foundation

/// Renders a ``GDXFile`` as GAMS's `gdxdump` prints it by default: every symbol as a GAMS
/// data statement between `$onEmpty` and `$offEmpty`, records that hold only default values
/// left out (the equation bounds always shown), special values as `Eps`, `NA`, `+Inf`,
/// `-Inf`, `Undf`, numbers with 15 significant digits.
public enum GDXDump {
    /// The dump of the whole file.
    public static func text(_ file: GDXFile) -> String {
        var out = ""
        for a in file.acronyms { out += "Acronym \(a.name);\n" }
        out += "$onEmpty\n"
        for s in file.symbols { out += symbolText(s, in: file) }
        out += "\n$offEmpty\n"
        return out
    }

    /// One symbol's data statement, preceded by an empty line.
    static func symbolText(_ s: GDXSymbol, in file: GDXFile) -> String {
        var out = "\n"
        let isScalar = s.dimension == 0 && s.kind == .parameter
        if s.kind == .alias {
            return out + "Alias (\(s.name), \(s.aliasTarget ?? "*"));\n"
        }
        out += isScalar ? "Scalar" : header(s)
        out += " " + s.name
        if s.dimension > 0 { out += "(" + s.domain.joined(separator: ",") + ")" }
        if !s.text.isEmpty { out += quotedText(s.text, parenthesisMatters: s.dimension == 0) }
        let comments = s.comments.map { "* \($0)\n" }.joined()
        guard !s.records.isEmpty else {
            return out + (isScalar ? " / 0.0 /;\n" : " / /;\n") + comments
        }
        out += " /" + (s.dimension > 0 ? "\n" : "") + comments
        out += items(s, isScalar: isScalar, in: file).joined(separator: itemSeparator(s))
        return out + " /;\n"
    }

    /// `Set`, `Parameter`, `Variable`, `Equation`, with gdxdump's sub-type prefix for
    /// variables (the type name padded to eight characters) and `=b=` equations.
    private static func header(_ s: GDXSymbol) -> String {
        switch s.kind {
        case .set: return "Set"
        case .parameter: return "Parameter"
        case .alias: return "Alias"
        case .equation: return s.equationType == .boolean ? "Logic Equation" : "Equation"
        case .variable:
            guard s.variableType != .unknown else { return "Variable" }
            let name = String(describing: s.variableType)
            return name.padding(toLength: 8, withPad: " ", startingAt: 0) + " Variable"
        }
    }

    private static func itemSeparator(_ s: GDXSymbol) -> String {
        (s.kind == .variable || s.kind == .equation) && s.dimension == 0 ? ", " : ",\n"
    }

    private static let fieldNames = ["L", "M", "LO", "UP", "SCALE"]

    /// The items of all records, fields at their default values left out.
    private static func items(_ s: GDXSymbol, isScalar: Bool, in file: GDXFile) -> [String] {
        let defaults = s.defaultValues
        var items: [String] = []
        for r in s.records {
            let keys = r.keys.map { quotedLabel(file.uel($0)) }.joined(separator: ".")
            switch s.kind {
            case .set, .alias:
                let t = r.textIndex
                items.append(keys + (t != 0 ? quotedElementText(file.setText(t)) : ""))
            case .parameter:
                if !isScalar && r.values[0] == defaults[0] { continue }
                items.append(keys + " " + value(r.values[0], in: file))
            case .variable, .equation:
                for (k, v) in r.values.enumerated() {
                    let bound = k == GDXField.lower.rawValue || k == GDXField.upper.rawValue
                    if v == defaults[k] && !(s.kind == .equation && bound) { continue }
                    items.append(keys + (s.dimension > 0 ? "." : "") + fieldNames[k] + " " + value(v, in: file))
                }
            }
        }
        return items
    }

    /// A value as gdxdump writes it.
    public static func value(_ v: GDXValue, in file: GDXFile) -> String {
        switch v {
        case .number(let x): return number(x)
        case .undefined: return "Undf"
        case .notAvailable: return "NA"
        case .positiveInfinity: return "+Inf"
        case .negativeInfinity: return "-Inf"
        case .epsilon: return "Eps"
        case .acronym(let k): return file.acronyms.first { $0.index == k }?.name ?? number(Double(k) * 1e301)
        }
    }

    /// A number with up to 15 significant digits, no trailing zeros, exponents as `1E15`, `1E-10`.
    public static func number(_ x: Double) -> String {
        if x == 0 { return "0" }
        var s = String(format: "%.15G", x)
        if let e = s.firstIndex(of: "E") {
            var mantissa = String(s[..<e])
            var exponent = String(s[s.index(after: e)...])
            let negative = exponent.hasPrefix("-")
            exponent = String(exponent.drop { $0 == "+" || $0 == "-" || $0 == "0" })
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            s = mantissa + "E" + (negative ? "-" : "") + (exponent.isEmpty ? "0" : exponent)
        }
        return s
    }

    /// A label in quotes: single quotes unless it contains one.
    static func quotedLabel(_ label: String) -> String {
        let q = label.contains("'") ? "\"" : "'"
        return q + label + q
    }

    /// Explanatory text after a space, quoted when GAMS would misread it bare.
    static func quotedText(_ text: String, parenthesisMatters: Bool) -> String {
        let special: Set<Character> = [",", ";", "/", "$", "=", "'", "\""]
        let startsWithParenthesis = parenthesisMatters && text.drop { $0 == " " }.first == "("
        return spaced(text, quote: startsWithParenthesis || text.contains(where: special.contains) || text.contains(".."))
    }

    /// Element text after a space, quoted when it has a blank or a GAMS delimiter.
    static func quotedElementText(_ text: String) -> String {
        let special: Set<Character> = [" ", ",", ";", "/", "$", "=", "*"]
        return spaced(text, quote: text.contains(where: special.contains) || text.contains(".."))
    }

    private static func spaced(_ text: String, quote: Bool) -> String {
        guard quote else { return " " + text }
        let q = text.contains("'") ? "\"" : "'"
        return " " + q + text + q
    }
}
