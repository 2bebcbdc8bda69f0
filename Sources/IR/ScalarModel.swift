import Diagnostics
/// What the rows (or columns) of one symbol share: the name, where it is defined or declared,
/// and the label table that spells the labels. One per symbol and generation, so that a row's
/// provenance is a reference and a label tuple instead of strings.
public final class ProvenanceSource: @unchecked Sendable {
    public let symbol: String
    public let line: Int
    public let file: String
    public let column: Int
    let dimension: Int
    /// Spells label ids; only read (label tables only grow, and only between solves).
    let labelTable: LabelTable?
    /// The labels of a provenance made from strings (its source is its own).
    let givenLabels: [String]?
    /// The symbol of a generated model's rows or columns (nil for provenances made from
    /// strings). Symbols outlive the models generated from them.
    public unowned(safe) let owner: Symbol?

    public init(symbol: String, line: Int, file: String, column: Int, dimension: Int, labels: LabelTable?,
                owner: Symbol? = nil) {
        self.symbol = symbol
        self.owner = owner
        self.line = line
        self.file = file
        self.column = column
        self.dimension = dimension
        self.labelTable = labels
        givenLabels = nil
    }

    init(symbol: String, givenLabels: [String], line: Int, file: String, column: Int) {
        self.symbol = symbol
        self.line = line
        self.file = file
        self.column = column
        dimension = givenLabels.count
        labelTable = nil
        self.givenLabels = givenLabels
        owner = nil
    }
}

/// Where a row or column of a generated model came from: its symbol, index tuple and source line.
public struct Provenance: Sendable, Equatable {
    public let source: ProvenanceSource
    /// The label ids (with a source that has a label table).
    let ids: LabelTuple

    /// The equation or variable name.
    public var symbol: String { source.symbol }
    /// The label ids of the index tuple (meaningful with a source that has a label table).
    public var labelIds: LabelTuple { ids }
    /// The labels of the index tuple, in display spelling.
    public var labels: [String] {
        if let given = source.givenLabels { return given }
        guard let table = source.labelTable else { return [] }
        return (0..<source.dimension).map { table.name(ids[$0]) }
    }
    /// The 1-based source line of the declaration or definition, 0 if unknown.
    public var line: Int { source.line }
    /// The source file of the declaration or definition ("" if unknown).
    public var file: String { source.file }
    /// The 1-based column of the name there (0 if unknown).
    public var column: Int { source.column }

    public init(symbol: String, labels: [String], line: Int = 0, file: String = "", column: Int = 0) {
        source = ProvenanceSource(symbol: symbol, givenLabels: labels, line: line, file: file, column: column)
        ids = LabelTuple(repeating: 0)
    }

    /// The element `labels` (ids spelled by the source's label table) of a symbol.
    public init(source: ProvenanceSource, labels: LabelTuple) {
        self.source = source
        ids = labels
    }

    public static func == (a: Provenance, b: Provenance) -> Bool {
        a.symbol == b.symbol && a.labels == b.labels && a.line == b.line && a.file == b.file && a.column == b.column
    }

    /// `file:line:col` (the file's last path component), or `line N` when the file is unknown.
    public var location: String { Provenance.location(file: file, line: line, column: column) }

    /// `file:line:col` with the file's last path component, or `line N` when `file` is "".
    public static func location(file: String, line: Int, column: Int) -> String {
        guard !file.isEmpty else { return "line \(line)" }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return "\(name):\(line):\(column)"
    }

    /// `name(l1,l2)` or `name` for a scalar.
    public var displayName: String {
        labels.isEmpty ? symbol : "\(symbol)(\(labels.joined(separator: ",")))"
    }
}

