import Foundation
import IR

/// One member of the set of constraints that explains an infeasible model.
public struct ConflictMember: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case row
        case lowerBound = "lower bound"
        case upperBound = "upper bound"
    }
    public var kind: Kind
    /// The equation or variable name and the labels of its index tuple.
    public var symbol: String
    public var labels: [String]
    /// Line of the equation's definition or the variable's declaration (0 when unknown).
    public var line: Int
    /// File and column of that definition or declaration ("" and 0 when unknown).
    public var file: String = ""
    public var column: Int = 0
    /// The constraint in words: `supply(seattle) =l= 350`, `x(a).lo = 0`, or, from an
    /// elastic re-solve, how much the row is violated.
    public var detail: String

    /// `name(l1,l2)` or `name`.
    public var displayName: String { labels.isEmpty ? symbol : "\(symbol)(\(labels.joined(separator: ",")))" }
}

/// Why a model is infeasible: an irreducible infeasible subset of its rows and bounds (LP and
/// MIP, found by a deletion filter), or the rows an elastic re-solve had to violate (NLP).
public struct Conflict: Sendable, Equatable {
    public enum Method: String, Sendable {
        case deletionFilter = "deletion filter"
        case elastic
    }
    public var method: Method
    public var members: [ConflictMember]
    /// False when the search stopped on its time limit: the members are then infeasible
    /// together but possibly not irreducible (deletion filter) or not all found.
    public var complete: Bool
}

/// A row or a single bound of a column that the filter may relax.
private enum Candidate {
    case row(Int)
    case lower(Int)
    case upper(Int)
}

extension Interpreter {
    /// Seconds the search for a conflict may take before it reports what it has.
    static let conflictTimeLimit = 20.0

    /// A deletion filter over rows and column bounds: relaxes candidates (in halving blocks)
    /// and keeps them relaxed whenever the model stays infeasible, so what remains is an
    /// irreducible infeasible subset. Each test is a solve through `backend` with a zero
    /// objective; integrality is kept for MIP.
    func deletionFilter(_ model: ScalarModel, backend: Solver, options: SolveOptions) -> Conflict? {
        var work = model
        for j in 0..<work.columnCount { work.objective[j] = 0 }
        work.objectiveConstant = 0
        var opts = options
        opts.optCr = 1   // any integer point settles feasibility
        let deadline = Date().addingTimeInterval(Interpreter.conflictTimeLimit)
        var complete = true
        var resolves = 0, candidateCount = 0

        func infeasible() -> Bool? {
            if Date() > deadline { complete = false; return nil }
            resolves += 1
            onSolvePhase?(.conflictSearch(resolves: resolves, candidates: candidateCount))
            opts.resLim = max(1, deadline.timeIntervalSinceNow)
            let r = backend.solve(work, options: opts)
            if r.modelStatus.isInfeasible { return true }
            if r.solverStatus != .normalCompletion && !r.hasSolution {
                // a re-solve that failed keeps its block whole: the subset may not be irreducible
                complete = false
                return nil
            }
            return false
        }
        guard infeasible() == true else { return nil }

        var candidates: [Candidate] = []
        for i in 0..<work.rowCount where work.rowLower[i].isFinite || work.rowUpper[i].isFinite {
            candidates.append(.row(i))
        }
        for j in 0..<work.columnCount {
            if work.columnLower[j].isFinite { candidates.append(.lower(j)) }
            if work.columnUpper[j].isFinite { candidates.append(.upper(j)) }
        }
        candidateCount = candidates.count
        var kept: [Candidate] = []

        func relax(_ c: Candidate) -> (Double, Double) {
            switch c {
            case .row(let i):
                defer { work.rowLower[i] = -.infinity; work.rowUpper[i] = .infinity }
                return (work.rowLower[i], work.rowUpper[i])
            case .lower(let j):
                defer { work.columnLower[j] = -.infinity }
                return (work.columnLower[j], 0)
            case .upper(let j):
                defer { work.columnUpper[j] = .infinity }
                return (work.columnUpper[j], 0)
            }
        }
        func restore(_ c: Candidate, _ saved: (Double, Double)) {
            switch c {
            case .row(let i): work.rowLower[i] = saved.0; work.rowUpper[i] = saved.1
            case .lower(let j): work.columnLower[j] = saved.0
            case .upper(let j): work.columnUpper[j] = saved.0
            }
        }
        // Relax a whole block; if the model stays infeasible the block goes for good, else it
        // is restored and halved. A block of one that cannot go is a member.
        func filter(_ block: ArraySlice<Candidate>) {
            guard !block.isEmpty else { return }
            let saved = block.map(relax)
            switch infeasible() {
            case true?:
                return
            case nil:
                for (c, s) in zip(block, saved) { restore(c, s) }
                kept.append(contentsOf: block)
                return
            case false?:
                for (c, s) in zip(block, saved) { restore(c, s) }
            }
            if block.count == 1 { kept.append(block[block.startIndex]); return }
            let mid = block.startIndex + block.count / 2
            filter(block[block.startIndex..<mid])
            filter(block[mid..<block.endIndex])
        }
        filter(candidates[...])

        let members = kept.map { conflictMember($0, of: model) }
        return Conflict(method: .deletionFilter, members: members, complete: complete)
    }

