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
        case .standardOutput:
            FileHandle.standardOutput.write(Data(text.utf8))
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

extension SolveOptions {
    /// Where a backend's own log goes when its option file `asks` for one (CLP's and CBC's
    /// `loglevel`, Ipopt's `print_level`): the run's log (`--log`, `--log-file`), else standard
    /// error; standard output only where it is the log (a solver process, whose standard error
    /// keeps the library's last words). Never the run's standard output, which holds its results
    /// (`--json` must stay whole).
    func solverLog(asked: Bool) -> SolverLog? {
        solverLog ?? (asked ? (outputIsLog ? .standardOutput : .standardError) : nil)
    }

    /// The log level to give a library that prints its log on standard output alone (CBC's
    /// search) for the option file's `level`: that level, at least 1 with a
    /// log, where standard output is the log (a solver process, a grid job); 0 in the run's
    /// own process, whose standard output holds the results.
    func standardOutputLogLevel(_ level: Int32) -> Int32 {
        guard outputIsLog, solverLog(asked: level > 0) != nil else { return 0 }
        return max(1, level)
    }
}
