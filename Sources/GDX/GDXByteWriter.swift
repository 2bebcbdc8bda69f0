/// Appends the little-endian primitives a GDX file is made of.
struct GDXByteWriter {
    private(set) var bytes: [UInt8] = []

    var position: Int { bytes.count }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func word(_ w: UInt16) { withUnsafeBytes(of: w.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func int32(_ n: Int32) { withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func int64(_ n: Int64) { withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func double(_ x: Double) { int64(Int64(bitPattern: x.bitPattern)) }

    /// A short string: a length byte and at most 255 bytes of UTF-8 (longer text is cut at a
    /// character boundary, as GAMS keeps texts to 255 characters).
    mutating func string(_ s: String) {
        var utf8 = Array(s.utf8)
        if utf8.count > 255 {
            var cut = 255
            while cut > 0 && utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
            utf8 = Array(utf8[..<cut])
        }
        bytes.append(UInt8(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Overwrites bytes at `offset` (used to fill in the section index at the end).
    mutating func patch(at offset: Int, with other: GDXByteWriter) {
        bytes.replaceSubrange(offset..<(offset + other.bytes.count), with: other.bytes)
    }
}