/// The complementarity pairs of a model (GAMS's `equation.variable` in a model list): the
/// function of row `r`, F_r(x) = body_r(x) - constant[r], is complementary to column
/// `pairedColumn[r]` within that column's bounds: F_r = 0 between them, F_r >= 0 at the lower,
/// F_r <= 0 at the upper. In an MCP every column is paired with exactly one row, or fixed; in
/// an MPEC the rows without a pair (-1) are ordinary constraints of the optimization.
public struct Complementarity: Sendable {
    /// The column paired with each row, -1 for an ordinary row (MPEC).
    public var pairedColumn: [Int32] = []
    /// The constant each row's function subtracts from its body (its right-hand side, kept
    /// also for `=n=` rows, whose bounds are infinite).
    public var constant: [Double] = []

    public init(pairedColumn: [Int32] = [], constant: [Double] = []) {
        self.pairedColumn = pairedColumn
        self.constant = constant
    }
}

/// The optimization sense of a model.
public enum ObjectiveSense: String, Sendable {
    case minimize, maximize
}

/// A scalar (instantiated) optimization model: the one thing solver backends see.
///
/// Rows are linear in normal form: `rowLower[r] <= sum_j a[r,j] x[j] <= rowUpper[r]`
/// (equal bounds for `=e=` rows, infinities for free sides). The matrix is stored row-wise
/// (compressed sparse rows) with no duplicate column in a row.
public struct ScalarModel: Sendable {
    public var sense: ObjectiveSense = .minimize
    /// Objective coefficients, one per column (usually 1 on the objective variable).
    public var objective: [Double] = []
    /// Constant term of the objective.
    public var objectiveConstant: Double = 0

    public var columnLower: [Double] = []
    public var columnUpper: [Double] = []
    public var columnIsInteger: [Bool] = []
    /// The starting level of each column (GAMS `.l`), used as a hint by solvers that take one.
    public var columnStart: [Double] = []
    public var columnOrigin = Origins()

    public var rowLower: [Double] = []
    public var rowUpper: [Double] = []
    public var rowOrigin = Origins()
    /// Start of each row's entries in `entryColumn`/`entryValue`; has `rowCount + 1` elements.
    public var rowStart: [Int] = [0]
    public var entryColumn: [Int32] = []
    public var entryValue: [Double] = []

    /// Nonlinear expressions of the model (empty for LP/MIP).
    public var nonlinear = NLExpressionPool()
    /// The rows with a nonlinear part, in increasing row order; the part is added to the row's
    /// linear entries (a column may occur in both).
    public var nonlinearRows: [NonlinearRow] = []
    /// Root of a nonlinear objective term added to the linear objective, -1 when there is none.
    public var objectiveRoot: Int32 = -1
    /// The pairing of a mixed complementarity problem (`solve m using mcp`); nil for a model
    /// with an objective.
    public var complementarity: Complementarity? = nil

    public init() {}

    /// Whether any row or the objective has a nonlinear part.
    public var isNonlinear: Bool { !nonlinearRows.isEmpty || objectiveRoot >= 0 }

    public var rowCount: Int { rowLower.count }
    public var columnCount: Int { columnLower.count }
    public var nonzeroCount: Int { entryColumn.count }
    /// Whether any column is integer.
    public var hasIntegers: Bool { columnIsInteger.contains(true) }

    /// Reserves room for this many rows, columns and entries. Large reservations cost address
    /// space only until they are filled, so generous bounds are cheap; they spare the copies
    /// (and the page faults of fresh memory) of growing arrays by doubling. `dimension`: the
    /// most labels a row or column has.
    public mutating func reserve(rows: Int, columns: Int, entries: Int, dimension: Int = 3) {
        columnLower.reserveCapacity(columns)
        columnUpper.reserveCapacity(columns)
        columnIsInteger.reserveCapacity(columns)
        columnStart.reserveCapacity(columns)
        columnOrigin.reserveCapacity(columns, dimension: dimension)
        objective.reserveCapacity(columns)
        rowLower.reserveCapacity(rows)
        rowUpper.reserveCapacity(rows)
        rowOrigin.reserveCapacity(rows, dimension: dimension)
        rowStart.reserveCapacity(rows + 1)
        entryColumn.reserveCapacity(entries)
        entryValue.reserveCapacity(entries)
    }

