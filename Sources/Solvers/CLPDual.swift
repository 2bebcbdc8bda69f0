import CCoin
import IR

/// The LP's dual, for `dualize 1` in `clp.opt`: CLP solves it and the LP's solution is read
/// back from it (levels from the dual's row prices, marginals from its columns).
///
/// Why: on an LP where a few columns run through every block (the community LP's shares
/// `w(j,i)`, each in 672 `cap` rows), CLP's dual simplex on the dual needs a quarter of the
/// processor time it needs on the LP, and it proved the T=672 optimum that no method reached on
/// the LP itself; the barrier's normal equations of the LP turn each such column's rows into a
/// dense clique, while the dual's keep the blocks apart (benchmarks/README.md, "solvers").
///
/// The LP `min c·x` (a maximization is negated) over `L ≤ A·x ≤ U`, `l ≤ x ≤ u` has the dual
/// `max L·y⁺ + U·y⁻ + l·d⁺ − u·d⁻` over `Aᵀ(y⁺ + y⁻) + d⁺ − d⁻ = c`, `y⁺ ≥ 0 ≥ y⁻`, `d⁺, d⁻ ≥ 0`:
/// a row of the dual per column of the LP, a column per finite bound (an equation's two bounds
/// share one free column). Its column-wise matrix is the LP's row-wise one.
struct CLPDual {
    let matrix: CoinColumnMatrix
    /// The dual's columns that stand for row i's multiplier (one, two for a ranged row, none
    /// for a free row), as `rowColumns[rowColumnStart[i]..<rowColumnStart[i + 1]]`.
    private let rowColumnStart: [Int]
    private let rowColumns: [Int32]
    /// +1 to minimize, −1 to maximize: the LP's objective in the minimizing sense is `sign·c`.
    private let sign: Double

    init(_ model: ScalarModel) {
        let sign: Double = model.sense == .maximize ? -1 : 1
        self.sign = sign
        var starts: [Int32] = [0], rows: [Int32] = [], values: [Double] = []
        var lower: [Double] = [], upper: [Double] = [], cost: [Double] = []
        var columnStart = [0], columns: [Int32] = []
        let infinity = CoinColumnMatrix.infinity
        // what CLP takes as a bound or a coefficient (CoinColumnMatrix): bounds of 1e20 or more
        // are none, coefficients of 1e-20 or less are 0
        func finite(_ bound: Double) -> Bool { CoinColumnMatrix.bound(bound).magnitude < infinity }
        func add(_ low: Double, _ high: Double, _ objective: Double) {
            lower.append(low)
            upper.append(high)
            cost.append(objective)
            starts.append(Int32(rows.count))
        }
        for i in 0..<model.rowCount {
            let low = model.rowLower[i], high = model.rowUpper[i]
            let entries = model.rowStart[i]..<model.rowStart[i + 1]
            // a multiplier column holds the row's entries (row j of the dual is column j of the LP)
            func multiplier(_ from: Double, _ to: Double, _ bound: Double) {
                columns.append(Int32(lower.count))
                for k in entries where CoinColumnMatrix.kept(model.entryValue[k]) {
                    rows.append(model.entryColumn[k])
                    values.append(model.entryValue[k])
                }
                add(from, to, bound)
            }
            if finite(low) && low == high {
                multiplier(-infinity, infinity, low)
            } else {
                if finite(low) { multiplier(0, infinity, low) }
                if finite(high) { multiplier(-infinity, 0, high) }
            }
            columnStart.append(columns.count)
        }
        for j in 0..<model.columnCount {
            for (bound, direction) in [(model.columnLower[j], 1.0), (model.columnUpper[j], -1.0)] where finite(bound) {
                rows.append(Int32(j))
                values.append(direction)
                add(0, infinity, direction * bound)
            }
        }
        let costs = model.objective.map { sign * $0 }
        matrix = CoinColumnMatrix(columnStart: starts, rowIndex: rows, value: values, columnLower: lower,
                                  columnUpper: upper, objective: cost, rowLower: costs, rowUpper: costs)
        rowColumnStart = columnStart
        rowColumns = columns
    }

