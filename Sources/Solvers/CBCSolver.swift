import CClpShim
import CCoin
import Foundation
import IR

/// The COIN-OR CBC backend (`option mip = cbc;`): branch and cut for MIP through CBC's C
/// interface; an LP or RMIP given to it is solved by CLP, as CBC itself does.
///
/// CBC 2.10's C interface runs its search through the command-line driver (`CbcMain1`), which
/// keeps state in static variables, so searches in one process are serialized with a lock. A run
/// of `enm` searches in solver processes (`IsolatedSolver`), one search each, so the blocks of a
/// decomposed MIP are searched at once there. LPs through CBC (CLP) run at once.
public struct CBCSolver: Solver {
    /// The backend's name, `"cbc"`.
    public let name = "cbc"

    /// Serializes CBC's searches (see the type's comment); anything else in the process that
    /// calls `Cbc_solve` takes it too.
    static let searchLock = NSLock()

    /// Creates the backend; it keeps no state between solves.
    public init() {}

    /// Solves `model` with CBC under `options`: GAMS statuses, levels, best bound; a MIP's
    /// marginals are NA unless `solvefinal 1` asks for those of the LP with fixed integers.
    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        let budget = TimeBudget(seconds: options.resLim)
        let settings = CBCOptions.read(options.solverOptions).options
        var result: SolveResult
        if model.hasIntegers && !options.relaxIntegrality {
            result = CBCSolver.searchLock.withLock { search(model, options: options, settings: settings, budget: budget) }
        } else {
            result = CLPSolver().run(model, options: options, settings: settings.lpSettings, budget: budget)
            result.message = "CBC (LP by CLP): " + result.message
        }
        result.solverSeconds = budget.elapsedSeconds
        return result
    }

    /// The settings of a `cbc.opt` file that CBC cannot take.
    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] {
        CBCOptions.read(settings).problems
    }

    // MARK: - Search

    private func search(_ model: ScalarModel, options: SolveOptions, settings: CBCOptions, budget: TimeBudget) -> SolveResult {
        if let refusal = CLPSolver.refusal(of: model, by: "CBC") { return refusal }
        if let refusal = spreadRefusal(model) { return refusal }
        if let tied = model.integerTiedBeyond(CBCSolver.integerPrecision) {
            // CglProbing failed "up>down" on such a column (the infeasibility explanation's
            // re-solves, which drop bounds, made them)
            return CLPSolver.failure(.errorNoSolution, .setupFailure,
                                     "model not passed to CBC: \(tied), where integers have no neighbours in floating point (bound the column)")
        }
        let problem = CBCProblem(model)
        if options.loadOnly {
            return CLPSolver.failure(.noSolutionReturned, .solveProcessingSkipped, "model loaded into CBC; solve skipped (loadOnly)")
        }
        if let conflict = model.boundConflict() {
            return CLPSolver.failure(.infeasible, .normalCompletion, "infeasible bounds: \(conflict)")
        }
        if let column = problem.emptyIntegerRanges.first {
            // no integer value fits a column's bounds: only the relaxation tells 4 from 10
            let outcome = CBCStatusTable.outcome(status: 0, secondary: 1, incumbent: false, gapClosed: false,
                                                 relaxation: classifyRelaxation(model, budget: budget))
            return CLPSolver.failure(outcome.model, outcome.solver,
                                     outcome.message + " (no integer value lies between the bounds of \(model.columnName(column)))")
        }
        problem.configure(settings, options: options, budget: budget, start: settings.mipStart ? model.columnStart : nil)
        let counter = enm_cbc_count_iterations(problem.handle)
        defer { enm_cbc_count_free(counter) }
        let report = options.progress.map {
            CBCProgressReport($0, constant: model.objectiveConstant, sense: model.sense == .maximize ? -1 : 1, counter: counter)
        }
        let follower = report.map { enm_cbc_follow(problem.handle, cbcProgressCallback, Unmanaged.passUnretained($0).toOpaque()) }
        defer { if let follower { enm_cbc_follow_free(follower) } }
        // the handler holds the report unretained: it must live through the search
        withExtendedLifetime(report) { Cbc_solve(problem.handle) }
        var result = problem.result(model, classify: { classifyRelaxation(model, budget: budget) })
        // CBC's own count misses a search ended at the root and every LP outside the tree
        result.iterations = max(result.iterations, enm_cbc_iterations(counter))
        result.notes += model.coinLoadNotes(solver: "CBC")
        let iterationLimit = settings.iterationLimit ?? options.iterLim
        if iterationLimit < SolveOptions().iterLim {
            result.warnings.append("CBC cannot limit the simplex iterations of a branch-and-cut search; "
                + "iterLim = \(iterationLimit) is not applied (resLim and nodLim are)")
        }
        guard result.hasSolution else { return result }
        if let violation = model.worstViolation(columnLevel: result.columnLevel, rowLevel: result.rowLevel),
           violation.amount > 1e-6 {
            result.message += "; the integer solution violates \(violation.what) by \(violation.amount) (relative)"
        }
        let marginals: (column: [Double], row: [Double], note: String) = settings.solveFinal
            ? fixedLPMarginals(model, levels: result.columnLevel, options: options, budget: budget)
            : ([Double](repeating: SpecialValue.na, count: model.columnCount),
               [Double](repeating: SpecialValue.na, count: model.rowCount), "")
        result.columnMarginal = marginals.column
        result.rowMarginal = marginals.row
        result.message += marginals.note
        return result
    }

    /// Coefficients this many times apart (the largest over the smallest, in the whole matrix)
    /// made CBC's preprocessing and probing fail assertions on small integer models (1e15
    /// beside 1 or 6e-11: `ClpPackedMatrix::allElementsInRange`, `CglProbing::probe`
    /// "up>down", `ClpNonLinearCost::checkInfeasibilities`; also with `preprocess off` and
    /// `cuts off`): such a model is not passed to CBC.
    static let refusedSpread = 1e15

    /// From this magnitude on (2^53) neighbouring integers are the same double.
    static let integerPrecision = 9007199254740992.0

    /// The refusal of a model whose coefficients lie too far apart for CBC
    /// (`refusedSpread`), naming the smallest and the largest; nil when CBC may have it.
    private func spreadRefusal(_ model: ScalarModel) -> SolveResult? {
        guard let spread = model.coefficientSpread(), spread.largest / spread.smallest >= CBCSolver.refusedSpread else { return nil }
        func magnitude(_ v: Double) -> String { String(format: "%g", v) }
        return CLPSolver.failure(.errorNoSolution, .setupFailure,
                                 "model not passed to CBC: its coefficients range from \(magnitude(spread.smallest)) (\(spread.smallestAt)) "
                                     + "to \(magnitude(spread.largest)) (\(spread.largestAt)), 1e15 or more apart, which CBC's "
                                     + "preprocessing cannot take (scale the rows or columns)")
    }

    /// The continuous relaxation's class, by CLP.
    private func classifyRelaxation(_ model: ScalarModel, budget: TimeBudget) -> GLPKStatusTable.Relaxation {
        var options = SolveOptions()
        options.resLim = max(1, budget.remainingSeconds)
        let result = CLPSolver().run(model, options: options, settings: CLPOptions(), budget: budget)
        switch result.modelStatus {
        case .optimal: return .feasible
        case .infeasible: return .infeasible
        case .unbounded: return .unbounded
        default: return .unknown
        }
    }

    /// With `solvefinal 1`, GAMS's MIP marginals: the duals of the LP with every integer column
    /// fixed at its rounded level, by CLP. Zeros (with a note) when that LP does not solve.
    private func fixedLPMarginals(_ model: ScalarModel, levels: [Double], options: SolveOptions, budget: TimeBudget)
        -> (column: [Double], row: [Double], note: String) {
        var fixed = model
        for j in 0..<model.columnCount where model.columnIsInteger[j] {
            let value = levels[j].rounded()
            fixed.columnLower[j] = value
            fixed.columnUpper[j] = value
        }
        var lpOptions = SolveOptions()
        lpOptions.resLim = max(1, budget.remainingSeconds)
        lpOptions.iterLim = options.iterLim
        let lp = CLPSolver().run(fixed, options: lpOptions, settings: CLPOptions(), budget: budget)
        guard lp.modelStatus == .optimal, lp.hasSolution else {
            return ([Double](repeating: 0, count: model.columnCount), [Double](repeating: 0, count: model.rowCount),
                    "; marginals are zero: the LP with fixed integers did not solve (\(lp.message))")
        }
        return (lp.columnMarginal, lp.rowMarginal, "")
    }
}

