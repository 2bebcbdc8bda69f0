import Diagnostics
import IR
import Syntax

extension Compiler {
    /// Context of expression resolution.
    struct Context {
        /// Whether variables may appear (equation bodies).
        var inEquation = false
    }


    /// Resolves an expression of data only (no variables outside attributes).
    func resolveData(_ e: Expr) -> Node? { resolve(e, Context()) }

    func isControlled(_ slot: Int) -> Bool { controlled.contains(slot) }

    /// Resolves one expression; reports errors and returns nil on failure.
    func resolve(_ e: Expr, _ ctx: Context) -> Node? {
        switch e {
        case .number(let v, let s):
            return Node(.constant(v), s)
        case .string(let text, let s):
            diagnostics.error(.E2010, "a quoted text '\(text)' cannot be used as a value", at: s,
                              help: ["labels are used as indices, e.g. p('\(text)')"])
            return nil
        case .ref(let r):
            return resolveReference(r, ctx)
        case .unary(let op, let a, let s):
            guard let x = resolve(a, ctx) else { return nil }
            switch op {
            case .minus: return Node(.negate(x), s)
            case .plus: return x
            case .not: return Node(.not(x), s)
            }
        case .binary, .chain:
            return resolveChain(e, ctx)
        case .dollar(let a, let c, let s):
            let x = resolve(a, ctx)
            let y = resolve(c, Context())
            guard let xx = x, let yy = y else { return nil }
            return Node(.dollar(xx, yy), s)
        case .call(let name, let args, let s):
            return resolveCall(name, args, s, ctx)
        case .reduce(let op, let dom, let body, let s):
            guard let d = resolveDomainBinding(dom) else { return nil }
            let b = resolve(body, ctx)
            unbind(d)
            guard let bb = b else { return nil }
            return Node(.reduce(op, d, bb), s)
        }
    }

    /// Resolves a chain `a op b op c ...` in a loop (a generated sum may have 100,000 terms),
    /// every operand even after one fails, so that each error is reported.
    func resolveChain(_ e: Expr, _ ctx: Context) -> Node? {
        guard let (first, links) = e.chainParts else { return resolve(e, ctx) }
        var head = resolve(first, ctx)
        var resolved: [ChainLink<Node>] = []
        for link in links {
            let y = resolve(link.operand, ctx)
            guard head != nil, let yy = y else { head = nil; continue }
            // a set operation takes everything before it as its left side; only a set expression
            // can be one, and an arithmetic run never is
            if resolved.isEmpty, let x = head, let set = Compiler.setOperation(link.op, x, yy, link.span) {
                (head, resolved) = (set, [])
                continue
            }
            resolved.append(ChainLink(link.op, yy, link.span))
        }
        return head.map { Node.joining($0, resolved) }
    }

