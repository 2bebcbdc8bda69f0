import CGLPK
import Dispatch
import IR
#if canImport(Glibc)
import Glibc // links libm, which `rounded` needs once inlined in optimized builds
#elseif canImport(Darwin)
import Darwin
#endif

/// The GLPK backend: primal simplex for LP (and RMIP), branch-and-cut for MIP.
///
/// Each solve builds a fresh `glp_prob`, so solves on different threads do not interfere
/// (Debian's GLPK keeps its environment per thread). GLPK's terminal output is switched off for
/// the calling thread during the solve and restored afterwards.
public struct GLPKSolver: Solver {
    /// The backend's name, `"glpk"`.
    public let name = "glpk"

    /// Test seam: when set, the search with GLPK's MIP presolver is not run and is taken to
    /// have returned this code (GLPK's presolver misjudging a feasible model is rare and depends
    /// on the data, so the tests force its verdict to reach the confirmation).
    var presolverVerdictForTesting: Int32?

    /// Creates the backend; it keeps no state between solves.
    public init() {}

    /// Solves `model` with GLPK under `options` and reports GAMS statuses, levels and marginals.
    ///
    /// Never traps: a model GLPK would abort on is refused with solver status `setupFailure`, and
    /// every GLPK return code is mapped through `GLPKStatusTable`.
    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        let budget = TimeBudget(seconds: options.resLim)
        // GLPK's own messages go nowhere, or through its terminal hook to the solve's log and
        // its progress
        let terminal = GLPKTerminal(log: SolverLogSink(options.solverLog), progress: options.progress)
        let previousOutput = glp_term_out(terminal == nil ? GLP_OFF : GLP_ON)
        if let terminal { glp_term_hook(glpkTerminalHook, Unmanaged.passUnretained(terminal).toOpaque()) }
        defer {
            glp_term_out(previousOutput)
            if terminal != nil { glp_term_hook(nil, nil) }
        }
        var result = withExtendedLifetime(terminal) { run(model, options: options, budget: budget) }
        // a load alone (loadOnly) reports its own time, taken before its problem was freed
        if !options.loadOnly { result.solverSeconds = budget.elapsedSeconds }
        return result
    }

    /// The settings of a `glpk.opt` file that GLPK cannot take (GLPKOptions).
    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] {
        GLPKOptions.read(settings).problems
    }

    /// Frees the calling thread's GLPK environment (Debian's GLPK keeps one per thread); a worker
    /// thread calls it before it ends.
    public func releaseThreadState() {
        glp_free_env()
    }

    // MARK: - Dispatch

    private func run(_ model: ScalarModel, options: SolveOptions, budget: TimeBudget) -> SolveResult {
        if let problem = GLPKProblem.structuralProblem(in: model) {
            return failure(.errorNoSolution, .setupFailure, "model not passed to GLPK: \(problem)")
        }
        if let problem = model.coefficientOutside(GLPKSolver.scalableMagnitudes) ?? model.hugeFiniteBound(limit: GLPKSolver.boundLimit) {
            return failure(.errorNoSolution, .setupFailure,
                           "model not passed to GLPK: \(problem); GLPK takes coefficients from 1e-150 to 1e150 and finite bounds below 1e100 in magnitude")
        }
        if let refusal = MemoryWatch.refusal("GLPK", needs: GLPKSolver.heapBytes(model), options.memoryLimit) { return refusal }
        guard let problem = GLPKProblem(rows: model.rowCount, columns: model.columnCount) else {
            return failure(.errorNoSolution, .setupFailure, "GLPK could not create a problem")
        }
        let integer = model.hasIntegers && !options.relaxIntegrality
        if options.loadOnly {
            _ = problem.load(model, integer: integer, names: options.solverNames)
            var result = failure(.noSolutionReturned, .solveProcessingSkipped,
                                 "model loaded into GLPK; solve skipped (loadOnly)")
            result.solverSeconds = budget.elapsedSeconds
            return result
        }
        if let conflict = model.boundConflict() {
            return failure(.infeasible, .normalCompletion, "infeasible bounds: \(conflict)")
        }
        let emptyIntegerRanges = problem.load(model, integer: integer, names: options.solverNames)
        let settings = GLPKOptions.read(options.solverOptions).options
        if problem.rowCount > 0 && problem.columnCount > 0 && model.nonzeroCount > 0 && settings.scale != 0 {
            glp_scale_prob(problem.handle, settings.scale)
        }
        if integer {
            return solveMIP(problem, model, options: options, settings: settings, budget: budget,
                            emptyIntegerRanges: emptyIntegerRanges)
        }
        let p = problem.handle
        if let basis = options.startBasis, basis.rows.count == model.rowCount, basis.columns.count == model.columnCount {
            // a previous solve's basis; glp_simplex checks it and the retry falls back to the
            // standard basis when it is singular
            for (i, status) in basis.rows.enumerated() { glp_set_row_stat(p, Int32(i + 1), Int32(status)) }
            for (j, status) in basis.columns.enumerated() { glp_set_col_stat(p, Int32(j + 1), Int32(status)) }
            return solveLP(problem, model, options: options, settings: settings, budget: budget, cold: false)
        }
        if problem.rowCount > 0 && problem.columnCount > 0 { settings.coldBasis.install(in: p) }
        return solveLP(problem, model, options: options, settings: settings, budget: budget, cold: true)
    }

    private func failure(_ model: ModelStatus, _ solver: SolverStatus,
                         _ message: String) -> SolveResult {
        var result = SolveResult(modelStatus: model, solverStatus: solver)
        result.message = message
        return result
    }

    // MARK: - LP

    /// The simplex, with GLPK's presolver on a cold start unless the file or the dual simplex
    /// says otherwise. GLPK returns no point from its presolver unless the LP is solved to
    /// optimality, and GLPK 5.0's presolver can return a point that misses a row (`1e9*x =e= 5`
    /// gives x = 0): then the LP is solved again without it, from the starting basis, within
    /// what is left of the limits, so statuses, points and marginals are the simplex's own.
    private func solveLP(_ problem: GLPKProblem, _ model: ScalarModel, options: SolveOptions, settings: GLPKOptions,
                         budget: TimeBudget, cold: Bool) -> SolveResult {
        let p = problem.handle
        let dual = options.preferDualSimplex
        var run = simplex(problem, timeLimit: budget.remainingMilliseconds, iterationLimit: options.iterLim, dual: dual,
                          settings: settings, presolve: cold && settings.presolvesColdLP(dual: dual))
        if run.presolved, let problemNote = GLPKSolver.presolvedAnswerProblem(problem, model, returnCode: run.returnCode) {
            let used = Int(glp_get_it_cnt(p))
            if problem.rowCount > 0 && problem.columnCount > 0 { settings.coldBasis.install(in: p) }
            run = simplex(problem, timeLimit: budget.remainingMilliseconds, iterationLimit: options.iterLim - used,
                          dual: dual, settings: settings)
            run.note += problemNote
        }
        let outcome = GLPKStatusTable.simplex(returnCode: run.returnCode, status: glp_get_status(p),
                                              primalFeasible: glp_get_prim_stat(p) == GLP_FEAS)
        var result = SolveResult(modelStatus: outcome.model, solverStatus: outcome.solver)
        result.message = outcome.message + run.note
        result.iterations = Int(glp_get_it_cnt(p))
        if run.returnCode == 0 {
            result.basis = SimplexBasis(rows: (0..<Int(glp_get_num_rows(p))).map { Int8(glp_get_row_stat(p, Int32($0 + 1))) },
                                        columns: (0..<Int(glp_get_num_cols(p))).map { Int8(glp_get_col_stat(p, Int32($0 + 1))) })
        }
        if outcome.hasPoint {
            let solution = problem.basicSolution()
            result.columnLevel = solution.columnLevel
            result.columnMarginal = solution.columnMarginal
            result.rowLevel = solution.rowLevel
            result.rowMarginal = solution.rowMarginal
            result.objective = glp_get_obj_val(p)
        }
        return result
    }

    /// Why the answer of a presolved simplex run cannot stand (a note for the message when the
    /// point is wrong, "" when there is no point), or nil when it is an optimum.
    private static func presolvedAnswerProblem(_ problem: GLPKProblem, _ model: ScalarModel, returnCode: Int32) -> String? {
        guard returnCode == 0, glp_get_status(problem.handle) == GLP_OPT else { return "" }
        guard let miss = model.worstViolation(levels: problem.basicSolution().columnLevel) else { return nil }
        let name: String
        switch miss.entry {
        case .row(let i): name = model.rowOrigin[i].displayName
        case .column(let j): name = model.columnOrigin[j].displayName
        }
        return " (solved without GLPK's presolver: its point missed \(name) by \(miss.amount))"
    }

    /// One `glp_simplex` call (primal; with `dual`, dual and then primal; with `presolve`, GLPK's
    /// LP presolver), retried once from the standard basis when the basis matrix becomes
    /// singular or ill-conditioned.
    private func simplex(_ problem: GLPKProblem, timeLimit: Int32, iterationLimit: Int, dual: Bool = false,
                         settings: GLPKOptions = GLPKOptions(), presolve: Bool = false) -> SimplexRun {
        let p = problem.handle
        let startIterations = Int(glp_get_it_cnt(p))
        let started = DispatchTime.now().uptimeNanoseconds
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        // (printed only with the solve's log on: glp_term_out is off otherwise)
        parameters.msg_lev = GLP_MSG_ON
        parameters.meth = dual ? GLP_DUALP : GLP_PRIMAL
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.out_frq = GLPKTerminal.outputMilliseconds
        parameters.tm_lim = timeLimit
        parameters.it_lim = GLPKSolver.int32Limit(iterationLimit)
        settings.apply(to: &parameters)
        var first = glp_simplex(p, &parameters)
        let status = glp_get_status(p)
        if dual && first == 0 && status != GLP_OPT && status != GLP_NOFEAS && status != GLP_UNBND {
            // the dual simplex can end without a verdict (an unbounded model has no dual feasible
            // basis): the primal simplex goes on from where it stopped, within what is left of
            // the limits
            let usedMilliseconds = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
            parameters.meth = GLP_PRIMAL
            parameters.tm_lim = Int32(clamping: max(1, Int(timeLimit) - usedMilliseconds))
            parameters.it_lim = GLPKSolver.int32Limit(iterationLimit - (Int(glp_get_it_cnt(p)) - startIterations))
            first = glp_simplex(p, &parameters)
        }
        guard first == GLP_ESING || first == GLP_ECOND || first == GLP_EBADB else {
            return SimplexRun(returnCode: first, note: "", presolved: presolve)
        }
        glp_std_basis(p)
        let used = Int(glp_get_it_cnt(p)) - startIterations
        parameters.it_lim = GLPKSolver.int32Limit(iterationLimit - used)
        let second = glp_simplex(p, &parameters)
        return SimplexRun(returnCode: second, note: " (after a retry from the slack basis: first attempt gave "
                    + "\(GLPKStatusTable.describe(first)))", presolved: presolve)
    }

    // MARK: - MIP

    private func solveMIP(_ problem: GLPKProblem, _ model: ScalarModel, options: SolveOptions, settings: GLPKOptions,
                          budget: TimeBudget, emptyIntegerRanges: [Int]) -> SolveResult {
        let p = problem.handle
        if let column = emptyIntegerRanges.first {
            // No integer value fits a column's bounds: only the relaxation tells 4 from 10.
            let relaxation = classifyRelaxation(problem, model, budget: budget)
            let name = column < model.columnOrigin.count
                ? model.columnOrigin[column].displayName : "column \(column)"
            if relaxation == .infeasible {
                return failure(.infeasible, .normalCompletion,
                               "GLPK: the continuous relaxation is infeasible (and no integer "
                                   + "value lies between the bounds of \(name))")
            }
            return failure(.integerInfeasible, .normalCompletion,
                           "no integer value lies between the bounds of \(name)")
        }

        var search = branchAndCut(problem, options: options, budget: budget, presolve: true, settings: settings)
        var presolverNote = ""
        if GLPKStatusTable.restsOnPresolver(returnCode: search.returnCode,
                                            mipStatus: glp_mip_status(p)) {
            // GLPK's MIP presolver works with its own tolerances (integer bounds rounded within
            // 1e-5, its own scaling of the presolved problem): with coefficients spanning many
            // orders of magnitude its "no feasible point" is not proof. Check it on the original
            // problem before reporting infeasibility.
            switch confirmWithoutPresolver(problem, model, options: options, budget: budget) {
            case .settled(let result):
                return result
            case .searched(let run):
                search = run
                presolverNote = GLPKStatusTable.confirmationNote(mipStatus: glp_mip_status(p))
            }
        }
        let returnCode = search.returnCode
        let monitor = search.monitor

        let mipStatus = glp_mip_status(p)
        let hasIncumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        let objective: Double? = hasIncumbent ? glp_mip_obj_val(p) : nil
        var bound = monitor.bound
        if let value = objective, let known = bound {
            // A bound can only be as good as the incumbent; numerical noise must not invert them.
            bound = model.sense == .minimize ? min(known, value) : max(known, value)
        }
        var gapClosed = false
        if let value = objective, let known = bound {
            gapClosed = abs(value - known) <= 1e-9 * max(1, abs(value))
        }
        var relaxation = GLPKStatusTable.Relaxation.unknown
        if returnCode == GLP_ENOPFS || returnCode == GLP_ENODFS {
            relaxation = classifyRelaxation(problem, model, budget: budget)
        }
        let outcome = GLPKStatusTable.intopt(returnCode: returnCode, mipStatus: mipStatus,
                                             gapClosed: gapClosed,
                                             stoppedByOptCa: monitor.stoppedByOptCa,
                                             stoppedByIterations: monitor.stoppedByIterations,
                                             stoppedByNodes: monitor.stoppedByNodes,
                                             stoppedByMemory: monitor.stoppedByMemory,
                                             relaxation: relaxation)
        var result = SolveResult(modelStatus: outcome.model, solverStatus: outcome.solver)
        if monitor.stoppedByMemory { result.memoryStop = monitor.memory?.stop("GLPK") }
        result.message = outcome.message + presolverNote
        let contradicted = !presolverNote.isEmpty && outcome.hasPoint
        if contradicted && outcome.model == .optimal {
            // Two GLPK runs disagree about the same model, so its tolerances are not to be
            // trusted here: on an energy model (coefficients 3.6e-7 to 2e4) the search without
            // the presolver also pruned the true optimum. Report the point, not its optimality.
            result.modelStatus = .integerSolution
        }
        result.nodes = monitor.nodes
        result.iterations = max(monitor.iterations, Int(glp_get_it_cnt(p)))
        result.bestBound = bound
        guard outcome.hasPoint, let value = objective else { return result }

        result.objective = value
        result.bestBound = result.modelStatus == .optimal ? value : bound
        let solution = problem.integerSolution()
        result.columnLevel = solution.columnLevel
        result.rowLevel = solution.rowLevel
        if let violation = model.worstViolation(columnLevel: solution.columnLevel,
                                                      rowLevel: solution.rowLevel),
           violation.amount > 1e-6 {
            // GLPK's tolerances act on its scaled, presolved problem; with large coefficients
            // an accepted integer point can be visibly infeasible. Say so rather than hide it.
            result.message += "; the integer solution violates \(violation.what) by "
                + "\(violation.amount) (relative)"
        }
        guard settings.solveFinal else {
            // GAMS 54 reports a MIP's marginals as NA: a branch-and-cut point has no duals
            result.columnMarginal = [Double](repeating: SpecialValue.na, count: model.columnCount)
            result.rowMarginal = [Double](repeating: SpecialValue.na, count: model.rowCount)
            return result
        }
        let marginals = fixedLPMarginals(problem, model, levels: solution.columnLevel,
                                         budget: budget, iterationLimit: options.iterLim)
        result.columnMarginal = marginals.column
        result.rowMarginal = marginals.row
        result.message += marginals.note
        return result
    }

    /// One `glp_intopt` search with the solve's gap tolerances, limits and callback.
    private func branchAndCut(_ problem: GLPKProblem, options: SolveOptions, budget: TimeBudget,
                              presolve: Bool, settings: GLPKOptions = GLPKOptions()) -> SearchRun {
        let monitor = GLPKSearchMonitor(optCa: sanitizedTolerance(options.optCa),
                                        iterationLimit: options.iterLim, nodeLimit: options.nodeLimit)
        monitor.progress = options.progress
        monitor.memory = MemoryWatch(options.memoryLimit)
        if presolve, let forced = presolverVerdictForTesting {
            return SearchRun(returnCode: forced, monitor: monitor)
        }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        settings.apply(to: &parameters)
        // (printed only with the solve's log on: glp_term_out is off otherwise)
        parameters.msg_lev = GLP_MSG_ON
        // Without the presolver glp_intopt needs an optimal basis of the relaxation in place
        // (a MIP always starts with the presolver: the option file's `presolve` is the LP's).
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        parameters.mip_gap = sanitizedTolerance(options.optCr)
        parameters.tm_lim = budget.remainingMilliseconds
        parameters.cb_func = glpkSearchCallback
        parameters.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
        let returnCode = withExtendedLifetime(monitor) { glp_intopt(problem.handle, &parameters) }
        return SearchRun(returnCode: returnCode, monitor: monitor)
    }

    /// Checks, without GLPK's MIP presolver and within what is left of `resLim`, its verdict
    /// that no integer point exists: the relaxation of the loaded problem by the simplex, then a
    /// search of the original problem. Only a verdict the check establishes becomes a status of
    /// infeasibility; a limit or a failure on the way is reported as such.
    private func confirmWithoutPresolver(_ problem: GLPKProblem, _ model: ScalarModel,
                                         options: SolveOptions,
                                         budget: TimeBudget) -> Confirmation {
        let run = simplex(problem, timeLimit: budget.remainingMilliseconds,
                          iterationLimit: Int(Int32.max))
        switch GLPKStatusTable.relaxation(returnCode: run.returnCode,
                                          status: glp_get_status(problem.handle)) {
        case .feasible:
            // the optimal basis just found is where the search without presolver starts
            return .searched(branchAndCut(problem, options: options, budget: budget,
                                          presolve: false))
        case .infeasible:
            // No point within the integer columns' rounded bounds: established. The relaxation
            // with their original bounds tells 4 Infeasible from 10 Integer Infeasible.
            let original = classifyRelaxation(problem, model, budget: budget)
            let outcome = GLPKStatusTable.intopt(returnCode: GLP_ENOPFS, mipStatus: GLP_NOFEAS,
                                                 gapClosed: false, stoppedByOptCa: false,
                                                 stoppedByIterations: false, stoppedByNodes: false, relaxation: original)
            return .settled(failure(outcome.model, outcome.solver,
                                    outcome.message + GLPKStatusTable.confirmationNote(mipStatus: GLP_NOFEAS)))
        case .unbounded:
            return .settled(searchForAnyIntegerPoint(problem, model, options: options,
                                                     budget: budget))
        case .unknown:
            let outcome = GLPKStatusTable.unconfirmed(relaxationReturnCode: run.returnCode)
            return .settled(failure(outcome.model, outcome.solver, outcome.message))
        }
    }

    /// The presolver said "no integer point" but the relaxation is unbounded, so a search of the
    /// original problem cannot start (GLP_EROOT). With a zero objective it only looks for a
    /// point: if one exists the MIP is unbounded (an integer point plus an unbounded relaxation,
    /// for rational data such as doubles), otherwise it is integer infeasible. The objective is
    /// not restored: the problem is freed after this answer.
    private func searchForAnyIntegerPoint(_ problem: GLPKProblem, _ model: ScalarModel,
                                          options: SolveOptions, budget: TimeBudget) -> SolveResult {
        let p = problem.handle
        for j in 0..<model.columnCount where model.objective[j] != 0 {
            glp_set_obj_coef(p, Int32(j + 1), 0)
        }
        let run = simplex(problem, timeLimit: budget.remainingMilliseconds,
                          iterationLimit: Int(Int32.max))
        guard GLPKStatusTable.relaxation(returnCode: run.returnCode,
                                         status: glp_get_status(p)) == .feasible else {
            let outcome = GLPKStatusTable.unconfirmed(relaxationReturnCode: run.returnCode)
            return failure(outcome.model, outcome.solver, outcome.message)
        }
        let search = branchAndCut(problem, options: options, budget: budget, presolve: false)
        let mipStatus = glp_mip_status(p)
        if mipStatus == GLP_OPT || mipStatus == GLP_FEAS {
            return failure(.unbounded, .normalCompletion,
                           "GLPK: an integer point exists and the continuous relaxation is unbounded"
                               + GLPKStatusTable.confirmationNote(mipStatus: mipStatus))
        }
        let outcome = GLPKStatusTable.intopt(returnCode: search.returnCode, mipStatus: mipStatus,
                                             gapClosed: false, stoppedByOptCa: false,
                                             stoppedByIterations: search.monitor.stoppedByIterations,
                                             stoppedByNodes: search.monitor.stoppedByNodes,
                                             stoppedByMemory: search.monitor.stoppedByMemory,
                                             relaxation: .unknown)
        var result = failure(outcome.model, outcome.solver,
                             outcome.message + GLPKStatusTable.confirmationNote(mipStatus: mipStatus))
        if search.monitor.stoppedByMemory { result.memoryStop = search.monitor.memory?.stop("GLPK") }
        return result
    }

    /// With `solvefinal 1`, GAMS's MIP marginals: the duals of the LP with every integer column
    /// fixed at its rounded level. Zeros (with a note) when that LP does not solve to optimality.
    private func fixedLPMarginals(_ problem: GLPKProblem, _ model: ScalarModel, levels: [Double],
                                  budget: TimeBudget, iterationLimit: Int)
        -> (column: [Double], row: [Double], note: String) {
        for j in 0..<model.columnCount where model.columnIsInteger[j] {
            let value = levels[j].rounded()
            problem.setColumnBounds(j, lower: value, upper: value)
        }
        let run = simplex(problem, timeLimit: budget.remainingMilliseconds(atLeast: 1000),
                          iterationLimit: iterationLimit)
        let p = problem.handle
        guard run.returnCode == 0, glp_get_status(p) == GLP_OPT else {
            let reason = run.returnCode == 0
                ? "status \(glp_get_status(p))" : GLPKStatusTable.describe(run.returnCode)
            return ([Double](repeating: 0, count: model.columnCount),
                    [Double](repeating: 0, count: model.rowCount),
                    "; marginals are zero: the LP with fixed integers did not solve (\(reason))")
        }
        let solution = problem.basicSolution()
        return (solution.columnMarginal, solution.rowMarginal, "")
    }

    /// Solves the continuous relaxation (original bounds, integrality ignored) to tell an
    /// infeasible or unbounded relaxation from a merely integer-infeasible model.
    private func classifyRelaxation(_ problem: GLPKProblem, _ model: ScalarModel,
                                    budget: TimeBudget) -> GLPKStatusTable.Relaxation {
        for j in 0..<model.columnCount where model.columnIsInteger[j] {
            problem.setColumnBounds(j, lower: model.columnLower[j], upper: model.columnUpper[j])
        }
        let run = simplex(problem, timeLimit: budget.remainingMilliseconds(atLeast: 1000),
                          iterationLimit: Int(Int32.max))
        return GLPKStatusTable.relaxation(returnCode: run.returnCode,
                                          status: glp_get_status(problem.handle))
    }

    /// An iteration count for GLPK's `it_lim`: limited to `0...Int32.max`.
    private static func int32Limit(_ value: Int) -> Int32 {
        Int32(clamping: max(0, value))
    }

    /// A gap tolerance GLPK accepts: NaN and negatives become 0.
    private func sanitizedTolerance(_ value: Double) -> Double {
        value.isNaN || value < 0 ? 0 : value
    }
}