    /// The memory of the model's row, column and matrix arrays: per array, where it starts,
    /// the bytes in use and the bytes reserved (for faulting in reserved memory ahead of use).
    public mutating func memoryRegions() -> [MemoryRegion] {
        var regions = columnOrigin.memoryRegions + rowOrigin.memoryRegions
        func add<T>(_ array: inout [T]) {
            let count = array.count, capacity = array.capacity
            array.withUnsafeMutableBufferPointer { buffer in
                if let base = buffer.baseAddress {
                    regions.append(MemoryRegion(base, used: count * MemoryLayout<T>.stride,
                                                reserved: capacity * MemoryLayout<T>.stride))
                }
            }
        }
        add(&objective); add(&columnLower); add(&columnUpper); add(&columnIsInteger); add(&columnStart)
        add(&rowLower); add(&rowUpper); add(&rowStart); add(&entryColumn); add(&entryValue)
        return regions
    }

    /// Adds a column and returns its index.
    @discardableResult
    public mutating func addColumn(lower: Double, upper: Double, isInteger: Bool = false,
                                   start: Double = 0, origin: Provenance) -> Int {
        columnLower.append(lower)
        columnUpper.append(upper)
        columnIsInteger.append(isInteger)
        columnStart.append(start)
        columnOrigin.append(origin)
        objective.append(0)
        return columnLower.count - 1
    }

    /// Adds entries to the row being built (see `finishRow`); columns must be distinct.
    @inlinable
    public mutating func appendEntries(columns: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Double>) {
        entryColumn.append(contentsOf: columns)
        entryValue.append(contentsOf: values)
    }

    /// Closes the row whose entries were appended since the last row; returns its index.
    @discardableResult
    public mutating func finishRow(lower: Double, upper: Double, origin: Provenance) -> Int {
        rowStart.append(entryColumn.count)
        rowLower.append(lower)
        rowUpper.append(upper)
        rowOrigin.append(origin)
        return rowLower.count - 1
    }

    /// Drops the entries appended since the last row was closed.
    public mutating func discardOpenRow() {
        let start = rowStart.last ?? 0
        entryColumn.removeSubrange(start...)
        entryValue.removeSubrange(start...)
    }

    /// Adds a row with entries whose columns must be distinct; returns its index.
    @discardableResult
    public mutating func addRow(columns: [Int32], values: [Double], lower: Double, upper: Double,
                                origin: Provenance) -> Int {
        entryColumn.append(contentsOf: columns)
        entryValue.append(contentsOf: values)
        rowStart.append(entryColumn.count)
        rowLower.append(lower)
        rowUpper.append(upper)
        rowOrigin.append(origin)
        return rowLower.count - 1
    }
}