    func resolveCall(_ name: Name, _ args: [Expr], _ s: SourceSpan, _ ctx: Context) -> Node? {
        let key = name.key
        func arity(_ n: ClosedRange<Int>) -> Bool {
            if n.contains(args.count) { return true }
            diagnostics.error(.E2011, "'\(name.text)' takes \(FunctionDescriptor.argumentCount(n)), not \(args.count)",
                              at: name.span)
            return false
        }
        switch key {
        case "ord":
            guard arity(1...1) else { return nil }
            guard case .ref(let r) = args[0], r.args == nil, r.attribute == nil, let set = lookup(r.name) else {
                if case .ref(let r) = args[0], byName[r.name.key] == nil { return nil }
                diagnostics.error(.E2012, "ord needs a controlled one-dimensional set as its argument", at: args[0].span)
                return nil
            }
            guard set.kind == .set, set.dimension == 1 else {
                diagnostics.error(.E2012, "ord needs a one-dimensional set, '\(set.name)' is not one", at: r.name.span)
                return nil
            }
            guard isControlled(set.id) else {
                diagnostics.error(.E2013, "uncontrolled set '\(set.name)' in ord", at: r.name.span,
                                  label: "not controlled by a sum, loop or equation domain")
                return nil
            }
            set.root.noteSequenceUse(.position)
            return Node(.ord(set.id, set), s)
        case "card":
            guard arity(1...1) else { return nil }
            guard case .ref(let r) = args[0], r.args == nil, r.attribute == nil, let set = lookup(r.name) else {
                if case .ref(let r) = args[0], byName[r.name.key] == nil { return nil }
                diagnostics.error(.E2014, "card needs a symbol name as its argument", at: args[0].span)
                return nil
            }
            return Node(.card(set), s)
        case "sameas":
            guard arity(2...2) else { return nil }
            var idx: [ResolvedIndex] = []
            for a in args {
                switch a {
                case .ref(let r) where r.args == nil && r.attribute == nil:
                    guard let set = lookup(r.name) else { return nil }
                    guard set.kind == .set, isControlled(set.id) else {
                        diagnostics.error(.E2013, "sameAs needs controlled indices or quoted labels", at: r.name.span)
                        return nil
                    }
                    idx.append(.slot(set.id, set, shift: nil, negative: false, circular: false))
                case .string(let t, _):
                    idx.append(.label(program.labels.intern(t)))
                default:
                    diagnostics.error(.E2013, "sameAs needs controlled indices or quoted labels", at: a.span)
                    return nil
                }
            }
            return Node(.sameAs(idx[0], idx[1]), s)
        default:
            if let handle = SolveHandleFunction(rawValue: key), byName[key] == nil {
                return resolveHandleCall(handle, name, args, s, ctx)
            }
            guard let f = BuiltinFunction(name: key) else {
                if let sym = byName[key] {
                    diagnostics.error(.E2020, "the indices of \(sym.kind.rawValue) '\(sym.name)' must be set names or quoted labels, not expressions",
                                      at: s, notes: sym.dimension > 0 ? ["'\(sym.name)' is declared over (\(sym.domainNames.joined(separator: ",")))"] : [])
                    return nil
                }
                let known = Parser.functionNames.union(["ord", "card", "sameas"])
                let close = known.map { ($0, Compiler.editDistance($0, key)) }
                    .filter { $0.1 <= max(1, key.count / 3) }
                    .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
                diagnostics.error(.E1004, "unknown function '\(name.text)'", at: name.span,
                                  help: close.map { ["did you mean '\($0.0)'?"] } ?? [])
                return nil
            }
            guard arity(f.descriptor.arity) else { return nil }
            var out: [Node] = []
            for a in args {
                guard let n = resolve(a, ctx) else { return nil }
                out.append(n)
            }
            return Node(.call(f, out), s)
        }
    }

    /// Resolves a symbol reference used as a value.
    func resolveReference(_ r: Reference, _ ctx: Context) -> Node? {
        if let file = putFiles.byName[r.name.key] { return resolvePutFileAttribute(file, r) }
        if let clock = resolveTimeElapsed(r) { return clock }
        if r.args == nil, r.attribute == nil, let k = acronymIndex[r.name.key] {
            return Node(.constant(SpecialValue.acronym(k)), r.span)
        }
        guard let sym = lookup(r.name) else {
            // resolve arguments anyway so their errors show, without cascading on the name
            return nil
        }
        if sym.kind == .model {
            guard let a = r.attribute, let canon = ModelAttribute(spelling: a.key)?.rawValue else {
                diagnostics.error(.E2015, "model '\(sym.name)' can only be used through an attribute such as '\(sym.name).modelStat'",
                                  at: r.span)
                return nil
            }
            return Node(.modelAttribute(sym, canon), r.span)
        }
        if sym.kind == .set, let a = r.attribute { return resolveSetAttribute(sym, r, a) }
        var attribute: Attribute? = nil
        if let a = r.attribute {
            guard sym.kind == .variable || sym.kind == .equation, let at = Attribute(rawValue: a.key) else {
                diagnostics.error(.E2016, "'\(a.text)' is not an attribute of \(sym.kind.rawValue) '\(sym.name)'", at: a.span,
                                  help: sym.kind == .variable || sym.kind == .equation ? ["use .l, .m, .lo, .up, .fx or .scale"] : [])
                return nil
            }
            attribute = at
        }
        guard let args = resolveArgs(sym, r) else { return nil }
        if (sym.kind == .parameter || sym.kind == .set) && !sym.hasData && !ctx.inEquation && bodyDepth == 0 {
            reportNoData(sym, r.name.span)
        }
        switch sym.kind {
        case .set:
            if sym.dimension == 0 || r.args == nil {
                diagnostics.error(.E2017, "set '\(sym.name)' used as a value needs its indices, e.g. '\(sym.name)(\(sym.domainNames.joined(separator: ",")))'",
                                  at: r.span,
                                  help: r.args == nil ? ["write 'card(\(sym.name))' for the number of elements of '\(sym.name)'"] : [])
                return nil
            }
            return Node(.setMember(sym, args), r.span)
        case .parameter:
            return Node(.parameter(sym, args), r.span)
        case .variable:
            if let a = attribute { return Node(.attribute(sym, a, args), r.span) }
            guard ctx.inEquation else {
                diagnostics.error(.E2018, "variable '\(sym.name)' needs an attribute outside an equation", at: r.name.span,
                                  label: "write '\(sym.name).l' for its level")
                return nil
            }
            return Node(.variable(sym, args), r.span)
        case .equation:
            guard let a = attribute else {
                diagnostics.error(.E2019, "equation '\(sym.name)' used as a value needs an attribute such as '.l' or '.m'",
                                  at: r.name.span)
                return nil
            }
            return Node(.attribute(sym, a, args), r.span)
        case .model:
            return nil
        }
    }

