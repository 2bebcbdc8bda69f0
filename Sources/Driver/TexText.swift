/// Text (not math) in the LaTeX that `enm tex` writes. The document uses LaTeX's default OT1
/// fonts, the only ones whose outlines a basic TeX installation has; in them `<`, `>` and `|`
/// print as "¡", "¿" and "—", `--` joins into an en dash and `` !` `` into "¡", so such
/// characters are written as commands or with the ligature broken.
enum TexText {
    /// `s` as LaTeX text that prints exactly as written.
    static func escape(_ s: String) -> String {
        var out = ""
        var previous: Character?
        for c in s {
            // a ligature (`--`, `` ?` ``, `` !` ``, `''`, ``` `` ```) is broken by an empty group
            if let p = previous, breaksLigature(p, c) { out += "{}" }
            out += replacement(c)
            previous = c
        }
        return out
    }

    static func breaksLigature(_ first: Character, _ second: Character) -> Bool {
        switch (first, second) {
        case ("-", "-"), ("?", "`"), ("!", "`"), ("'", "'"), ("`", "`"): return true
        default: return false
        }
    }

    static func replacement(_ c: Character) -> String {
        switch c {
        case "\\": return "\\textbackslash{}"
        case "&", "%", "$", "#", "_", "{", "}": return "\\\(c)"
        case "~": return "\\textasciitilde{}"
        case "^": return "\\textasciicircum{}"
        case "<": return "\\textless{}"
        case ">": return "\\textgreater{}"
        case "|": return "\\textbar{}"
        case "\"": return "''"
        default: break
        }
        guard let scalar = c.unicodeScalars.first, !c.isASCII else { return String(c) }
        if let command = nonASCII[scalar.value] { return command }
        return latinLetters.contains(scalar.value) ? String(c) : "\\texttt{[U+\(hex(scalar.value))]}"
    }

    /// Characters beyond Latin-1 that model texts use, as commands OT1 can print; Latin-1
    /// letters pass through (LaTeX's UTF-8 input composes them), anything else is written as
    /// its code point rather than stopping the document with an error.
    static let nonASCII: [UInt32: String] = [
        0x00B0: "\\ensuremath{^\\circ}", 0x00B5: "\\ensuremath{\\mu}", 0x00D7: "\\ensuremath{\\times}",
        0x00A0: "~", 0x00B1: "\\ensuremath{\\pm}", 0x00B2: "\\ensuremath{^2}", 0x00B3: "\\ensuremath{^3}",
        0x00F7: "\\ensuremath{\\div}", 0x00A7: "\\S{}", 0x00B6: "\\P{}", 0x00A9: "\\copyright{}",
        0x00B7: "\\ensuremath{\\cdot}", 0x00AB: "\\ensuremath{\\ll}", 0x00BB: "\\ensuremath{\\gg}",
        0x00A3: "\\pounds{}", 0x00AC: "\\ensuremath{\\neg}",
        0x03BC: "\\ensuremath{\\mu}", 0x2013: "--", 0x2014: "---", 0x2018: "`", 0x2019: "'",
        0x201C: "``", 0x201D: "''", 0x2026: "\\ldots{}", 0x2022: "\\ensuremath{\\bullet}",
        0x2264: "\\ensuremath{\\le}", 0x2265: "\\ensuremath{\\ge}", 0x2260: "\\ensuremath{\\ne}",
        0x2248: "\\ensuremath{\\approx}", 0x2192: "\\ensuremath{\\to}", 0x2190: "\\ensuremath{\\leftarrow}",
        0x2212: "\\ensuremath{-}", 0x221E: "\\ensuremath{\\infty}", 0x2211: "\\ensuremath{\\sum}",
        0x20AC: "EUR", 0x0394: "\\ensuremath{\\Delta}", 0x03B1: "\\ensuremath{\\alpha}",
        0x03B2: "\\ensuremath{\\beta}", 0x03B3: "\\ensuremath{\\gamma}", 0x03B4: "\\ensuremath{\\delta}",
        0x03B5: "\\ensuremath{\\varepsilon}", 0x03B7: "\\ensuremath{\\eta}", 0x03B8: "\\ensuremath{\\theta}",
        0x03BB: "\\ensuremath{\\lambda}", 0x03C0: "\\ensuremath{\\pi}", 0x03C1: "\\ensuremath{\\rho}",
        0x03C3: "\\ensuremath{\\sigma}", 0x03C4: "\\ensuremath{\\tau}", 0x03C6: "\\ensuremath{\\varphi}",
        0x03C9: "\\ensuremath{\\omega}",
    ]

    /// The accented Latin-1 letters OT1 composes from a letter and an accent (not Ð, Þ, ð, þ).
    static let latinLetters = Set<UInt32>(0xC0...0xFF).subtracting([0xD0, 0xD7, 0xDE, 0xF0, 0xF7, 0xFE])

    static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