/// One simplex run: GLPK's return code, a note for the message, and whether the presolver ran.
private struct SimplexRun {
    let returnCode: Int32
    var note: String
    let presolved: Bool
}

/// One `glp_intopt` call: its return code and what its callback saw.
private struct SearchRun {
    let returnCode: Int32
    let monitor: GLPKSearchMonitor
}

/// What checking the MIP presolver's "no integer point" came to: a final answer, or a search
/// of the original problem whose outcome is read like any other.
private enum Confirmation {
    case settled(SolveResult)
    case searched(SearchRun)
}

/// The branch-and-cut callback: forwards to the `GLPKSearchMonitor` behind `info`.
/// GLPK's terminal hook while a solve keeps a log or reports progress: the text goes to the
/// `GLPKTerminal`, never to GLPK's standard output (a nonzero return suppresses it).
private let glpkTerminalHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
    guard let info, let text else { return 1 }
    Unmanaged<GLPKTerminal>.fromOpaque(info).takeUnretainedValue().take(String(cString: text))
    return 1
}

/// What GLPK prints during one solve: appended to the solve's log, and its simplex lines
/// (`*   123: obj =  1.5e+02 inf =  0.0e+00 (0)`, every `outputMilliseconds`) read as progress.
final class GLPKTerminal {
    /// How often the simplex prints a line when progress is asked for (GLPK's `out_frq`).
    static let outputMilliseconds: Int32 = 250
    private let log: SolverLogSink?
    private let progress: (@Sendable (SolveProgress) -> Void)?

