import Diagnostics
import Foundation
import IR
import Semantics
import Syntax

/// Signals that unwind loops and the run.
enum ControlFlow: Error {
    case breakLoop
    case continueLoop
    case abort
    /// The run stops after capturing the first solve's model (`stopAtFirstSolve`).
    case captured
}

/// The label bound to each index slot: fixed-size storage read and written by index, without
/// the reference counting and uniqueness checks of an array held by a class (the innermost
/// loops of generation read it for every term). Slots are symbol ids, all below `count`.
struct Bindings {
    private let labels: UnsafeMutablePointer<Label>
    let count: Int

    init(count: Int) {
        self.count = count
        labels = UnsafeMutablePointer<Label>.allocate(capacity: count)
        labels.initialize(repeating: 0, count: count)
    }

    @inline(__always) subscript(slot: Int) -> Label {
        get {
            assert(slot >= 0 && slot < count)
            return labels[slot]
        }
        nonmutating set {
            assert(slot >= 0 && slot < count)
            labels[slot] = newValue
        }
    }

    func deallocate() { labels.deallocate() }
}

/// Runs a checked program: assignments, loops, displays, solves; collects events and errors.
public final class Interpreter {
    let program: Program
    let diagnostics: DiagnosticBag
    let labels: LabelTable
    /// The label bound to each index slot (slot = symbol id).
    let env: Bindings
    public private(set) var events: [RunEvent] = []
    /// Called for each event as it happens (the CLI prints displays as they come).
    public var onEvent: ((RunEvent) -> Void)?
    /// Called when a solve statement starts and ends (the CLI flushes its output and shows a
    /// progress line on a terminal meanwhile).
    public var onSolvePhase: ((SolvePhase) -> Void)?
    /// The passes of the `loop` statements that solve, innermost last (for progress).
    var loopPositions: [LoopPosition] = []
    /// The values `option` statements set (`option decimals = 2;`); a model attribute's option
    /// that is not set falls back to the attribute's GAMS default (`ModelAttribute.defaultValue`).
    var options: [String: Double] = ["decimals": 3, "seed": 3141]
    var modelAttributes: [Int: [String: Double]] = [:]
    var random = SeededRandom(seed: 3141)
    /// What is being evaluated, for run-time error messages; kept as symbol and labels so that
    /// the text is only built when a message needs it.
    var evaluating = EvaluationContext.none
    /// The text of `evaluating` ("" for none); setting it records a text.
    var context: String {
        get {
            switch evaluating {
            case .none: return ""
            case .text(let text): return text
            case .element(let s, let t): return name(s.takeUnretainedValue(), t)
            case .assignment(let target, let t): return describe(target, t)
            }
        }
        set { evaluating = newValue.isEmpty ? .none : .text(newValue) }
    }
    var runtimeErrors = 0
    /// The run's switches (ExecutionSettings.swift).
    public var settings = ExecutionSettings()
    /// When the run began reading its model (`DispatchTime` nanoseconds); each solve reports
    /// the seconds from here to its solver's return (`SolveReport.elapsedSeconds`).
    public var runStart: UInt64 = DispatchTime.now().uptimeNanoseconds
    var listingRequested = false
    /// Solve statements (`file:line`) whose infeasibility was already explained: a solve in a
    /// loop (a sweep that expects infeasible steps) is analysed at its first infeasible run only.
    var explainedSolveStatements = Set<String>()
    /// What each solve statement's last solve leaves for its next one (WarmStarts.swift).
    var warmStarts = WarmStarts()
    /// The submitted solves, by handle (Solve/AsyncSolves.swift).
    var asyncSolves = AsyncSolves()
    /// Whether E4093 (no grid folder) was reported; it is reported once.
    var gridFolderReported = false
    /// Display decimals set per symbol (`option p:d`), by symbol id.
    var symbolDecimals: [Int: Double] = [:]
    /// The model of the first solve when `stopAtFirstSolve` is set and generation succeeded.
    public private(set) var capturedModel: CapturedModel?
    /// The backends, by name and model type (SolverRegistry.swift).
    let solvers: SolverRegistry
    /// The backend an option picked per model type (`option lp = glpk;`), by type.
    var pickedSolvers: [ModelType: SolverRegistry.Entry] = [:]
    var plans: [ObjectIdentifier: DomainPlan] = [:]
    /// The diagonal plan of each condition (DiagonalPlan.swift; an empty plan for none).
    var diagonalPlans: [ObjectIdentifier: DiagonalPlan] = [:]
    /// The put files (PutWriter.swift).
    public let putOutput = PutOutput()

