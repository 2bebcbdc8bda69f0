import Dispatch
import Foundation
import IR

/// Independent blocks of a linear or mixed-integer model: the connected components of its
/// constraint matrix (two columns are connected when a row holds both). Once the objective
/// variable's defining row is substituted out, a model such as the community-sharing LP splits
/// by time step; each block is then solved on its own, the blocks on all cores, and the results
/// are put together into one solution of the whole model, exact: levels, marginals and the
/// objective are those of the blocks, which do not interact.
struct BlockPlan {
    /// Per block: its rows and its columns (global indices, ascending).
    var rows: [[Int]]
    var columns: [[Int]]
    /// Columns that occur in no row; solved together as one more problem.
    var looseColumns: [Int]
    /// The objective of the blocks: the model's, or with the objective variable substituted out.
    var objective: [Double]
    var objectiveConstant: Double
    /// The objective variable's defining row and the variable, when substituted out (neither is
    /// in any block), with the row's coefficient of the variable and its right-hand side.
    var substituted: (row: Int, column: Int, coefficient: Double, rhs: Double)?

    /// Number of independent blocks (each has at least one row).
    var count: Int { rows.count }

    /// The blocks of `model`, or nil when it does not split (one block) or is nonlinear.
    /// `objectiveColumn` is the objective variable's column: when it is free, continuous and
    /// defined by one equality, that row is left out and the variable substituted out of the
    /// objective, as GAMS's solvers do (it would otherwise join every block).
    static func plan(_ model: ScalarModel, objectiveColumn: Int?) -> BlockPlan? {
        guard !model.isNonlinear, model.rowCount > 1 else { return nil }
        var objective = model.objective, constant = model.objectiveConstant
        var substituted: (row: Int, column: Int, coefficient: Double, rhs: Double)? = nil
        if let j = objectiveColumn, let d = ObjectiveSubstitution.definition(in: model, column: j) {
            let c = objective[j]
            objective[j] = 0
            constant += c * d.rhs / d.coefficient
            for k in model.rowStart[d.row]..<model.rowStart[d.row + 1] where model.entryColumn[k] != Int32(j) {
                objective[Int(model.entryColumn[k])] -= c * model.entryValue[k] / d.coefficient
            }
            substituted = (d.row, j, d.coefficient, d.rhs)
        }
        let n = model.columnCount
        var parent = [Int32](repeating: 0, count: n)
        for j in 0..<n { parent[j] = Int32(j) }
        func find(_ x: Int32) -> Int32 {
            var root = x
            while parent[Int(root)] != root { root = parent[Int(root)] }
            var y = x
            while parent[Int(y)] != root {
                let next = parent[Int(y)]
                parent[Int(y)] = root
                y = next
            }
            return root
        }
        for r in 0..<model.rowCount where r != substituted?.row {
            let start = model.rowStart[r], end = model.rowStart[r + 1]
            guard start < end else { continue }
            var root = find(model.entryColumn[start])
            for k in (start + 1)..<end {
                let other = find(model.entryColumn[k])
                guard other != root else { continue }
                // the smaller index stays the root
                if other < root {
                    parent[Int(root)] = other
                    root = other
                } else {
                    parent[Int(other)] = root
                }
            }
        }
        // number the components with rows in the order of their first row
        var blockOfRoot = [Int32](repeating: -1, count: n)
        var rows: [[Int]] = []
        var emptyRows: [Int] = []
        for r in 0..<model.rowCount where r != substituted?.row {
            let start = model.rowStart[r]
            guard start < model.rowStart[r + 1] else { emptyRows.append(r); continue }
            let root = Int(find(model.entryColumn[start]))
            if blockOfRoot[root] < 0 {
                blockOfRoot[root] = Int32(rows.count)
                rows.append([])
            }
            rows[Int(blockOfRoot[root])].append(r)
        }
        guard rows.count > 1 else { return nil }
        // a row without entries (feasible, or generation would have refused it) joins block 0
        if !emptyRows.isEmpty { rows[0] = (rows[0] + emptyRows).sorted() }
        var columns = [[Int]](repeating: [], count: rows.count)
        var loose: [Int] = []
        for j in 0..<n where j != substituted?.column {
            let b = blockOfRoot[Int(find(Int32(j)))]
            if b >= 0 { columns[Int(b)].append(j) } else { loose.append(j) }
        }
        return BlockPlan(rows: rows, columns: columns, looseColumns: loose, objective: objective,
                         objectiveConstant: constant, substituted: substituted)
    }

