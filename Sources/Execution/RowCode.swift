#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IR
import Semantics
import Syntax

/// The terms of the row being generated: one coefficient per column, summed in place, in the
/// order the columns were first touched (the order of the row's entries).
///
/// The columns of the row are found through a small open-addressing table sized to the row,
/// not an array over all columns: a row touches a handful of columns, and a table that fits
/// in the cache spares a memory access per term.
final class RowAccumulator {
    /// Per slot: the column (-1: empty) and its term.
    private var slotColumn: UnsafeMutablePointer<Int32>
    private var slotTerm: UnsafeMutablePointer<Int32>
    private var slots: Int
    /// Per term, in first-touch order: the column, the coefficient and the slot.
    private var termColumn: UnsafeMutablePointer<Int32>
    private var termValue: UnsafeMutablePointer<Double>
    private var termSlot: UnsafeMutablePointer<Int32>
    private var terms = 0, termCapacity: Int
    var constant: Double = 0

    /// The table of a row with few terms (a larger one is given back after its row).
    private static let smallSlots = 256

    init() {
        slots = RowAccumulator.smallSlots
        slotColumn = .allocate(capacity: slots)
        slotColumn.initialize(repeating: -1, count: slots)
        slotTerm = .allocate(capacity: slots)
        termCapacity = slots / 2
        termColumn = .allocate(capacity: termCapacity)
        termValue = .allocate(capacity: termCapacity)
        termSlot = .allocate(capacity: termCapacity)
    }

    deinit {
        slotColumn.deallocate()
        slotTerm.deallocate()
        termColumn.deallocate()
        termValue.deallocate()
        termSlot.deallocate()
    }

    @inline(__always) private func home(_ col: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: col)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & (slots - 1)
    }

    @inline(__always) func add(_ col: Int32, _ v: Double) {
        var s = home(col)
        while true {
            let c = slotColumn[s]
            if c == col {
                termValue[Int(slotTerm[s])] += v
                return
            }
            if c < 0 { break }
            s = (s + 1) & (slots - 1)
        }
        slotColumn[s] = col
        slotTerm[s] = Int32(truncatingIfNeeded: terms)
        termColumn[terms] = col
        termValue[terms] = v
        termSlot[terms] = Int32(truncatingIfNeeded: s)
        terms += 1
        // at most half the slots in use
        if 2 * terms > slots || terms == termCapacity { grow() }
    }

    /// Doubles the table (and the terms' room) and places the terms again.
    private func grow() {
        if terms == termCapacity {
            let size = 2 * termCapacity
            termColumn = moved(termColumn, terms, size)
            termValue = moved(termValue, terms, size)
            termSlot = moved(termSlot, terms, size)
            termCapacity = size
        }
        if 2 * terms > slots { resize(2 * slots) }
    }

    private func moved<T>(_ p: UnsafeMutablePointer<T>, _ count: Int, _ size: Int) -> UnsafeMutablePointer<T> {
        let q = UnsafeMutablePointer<T>.allocate(capacity: size)
        q.moveInitialize(from: p, count: count)
        p.deallocate()
        return q
    }

    /// A table of `size` slots holding the current terms.
    private func resize(_ size: Int) {
        slotColumn.deallocate()
        slotTerm.deallocate()
        slots = size
        slotColumn = .allocate(capacity: size)
        slotColumn.initialize(repeating: -1, count: size)
        slotTerm = .allocate(capacity: size)
        for k in 0..<terms {
            var s = home(termColumn[k])
            while slotColumn[s] >= 0 { s = (s + 1) & (slots - 1) }
            slotColumn[s] = termColumn[k]
            slotTerm[s] = Int32(truncatingIfNeeded: k)
            termSlot[k] = Int32(truncatingIfNeeded: s)
        }
    }

    /// Appends the row's terms to `model`'s open row (dropping exact zeros) and resets; the
    /// position in the row of the first term that is not finite or is subnormal, if any.
    func drain(into model: inout ScalarModel) -> Int? {
        var bad: Int? = nil
        var n = 0
        for k in 0..<terms {
            slotColumn[Int(termSlot[k])] = -1
            let v = termValue[k]
            if v != 0 {
                // GLPK's scaling aborts the process on a subnormal coefficient (issue 23)
                if bad == nil && (!v.isFinite || v.isSubnormal) { bad = n }
                termColumn[n] = termColumn[k]
                termValue[n] = v
                n += 1
            }
        }
        model.appendEntries(columns: UnsafeBufferPointer(start: termColumn, count: n),
                            values: UnsafeBufferPointer(start: termValue, count: n))
        clear()
        return bad
    }

    /// Forgets the row's terms.
    func reset() {
        for k in 0..<terms { slotColumn[Int(termSlot[k])] = -1 }
        clear()
    }

    private func clear() {
        terms = 0
        constant = 0
        if slots > RowAccumulator.smallSlots { resize(RowAccumulator.smallSlots) }
    }
}

