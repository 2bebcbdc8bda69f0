import Foundation
import IR

/// How a put statement writes a number (`.nw`, `.nd`, `.nr`, `.nz` or the item's `:w:d`).
struct PutNumberFormat {
    /// Field width; 0 writes the number as wide as it is.
    var width: Int
    var decimals: Int
    /// `.nr`: 0 fixed or scientific, 1 rounded to fit, 2 scientific, 3 as many decimals as
    /// fit, 4 shortest form up to 15 significant digits.
    var representation: Int
    /// Magnitudes below this are written as zero.
    var zeroTolerance: Double

    /// The number as the field shows it (without padding): special values by name, a number
    /// that cannot fit its width as asterisks.
    func text(_ value: Double) -> String {
        if let special = PutNumberFormat.specialText(value) { return special }
        let v = Swift.abs(value) < zeroTolerance ? 0 : value
        let s: String?
        switch representation {
        case 2: s = fitting([scientific(v, decimals)])
        case 3: s = fitting(Array(stride(from: max(decimals, 15), through: 0, by: -1).map { fixed(v, $0) }))
        case 4: s = fitting((1...15).reversed().map { shortest(v, $0) })
        case 0: s = fitting([fixed(v, decimals)]) ?? scientificFitting(v)
        default:
            // rounded to fit: fewer decimals before scientific notation
            s = fitting(stride(from: decimals, through: 0, by: -1).map { fixed(v, $0) }) ?? scientificFitting(v)
        }
        return s ?? String(repeating: "*", count: width)
    }

    /// `EPS`, `+INF`, `-INF`, `NA`, `UNDF` as put files write them; nil for other numbers.
    static func specialText(_ v: Double) -> String? {
        SpecialValue.name(of: v) ?? (v.isNaN ? "UNDF" : nil)
    }

    /// The first candidate that fits the width (any, when the width is 0).
    private func fitting(_ candidates: [String]) -> String? {
        candidates.first { width == 0 || $0.count <= width }
    }

    /// Scientific notation with as many decimals as the width allows.
    private func scientificFitting(_ v: Double) -> String? {
        fitting(stride(from: max(width - 6, 0), through: 0, by: -1).map { scientific(v, $0) })
    }

    /// Fixed notation; a value that rounds to zero has no minus sign.
    private func fixed(_ v: Double, _ d: Int) -> String {
        let s = String(format: "%.\(d)f", v)
        return s.hasPrefix("-") && !s.contains(where: { $0 >= "1" && $0 <= "9" }) ? String(s.dropFirst()) : s
    }

    /// `1.23E+08`: C's notation with an upper-case E.
    private func scientific(_ v: Double, _ d: Int) -> String {
        String(format: "%.\(d)E", v)
    }

    /// Up to `digits` significant digits, no trailing zeros; an exponent as `E-7`.
    private func shortest(_ v: Double, _ digits: Int) -> String {
        let s = String(format: "%.\(digits)G", v)
        guard let e = s.firstIndex(of: "E") else { return s }
        let mantissa = s[..<e]
        let sign = s[s.index(after: e)]
        let exponent = s[s.index(e, offsetBy: 2)...].drop { $0 == "0" }
        return "\(mantissa)E\(sign == "-" ? "-" : "")\(exponent.isEmpty ? "0" : String(exponent))"
    }
}

/// Puts `text` into a field of `width` characters (0: as wide as the text) with GAMS's
/// justification: 1 right, 2 left, 3 centred; a longer text keeps its start.
func putField(_ text: String, width: Int, justification: Int) -> String {
    guard width > 0 else { return text }
    let count = text.count
    if count >= width { return String(text.prefix(width)) }
    let pad = width - count
    switch justification {
    case 1: return String(repeating: " ", count: pad) + text
    case 3: return String(repeating: " ", count: pad / 2) + text + String(repeating: " ", count: pad - pad / 2)
    default: return text + String(repeating: " ", count: pad)
    }
}