/// One `Cbc_Model` loaded from a `ScalarModel`, integer columns' bounds rounded inward;
/// deleted when released.
final class CBCProblem {
    let handle: UnsafeMutableRawPointer
    let sense: ObjectiveSense
    let objectiveConstant: Double
    /// Integer columns whose rounded range is empty (they keep their bounds).
    private(set) var emptyIntegerRanges: [Int] = []

    init(_ model: ScalarModel) {
        handle = Cbc_newModel()
        sense = model.sense
        objectiveConstant = model.objectiveConstant
        var matrix = CoinColumnMatrix(model)
        for j in 0..<model.columnCount where model.columnIsInteger[j] {
            let (lower, upper) = GLPKProblem.integerRange(model.columnLower[j], model.columnUpper[j])
            if lower <= upper {
                matrix.columnLower[j] = CoinColumnMatrix.bound(lower)
                matrix.columnUpper[j] = CoinColumnMatrix.bound(upper)
            } else {
                emptyIntegerRanges.append(j)
            }
        }
        Cbc_setLogLevel(handle, 0)
        matrix.withPointers { starts, indices, values, lower, upper, costs, rowLower, rowUpper in
            Cbc_loadProblem(handle, Int32(model.columnCount), Int32(model.rowCount), starts, indices, values,
                            lower, upper, costs, rowLower, rowUpper)
        }
        Cbc_setObjSense(handle, model.sense == .maximize ? -1 : 1)
        for j in 0..<model.columnCount where model.columnIsInteger[j] { Cbc_setInteger(handle, Int32(j)) }
    }

