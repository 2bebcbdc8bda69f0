import Diagnostics
import Foundation
import IR
import Semantics
import Solvers
import Syntax

/// Signals that unwind loops and the run.
enum ControlFlow: Error {
    case breakLoop
    case continueLoop
    case abort
    /// The run stops after capturing the first solve's model (`stopAtFirstSolve`).
    case captured
}

/// Runs a checked program: assignments, loops, displays, solves; collects events and errors.
public final class Interpreter {
    let program: Program
    let diagnostics: DiagnosticBag
    let labels: LabelTable
    /// The label bound to each index slot (slot = symbol id).
    var env: [Label]
    public private(set) var events: [RunEvent] = []
    /// Called for each event as it happens (the CLI prints displays as they come).
    public var onEvent: ((RunEvent) -> Void)?
    var options: [String: Double] = ["decimals": 3, "optcr": 1e-4, "optca": 0, "reslim": 1e10, "iterlim": 2e9,
                                     "seed": 3141, "limrow": 3, "limcol": 3]
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
            case .element(let s, let t): return name(s, t)
            case .assignment(let target, let t): return describe(target, t)
            }
        }
        set { evaluating = newValue.isEmpty ? .none : .text(newValue) }
    }
    var runtimeErrors = 0
    /// Generate and load models but do not solve them.
    public var generateOnly = false
    /// Print equation and column listings for every solve (`--listing`); without it they are
    /// printed once the model sets `option limRow`/`limCol` or the model attributes.
    public var listingAlways = false
    var listingRequested = false
    /// Look for an irreducible infeasible subset when a model is infeasible.
    public var explainInfeasibility = true
    /// Solve statements (`file:line`) whose infeasibility was already explained: a solve in a
    /// loop (a sweep that expects infeasible steps) is analysed at its first infeasible run only.
    var explainedSolveStatements = Set<String>()
    /// The last simplex basis of each solve statement (by `file:line`), to warm-start its next solve.
    var lastBasis: [String: SimplexBasis] = [:]
    /// The last multipliers of each nonlinear solve statement, with the rows and columns they
    /// belong to, to warm-start its next solve of the same structure.
    var lastMultipliers: [String: (identity: SolveIdentity, multipliers: InteriorPointMultipliers)] = [:]
    /// Display decimals set per symbol (`option p:d`), by symbol id.
    var symbolDecimals: [Int: Double] = [:]
    /// Solve a linear or mixed-integer model whose constraint matrix splits into independent
    /// blocks block by block, on `blockThreads` threads (`--no-blocks` switches it off).
    public var decomposeBlocks = true
    public var blockThreads = ProcessInfo.processInfo.activeProcessorCount
    /// Stop at the first `solve`, keeping its generated model in `capturedModel` (exports).
    public var stopAtFirstSolve = false
    /// The model of the first solve when `stopAtFirstSolve` is set and generation succeeded.
    public private(set) var capturedModel: CapturedModel?
    let solver: Solver
    /// The backend of nlp, qcp and dnlp models.
    let nonlinearSolver: Solver
    /// The directory of the main model file, where solver option files are looked up first.
    public var modelDirectory: String = "."
    /// Numbers the generations, so that each variable's `columnIndex` can tell whether it
    /// belongs to the model generated last.
    var generationNumber = 0
    var plans: [ObjectIdentifier: DomainPlan] = [:]

    public init(program: Program, diagnostics: DiagnosticBag, solver: Solver, nonlinearSolver: Solver = IpoptSolver()) {
        self.nonlinearSolver = nonlinearSolver
        self.program = program
        self.diagnostics = diagnostics
        self.labels = program.labels
        self.env = Array(repeating: 0, count: program.symbols.count + 1)
        self.solver = solver
    }

    /// Runs all statements; returns false if the run was aborted.
    @discardableResult
    public func run() -> Bool {
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
    func runtimeError(_ code: String, _ message: String, at span: SourceSpan) {
        runtimeErrors += 1
        if runtimeErrors > 20 {
            if runtimeErrors == 21 { diagnostics.error("E4099", "more than 20 run-time errors; further ones are not shown", at: span) }
            return
        }
        let where_ = context.isEmpty ? "" : " while evaluating \(context)"
        diagnostics.error(code, message + where_, at: span)
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
        case .assign(let a): assign(a)
        case .solve(let sv):
            if stopAtFirstSolve {
                if let model = generate(sv) {
                    capturedModel = CapturedModel(model: model, solve: sv)
                }
                throw ControlFlow.captured
            }
            solve(sv)
        case .display(let items, let span): display(items, line: span.line)
        case .option(let opts):
            for o in opts {
                if let sym = o.symbol, let v = o.number {
                    symbolDecimals[sym.id] = v
                } else if let v = o.number {
                    setOption(o.name, v)
                } else if let w = o.word {
                    switch o.name {
                    case "lp", "mip", "rmip":
                        if w != "glpk" && w != "default" {
                            diagnostics.warning("W4001", "solver '\(w)' is not available; GLPK is used for \(o.name)", at: o.span)
                        }
                    case "nlp", "qcp", "dnlp", "rminlp", "rmiqcp":
                        if w != "ipopt" && w != "default" {
                            diagnostics.warning("W4001", "solver '\(w)' is not available; Ipopt is used for \(o.name)", at: o.span)
                        }
                    case "solprint", "sysout":
                        break
                    default:
                        if ["minlp", "miqcp", "mcp", "cns"].contains(o.name) { break }
                        diagnostics.warning("W4002", "option '\(o.name)' expects a number; '\(w)' is ignored", at: o.span)
                    }
                }
            }
        case .loop(let dom, let body, _):
            try iterate(dom, ordered: true) {
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
                runtimeError("E4002", "for loop needs finite bounds and a positive step (got step \(step))", at: span)
                return
            }
            let span_ = ((down ? a - b : b - a) / step).rounded(.down)
            guard span_ < 1e9 else {
                runtimeError("E4002", "for loop would run more than a billion times", at: span)
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
            display(items, line: span.line)
            var text = ""
            for case .text(let t) in items { text = t; break }
            diagnostics.error("E4010", "abort\(text.isEmpty ? "" : ": \(text)")", at: span)
            throw ControlFlow.abort
        case .noop: break
        }
    }

    @inline(__always) func truth(_ v: Double) -> Bool { v != 0 && !v.isNaN }

    // MARK: - assignments

    func assign(_ a: AssignmentR) {
        if case .modelAttribute(let m, let name) = a.target {
            modelAttributes[m.id, default: [:]][name] = eval(a.value)
            if name == "limRow" || name == "limCol" { listingRequested = true }
            return
        }
        if case .systemScalar(let name) = a.target {
            setOption(name, eval(a.value))
            return
        }
        var writes: [(LabelTuple, Double)] = []
        try? iterate(a.domain, ordered: false) {
            guard let t = tuple(a.args) else { return true }
            evaluating = .assignment(a.target, t)
            writes.append((t, eval(a.value)))
            return true
        }
        context = ""
        switch a.target {
        case .parameter(let p):
            for (t, v) in writes { p.values[t] = SpecialValue.isStored(v) ? v : nil }
        case .set(let s):
            for (t, v) in writes {
                if truth(v) { s.setData.insert(t) } else { s.setData.remove(t) }
            }
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
                    runtimeError("E4003", "attribute '.\(attr.rawValue)' of '\(sym.name)' cannot be assigned", at: a.span)
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
        /// A row (or other element) of a symbol.
        case element(Symbol, LabelTuple)
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