    /// An interpreter of `program` that solves with the backends of `solvers`.
    public init(program: Program, diagnostics: DiagnosticBag, solvers: SolverRegistry) {
        self.program = program
        self.diagnostics = diagnostics
        self.labels = program.labels
        self.env = Bindings(count: program.symbols.count + 1)
        self.solvers = solvers
    }

    deinit { env.deallocate() }

    /// Runs all statements; returns false if the run was aborted.
    @discardableResult
    public func run() -> Bool {
        defer { asyncSolves.shutDown() }
        do {
            try execute(program.statements)
        } catch ControlFlow.abort {
            return false
        } catch ControlFlow.captured {
            return true
        } catch {
            return false
        }
        return true
    }

    func emit(_ e: RunEvent) {
        events.append(e)
        onEvent?(e)
    }

    /// Reports a run-time error (limited to keep the output readable).
    func runtimeError(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, help: [String] = []) {
        runtimeErrors += 1
        if runtimeErrors > 20 {
            if runtimeErrors == 21 { diagnostics.error(.E4099, "more than 20 run-time errors; further ones are not shown", at: span) }
            return
        }
        let where_ = context.isEmpty ? "" : " while evaluating \(context)"
        diagnostics.error(code, message + where_, at: span, help: help)
    }

    // MARK: - statements

    func execute(_ statements: [StatementR]) throws {
        for s in statements { try execute(s) }
    }

    /// Sets a numeric option; the seeds restart the random number stream.
    func setOption(_ name: String, _ v: Double) {
        options[name] = v
        if name == "limrow" || name == "limcol" { listingRequested = true }
        if name == "seed" || name == "execseed" {
            let seed = v.isFinite ? Swift.max(-9.0e18, Swift.min(9.0e18, v.rounded())) : 0
            random = SeededRandom(seed: UInt64(bitPattern: Int64(seed)))
        }
    }