    /// Resolves the index arguments of a reference and checks them against the domain.
    func resolveArgs(_ sym: Symbol, _ r: Reference, freeAllowed: Bool = false) -> [ResolvedIndex]? {
        let given = r.args ?? []
        if !sym.dimensionKnown && given.count > maxDimension {
            diagnostics.error(.E2001, "a symbol may have at most \(maxDimension) indices", at: r.span)
            return nil
        }
        // the first indexed use fixes the dimension of a symbol declared without a domain; so
        // does a use without indices, except for a set (named bare as a set, not as a value)
        if !sym.dimensionKnown && (!given.isEmpty || (r.args == nil && sym.kind != .set)) {
            learnDimension(sym, given.count)
        }
        if given.count != sym.dimension {
            if r.args == nil && sym.kind == .set { return [] }
            diagnostics.error(.E2020, "'\(sym.name)' has \(sym.dimension) ind\(sym.dimension == 1 ? "ex" : "ices") but is used with \(given.count)",
                              at: r.span, label: "expected \(sym.dimension)",
                              notes: sym.dimension > 0 ? ["'\(sym.name)' is declared over (\(sym.domainNames.joined(separator: ",")))"] : [])
            return nil
        }
        var out: [ResolvedIndex] = []
        var ok = true
        for (k, a) in given.enumerated() {
            let dset = sym.domain[k]
            switch a.kind {
            case .label(let l):
                let id = program.labels.intern(l.text)
                if let d = dset, d.hasData, !d.setData.contains(LabelTuple(labels: [id])) {
                    diagnostics.error(.E3014, "domain violation: '\(l.text)' is not in set '\(d.name)'", at: l.span,
                                      label: "not an element of '\(d.name)'")
                    ok = false
                }
                if a.shift != nil {
                    diagnostics.error(.E2021, "a lag or lead needs a set index, not a label", at: a.span)
                    ok = false
                }
                out.append(.label(id))
            case .name(let n):
                guard let iset = lookup(n, report: false) else {
                    reportUnknownIndex(n, of: sym, position: k, in: r)
                    ok = false
                    continue
                }
                if iset.kind == .set { learnDimension(iset, 1) }
                guard iset.kind == .set, iset.dimension == 1 else {
                    diagnostics.error(.E2022, "'\(n.text)' is a \(iset.kind == .set ? "\(iset.dimension)-dimensional set" : iset.kind.rawValue), not a one-dimensional set, and cannot index '\(sym.name)'",
                                      at: n.span, help: iset.kind == .set ? [] : ["a label used as an index must be quoted: '\(n.text)'"])
                    ok = false
                    continue
                }
                if !isControlled(iset.id) && !freeAllowed {
                    diagnostics.error(.E2013, "uncontrolled set '\(iset.name)' used as an index of '\(sym.name)'", at: n.span,
                                      label: "not controlled by a sum, loop, equation or assignment domain")
                    ok = false
                    continue
                }
                if let d = dset, !Compiler.isSubset(iset, of: d) {
                    diagnostics.error(.E2023, "domain violation: set '\(iset.name)' is not '\(d.name)' or a subset of it",
                                      at: n.span, label: "'\(sym.name)' expects '\(d.name)' here")
                    ok = false
                    continue
                }
                var shift: Node? = nil
                if let sh = a.shift {
                    guard let amount = resolveData(sh.amount) else { ok = false; continue }
                    shift = amount
                    // a lag or lead moves along the set (and the symbol's domain set): time-like
                    iset.root.noteSequenceUse(.lagLead)
                    dset?.root.noteSequenceUse(.lagLead)
                }
                out.append(.slot(iset.id, iset, shift: shift, negative: a.shift?.negative ?? false,
                                 circular: a.shift?.circular ?? false))
            }
        }
        return ok ? out : nil
    }

