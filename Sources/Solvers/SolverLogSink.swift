import Foundation
import IR

/// Where a backend's own log goes during one solve (`SolveOptions.solverLog`): standard error,
/// or the end of a file. Writes from solves on several threads are serialized, so lines of one
/// write never interleave with another's.
final class SolverLogSink {
    private static let lock = NSLock()
    private let log: SolverLog

    /// A sink for `log`; nil when the solve keeps no log.
    init?(_ log: SolverLog?) {
        guard let log else { return nil }
        self.log = log
    }

    /// Appends `text`; a file that cannot be opened loses the text (the log is a convenience,
    /// never a reason for a solve to fail).
    func write(_ text: String) {
        guard !text.isEmpty else { return }
        Self.lock.lock()
        defer { Self.lock.unlock() }
        switch log {
        case .standardError:
            FileHandle.standardError.write(Data(text.utf8))
        case .file(let path):
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            defer { try? handle.close() }
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
        }
    }

    /// Appends what a backend wrote into the file at `path` (Ipopt writes its log to a file of
    /// its own, which it truncates), then removes that file.
    func take(fileAt path: String) {
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let data = FileManager.default.contents(atPath: path) else { return }
        write(String(decoding: data, as: UTF8.self))
    }
}
