import Diagnostics
import IR
import Syntax

/// Resolves names, checks domains and dimensions, loads data: turns statements into a
/// checked `Program`, reporting every error of the phase.
public final class Compiler {
    let diagnostics: DiagnosticBag
    public let program: Program
    var byName: [String: Symbol] = [:]
    var reportedUnknown: Set<String> = []
    /// Equations whose definition was attempted (even if it had errors): no follow-on errors.
    var attemptedDefinitions: Set<Int> = []
    /// Depth of loop/if bodies being compiled: the no-data check runs only at the top level,
    /// where statement order is execution order.
    var bodyDepth = 0
    /// Slots currently under control while resolving.
    var controlled: [Int] = []
    /// Symbols named anywhere other than as an assignment's target (for the lints).
    var referenced: Set<Int> = []
    /// Symbols assigned to by a statement.
    var assigned: Set<Int> = []
    /// Where each symbol was declared.
    var declarationSpans: [Int: SourceSpan] = [:]
    /// Symbols that got data from a data statement (`/ ... /` or a table).
    var dataStatements: Set<Int> = []
    /// While `$onMulti` data is loaded: an element given before takes the new value silently.
    var mergingData = false
    /// The index of each declared acronym (1-based), by lower-case name.
    var acronymIndex: [String: Int] = [:]
    /// The file `$gdxIn` opened, its symbols read once (CompileTimeGDX.swift).
    var gdxIn: OpenGDXFile?
    /// The file `$gdxOut` named for `$unload`: as shown, and its path.
    var gdxOut: (shown: String, path: String)?
    /// Names written in statements the parser gave up on (lower case): their declarations and
    /// definitions are missing, so errors that only say so (unknown, no data, not defined)
    /// would be cascades and are not reported.
    public var unreliableNames: Set<String> = []
    /// Declared put files (PutCompiler.swift).
    var putFiles = PutFilesState()

    public init(diagnostics: DiagnosticBag, labels: LabelTable = LabelTable()) {
        self.diagnostics = diagnostics
        self.program = Program(labels: labels)
    }

    /// Compiles all statements.
    public func compile(_ statements: [Statement]) -> Program {
        program.statements = compileBody(statements, nested: false)
        return program
    }

    func compileBody(_ statements: [Statement], nested: Bool = true) -> [StatementR] {
        if nested { bodyDepth += 1 }
        defer { if nested { bodyDepth -= 1 } }
        var out: [StatementR] = []
        for s in statements {
            if let r = compileStatement(s) { out.append(r) }
        }
        return out
    }

    // MARK: - symbols

    func lookup(_ name: Name, report: Bool = true) -> Symbol? {
        if let s = byName[name.key] {
            referenced.insert(s.id)
            return s
        }
        if report { reportUnknown(name) }
        return nil
    }

    func reportUnknown(_ name: Name, what: String = "symbol") {
        guard !reportedUnknown.contains(name.key), !unreliableNames.contains(name.key) else { return }
        reportedUnknown.insert(name.key)
        var help: [String] = []
        if let s = suggestion(for: name.key) {
            help.append("did you mean '\(s.name)' (declared at line \(s.line))?")
        }
        diagnostics.error(.E1001, "unknown \(what) '\(name.text)'", at: name.span, label: "not declared", help: help)
    }