/// Tables shared by the row codes of one generation: per one-dimensional set, the position of
/// each label in it; per parameter read with set-indexed arguments, its values laid out densely
/// over the product of those sets. Built on first use; sets and parameters do not change while
/// a model is generated.
final class GenerationTables {
    private let labelCount: Int
    private var arrays: [ObjectIdentifier: [Int32]] = [:]
    private var pointers: [ObjectIdentifier: UnsafeMutablePointer<Int32>] = [:]
    private var values: [[ObjectIdentifier]: UnsafeMutablePointer<Double>?] = [:]
    private var owned: [UnsafeMutableRawPointer] = []

    /// The largest dense value table, in entries, and how much larger than the parameter it
    /// may be (a sparse parameter over large sets keeps its hash lookups).
    static let valueLimit = 1 << 24, valueSlack = 8

    init(labelCount: Int) { self.labelCount = labelCount }

    deinit { for p in owned { p.deallocate() } }

    /// Label id → 0-based position in `set` (a one-dimensional set), -1 when not in it; one
    /// entry per label id up to the label count.
    func positions(_ set: Symbol) -> [Int32] {
        let key = ObjectIdentifier(set)
        if let known = arrays[key] { return known }
        var table = [Int32](repeating: -1, count: labelCount + 1)
        for (k, member) in set.setData.sorted.enumerated() where Int(member[0]) < table.count {
            table[Int(member[0])] = Int32(truncatingIfNeeded: k)
        }
        arrays[key] = table
        return table
    }

    /// `positions(set)` as a lookup for row code (the table lives as long as these tables).
    func lookup(_ set: Symbol, stride: Int) -> RowCode.Lookup {
        let key = ObjectIdentifier(set)
        if let p = pointers[key] { return RowCode.Lookup(table: p, count: labelCount + 1, stride: stride) }
        let table = positions(set)
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: table.count)
        p.initialize(from: table, count: table.count)
        owned.append(UnsafeMutableRawPointer(p))
        pointers[key] = p
        return RowCode.Lookup(table: p, count: table.count, stride: stride)
    }

    /// The strides of a row-major layout over sets of the given sizes, nil when the product
    /// exceeds `limit`.
    static func strides(_ sizes: [Int], limit: Int) -> (strides: [Int], product: Int)? {
        var strides = [Int](repeating: 1, count: sizes.count)
        var step = 1
        for k in (0..<sizes.count).reversed() {
            strides[k] = step
            let (next, overflow) = step.multipliedReportingOverflow(by: Swift.max(sizes[k], 1))
            guard !overflow, next <= limit else { return nil }
            step = next
        }
        return (strides, step)
    }

    /// `p`'s values over the product of `sets` (0 where it has none), nil when that product
    /// is too large for it.
    func values(_ p: Symbol, over sets: [Symbol]) -> UnsafeMutablePointer<Double>? {
        let key = [ObjectIdentifier(p)] + sets.map(ObjectIdentifier.init)
        if let known = values[key] { return known }
        let data = p.values
        let limit = Swift.min(GenerationTables.valueLimit, GenerationTables.valueSlack * data.count + 4096)
        var table: UnsafeMutablePointer<Double>? = nil
        if let (strides, product) = GenerationTables.strides(sets.map { $0.setData.count }, limit: limit) {
            let t = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(product, 1))
            t.initialize(repeating: 0, count: Swift.max(product, 1))
            owned.append(UnsafeMutableRawPointer(t))
            let tables = sets.map(positions)
            let keys = data.keys, entries = data.values
            entries: for e in 0..<keys.count {
                var offset = 0
                for k in 0..<sets.count {
                    let label = Int(keys[e][k])
                    guard label < tables[k].count, tables[k][label] >= 0 else { continue entries }
                    offset += Int(tables[k][label]) * strides[k]
                }
                t[offset] = entries[e]
            }
            table = t
        }
        values[key] = table
        return table
    }
}

/// An equation's two sides compiled for linear generation: flat instructions over plain data,
/// so that a row is a loop over an array instead of a walk over expression nodes, without
/// reference counting per node or per term. It does exactly what the tree walk does, in the
/// same order (the same columns created in the same order, the same coefficients to the bit);
/// what it does not cover (lags and leads of variables, products of variables, nonlinear
/// terms, `ifThen`, powers) it hands to the tree walk as a node.
///
/// Built once per equation and generation: variable references carry the dense column index
/// of their symbol, and sums the members of their sets, as they are for this generation (no
/// set or parameter changes while a model is generated).
final class RowCode {
    /// One instruction; `end` is the index after the block an instruction governs.
    enum Instruction {
        /// `constant += scale · factor`, when the factor is not 0 (a term without variables).
        case constant(factor: Int32)
        /// `coefficient(column) += scale` for a variable reference.
        case variable(Int32)
        /// Runs the block with `scale · factor`, skipped when the factor is 0.
        case scale(factor: Int32, end: Int32)
        /// Runs the block with `scale / factor`; a zero factor is a division by zero (at `node`).
        case divide(factor: Int32, node: Int32, end: Int32)
        /// Runs the block with `-scale`.
        case negate(end: Int32)
        /// Runs the block when the factor is true.
        case condition(factor: Int32, end: Int32)
        /// Runs the block for each element of a domain (`sums[sum]`).
        case sum(Int32, end: Int32)
        /// Generates a node with the tree walk.
        case tree(node: Int32)
    }

