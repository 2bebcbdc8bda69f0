import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One solve as the ledger records it.
public struct LedgerSolve: Sendable, Equatable {
    public var model: String
    public var type: String
    public var modelStatus: Int
    public var solverStatus: Int
    /// The objective value; nil (or not finite) is recorded as `null`.
    public var objective: Double?

    public init(model: String, type: String, modelStatus: Int, solverStatus: Int, objective: Double?) {
        self.model = model
        self.type = type
        self.modelStatus = modelStatus
        self.solverStatus = solverStatus
        self.objective = objective
    }
}

/// What one run contributes to the ledger (everything but `seq`, `prev` and `hash`).
public struct LedgerEntry: Sendable {
    /// When the record was made, ISO 8601 UTC (`2025-03-01T12:00:00Z`).
    public var time: String
    /// The model file's path and the SHA-256 of its bytes (nil when it could not be read).
    public var file: String
    public var fileSHA256: String?
    /// Every `$include`d file, in the order first read, with the SHA-256 of its bytes.
    public var includes: [(path: String, sha256: String)]
    /// The `--NAME=VALUE` switches.
    public var switches: [String: String]
    public var solves: [LedgerSolve]
    /// The run's exit code.
    public var exitCode: Int

    public init(time: String, file: String, fileSHA256: String?, includes: [(path: String, sha256: String)],
                switches: [String: String], solves: [LedgerSolve], exitCode: Int) {
        self.time = time
        self.file = file
        self.fileSHA256 = fileSHA256
        self.includes = includes
        self.switches = switches
        self.solves = solves
        self.exitCode = exitCode
    }
}

/// Why lines written to a ledger put file could not be sealed into records.
public struct LedgerSealError: Error, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// The outcome of checking a ledger.
public struct LedgerVerification: Sendable, Equatable {
    /// The number of records read (up to the first bad one, when there is one).
    public var records: Int
    /// The 1-based number of the first bad record (its line), nil when the ledger is intact.
    public var badRecord: Int?
    /// What is wrong with it.
    public var problem: String?

    public var intact: Bool { problem == nil }

    /// The verdict when the ledger must hold `expected` records (a count kept elsewhere): an
    /// intact chain of another length fails, since records cut off at the end leave a shorter
    /// chain that is consistent in itself.
    public func expecting(records expected: Int?) -> LedgerVerification {
        guard let expected, intact, records != expected else { return self }
        let held = "\(records) record\(records == 1 ? "" : "s")"
        let why = records < expected ? "records were removed from the end" : "records were added at the end"
        return LedgerVerification(records: records, badRecord: nil, problem: "\(held) where \(expected) were expected: \(why)")
    }

    /// The verdict as `enm ledger verify` prints it.
    public func message(path: String) -> String {
        if let problem {
            if let bad = badRecord { return "ledger \(path): record \(bad): \(problem)" }
            return "ledger \(path): \(problem)"
        }
        return "ledger \(path): \(records) record\(records == 1 ? "" : "s"), intact"
    }
}

/// A tamper-evident run ledger: a JSON Lines file, one record per `enm solve --ledger FILE`,
/// each record carrying the SHA-256 of the line before it.
///
/// A record is one line (ended by `\n`) holding a JSON object with the keys, in this order:
/// `seq` (1, 2, ...), `time`, `file`, `fileSHA256`, `includes` (`[{"path", "sha256"}]`),
/// `switches` (an object, keys sorted), `solves` (`[{"model", "type", "modelStatus",
/// "solverStatus", "objective"}]`), `exitCode`, `prev` (the SHA-256 of the previous record's
/// line without its line end; 64 zeros for the first record) and last `hash`: the SHA-256 of
/// the line's text up to the `,"hash":` that introduces it, followed by `}` — that is, of the
/// record as written without its `hash` field.
public enum RunLedger {
    /// The `prev` of the first record.
    public static let zeroHash = String(repeating: "0", count: 64)

