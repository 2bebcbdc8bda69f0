import CIpopt
import Diagnostics
import Derivatives
import Foundation
import IR

/// The Ipopt backend: a local interior-point method for smooth nonlinear programs (NLP, and LP
/// or QP as special cases).
///
/// The model supplies the sense, column bounds and starting levels, and row bounds; a
/// `NonlinearProgram` supplies the functions and their first and second derivatives (row `i` is
/// constraint `i`). Solves are serialized by a process-wide lock, since Ipopt with MUMPS is not
/// thread-safe.
///
/// Sign conventions of the returned marginals (GAMS's): with Ipopt's Lagrangian
/// `L = σf + λᵀg − z_Lᵀ(x − x_L) + z_Uᵀ(x − x_U)`, where `σ = +1` to minimize and `−1` to
/// maximize (Ipopt always minimizes `σf`), the stationarity condition is
/// `σ∇f + Jᵀλ = z_L − z_U`.
/// - Row marginal = d objective / d bound = `−σ·λᵢ`: minimizing, a binding `≤` row has
///   `λ ≥ 0` (a looser bound lowers the objective) and a binding `≥` row `λ ≤ 0`.
/// - Column marginal = reduced cost d objective / d level = `∇f − (row marginals)ᵀJ`
///   = `σ·(σ∇f + Jᵀλ)` = `σ·(z_L − z_U)`.
public struct IpoptSolver: Solver {
    /// The backend's name, `"ipopt"`.
    public let name = "ipopt"

    /// Creates the backend; it keeps no state between solves.
    public init() {}