    /// Reports an unknown name used as an index; when it is a label of the position's domain
    /// (or of any set), says how to quote it.
    func reportUnknownIndex(_ n: Name, of sym: Symbol, position: Int, in r: Reference) {
        guard !reportedUnknown.contains(n.key), !unreliableNames.contains(n.key) else { return }
        let label = program.labels.lookup(n.text)
        var owner: Symbol? = nil
        if let label {
            let tuple = LabelTuple(labels: [label])
            if position < sym.domain.count, let d = sym.domain[position], d.hasData, d.setData.contains(tuple) {
                owner = d
            } else {
                owner = program.symbols.first { $0.kind == .set && $0.dimension == 1 && $0.hasData && $0.setData.contains(tuple) }
            }
        }
        guard let owner else { reportUnknown(n); return }
        reportedUnknown.insert(n.key)
        let args = (r.args ?? []).enumerated().map { k, a -> String in
            if k == position { return "\"\(n.text)\"" }
            switch a.kind {
            case .name(let m): return m.text
            case .label(let l): return "\"\(l.text)\""
            }
        }
        diagnostics.error(.E1001, "unknown symbol '\(n.text)'", at: n.span, label: "not declared",
                          help: ["'\(n.text)' is an element of set '\(owner.name)'; quote it to use the label: \(sym.name)(\(args.joined(separator: ",")))"])
    }

    /// Whether set `a` is `b`, an alias of it, or (transitively) declared as its subset.
    static func isSubset(_ a: Symbol, of b: Symbol) -> Bool {
        var cur: Symbol? = a.root
        let target = b.root
        var steps = 0
        while let c = cur, steps < 64 {
            if c === target { return true }
            guard c.dimension == 1, let parent = c.domain[0] else { return false }
            cur = parent.root
            steps += 1
        }
        return false
    }

    /// Resolves an index domain and puts its indices under control; callers `unbind` after.
    func resolveDomainBinding(_ dom: IndexDomain) -> ResolvedDomain? {
        var items: [ResolvedDomain.Item] = []
        var ok = true
        var bound: [Int] = []
        var memberships: [Node] = []
        for item in dom.items {
            guard let set = lookup(item.name) else { ok = false; continue }
            if set.kind == .set && !set.hasData && bodyDepth == 0 { reportNoData(set, item.name.span) }
            guard set.kind == .set else {
                diagnostics.error(.E2024, "'\(item.name.text)' is a \(set.kind.rawValue), not a set, and cannot control an index",
                                  at: item.name.span)
                ok = false
                continue
            }
            learnDimension(set, item.args?.count ?? 1)
            if let args = item.args {
                guard args.count == set.dimension else {
                    diagnostics.error(.E2020, "'\(set.name)' has \(set.dimension) indices but is used with \(args.count)",
                                      at: item.name.span)
                    ok = false
                    continue
                }
                guard let names = freshIndexNames(args, bound: bound) else {
                    if let member = resolveQualifiedItem(set, item, args, items: &items, bound: &bound) {
                        memberships.append(member)
                    } else {
                        ok = false
                    }
                    continue
                }
                var slots: [Int] = []
                var sets: [Symbol] = []
                for (k, a) in names.enumerated() {
                    guard let s = lookup(a) else { ok = false; continue }
                    guard s.kind == .set, s.dimension == 1 else {
                        diagnostics.error(.E2022, "'\(a.text)' is not a one-dimensional set", at: a.span)
                        ok = false
                        continue
                    }
                    if let d = set.domain[k], !Compiler.isSubset(s, of: d) {
                        diagnostics.error(.E2023, "domain violation: set '\(s.name)' is not '\(d.name)' or a subset of it",
                                          at: a.span)
                        ok = false
                    }
                    slots.append(s.id)
                    sets.append(s)
                    bound.append(s.id)
                }
                items.append(ResolvedDomain.Item(set: set, slots: slots, slotSets: sets))
            } else {
                guard set.dimension == 1 else {
                    diagnostics.error(.E2026, "'\(set.name)' has \(set.dimension) indices; write '\(set.name)(\(set.domainNames.joined(separator: ",")))' to control them",
                                      at: item.name.span)
                    ok = false
                    continue
                }
                if isControlled(set.id) || bound.contains(set.id) {
                    diagnostics.error(.E2025, "set '\(set.name)' is already under control", at: item.name.span)
                    ok = false
                }
                bound.append(set.id)
                items.append(ResolvedDomain.Item(set: set, slots: [set.id], slotSets: [set]))
            }
        }
        controlled.append(contentsOf: bound)
        // memberships of set-qualified items come first: the planner walks the first one's index
        var cond = memberships.reduce(nil as Node?) { a, m in a.map { Node(.binary(.and, $0, m), dom.span) } ?? m }
        if let c = dom.condition {
            if let r = resolveData(c) {
                cond = cond.map { Node(.binary(.and, $0, r), dom.span) } ?? r
            } else {
                ok = false
            }
        }
        if !ok {
            controlled.removeLast(bound.count)
            return nil
        }
        return ResolvedDomain(items: items, condition: cond, span: dom.span)
    }