    deinit {
        Cbc_deleteModel(handle)
    }

    /// Sets the limits, the gap tolerances and what the option file asks for; `start`: levels
    /// to offer as a first integer point.
    func configure(_ settings: CBCOptions, options: SolveOptions, budget: TimeBudget, start: [Double]?) {
        // with a log (in a solver process, whose standard output is then the log) CBC's search
        // says what it does, as at its own default level
        Cbc_setLogLevel(handle, options.standardOutputLogLevel(settings.logLevel))
        // resLim is wall-clock time in GAMS; CBC counts processor time unless told otherwise
        parameter("timeMode", "elapsed")
        Cbc_setMaximumSeconds(handle, max(1e-3, settings.timeLimit ?? budget.remainingSeconds))
        let nodes = settings.nodeLimit ?? options.nodeLimit
        if nodes > 0 { Cbc_setMaximumNodes(handle, Int32(clamping: nodes)) }
        Cbc_setAllowableFractionGap(handle, CBCProblem.tolerance(settings.relativeGap ?? options.optCr))
        Cbc_setAllowableGap(handle, CBCProblem.tolerance(settings.absoluteGap ?? options.optCa))
        if let cutoff = settings.cutoff { Cbc_setCutoff(handle, cutoff - objectiveConstant) }
        if let cuts = settings.cuts { parameter("cuts", cuts) }
        if let preprocess = settings.preprocess { parameter("preprocess", preprocess) }
        if let heuristics = settings.heuristics { parameter("heuristics", heuristics) }
        if let strategy = settings.strategy { parameter("strategy", String(strategy)) }
        if let start, !start.isEmpty {
            let columns = (0..<Int32(start.count)).map { $0 }
            Cbc_setMIPStartI(handle, Int32(start.count), columns, start)
        }
    }