    func execute(_ s: StatementR) throws {
        switch s {
        case .assign(let a): try assign(a)
        case .solve(let sv):
            if settings.stopAtFirstSolve {
                if let generated = ModelGenerator(interpreter: self, solve: sv).run() {
                    capturedModel = CapturedModel(model: generated.model, solve: sv)
                }
                throw ControlFlow.captured
            }
            solve(sv)
        case .display(let items, let span): display(items, line: Interpreter.listingLine(span))
        case .option(let opts): for o in opts { apply(o) }
        case .loop(let dom, let body, _):
            // a loop that solves counts its passes first, for the progress line and the warm
            // starts of submitted solves (GAMS fixes a loop's set when the loop starts, so the
            // count holds)
            let counted = Interpreter.solves(in: body)
            var passes = 0
            if counted {
                try iterate(dom, ordered: true) { passes += 1; return true }
                loopPositions.append(LoopPosition(indices: dom.items.map { $0.set.name }.joined(separator: ","), pass: 0, passes: passes))
            }
            defer { if counted { loopPositions.removeLast() } }
            try iterate(dom, ordered: true) {
                if counted { loopPositions[loopPositions.count - 1].pass += 1 }
                do { try execute(body) } catch ControlFlow.continueLoop { return true } catch ControlFlow.breakLoop { return false }
                return true
            }
        case .whileLoop(let cond, let body, _):
            while truth(eval(cond)) {
                do { try execute(body) } catch ControlFlow.continueLoop { continue } catch ControlFlow.breakLoop { break }
            }
        case .repeatLoop(let body, let cond, _):
            repeat {
                do { try execute(body) } catch ControlFlow.continueLoop { continue } catch ControlFlow.breakLoop { break }
            } while !truth(eval(cond))
        case .forLoop(let sym, let from, let to, let by, let down, let body, let span):
            let a = eval(from), b = eval(to)
            let step = by.map { eval($0) } ?? 1
            guard step > 0, step.isFinite, a.isFinite, b.isFinite else {
                runtimeError(.E4002, "for loop needs finite bounds and a positive step (got step \(step))", at: span)
                return
            }
            let span_ = ((down ? a - b : b - a) / step).rounded(.down)
            guard span_ < 1e9 else {
                runtimeError(.E4002, "for loop would run more than a billion times", at: span)
                return
            }
            let n = Int(span_)
            if n >= 0 {
                for k in 0...n {
                    let v = down ? a - Double(k) * step : a + Double(k) * step
                    sym.values[LabelTuple(repeating: 0)] = v == 0 ? nil : v
                    do { try execute(body) } catch ControlFlow.continueLoop { continue } catch ControlFlow.breakLoop { break }
                }
            }
        case .ifStatement(let branches, let elseBody):
            for (c, body) in branches where truth(eval(c)) {
                try execute(body)
                return
            }
            if let e = elseBody { try execute(e) }
        case .breakLoop(let c, _):
            if c.map({ truth(eval($0)) }) ?? true { throw ControlFlow.breakLoop }
        case .continueLoop(let c, _):
            if c.map({ truth(eval($0)) }) ?? true { throw ControlFlow.continueLoop }
        case .abort(let c, let items, let span):
            guard c.map({ truth(eval($0)) }) ?? true else { return }
            display(items, line: Interpreter.listingLine(span))
            var text = ""
            for case .text(let t) in items { text = t; break }
            diagnostics.error(.E4010, "abort\(text.isEmpty ? "" : ": \(text)")", at: span)
            throw ControlFlow.abort
        case .gdxTransfer(let g): transfer(g)
        case .execute(let command, let check, let span): try execute(command: command, checkErrorLevel: check, at: span)
        case .loadHandle(let model, let span): loadHandle(model, at: span)
        case .declareFile(let files): declarePutFiles(files)
        case .put(let p): put(p)
        case .noop: break
        }
    }

    /// One setting of an `option` statement.
    func apply(_ o: OptionR) {
        if o.name == "clear" || o.name == "kill", let sym = o.symbol {
            clear(sym)
        } else if let sym = o.symbol, let v = o.number {
            symbolDecimals[sym.id] = v
        } else if let v = o.number {
            setOption(o.name, v)
        } else if let w = o.word, let type = ModelType(rawValue: o.name) {
            // GAMS has the option for every model type (`option mpec = nlpec;`)
            pickSolver(w, for: type, at: o.span)
        } else if let w = o.word {
            switch o.name {
            case "solprint":
                // GAMS's words for the values of solPrint (%solPrint.Off% ... %solPrint.Silent%)
                if let v = ["off": 0.0, "on": 1, "silent": 2][w.lowercased()] { setOption(o.name, v) }
            case "sysout":
                break
            default:
                diagnostics.warning(.W4002, "option '\(o.name)' expects a number; '\(w)' is ignored", at: o.span)
            }
        }
    }

    /// An acronym counts as true, as a nonzero value does; `NA` and `UNDF` do not.
    @inline(__always) func truth(_ v: Double) -> Bool { v != 0 && (!v.isNaN || SpecialValue.acronymIndex(v) != nil) }

    /// The name of the `k`-th acronym (1-based).
    func acronymName(_ k: Int) -> String {
        k >= 1 && k <= program.acronyms.count ? program.acronyms[k - 1] : "UNDF"
    }

