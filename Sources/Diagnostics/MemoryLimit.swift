import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory a run may take (`--memory-limit`): work whose size is known beforehand (a label
/// range, an assignment over a product of sets, a generated model) is refused when it would
/// pass the limit, and long-running work checks the process's resident memory as it goes, so
/// that a run ends with a located error (E4050) instead of being killed with the machine
/// swapping or out of memory.
public struct MemoryLimit: Sendable, Equatable {
    /// The most bytes the process may hold resident; nil for no limit.
    public var bytes: Int?

    public init(bytes: Int?) { self.bytes = bytes }

    /// No limit (`--memory-limit 0`).
    public static let none = MemoryLimit(bytes: nil)

    /// The default: 80 % of the machine's physical memory (none when it is not known).
    public static var standard: MemoryLimit {
        physicalMemory().map { MemoryLimit(bytes: $0 / 5 * 4) } ?? .none
    }

    /// `8G`, `500M`, `64k`, `1073741824` (bytes; suffixes k, M, G, T in powers of 1024, an
    /// optional `B` or `iB` after them); `0` means no limit. Nil for anything else.
    public static func parse(_ text: String) -> MemoryLimit? {
        var s = text.trimmingCharacters(in: .whitespaces).uppercased()
        if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
        var unit = 1
        if let last = s.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][String(last)] {
            unit = 1 << (10 * power)
            s.removeLast()
        }
        guard let number = Double(s), number.isFinite, number >= 0, !s.contains("E"), !s.hasPrefix("+") else { return nil }
        let total = number * Double(unit)
        guard total < 9e18 else { return nil }
        return total == 0 ? MemoryLimit.none : MemoryLimit(bytes: Swift.max(1, Int(total)))
    }

    /// The machine's physical memory in bytes, if known.
    public static func physicalMemory() -> Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return nil }
        let (total, overflow) = pages.multipliedReportingOverflow(by: size)
        return overflow ? nil : total
    }

    /// The bytes this process (or the process `pid`, a child) holds resident now (Linux:
    /// `/proc/self/statm`; 0 elsewhere or when it cannot be read). One small read: cheap
    /// enough for every million entries.
    public static func residentBytes(of pid: pid_t? = nil) -> Int {
        #if os(Linux)
        let fd = open(pid.map { "/proc/\($0)/statm" } ?? "/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 127) }
        guard n > 0 else { return 0 }
        // the second field: resident pages
        let fields = buffer[..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 0
        #endif
    }

    /// Whether `additional` more bytes fit under the limit beside what the process holds now.
    public func admits(_ additional: Int) -> Bool {
        guard let limit = bytes else { return true }
        let (total, overflow) = MemoryLimit.residentBytes().addingReportingOverflow(Swift.max(0, additional))
        return !overflow && total <= limit
    }

    /// Whether the process holds more than the limit now.
    public var isExceeded: Bool {
        guard let limit = bytes else { return false }
        return MemoryLimit.residentBytes() > limit
    }

    /// `entries` times `bytesEach`, saturating at `Int.max`.
    public static func product(_ entries: Int, _ bytesEach: Int) -> Int {
        let (total, overflow) = entries.multipliedReportingOverflow(by: bytesEach)
        return overflow ? Int.max : total
    }

    /// A size as messages write it: `512 MiB`, `3.5 GiB`, `12 KiB`, `800 bytes`.
    public static func describe(_ bytes: Int) -> String {
        guard bytes >= 1024 else { return "\(bytes) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes) / 1024
        var k = 0
        while value >= 1024, k < units.count - 1 { value /= 1024; k += 1 }
        let text = value >= 100 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.1f", value)
        return "\(text) \(units[k])"
    }

    /// A count with thousands separated: `10,000,000,000`.
    public static func count(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var text = ""
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { text.append(",") }
            text.append(d)
        }
        return (n < 0 ? "-" : "") + text
    }

    /// The limit as messages write it: `the memory limit (2 GiB)`.
    public var phrase: String {
        bytes.map { "the memory limit (\(MemoryLimit.describe($0)))" } ?? "no memory limit"
    }

    /// The help every refusal gives.
    public static let help = "raise the limit with --memory-limit SIZE (e.g. 16G; 0 for none), or shrink the sets"

    /// The help of a solver stopped at the limit (W4051): the library's memory follows the
    /// model's size, and the run's sets may not be what made the model large.
    public static let solverHelp = "raise the limit with --memory-limit SIZE (e.g. 16G; 0 for none), or solve a smaller model"
}
