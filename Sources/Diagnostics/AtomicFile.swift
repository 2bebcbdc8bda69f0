#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written so that a reader sees the old file or the whole new one, never part of it:
/// the bytes go to a temporary file in the same folder (`.NAME.tmp-PID`), are flushed to disk,
/// and the temporary file is renamed over the target. One writer for every file enm writes
/// (results, reports, put files, exports, GDX, LaTeX).
public enum AtomicFile {
    /// Why a file could not be written: the path that failed and the system's reason.
    public struct Failure: Error, Equatable, Sendable {
        public var path: String
        public var reason: String
    }

    /// The temporary file a write of `path` goes through (a killed run leaves it behind;
    /// `ResultsWriter.removeStaleTemporaries` recognises it by its `.tmp-PID` suffix).
    public static func temporaryPath(for path: String) -> String {
        Paths.join(Paths.directory(of: path), ".\(Paths.lastComponent(of: path)).tmp-\(getpid())")
    }

    /// Writes `bytes` to `path`; on failure the temporary file is removed and the target is as
    /// it was. `durable: false` skips the flush to disk (the rename still makes the file appear
    /// whole or not at all): for files another process reads at once and nobody needs after a
    /// crash, such as grid jobs (a flush costs about 10 ms on a slow disk).
    ///
    /// Only regular files are replaced. A symbolic link is written through (the file it names
    /// is replaced, the link stays); a device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is
    /// written into directly, since renaming over it would replace the device itself.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws {
        let name = Paths.lastComponent(of: path)
        guard !name.isEmpty, name != ".", name != "..", name != "/" else {
            throw Failure(path: path, reason: String(cString: strerror(EISDIR)))
        }
        var target = stat()
        if stat(path, &target) == 0 {
            switch target.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw Failure(path: path, reason: String(cString: strerror(EISDIR)))
            default: return try writeInPlace(bytes, to: path)
            }
            if let resolved = linkTarget(path) { return try replace(resolved, with: bytes, durable: durable, reportedAs: path) }
        }
        try replace(path, with: bytes, durable: durable, reportedAs: path)
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it over `path`.
    private static func replace(_ path: String, with bytes: [UInt8], durable: Bool, reportedAs shown: String) throws {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: shown, reason: reason()) }
        var failure: String? = writeAll(fd, bytes) && (!durable || fsync(fd) == 0) ? nil : reason()
        if close(fd) != 0 && failure == nil { failure = reason() }
        if failure == nil && rename(temporary, path) != 0 { failure = reason() }
        if let failure {
            unlink(temporary)
            throw Failure(path: shown, reason: failure)
        }
    }

    /// Writes `bytes` into an existing device or pipe (no atomicity to be had there).
    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, reason: reason()) }
        var failure: String? = writeAll(fd, bytes) ? nil : reason()
        if close(fd) != 0 && failure == nil { failure = reason() }
        if let failure { throw Failure(path: path, reason: failure) }
    }

    /// The file a symbolic link at `path` finally names, or nil when `path` is no link.
    private static func linkTarget(_ path: String) -> String? {
        var link = stat()
        guard lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK,
              let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes all of `bytes` to `fd`; false (errno set) when it cannot.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
