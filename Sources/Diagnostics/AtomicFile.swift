#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written so that a reader sees the old file or the whole new one, never part of it:
/// the bytes go to a temporary file in the same folder (`.NAME.tmp-PID`), are flushed to disk,
/// and the temporary file is renamed over the target. One writer for every file enm writes
/// (results, reports, put files, exports, GDX, LaTeX). A target that is a device or a pipe
/// (`/dev/null`, `/dev/stdout`, a FIFO) is written to directly instead.
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
    /// it was.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let name = Paths.lastComponent(of: path)
        guard !name.isEmpty, name != ".", name != "..", name != "/" else {
            throw Failure(path: path, reason: String(cString: strerror(EISDIR)))
        }
        // a device or pipe (`--output /dev/null`) is written to, not replaced: renaming over it
        // would put a regular file in its place
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG && (status.st_mode & S_IFMT) != S_IFDIR {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw Failure(path: path, reason: reason()) }
            var failure: String? = writeAll(fd, bytes) ? nil : reason()
            if close(fd) != 0 && failure == nil { failure = reason() }
            if let failure { throw Failure(path: path, reason: failure) }
            return
        }
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: reason()) }
        var failure: String? = writeAll(fd, bytes) && fsync(fd) == 0 ? nil : reason()
        if close(fd) != 0 && failure == nil { failure = reason() }
        if failure == nil && rename(temporary, path) != 0 { failure = reason() }
        if let failure {
            unlink(temporary)
            throw Failure(path: path, reason: failure)
        }
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