    /// The current time as ISO 8601 UTC, to the second.
    public static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// The record's line (without line end) for `entry` as record `seq` following a line whose
    /// SHA-256 is `prev`.
    public static func line(_ entry: LedgerEntry, seq: Int, prev: String) -> String {
        let objective: (Double?) -> JSONValue = { v in v.map { $0.isFinite ? JSONValue.number($0) : .null } ?? .null }
        let fields: [(String, JSONValue)] = [
            ("time", .string(entry.time)),
            ("file", .string(entry.file)),
            ("fileSHA256", entry.fileSHA256.map { .string($0) } ?? .null),
            ("includes", .array(entry.includes.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("switches", .object(entry.switches.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("solves", .array(entry.solves.map { s in
                .object([("model", .string(s.model)), ("type", .string(s.type)), ("modelStatus", .int(s.modelStatus)),
                         ("solverStatus", .int(s.solverStatus)), ("objective", objective(s.objective))])
            })),
            ("exitCode", .int(entry.exitCode)),
        ]
        return chainedLine(fields, seq: seq, prev: prev)
    }

    /// A chained record's line (without line end): `seq`, then `fields`, then `prev` and last
    /// the `hash` of everything before it (see the type's description).
    static func chainedLine(_ fields: [(String, JSONValue)], seq: Int, prev: String) -> String {
        let body = JSONValue.object([("seq", .int(seq))] + fields + [("prev", .string(prev))]).render()
        let hash = SHA256.hex(body)
        return String(body.dropLast()) + ",\"hash\":\"\(hash)\"}"
    }

    /// Turns lines a model wrote (a put file with `.ledger = 1`) into chained records that
    /// continue the chain in `prefix` (the file's earlier contents when it is appended to, else
    /// empty): every non-blank line of `lines` must be a JSON object without `seq`, `prev` and
    /// `hash`; it becomes a record with those fields added. Returns the new records' bytes.
    ///
    /// Throws ``LedgerSealError`` naming the first line that is not such an object, or a prefix
    /// whose last line is not a record (the chain could not be continued).
    public static func seal(_ lines: [UInt8], after prefix: [UInt8]) throws -> [UInt8] {
        var seq = 0
        var prev = zeroHash
        if !prefix.isEmpty {
            guard prefix.last == 10 else { throw LedgerSealError(reason: "the file's last record is incomplete") }
            let last = Array(prefix.dropLast().split(separator: 10, omittingEmptySubsequences: false).last ?? [])
            guard case .object(let fields)? = JSONReader.parse(last),
                  case .int(let lastSeq)? = fields.first(where: { $0.0 == "seq" })?.1 else {
                throw LedgerSealError(reason: "its last line is not a ledger record, so the chain cannot be continued")
            }
            seq = lastSeq
            prev = SHA256.hex(last)
        }
        var out = ""
        for (k, line) in lines.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            guard case .object(let fields)? = JSONReader.parse(bytes) else {
                let text = String(decoding: bytes.prefix(60), as: UTF8.self)
                throw LedgerSealError(reason: "line \(k + 1) written to it is not a JSON object: \(text)")
            }
            if let reserved = fields.first(where: { ["seq", "prev", "hash"].contains($0.0) }) {
                throw LedgerSealError(reason: "line \(k + 1) written to it has a field '\(reserved.0)', which enm adds itself")
            }
            seq += 1
            let record = chainedLine(fields, seq: seq, prev: prev)
            prev = SHA256.hex(record)
            out += record + "\n"
        }
        return Array(out.utf8)
    }

    /// Appends `entry` to the ledger at `path` (created if missing) and returns its `seq`.
    ///
    /// The file is locked (`flock`) while the last record is read and the new line written, so
    /// runs appending at the same time form one chain; the line is written with one `write` on a
    /// descriptor opened with `O_APPEND` and flushed to disk. A partial write is cut off again.
    /// A ledger whose last line is incomplete or not a record is left alone (an error).
    @discardableResult
    public static func append(_ entry: LedgerEntry, to path: String) throws -> Int {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NONBLOCK, 0o644)
        guard fd >= 0 else { throw ResultsWriteError(path: path, reason: ResultsWriter.systemReason()) }
        defer { close(fd) }
        if let why = InputFile.problem(descriptor: fd) { throw ResultsWriteError(path: path, reason: "it \(why)") }
        guard flock(fd, LOCK_EX) == 0 else { throw ResultsWriteError(path: path, reason: ResultsWriter.systemReason()) }
        defer { _ = flock(fd, LOCK_UN) }
        let existing = try readAll(fd, path: path)
        var seq = 1
        var prev = zeroHash
        if !existing.isEmpty {
            guard existing.last == 10 else {
                throw ResultsWriteError(path: path, reason: "its last record is incomplete (check it with enm ledger verify)")
            }
            let end = existing.count - 1
            var start = end
            while start > 0 && existing[start - 1] != 10 { start -= 1 }
            let last = Array(existing[start..<end])
            guard case .object(let fields)? = JSONReader.parse(last),
                  case .int(let lastSeq)? = fields.first(where: { $0.0 == "seq" })?.1 else {
                throw ResultsWriteError(path: path, reason: "its last line is not a ledger record (check it with enm ledger verify)")
            }
            seq = lastSeq + 1
            prev = SHA256.hex(last)
        }
        let bytes = Array((line(entry, seq: seq, prev: prev) + "\n").utf8)
        var n = -1
        repeat {
            n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress!, $0.count) }
        } while n < 0 && errno == EINTR
        if n != bytes.count {
            let reason = n < 0 ? ResultsWriter.systemReason() : "only \(n) of \(bytes.count) bytes could be written"
            _ = ftruncate(fd, off_t(existing.count))
            throw ResultsWriteError(path: path, reason: reason)
        }
        guard fsync(fd) == 0 else { throw ResultsWriteError(path: path, reason: ResultsWriter.systemReason()) }
        return seq
    }