    /// The index names of a set-qualified item when each is a plain name, not controlled yet
    /// and not repeated (`link(i,j)` binding both): then the item binds them all directly.
    func freshIndexNames(_ args: [IndexArg], bound: [Int]) -> [Name]? {
        var names: [Name] = []
        var seen: [Int] = []
        for a in args {
            guard case .name(let n) = a.kind, a.shift == nil else { return nil }
            if let s = byName[n.key] {
                if isControlled(s.id) || bound.contains(s.id) || seen.contains(s.id) { return nil }
                seen.append(s.id)
            }
            names.append(n)
        }
        return names
    }

    /// A set-qualified item with an index already controlled, shifted or a quoted label
    /// (`arc(n,m)` inside `bal(n)`, `nh(i+1)`, `vs(v,s+1)`): GAMS reads it as the free indices
    /// restricted to the set's members, so the free indices become items of their own and
    /// the membership a condition, exactly as if written `m$arc(n,m)` (which generation walks
    /// through the set's index). Returns the membership condition.
    func resolveQualifiedItem(_ set: Symbol, _ item: IndexDomain.Item, _ args: [IndexArg],
                              items: inout [ResolvedDomain.Item], bound: inout [Int]) -> Node? {
        for a in args {
            guard case .name(let n) = a.kind else { continue }
            guard let s = lookup(n) else { return nil }
            if s.kind == .set { learnDimension(s, 1) }
            guard s.kind == .set, s.dimension == 1 else {
                diagnostics.error(.E2022, "'\(n.text)' is not a one-dimensional set", at: n.span)
                return nil
            }
            if isControlled(s.id) || bound.contains(s.id) { continue }
            bound.append(s.id)
            items.append(ResolvedDomain.Item(set: s, slots: [s.id], slotSets: [s]))
        }
        controlled.append(contentsOf: bound)
        defer { controlled.removeLast(bound.count) }
        let ref = Reference(name: item.name, attribute: nil, args: args, span: item.name.span)
        guard let resolved = resolveArgs(set, ref) else { return nil }
        return Node(.setMember(set, resolved), item.name.span)
    }

    /// Releases the indices a domain put under control.
    func unbind(_ d: ResolvedDomain) {
        let n = d.items.reduce(0) { $0 + $1.slots.count }
        controlled.removeLast(min(n, controlled.count))
    }

    /// Builds the domain of free (uncontrolled) indices in a reference's arguments.
    /// Set-qualified subscripts of a target (`a(i,sub(p))`, `flow(arc(n,m))`) restrict it to
    /// the tuples each set holds: their memberships come first in the condition, where the
    /// planner walks the first one's index, as for `a(i,p)$sub(p)`.
    func freeDomain(_ r: Reference, condition: Expr?, qualifiers: [IndexDomain.Item] = []) -> (ResolvedDomain, Int)? {
        var items: [ResolvedDomain.Item] = []
        for a in r.args ?? [] {
            guard case .name(let n) = a.kind, let s = byName[n.key], s.kind == .set else { continue }
            learnDimension(s, 1)
            guard s.dimension == 1 else { continue }
            if isControlled(s.id) || items.contains(where: { $0.slots[0] == s.id }) { continue }
            items.append(ResolvedDomain.Item(set: s, slots: [s.id], slotSets: [s]))
        }
        controlled.append(contentsOf: items.map { $0.slots[0] })
        var parts: [Node] = []
        var ok = true
        for q in qualifiers {
            guard let set = lookup(q.name) else { ok = false; continue }
            guard set.kind == .set else {
                diagnostics.error(.E2024, "'\(q.name.text)' is a \(set.kind.rawValue), not a set, and cannot qualify an index",
                                  at: q.name.span)
                ok = false
                continue
            }
            let ref = Reference(name: q.name, attribute: nil, args: q.args, span: q.name.span)
            guard let args = resolveArgs(set, ref) else { ok = false; continue }
            parts.append(Node(.setMember(set, args), q.name.span))
        }
        if let c = condition {
            if let n = resolveData(c) { parts.append(n) } else { ok = false }
        }
        guard ok else {
            controlled.removeLast(items.count)
            return nil
        }
        let cond = parts.reduce(nil as Node?) { a, n in a.map { Node(.binary(.and, $0, n), r.span) } ?? n }
        return (ResolvedDomain(items: items, condition: cond, span: r.span), items.count)
    }

