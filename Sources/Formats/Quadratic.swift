import IR

/// An entry of the objective's Hessian `Q` in the lower triangle (`row >= column`), the objective
/// being `c·x + ½ xᵀQx` (the convention of MPS `QUADOBJ` and of LP files' `[ ... ] / 2`).
public struct QuadraticEntry: Sendable, Equatable {
    public var row: Int32
    public var column: Int32
    public var value: Double

    public init(row: Int32, column: Int32, value: Double) {
        self.row = row
        self.column = column
        self.value = value
    }
}

/// A model as an MPS or LP file states it: linear rows, a linear objective (in `linear`) and
/// the Hessian of a quadratic objective (empty for an LP or MIP).
public struct ExportModel: Sendable {
    public var linear: ScalarModel
    public var quadratic: [QuadraticEntry] = []
    /// The objective variable taken out of a quadratic model with the row that defined it
    /// (`z =e= quadratic(x)`), by its name in the model; nil when nothing was taken out.
    public var eliminatedVariable: String? = nil
    public var eliminatedRow: String? = nil

    public init(linear: ScalarModel, quadratic: [QuadraticEntry] = []) {
        self.linear = linear
        self.quadratic = quadratic
    }
}

/// A polynomial of degree at most 2 in the model's columns: what a node of a quadratic
/// expression evaluates to.
struct QuadraticPolynomial {
    var constant = 0.0
    var linear: [Int32: Double] = [:]
    /// The coefficient of `x_i·x_j` (`x_i²` when `i == j`), keyed with `i >= j`.
    var quadratic: [Pair: Double] = [:]

    struct Pair: Hashable {
        var i: Int32
        var j: Int32
        init(_ a: Int32, _ b: Int32) { (i, j) = a >= b ? (a, b) : (b, a) }
    }

    var isConstant: Bool { linear.isEmpty && quadratic.isEmpty }

    init(constant: Double = 0) { self.constant = constant }

    static func + (a: Self, b: Self) -> Self {
        var out = a
        out.constant += b.constant
        out.linear.merge(b.linear, uniquingKeysWith: +)
        out.quadratic.merge(b.quadratic, uniquingKeysWith: +)
        return out
    }

    func scaled(_ s: Double) -> Self {
        var out = Self(constant: constant * s)
        out.linear = linear.mapValues { $0 * s }
        out.quadratic = quadratic.mapValues { $0 * s }
        return out
    }

    /// The product, nil when its degree exceeds 2.
    static func * (a: Self, b: Self) -> Self? {
        if a.isConstant { return b.scaled(a.constant) }
        if b.isConstant { return a.scaled(b.constant) }
        guard a.quadratic.isEmpty, b.quadratic.isEmpty else { return nil }
        var out = Self(constant: a.constant * b.constant)
        for (j, v) in a.linear { out.linear[j, default: 0] += v * b.constant }
        for (j, v) in b.linear { out.linear[j, default: 0] += v * a.constant }
        for (i, u) in a.linear {
            for (j, v) in b.linear { out.quadratic[Pair(i, j), default: 0] += u * v }
        }
        return out
    }
}

/// Reads a model's nonlinear part as a quadratic objective.
enum QuadraticReader {
    /// Why a nonlinear model is not a linear-constrained quadratic program.
    struct NotQuadratic: Error { var reason: String }

    /// `model` with its nonlinear part turned into the Hessian of a quadratic objective. The
    /// part may be the objective's own expression, or the row `a·z + linear(x) + quadratic(x) = b`
    /// of an objective variable `z` that is free, continuous and appears nowhere else (GAMS's
    /// `obj.. z =e= ...`): then `z` and that row leave the model and the objective becomes
    /// `c·(b − linear(x) − quadratic(x)) / a`.
    static func read(_ model: ScalarModel) throws -> ExportModel {
        guard model.isNonlinear else { return ExportModel(linear: model) }
        let roots = model.nonlinearRows.map(\.root) + (model.objectiveRoot >= 0 ? [model.objectiveRoot] : [])
        guard roots.allSatisfy({ Int($0) < model.nonlinear.nodes.count }),
              model.nonlinearRows.allSatisfy({ Int($0.row) < model.rowCount }) else {
            throw NotQuadratic(reason: "its expressions are inconsistent")
        }
        var pool = Evaluator(pool: model.nonlinear, columnCount: model.columnCount)
        var objective = QuadraticPolynomial(constant: model.objectiveConstant)
        for j in 0..<model.columnCount where model.objective[j] != 0 {
            objective.linear[Int32(j), default: 0] += model.objective[j]
        }
        if model.objectiveRoot >= 0 { objective = objective + (try pool.value(model.objectiveRoot)) }
        var dropRow: Int? = nil, dropColumn: Int? = nil
        if let nr = model.nonlinearRows.first {
            guard model.nonlinearRows.count == 1 else {
                throw NotQuadratic(reason: "equations \(names(model, model.nonlinearRows.prefix(2))) are nonlinear; only the objective may be quadratic")
            }
            let row = Int(nr.row)
            let (column, a) = try objectiveVariable(of: row, in: model)
            var definition = QuadraticPolynomial(constant: -model.rowLower[row])
            for k in model.rowStart[row]..<model.rowStart[row + 1] where Int(model.entryColumn[k]) != column {
                definition.linear[model.entryColumn[k], default: 0] += model.entryValue[k]
            }
            definition = definition + (try pool.value(nr.root))
            // c·z with z = −definition / a
            let c = model.objective[column]
            objective.linear[Int32(column)] = nil
            objective = objective + definition.scaled(-c / a)
            dropRow = row
            dropColumn = column
        }
        return assemble(model, objective: objective, dropRow: dropRow, dropColumn: dropColumn)
    }