    /// A member of a conflict found by the deletion filter, as the report names it.
    private func conflictMember(_ c: Candidate, of model: ScalarModel) -> ConflictMember {
        switch c {
        case .row(let i):
            let o = model.rowOrigin[i]
            return ConflictMember(kind: .row, symbol: o.symbol, labels: o.labels, line: o.line, file: o.file, column: o.column,
                                  detail: "\(o.displayName) \(rowText(model.rowLower[i], model.rowUpper[i]))")
        case .lower(let j):
            let o = model.columnOrigin[j]
            return ConflictMember(kind: .lowerBound, symbol: o.symbol, labels: o.labels, line: o.line, file: o.file, column: o.column,
                                  detail: "\(o.symbol).lo\(o.labels.isEmpty ? "" : "(\(o.labels.joined(separator: ",")))") = \(messageNumber(model.columnLower[j]))")
        case .upper(let j):
            let o = model.columnOrigin[j]
            return ConflictMember(kind: .upperBound, symbol: o.symbol, labels: o.labels, line: o.line, file: o.file, column: o.column,
                                  detail: "\(o.symbol).up\(o.labels.isEmpty ? "" : "(\(o.labels.joined(separator: ",")))") = \(messageNumber(model.columnUpper[j]))")
        }
    }

    /// The relation a row's bounds express: `=e= 5`, `=l= 3`, `=g= 1`, or a range.
    func rowText(_ lower: Double, _ upper: Double) -> String {
        if lower == upper { return "=e= \(messageNumber(lower))" }
        if lower == -.infinity { return "=l= \(messageNumber(upper))" }
        if upper == .infinity { return "=g= \(messageNumber(lower))" }
        return "in [\(messageNumber(lower)), \(messageNumber(upper))]"
    }

