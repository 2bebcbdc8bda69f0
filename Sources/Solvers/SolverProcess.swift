#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import Foundation
import IR

/// A backend that runs its solves in processes of their own (`enm solver-job --serve`), for
/// libraries that can end the process they run in: CBC's search fails assertions on some
/// models (`CglProbing::probe` "up>down", `OsiClpSolverInterface::crunch`) and calls `abort`;
/// Bonmin and Siconos may do the same. In a process of its own, such an end is a solve with
/// model status 13 and a warning that quotes the library's last words; the run goes on.
///
/// The child process also puts the search's memory under `--memory-limit` (the parent looks
/// at both processes' resident memory while it waits) and under `resLim` (a child that runs
/// past it by `SolverProcesses.graceSeconds` is killed). `isolates` picks the solves that go to a
/// child; the others run in this process (CBC's LPs, which CLP solves without those parts).
public struct IsolatedSolver: Solver {
    public let inner: Solver
    let title: String
    let processes: SolverProcesses
    let isolates: @Sendable (ScalarModel, SolveOptions) -> Bool

    /// `inner` (named `title` in messages) in the processes of `processes` for the solves
    /// `isolates` picks.
    public init(_ inner: Solver, title: String, processes: SolverProcesses,
                isolates: @escaping @Sendable (ScalarModel, SolveOptions) -> Bool = { _, _ in true }) {
        self.inner = inner
        self.title = title
        self.processes = processes
        self.isolates = isolates
    }

    public var name: String { inner.name }

    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        guard isolates(model, options) else { return inner.solve(model, options: options) }
        return processes.solve(model, options: options, backend: inner.name, title: title)
    }

    public func releaseThreadState() { inner.releaseThreadState() }

    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] { inner.optionProblems(settings) }
}

/// The child processes of the isolated backends: each an `enm solver-job --serve` that runs
/// the solves it is sent one after the other, so that its start-up (some 30 ms) is paid once
/// per process, not per solve. A solve checks out an idle child or starts one; a child that
/// dies, or is killed at a limit, is replaced at the next solve. Children end with the run:
/// their socket closes.
///
/// A child's file descriptors: 0 the socket (requests in, results out, each a frame of a
/// length and bytes), 1 the run's standard error (where CBC prints its log when `cbc.opt`
/// sets `loglevel`; the run's standard output holds its results) or, for a solve with
/// `--log-file`, that file, 2 a file the parent reads after a failure (the library's last
/// words) or, with `--log`, the run's standard error, which the child finds as descriptor 3.
public final class SolverProcesses: @unchecked Sendable {
    /// Seconds a child may run past its solve's `resLim` (start-up, reading, writing).
    static let graceSeconds = 5.0
    /// How often the parent looks at the child's memory and clock while it waits.
    private static let lookMilliseconds: Int32 = 100

    let executable: String
    private let lock = NSLock()
    private var idle: [Child] = []

    /// A child process, and the parent's descriptor of the child's error file.
    private struct Child {
        var process: WorkerProcess
        var errors: Int32
        var pid: pid_t { process.pid }
        var socket: Int32 { process.socket }
    }

    /// Children of `executable` (the running `enm`).
    public init(executable: String) {
        self.executable = executable
    }

    deinit {
        for child in idle { end(child, kill: false) }
    }

    /// Solves `model` with the backend named `backend` in a child process.
    func solve(_ model: ScalarModel, options: SolveOptions, backend: String, title: String) -> SolveResult {
        let start = DispatchTime.now().uptimeNanoseconds
        var request = SolverJob.request(model, options: options, backend: backend)
        guard var child = checkout() else {
            return SolverJob.failure(title, "could not start \(executable): \(String(cString: strerror(errno)))")
        }
        if !send(&request, to: child) {
            // an idle child that died since its last solve: one fresh start
            end(child, kill: true)
            guard let fresh = spawn() else {
                return SolverJob.failure(title, "could not start \(executable): \(String(cString: strerror(errno)))")
            }
            child = fresh
            guard send(&request, to: child) else { return ended(child, title: title) }
        }
        request = ByteSink()
        let deadline = start &+ UInt64(min(max(0, options.resLim) + SolverProcesses.graceSeconds, 1e7) * 1e9)
        let answer = receive(from: child, limit: options.memoryLimit, deadline: deadline, progress: options.progress)
        return outcome(answer, of: child, title: title, limit: options.memoryLimit)
    }

