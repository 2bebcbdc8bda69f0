import Diagnostics
import Foundation
import IR
import Semantics

/// How a solve statement runs, by its model's `solveLink` (GAMS's values, `%solveLink.*%`).
enum SolveLink: Equatable {
    /// 0, 1, 2, 5 and any other value: the solve runs at the statement.
    case synchronous
    /// 3 (`asyncGrid`) and 6 (`asyncThreads`): the statement generates the model and submits
    /// the backend's run; the solution is loaded by `handleCollect`.
    case submitted
    /// 4 (`asyncSimulate`) and 7 (`threadsSimulate`): the backend runs at the statement, but
    /// the solution waits for `handleCollect` as a submitted one does.
    case simulated

    init(_ value: Double) {
        switch value {
        case 3, 6: self = .submitted
        case 4, 7: self = .simulated
        default: self = .synchronous
        }
    }
}

/// The asynchronous solves of a run, by handle (the value of `m.handle` after the solve).
/// An instance stays until `handleDelete`: a collected one can be collected again (its
/// solution is loaded again) or resubmitted.
struct AsyncSolves {
    struct Instance {
        let prepared: PreparedSolve
        let submitter: SolveSubmitter
        /// Collected at least once: its report was given, a later collect only loads.
        var collected = false
    }

    var instances: [Int: Instance] = [:]
    private var lastHandle = 0
    /// The worker threads of `solveLink` 3 and 6, started at the first such solve.
    private var pool: ThreadPoolSubmitter?
    let immediate = ImmediateSubmitter()
    /// The handles each solve statement (`file:line`) gave out, in order, for warm starts.
    private var submitted: [String: [Int]] = [:]
    /// The last handle of each chain of a statement's solves in loops, by chain.
    private var chainEnds: [String: [Int: Int]] = [:]
    /// The grid (`solveLink` 3, and nonlinear solves under 6): the run's folder and the
    /// local pool of worker processes or Slurm, made at the first grid solve.
    private(set) var gridFolder: GridFolder?
    private var localGrid: LocalGridSubmitter?
    private var slurm: SlurmSubmitter?
    /// Whether a grid job failed (its folder is then kept).
    var gridFailed = false

    /// The grid's submitter: Slurm when `scheduler` is, else the local pool of at most
    /// `workers` processes; nil without a worker executable. Throws when the run's folder
    /// under the grid directory cannot be made.
    mutating func grid(_ settings: GridSettings, scheduler: GridSettings.Scheduler, workers: Int) throws -> SolveSubmitter? {
        guard let executable = settings.worker else { return nil }
        let folder = try gridFolder ?? GridFolder(settings: settings)
        gridFolder = folder
        switch scheduler {
        case .slurm:
            if let s = slurm { return s }
            let s = SlurmSubmitter(folder: folder, executable: executable, template: settings.slurmTemplate ?? Slurm.defaultTemplate)
            slurm = s
            return s
        case .local:
            if let l = localGrid {
                l.workers = workers
                return l
            }
            let l = LocalGridSubmitter(folder: folder, executable: executable, workers: workers)
            localGrid = l
            return l
        }
    }

    /// The run ends: workers still running are stopped, Slurm jobs cancelled, and a temporary
    /// grid folder removed unless a job failed (its log is named in a diagnostic).
    func shutDown() {
        localGrid?.stopAll()
        slurm?.stopAll()
        if let f = gridFolder, f.temporary, !gridFailed { try? FileManager.default.removeItem(atPath: f.path) }
    }

    /// Warm starts of asynchronous LPs in `chains` chains (the number of workers), which run
    /// side by side. In a loop of `count` passes (all enclosing loops' passes together), pass
    /// `index` belongs to chain `index * chains / count`: each chain a contiguous run of
    /// passes, each solve starting from the final basis of the one before it in its chain, as
    /// the loop at the statement does, and each chain's first from the statement's first solve
    /// (which starts cold). Outside a loop the `k`-th solve of a statement starts from its
    /// `k - chains`-th (interleaved chains, each step two or more passes away). Either way the
    /// starts depend on the loop, the order of submission and the number of workers only,
    /// never on timing.
    mutating func predecessor(of handle: Int, statement: String, chains: Int, position: (index: Int, count: Int)?) -> Int? {
        if let position, position.count > 1 {
            let chain = Swift.min(chains - 1, position.index * chains / position.count)
            let first = submitted[statement]?.first
            if first == nil { submitted[statement] = [handle] }
            defer { chainEnds[statement, default: [:]][chain] = handle }
            return chainEnds[statement]?[chain] ?? first
        }
        var handles = submitted[statement, default: []]
        let k = handles.count
        handles.append(handle)
        submitted[statement] = handles
        if k == 0 { return nil }
        return k < chains ? handles[0] : handles[k - chains]
    }