    /// Index arguments as plain numbers: a slot (≥ 0) or a fixed label l (stored as -1 - l).
    struct Arguments {
        var count: Int32 = 0
        var codes = SIMD8<Int32>(repeating: 0)

        init() {}

        init?(_ args: [ResolvedIndex]) {
            guard args.count <= 8 else { return nil }
            for (k, a) in args.enumerated() {
                switch a {
                case .label(let l):
                    guard let c = Int32(exactly: Int64(l)) else { return nil }
                    codes[k] = -1 - c
                case .slot(let slot, _, let shift, _, _):
                    guard shift == nil, let c = Int32(exactly: slot) else { return nil }
                    codes[k] = c
                }
            }
            count = Int32(args.count)
        }
    }

    /// A data value: a number, a parameter's value, a set membership, or any other data
    /// expression (evaluated as a node).
    struct Factor {
        enum Kind { case number, parameter, member, node }
        var kind: Kind
        var number: Double = 0
        var symbol: Unmanaged<Symbol>? = nil
        var args = Arguments()
        var node: Int32 = -1
        /// A parameter's values over the product of its arguments' sets (nil: hash lookups),
        /// and the first of the argument's lookups in `lookups`.
        var dense: UnsafeMutablePointer<Double>? = nil
        var firstLookup = 0
    }

    /// A variable reference with the dense column index of its symbol (when it has one).
    struct VariableReference {
        var symbol: Unmanaged<Symbol>
        var args: Arguments
        /// Column + 1 per offset in the product of the domain sets (nil: hashed index).
        var dense: UnsafeMutablePointer<UInt32>?
        /// The first of this reference's `dimension` entries in `lookups`.
        var firstLookup: Int
    }

    /// Per index position of a dense column index: label id → position in the domain set.
    struct Lookup {
        var table: UnsafeMutablePointer<Int32>
        var count: Int
        var stride: Int
    }

    /// A sum's domain as loops over copied members, the way `iterate` walks it unordered:
    /// nested loops over the items outside a sparse plan, then (with a plan) the members of
    /// the plan's driver set that match the bound key, then the filters.
    struct Sum {
        /// The domain, iterated by the interpreter when the sum could not be compiled.
        var domain: Int32
        var compiled = false
        /// `loops[firstLoop ..< firstLoop + loopCount]`, outermost first.
        var firstLoop = 0, loopCount = 0
        /// The driver walk of a sparse plan (`walks[walk]`), -1: none.
        var walk = -1
        /// Factor indices in `filters[firstFilter ..< firstFilter + filterCount]`: all true
        /// for an element to count (membership checks and the residual condition of a plan,
        /// or the whole condition without a plan).
        var firstFilter = 0, filterCount = 0
    }

    /// A loop binding `width` slots to each of `count` tuples (labels stored flat).
    struct Loop {
        var slots = SIMD8<Int32>(repeating: 0)
        var width: Int
        var count: Int
        var labels: UnsafeMutablePointer<Label>
    }

    /// The members of a plan's driver set: the bound positions of each member, grouped by
    /// the label at the key position (`starts[l] ..< starts[l + 1]`), or all in one group.
    struct Walk {
        /// The slot whose label is the key, -1: no key (one group).
        var keySlot: Int32
        var starts: UnsafeMutablePointer<Int32>
        /// Number of keys covered by `starts` (labels 0 ..< keys).
        var keys: Int
        var slots = SIMD8<Int32>(repeating: 0)
        var width: Int
        var count: Int
        var labels: UnsafeMutablePointer<Label>
    }

    private let code: UnsafeMutableBufferPointer<Instruction>
    private let factors: UnsafeMutableBufferPointer<Factor>
    private let variables: UnsafeMutableBufferPointer<VariableReference>
    private let lookups: UnsafeMutableBufferPointer<Lookup>
    private let sums: UnsafeMutableBufferPointer<Sum>
    private let loops: UnsafeMutableBufferPointer<Loop>
    private let walks: UnsafeMutableBufferPointer<Walk>
    private let filters: UnsafeMutableBufferPointer<Int32>
    /// Memory the tables above point into, released with the code.
    private let owned: [UnsafeMutableRawPointer]
    private let nodes: [Node]
    private let domains: [ResolvedDomain]
    /// The equation's domain, in `sums`.
    private let rowDomain: Int
    /// Keep the dense arrays and shared tables the code points into alive.
    private let storages: [DenseColumns]
    private let tables: GenerationTables