    /// The solve's result from the child's answer; the child goes back to the idle ones only
    /// after a result.
    private func outcome(_ answer: Answer, of child: Child, title: String, limit: MemoryLimit) -> SolveResult {
        switch answer {
        case .answered(let bytes):
            do {
                var source = ByteSource(bytes)
                let result = try SolverJob.decodeResult(from: &source)
                lock.withLock { idle.append(child) }
                return result
            } catch {
                end(child, kill: true)
                return SolverJob.failure(title, "its process returned a damaged result (\(error))")
            }
        case .gone:
            return ended(child, title: title)
        case .timedOut:
            end(child, kill: true)
            var r = SolveResult(modelStatus: .noSolutionReturned, solverStatus: .resourceInterrupt)
            r.message = "\(title) returned nothing within resLim + \(Int(SolverProcesses.graceSeconds)) s; its process was stopped"
            r.processEnd = r.message
            return r
        case .overMemory(let held):
            end(child, kill: true)
            var r = SolveResult(modelStatus: .noSolutionReturned, solverStatus: .resourceInterrupt)
            r.message = "\(title) was stopped at \(limit.phrase)"
            r.memoryStop = MemoryStop(message: r.message,
                                      note: "the run and \(title)'s process held \(MemoryLimit.describe(held)) when it was stopped")
            return r
        }
    }

    /// The result of a solve whose child ended without answering: how it ended and the last
    /// lines it wrote on its standard error.
    private func ended(_ child: Child, title: String) -> SolveResult {
        close(child.socket)
        let status = child.process.reap()
        let words = SolverJob.lastWords(child.errors)
        close(child.errors)
        let signal = status & 0x7f
        let how = signal != 0 ? "was ended by signal \(signal) (\(SolverJob.signalName(signal)))"
                              : "ended with exit code \((status >> 8) & 0xff)"
        return SolverJob.failure(title, "its process \(how) without a result" + (words.isEmpty ? "" : "; it wrote: \(words)"))
    }

    private enum Answer {
        case answered([UInt8])
        case gone
        case timedOut
        case overMemory(Int)
    }

    /// Waits for `child`'s result frame until `deadline`, looking at the memory both processes
    /// hold against `limit` as it waits, and passing the progress frames before it to `progress`.
    private func receive(from child: Child, limit: MemoryLimit, deadline: UInt64,
                         progress: (@Sendable (SolveProgress) -> Void)?) -> Answer {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            while let frame = SolverJob.takeFrame(&pending) {
                var source = ByteSource(frame)
                guard let update = SolverJob.decodeProgress(&source) else { return .answered(frame) }
                progress?(update)
            }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return .timedOut }
            if let bytes = limit.bytes {
                let held = MemoryLimit.residentBytes() + MemoryLimit.residentBytes(of: child.pid)
                if held > bytes { return .overMemory(held) }
            }
            var p = pollfd(fd: child.socket, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, SolverProcesses.lookMilliseconds)
            if r < 0 && errno != EINTR { return .gone }
            guard r > 0 else { continue }
            let n = read(child.socket, &buffer, buffer.count)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard n > 0 else { return .gone }
            pending += buffer[0 ..< n]
        }
    }

    /// Sends `request` as one frame; false when the child is gone.
    private func send(_ request: inout ByteSink, to child: Child) -> Bool {
        var length = ByteSink()
        length.put(UInt64(request.bytes.count))
        return SolverJob.write(length.bytes, to: child.socket) && SolverJob.write(request.bytes, to: child.socket)
    }

    /// An idle child, or a new one.
    private func checkout() -> Child? {
        if let child = lock.withLock({ idle.popLast() }) { return child }
        return spawn()
    }

    /// Kills (when asked) and reaps `child`, closing the parent's descriptors.
    private func end(_ child: Child, kill killing: Bool) {
        if killing { kill(child.pid, SIGKILL) }
        close(child.socket)
        close(child.errors)
        child.process.reap()
    }

    /// Starts `enm solver-job --serve` with its error file as standard error and the run's
    /// standard error as standard output and descriptor 3 (the lock held, as the grid's workers
    /// are started).
    private func spawn() -> Child? {
        lock.lock()
        defer { lock.unlock() }
        // the child's error file: unnamed, so that nothing is left behind
        var template = Array(Paths.join(FileManager.default.temporaryDirectory.path, "enm-solver-XXXXXX").utf8CString)
        let file = mkstemp(&template)
        guard file >= 0 else { return nil }
        unlink(template)
        // above the descriptors the child's copies write (0 to 3), so that none overwrites it first
        let errors = fcntl(file, F_DUPFD_CLOEXEC, 10)
        close(file)
        guard errors >= 0 else { return nil }
        _ = fcntl(errors, F_SETFL, O_APPEND)
        // without Swift's backtracer, a library's abort leaves its own words last, not a backtrace
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        guard let process = WorkerProcess.start(executable, ["solver-job", "--serve"],
                                                descriptors: [.copy(2, to: 1), .copy(2, to: 3), .copy(errors, to: 2)], environment: environment) else {
            let reason = errno
            close(errors)
            errno = reason
            return nil
        }
        return Child(process: process, errors: errors)
    }
}