    /// A handle not given out before (GAMS's handles are positive numbers).
    mutating func newHandle() -> Int {
        lastHandle += 1
        return lastHandle
    }

    /// The pool, with at most `workers` jobs running.
    mutating func pool(workers: Int) -> ThreadPoolSubmitter {
        if let p = pool {
            p.workers = workers
            return p
        }
        let p = ThreadPoolSubmitter(workers: workers)
        pool = p
        return p
    }

    /// The instances whose backend is still running, by submitter.
    func running() -> [(SolveSubmitter, Set<Int>)] {
        var out: [ObjectIdentifier: (SolveSubmitter, Set<Int>)] = [:]
        for (id, inst) in instances where inst.submitter.end(of: id) == nil {
            out[ObjectIdentifier(inst.submitter), default: (inst.submitter, [])].1.insert(id)
        }
        return Array(out.values)
    }
}

/// GAMS's `handleStatus` values (`%handleStatus.*%`).
enum HandleStatus: Double {
    case unknown = 0, running = 1, ready = 2, failure = 3
}

extension Interpreter {
    /// Submits a prepared solve: the backend's run goes to the worker pool (`solveLink` 3 and
    /// 6, linear and mixed-integer models) or runs now and waits for its collect (simulated
    /// solves, and nonlinear ones: Ipopt runs on one thread at a time); `m.handle` names it.
    func submit(_ p: PreparedSolve, _ link: SolveLink) {
        let handle = asyncSolves.newHandle()
        let submitter = submitter(for: p, link)
        asyncSolves.instances[handle] = AsyncSolves.Instance(prepared: p, submitter: submitter)
        let predecessor = p.basisStarts
            ? asyncSolves.predecessor(of: handle, statement: p.statementKey, chains: asyncWorkers(), position: loopPass()) : nil
        submitter.submit(p.job, id: handle, after: predecessor)
        modelAttributes[p.statement.model.id, default: [:]][ModelAttribute.handle.rawValue] = Double(handle)
    }

    /// The pass of the enclosing loops (0-based) and their number of passes, all loops
    /// together (an inner loop's passes counted as in its current run); nil outside a loop.
    private func loopPass() -> (index: Int, count: Int)? {
        guard !loopPositions.isEmpty else { return nil }
        var index = 0, count = 1
        for p in loopPositions {
            let passes = Swift.max(1, p.passes)
            // past a billion passes the interleaved chains serve as well
            guard count <= (1 << 30) / passes else { return nil }
            index = index * passes + Swift.min(passes - 1, Swift.max(0, p.pass - 1))
            count *= passes
        }
        return (index, count)
    }

    /// Where a submitted solve runs: `solveLink` 3 on the grid (the local pool of worker
    /// processes, or Slurm); 6 on worker threads, a nonlinear model in worker processes (Ipopt
    /// runs on one thread at a time); simulated ones, and every solve when the grid has no
    /// worker executable or folder, at once.
    private func submitter(for p: PreparedSolve, _ link: SolveLink) -> SolveSubmitter {
        guard link == .submitted else { return asyncSolves.immediate }
        let onGrid = attribute(p.statement.model, .solveLink) == 3
        if onGrid || p.statement.type.isNonlinear {
            do {
                if let g = try asyncSolves.grid(settings.grid, scheduler: onGrid ? settings.grid.scheduler : .local, workers: asyncWorkers()) {
                    return g
                }
            } catch {
                if !gridFolderReported {
                    gridFolderReported = true
                    let base = settings.grid.directory ?? FileManager.default.temporaryDirectory.path
                    runtimeError(.E4093, "cannot make the grid folder under \(base): \((error as? GridFolder.Failure)?.reason ?? "\(error)"); the solves run in this process",
                                 at: p.statement.span)
                }
            }
        }
        return p.statement.type.isNonlinear ? asyncSolves.immediate : asyncSolves.pool(workers: asyncWorkers())
    }