    private func parameter(_ name: String, _ value: String) {
        Cbc_setParameter(handle, name, value)
    }

    /// A gap tolerance CBC accepts: NaN and negatives become 0.
    private static func tolerance(_ value: Double) -> Double {
        value.isNaN || value < 0 ? 0 : value
    }

    /// Statuses, incumbent, objective and best bound after `Cbc_solve`; `classify` solves the
    /// relaxation when no integer point was found.
    func result(_ model: ScalarModel, classify: () -> GLPKStatusTable.Relaxation) -> SolveResult {
        let status = Cbc_status(handle), secondary = Cbc_secondaryStatus(handle)
        let incumbent = Cbc_bestSolution(handle) != nil
        let objective = Cbc_getObjValue(handle) + objectiveConstant
        var bound: Double? = Cbc_getBestPossibleObjValue(handle) + objectiveConstant
        if let known = bound, !known.isFinite || abs(known) >= 1e30 || secondary == 7 { bound = nil }
        if incumbent, let known = bound {
            // a bound can only be as good as the incumbent; round-off must not invert them
            bound = sense == .minimize ? min(known, objective) : max(known, objective)
        }
        let gapClosed = incumbent && bound.map { abs(objective - $0) <= 1e-9 * max(1, abs(objective)) } == true
        let relaxation = !incumbent && status == 0 && secondary != 7 ? classify() : .unknown
        let outcome = CBCStatusTable.outcome(status: status, secondary: secondary, incumbent: incumbent,
                                             gapClosed: gapClosed, relaxation: relaxation)
        var result = SolveResult(modelStatus: outcome.model, solverStatus: outcome.solver)
        result.message = outcome.message
        result.nodes = Int(Cbc_getNodeCount(handle))
        result.iterations = Int(Cbc_getIterationCount(handle))
        result.bestBound = bound
        guard outcome.hasPoint, incumbent, let x = Cbc_getColSolution(handle), let activity = Cbc_getRowActivity(handle) else {
            return result
        }
        result.objective = objective
        if outcome.model == .optimal { result.bestBound = objective }
        result.columnLevel = (0..<model.columnCount).map {
            let level = CoinColumnMatrix.cleaned(x[$0], model.columnLower[$0], model.columnUpper[$0])
            // CBC's integer levels carry its integrality tolerance; GAMS shows whole numbers
            return model.columnIsInteger[$0] && abs(level - level.rounded()) <= 1e-6 ? level.rounded() : level
        }
        result.rowLevel = (0..<model.rowCount).map { CoinColumnMatrix.cleaned(activity[$0], model.rowLower[$0], model.rowUpper[$0]) }
        return result
    }
}

/// What the progress callback of a CBC search needs: the run's callback, the objective's
/// constant (CBC's objective leaves it out), the model's sense (1 minimize, -1 maximize) and the
/// iteration counter of the search.
final class CBCProgressReport {
    let report: @Sendable (SolveProgress) -> Void
    let constant: Double
    let sense: Double
    let counter: UnsafeMutableRawPointer?

    init(_ report: @escaping @Sendable (SolveProgress) -> Void, constant: Double, sense: Double, counter: UnsafeMutableRawPointer?) {
        self.report = report
        self.constant = constant
        self.sense = sense
        self.counter = counter
    }
}

private let cbcProgressCallback: @convention(c) (UnsafeMutableRawPointer?, Int, Double, Int32, Double, Double) -> Void = {
    info, nodes, incumbent, hasIncumbent, bound, searched in
    guard let info else { return }
    let r = Unmanaged<CBCProgressReport>.fromOpaque(info).takeUnretainedValue()
    // a maximization searched as a minimization reports negated values
    let flip = searched == r.sense ? 1.0 : -1.0
    let known = { (v: Double) in v.isFinite && abs(v) < 1e30 ? flip * v + r.constant : nil }
    r.report(SolveProgress(iteration: enm_cbc_iterations(r.counter), objective: hasIncumbent != 0 ? known(incumbent) : nil,
                           bestBound: known(bound), nodes: nodes))
}
