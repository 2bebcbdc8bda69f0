import Diagnostics
import Foundation
import IR
import Semantics

/// Thrown when generation cannot go on (a nonlinear term, an invalid coefficient).
struct GenerationFailure: Error {}

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

extension Interpreter {
    /// Instantiates a model's equations into a `ScalarModel`, creating columns on first use.
    func generate(_ sv: SolveR) -> ScalarModel? {
        var model = ScalarModel()
        generationNumber += 1
        let generation = generationNumber
        let acc = RowAccumulator()
        var failed = false
        var infeasibleRows = 0
        let nonlinearAllowed = Interpreter.nonlinearTypes.contains(sv.type)
        // nonlinear terms of the current row, each already scaled
        var nonlinearTerms: [Int32] = []
        var pool = NLExpressionPool()

        let tables = GenerationTables(labelCount: labels.count)
        func columnIndex(for s: Symbol) -> ColumnIndex {
            var positions: [[Int32]] = [], sizes: [Int] = []
            for d in s.domain {
                guard let set = d?.root, set.dimension == 1 else { return ColumnIndex() }
                positions.append(tables.positions(set))
                sizes.append(set.setData.count)
            }
            return ColumnIndex(positions: positions, sizes: sizes)
        }

        /// Prepares `s`'s column index for this model (once per generation); its row source.
        func open(_ s: Symbol) -> ProvenanceSource {
            if s.columnGeneration == generation, let known = s.columnSource { return known }
            // the symbol's first column in this model
            s.columnGeneration = generation
            s.columnIndex = columnIndex(for: s)
            let source = ProvenanceSource(symbol: s.name, line: s.line, file: s.file, column: s.column,
                                          dimension: s.dimension, labels: labels, owner: s)
            s.columnSource = source
            return source
        }

        /// The column of element `t` of `s`, created when new; `slot`: the element's entry in the
        /// dense index of `s` for this generation, known to be empty.
        func column(_ s: Symbol, _ t: LabelTuple, slot: UnsafeMutablePointer<UInt32>? = nil) -> Int32 {
            if slot == nil, s.columnGeneration == generation, s.columnSource != nil, let c = s.columnIndex[t] { return c }
            let source = open(s)
            let r = s.records[t] ?? s.defaultRecord()
            var lo = r.lower, up = r.upper
            let integer = s.variableKind == .binary || s.variableKind == .integer
            if s.variableKind == .binary { lo = Swift.max(lo, 0); up = Swift.min(up, 1) }
            let c = Int32(model.addColumn(lower: lo, upper: up, isInteger: integer, start: r.level,
                                          origin: Provenance(source: source, labels: t)))
            if let slot { slot.pointee = UInt32(truncatingIfNeeded: c) &+ 1 } else { s.columnIndex[t] = c }
            return c
        }

        func linear(_ n: Node, _ scale: Double) throws {
            if !n.hasVariable {
                let v = eval(n)
                if v != 0 { acc.constant += scale * v }
                return
            }
            switch n.kind {
            case .variable(let s, let args):
                guard let t = tuple(args) else { return }
                acc.add(column(s, t), scale)
            case .negate(let a):
                try linear(a, -scale)
            case .binary(let op, let a, let b):
                switch op {
                case .add: try linear(a, scale); try linear(b, scale)
                case .sub: try linear(a, scale); try linear(b, -scale)
                case .mul:
                    if !a.hasVariable {
                        let v = eval(a)
                        if v != 0 { try linear(b, scale * v) }
                    } else if !b.hasVariable {
                        let v = eval(b)
                        if v != 0 { try linear(a, scale * v) }
                    } else {
                        try nonlinear(n, scale)
                    }
                case .pow where !b.hasVariable:
                    // x**1 and x**0 are linear (the model-type check counts them so)
                    let e = eval(b)
                    if e == 1 {
                        try linear(a, scale)
                    } else if e == 0 {
                        acc.constant += scale
                    } else {
                        try nonlinear(n, scale)
                    }
                case .div:
                    if b.hasVariable { try nonlinear(n, scale); return }
                    let v = eval(b)
                    if v == 0 {
                        runtimeError("E4001", "division by zero", at: b.span)
                        throw GenerationFailure()
                    }
                    try linear(a, scale / v)
                default:
                    try nonlinear(n, scale)
                }
            case .dollar(let a, let c):
                if truth(eval(c)) { try linear(a, scale) }
            case .call(.ifthen, let args) where args.count == 3 && !args[0].hasVariable:
                // a data condition picks one branch
                try linear(truth(eval(args[0])) ? args[1] : args[2], scale)
            case .call(.power, let args) where args.count == 2 && !args[1].hasVariable && eval(args[1]) == 1:
                try linear(args[0], scale)
            case .reduce(.sum, let d, let body):
                var inner: Error? = nil
                try iterate(d, ordered: false) {
                    do { try linear(body, scale) } catch { inner = error; return false }
                    return true
                }
                if let e = inner { throw e }
            default:
                try nonlinear(n, scale)
            }
        }

        /// Adds `scale · n` to the row's nonlinear part.
        func nonlinear(_ n: Node, _ scale: Double) throws {
            guard nonlinearAllowed else {
                runtimeError("E4011", "nonlinear term in a linear model", at: n.span)
                throw GenerationFailure()
            }
            let root = try lower(n)
            if scale == 1 {
                nonlinearTerms.append(root)
            } else if scale == -1 {
                nonlinearTerms.append(pool.add(.negate, [root]))
            } else {
                nonlinearTerms.append(pool.add(.product, [pool.constant(scale), root]))
            }
        }

        /// A data value inside a nonlinear term: special values other than EPS are refused.
        func constant(_ n: Node) throws -> Int32 {
            let v = eval(n)
            guard v.isFinite else {
                runtimeError("E4012", "\(messageNumber(v)) in a nonlinear term", at: n.span)
                throw GenerationFailure()
            }
            return pool.constant(v == 0 ? 0 : v)
        }

        /// Collects the terms of a sum (`+`, `-`, unary minus, `sum`) without nesting.
        func sumTerms(_ n: Node, negative: Bool, into terms: inout [Int32]) throws {
            switch n.kind {
            case .binary(.add, let a, let b):
                try sumTerms(a, negative: negative, into: &terms)
                try sumTerms(b, negative: negative, into: &terms)
            case .binary(.sub, let a, let b):
                try sumTerms(a, negative: negative, into: &terms)
                try sumTerms(b, negative: !negative, into: &terms)
            case .negate(let a):
                try sumTerms(a, negative: !negative, into: &terms)
            case .reduce(.sum, let d, let body) where body.hasVariable:
                var inner: Error? = nil
                try iterate(d, ordered: false) {
                    do { try sumTerms(body, negative: negative, into: &terms) } catch { inner = error; return false }
                    return true
                }
                if let e = inner { throw e }
            case .dollar(let a, let c):
                if truth(eval(c)) { try sumTerms(a, negative: negative, into: &terms) }
            default:
                if !n.hasVariable {
                    let v = eval(n)
                    if v == 0 && !v.isNaN { return }
                }
                let t = try lower(n)
                terms.append(negative ? pool.add(.negate, [t]) : t)
            }
        }

        /// Collects the factors of a product (`*`, `prod`) without nesting.
        func productFactors(_ n: Node, into factors: inout [Int32]) throws {
            switch n.kind {
            case .binary(.mul, let a, let b):
                try productFactors(a, into: &factors)
                try productFactors(b, into: &factors)
            case .reduce(.prod, let d, let body) where body.hasVariable:
                var inner: Error? = nil
                try iterate(d, ordered: true) {
                    do { try productFactors(body, into: &factors) } catch { inner = error; return false }
                    return true
                }
                if let e = inner { throw e }
            default:
                factors.append(try lower(n))
            }
        }

        /// Builds the expression DAG of a term with variables (data parts become constants).
        func lower(_ n: Node) throws -> Int32 {
            if !n.hasVariable { return try constant(n) }
            switch n.kind {
            case .variable(let s, let args):
                // a lag or lead that leaves the set drops the variable, as in linear terms
                guard let t = tuple(args) else { return pool.constant(0) }
                return pool.variable(Int(column(s, t)))
            case .negate(let a):
                return pool.add(.negate, [try lower(a)])
            case .not(let a):
                return pool.add(.not, [try lower(a)])
            case .dollar(let a, let c):
                return truth(eval(c)) ? try lower(a) : pool.constant(0)
            case .binary(let op, let a, let b):
                switch op {
                case .add, .sub:
                    var terms: [Int32] = []
                    try sumTerms(n, negative: false, into: &terms)
                    return terms.isEmpty ? pool.constant(0) : terms.count == 1 ? terms[0] : pool.add(.sum, terms)
                case .mul:
                    var factors: [Int32] = []
                    try productFactors(n, into: &factors)
                    return factors.count == 1 ? factors[0] : pool.add(.product, factors)
                case .div:
                    if !b.hasVariable {
                        let v = eval(b)
                        if v == 0 {
                            runtimeError("E4001", "division by zero", at: b.span)
                            throw GenerationFailure()
                        }
                    }
                    return pool.add(.divide, [try lower(a), try lower(b)])
                case .pow:
                    return try power(a, b)
                case .lt: return pool.add(.lessThan, [try lower(a), try lower(b)])
                case .le: return pool.add(.lessEqual, [try lower(a), try lower(b)])
                case .gt: return pool.add(.greaterThan, [try lower(a), try lower(b)])
                case .ge: return pool.add(.greaterEqual, [try lower(a), try lower(b)])
                case .eq: return pool.add(.equal, [try lower(a), try lower(b)])
                case .ne: return pool.add(.notEqual, [try lower(a), try lower(b)])
                case .and: return pool.add(.and, [try lower(a), try lower(b)])
                case .or: return pool.add(.or, [try lower(a), try lower(b)])
                case .xor, .eqv:
                    // truth values compared: not(a) is 1 exactly when a is false
                    let x = pool.add(.not, [try lower(a)]), y = pool.add(.not, [try lower(b)])
                    return pool.add(op == .xor ? .notEqual : .equal, [x, y])
                case .imp:
                    let x = pool.add(.not, [try lower(a)])
                    return pool.add(.or, [x, try lower(b)])
                }
            case .call(let f, let args):
                return try call(f, args, n)
            case .reduce(let op, let d, let body):
                var items: [Int32] = []
                switch op {
                case .sum:
                    try sumTerms(n, negative: false, into: &items)
                    return items.isEmpty ? pool.constant(0) : items.count == 1 ? items[0] : pool.add(.sum, items)
                case .prod:
                    try productFactors(n, into: &items)
                    return items.isEmpty ? pool.constant(1) : items.count == 1 ? items[0] : pool.add(.product, items)
                case .smin, .smax:
                    var inner: Error? = nil
                    try iterate(d, ordered: false) {
                        do { items.append(try lower(body)) } catch { inner = error; return false }
                        return true
                    }
                    if let e = inner { throw e }
                    if items.isEmpty { return pool.constant(op == .smin ? Double.infinity : -Double.infinity) }
                    return items.count == 1 ? items[0] : pool.add(op == .smin ? .min : .max, items)
                }
            default:
                runtimeError("E4011", "this term cannot be part of a nonlinear model", at: n.span)
                throw GenerationFailure()
            }
        }

        /// `a ** b`, `power(a, b)`, `rpower(a, b)`.
        func power(_ a: Node, _ b: Node) throws -> Int32 {
            if !b.hasVariable {
                let e = eval(b)
                guard e.isFinite else {
                    runtimeError("E4012", "exponent is \(messageNumber(e))", at: b.span)
                    throw GenerationFailure()
                }
                if e == 1 { return try lower(a) }
                if e == 0 { return pool.constant(1) }
                return pool.add(.powerConstant, [try lower(a)], value: e)
            }
            if !a.hasVariable {
                let base = eval(a)
                if base > 0 && base.isFinite { return pool.add(.constantPower, [try lower(b)], value: base) }
            }
            return pool.add(.power, [try lower(a), try lower(b)])
        }

        /// A built-in function of variable arguments (classification admitted only these).
        func call(_ f: Function, _ args: [Node], _ n: Node) throws -> Int32 {
            let unary: NLOp?
            switch f {
            case .sqr: unary = .sqr
            case .sqrt: unary = .sqrt
            case .exp: unary = .exp
            case .log: unary = .log
            case .log10: unary = .log10
            case .log2: unary = .log2
            case .sin: unary = .sin
            case .cos: unary = .cos
            case .tan: unary = .tan
            case .arctan: unary = .arctan
            case .abs: unary = .abs
            case .sigmoid: unary = .sigmoid
            default: unary = nil
            }
            if let op = unary, args.count == 1 { return pool.add(op, [try lower(args[0])]) }
            switch f {
            case .exp10 where args.count == 1:
                return pool.add(.constantPower, [try lower(args[0])], value: 10)
            case .power, .rpower:
                if args.count == 2 { return try power(args[0], args[1]) }
            case .min, .max:
                return pool.add(f == .min ? .min : .max, try args.map { try lower($0) })
            case .ifthen where args.count == 3:
                if !args[0].hasVariable { return truth(eval(args[0])) ? try lower(args[1]) : try lower(args[2]) }
                return pool.add(.ifThen, [try lower(args[0]), try lower(args[1]), try lower(args[2])])
            default:
                break
            }
            runtimeError("E4011", "'\(f.rawValue)' of a variable cannot be part of a model", at: n.span)
            throw GenerationFailure()
        }

        reserveRoom(in: &model, for: sv)
        #if canImport(Glibc)
        // a large model's arrays are faulted in just ahead of the writes (see MemoryHooks)
        let regions = model.memoryRegions()
        let populator = ProcessMemory.hooks.arrayPopulator(reservedBytes: regions.reduce(0) { $0 + $1.reserved })
        defer { populator?.finish() }
        populator?.ahead(of: regions)
        #endif
        for eq in program.modelEquations[sv.model.id] ?? [] {
            guard let def = program.definitions[eq.id] else { continue }
            let rowSource = ProvenanceSource(symbol: eq.name, line: def.span.line, file: def.span.path,
                                             column: def.span.column, dimension: eq.dimension, labels: labels, owner: eq)
            let code = !compiledRows ? nil : RowCode(domain: def.domain, lhs: def.lhs, rhs: def.rhs, interpreter: self,
                                                     accumulator: acc, tables: tables, open: { _ = open($0) },
                                                     column: { column($0, $1, slot: $2) }, tree: linear)
            let equation = Unmanaged.passUnretained(eq)
            func forEachRow(_ body: () throws -> Bool) throws {
                if let code { try code.forEachRow(body) } else { try iterate(def.domain, ordered: true, body) }
            }
            do {
                try forEachRow {
                    guard let t = tuple(def.args) else { return true }
                    evaluating = .element(equation, t)
                    do {
                        if let code {
                            try code.run()
                        } else {
                            try linear(def.lhs, 1)
                            try linear(def.rhs, -1)
                        }
                    } catch {
                        failed = true
                        nonlinearTerms.removeAll()
                        acc.reset()
                        return false
                    }
                    let rhs = -acc.constant
                    let open = model.entryColumn.count
                    if let bad = acc.drain(into: &model) {
                        let (vs, vt) = ModelElements(origins: model.columnOrigin)[Int(model.entryColumn[open + bad])]
                        let row = context
                        context = ""
                        runtimeError("E4012", "coefficient of \(name(vs, vt)) is \(messageNumber(model.entryValue[open + bad])) in row \(row)",
                                     at: def.span)
                        failed = true
                        return false
                    }
                    if !rhs.isFinite && !rhs.isNaN && def.relation == .eq || rhs.isNaN {
                        runtimeError("E4013", "right-hand side \(rhs.isNaN ? "is undefined" : "is infinite") in row \(context)", at: def.span)
                        failed = true
                        return false
                    }
                    var lo = -Double.infinity, up = Double.infinity
                    switch def.relation {
                    case .eq: lo = rhs; up = rhs
                    case .le: up = rhs
                    case .ge: lo = rhs
                    case .free: break
                    }
                    if model.entryColumn.count == open && nonlinearTerms.isEmpty
                        && (lo > Interpreter.emptyRowTolerance || up < -Interpreter.emptyRowTolerance) {
                        // GAMS refuses a row whose terms all vanished when its data make it infeasible
                        model.discardOpenRow()
                        let row = context
                        context = ""
                        runtimeError("E4015", "equation \(row) is infeasible: all its terms are zero and 0 \(def.relation.rawValue) \(messageNumber(rhs)) does not hold",
                                     at: def.span)
                        context = row
                        infeasibleRows += 1
                        return true
                    }
                    let row = model.finishRow(lower: lo, upper: up, origin: Provenance(source: rowSource, labels: t))
                    #if canImport(Glibc)
                    if row & 1023 == 0, let populator { populator.ahead(of: model.memoryRegions()) }
                    #endif
                    if !nonlinearTerms.isEmpty {
                        let root = nonlinearTerms.count == 1 ? nonlinearTerms[0] : pool.add(.sum, nonlinearTerms)
                        model.nonlinearRows.append(NonlinearRow(row: Int32(row), root: root))
                        nonlinearTerms.removeAll(keepingCapacity: true)
                    }
                    return true
                }
            } catch {
                failed = true
            }
            context = ""
            if failed { break }
        }
        context = ""
        if failed || infeasibleRows > 0 { return nil }
        guard let objCol = generatedColumn(sv.objective) else {
            runtimeError("E4014", "objective variable '\(sv.objective.name)' does not appear in any equation of model '\(sv.model.name)'",
                         at: sv.objectiveSpan)
            return nil
        }
        var badBounds = 0
        for k in 0..<model.columnCount where model.columnLower[k] > model.columnUpper[k] {
            let (s, t) = ModelElements(origins: model.columnOrigin)[k]
            badBounds += 1
            runtimeError("E4016", "variable \(name(s, t)) has lower bound \(messageNumber(model.columnLower[k])) above its upper bound \(messageNumber(model.columnUpper[k]))",
                         at: sv.modelSpan)
        }
        if badBounds > 0 { return nil }
        model.nonlinear = pool
        model.objective[Int(objCol)] = 1
        model.sense = sv.maximize ? .maximize : .minimize
        return model
    }

