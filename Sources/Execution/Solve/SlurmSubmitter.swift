import Diagnostics
import Foundation
import IR

/// The grid on Slurm: the jobs submitted in a burst go to Slurm as one job array, from a batch
/// script template (`array-N.sh` in the run's folder), with `sbatch --parsable --array`; a
/// job's end is its `result.bin` appearing in its folder (a shared file system), or Slurm no
/// longer running it without one: a job that failed, was cancelled, timed out or whose node
/// went away is lost (model status 14) once `Slurm.graceSeconds` have passed without its
/// result (a shared file system may show it late).
final class SlurmSubmitter: SolveSubmitter, @unchecked Sendable {
    /// Jobs submitted within this time of the first one not yet sent go to Slurm together, as
    /// one job array: one `sbatch` call costs about 0.1 s of the submitting machine whether it
    /// holds one job or a thousand (benchmarks/README.md, "parallel").
    static let burstSeconds = 0.1

    let folder: GridFolder
    private let executable: String
    private let template: String
    private struct Job {
        /// Slurm's id of the job's array task (`ARRAY_K`); nil until its burst is submitted.
        var slurmID: String?
        var started: UInt64
        /// The job's time limit for Slurm: its `resLim` plus a minute, in whole minutes.
        var minutes: Int
        var end: SolveJobEnd?
        /// When Slurm was first seen not running the job while no result was there.
        var goneSince: UInt64?
    }
    /// The jobs, the burst not yet sent and whether the run ended, under `lock`: the burst is
    /// sent from `queue`, so the solve statements never wait for `sbatch`.
    private var jobs: [Int: Job] = [:]
    private var burst: [Int] = []
    private var arrays = 0
    private var stopped = false
    private var lastQuery: UInt64 = 0
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "enm.grid.slurm")

    init(folder: GridFolder, executable: String, template: String) {
        self.folder = folder
        self.executable = executable
        self.template = template
    }

    func submit(_ job: SolveJob, id: Int, after predecessor: Int?) {
        let now = DispatchTime.now().uptimeNanoseconds
        let minutes = Int((Swift.min(job.options.resLim, 1e7) + 60) / 60) + 1
        let dir = folder.job(id)
        do {
            try? FileManager.default.removeItem(atPath: Paths.join(dir, GridJob.result))
            try GridJob.write(job.forWorker(), to: dir, handle: id)
        } catch {
            let why = (error as? AtomicFile.Failure).map { "\($0.path): \($0.reason)" } ?? "\(error)"
            lock.withLock { jobs[id] = Job(started: now, minutes: minutes, end: .failed(folder.failure(id, "could not be written (\(why))"), .errorNoSolution)) }
            return
        }
        lock.withLock {
            jobs[id] = Job(started: now, minutes: minutes)
            burst.append(id)
            if burst.count == 1 {
                queue.asyncAfter(deadline: .now() + SlurmSubmitter.burstSeconds) { self.sendBurst() }
            } else if burst.count == Slurm.maxArrayTasks {
                queue.async { self.sendBurst() }
            }
        }
    }

    /// Sends the jobs waiting in the burst as one job array (on `queue`); each task's output
    /// goes to its job's `log.txt`, Slurm's own messages to the array's `array-N-K.log`.
    private func sendBurst() {
        let (ids, minutes, n): ([Int], Int, Int) = lock.withLock {
            guard !stopped, !burst.isEmpty else { return ([], 0, 0) }
            let ids = Array(burst.prefix(Slurm.maxArrayTasks))
            burst.removeFirst(ids.count)
            if !burst.isEmpty { queue.async { self.sendBurst() } }
            arrays += 1
            return (ids, ids.compactMap { jobs[$0]?.minutes }.max() ?? 2, arrays)
        }
        guard !ids.isEmpty else { return }
        let commands = ids.map { id in
            "exec " + [executable, "grid-job", folder.job(id)].map(Slurm.quoted).joined(separator: " ")
                + " > " + Slurm.quoted(folder.log(id)) + " 2>&1"
        }
        do {
            let tasks = try Slurm.submitArray(commands, name: "array-\(n)", folder: folder.path, template: template, minutes: minutes)
            for (id, task) in zip(ids, tasks) {
                try? (task + "\n").write(toFile: Paths.join(folder.job(id), "slurm.job"), atomically: true, encoding: .utf8)
            }
            let dropped: [String] = lock.withLock {
                var dropped: [String] = []
                for (id, task) in zip(ids, tasks) {
                    if jobs[id] != nil && jobs[id]?.end == nil { jobs[id]?.slurmID = task } else { dropped.append(task) }
                }
                return dropped
            }
            // deleted (or the run ended) while the array was being submitted
            Slurm.cancel(dropped)
        } catch {
            lock.withLock {
                for id in ids where jobs[id]?.end == nil { jobs[id]?.end = .failed(folder.failure(id, error.reason), .errorNoSolution) }
            }
        }
    }

    func end(of id: Int) -> SolveJobEnd? {
        lock.withLock {
            guard jobs[id] != nil else { return nil }
            refresh()
            return jobs[id]?.end
        }
    }

    func waitForAny(of ids: Set<Int>, seconds: Double) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(Swift.min(Swift.max(seconds, 0), 1e9) * 1e9)
        while true {
            let ended = lock.withLock {
                refresh()
                return ids.contains(where: { jobs[$0]?.end != nil })
            }
            if ended { return true }
            if DispatchTime.now().uptimeNanoseconds >= deadline { return false }
            usleep(20_000)
        }
    }

    func discard(_ id: Int) {
        let job: Job? = lock.withLock {
            burst.removeAll { $0 == id }
            return jobs.removeValue(forKey: id)
        }
        guard let job else { return }
        if job.end == nil, let s = job.slurmID { Slurm.cancel([s]) }
        if case .finished = job.end { try? FileManager.default.removeItem(atPath: folder.job(id)) }
    }

    /// Cancels the jobs still queued or running (the run ends); a burst not sent yet is not.
    func stopAll() {
        lock.withLock {
            stopped = true
            burst = []
        }
        queue.sync {}
        Slurm.cancel(lock.withLock { jobs.values.filter { $0.end == nil }.compactMap(\.slurmID) })
    }

    /// Reads the results that arrived and, at most every `pollSeconds`, which jobs Slurm still
    /// has queued or running (under `lock`).
    private func refresh() {
        let open = jobs.filter { $0.value.end == nil }
        guard !open.isEmpty else { return }
        for (id, job) in open {
            do {
                if let outcome = try GridJob.readResult(folder.job(id), startedAt: job.started) { jobs[id]?.end = .finished(outcome) }
            } catch let e as ByteSourceError {
                jobs[id]?.end = .failed(folder.failure(id, "left a damaged result (\(e.reason))"), .errorNoSolution)
            } catch {}
        }
        let now = DispatchTime.now().uptimeNanoseconds
        guard Double(now &- lastQuery) / 1e9 >= Slurm.pollSeconds else { return }
        lastQuery = now
        let waiting = jobs.filter { $0.value.end == nil && $0.value.slurmID != nil }
        guard !waiting.isEmpty else { return }
        let states = Slurm.states(of: waiting.values.compactMap(\.slurmID)) ?? [:]
        for (id, job) in waiting {
            let state = states[job.slurmID!]
            if let state, Slurm.alive.contains(state) {
                jobs[id]?.goneSince = nil
                continue
            }
            let since = job.goneSince ?? now
            jobs[id]?.goneSince = since
            guard Double(now &- since) / 1e9 >= Slurm.graceSeconds else { continue }
            let what = state.map { "ended in Slurm state \($0)" } ?? "is no longer known to Slurm"
            jobs[id]?.end = .failed(folder.failure(id, "(Slurm job \(job.slurmID!)) \(what) without a result"), .noSolutionReturned)
        }
    }
}
