import CBonminShim
import Derivatives
import Foundation
import IR

/// The Bonmin backend: NLP-based branch and bound (Bonmin's B-BB, with Ipopt at the nodes and
/// CBC's tree search) for mixed-integer nonlinear programs (MINLP, MIQCP, and their relaxations).
///
/// Functions and derivatives come from the same `NonlinearProgram` as Ipopt's, through the C
/// shim `CBonminShim`. After the search, the NLP with the integer columns fixed at their values
/// is solved once more by `IpoptSolver`, which gives the levels and marginals GAMS reports for
/// a MINLP (those of its final NLP). Statuses follow `BonminStatusTable`: an answer is
/// "Optimal" only for a model `Curvature` proves convex.
public struct BonminSolver: Solver {
    /// The backend's name, `"bonmin"` (`option minlp = bonmin;`, `bonmin.opt`).
    public let name = "bonmin"

    /// Creates the backend; it keeps no state between solves.
    public init() {}

    /// Solves `model`, keeping its integer columns unless `options.relaxIntegrality`.
    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        let program = ModelDerivatives(model)
        if let problem = IpoptSolver.structuralProblem(model, program) {
            return BonminSolver.failure(.errorNoSolution, .setupFailure, "model not passed to Bonmin: \(problem)")
        }
        if let conflict = model.boundConflict() {
            return BonminSolver.failure(.infeasible, .normalCompletion, "infeasible bounds: \(conflict)")
        }
        let integers = options.relaxIntegrality ? [Bool](repeating: false, count: model.columnCount) : model.columnIsInteger
        if model.columnCount == 0 || options.loadOnly || !integers.contains(true) {
            // nothing to branch on: the NLP alone (Ipopt also reports a load-only run)
            return finalNLP(model, options: options, fixing: [], at: IpoptSolver.startingPoint(model))
        }
        let clock = ContinuousClock(), start = clock.now
        let (search, point, warnings, evaluationSeconds) = IpoptLock.shared.withLock {
            BonminSolver.search(model, program: program, integers: integers, options: options)
        }
        let bonminSeconds = BonminSolver.seconds(clock.now - start)
        let gapClosed = abs(search.objective - search.best_bound) <= 1e-9 * max(1, abs(search.objective))
        // Bonmin checks its time limit itself, without telling CBC's model: a search that stopped
        // unfinished once resLim had passed stopped on time
        var limit = search.limit
        let stoppedEarly = search.status == ENM_BONMIN_FEASIBLE || search.status == ENM_BONMIN_NO_SOLUTION
        if stoppedEarly, limit == ENM_BONMIN_LIMIT_NONE || limit == ENM_BONMIN_LIMIT_OTHER,
           let seconds = IpoptOptions.cpuTimeLimit(options.resLim), bonminSeconds >= seconds {
            limit = ENM_BONMIN_LIMIT_TIME
        }
        let outcome = BonminStatusTable.outcome(.init(status: search.status, limit: limit, hasSolution: search.has_solution != 0,
                                                      gapClosed: gapClosed, convex: Curvature.provesConvex(model), integers: true))
        var result: SolveResult
        if outcome.hasPoint {
            result = finalNLP(model, options: options, fixing: integers, at: point)
            if ![.optimal, .locallyOptimal].contains(result.modelStatus) {
                // the final NLP did not confirm the point (a limit, a failure): Bonmin's own
                // point is reported, without marginals
                result = BonminSolver.pointResult(model, program: program, point: point, integers: integers)
            }
            result.modelStatus = outcome.model
            result.solverStatus = outcome.solver
        } else {
            result = SolveResult(modelStatus: outcome.model, solverStatus: outcome.solver)
        }
        let said = withUnsafeBytes(of: search.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        result.message = said.isEmpty ? outcome.message : said
        result.warnings = warnings + result.warnings
        let sense = model.sense == .maximize ? -1.0 : 1.0
        // Bonmin's bound of a search without one is ±1e200 or so: none
        result.bestBound = abs(search.best_bound) < 1e30 ? sense * search.best_bound : nil
        result.nodes = Int(search.nodes)
        result.iterations += Int(search.iterations)
        result.solverSeconds += bonminSeconds
        result.evaluationSeconds += evaluationSeconds
        return result
    }

    /// Bonmin's point as a result: integer columns rounded, rows evaluated there, marginals 0.
    private static func pointResult(_ model: ScalarModel, program: NonlinearProgram, point: [Double], integers: [Bool]) -> SolveResult {
        var result = SolveResult(modelStatus: .integerSolution, solverStatus: .normalCompletion)
        let x = point.indices.map { integers[$0] ? point[$0].rounded() : point[$0] }
        var rows = [Double](repeating: 0, count: model.rowCount)
        var objective = 0.0
        let ok = x.withUnsafeBufferPointer { p in
            rows.withUnsafeMutableBufferPointer { program.constraints(p, into: $0) } && program.objective(p, into: &objective)
        }
        guard ok else { return result }
        result.objective = objective
        result.columnLevel = x
        result.rowLevel = rows
        result.columnMarginal = [Double](repeating: 0, count: x.count)
        result.rowMarginal = [Double](repeating: 0, count: rows.count)
        return result
    }

