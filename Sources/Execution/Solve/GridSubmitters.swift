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
    /// The `enm` executable the jobs run (`enm grid-job DIR`); nil (a library run without it):
    /// `solveLink` 3 runs on worker threads as 6 does.
    public var worker: String? = nil
    /// The text of a batch script template for Slurm (`--grid-template FILE`); nil:
    /// `SlurmSubmitter.defaultTemplate`.
    public var slurmTemplate: String? = nil

    public init() {}
}

/// The run's folder under the grid directory, made at the first grid solve: one job folder
/// per handle (`job-1`, `job-2`, ...). Runs that share a grid directory do not meet.
final class GridFolder: @unchecked Sendable {
    let path: String
    /// Whether enm made the grid directory itself (a temporary one).
    let temporary: Bool

    init(settings: GridSettings) throws {
        let base = settings.directory ?? FileManager.default.temporaryDirectory.path
        temporary = settings.directory == nil
        let stamp = Int(Date().timeIntervalSince1970)
        path = Paths.join(base, "enm-grid-\(stamp)-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
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
        pool = ThreadPoolSubmitter(workers: workers) { id, job in processes.run(id, resLim: job.options.resLim) }
    }

    func submit(_ job: SolveJob, id: Int, after predecessor: Int?) {
        processes.prepare(job, id: id)
        // grid jobs are independent processes: each starts from the model's own levels
        pool.submit(job, id: id, after: nil)
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

/// The worker processes of the local pool, by handle; shared with the pool's threads.
final class WorkerProcesses: @unchecked Sendable {
    /// Seconds a worker may run past its job's `resLim` (start-up, reading, writing).
    static let graceSeconds = 5.0
    let executable: String
    let folder: GridFolder
    private let lock = NSLock()
    private var running: [Int: pid_t] = [:]
    private var unwritten: [Int: String] = [:]
    private var stopped = Set<Int>()

    init(executable: String, folder: GridFolder) {
        self.executable = executable
        self.folder = folder
    }

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

    /// Runs job `id` in a worker process and waits for it (on a pool thread).
    func run(_ id: Int, resLim: Double) -> SolveJobEnd {
        if let why = lock.withLock({ unwritten[id] }) { return .failed(why, .errorNoSolution) }
        let started = DispatchTime.now().uptimeNanoseconds
        guard let pid = spawn(id) else {
            return .failed(folder.failure(id, "could not start \(executable): \(String(cString: strerror(errno)))"), .errorNoSolution)
        }
        let limit = Swift.min(resLim, 1e7) + WorkerProcesses.graceSeconds
        var status: Int32 = 0, lost = false, pause: UInt32 = 200
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if !lost && Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 > limit {
                lost = true
                kill(pid, SIGKILL)
            }
            usleep(pause)
            pause = Swift.min(pause * 2, 5000)
        }
        let wasStopped = lock.withLock { running[id] = nil; return stopped.contains(id) }
        if lost { return .failed(folder.failure(id, "returned no result within resLim + \(Int(WorkerProcesses.graceSeconds)) s and was stopped"), .noSolutionReturned) }
        do {
            if let outcome = try GridJob.readResult(folder.job(id), startedAt: started) { return .finished(outcome) }
        } catch let e as ByteSourceError {
            return .failed(folder.failure(id, "left a damaged result (\(e.reason))"), .errorNoSolution)
        } catch {}
        let how = status & 0x7f == 0 ? "ended with exit code \((status >> 8) & 0xff) without a result"
            : "was killed by signal \(status & 0x7f)"
        return .failed(folder.failure(id, wasStopped ? "was stopped" : how), .errorNoSolution)
    }

    /// Starts `enm grid-job DIR` with its output to the job's log; its pid, or nil.
    private func spawn(_ id: Int) -> pid_t? {
        let dir = folder.job(id)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, folder.log(id), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let args: [UnsafeMutablePointer<CChar>?] = [strdup(executable), strdup("grid-job"), strdup(dir), nil]
        defer { for a in args { free(a) } }
        var pid: pid_t = 0
        let rc = lock.withLock { () -> Int32 in
            let rc = posix_spawn(&pid, executable, &actions, nil, args, environ)
            if rc == 0 { running[id] = pid }
            return rc
        }
        guard rc == 0 else { errno = rc; return nil }
        try? "\(pid)\n".write(toFile: Paths.join(dir, "worker.pid"), atomically: true, encoding: .utf8)
        return pid
    }

    /// Kills `id`'s worker if it runs (`handleDelete` of a running job).
    func stop(_ id: Int) {
        lock.withLock {
            stopped.insert(id)
            if let pid = running[id] { kill(pid, SIGKILL) }
        }
    }

    func stopAll() {
        lock.withLock { for (id, pid) in running { stopped.insert(id); kill(pid, SIGKILL) } }
    }
}