    /// Reserves room in a new model from bounds on its size: each equation's domain product for
    /// its rows, each variable's for the columns, three entries a row. Reservations are capped,
    /// so a sparse model over large domains only grows as usual past the cap.
    func reserveRoom(in model: inout ScalarModel, for sv: SolveR) {
        func product(_ sizes: [Int]) -> Int {
            var n = 1
            for k in sizes {
                let (p, overflow) = n.multipliedReportingOverflow(by: Swift.max(k, 1))
                n = overflow ? Int.max : p
            }
            return n
        }
        let cap = 1 << 22
        var rows = 0
        for eq in program.modelEquations[sv.model.id] ?? [] {
            guard let def = program.definitions[eq.id] else { continue }
            rows = Swift.min(cap, rows + Swift.min(cap, product(def.domain.items.map { $0.set.setData.count })))
        }
        var columns = 0
        for s in program.symbols where s.kind == .variable {
            columns = Swift.min(cap, columns + Swift.min(cap, product(s.domain.map { ($0?.setData.count) ?? labels.count })))
        }
        let dimension = program.symbols.filter { $0.kind == .variable || $0.kind == .equation }.map(\.dimension).max() ?? 0
        model.reserve(rows: rows, columns: columns, entries: 3 * rows, dimension: dimension)
    }

