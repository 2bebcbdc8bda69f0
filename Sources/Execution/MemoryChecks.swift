import Diagnostics
import IR
import Semantics

/// The memory limit at run time (`ExecutionSettings.memoryLimit`, E4050): an assignment whose
/// domain is known to hold more elements than fit is refused before it starts, and work that
/// grows with what it visits checks the process's resident memory every `checkInterval`
/// elements. Either ends the run: what memory is left cannot be trusted to finish it.
extension Interpreter {
    /// Elements between two looks at the resident memory (a look costs a few microseconds).
    static let checkInterval = 1 << 18

    /// About the bytes one element written by an assignment to `target` takes: the pending
    /// write (a label tuple and a value, 40 bytes) and the stored entry (its key, value and
    /// hash slots; measured: 8.1 million elements of a parameter peak at 96 bytes each).
    static func bytesPerElement(_ target: AssignmentTarget) -> Int {
        switch target {
        case .parameter: return 40 + 32 + 8 + 16
        case .set: return 40 + 32 + 16 + 16
        case .attribute: return 40 + 32 + 40 + 16
        case .modelAttribute, .systemScalar: return 0
        }
    }

    /// The most elements iterating `d` can bind: the product of its sets' sizes, narrowed by
    /// the sparse plan its condition allows; saturates at `Int.max`.
    func visitBound(_ d: ResolvedDomain) -> Int {
        var counts = d.items.map { $0.set.setData.count }
        if let c = d.condition {
            if let p = plan(for: d, condition: c) {
                counts = p.outer.map { counts[$0] } + [p.driver.setData.count]
            } else if let diagonal = diagonalPlan(for: d, condition: c) {
                for (k, follows) in diagonal.leaders.enumerated() where follows != nil { counts[k] = 1 }
            }
        }
        return counts.reduce(1) { n, k in
            let (p, overflow) = n.multipliedReportingOverflow(by: k)
            return overflow ? Int.max : p
        }
    }

    /// Refuses an assignment over an unconditioned (or sparsely planned) domain that may write
    /// more elements than the memory limit leaves room for: E4050, and the run stops. A
    /// condition the plans cannot narrow may keep few elements, so such an assignment is left
    /// to the checks while it runs.
    func admit(_ a: AssignmentR) throws {
        guard let limit = settings.memoryLimit.bytes, !a.domain.items.isEmpty else { return }
        if let c = a.domain.condition, plan(for: a.domain, condition: c) == nil, diagonalPlan(for: a.domain, condition: c) == nil { return }
        let elements = visitBound(a.domain)
        let bytes = MemoryLimit.product(elements, Interpreter.bytesPerElement(a.target))
        guard !settings.memoryLimit.admits(bytes) else { return }
        let held = MemoryLimit.residentBytes()
        let what = "assignment to \(targetText(a)) may write up to \(MemoryLimit.count(elements)) elements (about \(MemoryLimit.describe(bytes)))"
        let why = bytes > limit ? "more than \(settings.memoryLimit.phrase)"
            : "with the \(MemoryLimit.describe(held)) the run holds already, more than \(settings.memoryLimit.phrase)"
        context = ""
        runtimeError(.E4050, "\(what): \(why)", at: a.span, help: [MemoryLimit.help])
        throw ControlFlow.abort
    }

    /// The values an assignment writes, evaluated over its whole domain before any is stored
    /// (the right-hand side may read the target). A zero (or `no`) where nothing is stored
    /// changes nothing and is not kept, so that a sparse result of a large domain takes memory
    /// for its nonzeros only. Checked against the memory limit before the domain is walked,
    /// before each doubling of the list and every `checkInterval` elements.
    func evaluateWrites(_ a: AssignmentR) throws -> [(LabelTuple, Double)] {
        try admit(a)
        var writes: [(LabelTuple, Double)] = []
        var visited = 0
        let stored = Interpreter.bytesPerElement(a.target)
        func doing() -> String { "assigning \(targetText(a)) (\(MemoryLimit.count(visited)) elements so far)" }
        try iterate(a.domain, ordered: false) {
            visited &+= 1
            if visited % Interpreter.checkInterval == 0 { try checkResidentMemory(doing(), at: a.span) }
            guard let t = tuple(a.args) else { return true }
            evaluating = .assignment(a.target, t)
            let v = eval(a.value)
            switch a.target {
            case .parameter(let p) where !SpecialValue.isStored(v) && p.values[t] == nil: return true
            case .set(let s) where !truth(v) && !s.setData.contains(t): return true
            default: break
            }
            if writes.count == writes.capacity, writes.count >= Interpreter.checkInterval {
                // the list is about to double, and what it holds is stored after the walk
                try checkResidentMemory(doing(), at: a.span, growing: MemoryLimit.product(writes.count, stored))
            }
            writes.append((t, v))
            return true
        }
        return writes
    }

    /// Ends the run with E4050 when the process holds more than the memory limit; `doing`
    /// says what was under way (`assigning p(i,j) (1,048,576 elements so far)`). With
    /// `growing`, when the process could not take that many more bytes.
    func checkResidentMemory(_ doing: @autoclosure () -> String, at span: SourceSpan, growing: Int = 0) throws {
        if reportsMemoryLimit(doing(), at: span, growing: growing) { throw ControlFlow.abort }
    }

    /// `checkResidentMemory` for callers that stop by themselves: whether E4050 was reported.
    func reportsMemoryLimit(_ doing: @autoclosure () -> String, at span: SourceSpan, growing: Int = 0) -> Bool {
        guard growing > 0 ? !settings.memoryLimit.admits(growing) : settings.memoryLimit.isExceeded else { return false }
        let held = MemoryLimit.residentBytes()
        let state = growing > 0 ? "the run holds \(MemoryLimit.describe(held)) and needs about \(MemoryLimit.describe(growing)) more"
            : "the run holds \(MemoryLimit.describe(held))"
        context = ""
        runtimeError(.E4050, "\(state), more than \(settings.memoryLimit.phrase), while \(doing())",
                     at: span, help: [MemoryLimit.help])
        return true
    }

    /// An assignment's target as written: `p(i,j)`, `x.lo(i,'a')`.
    func targetText(_ a: AssignmentR) -> String {
        let base: String
        switch a.target {
        case .parameter(let s), .set(let s): base = s.name
        case .attribute(let s, let attribute): base = "\(s.name).\(attribute.rawValue)"
        case .modelAttribute(let s, let name): return "\(s.name).\(name)"
        case .systemScalar(let name): return name
        }
        guard !a.args.isEmpty else { return base }
        let indices = a.args.map { index -> String in
            switch index {
            case .slot(_, let set, _, _, _): return set.name
            case .label(let l): return "'\(labels.name(l))'"
            }
        }
        return base + "(" + indices.joined(separator: ",") + ")"
    }
}