    /// Settings of an `ipopt.opt` file that Ipopt accepts when they are set but refuses when the
    /// solve sets itself up ("Setup Failure" without a word on which), or worse, ends the process
    /// for: a linear solver, scaling routine (MC19) or dependency detector this build does not
    /// have, an output file in a folder that does not exist.
    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] {
        settings.compactMap { setting in
            let name = IpoptOptions.trim(setting.name).lowercased(), value = IpoptOptions.trim(setting.value)
            switch name {
            case "linear_solver" where value.lowercased() != IpoptSolver.linearSolver:
                return "linear_solver '\(value)' is not available: this Ipopt is built with \(IpoptSolver.linearSolver) only"
            case "linear_system_scaling" where value.lowercased() == "mc19",
                 "nlp_scaling_method" where value.lowercased() == "equilibration-based":
                // with MC19 missing Ipopt stops the whole process ("Abort...", exit code 1)
                let others = name == "nlp_scaling_method" ? "'gradient-based' or 'none'" : "'slack-based' or 'none'"
                return "\(name) '\(value)' needs the HSL routine MC19, which this Ipopt does not have; use \(others)"
            case "dependency_detector" where !["none", "mumps"].contains(value.lowercased()):
                return "dependency_detector '\(value)' is not available: this Ipopt has 'mumps' and 'none'"
            case "output_file":
                let folder = Paths.directory(of: value)
                var isFolder: ObjCBool = false
                let exists = folder.isEmpty || FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue
                return exists ? nil : "output_file '\(value)': the folder '\(folder)' does not exist"
            default:
                return nil
            }
        }
    }

    /// The linear solver of Debian's Ipopt (coinor-libipopt: MUMPS; the HSL solvers need a licence).
    static let linearSolver = "mumps"

    /// Solves `model` with derivatives computed from its expression DAG.
    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        solve(model, program: ModelDerivatives(model), options: options)
    }

    /// Solves `model` with the functions and derivatives of `program`.
    ///
    /// Never traps: inconsistent input is refused with solver status `setupFailure`, crossed
    /// bounds give model status `infeasible`, and every Ipopt return code is mapped through
    /// `IpoptStatusTable`.
    public func solve(_ model: ScalarModel, program: NonlinearProgram,
                      options: SolveOptions) -> SolveResult {
        if let problem = IpoptSolver.structuralProblem(model, program) {
            return failure(.errorNoSolution, .setupFailure, "model not passed to Ipopt: \(problem)")
        }
        if model.hasIntegers && !options.relaxIntegrality {
            return failure(.errorNoSolution, .capabilityProblems,
                           "Ipopt solves continuous models only; the model has integer columns")
        }
        if let conflict = model.boundConflict() {
            return failure(.infeasible, .normalCompletion, "infeasible bounds: \(conflict)")
        }
        if model.columnCount == 0 {
            if options.loadOnly {
                return failure(.noSolutionReturned, .solveProcessingSkipped,
                               "model without columns; solve skipped (loadOnly)")
            }
            return solveWithoutColumns(model, program: program)
        }
        return IpoptLock.shared.withLock {
            let clock = ContinuousClock()
            let start = clock.now
            var result = solveLocked(model, program: program, options: options)
            let elapsed = clock.now - start
            result.solverSeconds = Double(elapsed.components.seconds)
                + Double(elapsed.components.attoseconds) * 1e-18
            return result
        }
    }

    // MARK: - Solve

    private func solveLocked(_ model: ScalarModel, program: NonlinearProgram,
                             options: SolveOptions) -> SolveResult {
        let n = model.columnCount
        let m = model.rowCount
        let session = IpoptSession(program: program, sense: model.sense, timeLimit: options.resLim)
        session.progress = options.progress
        session.memory = MemoryWatch(options.memoryLimit)
        var columnLower = model.columnLower, columnUpper = model.columnUpper
        var rowLower = IpoptSolver.padded(model.rowLower), rowUpper = IpoptSolver.padded(model.rowUpper)
        let created = CreateIpoptProblem(Int32(n), &columnLower, &columnUpper, Int32(m),
                                         &rowLower, &rowUpper, Int32(session.jacobianCount),
                                         Int32(session.hessianCount), 0, ipoptEvalF, ipoptEvalG,
                                         ipoptEvalGradF, ipoptEvalJacG, ipoptEvalH)
        guard let problem = created else {
            return failure(.errorNoSolution, .setupFailure, "Ipopt refused the problem definition")
        }
        defer { FreeIpoptProblem(problem) }
        IpoptOptions.setFixed(problem, options: options)
        let warmStart = IpoptSolver.usableStart(options, rows: m, columns: n)
        if warmStart != nil { IpoptOptions.setWarmStart(problem) }
        let warnings = IpoptOptions.setPassThrough(problem, options.solverOptions)
        let log = IpoptSolver.logFile(problem, options)
        defer { if let log { log.sink.take(fileAt: log.path) } }
        if options.loadOnly {
            var result = failure(.noSolutionReturned, .solveProcessingSkipped,
                                 "model loaded into Ipopt; solve skipped (loadOnly)")
            result.warnings = warnings
            return result
        }
        SetIntermediateCallback(problem, ipoptIntermediate)

        var x = IpoptSolver.startingPoint(model)
        var g = [Double](repeating: .nan, count: max(m, 1))
        var objective = Double.nan
        var lambda = [Double](repeating: 0, count: max(m, 1))
        var zLower = [Double](repeating: 0, count: n)
        var zUpper = [Double](repeating: 0, count: n)
        if let warmStart {
            lambda.replaceSubrange(0..<m, with: warmStart.rows)
            zLower = warmStart.lower
            zUpper = warmStart.upper
        }
        let status = withExtendedLifetime(session) {
            IpoptSolve(problem, &x, &g, &objective, &lambda, &zLower, &zUpper,
                       Unmanaged.passUnretained(session).toOpaque())
        }

        // Levels come from a fresh evaluation at the final point: Ipopt leaves its output
        // arrays untouched, or fills them with placeholders, when it stops without an iterate.
        // A point where the program cannot evaluate is no solution.
        let final = evaluate(session, at: x)
        let rowLevel = final.rows
        let value = final.objective
        var point = IpoptStatusTable.classify(model, columnLevel: x, rowLevel: rowLevel)
        if value == nil { point = .unavailable }

        let outcome = IpoptStatusTable.outcome(code: status.rawValue, point: point,
                                               stoppedByDeadline: session.stoppedByDeadline,
                                               stoppedByMemory: session.stoppedByMemory)
        var result = SolveResult(modelStatus: outcome.model, solverStatus: outcome.solver)
        if session.stoppedByMemory { result.memoryStop = session.memory?.stop("Ipopt") }
        result.message = outcome.message
        result.warnings = warnings
        result.iterations = session.iterations
        result.evaluationSeconds = session.evaluationSeconds
        if outcome.hasPoint, point == .infeasible, let rowLevel,
           let worst = model.worstViolation(columnLevel: x, rowLevel: rowLevel) {
            result.message += "; \(worst.what) is violated by \(worst.amount) (relative)"
        }
        guard outcome.hasPoint, let rowLevel, let value else { return result }
        result.objective = value
        result.multipliers = InteriorPointMultipliers(rows: Array(lambda.prefix(m)), lower: zLower, upper: zUpper)
        // a level Ipopt leaves within its tolerance of a bound is at that bound, as GAMS
        // reports it (its marginal is the bound's multiplier, below)
        result.columnLevel = (0..<n).map { j in IpoptSolver.snapped(x[j], model.columnLower[j], model.columnUpper[j]) }
        result.rowLevel = rowLevel
        let sense = session.sense
        // an interior point method leaves multipliers of the order of its barrier parameter on
        // constraints that are not active; complementarity says they are zero
        result.rowMarginal = (0..<m).map { i in
            IpoptSolver.isInside(rowLevel[i], model.rowLower[i], model.rowUpper[i]) ? 0 : IpoptSolver.clean(-sense * lambda[i])
        }
        result.columnMarginal = (0..<n).map { j in
            IpoptSolver.isInside(x[j], model.columnLower[j], model.columnUpper[j]) ? 0 : IpoptSolver.clean(sense * (zLower[j] - zUpper[j]))
        }
        let fixed = (0..<n).filter { model.columnLower[$0] == model.columnUpper[$0] }
        if !fixed.isEmpty, let reduced = reducedCosts(session, at: x, rowMultipliers: Array(lambda.prefix(m))) {
            // Ipopt takes fixed columns out of its problem and returns no bound multipliers for
            // them; GAMS reports their marginal all the same: the reduced cost, the derivative
            // of the Lagrangian by the column (with every column fixed, Ipopt does not iterate,
            // its row multipliers are zero and this is the objective's gradient)
            for j in fixed { result.columnMarginal[j] = IpoptSolver.clean(reduced[j]) }
        }
        return result
    }

    /// Each column's reduced cost at `x` in GAMS's convention, `∇f + σ·Jᵀλ` (the column
    /// marginal `σ·(z_L − z_U)` by stationarity, see the type's header); nil where the program
    /// cannot evaluate it.
    private func reducedCosts(_ session: IpoptSession, at x: [Double], rowMultipliers lambda: [Double]) -> [Double]? {
        guard var reduced = objectiveGradient(session, at: x) else { return nil }
        let program = session.program
        var jacobian = [Double](repeating: 0, count: program.jacobianRows.count)
        let ok = x.withUnsafeBufferPointer { point in
            jacobian.withUnsafeMutableBufferPointer { values in
                session.timed { program.jacobianValues(point, into: values) }
            }
        }
        guard ok else { return nil }
        for (k, value) in jacobian.enumerated() {
            let row = Int(program.jacobianRows[k]), column = Int(program.jacobianColumns[k])
            reduced[column] += session.sense * lambda[row] * value
        }
        return reduced.allSatisfy(\.isFinite) ? reduced : nil
    }

    /// The multipliers to warm-start from: the given ones when their sizes match the model, all
    /// are finite, and the solver options do not say `warm_start_init_point no`.
    static func usableStart(_ options: SolveOptions, rows m: Int, columns n: Int) -> InteriorPointMultipliers? {
        guard let start = options.startMultipliers, start.rows.count == m,
              start.lower.count == n, start.upper.count == n,
              start.rows.allSatisfy(\.isFinite), start.lower.allSatisfy(\.isFinite),
              start.upper.allSatisfy(\.isFinite) else { return nil }
        let refused = options.solverOptions.contains {
            IpoptOptions.trim($0.name).lowercased() == "warm_start_init_point"
                && IpoptOptions.trim($0.value).lowercased() == "no"
        }
        return refused ? nil : start
    }

    /// ∇f at `x` in the model's sense (nil where the program cannot evaluate it).
    private func objectiveGradient(_ session: IpoptSession, at x: [Double]) -> [Double]? {
        var gradient = [Double](repeating: 0, count: x.count)
        let ok = x.withUnsafeBufferPointer { point in
            gradient.withUnsafeMutableBufferPointer { values in
                session.timed { session.program.objectiveGradient(point, into: values) }
            }
        }
        return ok && gradient.allSatisfy(\.isFinite) ? gradient : nil
    }

    /// Objective and row values at `x` from the program (nil where it cannot evaluate).
    private func evaluate(_ session: IpoptSession,
                          at x: [Double]) -> (objective: Double?, rows: [Double]?) {
        let program = session.program
        var objective = 0.0
        var rows = [Double](repeating: 0, count: session.constraintCount)
        var objectiveOK = false, rowsOK = false
        x.withUnsafeBufferPointer { point in
            objectiveOK = session.timed { program.objective(point, into: &objective) }
            rowsOK = rows.withUnsafeMutableBufferPointer { values in
                session.timed { program.constraints(point, into: values) }
            }
        }
        return (objectiveOK && objective.isFinite ? objective : nil,
                rowsOK && rows.allSatisfy(\.isFinite) ? rows : nil)
    }

    /// A model without columns: its only point is the empty one, so evaluate and classify it.
    private func solveWithoutColumns(_ model: ScalarModel, program: NonlinearProgram) -> SolveResult {
        let session = IpoptSession(program: program, sense: model.sense, timeLimit: .nan)
        let final = evaluate(session, at: [])
        guard let value = final.objective, let rows = final.rows else {
            var result = failure(.errorNoSolution, .evaluationInterrupt,
                                 "model without columns: its objective or rows cannot be evaluated")
            result.evaluationSeconds = session.evaluationSeconds
            return result
        }
        let feasible = IpoptStatusTable.classify(model, columnLevel: [], rowLevel: rows) == .feasible
        var result = SolveResult(modelStatus: feasible ? .optimal : .infeasible,
                                 solverStatus: .normalCompletion)
        result.message = feasible
            ? "model without columns: the objective is a constant"
            : "model without columns: a constant row violates its bounds"
        result.objective = value
        result.rowLevel = rows
        result.rowMarginal = [Double](repeating: 0, count: rows.count)
        result.evaluationSeconds = session.evaluationSeconds
        return result
    }

    private func failure(_ model: ModelStatus, _ solver: SolverStatus,
                         _ message: String) -> SolveResult {
        var result = SolveResult(modelStatus: model, solverStatus: solver)
        result.message = message
        return result
    }

    // MARK: - Input checks

    /// Why `model` and `program` cannot be given to Ipopt, nil when they can.
    static func structuralProblem(_ model: ScalarModel, _ program: NonlinearProgram) -> String? {
        let n = model.columnCount, m = model.rowCount
        if model.columnUpper.count != n {
            return "\(n) column lower bounds but \(model.columnUpper.count) upper bounds"
        }
        if model.rowUpper.count != m {
            return "\(m) row lower bounds but \(model.rowUpper.count) upper bounds"
        }
        if program.variableCount != n {
            return "the model has \(n) columns but the program \(program.variableCount) variables"
        }
        if program.constraintCount != m {
            return "the model has \(m) rows but the program \(program.constraintCount) constraints"
        }
        let limit = Int(Int32.max)
        if n > limit || m > limit {
            return "too many columns or rows for Ipopt (\(n) × \(m))"
        }
        /// A sparsity structure's problem: unequal index lists, too many entries, an index
        /// outside `rowCount` × `columnCount`.
        func structureProblem(_ what: String, _ rows: [Int32], _ columns: [Int32], _ rowCount: Int,
                              _ columnCount: Int) -> String? {
            if rows.count != columns.count || rows.count > limit {
                return "inconsistent \(what) structure (\(rows.count) rows, \(columns.count) columns)"
            }
            for k in 0..<rows.count
                where !(0..<rowCount).contains(Int(rows[k])) || !(0..<columnCount).contains(Int(columns[k])) {
                return "\(what) entry \(k) at (\(rows[k]), \(columns[k])) is out of range"
            }
            return nil
        }
        if let problem = structureProblem("Jacobian", program.jacobianRows, program.jacobianColumns, m, n) {
            return problem
        }
        if let problem = structureProblem("Hessian", program.hessianRows, program.hessianColumns, n, n) {
            return problem
        }
        for j in 0..<n where model.columnLower[j].isNaN || model.columnUpper[j].isNaN {
            return "\(model.columnName(j)) has an undefined bound"
        }
        for i in 0..<m where model.rowLower[i].isNaN || model.rowUpper[i].isNaN {
            return "\(model.rowName(i)) has an undefined bound"
        }
        return nil
    }

    /// The starting point: each column's start (0 when missing or undefined) projected into its
    /// bounds, as GAMS does; an infinite start becomes the finite bound, or 0.
    static func startingPoint(_ model: ScalarModel) -> [Double] {
        (0..<model.columnCount).map { j in
            let lower = model.columnLower[j], upper = model.columnUpper[j]
            var value = j < model.columnStart.count ? model.columnStart[j] : 0
            if value.isNaN { value = 0 }
            value = min(max(value, lower), upper)
            if !value.isFinite {
                value = lower.isFinite ? lower : (upper.isFinite ? upper : 0)
            }
            return value
        }
    }

    /// `values`, or one zero when empty (Ipopt wants a valid pointer even for no rows).
    private static func padded(_ values: [Double]) -> [Double] {
        values.isEmpty ? [0] : values
    }

    /// `value` moved onto a bound it is within 1e-7 (relative) of; else `value` itself.
    static func snapped(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        let tol = { (b: Double) in 1e-7 * (1 + abs(b)) }
        if lower.isFinite && abs(value - lower) <= tol(lower) { return lower }
        if upper.isFinite && abs(value - upper) <= tol(upper) { return upper }
        return value
    }

    /// Whether `value` is clearly away from both bounds (by more than 1e-7 relative).
    static func isInside(_ value: Double, _ lower: Double, _ upper: Double) -> Bool {
        let tol = { (b: Double) in 1e-7 * (1 + abs(b)) }
        return (lower == -.infinity || value > lower + tol(lower)) && (upper == .infinity || value < upper - tol(upper))
    }

    /// A marginal as reported: negative zero becomes zero.
    private static func clean(_ value: Double) -> Double {
        value == 0 ? 0 : value
    }

    /// Ipopt's iteration log goes to a file of its own, appended to the log after the solve
    /// (Ipopt truncates its file): with a solve log, and when the option file's `print_level`
    /// asks for Ipopt's console output, which is standard output, where the run's results are;
    /// that log goes to the run's log or standard error instead, at that level. An option
    /// file's own `output_file` keeps Ipopt's file as it asks.
    static func logFile(_ problem: IpoptProblem, _ options: SolveOptions) -> (sink: SolverLogSink, path: String)? {
        let given = { (name: String) in options.solverOptions.last { IpoptOptions.trim($0.name).lowercased() == name } }
        let printLevel = given("print_level").flatMap { Int32(IpoptOptions.trim($0.value)) }
        if printLevel != nil { IpoptOptions.set(problem, "print_level", integer: 0) }
        guard let sink = SolverLogSink(options.solverLog(asked: (printLevel ?? 0) > 0)), given("output_file") == nil else { return nil }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enm-ipopt-\(UUID().uuidString).log").path
        guard IpoptOptions.set(problem, "output_file", string: path),
              IpoptOptions.set(problem, "file_print_level", integer: printLevel ?? 5) else { return nil }
        return (sink, path)
    }
}