/// The frames between a run and its solver processes, and the child's side.
public enum SolverJob {
    private static let requestMagic: UInt64 = 0x31_51_45_52_4D_4E_45  // "ENMREQ1"
    private static let resultMagic: UInt64 = 0x31_53_4C_53_4D_4E_45  // "ENMSLS1"
    private static let progressMagic: UInt64 = 0x31_47_52_50_4D_4E_45  // "ENMPRG1"

    static func request(_ model: ScalarModel, options: SolveOptions, backend: String) -> ByteSink {
        var sink = ByteSink(reserving: 64 + 40 * model.nonzeroCount)
        sink.put(requestMagic)
        sink.put(backend)
        sink.put(options.progress != nil)
        // the child may hold what the run does not
        sink.put(Int64(options.memoryLimit.bytes.map { max(1, $0 - MemoryLimit.residentBytes()) } ?? -1))
        switch options.solverLog {
        case nil: sink.put(UInt8(0)); sink.put("")
        case .standardError, .standardOutput: sink.put(UInt8(1)); sink.put("")
        case .file(let path): sink.put(UInt8(2)); sink.put(path)
        }
        model.encode(into: &sink)
        options.encode(into: &sink)
        return sink
    }

    /// A frame's bytes (a length, then the bytes) taken from the front of `pending`; nil while
    /// the frame is not whole.
    static func takeFrame(_ pending: inout [UInt8]) -> [UInt8]? {
        guard pending.count >= 8 else { return nil }
        var header = ByteSource(Array(pending[0 ..< 8]))
        guard let length = (try? header.get(UInt64.self)).map({ Int(clamping: $0) }), pending.count - 8 >= length else { return nil }
        let frame = Array(pending[8 ..< 8 + length])
        pending.removeFirst(8 + length)
        return frame
    }

    /// A progress frame's contents; nil when the frame is not one (the result).
    static func decodeProgress(_ source: inout ByteSource) -> SolveProgress? {
        // (not `try?` on each field: it would flatten an absent objective into a failure)
        do {
            guard try source.get(UInt64.self) == progressMagic else { return nil }
            let iteration = try source.int(), objective = try source.optionalDouble()
            let infeasibility = try source.optionalDouble(), bound = try source.optionalDouble()
            let hasNodes = try source.bool(), nodes = try source.int()
            return SolveProgress(iteration: iteration, objective: objective, infeasibility: infeasibility, bestBound: bound,
                                 nodes: hasNodes ? nodes : nil)
        } catch {
            return nil
        }
    }

    /// Sends `progress` to the parent as a frame on standard input's socket (the child, on
    /// its solving thread: frames never interleave with the result's).
    private static func send(_ progress: SolveProgress) {
        var sink = ByteSink()
        sink.put(progressMagic)
        sink.put(Int64(progress.iteration)); sink.put(progress.objective); sink.put(progress.infeasibility)
        sink.put(progress.bestBound); sink.put(progress.nodes != nil); sink.put(Int64(progress.nodes ?? 0))
        var length = ByteSink()
        length.put(UInt64(sink.bytes.count))
        _ = write(length.bytes + sink.bytes, to: 0)
    }

    private static func encode(_ result: SolveResult, into sink: inout ByteSink) {
        sink.put(resultMagic)
        result.encode(into: &sink)
        sink.put(result.memoryStop != nil)
        if let stop = result.memoryStop { sink.put(stop.message); sink.put(stop.note) }
    }

    static func decodeResult(from source: inout ByteSource) throws -> SolveResult {
        guard try source.get(UInt64.self) == resultMagic else { throw ByteSourceError("not a solver process result") }
        var result = try SolveResult.decode(from: &source)
        if try source.bool() { result.memoryStop = MemoryStop(message: try source.string(), note: try source.string()) }
        guard source.isAtEnd else { throw ByteSourceError("bytes after the result") }
        return result
    }

    /// Status 13/13, as GAMS reports a solver process that died, with `what` as the message
    /// and W4053 at the solve statement.
    static func failure(_ title: String, _ what: String) -> SolveResult {
        var r = SolveResult(modelStatus: .errorNoSolution, solverStatus: .systemFailure)
        r.message = "\(title) failed: \(what)"
        r.processEnd = r.message
        return r
    }

    /// The last lines (at most 600 characters) of the child's error file, on one line.
    static func lastWords(_ fd: Int32) -> String {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return "" }
        let count = Int(min(info.st_size, 600))
        var bytes = [UInt8](repeating: 0, count: count)
        let n = pread(fd, &bytes, count, off_t(info.st_size) - off_t(count))
        guard n > 0 else { return "" }
        let text = String(decoding: bytes[0 ..< n], as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return Excerpt.escaped(abridged(lines.suffix(3).joined(separator: " / ")))
    }

