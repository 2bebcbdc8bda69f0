import CZlib

/// Reads the little-endian primitives of one section of a GDX file, checking every read
/// against the end of the data. A compressed section is a chain of blocks (a type byte, a
/// 16-bit big-endian length, then raw or zlib-compressed bytes) that it inflates as it goes.
struct GDXByteReader {
    private let file: [UInt8]
    /// Position of the next byte in `file`.
    private(set) var position: Int
    private let compressed: Bool
    private var block: [UInt8] = []
    private var blockPosition = 0

    init(_ file: [UInt8], at position: Int, compressed: Bool = false) throws {
        guard position >= 0 && position <= file.count else {
            throw GDXError(.malformed, "a section starts at byte \(position), past the end of the file (\(file.count) bytes)")
        }
        self.file = file
        self.position = position
        self.compressed = compressed
    }

    /// Whether the file has no bytes left for this reader.
    var atEnd: Bool { compressed ? blockPosition >= block.count && position >= file.count : position >= file.count }

    mutating func byte() throws -> UInt8 {
        if compressed {
            if blockPosition >= block.count { try nextBlock() }
            defer { blockPosition += 1 }
            return block[blockPosition]
        }
        guard position < file.count else { throw truncated() }
        defer { position += 1 }
        return file[position]
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] {
        if !compressed {
            guard n >= 0, position + n <= file.count else { throw truncated() }
            defer { position += n }
            return Array(file[position..<(position + n)])
        }
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try byte()) }
        return out
    }

    mutating func word() throws -> UInt16 { UInt16(try littleEndian(2)) }

    mutating func int32() throws -> Int32 { Int32(bitPattern: UInt32(try littleEndian(4))) }

    mutating func int64() throws -> Int64 { Int64(bitPattern: try littleEndian(8)) }

    mutating func double() throws -> Double { Double(bitPattern: try littleEndian(8)) }

    /// A short string: a length byte, then that many bytes (UTF-8; invalid bytes are replaced).
    mutating func string() throws -> String {
        let n = Int(try byte())
        return String(decoding: try bytes(n), as: UTF8.self)
    }

    /// Reads a marker string and fails when it is not `expected`.
    mutating func expect(_ expected: String, _ what: String) throws {
        let at = position
        let s = try string()
        guard s == expected else {
            throw GDXError(.malformed, "the \(what) marker '\(expected)' is missing at byte \(at) (found '\(s.prefix(20))')")
        }
    }

    private mutating func littleEndian(_ n: Int) throws -> UInt64 {
        var v: UInt64 = 0
        if !compressed && position + n <= file.count {
            for k in 0..<n { v |= UInt64(file[position + k]) << (8 * k) }
            position += n
            return v
        }
        for k in 0..<n { v |= UInt64(try byte()) << (8 * k) }
        return v
    }

    private func truncated() -> GDXError {
        GDXError(.malformed, "the file ends early (truncated at byte \(file.count))")
    }

    /// Loads the next block of a compressed section.
    private mutating func nextBlock() throws {
        guard position + 3 <= file.count else { throw truncated() }
        let type = file[position]
        let length = Int(file[position + 1]) << 8 | Int(file[position + 2])
        position += 3
        guard length > 0, position + length <= file.count else { throw truncated() }
        let payload = Array(file[position..<(position + length)])
        position += length
        switch type {
        case 0: block = payload
        case 1: block = try inflate(payload)
        default: throw GDXError(.malformed, "a compressed block has the unknown type \(type)")
        }
        blockPosition = 0
    }

    /// Inflates one zlib block (blocks hold at most a buffer's worth; the capacity grows if not).
    private func inflate(_ payload: [UInt8]) throws -> [UInt8] {
        var capacity = 1 << 16
        while capacity <= 1 << 24 {
            var out = [UInt8](repeating: 0, count: capacity)
            var outLength = uLongf(capacity)
            let rc = out.withUnsafeMutableBufferPointer { o in
                payload.withUnsafeBufferPointer { p in
                    uncompress(o.baseAddress, &outLength, p.baseAddress, uLong(payload.count))
                }
            }
            if rc == Z_OK { return Array(out[0..<Int(outLength)]) }
            guard rc == Z_BUF_ERROR else { break }
            capacity *= 4
        }
        throw GDXError(.malformed, "a compressed block cannot be inflated")
    }
}