    /// Whether `x` and `y` are the same acronym (NaNs, which `==` never finds equal).
    static func sameAcronym(_ x: Double, _ y: Double) -> Bool {
        guard let a = SpecialValue.acronymIndex(x) else { return false }
        return a == SpecialValue.acronymIndex(y)
    }

    /// `execute 'command'`: runs it through the shell in the model file's folder when the user
    /// allowed programs to run; otherwise an execution error that names `--allow-shell`. With
    /// `.checkErrorLevel` a nonzero exit status stops the run, as in GAMS.
    func execute(command: String, checkErrorLevel: Bool, at span: SourceSpan) throws {
        guard settings.hasEffects else { return }
        guard settings.allowShell else {
            runtimeError(.E4034, "execute runs a program; enm runs none unless --allow-shell is given ('\(command)' was not run)", at: span)
            return
        }
        guard let status = Shell.run(command, in: settings.modelDirectory) else {
            runtimeError(.E4034, "execute could not start '/bin/sh' for '\(command)'", at: span)
            return
        }
        if checkErrorLevel && status != 0 {
            runtimeError(.E4035, "'\(command)' exited with status \(status)", at: span)
            throw ControlFlow.abort
        }
    }

    /// `option clear = x;`: the symbol's data back to its defaults (no members, zeros, default
    /// levels and bounds).
    func clear(_ sym: Symbol) {
        switch sym.kind {
        case .set: sym.setData.removeAll()
        case .parameter: sym.values.removeAll()
        case .variable, .equation: sym.records = LabelMap()
        case .model: break
        }
    }

    /// The line GAMS's listing gives a statement: its number in the input as `$include`
    /// expands it.
    static func listingLine(_ span: SourceSpan) -> Int {
        span.file?.expandedLine(span.line) ?? span.line
    }

    // MARK: - assignments

    func assign(_ a: AssignmentR) throws {
        if case .modelAttribute(let m, let name) = a.target {
            modelAttributes[m.id, default: [:]][name] = eval(a.value)
            if name == "limRow" || name == "limCol" { listingRequested = true }
            return
        }
        if case .systemScalar(let name) = a.target {
            setOption(name, eval(a.value))
            return
        }
        let writes = try evaluateWrites(a)
        context = ""
        switch a.target {
        case .parameter(let p):
            for (t, v) in writes { p.values[t] = SpecialValue.isStored(v) ? v : nil }
        case .set(let s):
            for (t, v) in writes {
                if truth(v) { s.setData.insert(t) } else { s.setData.remove(t) }
            }
        case .attribute(_, .prior):
            break  // branching priorities: accepted, no effect (W2004 at compile time)
        case .attribute(let sym, let attr):
            for (t, v) in writes {
                var r = sym.records[t] ?? sym.defaultRecord()
                switch attr {
                case .l: r.level = v
                case .m: r.marginal = v
                case .lo: r.lower = v
                case .up: r.upper = v
                case .fx: r.lower = v; r.upper = v; r.level = v
                case .scale: r.scale = v
                default:
                    runtimeError(.E4003, "attribute '.\(attr.rawValue)' of '\(sym.name)' cannot be assigned", at: a.span)
                    return
                }
                sym.records[t] = r
            }
        case .modelAttribute, .systemScalar: break
        }
    }

    /// What a run-time error happened in.
    enum EvaluationContext {
        case none
        case text(String)
        /// A row (or other element) of a symbol (held by the program; set once per row, so
        /// without reference counting).
        case element(Unmanaged<Symbol>, LabelTuple)
        /// An element of an assignment's target.
        case assignment(AssignmentTarget, LabelTuple)
    }

    func describe(_ target: AssignmentTarget, _ t: LabelTuple) -> String {
        switch target {
        case .parameter(let s), .set(let s): return name(s, t)
        case .attribute(let s, let a): return "\(s.name).\(a.rawValue)\(tupleText(s, t))"
        case .modelAttribute(let s, let n): return "\(s.name).\(n)"
        case .systemScalar(let n): return n
        }
    }