    /// Reads a whole file from the start through a descriptor.
    static func readAll(_ fd: Int32, path: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ResultsWriteError(path: path, reason: ResultsWriter.systemReason())
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
            offset += off_t(n)
        }
    }

    /// Checks the ledger file at `path` (see ``verify(_:)``).
    public static func verify(path: String) -> LedgerVerification {
        // not blocking: a FIFO is refused below instead of waiting for a writer
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            return LedgerVerification(records: 0, badRecord: nil, problem: "cannot be read: \(ResultsWriter.systemReason())")
        }
        defer { close(fd) }
        if let why = InputFile.problem(descriptor: fd) {
            return LedgerVerification(records: 0, badRecord: nil, problem: "cannot be read: it \(why)")
        }
        do {
            return verify(try readAll(fd, path: path))
        } catch let e as ResultsWriteError {
            return LedgerVerification(records: 0, badRecord: nil, problem: "cannot be read: \(e.reason)")
        } catch {
            return LedgerVerification(records: 0, badRecord: nil, problem: "cannot be read")
        }
    }

    /// Checks a ledger's bytes: every line is a record, `seq` counts 1, 2, ..., each `hash`
    /// matches its record and each `prev` matches the line before. Reports the first bad record.
    ///
    /// Removing records from the end leaves a shorter but consistent chain; that can only be
    /// noticed against a record count or last hash kept elsewhere.
    public static func verify(_ bytes: [UInt8]) -> LedgerVerification {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        let complete = bytes.last == 10 || bytes.isEmpty
        if complete { lines.removeLast() }
        var prevHash = zeroHash
        for (k, line) in lines.enumerated() {
            let number = k + 1
            let isLast = number == lines.count
            func bad(_ why: String) -> LedgerVerification {
                LedgerVerification(records: k, badRecord: number, problem: why)
            }
            if isLast && !complete {
                return bad(JSONReader.parse(line) == nil
                           ? "truncated: the last line is incomplete"
                           : "truncated: the last line has no line end")
            }
            if line.isEmpty { return bad("the line is empty: the file was edited") }
            guard case .object(let fields)? = JSONReader.parse(line) else {
                return bad("edited: the line is not a JSON record")
            }
            func field(_ name: String) -> JSONValue? { fields.first { $0.0 == name }?.1 }
            guard case .int(let seq)? = field("seq") else { return bad("edited: no whole-number seq") }
            guard case .string(let prev)? = field("prev"), isHash(prev) else { return bad("edited: no valid prev hash") }
            guard case .string(let hash)? = field("hash"), isHash(hash), fields.last?.0 == "hash" else {
                return bad("edited: no valid hash as the last field")
            }
            let suffix = Array(",\"hash\":\"\(hash)\"}".utf8)
            guard line.count > suffix.count, Array(line.suffix(suffix.count)) == suffix else {
                return bad("edited: the hash is not written as the last field")
            }
            let body = Array(line.dropLast(suffix.count)) + [UInt8(ascii: "}")]
            guard SHA256.hex(body) == hash else {
                return bad("edited: its content does not match its hash")
            }
            if seq != number {
                if seq > number {
                    return bad("seq is \(seq) where \(number) was expected: a record before it was removed, or records were reordered")
                }
                return bad("seq is \(seq) where \(number) was expected: records were reordered or duplicated")
            }
            guard prev == prevHash else {
                return bad("prev does not match the record before it: that record was edited, removed or reordered")
            }
            prevHash = SHA256.hex(line)
        }
        return LedgerVerification(records: lines.count, badRecord: nil, problem: nil)
    }

    /// Whether `s` is 64 lower-case hexadecimal digits.
    static func isHash(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }
}