    private unowned(unsafe) let interpreter: Interpreter
    /// The accumulator, reached without reference counting in the loops (it outlives the code).
    private let acc: Unmanaged<RowAccumulator>
    private let env: Bindings
    private let slowColumn: (Symbol, LabelTuple, UnsafeMutablePointer<UInt32>?) -> Int32
    private let treeWalk: (Node, Double) throws -> Void

    /// Compiles `lhs - rhs` over the equation's `domain`. `open` prepares a variable's column
    /// index for this generation and returns it (before any reference reads it); `column` finds or creates a column the slow way (given
    /// the element's empty entry in the symbol's dense index when there is one);
    /// `tree` generates a node with the tree walk. The accumulator must outlive the code.
    init(domain: ResolvedDomain, lhs: Node, rhs: Node, interpreter: Interpreter, accumulator: RowAccumulator,
         tables: GenerationTables, open: @escaping (Symbol) -> ColumnIndex,
         column: @escaping (Symbol, LabelTuple, UnsafeMutablePointer<UInt32>?) -> Int32,
         tree: @escaping (Node, Double) throws -> Void) {
        self.interpreter = interpreter
        self.tables = tables
        acc = Unmanaged.passUnretained(accumulator)
        env = interpreter.env
        slowColumn = column
        treeWalk = tree
        let b = Compiler(interpreter: interpreter, tables: tables, open: open)
        b.compile(lhs)
        let start = b.code.count
        b.code.append(.negate(end: 0))
        b.compile(rhs)
        b.code[start] = .negate(end: Int32(b.code.count))
        rowDomain = Int(b.sum(domain, ordered: true))
        func frozen<T>(_ list: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(list.count, 1))
            _ = buffer.initialize(from: list)
            return buffer
        }
        code = frozen(b.code)
        factors = frozen(b.factors)
        variables = frozen(b.variables)
        lookups = frozen(b.lookups)
        sums = frozen(b.sums)
        loops = frozen(b.loops)
        walks = frozen(b.walks)
        filters = frozen(b.filters)
        owned = b.owned
        nodes = b.nodes
        domains = b.domains
        storages = b.storages
    }

    deinit {
        // the tables hold plain values: nothing to deinitialise
        code.deallocate()
        factors.deallocate()
        variables.deallocate()
        lookups.deallocate()
        sums.deallocate()
        loops.deallocate()
        walks.deallocate()
        filters.deallocate()
        for p in owned { p.deallocate() }
    }

    // MARK: - running

    /// Calls `body` for each element of the equation's domain, in order (as `iterate` with
    /// `ordered` does), until it returns false.
    func forEachRow(_ body: () throws -> Bool) throws {
        let s = sums[rowDomain]
        guard s.compiled else {
            try interpreter.iterate(domains[Int(s.domain)], ordered: true, body)
            return
        }
        // called through a stored reference: a body inlined into the loops would retain
        // everything it captures for each row
        try withoutActuallyEscaping(body) { body in
            rowBody = body
            defer { rowBody = nil }
            _ = try rows(s, 0)
        }
    }

    private var rowBody: (() throws -> Bool)? = nil

    /// Runs `rowBody` for the elements from loop `k` inwards; false when it stopped.
    private func rows(_ s: Sum, _ k: Int) throws -> Bool {
        if k < s.loopCount {
            let l = loops[s.firstLoop + k]
            for e in 0..<l.count {
                bind(l.slots, l.labels + e * l.width, l.width)
                if try !rows(s, k + 1) { return false }
            }
            return true
        }
        guard passes(s), let body = rowBody else { return true }
        return try body()
    }

    /// Adds the terms of `lhs - rhs` under the current bindings to the accumulator.
    func run() throws {
        try run(0, code.count, 1)
    }

    private func run(_ start: Int, _ end: Int, _ scale: Double) throws {
        let code = self.code.baseAddress!
        var pc = start
        while pc < end {
            switch code[pc] {
            case .constant(let f):
                let v = value(f)
                if v != 0 { acc._withUnsafeGuaranteedRef { $0.constant += scale * v } }
                pc += 1
            case .variable(let r):
                let c = column(r)
                acc._withUnsafeGuaranteedRef { $0.add(c, scale) }
                pc += 1
            case .scale(let f, let e):
                let v = value(f)
                if v != 0 { try run(pc + 1, Int(e), scale * v) }
                pc = Int(e)
            case .divide(let f, let n, let e):
                let v = value(f)
                if v == 0 {
                    interpreter.runtimeError(.E4001, "division by zero", at: nodes[Int(n)].span)
                    throw GenerationFailure()
                }
                try run(pc + 1, Int(e), scale / v)
                pc = Int(e)
            case .negate(let e):
                try run(pc + 1, Int(e), -scale)
                pc = Int(e)
            case .condition(let f, let e):
                if RowCode.truth(value(f)) { try run(pc + 1, Int(e), scale) }
                pc = Int(e)
            case .sum(let s, let e):
                let sum = sums[Int(s)]
                if sum.compiled {
                    try loop(sum, 0, pc + 1, Int(e), scale)
                } else {
                    let first = pc + 1, last = Int(e)
                    var inner: Error? = nil
                    try interpreter.iterate(domains[Int(sum.domain)], ordered: false) {
                        do { try run(first, last, scale) } catch { inner = error; return false }
                        return true
                    }
                    if let e = inner { throw e }
                }
                pc = Int(e)
            case .tree(let n):
                try treeWalk(nodes[Int(n)], scale)
                pc += 1
            }
        }
    }

    /// Runs a sum's body for the elements of its domain, from loop `k` inwards.
    private func loop(_ s: Sum, _ k: Int, _ first: Int, _ last: Int, _ scale: Double) throws {
        if k < s.loopCount {
            let l = loops[s.firstLoop + k]
            for e in 0..<l.count {
                bind(l.slots, l.labels + e * l.width, l.width)
                try loop(s, k + 1, first, last, scale)
            }
            return
        }
        guard s.walk >= 0 else {
            if passes(s) { try run(first, last, scale) }
            return
        }
        let w = walks[s.walk]
        var from = 0, to = w.count
        if w.keySlot >= 0 {
            let key = Int(env[Int(w.keySlot)])
            guard key < w.keys else { return }
            from = Int(w.starts[key])
            to = Int(w.starts[key + 1])
        }
        for e in from..<to {
            bind(w.slots, w.labels + e * w.width, w.width)
            if passes(s) { try run(first, last, scale) }
        }
    }

    /// Binds `slots[0 ..< width]` to the labels at `labels` (one element of a loop or walk).
    @inline(__always) private func bind(_ slots: SIMD8<Int32>, _ labels: UnsafeMutablePointer<Label>, _ width: Int) {
        for k in 0..<width { env[Int(slots[k])] = labels[k] }
    }

    /// Whether a sum's filters all hold for the current bindings.
    @inline(__always) private func passes(_ s: Sum) -> Bool {
        for f in s.firstFilter..<(s.firstFilter + s.filterCount) where !RowCode.truth(value(filters[f])) {
            return false
        }
        return true
    }

    /// A data value as a condition (as `Interpreter.truth`).
    @inline(__always) private static func truth(_ v: Double) -> Bool { v != 0 && !v.isNaN }

    /// The tuple of `a` under the current bindings.
    @inline(__always) private func tuple(_ a: Arguments) -> LabelTuple {
        var t = LabelTuple(repeating: 0)
        for k in 0..<Int(a.count) {
            let c = a.codes[k]
            t[k] = c >= 0 ? env[Int(c)] : Label(truncatingIfNeeded: -1 - c)
        }
        return t
    }

    /// The offset of `a`'s labels under the current bindings in a dense layout (the lookups
    /// from `first` on), nil when a label is outside its set.
    @inline(__always) private func offset(_ a: Arguments, _ first: Int) -> Int? {
        var o = 0
        for k in 0..<Int(a.count) {
            let c = a.codes[k]
            let label = c >= 0 ? Int(env[Int(c)]) : Int(-1 - c)
            let lookup = lookups[first + k]
            guard label < lookup.count else { return nil }
            let p = lookup.table[label]
            guard p >= 0 else { return nil }
            o += Int(p) * lookup.stride
        }
        return o
    }

    /// A factor's value, as `eval` computes it.
    @inline(__always) private func value(_ k: Int32) -> Double {
        let f = factors[Int(k)]
        switch f.kind {
        case .number:
            return f.number
        case .parameter:
            if let d = f.dense, let o = offset(f.args, f.firstLookup) { return d[o] }
            guard let p = f.symbol else { return 0 }
            let t = tuple(f.args)
            return p._withUnsafeGuaranteedRef { $0.values[t] } ?? 0
        case .member:
            guard let s = f.symbol else { return 0 }
            let t = tuple(f.args)
            return s._withUnsafeGuaranteedRef { $0.setData.contains(t) } ? 1 : 0
        case .node:
            return interpreter.eval(nodes[Int(f.node)])
        }
    }

    /// The column of a variable reference under the current bindings, created when new.
    @inline(__always) private func column(_ r: Int32) -> Int32 {
        let v = variables[Int(r)]
        var slot: UnsafeMutablePointer<UInt32>? = nil
        if let dense = v.dense, let o = offset(v.args, v.firstLookup) {
            let c = dense[o]
            if c != 0 { return Int32(truncatingIfNeeded: c &- 1) }
            slot = dense + o
        }
        let t = tuple(v.args)
        return v.symbol._withUnsafeGuaranteedRef { slowColumn($0, t, slot) }
    }
}

