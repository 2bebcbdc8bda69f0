import CClpShim
import CCoin
import IR

/// The COIN-OR CLP backend (`option lp = clp;`): LP and RMIP by CLP's simplex or barrier
/// through its C interface.
///
/// Each solve builds its own `ClpSimplex`, which keeps no state outside itself, so solves on
/// several threads (the blocks of a decomposed model) run at once. The basis it returns uses
/// GLPK's status codes (`CoinBasisCodes`), so a loop may switch between GLPK and CLP and still
/// start warm.
public struct CLPSolver: Solver {
    /// The backend's name, `"clp"`.
    public let name = "clp"

    /// Creates the backend; it keeps no state between solves.
    public init() {}

    /// Solves `model` (integrality ignored) with CLP under `options`.
    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        let budget = TimeBudget(seconds: options.resLim)
        var result = run(model, options: options, settings: CLPOptions.read(options.solverOptions).options, budget: budget)
        result.solverSeconds = budget.elapsedSeconds
        return result
    }

    /// The settings of a `clp.opt` file that CLP cannot take.
    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] {
        CLPOptions.read(settings).problems
    }

    /// Solves with settings already read (CBC hands its LPs over with its own option file's).
    func run(_ model: ScalarModel, options: SolveOptions, settings: CLPOptions, budget: TimeBudget) -> SolveResult {
        if let refusal = CLPSolver.refusal(of: model, by: "CLP") { return refusal }
        let problem = CLPProblem(model)
        if options.loadOnly {
            return CLPSolver.failure(.noSolutionReturned, .solveProcessingSkipped, "model loaded into CLP; solve skipped (loadOnly)")
        }
        if let conflict = model.boundConflict() {
            return CLPSolver.failure(.infeasible, .normalCompletion, "infeasible bounds: \(conflict)")
        }
        if settings.dualize { return runDual(model, options: options, settings: settings, budget: budget) }
        problem.configure(settings, timeLimit: settings.timeLimit ?? budget.remainingSeconds,
                          iterationLimit: settings.iterationLimit ?? options.iterLim)
        problem.follow(options, settings)
        let memory = MemoryWatch(options.memoryLimit)
        if options.memoryLimit.bytes != nil { problem.watch(memory) }
        let warm = options.startBasis.map { problem.copyIn($0) } ?? false
        problem.solve(settings, warm: warm, preferDual: options.preferDualSimplex)
        var result = problem.result(model)
        if let stop = memory.stop("CLP") {
            // the event handler's stop (CLP's status 5) was the memory limit's
            result.solverStatus = .resourceInterrupt
            result.message = "CLP: memory limit (--memory-limit) reached"
            result.memoryStop = stop
        } else if settings.method == .barrier, !settings.crossover, result.modelStatus == .optimal,
                  let miss = model.worstViolation(levels: result.columnLevel) {
            // CLP's barrier without crossover may call an infeasible LP optimal: its point must hold
            var simplex = settings
            simplex.method = .dual
            var again = run(model, options: options, settings: simplex, budget: budget)
            again.message += " (CLP's barrier without crossover ended at a point that misses the LP by \(miss.amount))"
            return again
        }
        result.notes += model.coinLoadNotes(solver: "CLP")
        return result
    }

    /// The coefficients COIN-OR's matrix takes: below 1e20 in magnitude (CLP refuses larger
    /// elements, and one of 1e20 made CBC's presolve fail an assertion; the objective row's
    /// coefficients become costs, which `createRim` asserts are below 1e25).
    static let coefficientMagnitudes = 0...CoinColumnMatrix.infiniteBound.nextDown

    /// The failure for a model the COIN-OR libraries (`solver`: CLP or CBC) cannot be given:
    /// a structural problem, a bound past COIN-OR's infinity or a coefficient its assertions
    /// stop the process on.
    static func refusal(of model: ScalarModel, by solver: String) -> SolveResult? {
        let why: String
        if let problem = GLPKProblem.structuralProblem(in: model) {
            why = problem
        } else if let past = model.boundPastCoinInfinity() {
            why = "\(past); COIN-OR takes bounds of 1e20 or more in magnitude as infinite, which leaves no value (scale the row or variable)"
        } else if let huge = model.coefficientOutside(coefficientMagnitudes) {
            why = "\(huge); coefficients must be below 1e20 in magnitude"
        } else {
            return nil
        }
        return failure(.errorNoSolution, .setupFailure, "model not passed to \(solver): \(why)")
    }

    static func failure(_ model: ModelStatus, _ solver: SolverStatus, _ message: String) -> SolveResult {
        var result = SolveResult(modelStatus: model, solverStatus: solver)
        result.message = message
        return result
    }
}

