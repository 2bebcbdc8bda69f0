import Diagnostics
import IR
import Syntax

/// GAMS's functions of asynchronous solves and of the run's clock. They are not `Function`s:
/// `handleCollect` loads a solution, `handleDelete` and `handleSubmit` change the solves'
/// state, `readyCollect` and `sleep` wait, and `timeElapsed` changes by itself, so none is a
/// pure function of its arguments, and none may be part of a model.
public enum SolveHandleFunction: String, CaseIterable, Sendable {
    case handleCollect = "handlecollect"
    case handleStatus = "handlestatus"
    case handleDelete = "handledelete"
    case handleSubmit = "handlesubmit"
    case readyCollect = "readycollect"
    /// Seconds since the run started (written without arguments).
    case timeElapsed = "timeelapsed"
    /// Pauses the run for its argument's seconds (collect loops wait with it); 0.
    case sleep

    /// The spelling of the GAMS documentation.
    public var documentedSpelling: String {
        switch self {
        case .handleCollect: return "handleCollect"
        case .handleStatus: return "handleStatus"
        case .handleDelete: return "handleDelete"
        case .handleSubmit: return "handleSubmit"
        case .readyCollect: return "readyCollect"
        case .timeElapsed: return "timeElapsed"
        case .sleep: return "sleep"
        }
    }
}

extension Compiler {
    /// Resolves a call of a handle function: one handle value, or for `readyCollect` the name
    /// of a parameter of handles and an optional wait in seconds. Nil after a diagnostic.
    func resolveHandleCall(_ f: SolveHandleFunction, _ name: Name, _ args: [Expr], _ s: SourceSpan, _ ctx: Context) -> Node? {
        guard !ctx.inEquation else {
            diagnostics.error(.E2090, "'\(f.documentedSpelling)' cannot be part of an equation", at: name.span,
                              label: "handle functions act when the statement runs",
                              help: ["assign its value to a parameter first, outside the equation"])
            return nil
        }
        let range = f == .readyCollect ? 1...2 : (f == .timeElapsed ? 0...0 : 1...1)
        guard range.contains(args.count) else {
            let count = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            diagnostics.error(.E2011, "'\(name.text)' takes \(count) argument\(range.upperBound == 1 ? "" : "s"), not \(args.count)",
                              at: name.span)
            return nil
        }
        var handles: Symbol? = nil
        var values = args
        if f == .readyCollect {
            guard let h = handleParameter(args[0]) else { return nil }
            handles = h
            values.removeFirst()
        }
        var nodes: [Node] = []
        for a in values {
            guard let n = resolve(a, ctx) else { return nil }
            nodes.append(n)
        }
        return Node(.handleCall(f, nodes, handles: handles), s)
    }

    /// `timeElapsed` written as a name: the call, unless the program declares the name.
    func resolveTimeElapsed(_ r: Reference) -> Node? {
        guard r.args == nil, r.attribute == nil, r.name.key == SolveHandleFunction.timeElapsed.rawValue,
              byName[r.name.key] == nil else { return nil }
        return Node(.handleCall(.timeElapsed, [], handles: nil), r.span)
    }

    /// readyCollect's first argument: a parameter (or scalar) named without indices, whose
    /// entries are the handles to wait for.
    private func handleParameter(_ e: Expr) -> Symbol? {
        guard case .ref(let r) = e, r.args == nil, r.attribute == nil else {
            diagnostics.error(.E2091, "readyCollect needs the name of a parameter of handles as its first argument", at: e.span,
                              help: ["write 'readyCollect(h)' for handles kept in 'h(s) = m.handle'"])
            return nil
        }
        guard let sym = lookup(r.name) else { return nil }
        guard sym.kind == .parameter else {
            diagnostics.error(.E2091, "readyCollect needs the name of a parameter of handles, and '\(sym.name)' is a \(sym.kind.rawValue)",
                              at: r.name.span)
            return nil
        }
        return sym
    }
}