/// Builds the tables of a `RowCode`.
private final class Compiler {
    typealias Instruction = RowCode.Instruction
    typealias Arguments = RowCode.Arguments
    typealias Factor = RowCode.Factor

    var code: [Instruction] = []
    var factors: [Factor] = []
    var variables: [RowCode.VariableReference] = []
    var lookups: [RowCode.Lookup] = []
    var sums: [RowCode.Sum] = []
    var loops: [RowCode.Loop] = []
    var walks: [RowCode.Walk] = []
    var filters: [Int32] = []
    var owned: [UnsafeMutableRawPointer] = []
    var nodes: [Node] = []
    var domains: [ResolvedDomain] = []
    var storages: [DenseColumns] = []
    /// Lookups shared by references to the same symbol.
    var symbolLookups: [ObjectIdentifier: Int] = [:]
    let interpreter: Interpreter
    let tables: GenerationTables
    let open: (Symbol) -> ColumnIndex

    init(interpreter: Interpreter, tables: GenerationTables, open: @escaping (Symbol) -> ColumnIndex) {
        self.interpreter = interpreter
        self.tables = tables
        self.open = open
    }

    func compile(_ n: Node) {
        if !n.hasVariable {
            code.append(.constant(factor: factor(n)))
            return
        }
        switch n.kind {
        case .variable(let s, let args):
            guard let a = Arguments(args) else { code.append(.tree(node: node(n))); return }
            code.append(.variable(reference(s, a)))
        case .negate(let a):
            block(.negate(end: 0)) { compile(a) }
        case .binary(.add, let a, let b):
            compile(a)
            compile(b)
        case .binary(.sub, let a, let b):
            compile(a)
            block(.negate(end: 0)) { compile(b) }
        case .binary(.mul, let a, let b) where !a.hasVariable:
            block(.scale(factor: factor(a), end: 0)) { compile(b) }
        case .binary(.mul, let a, let b) where !b.hasVariable:
            block(.scale(factor: factor(b), end: 0)) { compile(a) }
        case .binary(.div, let a, let b) where !b.hasVariable:
            block(.divide(factor: factor(b), node: node(b), end: 0)) { compile(a) }
        case .chain(let first, let links):
            compileChain(n, first, links)
        case .dollar(let a, let c):
            block(.condition(factor: factor(c), end: 0)) { compile(a) }
        case .reduce(.sum, let d, let body):
            let s = sum(d)
            block(.sum(s, end: 0)) { compile(body) }
        default:
            code.append(.tree(node: node(n)))
        }
    }

