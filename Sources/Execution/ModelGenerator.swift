import Diagnostics
import Foundation
import IR
import Semantics

/// Thrown when generation cannot go on (a nonlinear term, an invalid coefficient).
struct GenerationFailure: Error {}

/// A generated model with what the solve step needs to know about it.
struct GeneratedModel {
    var model: ScalarModel
    /// The column of the objective variable; nil for a complementarity problem.
    var objectiveColumn: Int?
}

/// One generation of a model: instantiates the equations of a `solve` into a `ScalarModel`,
/// creating a column the first time a variable's element appears.
///
/// It owns everything a generation needs and nothing outlives it: the model being built, the
/// accumulator of the current row, the expression pool of its nonlinear terms, the label tables
/// of compiled row code and, per variable, the column of each element (`columnIndexes`). The
/// interpreter lends it the evaluation of data (`eval`, `iterate`, the bound indices) and
/// receives its run-time errors. The tree walk over terms is in GeneratorTerms.swift.
final class ModelGenerator {
    unowned(unsafe) let interpreter: Interpreter
    let solve: SolveR
    var model = ScalarModel()
    let accumulator = RowAccumulator()
    let tables: GenerationTables
    /// The nonlinear terms of all rows, and those of the current row (each already scaled).
    var pool = NLExpressionPool()
    var nonlinearTerms: [Int32] = []
    let nonlinearAllowed: Bool
    /// Per variable, by symbol id: the column of each element in this model (opened at the
    /// variable's first column), and what those columns share in their provenance.
    private var columnIndexes: [ColumnIndex]
    private var columnSources: [ProvenanceSource?]
    /// Rows whose terms all vanished although their data make them infeasible (E4015).
    private var infeasibleRows = 0
    /// How far a row whose terms all vanished may miss 0 (`m.tolInfeas`), read once.
    private let emptyRowTolerance: Double
    /// Faults in the model's arrays ahead of the writes when the application installed such a
    /// helper (MemoryHooks; nil by default).
    private var populator: (any PagePopulating)?
    /// A complementarity problem's row constants (its right-hand sides, also of `=n=` rows),
    /// one per row; nil for other models.
    private var rowConstants: [Double]?

    init(interpreter: Interpreter, solve: SolveR) {
        self.interpreter = interpreter
        self.solve = solve
        tables = GenerationTables(labelCount: interpreter.labels.count)
        nonlinearAllowed = solve.type.isNonlinear || solve.type.hasComplementarity
        rowConstants = solve.type.hasComplementarity ? [] : nil
        emptyRowTolerance = interpreter.emptyRowTolerance(solve.model)
        let symbols = interpreter.program.symbols.count + 1
        columnIndexes = Array(repeating: ColumnIndex(), count: symbols)
        columnSources = Array(repeating: nil, count: symbols)
    }

    /// Generates every row of the model; nil after a located error.
    func run() -> GeneratedModel? {
        reserveRoom()
        let regions = model.memoryRegions()
        populator = ProcessMemory.hooks.arrayPopulator(reservedBytes: regions.reduce(0) { $0 + $1.reserved })
        defer { populator?.finish() }
        populator?.ahead(of: regions)
        let program = interpreter.program
        for eq in program.modelEquations[solve.model.id] ?? [] {
            guard let def = program.definitions[eq.id] else { continue }
            let completed = generateRows(of: eq, def)
            interpreter.context = ""
            if !completed { return nil }
        }
        if infeasibleRows > 0 { return nil }
        guard let objectiveVariable = solve.objective else { return complementarityProblem() }
        guard let objective = column(of: objectiveVariable) else {
            interpreter.runtimeError(.E4014, "objective variable '\(objectiveVariable.name)' does not appear in any equation of model '\(solve.model.name)'",
                                     at: solve.objectiveSpan)
            return nil
        }
        if solve.type.hasComplementarity {
            guard let pairs = explicitPairs() else { return nil }
            model.complementarity = Complementarity(pairedColumn: pairs, constant: rowConstants ?? [])
        }
        guard boundsAreConsistent() else { return nil }
        model.nonlinear = pool
        model.objective[Int(objective)] = 1
        model.sense = solve.maximize ? .maximize : .minimize
        return GeneratedModel(model: model, objectiveColumn: Int(objective))
    }