    /// Bonmin's search, under Ipopt's lock: its result, the best point (the start when none)
    /// and the settings it did not accept.
    private static func search(_ model: ScalarModel, program: NonlinearProgram, integers: [Bool],
                               options: SolveOptions) -> (EnmBonminResult, [Double], [String], Double) {
        let session = IpoptSession(program: program, sense: model.sense, timeLimit: .nan)
        let problem = BonminProblemArrays(model, program: program, integers: integers)
        var x = IpoptSolver.startingPoint(model)
        var result = EnmBonminResult()
        let fixed = BonminOptions.fixed(options)
        let rejections = BonminRejections(settings: fixed + options.solverOptions, fixedCount: fixed.count)
        var callbacks = EnmBonminCallbacks(user: Unmanaged.passUnretained(session).toOpaque(),
                                           objective: bonminObjective, gradient: bonminGradient,
                                           constraints: bonminConstraints, jacobian: bonminJacobian, hessian: bonminHessian)
        withExtendedLifetime((session, rejections)) {
            problem.withProblem { p in
                BonminOptions.withOptions(rejections) { o in
                    var problemCopy = p, optionsCopy = o
                    enm_bonmin_solve(&problemCopy, &callbacks, &optionsCopy, &x, &result)
                }
            }
        }
        return (result, x, rejections.warnings, session.evaluationSeconds)
    }

    /// The NLP of `model` with the columns marked in `fixing` fixed at their (rounded) values in
    /// `point`, solved by Ipopt from `point`: the final NLP of a MINLP, or the whole model when
    /// nothing is fixed.
    private func finalNLP(_ model: ScalarModel, options: SolveOptions, fixing: [Bool], at point: [Double]) -> SolveResult {
        var fixed = model
        fixed.columnStart = point
        for (j, isFixed) in fixing.enumerated() where isFixed {
            let value = min(max(point[j].rounded(), model.columnLower[j]), model.columnUpper[j])
            fixed.columnLower[j] = value
            fixed.columnUpper[j] = value
            fixed.columnStart[j] = value
        }
        var nlpOptions = options
        nlpOptions.relaxIntegrality = true
        // the user's settings are Bonmin's (some of Ipopt's pass): only Ipopt's own are kept
        nlpOptions.solverOptions = options.solverOptions.filter { !$0.name.lowercased().hasPrefix("bonmin.") }
        nlpOptions.startMultipliers = nil
        var result = IpoptSolver().solve(fixed, options: nlpOptions)
        if !fixing.contains(true), result.modelStatus == .locallyOptimal, Curvature.provesConvex(model) {
            result.modelStatus = .optimal
        }
        return result
    }

    static func failure(_ model: ModelStatus, _ solver: SolverStatus, _ message: String) -> SolveResult {
        var result = SolveResult(modelStatus: model, solverStatus: solver)
        result.message = message
        return result
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// The arrays of an `EnmBonminProblem`, kept alive while Bonmin reads them.
private struct BonminProblemArrays {
    var lower, upper, start, rowLower, rowUpper: [Double]
    // each list ends with a spare entry, so that an empty one still has an address
    var integer, nonlinearColumn, nonlinearRow, jacobianRows, jacobianColumns, hessianRows, hessianColumns: [Int32]

    init(_ model: ScalarModel, program: NonlinearProgram, integers: [Bool]) {
        lower = model.columnLower
        upper = model.columnUpper
        start = IpoptSolver.startingPoint(model)
        rowLower = model.rowLower.isEmpty ? [0] : model.rowLower
        rowUpper = model.rowUpper.isEmpty ? [0] : model.rowUpper
        integer = integers.map { $0 ? 1 : 0 }
        // a column of the Hessian's structure occurs nonlinearly
        var nonlinear = [Int32](repeating: 0, count: model.columnCount)
        for k in program.hessianRows.indices {
            nonlinear[Int(program.hessianRows[k])] = 1
            nonlinear[Int(program.hessianColumns[k])] = 1
        }
        nonlinearColumn = nonlinear
        var rows = [Int32](repeating: 0, count: max(model.rowCount, 1))
        for nr in model.nonlinearRows { rows[Int(nr.row)] = 1 }
        nonlinearRow = rows
        jacobianRows = program.jacobianRows + [0]
        jacobianColumns = program.jacobianColumns + [0]
        hessianRows = program.hessianRows + [0]
        hessianColumns = program.hessianColumns + [0]
        rowCount = model.rowCount
    }

    /// Calls `body` with the problem pointing into these arrays.
    func withProblem(_ body: (EnmBonminProblem) -> Void) {
        lower.withUnsafeBufferPointer { l in upper.withUnsafeBufferPointer { u in start.withUnsafeBufferPointer { s in
        rowLower.withUnsafeBufferPointer { rl in rowUpper.withUnsafeBufferPointer { ru in
        integer.withUnsafeBufferPointer { i in nonlinearColumn.withUnsafeBufferPointer { nc in nonlinearRow.withUnsafeBufferPointer { nr in
        jacobianRows.withUnsafeBufferPointer { jr in jacobianColumns.withUnsafeBufferPointer { jc in
        hessianRows.withUnsafeBufferPointer { hr in hessianColumns.withUnsafeBufferPointer { hc in
            body(EnmBonminProblem(column_count: Int32(lower.count), row_count: Int32(rowCount),
                                  column_lower: l.baseAddress, column_upper: u.baseAddress, column_start: s.baseAddress,
                                  column_is_integer: i.baseAddress, column_is_nonlinear: nc.baseAddress,
                                  row_lower: rl.baseAddress, row_upper: ru.baseAddress, row_is_nonlinear: nr.baseAddress,
                                  jacobian_count: Int32(jacobianRows.count - 1), jacobian_rows: jr.baseAddress, jacobian_columns: jc.baseAddress,
                                  hessian_count: Int32(hessianRows.count - 1), hessian_rows: hr.baseAddress, hessian_columns: hc.baseAddress))
        } } } } } } } } } } } }
    }

    var rowCount: Int
}