    /// The part of `model` made of `rows` and `columns`, with the blocks' objective (no constant).
    func subModel(_ model: ScalarModel, rows: [Int], columns: [Int], local: inout [Int32]) -> ScalarModel {
        var out = ScalarModel()
        out.sense = model.sense
        out.objective.reserveCapacity(columns.count)
        for (k, j) in columns.enumerated() {
            local[j] = Int32(k)
            out.objective.append(objective[j])
            out.columnLower.append(model.columnLower[j])
            out.columnUpper.append(model.columnUpper[j])
            out.columnIsInteger.append(model.columnIsInteger[j])
            out.columnStart.append(j < model.columnStart.count ? model.columnStart[j] : 0)
            out.columnOrigin.append(model.columnOrigin[j])
        }
        out.rowLower.reserveCapacity(rows.count)
        out.rowUpper.reserveCapacity(rows.count)
        out.rowStart.reserveCapacity(rows.count + 1)
        for r in rows {
            for k in model.rowStart[r]..<model.rowStart[r + 1] {
                out.entryColumn.append(local[Int(model.entryColumn[k])])
                out.entryValue.append(model.entryValue[k])
            }
            out.rowStart.append(out.entryColumn.count)
            out.rowLower.append(model.rowLower[r])
            out.rowUpper.append(model.rowUpper[r])
            out.rowOrigin.append(model.rowOrigin[r])
        }
        return out
    }

    /// Solves every block with `backend` on up to `threads` threads and assembles the result of
    /// the whole model.
    ///
    /// With `warmStart`, blocks of the same shape (the same sequence of equations and variables,
    /// with the same number of entries per row: a model that splits by time step has one block
    /// shape per kind of step) are solved in runs of up to `chainLength` in model order, each
    /// starting from the previous one's final basis. The runs are fixed by the model alone, not
    /// by the thread count or timing, so the result is the same on every machine.
    func solve(_ model: ScalarModel, backend: Solver, options: SolveOptions, threads: Int,
               warmStart: Bool = true) -> SolveResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let parts: [(rows: [Int], columns: [Int])] = zip(rows, columns).map { ($0, $1) }
            + (looseColumns.isEmpty ? [] : [([], looseColumns)])
        let chains = warmStart ? BlockPlan.chains(model, parts: parts) : parts.indices.map { [$0] }
        // largest first, so the last chain to start is a small one
        func size(_ chain: [Int]) -> Int { chain.reduce(0) { $0 + parts[$1].columns.count + parts[$1].rows.count } }
        let order = chains.indices.sorted { size(chains[$0]) > size(chains[$1]) }
        let results = ResultSlots(count: parts.count, columns: model.columnCount, rows: model.rowCount)
        let next = Counter()
        let workers = max(1, min(threads, chains.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                var local = [Int32](repeating: 0, count: model.columnCount)
                while let k = next.take(below: order.count) {
                    var previous: SimplexBasis? = nil
                    for b in chains[order[k]] {
                        let p = parts[b]
                        let sub = subModel(model, rows: p.rows, columns: p.columns, local: &local)
                        var opts = options
                        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        opts.resLim = max(0, options.resLim - elapsed)
                        opts.startBasis = previous
                        opts.preferDualSimplex = true
                        opts.solverNames = false
                        let result = backend.solve(sub, options: opts)
                        previous = result.basis
                        results.set(b, result, rows: p.rows, columns: p.columns)
                    }
                }
                backend.releaseThreadState()
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return assemble(model, parts: parts, results: results)
    }

    /// The most blocks solved one after the other from each other's bases.
    static let chainLength = 32

    /// The blocks grouped by shape, in model order, cut into runs of at most `chainLength`.
    static func chains(_ model: ScalarModel, parts: [(rows: [Int], columns: [Int])]) -> [[Int]] {
        struct Shape: Hashable {
            var rows: [ObjectIdentifier?]
            var entries: [Int]
            var columns: [ObjectIdentifier?]
        }
        func source(_ origins: Origins, _ k: Int) -> ObjectIdentifier? {
            k < origins.count ? ObjectIdentifier(origins[k].source) : nil
        }
        var groups: [Shape: Int] = [:]
        var members: [[Int]] = []
        for (b, p) in parts.enumerated() {
            let shape = Shape(rows: p.rows.map { source(model.rowOrigin, $0) },
                              entries: p.rows.map { model.rowStart[$0 + 1] - model.rowStart[$0] },
                              columns: p.columns.map { source(model.columnOrigin, $0) })
            if let g = groups[shape] {
                members[g].append(b)
            } else {
                groups[shape] = members.count
                members.append([b])
            }
        }
        return members.flatMap { group in
            stride(from: 0, to: group.count, by: chainLength).map { Array(group[$0..<min($0 + chainLength, group.count)]) }
        }
    }

    /// One result of the whole model from the blocks' results.
    private func assemble(_ model: ScalarModel, parts: [(rows: [Int], columns: [Int])], results slots: ResultSlots) -> SolveResult {
        let results = slots.values
        // the worst block decides the statuses
        func rank(_ s: ModelStatus) -> Int {
            switch s {
            case .optimal, .locallyOptimal: return 0
            case .integerSolution: return 1
            case .feasible: return 2
            case .intermediateNonInteger, .intermediateInfeasible: return 3
            case .unbounded, .unboundedNoSolution: return 4
            case .infeasible, .locallyInfeasible, .integerInfeasible, .infeasibleNoSolution: return 5
            default: return 6
            }
        }
        var worst = 0
        for (k, r) in results.enumerated() where k > 0 {
            let a = (rank(r.modelStatus), r.solverStatus.rawValue), b = (rank(results[worst].modelStatus), results[worst].solverStatus.rawValue)
            if a > b { worst = k }
        }
        var out = SolveResult(modelStatus: results[worst].modelStatus,
                              solverStatus: results.map(\.solverStatus).max { $0.rawValue < $1.rawValue } ?? .normalCompletion)
        if !results[worst].message.isEmpty {
            out.message = results.count > 1 && rank(results[worst].modelStatus) > 1
                ? "block of \(model.rowOrigin[parts[worst].rows.first ?? 0].displayName): \(results[worst].message)"
                : results[worst].message
        }
        out.iterations = results.reduce(0) { $0 + $1.iterations }
        out.nodes = results.reduce(0) { $0 + $1.nodes }
        // every block says the same of an option it does not take: once is enough
        var seen = Set<String>()
        out.warnings = results.flatMap(\.warnings).filter { seen.insert($0).inserted }
        out.notes = SolverNote.merged(results.flatMap(\.notes))
        out.memoryStop = results.lazy.compactMap(\.memoryStop).first
        if let k = results.firstIndex(where: { $0.processEnd != nil }), let end = results[k].processEnd {
            out.processEnd = results.count > 1 ? "block of \(model.rowOrigin[parts[k].rows.first ?? 0].displayName): \(end)" : end
        }
        if slots.solved.allSatisfy({ $0 }) {
            // the blocks' levels and marginals, already in place
            out.columnLevel = Array(slots.columnLevel)
            out.columnMarginal = Array(slots.columnMarginal)
            out.rowLevel = Array(slots.rowLevel)
            out.rowMarginal = Array(slots.rowMarginal)
            var value = objectiveConstant
            for j in 0..<model.columnCount { value += objective[j] * out.columnLevel[j] }
            out.objective = value
            // the substituted variable is the objective value over its objective coefficient
            // (1, or its scale); its row holds with marginal d objective / d rhs
            if let d = substituted {
                out.columnLevel[d.column] = (value - model.objectiveConstant) / model.objective[d.column]
                out.rowLevel[d.row] = d.rhs
                out.rowMarginal[d.row] = model.objective[d.column] / d.coefficient
            }
        }
        // a block without a bound of its own (an LP part) is bounded by its optimum
        let bounds = results.map { $0.bestBound ?? (rank($0.modelStatus) == 0 ? $0.objective : nil) }
        if results.contains(where: { $0.bestBound != nil }), bounds.allSatisfy({ $0 != nil }) {
            out.bestBound = bounds.reduce(objectiveConstant) { $0 + ($1 ?? 0) }
        }
        return out
    }
}

/// The next block to solve, shared by the worker threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// The blocks' results, written by the worker threads: each block's levels and marginals go
/// straight into arrays of the whole model (blocks are disjoint, so those writes need no lock),
/// and the block keeps its statuses and counts only, so the solution is held once.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [SolveResult]
    private var solvedFlags: [Bool]
    let columnLevel: UnsafeMutableBufferPointer<Double>
    let columnMarginal: UnsafeMutableBufferPointer<Double>
    let rowLevel: UnsafeMutableBufferPointer<Double>
    let rowMarginal: UnsafeMutableBufferPointer<Double>