    /// Reserves room in a new model from bounds on its size: each equation's domain product for
    /// its rows, each variable's for the columns, three entries a row. Reservations are capped,
    /// so a sparse model over large domains only grows as usual past the cap.
    private func reserveRoom() {
        func product(_ sizes: [Int]) -> Int {
            var n = 1
            for k in sizes {
                let (p, overflow) = n.multipliedReportingOverflow(by: Swift.max(k, 1))
                n = overflow ? Int.max : p
            }
            return n
        }
        let program = interpreter.program
        let cap = 1 << 22
        var rows = 0
        for eq in program.modelEquations[solve.model.id] ?? [] {
            guard let def = program.definitions[eq.id] else { continue }
            rows = Swift.min(cap, rows + Swift.min(cap, product(def.domain.items.map { $0.set.setData.count })))
        }
        var columns = 0
        for s in program.symbols where s.kind == .variable {
            columns = Swift.min(cap, columns + Swift.min(cap, product(s.domain.map { ($0?.setData.count) ?? interpreter.labels.count })))
        }
        let dimension = program.symbols.filter { $0.kind == .variable || $0.kind == .equation }.map(\.dimension).max() ?? 0
        model.reserve(rows: rows, columns: columns, entries: 3 * rows, dimension: dimension)
    }

    // MARK: - Columns

    /// Prepares `s`'s column index for this model (once per generation); its column index.
    @discardableResult
    func open(_ s: Symbol) -> ColumnIndex {
        if columnSources[s.id] == nil { openColumns(s) }
        return columnIndexes[s.id]
    }

    /// The row source of `s`'s columns, opening them first if needed.
    private func source(_ s: Symbol) -> ProvenanceSource {
        if let known = columnSources[s.id] { return known }
        return openColumns(s)
    }

    @discardableResult
    private func openColumns(_ s: Symbol) -> ProvenanceSource {
        var positions: [[Int32]] = [], sizes: [Int] = []
        var dense = true
        for d in s.domain {
            guard let set = d?.root, set.dimension == 1 else { dense = false; break }
            positions.append(tables.positions(set))
            sizes.append(set.setData.count)
        }
        columnIndexes[s.id] = dense ? ColumnIndex(positions: positions, sizes: sizes) : ColumnIndex()
        let source = ProvenanceSource(symbol: s.name, line: s.line, file: s.file, column: s.column,
                                      dimension: s.dimension, labels: interpreter.labels, owner: s)
        columnSources[s.id] = source
        return source
    }

    /// The column of element `t` of `s`, created when new; `slot`: the element's entry in the
    /// dense index of `s` for this generation, known to be empty.
    func column(_ s: Symbol, _ t: LabelTuple, slot: UnsafeMutablePointer<UInt32>? = nil) -> Int32 {
        if slot == nil, columnSources[s.id] != nil, let c = columnIndexes[s.id][t] { return c }
        let origin = Provenance(source: source(s), labels: t)
        let r = s.records[t] ?? s.defaultRecord()
        var lo = r.lower, up = r.upper
        let integer = s.variableKind == .binary || s.variableKind == .integer
        if s.variableKind == .binary { lo = Swift.max(lo, 0); up = Swift.min(up, 1) }
        let c = Int32(model.addColumn(lower: lo, upper: up, isInteger: integer, start: r.level, origin: origin))
        if let slot { slot.pointee = UInt32(truncatingIfNeeded: c) &+ 1 } else { columnIndexes[s.id][t] = c }
        return c
    }

    /// The column of a scalar variable in this model; nil when it has none.
    func column(of s: Symbol) -> Int32? {
        columnSources[s.id] == nil ? nil : columnIndexes[s.id][LabelTuple(repeating: 0)]
    }

    // MARK: - Rows

    /// Generates the rows of equation `eq`; false after an error that stops generation.
    private func generateRows(of eq: Symbol, _ def: EquationDefinitionR) -> Bool {
        let rowSource = ProvenanceSource(symbol: eq.name, line: def.span.line, file: def.span.path,
                                         column: def.span.column, dimension: eq.dimension, labels: interpreter.labels, owner: eq)
        let code = !interpreter.settings.compiledRows ? nil
            : RowCode(domain: def.domain, lhs: def.lhs, rhs: def.rhs, interpreter: interpreter, accumulator: accumulator,
                      tables: tables, open: { [unowned self] in open($0) },
                      column: { [unowned self] in column($0, $1, slot: $2) }, tree: { [unowned self] in try linear($0, $1) })
        let equation = Unmanaged.passUnretained(eq)
        var failed = false
        do {
            let rows: (() throws -> Bool) throws -> Void = { body in
                if let code { try code.forEachRow(body) } else { try self.interpreter.iterate(def.domain, ordered: true, body) }
            }
            try rows {
                guard let t = self.interpreter.tuple(def.args) else { return true }
                self.interpreter.evaluating = .element(equation, t)
                do {
                    if let code {
                        try code.run()
                    } else {
                        try self.linear(def.lhs, 1)
                        try self.linear(def.rhs, -1)
                    }
                } catch {
                    self.nonlinearTerms.removeAll()
                    self.accumulator.reset()
                    failed = true
                    return false
                }
                guard self.finishRow(def, origin: Provenance(source: rowSource, labels: t)) else {
                    failed = true
                    return false
                }
                return true
            }
        } catch {
            failed = true
        }
        return !failed
    }