    /// The column of a scalar variable in the model generated last (nil when it has none).
    func generatedColumn(_ s: Symbol) -> Int32? {
        s.columnGeneration == generationNumber ? s.columnIndex[LabelTuple(repeating: 0)] : nil
    }

    /// Reserves room in each symbol's records for the elements of `elements`, once per symbol
    /// (an element that already has a record is counted too); the symbols that had no records.
    @discardableResult
    static func reserveRecords(_ elements: ModelElements) -> Set<ObjectIdentifier> {
        var counts: [ObjectIdentifier: (symbol: Symbol, count: Int)] = [:]
        var k = 0
        while k < elements.count {
            // runs of the same symbol are counted together
            let s = elements[k].0
            var n = 0
            while k < elements.count && elements[k].0 === s { n += 1; k += 1 }
            counts[ObjectIdentifier(s), default: (s, 0)].count += n
        }
        var empty = Set<ObjectIdentifier>()
        for (s, n) in counts.values {
            if s.records.isEmpty { empty.insert(ObjectIdentifier(s)) }
            s.records.reserveCapacity(s.records.count + n)
        }
        return empty
    }

    /// Model types solved by the nonlinear backend.
    static let nonlinearTypes: Set<String> = ["nlp", "qcp", "dnlp", "rminlp", "rmiqcp"]