/// Options a solve passes to its backend (GAMS option names).
public struct SolveOptions: Sendable {
    /// Relative MIP gap tolerance (`optCr`), GAMS default 1e-4.
    public var optCr: Double = 1e-4
    /// Absolute MIP gap tolerance (`optCa`).
    public var optCa: Double = 0
    /// Time limit in seconds (`resLim`), GAMS default 1000.
    public var resLim: Double = 1000
    /// Iteration limit (`iterLim`).
    public var iterLim: Int = 2_000_000_000
    /// MIP node limit (`nodLim`); 0 for none.
    public var nodeLimit: Int = 0
    /// Solve integer columns as continuous (`rmip`).
    public var relaxIntegrality: Bool = false
    /// Load the model into the solver but do not solve (benchmarks of generation); the result
    /// has model status 14 and solver status 12.
    public var loadOnly: Bool = false
    /// Options passed through to the backend by name, in the order given.
    public var solverOptions: [SolverOptionSetting] = []
    /// A simplex basis to start from (the previous solve's, when a loop re-solves a model of the
    /// same shape); ignored when its sizes do not match the model.
    public var startBasis: SimplexBasis? = nil
    /// Multipliers to start an interior-point solve from (the previous solve's, when a loop
    /// re-solves a model of the same structure); ignored when its sizes do not match the model.
    public var startMultipliers: InteriorPointMultipliers? = nil
    /// Run the dual simplex first (then the primal one if needed). The blocks of a decomposed
    /// model use it: from the previous block's basis, or from the slack basis of a model whose
    /// costs are nonnegative, it needs about half the iterations of the primal simplex on the
    /// community LP. Off for whole models, whose degenerate optima would then be chosen
    /// differently than before.
    public var preferDualSimplex: Bool = false
    /// Give the backend the rows' and columns' names (they only help debugging; the blocks of
    /// a decomposed model are loaded without them).
    public var solverNames: Bool = true
    /// Receives what the backend reports while it works (for a live progress line); called on
    /// the solving thread, so it must return at once.
    public var progress: (@Sendable (SolveProgress) -> Void)? = nil
    /// Where the backend writes its own log (GAMS's `logOption`); nil: nowhere.
    public var solverLog: SolverLog? = nil
    /// Whether this process's standard output is the solve's log (a solver process points it at
    /// the log or the run's standard error, a grid job at its `log.txt`), so that a library that
    /// prints only on standard output (CBC's search) may log; off in the run's own
    /// process, whose standard output holds the results.
    public var outputIsLog = false
    /// The memory the run may hold while the backend works (`--memory-limit`): a backend
    /// estimates what it will allocate before the call and watches resident memory during it.
    public var memoryLimit: MemoryLimit = .none

    public init() {}
}

/// Where a backend writes its own log, as GAMS's `logOption` chooses: standard error (`--log`;
/// standard output holds the run's results) or the end of a file (`--log-file`); in a process
/// whose standard output is the log (`SolveOptions.outputIsLog`), standard output.
public enum SolverLog: Sendable, Equatable {
    case standardError
    case file(String)
    case standardOutput
}

/// Where a backend's run stands: its iteration and, when it knows them, the objective of its
/// current point and that point's infeasibility (an interior point), or the best integer
/// point's objective, the best bound and the nodes (a branch-and-bound search).
public struct SolveProgress: Sendable, Equatable {
    public var iteration: Int
    public var objective: Double?
    public var infeasibility: Double?
    public var bestBound: Double?
    public var nodes: Int?

    public init(iteration: Int, objective: Double? = nil, infeasibility: Double? = nil, bestBound: Double? = nil, nodes: Int? = nil) {
        self.iteration = iteration
        self.objective = objective
        self.infeasibility = infeasibility
        self.bestBound = bestBound
        self.nodes = nodes
    }
}

/// The multipliers of an interior-point solve in the backend's own convention (Ipopt: `λ` of
/// the rows, `z_L`, `z_U` of the column bounds, for the problem as the backend minimizes it),
/// kept to warm-start the next solve of the same structure.
public struct InteriorPointMultipliers: Sendable, Equatable {
    public var rows: [Double]
    public var lower: [Double]
    public var upper: [Double]

    public init(rows: [Double], lower: [Double], upper: [Double]) {
        self.rows = rows
        self.lower = lower
        self.upper = upper
    }
}

/// The status of every row and column in a simplex basis, as the backend's codes (GLPK: basic,
/// at lower bound, at upper bound, free, fixed).
public struct SimplexBasis: Sendable, Equatable {
    public var rows: [Int8]
    public var columns: [Int8]

    public init(rows: [Int8], columns: [Int8]) {
        self.rows = rows
        self.columns = columns
    }
}


/// A block of memory an array occupies: its start, the bytes in use and the bytes reserved.
public struct MemoryRegion: @unchecked Sendable {
    public var base: UnsafeMutableRawPointer
    public var used: Int
    public var reserved: Int

    public init<T>(_ base: UnsafeMutablePointer<T>, used: Int, reserved: Int) {
        self.base = UnsafeMutableRawPointer(base)
        self.used = used
        self.reserved = reserved
    }
}