/// One `ClpSimplex` loaded from a `ScalarModel`; deleted when released.
final class CLPProblem {
    let handle: UnsafeMutableRawPointer
    let rows: Int
    let columns: Int
    /// The model's objective constant, which CLP is not told (its offset has its own sign rules).
    let objectiveConstant: Double

    convenience init(_ model: ScalarModel) {
        self.init(matrix: CoinColumnMatrix(model), maximize: model.sense == .maximize, constant: model.objectiveConstant)
    }

    init(matrix: CoinColumnMatrix, maximize: Bool, constant: Double) {
        handle = Clp_newModel()
        rows = matrix.rowLower.count
        columns = matrix.columnLower.count
        objectiveConstant = constant
        Clp_setLogLevel(handle, 0)
        matrix.withPointers { starts, indices, values, lower, upper, costs, rowLower, rowUpper in
            Clp_loadProblem(handle, Int32(columns), Int32(rows), starts, indices, values, lower, upper, costs, rowLower, rowUpper)
        }
        Clp_setOptimizationDirection(handle, maximize ? -1 : 1)
    }

    /// The message handler that passes CLP's iteration messages to `progressReport`.
    private var progressHandler: UnsafeMutableRawPointer?
    private var progressReport: CLPProgressReport?

    deinit {
        Clp_deleteModel(handle)
        // the model used the handler to the end
        if let progressHandler { enm_clp_progress_free(progressHandler) }
    }

    /// Stops the simplex at the end of an iteration once `memory` says the run passed its limit.
    func watch(_ memory: MemoryWatch) {
        memoryWatch = memory
        enm_clp_watch(handle, clpStopCallback, Unmanaged.passUnretained(memory).toOpaque())
    }

    /// The watch the event handler asks (kept alive as long as the model).
    private var memoryWatch: MemoryWatch?

    /// Reports CLP's simplex status messages to `progress` during the solve.
    func follow(progress: (@Sendable (SolveProgress) -> Void)?, log: SolverLogSink?, level: Int32) {
        let report = CLPProgressReport(progress, log: log)
        progressReport = report
        progressHandler = enm_clp_follow(handle, progress == nil ? nil : clpProgressCallback, log == nil ? nil : clpLogCallback,
                                         level, Unmanaged.passUnretained(report).toOpaque())
    }

    /// Sends CLP's iteration messages (the simplex's and the barrier's) to the progress line and
    /// its log (at `loglevel`) to the run's log, or to standard error when only `clp.opt` asks
    /// for it.
    func follow(_ options: SolveOptions, _ settings: CLPOptions) {
        let log = SolverLogSink(options.solverLog(asked: settings.logLevel > 0))
        guard options.progress != nil || log != nil else { return }
        follow(progress: options.progress, log: log, level: settings.logLevel)
    }

    /// Sets the limits and what the option file asks for.
    func configure(_ settings: CLPOptions, timeLimit: Double, iterationLimit: Int) {
        Clp_setLogLevel(handle, settings.logLevel)
        // CLP reads a nonpositive limit as "none": a spent budget still stops at once
        // resLim is wall-clock time in GAMS; CLP's C interface limits processor time alone
        let seconds = timeLimit.isFinite ? max(timeLimit, 1e-3) : -1
        Clp_setMaximumSeconds(handle, seconds)
        enm_clp_set_wall_seconds(handle, seconds)
        Clp_setMaximumIterations(handle, Int32(clamping: max(0, iterationLimit)))
        if let scaling = settings.scaling { Clp_scaling(handle, scaling) }
        if let t = settings.primalTolerance { Clp_setPrimalTolerance(handle, t) }
        if let t = settings.dualTolerance { Clp_setDualTolerance(handle, t) }
        if let p = settings.perturbation { Clp_setPerturbation(handle, p) }
    }

    /// Sets the statuses of `basis` (GLPK codes); false, and nothing set, when its sizes do not
    /// match the model.
    func copyIn(_ basis: SimplexBasis) -> Bool {
        guard basis.rows.count == rows, basis.columns.count == columns else { return false }
        for (j, status) in basis.columns.enumerated() {
            Clp_setColumnStatus(handle, Int32(j), CoinBasisCodes.clp(fromGLPK: status))
        }
        for (i, status) in basis.rows.enumerated() {
            Clp_setRowStatus(handle, Int32(i), CoinBasisCodes.clp(fromGLPK: status))
        }
        return true
    }