    /// Rows with no terms left are refused when their bounds miss 0 by more than this.
    static let emptyRowTolerance = 1e-9

    /// A number as messages write it: special values by name, integers without a fraction.
    func messageNumber(_ v: Double) -> String {
        if SpecialValue.isNA(v) { return "NA" }
        if v.isNaN { return "UNDF" }
        if v == .infinity { return "+INF" }
        if v == -.infinity { return "-INF" }
        if SpecialValue.isEps(v) { return "EPS" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.10g", v)
    }

    /// Runs a `solve`: generation, the backend, write-back of levels and marginals.
    func solve(_ sv: SolveR) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard let model = generate(sv) else {
            refuseSolve(sv)
            return
        }
        let columns = ModelElements(origins: model.columnOrigin), rows = ModelElements(origins: model.rowOrigin)
        let genSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        var opts = SolveOptions()
        opts.optCr = modelAttribute(sv.model, "optCr")
        opts.optCa = modelAttribute(sv.model, "optCa")
        opts.resLim = modelAttribute(sv.model, "resLim")
        let il = modelAttribute(sv.model, "iterLim")
        opts.iterLim = il >= 2e9 || il.isNaN ? 2_000_000_000 : Int(Swift.max(0, il))
        let nl = modelAttribute(sv.model, "nodLim")
        opts.nodeLimit = nl >= 1 && nl.isFinite ? Int(Swift.min(nl, 2e9)) : 0
        let nonlinear = Interpreter.nonlinearTypes.contains(sv.type)
        opts.relaxIntegrality = sv.type != "mip"
        opts.loadOnly = generateOnly
        opts.relaxImpliedBounds = relaxImpliedBounds
        if (sv.type == "lp" || nonlinear) && model.hasIntegers {
            diagnostics.warning("W4003", "model '\(sv.model.name)' has integer variables; 'using \(sv.type)' relaxes them\(nonlinear ? "" : " (use 'mip' to keep them integer)")",
                                at: sv.span)
        }
        // only a registry without a backend for the type (a test's) has none
        guard let backend = backend(for: sv.type)?.backend else {
            refuseSolve(sv)
            return
        }
        guard let settings = solverOptionFile(sv, backend: backend.name) else {
            refuseSolve(sv)
            return
        }
        let problems = backend.optionProblems(settings)
        for p in problems {
            diagnostics.error("E4024", "\(Interpreter.optionFileName(solver: backend.name, number: Int(modelAttribute(sv.model, "optFile")))): \(p)",
                              at: sv.span)
        }
        guard problems.isEmpty else {
            refuseSolve(sv)
            return
        }
        opts.solverOptions = settings
        if nonlinear && !generateOnly && !startingPointIsUsable(model, rows: rows) {
            refuseSolve(sv)
            return
        }
        var listing: String? = nil
        if listingAlways || listingRequested {
            let limit = { (name: String, option: String) -> Int in
                let v = self.modelAttributes[sv.model.id]?[name] ?? self.options[option] ?? 3
                return v.isFinite ? Int(Swift.max(0, Swift.min(v, 1e9))) : 0
            }
            let rowLimit = limit("limRow", "limrow"), columnLimit = limit("limCol", "limcol")
            if rowLimit > 0 || columnLimit > 0 {
                let writer = ListingWriter(model: model, rows: rows, columns: columns, modelName: sv.model.name, type: sv.type,
                                           line: sv.span.line, labelName: { self.name($0, $1) })
                let text = (rowLimit > 0 ? writer.equationListing(limit: rowLimit) : "")
                    + (columnLimit > 0 ? writer.columnListing(limit: columnLimit) : "")
                listing = text.isEmpty ? nil : text
            }
        }
        var solved = model
        var substitution: ObjectiveSubstitution? = nil
        if nonlinear, let j = generatedColumn(sv.objective) {
            substitution = ObjectiveSubstitution.apply(&solved, column: Int(j))
        }
        let t1 = DispatchTime.now().uptimeNanoseconds
        // a linear or mixed-integer model whose matrix splits is solved block by block
        let plan = decomposeBlocks && !nonlinear && !opts.loadOnly
            ? BlockPlan.plan(model, objectiveColumn: generatedColumn(sv.objective).map { Int($0) })
            : nil
        // a loop re-solving this statement's LP starts from the previous basis, as GAMS does
        // unless `option bratio = 1`
        let statement = "\(sv.span.path):\(sv.span.line)"
        let basisRestarts = (options["bratio"] ?? 0.25) < 1
        var warm = opts
        if plan == nil, !nonlinear, basisRestarts, !model.hasIntegers || opts.relaxIntegrality,
           let previous = lastBasis[statement],
           previous.rows.count == solved.rowCount, previous.columns.count == solved.columnCount {
            warm.startBasis = previous
        }
        // ... and a nonlinear one from the previous point's multipliers when the rows and
        // columns are the same ones
        let identity = nonlinear ? SolveIdentity(rows: rows, columns: columns) : nil
        if let identity, let previous = lastMultipliers[statement], previous.identity == identity {
            warm.startMultipliers = previous.multipliers
        }
        let raw = plan.map { $0.solve(model, backend: backend, options: opts, threads: blockThreads,
                                      warmStart: basisRestarts) }
            ?? backend.solve(solved, options: warm)
        if let b = raw.basis { lastBasis[statement] = b }
        if let identity {
            lastMultipliers[statement] = raw.multipliers.map { (identity, $0) }
        }
        let result = substitution.map { $0.restore(raw) } ?? raw
        // with --generate-only the backend reports the load alone, without freeing its problem
        let solverSeconds = generateOnly && result.solverSeconds > 0
            ? result.solverSeconds : Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        let elapsedSeconds = Double(t1 &- runStart) / 1e9 + solverSeconds
        for w in result.warnings {
            diagnostics.warning("W4004", w, at: sv.span)
        }
        var conflict: Conflict? = nil
        var message = result.message
        if explainInfeasibility && Interpreter.isInfeasible(result.modelStatus) && result.solverStatus == .normalCompletion {
            if explainedSolveStatements.insert(statement).inserted {
                var quiet = opts
                quiet.solverOptions = []
                conflict = nonlinear ? elasticConflict(model, backend: backend, options: quiet)
                                     : deletionFilter(model, backend: backend, options: quiet)
            } else {
                message += (message.isEmpty ? "" : "; ")
                    + "conflict analysis runs at a solve statement's first infeasible solve only"
            }
        }

        if result.hasSolution {
            // room for the new records first: a large variable's map then grows once, without
            // the copies (and the memory peak) of growing by doubling. A symbol without records
            // before gets all its elements new (a model has each column and row once), added
            // without looking them up.
            let fresh = Interpreter.reserveRecords(columns).union(Interpreter.reserveRecords(rows))
            var last: Symbol? = nil, lastIsFresh = false
            for (k, (s, t)) in columns.enumerated() where k < result.columnLevel.count {
                let level = result.columnLevel[k] + 0
                let marginal = k < result.columnMarginal.count ? result.columnMarginal[k] : 0
                if s !== last { last = s; lastIsFresh = fresh.contains(ObjectIdentifier(s)) }
                if lastIsFresh {
                    var r = s.defaultRecord()
                    r.level = level
                    r.marginal = marginal
                    s.records.appendNew(t, r)
                } else {
                    s.records.update(t, default: s.defaultRecord()) { r in
                        r.level = level
                        r.marginal = marginal
                    }
                }
            }
            for (k, (s, t)) in rows.enumerated() where k < result.rowLevel.count {
                let level = result.rowLevel[k] + 0
                let marginal = k < result.rowMarginal.count ? result.rowMarginal[k] : 0
                // bounds are numbers, never EPS: -0 from moving constants across is 0
                let lower = model.rowLower[k] + 0, upper = model.rowUpper[k] + 0
                if s !== last { last = s; lastIsFresh = fresh.contains(ObjectIdentifier(s)) }
                if lastIsFresh {
                    var r = VarRecord(lower: lower, upper: upper)
                    r.level = level
                    r.marginal = marginal
                    s.records.appendNew(t, r)
                } else {
                    s.records.update(t, default: VarRecord(lower: lower, upper: upper)) { r in
                        r.level = level
                        r.marginal = marginal
                        r.lower = lower
                        r.upper = upper
                    }
                }
            }
        }
        var attrs = modelAttributes[sv.model.id] ?? [:]
        attrs["modelStat"] = Double(result.modelStatus.rawValue)
        attrs["solveStat"] = Double(result.solverStatus.rawValue)
        attrs["objVal"] = result.objective ?? SpecialValue.na
        attrs["objEst"] = result.bestBound ?? SpecialValue.na
        attrs["numEqu"] = Double(model.rowCount)
        attrs["numVar"] = Double(model.columnCount)
        let nonzeros = model.isNonlinear ? jacobianNonzeros(model) : model.nonzeroCount
        attrs["numNZ"] = Double(nonzeros)
        attrs["numDVar"] = Double(model.columnIsInteger.filter { $0 }.count)
        attrs["iterUsd"] = Double(result.iterations)
        attrs["nodUsd"] = Double(result.nodes)
        attrs["resUsd"] = result.solverSeconds > 0 ? result.solverSeconds : solverSeconds
        modelAttributes[sv.model.id] = attrs
        emit(.solve(SolveReport(model: sv.model.name, type: sv.type, solver: backend.name,
                                direction: sv.maximize ? .maximize : .minimize, objectiveVariable: sv.objective.name, modelStatus: result.modelStatus,
                                solverStatus: result.solverStatus, objective: result.objective,
                                bestBound: sv.type == "mip" && model.hasIntegers ? result.bestBound : nil, rows: model.rowCount,
                                columns: model.columnCount, nonzeros: nonzeros, iterations: result.iterations,
                                generationSeconds: genSeconds, solverSeconds: solverSeconds, elapsedSeconds: elapsedSeconds,
                                evaluationSeconds: nonlinear ? result.evaluationSeconds : nil, line: sv.span.line,
                                listing: listing, conflict: conflict,
                                message: message, blocks: plan?.count ?? 1, impliedBounds: result.impliedBounds)))
    }
}
