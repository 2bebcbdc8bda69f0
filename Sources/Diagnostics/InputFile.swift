import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rule every reader of an input file follows: only a regular file, and at most
/// `InputFile.readLimit` bytes of it (a device such as `/dev/zero` or a FIFO would be read
/// forever, or block).
public enum InputFile {
    /// The most bytes enm reads from one input file: 1 GiB.
    public static let readLimit = 1 << 30

    /// Why the file at `path` is not read (not a regular file, or too large); nil when it may
    /// be, or when it does not exist (the caller reports that in its own words).
    public static func problem(path: String, limit: Int = readLimit) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return problem(info, limit: limit)
    }

    /// `problem(path:)` for an open descriptor.
    public static func problem(descriptor fd: Int32, limit: Int = readLimit) -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return problem(info, limit: limit)
    }

    static func problem(_ info: stat, limit: Int) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return Int(info.st_size) > limit ? "is larger than \(limit >> 20) MiB" : nil
        case S_IFDIR: return "is a folder, not a file"
        case S_IFIFO: return "is a pipe (FIFO), not a regular file"
        case S_IFCHR, S_IFBLK: return "is a device, not a regular file"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "is not a regular file"
        }
    }

    /// The bytes of the regular file at `path`, or why they cannot be read.
    public static func read(_ path: String, limit: Int = readLimit) -> Result<Data, InputFileError> {
        if let why = problem(path: path, limit: limit) { return .failure(InputFileError(reason: why)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(InputFileError(reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"))
        }
        return .success(data)
    }
}

/// Why an input file was not read.
public struct InputFileError: Error, Equatable {
    /// The reason, to follow the file's name: `is a device, not a regular file`.
    public var reason: String
}
