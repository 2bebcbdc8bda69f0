import Foundation
import IR
import Semantics

/// One run of a backend on a reduced model: the model, the options and the reductions, all
/// values, and the backend. This is the boundary a `SolveSubmitter` sends across.
struct SolveJob: @unchecked Sendable {
    /// The reduced model and the reductions that map the backend's result back.
    let pipeline: SolvePipeline
    let backend: Solver
    /// The solve's model type (a grid worker picks the same backend by name and type).
    let modelType: ModelType
    let options: SolveOptions
    /// Threads for the blocks of a model that splits (1 on a worker: the pool is the
    /// parallelism then).
    let threads: Int
    /// Blocks of the same shape start from each other's bases.
    let chainBases: Bool

    /// The job as a worker thread runs it: on one thread (the pool is the parallelism), and
    /// without row and column names, so that the backend reads no symbol or label that the
    /// interpreter's thread may change meanwhile.
    func forWorker() -> SolveJob {
        var unnamed = options
        unnamed.solverNames = false
        return SolveJob(pipeline: pipeline, backend: backend, modelType: modelType, options: unnamed, threads: 1, chainBases: chainBases)
    }

    /// The job starting from `basis` (a previous job's final one), when it fits the model.
    func starting(from basis: SimplexBasis?) -> SolveJob {
        guard let basis, basis.rows.count == pipeline.model.rowCount, basis.columns.count == pipeline.model.columnCount else {
            return self
        }
        var started = options
        started.startBasis = basis
        return SolveJob(pipeline: pipeline, backend: backend, modelType: modelType, options: started, threads: threads, chainBases: chainBases)
    }

    /// Runs the backend and maps its result back to the generated model.
    func run() -> SolveJobOutcome {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = pipeline.solve(with: backend, options: options, threads: threads, chainBases: chainBases)
        let end = DispatchTime.now().uptimeNanoseconds
        return SolveJobOutcome(result: result, startedAt: start, measuredSeconds: Double(end - start) / 1e9)
    }
}

/// What a backend run returns to the interpreter: the result in the generated model's terms
/// and when and how long it ran.
struct SolveJobOutcome: Sendable {
    var result: SolveResult
    /// When the backend started (`DispatchTime` nanoseconds).
    var startedAt: UInt64
    /// Seconds from the backend's start to the mapped result.
    var measuredSeconds: Double
}

/// A solve generated and reduced on the interpreter's thread: its backend run (`job`) and what
/// finishing it needs (write-back, attributes, report). An asynchronous solve keeps it under
/// its handle until it is collected and deleted.
struct PreparedSolve {
    let statement: SolveR
    /// The generated model (before the reductions): the rows and columns written back.
    let model: ScalarModel
    let job: SolveJob
    /// The options before warm starts (conflict analysis re-solves with them).
    let options: SolveOptions
    let rows: ModelElements
    let columns: ModelElements
    let listing: String?
    /// The solve statement as `file:line` (warm starts and conflict analysis go by it).
    let statementKey: String
    /// The rows and columns of a nonlinear solve, for the statement's next warm start.
    let identity: SolveIdentity?
    /// Whether the result is kept as the statement's next start (synchronous solves).
    let recordsStarts: Bool
    /// Whether the backend may start from a simplex basis (an LP solved whole, `bratio` < 1).
    let basisStarts: Bool
    let generationSeconds: Double
}