    /// An elastic re-solve: every row with a finite side gets a nonnegative slack in each
    /// direction, the objective is the sum of the slacks, and the rows that keep a slack are
    /// the ones that carry the violation (largest first). The row that only defines a free
    /// objective variable is left out with that variable: it can always be met, and without the
    /// original objective its terms (a square of unbounded routing totals, say) have nothing to
    /// keep them finite, so the interior-point solver runs off along them instead of converging.
    func elasticConflict(_ model: ScalarModel, backend: Solver, options: SolveOptions) -> Conflict? {
        let (definitionRows, objectiveColumns) = objectiveDefinitions(model)
        var elastic = ScalarModel()
        elastic.sense = .minimize
        elastic.columnLower = model.columnLower
        elastic.columnUpper = model.columnUpper
        for j in objectiveColumns {
            let start = model.columnStart[j].isFinite ? model.columnStart[j] : 0
            elastic.columnLower[j] = start
            elastic.columnUpper[j] = start
        }
        elastic.columnIsInteger = model.columnIsInteger
        elastic.columnStart = model.columnStart
        elastic.columnOrigin = model.columnOrigin
        elastic.objective = [Double](repeating: 0, count: model.columnCount)
        elastic.nonlinear = model.nonlinear
        var slackOf: [(row: Int, plus: Int, minus: Int)] = []
        var extra: [Int: (Int, Int)] = [:]
        for i in 0..<model.rowCount where (model.rowLower[i].isFinite || model.rowUpper[i].isFinite)
            && !definitionRows.contains(i) {
            let o = model.rowOrigin[i]
            let p = elastic.addColumn(lower: 0, upper: .infinity, origin: Provenance(symbol: "slack+", labels: [o.displayName]))
            let m = elastic.addColumn(lower: 0, upper: .infinity, origin: Provenance(symbol: "slack-", labels: [o.displayName]))
            elastic.objective[p] = 1
            elastic.objective[m] = 1
            extra[i] = (p, m)
            slackOf.append((i, p, m))
        }
        var elasticRow: [Int: Int32] = [:]
        for i in 0..<model.rowCount where !definitionRows.contains(i) {
            elasticRow[i] = Int32(elastic.rowCount)
            let range = model.rowStart[i]..<model.rowStart[i + 1]
            var cols = Array(model.entryColumn[range]), vals = Array(model.entryValue[range])
            if let (p, m) = extra[i] {
                cols.append(Int32(p)); vals.append(1)
                cols.append(Int32(m)); vals.append(-1)
            }
            elastic.addRow(columns: cols, values: vals, lower: model.rowLower[i], upper: model.rowUpper[i],
                           origin: model.rowOrigin[i])
        }
        elastic.nonlinearRows = model.nonlinearRows.compactMap { r in
            elasticRow[Int(r.row)].map { NonlinearRow(row: $0, root: r.root) }
        }
        var opts = options
        opts.resLim = min(options.resLim, Interpreter.conflictTimeLimit)
        opts.solverOptions = []
        onSolvePhase?(.conflictSearch(resolves: 1, candidates: slackOf.count))
        let r = backend.solve(elastic, options: opts)
        guard r.hasSolution else { return nil }
        var violated: [(Int, Double)] = []
        for s in slackOf {
            let v = r.columnLevel[s.plus] - r.columnLevel[s.minus]
            if abs(v) > 1e-6 * (1 + abs(model.rowLower[s.row].isFinite ? model.rowLower[s.row] : model.rowUpper[s.row])) {
                violated.append((s.row, v))
            }
        }
        violated.sort { abs($0.1) > abs($1.1) }
        let members = violated.map { i, v -> ConflictMember in
            let o = model.rowOrigin[i]
            return ConflictMember(kind: .row, symbol: o.symbol, labels: o.labels, line: o.line, file: o.file, column: o.column,
                                  detail: "\(o.displayName) \(rowText(model.rowLower[i], model.rowUpper[i])) misses by \(messageNumber(abs(v)))")
        }
        return Conflict(method: .elastic, members: members,
                        complete: [.optimal, .locallyOptimal, .integerSolution].contains(r.modelStatus))
    }

    /// The rows that do nothing but define the objective: each holds a free column that carries
    /// the objective and occurs in no other row. Returns those rows and their columns.
    func objectiveDefinitions(_ model: ScalarModel) -> (rows: Set<Int>, columns: [Int]) {
        var candidates: [Int: Int] = [:]   // objective column -> rows it occurs in
        for j in 0..<model.columnCount where model.objective[j] != 0
            && model.columnLower[j] == -.infinity && model.columnUpper[j] == .infinity {
            candidates[j] = 0
        }
        // a column inside a nonlinear expression is not only in its rows' linear entries
        for node in model.nonlinear.nodes where node.column >= 0 { candidates[Int(node.column)] = nil }
        guard !candidates.isEmpty else { return ([], []) }
        var rowOf: [Int: Int] = [:]
        for i in 0..<model.rowCount {
            for e in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumn[e])
                guard let n = candidates[j] else { continue }
                candidates[j] = n + 1
                rowOf[j] = i
            }
        }
        let definitions = candidates.filter { $0.value == 1 }.keys.sorted()
        return (Set(definitions.compactMap { rowOf[$0] }), definitions)
    }
}