    /// Runs CLP: from a basis, the simplex goes on from it (dual unless the file asks for the
    /// primal, as a loop usually changes right-hand sides); from nothing, the file's method
    /// with presolve, and the dual simplex when the caller prefers it (the blocks of a
    /// decomposed model).
    func solve(_ settings: CLPOptions, warm: Bool, preferDual: Bool) {
        if warm && settings.method != .barrier {
            _ = settings.method == .primal ? Clp_primal(handle, 0) : Clp_dual(handle, 0)
            return
        }
        let method = settings.method == .automatic && preferDual ? .dual : settings.method
        let solve = ClpSolve_new()
        defer { ClpSolve_delete(solve) }
        // ClpSolve's SolveType: useDual 0, usePrimal 1, useBarrier 3, automatic 5
        let type: Int32
        switch method {
        case .dual: type = 0
        case .primal: type = 1
        case .barrier: type = settings.crossover ? 3 : 4
        case .automatic: type = 5
        }
        ClpSolve_setSolveType(solve, type, -1)
        ClpSolve_setPresolveType(solve, settings.presolve ? 0 : 1, -1)
        _ = Clp_initialSolveWithOptions(handle, solve)
    }

    /// Statuses, point, marginals with GAMS's signs (CLP's duals are d objective / d rhs in the
    /// model's own sense already) and the final basis.
    func result(_ model: ScalarModel) -> SolveResult {
        let outcome = CLPStatusTable.outcome(status: Clp_status(handle), secondary: Clp_secondaryStatus(handle),
                                             primalFeasible: Clp_numberPrimalInfeasibilities(handle) == 0)
        var result = SolveResult(modelStatus: outcome.model, solverStatus: outcome.solver)
        result.message = outcome.message
        result.iterations = Int(Clp_numberIterations(handle))
        if Clp_statusExists(handle) != 0 && outcome.solver == .normalCompletion {
            result.basis = SimplexBasis(rows: (0..<rows).map { CoinBasisCodes.glpk(fromCLP: Clp_getRowStatus(handle, Int32($0))) },
                                        columns: (0..<columns).map { CoinBasisCodes.glpk(fromCLP: Clp_getColumnStatus(handle, Int32($0))) })
        }
        guard outcome.hasPoint else { return result }
        result.objective = Clp_objectiveValue(handle) + objectiveConstant
        let x = Clp_getColSolution(handle), reduced = Clp_getReducedCost(handle)
        let activity = Clp_getRowActivity(handle), price = Clp_getRowPrice(handle)
        guard let x, let reduced, let activity, let price else { return result }
        result.columnLevel = (0..<columns).map { CoinColumnMatrix.cleaned(x[$0], model.columnLower[$0], model.columnUpper[$0]) }
        result.rowLevel = (0..<rows).map { CoinColumnMatrix.cleaned(activity[$0], model.rowLower[$0], model.rowUpper[$0]) }
        result.columnMarginal = (0..<columns).map {
            CLPProblem.marginal(reduced[$0], basic: Clp_getColumnStatus(handle, Int32($0)) == 1)
        }
        result.rowMarginal = (0..<rows).map {
            CLPProblem.marginal(price[$0], basic: Clp_getRowStatus(handle, Int32($0)) == 1)
        }
        return result
    }

    /// A marginal in GAMS's spelling: 0 for a basic entry (CLP may leave round-off there), and
    /// `EPS` (-0.0) for a nonbasic entry whose marginal is zero.
    static func marginal(_ value: Double, basic: Bool) -> Double {
        if basic { return 0 }
        return value == 0 ? -0.0 : value
    }
}

extension TimeBudget {
    /// What is left of the limit in seconds (infinity without a limit, 0 when spent).
    var remainingSeconds: Double {
        max(0, Double(remainingMilliseconds(atLeast: 0)) / 1000)
    }
}

/// Passes CLP's iteration messages on as progress (CLP sends one every few hundred iterations).
final class CLPProgressReport {
    let report: (@Sendable (SolveProgress) -> Void)?
    let log: SolverLogSink?

    init(_ report: (@Sendable (SolveProgress) -> Void)?, log: SolverLogSink?) {
        self.report = report
        self.log = log
    }
}

private let clpProgressCallback: @convention(c) (UnsafeMutableRawPointer?, Int32, Double, Double) -> Void = {
    info, iteration, objective, infeasibility in
    guard let info else { return }
    let progress = SolveProgress(iteration: Int(iteration), objective: objective.isFinite ? objective : nil,
                                 infeasibility: infeasibility.isFinite ? infeasibility : nil)
    Unmanaged<CLPProgressReport>.fromOpaque(info).takeUnretainedValue().report?(progress)
}

private let clpLogCallback: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { info, line in
    guard let info, let line else { return }
    Unmanaged<CLPProgressReport>.fromOpaque(info).takeUnretainedValue().log?.write(String(cString: line) + "\n")
}

private let clpStopCallback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { info in
    guard let info else { return 0 }
    return Unmanaged<MemoryWatch>.fromOpaque(info).takeUnretainedValue().passed() ? 1 : 0
}