    func compileAssignment(_ a: Assignment) -> AssignmentR? {
        if a.target.name.key == "execseed", lookup(a.target.name, report: false) == nil,
           a.target.args == nil, a.target.attribute == nil, a.condition == nil {
            guard let v = resolveData(a.value) else { return nil }
            return AssignmentR(target: .systemScalar("execseed"), args: [],
                               domain: ResolvedDomain(items: [], condition: nil, span: a.span), value: v, span: a.span)
        }
        let wasReferenced = byName[a.target.name.key].map { referenced.contains($0.id) } ?? false
        guard let sym = lookup(a.target.name) else { return nil }
        // naming the target is no use of it; reading it on the right-hand side is
        if !wasReferenced { referenced.remove(sym.id) }
        assigned.insert(sym.id)
        // after this statement the target counts as assigned, even if the statement has errors
        defer { sym.hasData = true }
        var target: AssignmentTarget
        switch sym.kind {
        case .model:
            guard let at = a.target.attribute, let canon = ModelAttribute(spelling: at.key)?.rawValue else {
                diagnostics.error(.E2015, "assign to a model attribute such as '\(sym.name).optCr'", at: a.target.span)
                return nil
            }
            guard let v = resolveData(a.value) else { return nil }
            if let why = ModelAttribute(rawValue: canon)?.ignoredBecause {
                diagnostics.warning(.W2003, "'\(sym.name).\(at.text)' has no effect in enm: \(why)", at: at.span)
            }
            return AssignmentR(target: .modelAttribute(sym, canon), args: [],
                               domain: ResolvedDomain(items: [], condition: nil, span: a.span), value: v, span: a.span)
        case .set:
            if a.target.attribute != nil {
                diagnostics.error(.E2016, "sets have no attributes", at: a.target.span)
                return nil
            }
            target = .set(sym)
        case .parameter:
            if a.target.attribute != nil {
                diagnostics.error(.E2016, "parameters have no attributes", at: a.target.span)
                return nil
            }
            target = .parameter(sym)
        case .variable, .equation:
            guard let at = a.target.attribute, let attr = Attribute(rawValue: at.key) else {
                diagnostics.error(.E2027, "cannot assign to \(sym.kind.rawValue) '\(sym.name)'; assign to an attribute such as '\(sym.name).l' or '\(sym.name).fx'",
                                  at: a.target.name.span)
                return nil
            }
            target = .attribute(sym, attr)
            if attr == .prior {
                diagnostics.warning(.W2004, "'\(sym.name).prior' has no effect in enm: GLPK's branch-and-cut takes no branching priorities",
                                    at: at.span)
            }
        }
        guard let (domain, count) = freeDomain(a.target, condition: a.condition, qualifiers: a.qualifiers) else { return nil }
        defer { controlled.removeLast(count) }
        guard let args = resolveArgs(sym, a.target) else { return nil }
        guard let v = resolveData(a.value) else { return nil }
        sym.hasData = true
        return AssignmentR(target: target, args: args, domain: domain, value: v, span: a.span)
    }

    func compileEquationDefinition(_ d: EquationDefinition) {
        guard let sym = lookup(d.name) else { return }
        guard sym.kind == .equation else {
            diagnostics.error(.E2028, "'\(sym.name)' is a \(sym.kind.rawValue), not an equation; declare it with 'Equation \(sym.name)'",
                              at: d.name.span)
            return
        }
        attemptedDefinitions.insert(sym.id)
        var duplicate = false
        if let old = program.definitions[sym.id] {
            diagnostics.error(.E2029, "equation '\(sym.name)' is defined twice", at: d.name.span,
                              notes: ["first defined at line \(old.span.line)"])
            duplicate = true  // the body is still checked, so its own errors show too
        }
        let ref = Reference(name: d.name, attribute: nil, args: d.indices.isEmpty ? nil : d.indices, span: d.name.span)
        guard let (domain, count) = freeDomain(ref, condition: d.condition, qualifiers: d.qualifiers) else { return }
        defer { controlled.removeLast(count) }
        guard let args = resolveArgs(sym, ref) else { return }
        let l = resolve(d.lhs, Context(inEquation: true))
        let r = resolve(d.rhs, Context(inEquation: true))
        guard let lhs = l, let rhs = r, !duplicate else { return }
        program.definitions[sym.id] = EquationDefinitionR(symbol: sym, domain: domain, args: args, lhs: lhs, rhs: rhs,
                                                          relation: d.relation, span: d.name.span)
    }