    /// How many blocks of a chain's constant factors nest at most (`x*2*2*...`).
    static let chainBlockLimit = 32

    /// A chain (Syntax/Chain.swift) as the tree of binary operations compiles, in loops: `P(j)`
    /// is the first operand with the first `j` links, one constant while it holds no variable.
    func compileChain(_ n: Node, _ first: Node, _ links: [ChainLink<Node>]) {
        let free = ModelGenerator.firstVariableOperand(first, links)
        func prefix(_ j: Int) -> Node { ModelGenerator.prefix(n, first, links, j) }
        if links.allSatisfy({ $0.op == .add || $0.op == .sub }) {
            let start = Swift.max(free - 1, 0)
            if free > 0 { code.append(.constant(factor: factor(prefix(start)))) } else { compile(first) }
            for link in links[start...] {
                if link.op == .add { compile(link.operand) } else { block(.negate(end: 0)) { compile(link.operand) } }
            }
            return
        }
        // from the last link down, opening a block per constant factor the tree would nest
        var opened: [Int] = []
        var j = links.count
        walk: while true {
            if j < free { code.append(.constant(factor: factor(prefix(j)))); break }
            if j == 0 { compile(first); break }
            // running the code recurses per block: past a few, the tree walk goes on in a loop
            if opened.count == Self.chainBlockLimit { code.append(.tree(node: node(prefix(j)))); break }
            let b = links[j - 1].operand
            switch links[j - 1].op {
            case .mul where j - 1 < free:
                block(.scale(factor: factor(prefix(j - 1)), end: 0)) { compile(b) }
                break walk
            case .mul where !b.hasVariable:
                opened.append(open(.scale(factor: factor(b), end: 0)))
            case .div where !b.hasVariable:
                opened.append(open(.divide(factor: factor(b), node: node(b), end: 0)))
            default:
                code.append(.tree(node: node(prefix(j))))
                break walk
            }
            j -= 1
        }
        for at in opened.reversed() { close(at) }
    }

