/// Turns the names of a model (`x(seattle,new-york)`) into names every MPS and LP reader takes
/// the same way, unique within the file.
///
/// One rule for both formats, so a model's rows and columns have the same names in either file:
/// - only ASCII letters, digits and `_`: every other character becomes `_`
///   (`D(t100,c100)` → `D_t100_c100_`). Readers split fields at blanks, take `+ - * / < > = : [ ] ^`
///   for operators in LP files, `$` and `*` for comments, quotes for MPS markers;
/// - `_` goes before a name that starts with a digit or looks like the exponent of a number
///   (`e1`, `E`, `ee`), and before an LP keyword (`end`, `free`, `st`; any case);
/// - at most `maxLength` bytes (CLP's LP reader refuses longer names, its MPS reader 159, GLPK
///   and CPLEX 255);
/// - a name already given out gets `__2`, `__3`, ... (the first holder keeps the plain name).
///
/// The name map (`NameMap`) written beside the file leads back to the model's names.
public struct NameTable: Sendable {
    /// The longest name written: CLP's LP reader (CoinLpIO) takes names of at most 100 bytes.
    public static let maxLength = 100

    private var used: Set<String> = []

    public init() {}

    /// A legal name for `raw` that no earlier call returned; it is reserved from now on.
    public mutating func claim(_ raw: String) -> String {
        let base = NameTable.sanitize(raw)
        if used.insert(base).inserted { return base }
        var k = 2
        while true {
            let suffix = "__\(k)"
            let name = String(base.prefix(NameTable.maxLength - suffix.count)) + suffix
            if used.insert(name).inserted { return name }
            k += 1
        }
    }

    /// Whether `name` was given out (or reserved) already.
    public func contains(_ name: String) -> Bool { used.contains(name) }

    /// Words an LP reader takes for section keywords, bound words or infinity, compared without case.
    static let lpKeywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "subject", "such", "st", "s.t.", "st.",
        "bounds", "bound", "general", "generals", "gen", "integer", "integers", "int", "binary", "binaries",
        "bin", "semi", "semis", "semi-continuous", "sos", "end", "free", "inf", "infinity", "to", "that",
    ]

    /// `raw` made legal, cut to `maxLength` bytes. Never empty.
    public static func sanitize(_ raw: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            let v = scalar.value
            let safe = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
            bytes.append(safe ? UInt8(v) : 0x5F)
        }
        var out = String(decoding: bytes, as: UTF8.self)
        if out.isEmpty { out = "_" }
        let first = out.first!, second = out.dropFirst().first
        let exponentLike = (first == "e" || first == "E")
            && (second == nil || second!.isNumber || second == "e" || second == "E")
        if first.isNumber || exponentLike || lpKeywords.contains(out.lowercased()) {
            out = "_" + out
        }
        if out.utf8.count > maxLength { out = String(out.prefix(maxLength)) }
        return out
    }
}