    func compileSolve(_ s: SolveStatement) -> SolveR? {
        let m = lookup(s.model)
        guard let type = ModelType(spelling: s.type.key) else {
            diagnostics.error(.E2032, "unknown model type '\(s.type.text)'", at: s.type.span,
                              help: ["model types are lp, mip, rmip, nlp, qcp, dnlp"])
            return nil
        }
        let allowed: ExpressionClass
        switch type {
        case .lp, .mip, .rmip: allowed = .linear
        case .qcp, .rmiqcp, .miqcp: allowed = .quadratic
        case .nlp, .rminlp, .minlp, .mcp, .mpec, .rmpec: allowed = .nonlinear
        case .dnlp: allowed = .nonsmooth
        case .cns, .emp:
            diagnostics.error(.E2031, "model type '\(s.type.text)' is not supported", at: s.type.span,
                              help: ["enm solves models of type lp, rmip, mip, nlp, qcp, rmiqcp, rminlp, dnlp, minlp, miqcp, mcp, mpec and rmpec"])
            return nil
        }
        guard let model = m else { return nil }
        guard model.kind == .model else {
            diagnostics.error(.E2033, "'\(model.name)' is a \(model.kind.rawValue), not a model", at: s.model.span)
            return nil
        }
        var obj: Symbol? = nil
        if type == .mcp {
            if let objName = s.objective {
                diagnostics.error(.E2113, "a complementarity problem has no objective", at: objName.span,
                                  label: "remove 'minimizing \(objName.text)'", help: ["write 'solve \(model.name) using mcp;'"])
                return nil
            }
        } else {
            guard let objName = s.objective else {
                diagnostics.error(.E2034, "solve needs 'minimizing' or 'maximizing' and an objective variable", at: s.span)
                return nil
            }
            guard let o = lookup(objName) else { return nil }
            guard o.kind == .variable, o.dimension == 0 else {
                diagnostics.error(.E2035, "the objective '\(o.name)' must be a scalar variable", at: objName.span)
                return nil
            }
            obj = o
        }
        // every equation of the model must be defined and linear for lp/mip
        let eqs = program.modelEquations[model.id] ?? []
        if eqs.isEmpty {
            diagnostics.error(.E2036, "model '\(model.name)' has no equations", at: s.model.span)
            return nil
        }
        var ok = true
        for e in eqs {
            guard let def = program.definitions[e.id] else {
                if attemptedDefinitions.contains(e.id) || unreliableNames.contains(e.name.lowercased()) { ok = false; continue }
                diagnostics.error(.E2037, "equation '\(e.name)' of model '\(model.name)' is declared but not defined", at: s.model.span,
                                  notes: ["declared at line \(e.line)"])
                ok = false
                continue
            }
            let c = Compiler.classify(def)
            guard c.kind > allowed, let bad = c.culprit else { continue }
            ok = false
            let at = Compiler.extent(of: bad)
            switch (c.kind, allowed) {
            case (.discontinuous, _):
                diagnostics.error(.E2041, "equation '\(e.name)' uses a discontinuous function of a variable: \(c.reason)",
                                  at: at, label: "discontinuous",
                                  help: ["no model type accepts it; rewrite it with binary variables or move it into the data"])
            case (_, .linear):
                diagnostics.error(.E2038, "equation '\(e.name)' is nonlinear but model '\(model.name)' is solved using \(type)",
                                  at: at, label: "nonlinear term",
                                  help: ["linear models allow only sums of constants times variables; solve it using \(c.kind.modelType)"])
            case (_, .quadratic):
                diagnostics.error(.E2039, "equation '\(e.name)' is not quadratic but model '\(model.name)' is solved using \(type): \(c.reason)",
                                  at: at, label: "\(c.kind.name) term", help: ["solve it using \(c.kind.modelType)"])
            default:
                diagnostics.error(.E2040, "equation '\(e.name)' is not smooth but model '\(model.name)' is solved using \(type): \(c.reason)",
                                  at: at, label: "non-smooth term",
                                  help: [type == .mcp ? "reformulate it smoothly: Newton's method needs derivatives" : "solve it using dnlp, or reformulate it smoothly"])
            }
        }
        return ok ? SolveR(model: model, type: type, maximize: s.maximize, objective: obj, span: s.span,
                                modelSpan: s.model.span, objectiveSpan: s.objective?.span ?? s.span) : nil
    }

