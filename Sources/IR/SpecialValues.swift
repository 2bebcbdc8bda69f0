/// GAMS's extended values (`EPS`, `NA`, `UNDF`, `±INF`) encoded in `Double`.
///
/// `EPS` is negative zero: it behaves as zero in arithmetic but is a stored entry.
/// `NA` and `UNDF` are NaNs with distinct payloads.
public enum SpecialValue {
    /// The stored zero that displays as `EPS`.
    public static let eps: Double = -0.0
    /// "Not available".
    public static let na: Double = Double(nan: 0x4E41, signaling: false)
    /// "Undefined", the result of a failed operation.
    public static let undf: Double = Double(nan: 0x554E, signaling: false)

    /// Whether `v` is `EPS`.
    @inline(__always) public static func isEps(_ v: Double) -> Bool { v == 0 && v.sign == .minus }
    /// Whether `v` is `NA`.
    public static func isNA(_ v: Double) -> Bool { v.isNaN && v.bitPattern & 0x0000_FFFF_FFFF_FFFF == 0x4E41 }
    /// Whether `v` is `UNDF` (any NaN that is neither `NA` nor an acronym).
    public static func isUndf(_ v: Double) -> Bool { v.isNaN && !isNA(v) && acronymIndex(v) == nil }

    /// The value of the `index`-th acronym (1-based) the model declares (`Acronym on, off;`):
    /// a NaN whose payload holds the tag `AC` and the index, so it is stored like any value,
    /// equal only to itself, and shown by its name.
    public static func acronym(_ index: Int) -> Double {
        Double(nan: Double.RawSignificand(acronymTag) << 32 | Double.RawSignificand(UInt32(truncatingIfNeeded: index)),
               signaling: false)
    }

    /// The 1-based acronym index of `v`, or nil when `v` is no acronym.
    public static func acronymIndex(_ v: Double) -> Int? {
        guard v.isNaN, (v.bitPattern >> 32) & 0xFFFF == acronymTag else { return nil }
        return Int(v.bitPattern & 0xFFFF_FFFF)
    }

    private static let acronymTag: UInt64 = 0x4143

    /// GAMS's name of a special value (`EPS`, `NA`, `UNDF`, `+INF`, `-INF`); nil for an ordinary
    /// number and for an acronym, which the program names. Every writer of values (displays,
    /// listings, messages, put files, `--json`, `--out`) spells special values with this.
    public static func name(of v: Double) -> String? {
        if v.isNaN {
            if isNA(v) { return "NA" }
            return acronymIndex(v) == nil ? "UNDF" : nil
        }
        if v == .infinity { return "+INF" }
        if v == -.infinity { return "-INF" }
        if isEps(v) { return "EPS" }
        return nil
    }

    /// Whether `v` is a stored (non-default) entry: nonzero or `EPS`.
    @inline(__always) public static func isStored(_ v: Double) -> Bool { v != 0 || v.sign == .minus }
}