    /// Appends `head` and the block `body` compiles, then sets the block's end in `head`.
    func block(_ head: Instruction, _ body: () -> Void) {
        let at = open(head)
        body()
        close(at)
    }

    /// Appends the head of a block; `close` sets its end.
    func open(_ head: Instruction) -> Int {
        code.append(head)
        return code.count - 1
    }

    /// Ends the block whose head is at `at` after the code so far.
    func close(_ at: Int) {
        let head = code[at]
        let end = Int32(code.count)
        switch head {
        case .scale(let f, _): code[at] = .scale(factor: f, end: end)
        case .divide(let f, let n, _): code[at] = .divide(factor: f, node: n, end: end)
        case .negate: code[at] = .negate(end: end)
        case .condition(let f, _): code[at] = .condition(factor: f, end: end)
        case .sum(let s, _): code[at] = .sum(s, end: end)
        case .constant, .variable, .tree: break
        }
    }

    /// Gives a parameter factor its dense values when all its arguments are plain indices
    /// over one-dimensional sets.
    private func denseValues(_ f: inout Factor, _ p: Symbol, _ args: [ResolvedIndex]) {
        var sets: [Symbol] = []
        for a in args {
            guard case .slot(_, let set, nil, _, _) = a, set.root.dimension == 1 else { return }
            sets.append(set.root)
        }
        guard let values = tables.values(p, over: sets),
              let (strides, _) = GenerationTables.strides(sets.map { $0.setData.count }, limit: .max) else { return }
        f.dense = values
        f.firstLookup = lookups.count
        for (k, set) in sets.enumerated() { lookups.append(tables.lookup(set, stride: strides[k])) }
    }

    func node(_ n: Node) -> Int32 {
        nodes.append(n)
        return Int32(nodes.count - 1)
    }

    func factor(_ n: Node) -> Int32 {
        var f = Factor(kind: .node)
        switch n.kind {
        case .constant(let v):
            f = Factor(kind: .number, number: v)
        case .parameter(let p, let args):
            if let a = Arguments(args) {
                f = Factor(kind: .parameter, symbol: .passUnretained(p), args: a)
                denseValues(&f, p, args)
            }
        case .setMember(let s, let args):
            if let a = Arguments(args) { f = Factor(kind: .member, symbol: .passUnretained(s), args: a) }
        default:
            break
        }
        if f.kind == .node { f.node = node(n) }
        factors.append(f)
        return Int32(factors.count - 1)
    }

    func reference(_ s: Symbol, _ a: Arguments) -> Int32 {
        let index = open(s)
        var ref = RowCode.VariableReference(symbol: .passUnretained(s), args: a, dense: nil, firstLookup: 0)
        // the generator builds a dense column index over the positions of its domain sets in
        // these same tables (`GenerationTables.positions`)
        let sets = s.domain.compactMap { $0?.root }
        if let layout = index.denseLayout, layout.strides.count == Int(a.count), sets.count == Int(a.count) {
            let key = ObjectIdentifier(s)
            if let known = symbolLookups[key] {
                ref.firstLookup = known
            } else {
                ref.firstLookup = lookups.count
                symbolLookups[key] = lookups.count
                storages.append(layout.storage)
                for (k, set) in sets.enumerated() { lookups.append(tables.lookup(set, stride: layout.strides[k])) }
            }
            ref.dense = layout.storage.pointer
        }
        variables.append(ref)
        return Int32(variables.count - 1)
    }