    /// The span covering a whole expression when it sits on one line (else the node's own span).
    public static func extent(of n: Node) -> SourceSpan {
        var first = n.span.column, last = n.span.column + n.span.length
        // an explicit stack: a long sum on one line would otherwise recurse once per term
        var pending = [n]
        while let m = pending.popLast() {
            guard m.span.line == n.span.line, m.span.file === n.span.file else { return n.span }
            first = Swift.min(first, m.span.column)
            last = Swift.max(last, m.span.column + m.span.length)
            switch m.kind {
            case .negate(let a), .not(let a): pending.append(a)
            case .binary(_, let a, let b), .dollar(let a, let b): pending.append(b); pending.append(a)
            case .chain(let first, let links): pending.append(contentsOf: links.reversed().map(\.operand)); pending.append(first)
            case .call(_, let args): pending.append(contentsOf: args.reversed())
            case .reduce(_, _, let body): pending.append(body)
            default: break
            }
        }
        return SourceSpan(file: n.span.file, line: n.span.line, column: first, length: last - first)
    }

    /// Reports (once per symbol) a parameter or set used before it has data, as GAMS does.
    func reportNoData(_ sym: Symbol, _ span: SourceSpan) {
        guard !reportedUnknown.contains("#nodata#" + sym.name.lowercased()), !unreliableNames.contains(sym.name.lowercased()) else { return }
        reportedUnknown.insert("#nodata#" + sym.name.lowercased())
        diagnostics.error(.E3015, "\(sym.kind.rawValue) '\(sym.name)' is used but has no data", at: span,
                          label: "no data or assignment before this use",
                          notes: ["'\(sym.name)' is declared at line \(sym.line)"],
                          help: ["give it data with '/ ... /' or assign it before this statement"])
    }

    func compileDisplayArg(_ a: DisplayArg) -> DisplayItemR? {
        switch a {
        case .text(let t, _): return .text(t)
        case .ref(let r):
            guard let sym = lookup(r.name) else { return nil }
            if sym.kind == .model {
                guard let at = r.attribute, let canon = ModelAttribute(spelling: at.key)?.rawValue else {
                    diagnostics.error(.E2015, "display a model attribute such as '\(sym.name).modelStat'", at: r.span)
                    return nil
                }
                return .modelAttribute(sym, canon)
            }
            var attr: Attribute? = nil
            if let at = r.attribute {
                guard sym.kind == .variable || sym.kind == .equation, let x = Attribute(rawValue: at.key) else {
                    diagnostics.error(.E2016, "'\(at.text)' is not an attribute of '\(sym.name)'", at: at.span)
                    return nil
                }
                attr = x
            } else if sym.kind == .variable || sym.kind == .equation {
                attr = .l
            } else if !sym.hasData && bodyDepth == 0 {
                reportNoData(sym, r.name.span)
            }
            if r.args != nil {
                diagnostics.warning(.W2001, "display shows all of '\(sym.name)'; the index list is ignored", at: r.span)
            }
            return .symbol(sym, attr)
        }
    }

    static let knownOptions: Set<String> = [
        "decimals", "optcr", "optca", "reslim", "iterlim", "limrow", "limcol", "solprint", "sysout", "seed",
        "lp", "mip", "rmip", "nlp", "qcp", "dnlp", "minlp", "miqcp", "rminlp", "rmiqcp", "mcp", "cns", "mpec", "rmpec", "emp", "solvelink",
        "threads", "holdfixed", "profile", "domlim", "bratio", "eject", "savepoint", "solvercntr", "workspace",
        "optfile", "dispwidth", "execseed", "sparserun", "integer1", "intvarup", "iterlimit", "threadsasync", "asyncsollst",
    ]

    func compileOption(_ o: OptionSetting) -> OptionR? {
        if o.isSymbolDecimals {
            guard let sym = lookup(o.name) else { return nil }
            return OptionR(name: "decimals", number: o.number, word: nil, span: o.span, symbol: sym)
        }
        if o.name.key == "clear" || o.name.key == "kill" {
            // `option clear = x;` resets a symbol's data to its defaults while the model runs
            guard let word = o.word, let sym = lookup(Name(word, o.span)) else {
                if o.word == nil {
                    diagnostics.error(.E0022, "option \(o.name.key) needs the name of the symbol to clear", at: o.span)
                }
                return nil
            }
            return OptionR(name: o.name.key, number: nil, word: nil, span: o.span, symbol: sym)
        }
        if !Compiler.knownOptions.contains(o.name.key) {
            diagnostics.warning(.W2002, "unknown option '\(o.name.text)' is ignored", at: o.name.span)
            return nil
        }
        return OptionR(name: o.name.key, number: o.number, word: o.word?.lowercased(), span: o.span)
    }
}