/// A small JSON reader keeping object keys in order (to read ledger records back).
enum JSONReader {
    /// The value of a complete JSON text, nil when it is not valid JSON.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var p = Parser(bytes: bytes)
        guard let v = p.value() else { return nil }
        p.skipSpace()
        return p.i == bytes.count ? v : nil
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0
        /// Nesting depth, bounded so a hostile line cannot exhaust the stack.
        var depth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return false }
            i += w.count
            return true
        }

        mutating func value() -> JSONValue? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                guard depth < 64 else { return nil }
                depth += 1
                defer { depth -= 1 }
                i += 1
                var members: [(String, JSONValue)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard let key = string() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    guard let v = value() else { return nil }
                    members.append((key, v))
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                    return nil
                }
            case UInt8(ascii: "["):
                guard depth < 64 else { return nil }
                depth += 1
                defer { depth -= 1 }
                i += 1
                var elements: [JSONValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements) }
                while true {
                    guard let v = value() else { return nil }
                    elements.append(v)
                    skipSpace()
                    guard i < bytes.count else { return nil }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(elements) }
                    return nil
                }
            case UInt8(ascii: "\""):
                return string().map { .string($0) }
            case UInt8(ascii: "t"):
                return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"):
                return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"):
                return literal("null") ? .null : nil
            default:
                return number()
            }
        }

        mutating func number() -> JSONValue? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let intStart = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            guard i > intStart else { return nil }
            if i - intStart > 1 && bytes[intStart] == 48 { return nil }
            var integral = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integral = false
                i += 1
                let f = i
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                guard i > f else { return nil }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integral = false
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                let e = i
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                guard i > e else { return nil }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if integral, let n = Int(text) { return .int(n) }
            return Double(text).map { .number($0) }
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: return nil
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }

        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                switch c {
                case UInt8(ascii: "\""):
                    let s = String(decoding: out, as: UTF8.self)
                    return Array(s.utf8) == out ? s : nil
                case UInt8(ascii: "\\"):
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(34)
                    case UInt8(ascii: "\\"): out.append(92)
                    case UInt8(ascii: "/"): out.append(47)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if code >= 0xD800 && code < 0xDC00 {
                            guard literal("\\u"), let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if code >= 0xDC00 && code < 0xE000 {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: return nil
                    }
                default:
                    if c < 0x20 { return nil }
                    out.append(c)
                }
            }
            return nil
        }
    }
}