    /// The objective variable defined by `row`, and its coefficient there.
    private static func objectiveVariable(of row: Int, in model: ScalarModel) throws -> (Int, Double) {
        let name = model.rowOrigin[row].displayName
        let costs = (0..<model.columnCount).filter { model.objective[$0] != 0 }
        guard costs.count == 1, model.objectiveRoot < 0 else {
            throw NotQuadratic(reason: "equation \(name) is nonlinear and does not define the objective variable alone")
        }
        let j = costs[0]
        var coefficient = 0.0, occurrences = 0
        for k in 0..<model.entryColumn.count where Int(model.entryColumn[k]) == j {
            occurrences += 1
            coefficient = model.entryValue[k]
        }
        let inRow = model.entryColumn[model.rowStart[row]..<model.rowStart[row + 1]].contains(Int32(j))
        let inExpressions = model.nonlinear.nodes.contains { $0.op == .variable && Int($0.column) == j }
        guard inRow, occurrences == 1, !inExpressions, coefficient != 0,
              model.columnLower[j] == -.infinity, model.columnUpper[j] == .infinity, !model.columnIsInteger[j],
              model.rowLower[row] == model.rowUpper[row], model.rowLower[row].isFinite else {
            throw NotQuadratic(reason: "equation \(name) is nonlinear but is not the definition `z =e= ...` of a free objective variable used nowhere else; only the objective may be quadratic")
        }
        return (j, coefficient)
    }

    /// The linear model without the dropped row and column, with `objective` as its objective.
    private static func assemble(_ model: ScalarModel, objective: QuadraticPolynomial, dropRow: Int?, dropColumn: Int?) -> ExportModel {
        var newIndex = [Int32](repeating: -1, count: model.columnCount)
        var out = ScalarModel()
        out.sense = model.sense
        out.objectiveConstant = objective.constant
        for j in 0..<model.columnCount where j != dropColumn {
            newIndex[j] = Int32(out.addColumn(lower: model.columnLower[j], upper: model.columnUpper[j],
                                              isInteger: model.columnIsInteger[j], start: model.columnStart[j],
                                              origin: model.columnOrigin[j]))
        }
        for (j, v) in objective.linear where newIndex[Int(j)] >= 0 { out.objective[Int(newIndex[Int(j)])] += v }
        for r in 0..<model.rowCount where r != dropRow {
            let range = model.rowStart[r]..<model.rowStart[r + 1]
            out.addRow(columns: model.entryColumn[range].map { newIndex[Int($0)] }, values: Array(model.entryValue[range]),
                       lower: model.rowLower[r], upper: model.rowUpper[r], origin: model.rowOrigin[r])
        }
        var result = ExportModel(linear: out)
        result.quadratic = objective.quadratic.compactMap { pair, v in
            guard v != 0 else { return nil }
            let i = newIndex[Int(pair.i)], j = newIndex[Int(pair.j)]
            // x_i·x_j = ½ (Q_ij + Q_ji) x_i x_j with Q symmetric; x_i² = ½ · 2 x_i²
            return QuadraticEntry(row: max(i, j), column: min(i, j), value: i == j ? 2 * v : v)
        }.sorted { ($0.column, $0.row) < ($1.column, $1.row) }
        if let dropColumn, let dropRow {
            result.eliminatedVariable = model.columnOrigin[dropColumn].displayName
            result.eliminatedRow = model.rowOrigin[dropRow].displayName
        }
        return result
    }

    private static func names(_ model: ScalarModel, _ rows: ArraySlice<NonlinearRow>) -> String {
        rows.map { model.rowOrigin[Int($0.row)].displayName }.joined(separator: " and ")
    }

    /// Evaluates nodes of the expression pool as polynomials, each node once.
    struct Evaluator {
        let pool: NLExpressionPool
        let columnCount: Int
        var memo: [Int32: QuadraticPolynomial] = [:]

        init(pool: NLExpressionPool, columnCount: Int) {
            self.pool = pool
            self.columnCount = columnCount
        }

        mutating func value(_ index: Int32) throws -> QuadraticPolynomial {
            if let known = memo[index] { return known }
            let node = pool.nodes[Int(index)]
            let args = try pool.arguments(of: index).map { try value($0) }
            let result: QuadraticPolynomial
            func product(_ a: QuadraticPolynomial, _ b: QuadraticPolynomial) throws -> QuadraticPolynomial {
                guard let p = a * b else { throw NotQuadratic(reason: "a product of variables has a degree above 2") }
                return p
            }
            switch node.op {
            case .constant: result = QuadraticPolynomial(constant: node.value)
            case .variable:
                guard node.column >= 0, Int(node.column) < columnCount else { throw NotQuadratic(reason: "its expressions are inconsistent") }
                var p = QuadraticPolynomial()
                p.linear[node.column] = 1
                result = p
            case .sum: result = args.reduce(QuadraticPolynomial(), +)
            case .product: result = try args.dropFirst().reduce(args[0], product)
            case .subtract: result = args[0] + args[1].scaled(-1)
            case .negate: result = args[0].scaled(-1)
            case .divide:
                guard args[1].isConstant, args[1].constant != 0 else { throw NotQuadratic(reason: "a division by a variable is not quadratic") }
                result = args[0].scaled(1 / args[1].constant)
            case .sqr: result = try product(args[0], args[0])
            case .powerConstant where node.value == 2: result = try product(args[0], args[0])
            case .powerConstant where node.value == 1: result = args[0]
            case .powerConstant where node.value == 0: result = QuadraticPolynomial(constant: 1)
            default:
                // (constant subexpressions arrive folded from generation)
                throw NotQuadratic(reason: "'\(node.op)' is not a quadratic operation")
            }
            memo[index] = result
            return result
        }
    }
}