    /// Moves the accumulated row into the model; false after an error that stops generation.
    /// A row whose terms all vanished and whose data make it infeasible is counted and left out.
    private func finishRow(_ def: EquationDefinitionR, origin: Provenance) -> Bool {
        let rhs = -accumulator.constant
        let open = model.entryColumn.count
        if let bad = accumulator.drain(into: &model) {
            let (vs, vt) = ModelElements(origins: model.columnOrigin)[Int(model.entryColumn[open + bad])]
            let row = interpreter.context
            interpreter.context = ""
            let value = model.entryValue[open + bad]
            let why = value.isSubnormal ? " (below the smallest normal number, 2.2E-308, which solvers cannot scale)" : ""
            interpreter.runtimeError(.E4012, "coefficient of \(interpreter.name(vs, vt)) is \(interpreter.messageNumber(value)) in row \(row)\(why)",
                                     at: def.span)
            return false
        }
        if !rhs.isFinite && !rhs.isNaN && def.relation == .eq || rhs.isNaN {
            interpreter.runtimeError(.E4013, "right-hand side \(rhs.isNaN ? "is undefined" : "is infinite") in row \(interpreter.context)", at: def.span)
            return false
        }
        var lo = -Double.infinity, up = Double.infinity
        switch def.relation {
        case .eq: lo = rhs; up = rhs
        case .le: up = rhs
        case .ge: lo = rhs
        case .free: break
        }
        rowConstants?.append(rhs)
        if rowConstants == nil && model.entryColumn.count == open && nonlinearTerms.isEmpty
            && (lo > emptyRowTolerance || up < -emptyRowTolerance) {
            // GAMS refuses a row whose terms all vanished when its data make it infeasible
            model.discardOpenRow()
            let row = interpreter.context
            interpreter.context = ""
            interpreter.runtimeError(.E4015, "equation \(row) is infeasible: all its terms are zero and 0 \(def.relation.rawValue) \(interpreter.messageNumber(rhs)) does not hold",
                                     at: def.span)
            interpreter.context = row
            infeasibleRows += 1
            return true
        }
        let row = model.finishRow(lower: lo, upper: up, origin: origin)
        if row & 1023 == 0, let populator { populator.ahead(of: model.memoryRegions()) }
        if (row + 1) % Interpreter.checkInterval == 0 {
            let name = interpreter.context
            if interpreter.reportsMemoryLimit("generating model \(solve.model.name) (\(MemoryLimit.count(row + 1)) rows so far, at \(name))",
                                              at: def.span) { return false }
            interpreter.context = name
        }
        if !nonlinearTerms.isEmpty {
            let root = nonlinearTerms.count == 1 ? nonlinearTerms[0] : pool.add(.sum, nonlinearTerms)
            model.nonlinearRows.append(NonlinearRow(row: Int32(row), root: root))
            nonlinearTerms.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// A complementarity problem from the generated rows: each row paired with its column
    /// (ComplementarityPairing.swift); nil after a located error.
    private func complementarityProblem() -> GeneratedModel? {
        guard let pairs = pairedColumns(), boundsAreConsistent() else { return nil }
        model.complementarity = Complementarity(pairedColumn: pairs, constant: rowConstants ?? [])
        model.nonlinear = pool
        return GeneratedModel(model: model, objectiveColumn: nil)
    }

    /// Whether every column's lower bound is at most its upper bound (E4016 for each that is not).
    private func boundsAreConsistent() -> Bool {
        var consistent = true
        for k in 0..<model.columnCount where model.columnLower[k] > model.columnUpper[k] {
            let (s, t) = ModelElements(origins: model.columnOrigin)[k]
            consistent = false
            interpreter.runtimeError(.E4016, "variable \(interpreter.name(s, t)) has lower bound \(interpreter.messageNumber(model.columnLower[k])) above its upper bound \(interpreter.messageNumber(model.columnUpper[k]))",
                                     at: solve.modelSpan)
        }
        return consistent
    }
}

/// The symbol and labels of each row (or column) of a generated model, read from the
/// provenances the generator gave them (no second array of the same facts).
struct ModelElements: RandomAccessCollection {
    let origins: Origins

    var startIndex: Int { 0 }
    var endIndex: Int { origins.count }

    subscript(k: Int) -> (Symbol, LabelTuple) {
        let o = origins[k]
        return (o.source.owner ?? ModelElements.unknown, o.labelIds)
    }

    /// Stands in for the owner of a provenance made from strings (never one of a generated model).
    private static let unknown = Symbol(id: -1, name: "?", kind: .parameter, domain: [], text: "", line: 0)
}