    /// Nil when the solve keeps no log and nobody follows its progress.
    init?(log: SolverLogSink?, progress: (@Sendable (SolveProgress) -> Void)?) {
        guard log != nil || progress != nil else { return nil }
        self.log = log
        self.progress = progress
    }

    func take(_ text: String) {
        log?.write(text)
        if let progress, let p = GLPKTerminal.simplexProgress(text) { progress(p) }
    }

    /// The iteration, objective and infeasibility of a simplex line; nil for other text.
    static func simplexProgress(_ line: String) -> SolveProgress? {
        guard let colon = line.range(of: ": obj = "), let inf = line.range(of: " inf = ", range: colon.upperBound..<line.endIndex),
              let iteration = Int(line[line.startIndex..<colon.lowerBound].filter(\.isNumber)) else { return nil }
        let objective = Double(line[colon.upperBound..<inf.lowerBound].trimmingCharacters(in: .whitespaces))
        let infeasibility = Double(String(line[inf.upperBound...].drop { $0.isWhitespace }.prefix { !$0.isWhitespace }))
        return SolveProgress(iteration: iteration, objective: objective, infeasibility: infeasibility)
    }
}

private let glpkSearchCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = {
    tree, info in
    guard let tree, let info else { return }
    Unmanaged<GLPKSearchMonitor>.fromOpaque(info).takeUnretainedValue().observe(tree)
}

