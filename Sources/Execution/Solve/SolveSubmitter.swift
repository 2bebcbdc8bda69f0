import Foundation
import IR

/// How a submitted job ended.
enum SolveJobEnd: Sendable {
    /// The backend ran; its result, mapped back to the generated model.
    case finished(SolveJobOutcome)
    /// The job could not run or its result was lost: why (for the diagnostic), and the model
    /// status the solve gets (13 Error No Solution when it failed, 14 No Solution Returned
    /// when its result never came); the solver status is 13 System Failure.
    case failed(String, ModelStatus)

    /// The final simplex basis, for a successor's start.
    var basis: SimplexBasis? {
        if case .finished(let outcome) = self { return outcome.result.basis }
        return nil
    }
}

/// Where the backend runs of asynchronous solves (`solveLink` 3 and 6) go: a pool of worker
/// threads here, a cluster's scheduler later. The interpreter submits a job under an id (the
/// solve's handle), asks for its end without blocking, and waits for one of several ids; it
/// never learns where the job ran.
protocol SolveSubmitter: AnyObject {
    /// Starts `job` under `id`; returns without waiting for it. With `predecessor`, the job
    /// starts from the final simplex basis of that id's job, once it has ended (a job whose
    /// predecessor is gone starts cold).
    func submit(_ job: SolveJob, id: Int, after predecessor: Int?)
    /// How `id`'s job ended; nil while it is queued or running.
    func end(of id: Int) -> SolveJobEnd?
    /// Waits until one of `ids` has ended or `seconds` have passed; whether one has ended.
    func waitForAny(of ids: Set<Int>, seconds: Double) -> Bool
    /// Forgets `id`'s job: a queued one does not run, a running one's end is dropped.
    func discard(_ id: Int)
}

/// Runs each job at once, on the submitting thread, and keeps its end until it is collected:
/// GAMS's simulated asynchronous solves (`solveLink` 4 and 7), and nonlinear ones, since Ipopt
/// (with Debian's MUMPS) may run on one thread at a time only.
final class ImmediateSubmitter: SolveSubmitter {
    private var ends: [Int: SolveJobEnd] = [:]

    func submit(_ job: SolveJob, id: Int, after predecessor: Int?) {
        ends[id] = .finished(job.starting(from: predecessor.flatMap { ends[$0]?.basis }).run())
    }
    func end(of id: Int) -> SolveJobEnd? { ends[id] }
    func waitForAny(of ids: Set<Int>, seconds: Double) -> Bool { ids.contains { ends[$0] != nil } }
    func discard(_ id: Int) { ends[id] = nil }
}

/// How a pool's worker thread runs a job: in the thread (the default), or by handing it to a
/// worker process and waiting for it (the grid's local pool).
typealias JobRunner = @Sendable (_ id: Int, _ job: SolveJob) -> SolveJobEnd

/// Runs jobs on up to `workers` threads, first submitted first started among those whose
/// predecessor has ended. A worker thread starts when a job waits and fewer than `workers`
/// run, and ends when no job waits, so an idle pool holds no threads.
final class ThreadPoolSubmitter: SolveSubmitter {
    /// The most jobs running at once (`option threadsAsync`); a change applies to the workers
    /// started from then on.
    var workers: Int {
        get { state.lock.withLock { state.limit } }
        set { state.lock.withLock { state.limit = Swift.max(1, newValue) } }
    }
    private let state = PoolState()
    private let runner: JobRunner

    init(workers: Int, runner: @escaping JobRunner = { _, job in .finished(job.run()) }) {
        self.runner = runner
        self.workers = workers
    }

    func submit(_ job: SolveJob, id: Int, after predecessor: Int?) {
        let startWorker: Bool = state.lock.withLock {
            // a resubmitted instance's new end is kept
            state.dropped.remove(id)
            state.ends[id] = nil
            state.queue.append((id, job.forWorker(), predecessor))
            guard state.running < state.limit else { return false }
            state.running += 1
            return true
        }
        if startWorker { startThread() }
    }

    func end(of id: Int) -> SolveJobEnd? { state.lock.withLock { state.ends[id] } }

    func waitForAny(of ids: Set<Int>, seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: Swift.min(seconds, 1e9))
        state.lock.lock()
        defer { state.lock.unlock() }
        while !ids.contains(where: { state.ends[$0] != nil }) {
            if !state.lock.wait(until: deadline) { return ids.contains { state.ends[$0] != nil } }
        }
        return true
    }

    func discard(_ id: Int) {
        state.lock.withLock {
            state.ends[id] = nil
            state.queue.removeAll { $0.id == id }
            state.lock.broadcast()
            state.dropped.insert(id)
        }
    }

    private func startThread() {
        let state = self.state, runner = self.runner
        let thread = Thread {
            var backends: [String: Solver] = [:]
            while let (id, job) = state.next() {
                backends[job.backend.name] = job.backend
                state.finish(id, runner(id, job))
            }
            // what the backends keep per thread goes with the thread
            for b in backends.values { b.releaseThreadState() }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// The pool's queue and the ends of its jobs, shared with its worker threads (which outlive
/// the pool object when it goes while they finish their jobs).
private final class PoolState: @unchecked Sendable {
    let lock = NSCondition()
    var queue: [(id: Int, job: SolveJob, predecessor: Int?)] = []
    var ends: [Int: SolveJobEnd] = [:]
    /// The jobs running now.
    var active = Set<Int>()
    /// The final bases of ended jobs, kept for their successors (also after their handle is
    /// deleted, so that a successor's start does not depend on when the program deleted it).
    var bases: [Int: SimplexBasis] = [:]
    /// Ids discarded while their job ran: the end is not kept.
    var dropped = Set<Int>()
    var running = 0
    var limit = 1

    /// The next job for a worker, started from its predecessor's basis; nil ends the worker
    /// (none waits, or the limit fell). While every waiting job's predecessor still runs, the
    /// worker waits for it.
    func next() -> (Int, SolveJob)? {
        lock.withLock {
            while running <= limit && !queue.isEmpty {
                if let k = queue.firstIndex(where: { $0.predecessor.map { !isPending($0) } ?? true }) {
                    let item = queue.remove(at: k)
                    active.insert(item.id)
                    return (item.id, item.job.starting(from: item.predecessor.flatMap { bases[$0] }))
                }
                lock.wait()
            }
            running -= 1
            return nil
        }
    }

    /// Whether `id`'s job waits or runs (the lock held).
    private func isPending(_ id: Int) -> Bool {
        active.contains(id) || queue.contains { $0.id == id }
    }

    func finish(_ id: Int, _ end: SolveJobEnd) {
        lock.withLock {
            active.remove(id)
            if case .finished(let outcome) = end, let basis = outcome.result.basis { bases[id] = basis }
            if dropped.remove(id) == nil { ends[id] = end }
            lock.broadcast()
        }
    }
}
