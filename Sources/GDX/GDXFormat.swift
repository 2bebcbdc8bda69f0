/// Constants of the GDX file layout (format version 7, as GAMS's open-source GDX library
/// writes and reads it).
enum GDXFormat {
    /// The format version written; files up to it are read.
    static let version: Int32 = 7
    /// The first byte after the byte-order preamble.
    static let headerNumber: UInt8 = 123
    static let headerId = "GAMSGDX"
    /// Marks the section index.
    static let indexMarker: Int32 = 19_510_624
    /// Room reserved for the section index: a marker and ten 64-bit positions.
    static let indexSize = 4 + 10 * 8
    static let dataMarker = "_DATA_"
    static let symbolMarker = "_SYMB_"
    static let setTextMarker = "_SETT_"
    static let uelMarker = "_UEL_"
    static let acronymMarker = "_ACRO_"
    static let domainMarker = "_DOMS_"
    /// The byte that ends a symbol's records.
    static let endOfData: UInt8 = 255
    /// The largest dimension GDX files hold.
    static let maxDimension = 20
    /// The longest unique element, symbol name or text (short strings).
    static let maxStringLength = 255
    /// Stands for "no previous key" before a symbol's first record.
    static let initialKey = -256

    /// The audit line this writer puts in the files it writes.
    static let auditLine = "enm GDX writer (format version 7)"

    /// The preamble: the sizes and byte patterns of a word, an integer and a double, from
    /// which readers learn the writer's byte order.
    static var byteOrderPreamble: [UInt8] {
        var w = GDXByteWriter()
        w.byte(2)
        w.word(0x1234)
        w.byte(4)
        w.int32(0x1234_5678)
        w.byte(8)
        w.double(Double.pi)
        return w.bytes
    }

    /// The byte width of index values in a dimension whose keys span `range` values.
    static func keyWidth(range: Int) -> Int {
        if range <= 0 { return 4 }
        if range <= 255 { return 1 }
        if range <= 65535 { return 2 }
        return 4
    }
}