    /// `text` with every innermost parenthesis of more than 40 characters shortened to `(...)`:
    /// a C++ assertion names its function with the whole parameter list.
    static func abridged(_ text: String) -> String {
        var out = "", group: String? = nil
        for ch in text {
            if ch == "(" {
                if let g = group { out += g }
                group = "("
            } else if ch == ")", let g = group {
                out += g.count > 41 ? "(...)" : g + ")"
                group = nil
            } else if group != nil {
                group!.append(ch)
            } else {
                out.append(ch)
            }
        }
        return out + (group ?? "")
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGABRT: return "SIGABRT"
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGILL: return "SIGILL"
        case SIGKILL: return "SIGKILL"
        default: return "signal \(signal)"
        }
    }

    /// Writes all of `bytes`; false when the other end is gone.
    static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }

    // MARK: - The child

    /// The child's loop (`enm solver-job --serve`): reads request frames on standard input,
    /// solves each with the backend of `backends` it names and answers with a result frame;
    /// ends at the end of the input, and at once when the run that started it ends.
    public static func serve(backends: [String: Solver]) -> Int32 {
        let errors = dup(2)
        guard errors > 3 else { return 2 }
        watchParent()
        while true {
            guard let frame = readFrame(0) else { return 0 }
            var source = ByteSource(frame)
            let result: SolveResult
            do {
                result = try run(&source, backends: backends, errors: errors)
            } catch {
                FileHandle.standardError.write(Data("enm solver-job: \(error)\n".utf8))
                return 2
            }
            var sink = ByteSink()
            encode(result, into: &sink)
            var length = ByteSink()
            length.put(UInt64(sink.bytes.count))
            guard write(length.bytes, to: 0), write(sink.bytes, to: 0) else { return 0 }
        }
    }

    private static func run(_ source: inout ByteSource, backends: [String: Solver], errors: Int32) throws -> SolveResult {
        guard try source.get(UInt64.self) == requestMagic else { throw ByteSourceError("not a solver process request") }
        let name = try source.string()
        guard let backend = backends[name] else { throw ByteSourceError("no backend '\(name)'") }
        let follows = try source.bool()
        let memory = try source.int()
        let logKind = try source.get(UInt8.self), logPath = try source.string()
        let model = try ScalarModel.decode(from: &source)
        var options = try SolveOptions.decode(from: &source)
        guard source.isAtEnd else { throw ByteSourceError("bytes after the request") }
        options.memoryLimit = MemoryLimit(bytes: memory < 0 ? nil : memory)
        if follows { options.progress = { send($0) } }
        options.solverLog = logKind == 1 ? .standardError : logKind == 2 ? .file(logPath) : nil
        // a solve with --log writes on the run's standard error; any other keeps the library's
        // words for the parent, in a file emptied for each solve (also for one with --log, so
        // that the parent never quotes an earlier solve's words)
        ftruncate(errors, 0)
        dup2(logKind == 1 ? 3 : errors, 2)
        // what the library prints on standard output goes to the solve's log file, else to the
        // run's standard error (descriptor 3, also this process's standard output between solves)
        let file = logKind == 2 ? open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) : -1
        if file >= 0 { dup2(file, 1) }
        options.outputIsLog = true
        defer {
            // what the C library still buffers belongs to this solve's log
            fflush(stdout)
            if file >= 0 { dup2(3, 1); close(file) }
        }
        return backend.solve(model, options: options)
    }

    /// Linux's `POLLRDHUP` (the other end shut down), which Swift's Glibc does not bring.
    private static let pollPeerClosed: Int16 = 0x2000

    /// Ends this process as soon as the parent's end of the socket closes (the run ended or was
    /// killed), so that no search outlives its run.
    private static func watchParent() {
        let thread = Thread {
            while true {
                var p = pollfd(fd: 0, events: pollPeerClosed, revents: 0)
                if poll(&p, 1, -1) > 0 && p.revents & (pollPeerClosed | Int16(POLLHUP | POLLERR | POLLNVAL)) != 0 { _exit(0) }
            }
        }
        thread.start()
    }

    /// One frame (a length, then that many bytes); nil at the end of the input.
    private static func readFrame(_ fd: Int32) -> [UInt8]? {
        guard let header = readExactly(fd, 8) else { return nil }
        var source = ByteSource(header)
        guard let length = try? source.get(UInt64.self), length < 1 << 40 else { return nil }
        return readExactly(fd, Int(length))
    }

    private static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            got += n
        }
        return bytes
    }
}