/// Follows a branch-and-cut search from its callback: incumbent, best bound, nodes and
/// iterations; stops the search when the absolute gap reaches `optCa` or the iterations reach
/// `iterLim`.
final class GLPKSearchMonitor {
    /// Absolute gap tolerance; 0 disables the check.
    let optCa: Double
    /// Simplex iteration limit over the whole search.
    let iterationLimit: Int
    /// The incumbent's objective value as last seen.
    private(set) var incumbent: Double?
    /// The best bound (over the active nodes) as last seen.
    private(set) var bound: Double?
    /// Nodes created so far.
    private(set) var nodes = 0
    /// Simplex iterations so far.
    private(set) var iterations = 0
    /// Whether the search was terminated because of `optCa`.
    private(set) var stoppedByOptCa = false
    /// Whether the search was terminated because of `iterationLimit`.
    private(set) var stoppedByIterations = false
    /// MIP node limit (`nodLim`); 0 for none.
    let nodeLimit: Int
    /// Whether the search was terminated because of `nodeLimit`.
    private(set) var stoppedByNodes = false
    /// The memory limit, looked at as the search goes (its tree grows in GLPK's heap).
    var memory: MemoryWatch?
    /// Whether the search was terminated because the run passed the memory limit.
    private(set) var stoppedByMemory = false
    /// Receives the search's progress, at most every `progressInterval` seconds.
    var progress: (@Sendable (SolveProgress) -> Void)?
    private let progressInterval: Duration = .milliseconds(100)
    private let clock = ContinuousClock()
    private var lastReport: ContinuousClock.Instant?