    /// Memory freed with the code.
    func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(count, 1))
        owned.append(UnsafeMutableRawPointer(p))
        return p
    }

    /// The slots of a domain item or plan, as codes (nil when there are more than 8).
    func slotCodes(_ slots: [Int]) -> SIMD8<Int32>? {
        guard slots.count <= 8 else { return nil }
        var codes = SIMD8<Int32>(repeating: 0)
        for (k, s) in slots.enumerated() {
            guard let c = Int32(exactly: s) else { return nil }
            codes[k] = c
        }
        return codes
    }

    /// A loop over `members`, binding position `positions[k]` of each to `slots[k]`.
    func loop(_ members: [LabelTuple], positions: [Int], slots: [Int]) -> RowCode.Loop? {
        guard let codes = slotCodes(slots) else { return nil }
        let width = positions.count
        let labels = allocate(Label.self, members.count * width)
        var p = labels
        for t in members {
            for k in positions { p.pointee = t[k]; p += 1 }
        }
        return RowCode.Loop(slots: codes, width: width, count: members.count, labels: labels)
    }

    /// Compiles a sum's domain; the index of its entry in `sums`.
    func sum(_ d: ResolvedDomain, ordered: Bool = false) -> Int32 {
        domains.append(d)
        var s = RowCode.Sum(domain: Int32(domains.count - 1))
        if let compiled = compiledDomain(d, s, ordered: ordered) { s = compiled }
        sums.append(s)
        return Int32(sums.count - 1)
    }

    /// The members of a plan's driver set grouped by the label at the key position (one group
    /// without a key), in their own order within a group: `starts[l] ..< starts[l + 1]` for key
    /// `l`; nil when the plan does not fit a walk.
    func groupedWalk(_ plan: DomainPlan) -> RowCode.Walk? {
        guard plan.keyPositions.count <= 1, let codes = slotCodes(plan.boundPositions.map(\.slot)) else { return nil }
        let members = plan.driver.setData.sorted
        let bound = plan.boundPositions.map(\.position)
        guard Int32(exactly: members.count) != nil else { return nil }
        var keySlot: Int32 = -1
        var keyPosition: Int? = nil
        if let (position, slot) = plan.keyPositions.first {
            guard let c = Int32(exactly: slot) else { return nil }
            keySlot = c
            keyPosition = position
        }
        func key(_ t: LabelTuple) -> Int { keyPosition.map { Int(t[$0]) } ?? 0 }
        let keys = (members.map(key).max() ?? 0) + 1
        let starts = allocate(Int32.self, keys + 1)
        starts.initialize(repeating: 0, count: keys + 1)
        for t in members { starts[key(t) + 1] += 1 }
        for l in 0..<keys { starts[l + 1] += starts[l] }
        var next = [Int32](UnsafeBufferPointer(start: starts, count: keys))
        let labels = allocate(Label.self, members.count * bound.count)
        for t in members {
            let at = Int(next[key(t)])
            next[key(t)] += 1
            for (k, b) in bound.enumerated() { labels[at * bound.count + k] = t[b] }
        }
        return RowCode.Walk(keySlot: keySlot, starts: starts, keys: keys, slots: codes,
                            width: bound.count, count: members.count, labels: labels)
    }

    /// The loops of `iterate(d, ordered:)` (nil: left to the interpreter).
    func compiledDomain(_ d: ResolvedDomain, _ base: RowCode.Sum, ordered: Bool) -> RowCode.Sum? {
        guard !d.items.isEmpty else { return nil }
        var s = base
        s.compiled = true
        s.firstLoop = loops.count
        s.firstFilter = filters.count
        var newLoops: [RowCode.Loop] = []
        var newFilters: [Int32] = []
        /// Appends a loop over each item of `items`.
        func itemLoops(_ items: some Sequence<ResolvedDomain.Item>) -> Bool {
            for item in items {
                guard let l = loop(item.set.setData.sorted, positions: Array(item.slots.indices), slots: item.slots)
                else { return false }
                newLoops.append(l)
            }
            return true
        }
        /// Appends the membership checks and the residual condition of a plan.
        func planFilters(_ plan: DomainPlan) -> Bool {
            for ci in plan.memberChecks {
                let item = d.items[ci]
                guard let c = Int32(exactly: item.slots[0]) else { return false }
                var args = Arguments()
                args.count = 1
                args.codes[0] = c
                factors.append(Factor(kind: .member, symbol: .passUnretained(item.set), args: args))
                newFilters.append(Int32(factors.count - 1))
            }
            for r in plan.residual { newFilters.append(factor(r)) }
            return true
        }
        let plan = d.condition.flatMap { interpreter.plan(for: d, condition: $0) }
        // a condition that ties an index to another is walked by the interpreter's diagonal
        // plan (one element per leader's label) rather than by loops over the whole product
        if plan == nil, let c = d.condition, interpreter.diagonalPlan(for: d, condition: c) != nil { return nil }
        if let plan, ordered, let order = plan.orderedPrefix(d) {
            // the items before the driver's block, the block, the items after it
            let blockStart = plan.covered[0], blockEnd = plan.covered[0] + plan.covered.count
            guard itemLoops(d.items[..<blockStart]),
                  let block = loop(plan.membersInOrder(order), positions: plan.boundPositions.map(\.position),
                                   slots: plan.boundPositions.map(\.slot)) else { return nil }
            newLoops.append(block)
            guard itemLoops(d.items[blockEnd...]), planFilters(plan) else { return nil }
        } else if let plan, !ordered {
            for (k, item) in plan.outer.enumerated() {
                guard let l = loop(d.items[item].set.setData.sorted, positions: [0], slots: [plan.outerSlots[k]])
                else { return nil }
                newLoops.append(l)
            }
            guard let walk = groupedWalk(plan) else { return nil }
            walks.append(walk)
            s.walk = walks.count - 1
            guard planFilters(plan) else { return nil }
        } else {
            // nested loops over the items, the whole condition for each element
            guard itemLoops(d.items) else { return nil }
            if let c = d.condition { newFilters.append(factor(c)) }
        }
        loops += newLoops
        filters += newFilters
        s.loopCount = newLoops.count
        s.filterCount = newFilters.count
        return s
    }

}