    func suggestion(for key: String) -> Symbol? {
        var best: Symbol? = nil
        var bestD = Int.max
        for s in program.symbols {
            let d = Compiler.editDistance(s.name.lowercased(), key)
            if d < bestD && d <= max(1, key.count / 3) && d < key.count { bestD = d; best = s }
        }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    func declare(_ name: Name, _ kind: SymbolKind, domain: [Symbol?], text: String, dimensionKnown: Bool = true) -> Symbol? {
        if clashesWithPutFile(name) { return nil }
        if isTaken(name) { return nil }
        // a reserved word as a name was reported by the parser (E1003); the symbol is declared
        // all the same, so that its uses raise no cascades
        let s = Symbol(id: program.symbols.count, name: name.text, kind: kind, domain: domain, text: text,
                       line: name.span.line, dimensionKnown: dimensionKnown)
        s.file = name.span.path
        s.column = name.span.column
        program.symbols.append(s)
        byName[name.key] = s
        declarationSpans[s.id] = name.span
        return s
    }

    /// Resolves a declaration's domain list; nil entries are the universe.
    func resolveDomain(_ names: [Name]?) -> [Symbol?]? {
        guard let names = names else { return [] }
        if names.count > maxDimension {
            diagnostics.error(.E2001, "a symbol may have at most \(maxDimension) indices", at: names[maxDimension].span)
            return nil
        }
        var out: [Symbol?] = []
        var ok = true
        for n in names {
            if n.text == "*" { out.append(nil); continue }
            guard let s = lookup(n) else { ok = false; continue }
            if s.kind == .set { learnDimension(s, 1) }
            guard s.kind == .set else {
                diagnostics.error(.E2002, "'\(n.text)' is a \(s.kind.rawValue), not a set, and cannot be a domain",
                                  at: n.span, label: "not a set")
                ok = false
                continue
            }
            if s.dimension != 1 {
                diagnostics.error(.E2003, "domain set '\(n.text)' must be one-dimensional (it has \(s.dimension) indices)",
                                  at: n.span)
                ok = false
                continue
            }
            out.append(s)
        }
        return ok ? out : nil
    }

    // MARK: - statements

    func compileStatement(_ s: Statement) -> StatementR? {
        switch s {
        case .declare(let kind, let vtype, let decls, _):
            for d in decls { compileDeclaration(kind, vtype, d) }
            return nil
        case .alias(let groups, _):
            for g in groups { compileAlias(g) }
            return nil
        case .model(let models, _):
            for m in models { compileModel(m) }
            return nil
        case .equationDefinition(let def):
            compileEquationDefinition(def)
            return nil
        case .assignment(let a):
            if let file = putFiles.byName[a.target.name.key] { return compilePutFileAssignment(file, a) }
            return compileAssignment(a).map { .assign($0) }
        case .solve(let sv):
            return compileSolve(sv).map { .solve($0) }
        case .display(let args, let span):
            return .display(args.compactMap { compileDisplayArg($0) }, span)
        case .option(let items, _):
            return .option(items.compactMap { compileOption($0) })
        case .loop(let dom, let body, let span):
            guard let d = resolveDomainBinding(dom) else { return nil }
            let b = compileBody(body)
            unbind(d)
            return .loop(d, b, span)
        case .whileLoop(let cond, let body, let span):
            guard let c = resolveData(cond) else { _ = compileBody(body); return nil }
            return .whileLoop(c, compileBody(body), span)
        case .repeatLoop(let body, let cond, let span):
            let b = compileBody(body)
            guard let c = resolveData(cond) else { return nil }
            return .repeatLoop(b, c, span)
        case .forLoop(let v, let from, let to, let by, let down, let body, let span):
            let sym = lookup(v.name)
            let f = resolveData(from), t = resolveData(to), b = by.flatMap { resolveData($0) }
            if let s = sym, s.kind == .parameter { s.hasData = true }
            let bodyR = compileBody(body)
            guard let s = sym else { return nil }
            guard s.kind == .parameter, s.dimension == 0 else {
                diagnostics.error(.E2004, "the variable of a for loop must be a scalar parameter", at: v.name.span)
                return nil
            }
            guard let ff = f, let tt = t else { return nil }
            return .forLoop(s, ff, tt, b, down, bodyR, span)
        case .ifStatement(let branches, let elseBody, _):
            var out: [(Node, [StatementR])] = []
            var ok = true
            for (c, body) in branches {
                let cr = resolveData(c)
                let br = compileBody(body)
                if let cr = cr { out.append((cr, br)) } else { ok = false }
            }
            let e = elseBody.map { compileBody($0) }
            return ok ? .ifStatement(out, e) : nil
        case .breakStatement(let c, let span):
            return .breakLoop(c.flatMap { resolveData($0) }, span)
        case .continueStatement(let c, let span):
            return .continueLoop(c.flatMap { resolveData($0) }, span)
        case .abort(let c, let items, let span):
            return .abort(c.flatMap { resolveData($0) }, items.compactMap { compileDisplayArg($0) }, span)
        case .gdxTransfer(let g):
            return compileGDXTransfer(g).map { .gdxTransfer($0) }
        case .compileTimeGDX(let g):
            compileTimeGDX(g)
            return nil
        case .acronym(let names, _):
            for n in names { declareAcronym(n) }
            return nil
        case .execute(let command, let check, let span):
            return .execute(command: command, checkErrorLevel: check, span)
        case .loadHandle(let name, let span):
            guard let model = lookup(name) else { return nil }
            guard model.kind == .model else {
                diagnostics.error(.E2033, "'\(model.name)' is a \(model.kind.rawValue), not a model", at: name.span,
                                  help: ["execute_loadHandle names a model: the solve its attribute handle names is loaded"])
                return nil
            }
            return .loadHandle(model, span)
        case .file(let decls, let span):
            return compileFileStatement(decls, span)
        case .put(let p):
            return compilePut(p)
        }
    }

    func compileDeclaration(_ kind: DeclarationKind, _ vtype: VariableType?, _ d: Declaration) {
        if let old = byName[d.name.key], old.kind == symbolKind(kind) {
            redeclare(old, kind, vtype, d)
            return
        }
        guard let domain = resolveDomain(d.domain) else {
            // declared over the universe, with its dimension, so later uses do not cascade
            _ = declare(d.name, symbolKind(kind), domain: Array(repeating: nil, count: min(d.domain?.count ?? 0, maxDimension)),
                        text: d.text)
            return
        }
        // GAMS: a symbol declared without a domain takes its dimension, over the universe, from
        // its first data or its first indexed use (a scalar is 0-dimensional by declaration)
        let noDomain = d.domain == nil && kind != .scalar
        var dom = domain
        if noDomain, let data = d.data, let first = data.entries.first {
            guard first.width <= maxDimension else {
                diagnostics.error(.E2001, "a symbol may have at most \(maxDimension) indices", at: first.span)
                return
            }
            dom = Array(repeating: nil, count: first.width)
        }
        // a table without a domain takes its dimension from its labels, over the universe;
        // without data nothing tells its dimension
        if kind == .table && d.domain == nil && (d.data?.entries.isEmpty ?? true) {
            diagnostics.error(.E2006, "table '\(d.name.text)' needs a domain, e.g. 'Table \(d.name.text)(i,j)'", at: d.name.span)
        }
        guard let sym = declare(d.name, symbolKind(kind), domain: dom, text: d.text,
                                dimensionKnown: !(noDomain && d.data == nil)) else { return }
        if kind == .variable {
            sym.variableKind = VariableKind(rawValue: (vtype ?? .free).rawValue) ?? .free
        }
        if let data = d.data {
            dataStatements.insert(sym.id)
            loadData(sym, data)
        }
        if kind == .scalar && sym.dimension != 0 {
            diagnostics.error(.E2007, "a scalar has no domain", at: d.name.span)
        }
    }

    /// A symbol declared again as the same kind, as GAMS allows (a declarations file, then a
    /// data file; `Variable x(i); Positive Variable x;`): the domain must agree with the first
    /// (or gives the dimension a bare declaration left open); new data is refused, merged or
    /// replaces the old as `$offMulti`/`$onMulti`/`$onMultiR` says.
    func redeclare(_ old: Symbol, _ kind: DeclarationKind, _ vtype: VariableType?, _ d: Declaration) {
        referenced.insert(old.id)
        if kind == .variable, let vt = vtype { old.variableKind = VariableKind(rawValue: vt.rawValue) ?? .free }
        if old.text.isEmpty { old.text = d.text }
        let width = kind == .scalar ? 0 : d.domain?.count ?? d.data?.entries.first?.width
        if let names = d.domain {
            guard let domain = resolveDomain(names) else { return }
            if !old.dimensionKnown {
                learnDimension(old, domain.count)
                old.domain = domain
            } else if domain.count != old.dimension || zip(domain, old.domain).contains(where: { $0?.root !== $1?.root }) {
                reportDomainRedefined(old, d, names.map(\.text))
                return
            }
        } else if let width, !learnDimension(old, width) {
            reportDomainRedefined(old, d, Array(repeating: "*", count: width))
            return
        }
        guard let data = d.data else { return }
        if dataStatements.contains(old.id) {
            switch d.redefinition {
            case .refused:
                diagnostics.error(.E1005, "'\(d.name.text)' already has data; its data is given again",
                                  at: d.name.span, label: "data given again",
                                  notes: ["'\(old.name)' got its data at \(declarationPlace(old, seenFrom: d.name.span))"],
                                  help: ["write '$onMulti' before this statement to merge the data, or '$onMultiR' to replace it"])
                return
            case .replaced:
                old.values.removeAll()
                old.setData.removeAll()
            case .merged:
                break
            }
        }
        dataStatements.insert(old.id)
        mergingData = d.redefinition == .merged
        defer { mergingData = false }
        loadData(old, data)
    }

    /// Reports a declaration that repeats a symbol with another domain.
    private func reportDomainRedefined(_ old: Symbol, _ d: Declaration, _ names: [String]) {
        diagnostics.error(.E2005, "'\(d.name.text)' is declared again with another domain",
                          at: d.name.span, label: "(\(names.joined(separator: ",")))",
                          notes: ["'\(old.name)' was declared over (\(old.domainNames.joined(separator: ","))) at \(declarationPlace(old, seenFrom: d.name.span))"])
    }

    /// Where `sym` was declared: `line N`, with the file's path when it is another file than
    /// the one `span` is in (an included file).
    func declarationPlace(_ sym: Symbol, seenFrom span: SourceSpan) -> String {
        if let first = declarationSpans[sym.id]?.file, first.path != span.file?.path {
            return "\(first.path):\(sym.line)"
        }
        return "line \(sym.line)"
    }

    /// Resolves the symbols of a GDX transfer. A load gives its symbols data (as an assignment
    /// does); a load point is for variables and equations only.
    func compileGDXTransfer(_ g: GDXTransfer) -> GDXTransferR? {
        var symbols: [Symbol] = []
        for n in g.names {
            guard let s = lookup(n) else { continue }
            if s.kind == .model || (g.kind == .loadPoint && s.kind != .variable && s.kind != .equation) {
                diagnostics.error(.E2042, "'\(n.text)' is a \(s.kind.rawValue) and cannot be transferred by \(g.kind.rawValue)", at: n.span,
                                  help: g.kind == .loadPoint ? ["execute_loadpoint reads levels and marginals of variables and equations"] : [])
                continue
            }
            if g.kind != .unload { s.hasData = true; assigned.insert(s.id) }
            symbols.append(s)
        }
        guard symbols.count == g.names.count else { return nil }
        if g.kind != .unload && symbols.isEmpty {
            diagnostics.error(.E0011, "\(g.kind.rawValue) needs the names of the symbols to read", at: g.span)
            return nil
        }
        return GDXTransferR(kind: g.kind, file: g.file, symbols: symbols, sources: g.sources, span: g.span)
    }

    /// Whether `name` already names a symbol or an acronym (reported, E1002).
    func isTaken(_ name: Name) -> Bool {
        let note: String
        if let old = byName[name.key] {
            note = "'\(old.name)' was declared as a \(old.kind.rawValue) at \(declarationPlace(old, seenFrom: name.span))"
        } else if acronymIndex[name.key] != nil {
            note = "'\(name.text)' is an acronym"
        } else {
            return false
        }
        diagnostics.error(.E1002, "'\(name.text)' is already declared", at: name.span, label: "declared again here", notes: [note])
        return true
    }

    /// `Acronym on;`: a name that stands for a value of its own (compared, stored and shown by
    /// name, as in GAMS).
    func declareAcronym(_ name: Name) {
        if isTaken(name) { return }
        program.acronyms.append(name.text)
        acronymIndex[name.key] = program.acronyms.count
    }

    /// Fixes the dimension of a symbol declared without a domain at its first indexed use:
    /// `count` indices over the universe. Returns whether the symbol now has `count` indices.
    @discardableResult
    func learnDimension(_ sym: Symbol, _ count: Int) -> Bool {
        guard !sym.dimensionKnown else { return sym.dimension == count }
        sym.domain = Array(repeating: nil, count: count)
        sym.setData = SetData(dimension: count)
        sym.dimensionKnown = true
        return true
    }

    func symbolKind(_ k: DeclarationKind) -> SymbolKind {
        switch k {
        case .set: return .set
        case .parameter, .scalar, .table: return .parameter
        case .variable: return .variable
        case .equation: return .equation
        }
    }

    func compileAlias(_ names: [Name]) {
        let existing = names.compactMap { byName[$0.key] }
        guard let target = existing.first else {
            reportUnknown(names[0], what: "set")
            return
        }
        guard target.kind == .set else {
            diagnostics.error(.E2008, "alias of '\(target.name)', which is a \(target.kind.rawValue), not a set", at: names[0].span)
            return
        }
        for n in names where byName[n.key] !== target {
            guard let a = declare(n, .set, domain: target.root.domain, text: target.text) else { continue }
            a.aliasOf = target.root
            a.setData = target.root.setData
            a.hasData = true
        }
        if existing.count > 1 {
            diagnostics.error(.E1002, "alias names an already declared symbol", at: names[1].span)
        }
    }

    func compileModel(_ m: ModelDeclaration) {
        guard let sym = declare(m.name, .model, domain: [], text: m.text) else { return }
        var eqs: [Symbol] = []
        var pairs: [Int: Symbol] = [:]
        for term in m.terms {
            var named: [Symbol]
            if term.isAll {
                named = program.symbols.filter { $0.kind == .equation }
            } else {
                guard let s = lookup(term.name) else { continue }
                if let v = term.pairedVariable {
                    guard let variable = lookup(v), let equation = checkedPair(s, variable, term, pairs) else { continue }
                    if !term.removes { pairs[equation.id] = variable }
                }
                switch s.kind {
                case .equation: named = [s]
                case .model:
                    named = program.modelEquations[s.id] ?? []
                    if !term.removes {
                        for (e, v) in program.modelPairs[s.id] ?? [:] { pairs[e] = v }
                    }
                default:
                    diagnostics.error(.E2009, "'\(term.name.text)' is a \(s.kind.rawValue); a model lists equations or models",
                                      at: term.name.span)
                    continue
                }
            }
            if term.removes {
                eqs.removeAll { e in named.contains { $0 === e } }
                for e in named { pairs[e.id] = nil }
            } else {
                for e in named where !eqs.contains(where: { $0 === e }) { eqs.append(e) }
            }
        }
        program.modelEquations[sym.id] = eqs
        if !pairs.isEmpty { program.modelPairs[sym.id] = pairs }
    }

    /// The equation of an `equation.variable` pair when the pair is valid: an equation and a
    /// variable of the same dimension (matched element by element), neither already paired
    /// in this model with another (E2110, E2111, E2112).
    private func checkedPair(_ equation: Symbol, _ variable: Symbol, _ term: ModelDeclaration.Term,
                             _ pairs: [Int: Symbol]) -> Symbol? {
        guard let v = term.pairedVariable else { return nil }
        guard equation.kind == .equation, variable.kind == .variable else {
            let wrong = equation.kind != .equation ? term.name : v
            let what = equation.kind != .equation ? equation : variable
            diagnostics.error(.E2110, "'\(wrong.text)' is a \(what.kind.rawValue); a pair in a model list is equation.variable",
                              at: wrong.span, help: ["write the equation's name, a dot and the variable it is complementary to, as in 'demand.p'"])
            return nil
        }
        guard equation.dimension == variable.dimension else {
            diagnostics.error(.E2111, "equation '\(equation.name)' has \(equation.dimension) ind\(equation.dimension == 1 ? "ex" : "ices") but variable '\(variable.name)' has \(variable.dimension)",
                              at: v.span, label: "paired element by element",
                              help: ["a pair matches each element of the equation with the variable's element of the same labels"])
            return nil
        }
        if let other = pairs[equation.id], other !== variable {
            diagnostics.error(.E2112, "equation '\(equation.name)' is already paired with '\(other.name)' in this model", at: term.name.span)
            return nil
        }
        if let (e, _) = pairs.first(where: { $0.value === variable && $0.key != equation.id }),
           let first = program.symbols.first(where: { $0.id == e }) {
            diagnostics.error(.E2112, "variable '\(variable.name)' is already paired with '\(first.name)' in this model", at: v.span,
                              help: ["each variable is complementary to one equation"])
            return nil
        }
        return equation
    }

    // MARK: - data

    /// A data value as a message writes it (integers without a fraction).
    static func dataNumber(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    func loadData(_ sym: Symbol, _ data: DataBlock) {
        sym.hasData = true
        if let v = data.scalarValue {
            if sym.dimension != 0 {
                diagnostics.error(.E3010, "'\(sym.name)' has \(sym.dimension) indices; its data needs labels", at: data.span)
                return
            }
            if SpecialValue.isStored(v) { sym.values[LabelTuple(repeating: 0)] = v }
            return
        }
        let labels = program.labels
        var reported: Set<String> = []
        var unlabelled = false
        for e in data.entries {
            if let lines = e.lines {
                loadDelimited(sym, lines, reported: &reported)
                continue
            }
            if e.positions.isEmpty && sym.dimension > 0 {
                // reported once per data list: the whole list lacks its labels
                if unlabelled { continue }
                unlabelled = true
                var example = ""
                if let d = sym.domain.first ?? nil, sym.dimension == 1 {
                    let first = d.setData.sorted.prefix(2).map { labels.name($0[0]) }
                    let values = data.entries.filter { $0.positions.isEmpty }.prefix(first.count).compactMap(\.value)
                    if first.count == values.count, !first.isEmpty {
                        example = ", e.g. '/ " + zip(first, values).map { "\($0) \(Compiler.dataNumber($1))" }.joined(separator: ", ") + " /'"
                    }
                }
                diagnostics.error(.E3010, "'\(sym.name)' has \(sym.dimension) ind\(sym.dimension == 1 ? "ex" : "ices"); its data needs labels",
                                  at: e.span, label: "a value without a label",
                                  help: ["write a label before each value\(example)"])
                continue
            }
            guard e.positions.count == sym.dimension else {
                diagnostics.error(.E3011, "'\(sym.name)' has \(sym.dimension) indices but this entry has \(e.positions.count) labels",
                                  at: e.span)
                continue
            }
            // check labels against domains, then expand products
            var ok = true
            var ids: [[Label]] = []
            for (k, group) in e.positions.enumerated() {
                var g: [Label] = []
                for l in group {
                    // `#s` stands for every member of the one-dimensional set s (GAMS)
                    if let members = setReference(l) {
                        for id in members {
                            if !labelFits(id, sym, k, labels.name(id), l.span, reported: &reported) { ok = false }
                            g.append(id)
                        }
                        continue
                    }
                    let id = labels.intern(l.text)
                    if !labelFits(id, sym, k, l.text, l.span, reported: &reported) { ok = false }
                    g.append(id)
                }
                ids.append(g)
            }
            guard ok else { continue }
            var tuple = LabelTuple(repeating: 0)
            func emit(_ k: Int) {
                if k == ids.count {
                    store(sym, tuple, value: e.acronym.map { SpecialValue.acronym(acronymIndex[$0.lowercased()] ?? 0) } ?? e.value,
                          text: e.text, at: e.span)
                    return
                }
                for id in ids[k] {
                    tuple[k] = id
                    emit(k + 1)
                }
            }
            emit(0)
        }
    }

    /// The members of the set a data label `#s` names; nil for any other label. A name that is
    /// no one-dimensional set with data is reported.
    private func setReference(_ l: LabelText) -> [Label]? {
        guard l.text.hasPrefix("#"), l.text.count > 1 else { return nil }
        let name = Name(String(l.text.dropFirst()), l.span)
        guard let set = lookup(name) else { return [] }
        guard set.kind == .set, set.dimension == 1 else {
            diagnostics.error(.E2022, "'\(l.text)' needs a one-dimensional set after '#'; '\(set.name)' is a \(set.kind == .set ? "\(set.dimension)-dimensional set" : set.kind.rawValue)",
                              at: l.span)
            return []
        }
        return set.setData.sorted.map { $0[0] }
    }

    /// Whether label `id` (spelled `text`) may stand at position `k` of `sym`; reports a
    /// domain violation once per place.
    private func labelFits(_ id: Label, _ sym: Symbol, _ k: Int, _ text: String, _ where: @autoclosure () -> SourceSpan,
                           reported: inout Set<String>) -> Bool {
        guard let dset = sym.domain[k] else { return true }
        var one = LabelTuple(repeating: 0)
        one[0] = id
        if dset.setData.contains(one) { return true }
        if unreliableNames.contains(dset.name.lowercased()) || unreliableNames.contains(text.lowercased()) { return false }
        let span = `where`()
        let key = "\(k):\(span.line):\(span.column)"
        if reported.insert(key).inserted {
            diagnostics.error(.E3012, "domain violation: '\(text)' is not in set '\(dset.name)'", at: span,
                              label: "not an element of '\(dset.name)'",
                              notes: ["'\(sym.name)' is declared over (\(sym.domainNames.joined(separator: ",")))"])
        }
        return false
    }

    /// Stores one element of data: a set member (with its text) or a parameter value.
    private func store(_ sym: Symbol, _ tuple: LabelTuple, value: Double?, text: String?, at span: @autoclosure () -> SourceSpan) {
        let labels = program.labels
        if sym.kind == .set {
            if sym.setData.contains(tuple) && !mergingData {
                diagnostics.error(.E3016, "element '\(tuple.labels(sym.dimension).map { labels.name($0) }.joined(separator: "."))' is redefined in set '\(sym.name)'",
                                  at: span(), notes: ["labels are case-insensitive"])
            }
            sym.setData.insert(tuple, text: text)
        } else if let v = value {
            if sym.values[tuple] != nil && !mergingData {
                diagnostics.error(.E3013, "duplicate entry for '\(sym.name)(\(tuple.labels(sym.dimension).map { labels.name($0) }.joined(separator: ",")))'",
                                  at: span())
            }
            if SpecialValue.isStored(v) { sym.values[tuple] = v } else { sym.values[tuple] = nil }
        }
    }

    /// Loads a batch of delimited lines: the same checks as for other entries, without arrays
    /// per line.
    private func loadDelimited(_ sym: Symbol, _ lines: DelimitedLines, reported: inout Set<String>) {
        let w = lines.width
        guard w == sym.dimension else {
            for k in 0..<lines.count {
                diagnostics.error(.E3011, "'\(sym.name)' has \(sym.dimension) indices but this entry has \(w) labels",
                                  at: lines.span(line: k, field: 0))
            }
            return
        }
        let labels = program.labels
        // each distinct spelling is interned once, in order of first appearance (as line by line)
        let ids = lines.distinct.map { labels.intern($0) }
        // whether each distinct label fits each position's domain, found once
        var fits = [Bool](repeating: true, count: ids.count * w)
        for p in 0..<w {
            guard let set = sym.domain[p]?.setData else { continue }
            var one = LabelTuple(repeating: 0)
            for (k, id) in ids.enumerated() {
                one[0] = id
                fits[k * w + p] = set.contains(one)
            }
        }
        var tuple = LabelTuple(repeating: 0)
        let isSet = sym.kind == .set
        if !isSet { sym.values.reserveCapacity(sym.values.count + lines.count) }
        for k in 0..<lines.count {
            var ok = true
            for p in 0..<w {
                let index = Int(lines.labelIndices[k * w + p])
                let id = ids[index]
                if !fits[index * w + p] {
                    _ = labelFits(id, sym, p, lines.distinct[index], lines.span(line: k, field: p), reported: &reported)
                    ok = false
                }
                tuple[p] = id
            }
            guard ok else { continue }
            if isSet {
                store(sym, tuple, value: nil, text: lines.texts[k], at: lines.span(line: k, field: 0))
            } else {
                let v = lines.values[k]
                // a new element is added with one lookup; one given before goes through `store`
                let added = SpecialValue.isStored(v) ? sym.values.insertIfAbsent(v, forKey: tuple) : !sym.values.contains(tuple)
                if !added {
                    store(sym, tuple, value: v, text: nil, at: lines.span(line: k, field: 0))
                }
            }
        }
    }
}