    /// The most submitted solves running at once: `option threadsAsync` as GAMS reads it
    /// (0 every core, n > 0 that many, n < 0 every core but |n|), every core by default.
    func asyncWorkers() -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let n = options["threadsasync"], n.isFinite, n != 0 else { return cores }
        return n > 0 ? Int(Swift.min(n, 4096)) : Swift.max(1, cores + Int(Swift.max(n, -4096)))
    }

    /// Evaluates a call of a handle function or `timeElapsed`.
    func handleCall(_ f: SolveHandleFunction, _ args: [Node], handles: Symbol?, _ n: Node) -> Double {
        switch f {
        case .timeElapsed: return Double(DispatchTime.now().uptimeNanoseconds &- runStart) / 1e9
        case .sleep:
            let seconds = eval(args[0])
            if seconds > 0 { Thread.sleep(forTimeInterval: Swift.min(seconds, 1e6)) }
            return 0
        case .handleCollect: return collect(eval(args[0]), at: n.span)
        case .handleStatus: return status(of: eval(args[0])).rawValue
        case .handleDelete: return delete(eval(args[0]), at: n.span)
        case .handleSubmit: return resubmit(eval(args[0]), at: n.span)
        case .readyCollect:
            guard let handles else { return 2 }
            let wait = args.first.map { eval($0) } ?? .infinity
            return readyCollect(handles, maxWait: wait.isNaN ? 0 : Swift.max(0, wait))
        }
    }

    /// The handle a value names: a positive whole number; nil for any other value.
    private func legalHandle(_ v: Double) -> Int? {
        v >= 1 && v < 9e15 && v == v.rounded() ? Int(v) : nil
    }

    /// `handleCollect(h)`: loads the solution of a finished instance as a synchronous solve
    /// loads it (levels, marginals, model attributes; the report at the first collect), 1; 0
    /// while it runs or for a handle that names no instance.
    private func collect(_ h: Double, at span: SourceSpan) -> Double {
        guard let id = legalHandle(h), let inst = asyncSolves.instances[id] else { return 0 }
        guard let end = inst.submitter.end(of: id) else {
            pauseWhileRunning()
            return 0
        }
        load(id, inst, end, at: span)
        return 1
    }

    /// `execute_loadHandle m;`: loads the solution of the finished instance `m.handle` names,
    /// exactly as `handleCollect` loads it (the report too when it was not collected yet); the
    /// instance stays. A value that names no instance of `m`, or one still running, is
    /// execution error E4094: the statement never waits.
    func loadHandle(_ model: Symbol, at span: SourceSpan) {
        let h = attribute(model, .handle)
        let failure = "execute_loadHandle \(model.name) failed"
        guard let id = legalHandle(h) else {
            runtimeError(.E4094, "\(failure): \(model.name).handle is \(messageNumber(h)), not a handle", at: span,
                         help: ["solve \(model.name) with solveLink 3 or 6 first, or set \(model.name).handle to a handle it gave out"])
            return
        }
        guard let inst = asyncSolves.instances[id] else {
            runtimeError(.E4094, "\(failure): no solve instance has handle \(id)", at: span,
                         help: ["an instance is gone after handleDelete; load it before deleting it"])
            return
        }
        let owner = inst.prepared.statement.model
        guard owner.id == model.id else {
            runtimeError(.E4094, "\(failure): handle \(id) is a solve of model \(owner.name)", at: span)
            return
        }
        guard let end = inst.submitter.end(of: id) else {
            runtimeError(.E4094, "\(failure): the solve of handle \(id) is still running", at: span,
                         help: ["wait for it first: readyCollect(h, maxWait) or handleStatus(h) = %handleStatus.ready%"])
            return
        }
        load(id, inst, end, at: span)
    }

    /// Loads a finished instance's solution (a failed job's statuses, with warning W4092 at the
    /// first load) and marks it collected.
    private func load(_ id: Int, _ inst: AsyncSolves.Instance, _ end: SolveJobEnd, at span: SourceSpan) {
        switch end {
        case .finished(let outcome):
            finishSolve(inst.prepared, outcome, report: !inst.collected)
        case .failed(let reason, let status):
            if !inst.collected {
                asyncSolves.gridFailed = true
                diagnostics.warning(.W4092, reason, at: span)
            }
            var failed = SolveResult(modelStatus: status, solverStatus: .systemFailure)
            failed.message = reason
            finishSolve(inst.prepared, SolveJobOutcome(result: failed, startedAt: runStart, measuredSeconds: 0),
                        report: !inst.collected)
        }
        asyncSolves.instances[id]?.collected = true
        modelAttributes[inst.prepared.statement.model.id, default: [:]][ModelAttribute.handle.rawValue] = Double(id)
    }

    /// `handleStatus(h)`: unknown, running, ready (finished, collected or not) or failure.
    private func status(of h: Double) -> HandleStatus {
        guard let id = legalHandle(h), let inst = asyncSolves.instances[id] else { return .unknown }
        switch inst.submitter.end(of: id) {
        case nil:
            pauseWhileRunning()
            return .running
        case .finished: return .ready
        case .failed: return .failure
        }
    }

    /// `handleDelete(h)`: forgets the instance (a running one's result is dropped), 0; 1 for a
    /// value that is no handle, 2 for an unknown handle, each an execution error (E4090).
    private func delete(_ h: Double, at span: SourceSpan) -> Double {
        guard let id = legalHandle(h) else {
            runtimeError(.E4090, "handleDelete(\(messageNumber(h))) failed with 1: \(messageNumber(h)) is not a handle", at: span)
            return 1
        }
        guard let inst = asyncSolves.instances.removeValue(forKey: id) else {
            runtimeError(.E4090, "handleDelete(\(id)) failed with 2: no solve instance has handle \(id)", at: span)
            return 2
        }
        inst.submitter.discard(id)
        return 0
    }

    /// `handleSubmit(h)`: runs the instance's backend again (the model as generated at its
    /// solve), 0; 1 for a value that is no handle, 2 for an unknown handle, 3 while it still
    /// runs, each an execution error (E4091).
    private func resubmit(_ h: Double, at span: SourceSpan) -> Double {
        guard let id = legalHandle(h) else {
            runtimeError(.E4091, "handleSubmit(\(messageNumber(h))) failed with 1: \(messageNumber(h)) is not a handle", at: span)
            return 1
        }
        guard let inst = asyncSolves.instances[id] else {
            runtimeError(.E4091, "handleSubmit(\(id)) failed with 2: no solve instance has handle \(id)", at: span)
            return 2
        }
        guard inst.submitter.end(of: id) != nil else {
            runtimeError(.E4091, "handleSubmit(\(id)) failed with 3: the solve of handle \(id) is still running", at: span)
            return 3
        }
        asyncSolves.instances[id]?.collected = false
        inst.submitter.discard(id)
        inst.submitter.submit(inst.prepared.job, id: id, after: nil)
        return 0
    }

    /// `readyCollect(h, maxWait)`: waits until an instance among the handles `h` holds has
    /// finished and was not collected yet, at most `maxWait` seconds. 0 when one has; 1 when
    /// none runs or waits for its collect; 2 when `h` holds no handle; 3 when a value is not
    /// the handle of an instance; 8 when the time ran out.
    private func readyCollect(_ h: Symbol, maxWait: Double) -> Double {
        let values = h.values.values
        guard !values.isEmpty else { return 2 }
        var waiting: [(SolveSubmitter, Set<Int>)] = []
        for v in values {
            guard let id = legalHandle(v), let inst = asyncSolves.instances[id] else { return 3 }
            let ended = inst.submitter.end(of: id) != nil
            if ended && !inst.collected { return 0 }
            guard !ended else { continue }
            if let k = waiting.firstIndex(where: { $0.0 === inst.submitter }) {
                waiting[k].1.insert(id)
            } else {
                waiting.append((inst.submitter, [id]))
            }
        }
        guard !waiting.isEmpty else { return 1 }
        if waiting.count == 1 { return waiting[0].0.waitForAny(of: waiting[0].1, seconds: maxWait) ? 0 : 8 }
        // running in several pools (threads and grid): each is asked in turn for a moment
        let deadline = Date(timeIntervalSinceNow: Swift.min(maxWait, 1e9))
        repeat {
            for (submitter, ids) in waiting where submitter.waitForAny(of: ids, seconds: 0.005) { return 0 }
        } while Date() < deadline
        return 8
    }

    /// A poll found a solve still running: wait a moment for one to finish (at most 2 ms), so
    /// that a collect loop does not spin on the core a worker needs.
    private func pauseWhileRunning() {
        for (submitter, ids) in asyncSolves.running() where submitter.waitForAny(of: ids, seconds: 0.002) { return }
    }
}
