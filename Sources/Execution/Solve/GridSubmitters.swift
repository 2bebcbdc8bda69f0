#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import Foundation
import IR

/// Where the grid (`solveLink` 3) puts its jobs and who runs them: the run's settings.
public struct GridSettings: Sendable, Equatable {
    /// Who runs the jobs of `solveLink` 3.
    public enum Scheduler: String, Sendable, Equatable {
        /// Worker processes on this machine, at most `option threadsAsync` at once.
        case local
        /// Slurm: each job is an `sbatch` script; its state is read with `squeue`.
        case slurm
    }

    /// The grid directory (`--grid-dir`, GAMS's `gridDir`); nil: a temporary one, removed at
    /// the end of the run unless a job failed.
    public var directory: String? = nil
    public var scheduler: Scheduler = .local
    /// The `enm` executable the jobs run (`enm grid-job DIR`), and the solver processes that
    /// isolate CBC's searches, Bonmin and Siconos (`enm solver-job`); nil (a library run
    /// without it): `solveLink` 3 runs on worker threads as 6 does, and those solvers in the
    /// run's own process.
    public var worker: String? = nil
    /// The text of a batch script template for Slurm (`--grid-template FILE`); nil:
    /// `Slurm.defaultTemplate`.
    public var slurmTemplate: String? = nil

    public init() {}
}

/// The run's folder under the grid directory, made at the first grid solve: one job folder
/// per handle (`job-1`, `job-2`, ...). Runs that share a grid directory do not meet.
final class GridFolder: @unchecked Sendable {
    let path: String
    /// Whether enm made the grid directory itself (a temporary one).
    let temporary: Bool

    /// Why the run's folder could not be made: the system's reason.
    struct Failure: Error { var reason: String }

    init(settings: GridSettings) throws {
        let base = settings.directory ?? FileManager.default.temporaryDirectory.path
        temporary = settings.directory == nil
        let stamp = Int(Date().timeIntervalSince1970)
        path = Paths.join(base, "enm-grid-\(stamp)-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        guard mkdir(path, 0o755) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
    }

    func job(_ id: Int) -> String { Paths.join(path, "job-\(id)") }
    func log(_ id: Int) -> String { Paths.join(job(id), GridJob.log) }

    /// Why a job failed, naming its folder and log, for the diagnostic.
    func failure(_ id: Int, _ what: String) -> String {
        "the grid job of handle \(id) \(what); its job folder is \(job(id)), its log \(log(id))"
    }
}

/// The grid's local pool: each job runs as its own `enm grid-job DIR` process, at most
/// `workers` at once (a pool thread waits for each). A worker that runs past the job's time
/// limit (`resLim`) by more than `graceSeconds` is killed and its job counts as lost.
final class LocalGridSubmitter: SolveSubmitter {
    let folder: GridFolder
    private let processes: WorkerProcesses
    private let pool: ThreadPoolSubmitter
    var workers: Int {
        get { pool.workers }
        set { pool.workers = newValue }
    }

    init(folder: GridFolder, executable: String, workers: Int) {
        self.folder = folder
        let processes = WorkerProcesses(executable: executable, folder: folder)
        self.processes = processes
        pool = ThreadPoolSubmitter(workers: workers) { id, job in processes.run(id, job) }
    }

    func submit(_ job: SolveJob, id: Int, after predecessor: Int?) {
        processes.prepare(job, id: id)
        // the pool starts a job once its predecessor ended, from that one's final basis
        pool.submit(job, id: id, after: predecessor)
    }
    func end(of id: Int) -> SolveJobEnd? { pool.end(of: id) }
    func waitForAny(of ids: Set<Int>, seconds: Double) -> Bool { pool.waitForAny(of: ids, seconds: seconds) }
    func discard(_ id: Int) {
        let finished = pool.end(of: id)
        pool.discard(id)
        processes.stop(id)
        if case .finished = finished { try? FileManager.default.removeItem(atPath: folder.job(id)) }
    }
    /// Stops every worker still running (the run ends).
    func stopAll() { processes.stopAll() }
}

/// The worker processes of the local pool: each an `enm grid-job --serve` that runs the job
/// folders it is sent one after the other (its start-up, some 20-30 ms of loading libraries, is
/// paid once, not per job). An idle worker waits for the next folder; a worker that dies takes
/// only its current job with it, and the next job gets a fresh one. Shared with the pool's
/// threads.
final class WorkerProcesses: @unchecked Sendable {
    /// Seconds a worker may run past its job's `resLim` (start-up, reading, writing).
    static let graceSeconds = 5.0
    let executable: String
    let folder: GridFolder
    private let lock = NSLock()
    /// Worker processes waiting for a job folder (each reads folders from its socket and
    /// answers there).
    private var idle: [WorkerProcess] = []
    private var running: [Int: pid_t] = [:]
    private var unwritten: [Int: String] = [:]
    private var stopped = Set<Int>()

    init(executable: String, folder: GridFolder) {
        self.executable = executable
        self.folder = folder
    }

    deinit { stopAll() }