    /// A monitor for one search; `optCa` 0 means no absolute-gap stop.
    init(optCa: Double, iterationLimit: Int, nodeLimit: Int = 0) {
        self.optCa = optCa
        self.iterationLimit = iterationLimit
        self.nodeLimit = nodeLimit
    }

    /// Called by GLPK at every callback point of the search.
    func observe(_ tree: OpaquePointer) {
        guard let problem = glp_ios_get_prob(tree) else { return }
        let status = glp_mip_status(problem)
        if status == GLP_FEAS || status == GLP_OPT {
            incumbent = glp_mip_obj_val(problem)
        }
        // Finding the best node walks the active list: do it once per node selection and on
        // each new incumbent, not at every callback point.
        let reason = glp_ios_reason(tree)
        if reason == GLP_ISELECT || reason == GLP_IBINGO {
            let best = glp_ios_best_node(tree)
            if best != 0 {
                let value = glp_ios_node_bound(tree, best)
                // An unsolved root carries GLPK's "no bound yet" value, ±DBL_MAX.
                if abs(value) < 1e300 { bound = value }
            }
        }
        var active: Int32 = 0, present: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &present, &total)
        nodes = max(nodes, Int(total))
        iterations = max(iterations, Int(glp_get_it_cnt(problem)))
        report()
        guard !stoppedByOptCa && !stoppedByIterations && !stoppedByNodes && !stoppedByMemory else { return }
        if optCa > 0, let incumbent, let bound, abs(incumbent - bound) <= optCa {
            stoppedByOptCa = true
            glp_ios_terminate(tree)
        } else if iterations >= iterationLimit {
            stoppedByIterations = true
            glp_ios_terminate(tree)
        } else if nodeLimit > 0 && nodes >= nodeLimit {
            stoppedByNodes = true
            glp_ios_terminate(tree)
        } else if memory?.passed() == true {
            stoppedByMemory = true
            glp_ios_terminate(tree)
        }
    }
}