    func name(_ s: Symbol, _ t: LabelTuple) -> String { s.name + tupleText(s, t) }

    func tupleText(_ s: Symbol, _ t: LabelTuple) -> String {
        s.dimension == 0 ? "" : "(" + (0..<s.dimension).map { labels.name(t[$0]) }.joined(separator: ",") + ")"
    }

    // MARK: - indices and domains

    /// The tuple an argument list denotes under the current bindings; nil if a lag leaves the set.
    @inline(__always) func tuple(_ args: [ResolvedIndex]) -> LabelTuple? {
        var t = LabelTuple(repeating: 0)
        for k in 0..<args.count {
            switch args[k] {
            case .label(let l): t[k] = l
            case .slot(let slot, let set, let shift, let negative, let circular):
                let l = env[slot]
                if let sh = shift {
                    guard let moved = move(l, in: set, by: eval(sh), negative: negative, circular: circular) else { return nil }
                    t[k] = moved
                } else {
                    t[k] = l
                }
            }
        }
        return t
    }

    func move(_ l: Label, in set: Symbol, by amount: Double, negative: Bool, circular: Bool) -> Label? {
        let data = set.setData
        guard let pos = data.position(of: l) else { return nil }
        guard amount.isFinite, Swift.abs(amount) < 1e12 else { return nil }
        var step = Int(amount.rounded())
        if negative { step = -step }
        let n = data.count
        var p = pos + step
        if circular {
            p = ((p % n) + n) % n
        } else if p < 0 || p >= n {
            return nil
        }
        return data.sorted[p][0]
    }

    /// Iterates a domain, binding its slots; `body` returns false to stop.
    /// `ordered` keeps GAMS's label order (loops); otherwise sparse set indexes may be used.
    func iterate(_ d: ResolvedDomain, ordered: Bool, _ body: () throws -> Bool) throws {
        if d.items.isEmpty {
            if let c = d.condition, !truth(eval(c)) { return }
            _ = try body()
            return
        }
        if let c = d.condition, let plan = plan(for: d, condition: c) {
            if !ordered {
                try iteratePlanned(d, plan, body)
                return
            }
            if let order = plan.orderedPrefix(d) {
                try iteratePlannedInOrder(d, plan, order, body)
                return
            }
        } else if let c = d.condition, let diagonal = diagonalPlan(for: d, condition: c) {
            try iterateDiagonal(d, diagonal, body)
            return
        }
        var stop = false
        func level(_ k: Int) throws {
            if k == d.items.count {
                if let c = d.condition, !truth(eval(c)) { return }
                if try !body() { stop = true }
                return
            }
            let item = d.items[k]
            for t in item.set.setData.sorted {
                for (p, slot) in item.slots.enumerated() { env[slot] = t[p] }
                try level(k + 1)
                if stop { return }
            }
        }
        try level(0)
    }
}

extension Interpreter {
    /// A number as messages write it: special values by name, integers without a fraction.
    func messageNumber(_ v: Double) -> String {
        if let name = SpecialValue.name(of: v) { return name }
        if v.isNaN { return "UNDF" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.10g", v)
    }

}

extension Interpreter {
    /// Whether `statements` hold a `solve`, at any depth of loops and ifs.
    static func solves(in statements: [StatementR]) -> Bool {
        statements.contains { s in
            switch s {
            case .solve: return true
            case .loop(_, let body, _), .whileLoop(_, let body, _), .repeatLoop(let body, _, _): return solves(in: body)
            case .forLoop(_, _, _, _, _, let body, _): return solves(in: body)
            case .ifStatement(let branches, let otherwise):
                return branches.contains { solves(in: $0.1) } || solves(in: otherwise ?? [])
            default: return false
            }
        }
    }
}