    /// The LP's levels, marginals (GAMS's signs) and objective from the dual's optimal
    /// solution: `prices` are the dual's row prices (the LP's levels), `values` its columns.
    func primalSolution(_ model: ScalarModel, prices: UnsafePointer<Double>, values: UnsafePointer<Double>) -> SolveResult {
        var result = SolveResult(modelStatus: .optimal, solverStatus: .normalCompletion)
        let x = (0..<model.columnCount).map { prices[$0] }
        var reduced = model.objective.map { sign * $0 }
        var rowLevel = [Double](repeating: 0, count: model.rowCount)
        var rowMarginal = rowLevel
        for i in 0..<model.rowCount {
            let y = rowColumns[rowColumnStart[i]..<rowColumnStart[i + 1]].reduce(0.0) { $0 + values[Int($1)] }
            rowMarginal[i] = sign * y
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumn[k])
                rowLevel[i] += model.entryValue[k] * x[j]
                reduced[j] -= model.entryValue[k] * y
            }
        }
        result.columnLevel = (0..<model.columnCount).map { CoinColumnMatrix.cleaned(x[$0], model.columnLower[$0], model.columnUpper[$0]) }
        result.rowLevel = (0..<model.rowCount).map { CoinColumnMatrix.cleaned(rowLevel[$0], model.rowLower[$0], model.rowUpper[$0]) }
        // a basic column's reduced cost is zero up to round-off (the dual gives no basis to say which)
        result.columnMarginal = zip(reduced, model.objective).map { d, c in
            abs(d) <= 1e-9 * max(1, abs(c)) ? 0 : sign * d
        }
        result.rowMarginal = rowMarginal
        result.objective = zip(model.objective, result.columnLevel).reduce(model.objectiveConstant) { $0 + $1.0 * $1.1 }
        return result
    }
}

extension CoinColumnMatrix {
    /// Arrays already in COIN's column-wise form (bounds in COIN's spelling).
    init(columnStart: [Int32], rowIndex: [Int32], value: [Double], columnLower: [Double], columnUpper: [Double],
         objective: [Double], rowLower: [Double], rowUpper: [Double]) {
        self.columnStart = columnStart
        self.rowIndex = rowIndex
        self.value = value
        self.columnLower = columnLower
        self.columnUpper = columnUpper
        self.objective = objective
        self.rowLower = rowLower
        self.rowUpper = rowUpper
    }
}

extension CLPSolver {
    /// `dualize 1`: CLP solves the dual (by the file's method) and the LP's solution is read
    /// from it. The dual gives no basis of the LP, so a loop's next solve starts cold. When the
    /// dual does not end optimal, the LP itself is solved with what is left of the limits, so
    /// that an infeasible, unbounded or interrupted LP gets its own statuses and point.
    func runDual(_ model: ScalarModel, options: SolveOptions, settings: CLPOptions, budget: TimeBudget) -> SolveResult {
        let dual = CLPDual(model)
        let problem = CLPProblem(matrix: dual.matrix, maximize: true, constant: 0)
        problem.configure(settings, timeLimit: settings.timeLimit ?? budget.remainingSeconds,
                          iterationLimit: settings.iterationLimit ?? options.iterLim)
        problem.follow(options, settings)
        let memory = MemoryWatch(options.memoryLimit)
        if options.memoryLimit.bytes != nil { problem.watch(memory) }
        problem.solve(settings, warm: false, preferDual: false)
        if let stop = memory.stop("CLP") {
            var result = CLPSolver.failure(.noSolutionReturned, .resourceInterrupt,
                                           "CLP: memory limit (--memory-limit) reached on the dual LP")
            result.memoryStop = stop
            return result
        }
        let status = Clp_status(problem.handle)
        var why = "ended with CLP status \(status)"
        if status == 0, let prices = Clp_getRowPrice(problem.handle), let values = Clp_getColSolution(problem.handle) {
            var result = dual.primalSolution(model, prices: prices, values: values)
            // CLP's barrier may call an unbounded dual (an infeasible LP) optimal: the LP's point must hold
            guard let miss = model.worstViolation(levels: result.columnLevel) else {
                result.iterations = Int(Clp_numberIterations(problem.handle))
                result.message = "optimal (CLP on the dual LP)"
                result.notes += model.coinLoadNotes(solver: "CLP")
                return result
            }
            why = "gave a point that misses the LP by \(miss.amount)"
        }
        var direct = settings
        direct.dualize = false
        var result = run(model, options: options, settings: direct, budget: budget)
        result.message += " (the dual LP \(why); the LP was solved directly)"
        return result
    }
}