extension GLPKSearchMonitor {
    /// Passes the search's state to `progress`, at most every `progressInterval` (the callback
    /// runs at every event of the search).
    private func report() {
        guard let progress else { return }
        let now = clock.now
        if let lastReport, now - lastReport < progressInterval { return }
        lastReport = now
        progress(SolveProgress(iteration: iterations, objective: incumbent, bestBound: bound, nodes: nodes))
    }
}

/// The `resLim` budget of one solve, on a monotonic clock.
struct TimeBudget {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let limit: Double

    /// Starts the clock for a limit of `seconds` (NaN means no limit).
    init(seconds: Double) {
        start = clock.now
        limit = seconds.isNaN ? .infinity : seconds
    }

    /// Seconds since the solve began.
    var elapsedSeconds: Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// What is left of the limit, in milliseconds for GLPK's `tm_lim` (0 when spent).
    var remainingMilliseconds: Int32 {
        remainingMilliseconds(atLeast: 0)
    }

    /// What is left of the limit in milliseconds, but at least `floor` (for short follow-up LPs
    /// after the main solve).
    func remainingMilliseconds(atLeast floor: Double) -> Int32 {
        let left = ((limit - elapsedSeconds) * 1000).rounded(.up)
        return TimeBudget.clampToInt32(max(left, floor))
    }

    /// `value` limited to `0...Int32.max` (infinity becomes `Int32.max`).
    static func clampToInt32(_ value: Double) -> Int32 {
        if value.isNaN || value <= 0 { return 0 }
        if value >= Double(Int32.max) { return Int32.max }
        return Int32(value)
    }
}

extension GLPKSolver {
    /// The magnitudes of coefficients GLPK takes: with one outside them (1e300 beside 1e-8 in
    /// a row) a scale factor underflows to 0 and GLPK aborts the process ("glp_set_sjj: invalid
    /// scale factor", also inside the MIP presolver's own scaling), and unscaled its simplex
    /// fails an assertion ("teta >= 0.0").
    static let scalableMagnitudes = 1e-150...1e150
    /// The magnitude from which GLPK is not given a finite bound (such bounds are kept from
    /// every library: CLP's ClpNonLinearCost asserted on them).
    static let boundLimit = 1e100
}