    init(count: Int, columns: Int, rows: Int) {
        slots = Array(repeating: SolveResult(modelStatus: .noSolutionReturned, solverStatus: .systemFailure), count: count)
        solvedFlags = Array(repeating: false, count: count)
        func zeros(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            b.initialize(repeating: 0)
            return b
        }
        columnLevel = zeros(columns)
        columnMarginal = zeros(columns)
        rowLevel = zeros(rows)
        rowMarginal = zeros(rows)
    }

    deinit {
        columnLevel.deallocate()
        columnMarginal.deallocate()
        rowLevel.deallocate()
        rowMarginal.deallocate()
    }

    func set(_ k: Int, _ r: SolveResult, rows: [Int], columns: [Int]) {
        for (i, j) in columns.enumerated() {
            if i < r.columnLevel.count { columnLevel[j] = r.columnLevel[i] }
            if i < r.columnMarginal.count { columnMarginal[j] = r.columnMarginal[i] }
        }
        for (i, row) in rows.enumerated() {
            if i < r.rowLevel.count { rowLevel[row] = r.rowLevel[i] }
            if i < r.rowMarginal.count { rowMarginal[row] = r.rowMarginal[i] }
        }
        var slim = r
        slim.columnLevel = []
        slim.columnMarginal = []
        slim.rowLevel = []
        slim.rowMarginal = []
        slim.basis = nil
        lock.lock()
        slots[k] = slim
        solvedFlags[k] = r.hasSolution
        lock.unlock()
    }

    var values: [SolveResult] { lock.lock(); defer { lock.unlock() }; return slots }
    var solved: [Bool] { lock.lock(); defer { lock.unlock() }; return solvedFlags }
}
