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
    public static func isNA(_ v: Double) -> Bool { v.isNaN && v.bitPattern & 0xFFFF == 0x4E41 }
    /// Whether `v` is `UNDF` (any NaN that is not `NA`).
    public static func isUndf(_ v: Double) -> Bool { v.isNaN && !isNA(v) }
    /// Whether `v` is a stored (non-default) entry: nonzero or `EPS`.
    @inline(__always) public static func isStored(_ v: Double) -> Bool { v != 0 || v.sign == .minus }
}