    /// Writes the job's folder (on the interpreter's thread, which owns the labels the
    /// provenance spells); a failure is kept for the job's end.
    func prepare(_ job: SolveJob, id: Int) {
        let dir = folder.job(id)
        try? FileManager.default.removeItem(atPath: Paths.join(dir, GridJob.result))
        do {
            try GridJob.write(job.forWorker(), to: dir, handle: id)
            lock.withLock { _ = unwritten.removeValue(forKey: id); stopped.remove(id) }
        } catch {
            let why = (error as? AtomicFile.Failure).map { "\($0.path): \($0.reason)" } ?? "\(error)"
            lock.withLock { unwritten[id] = folder.failure(id, "could not be written (\(why))") }
        }
    }

    /// Runs job `id` in a worker process and waits for it (on a pool thread); `job` carries
    /// the basis it starts from.
    func run(_ id: Int, _ job: SolveJob) -> SolveJobEnd {
        if let why = lock.withLock({ unwritten[id] }) { return .failed(why, .errorNoSolution) }
        let dir = folder.job(id)
        do {
            try GridJob.writeStart(job.options.startBasis, to: dir)
        } catch {
            return .failed(folder.failure(id, "could not be written (\(error))"), .errorNoSolution)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        guard let worker = checkout(id) else {
            return .failed(folder.failure(id, "could not start \(executable): \(String(cString: strerror(errno)))"), .errorNoSolution)
        }
        try? "\(worker.pid)\n".write(toFile: Paths.join(dir, "worker.pid"), atomically: true, encoding: .utf8)
        let limit = Swift.min(job.options.resLim, 1e7) + WorkerProcesses.graceSeconds
        let answer = send(dir, to: worker, seconds: limit)
        let wasStopped = lock.withLock { running[id] = nil; return stopped.contains(id) }
        var status: Int32 = 0
        switch answer {
        case .answered:
            lock.withLock { idle.append(worker) }
        case .timedOut, .gone:
            // the worker is not trusted with another job
            if case .timedOut = answer { kill(worker.pid, SIGKILL) }
            close(worker.socket)
            status = worker.reap()
        }
        if case .timedOut = answer {
            return .failed(folder.failure(id, "returned no result within resLim + \(Int(WorkerProcesses.graceSeconds)) s and was stopped"), .noSolutionReturned)
        }
        do {
            if let outcome = try GridJob.readResult(dir, startedAt: started) { return .finished(outcome) }
        } catch let e as ByteSourceError {
            return .failed(folder.failure(id, "left a damaged result (\(e.reason))"), .errorNoSolution)
        } catch {}
        let how: String
        if case .answered(let code) = answer {
            how = "ended with exit code \(code) without a result"
        } else {
            how = status & 0x7f == 0 ? "ended with exit code \((status >> 8) & 0xff) without a result" : "was killed by signal \(status & 0x7f)"
        }
        return .failed(folder.failure(id, wasStopped ? "was stopped" : how), .errorNoSolution)
    }

    private enum Answer { case answered(Int32), gone, timedOut }

    /// Sends a job folder to `worker` and waits at most `seconds` for its answer line (the
    /// job's exit code).
    private func send(_ dir: String, to worker: WorkerProcess, seconds: Double) -> Answer {
        let line = Array((dir + "\n").utf8)
        let sent = line.withUnsafeBytes { Glibc.send(worker.socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == line.count else { return .gone }
        let deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(seconds * 1e9)
        var reply: [UInt8] = []
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return .timedOut }
            var p = pollfd(fd: worker.socket, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, Int32(Swift.min((deadline - now) / 1_000_000 + 1, 1000)))
            if r < 0 && errno != EINTR { return .gone }
            guard r > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = read(worker.socket, &buffer, buffer.count)
            guard n > 0 else { return .gone }
            reply += buffer[0 ..< n]
            if let end = reply.firstIndex(of: 10) {
                return .answered(Int32(String(decoding: reply[..<end], as: UTF8.self)) ?? 2)
            }
        }
    }

    /// An idle worker, or a new one; recorded as running job `id`.
    private func checkout(_ id: Int) -> WorkerProcess? {
        lock.lock()
        defer { lock.unlock() }
        let worker = idle.popLast() ?? spawn()
        if let worker { running[id] = worker.pid }
        return worker
    }

    /// Starts `enm grid-job --serve` with a socket as its standard input and output.
    private func spawn() -> WorkerProcess? {
        WorkerProcess.start(executable, ["grid-job", "--serve"], descriptors: [.socket(1), .discard(2)])
    }

    /// Kills `id`'s worker if it runs (`handleDelete` of a running job).
    func stop(_ id: Int) {
        lock.withLock {
            stopped.insert(id)
            if let pid = running[id] { kill(pid, SIGKILL) }
        }
    }

    /// Kills the workers of running jobs and lets the idle ones go (their input ends).
    func stopAll() {
        let ended: [WorkerProcess] = lock.withLock {
            for (id, pid) in running { stopped.insert(id); kill(pid, SIGKILL) }
            defer { idle = [] }
            return idle
        }
        for w in ended {
            close(w.socket)
            w.reap()
        }
    }
}
