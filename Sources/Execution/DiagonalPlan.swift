import IR
import Semantics

/// A plan for a domain whose condition ties an index to an earlier one, one label to one
/// label: `p(i,j)$(ord(i) = ord(j)) = 1`, `$sameAs(i,j)`, `$(ord(i) = ord(j) + 1)`. The tied
/// (later) index is not looped over: its one possible label is computed from the earlier
/// index's, so the walk visits n elements instead of n². The whole condition is still
/// evaluated for every element visited: the plan only leaves out elements where it is false.
/// The walk keeps the nesting of the domain, so it serves ordered loops as well. The leader
/// may also be an index bound outside the domain: `sum(j$(ord(j) = ord(i)), x(i,j))` inside
/// an equation over `i` visits one `j` per row.
struct DiagonalPlan {
    /// How one index's label follows from an earlier index's.
    struct Link {
        enum Rule {
            /// The same label (`sameAs`).
            case sameLabel
            /// ord(leader) + leaderOffset = ord(follower) + followerOffset, positions in
            /// the sets `ord` names (`followerSet` for the follower; the domain item's own set
            /// may be a subset of it, so the label found is then checked against that).
            case position(leaderOffset: [(Node, Double)], followerOffset: [(Node, Double)], followerSet: Symbol)
        }
        /// The slot of the earlier index the label follows from (a domain item's, or one bound
        /// outside the domain).
        var leaderSlot: Int
        var leaderSet: Symbol
        var rule: Rule
    }
    /// Per domain item: how its label follows from an earlier one's; nil: looped over.
    var leaders: [Link?]

    var isEmpty: Bool { leaders.allSatisfy { $0 == nil } }
}

/// `ord(i)` plus constant terms (numbers, scalar parameters, `card`), with their signs.
private struct OrdTerm {
    var slot: Int
    var set: Symbol
    var offset: [(Node, Double)]
}

extension Interpreter {
    /// The diagonal plan of a domain's condition (cached by the condition), nil when no
    /// conjunct ties two of its one-dimensional indices.
    func diagonalPlan(for d: ResolvedDomain, condition: Node) -> DiagonalPlan? {
        let key = ObjectIdentifier(condition)
        if let known = diagonalPlans[key] { return known.isEmpty ? nil : known }
        let found = findDiagonalPlan(d, condition)
        diagonalPlans[key] = found
        return found.isEmpty ? nil : found
    }

    private func findDiagonalPlan(_ d: ResolvedDomain, _ condition: Node) -> DiagonalPlan {
        var plan = DiagonalPlan(leaders: Array(repeating: nil, count: d.items.count))
        /// The domain item a slot belongs to, when it is a one-dimensional item's own slot.
        func item(of slot: Int) -> Int? {
            d.items.firstIndex { $0.slots.count == 1 && $0.slots[0] == slot }
        }
        /// Which of two tied slots follows which: the follower is a domain item, the leader an
        /// earlier item or an index bound outside the domain (a sum's enclosing index); nil
        /// when neither can follow or the follower is linked already.
        func order(_ x: Int, _ y: Int) -> (leader: Int, follower: Int, leaderOutside: Bool, swapped: Bool)? {
            func outside(_ slot: Int) -> Bool { !d.items.contains { $0.slots.contains(slot) } }
            let kx = item(of: x), ky = item(of: y)
            let found: (Int, Int, Bool, Bool)
            switch (kx, ky) {
            case let (kx?, ky?) where kx != ky: found = kx < ky ? (x, ky, false, false) : (y, kx, false, true)
            case let (nil, ky?) where outside(x): found = (x, ky, true, false)
            case let (kx?, nil) where outside(y): found = (y, kx, true, true)
            default: return nil
            }
            return plan.leaders[found.1] == nil ? found : nil
        }
        var pending = [condition]
        while let c = pending.popLast() {
            switch c.kind {
            case .binary(.and, let a, let b):
                pending.append(b)
                pending.append(a)
            case .chain(let first, let links) where links.allSatisfy({ $0.op == .and }):
                pending.append(contentsOf: links.reversed().map(\.operand))
                pending.append(first)
            case .sameAs(.slot(let x, let xs, nil, _, _), .slot(let y, let ys, nil, _, _)):
                guard let o = order(x, y) else { continue }
                plan.leaders[o.follower] = DiagonalPlan.Link(leaderSlot: o.leader, leaderSet: o.swapped ? ys : xs, rule: .sameLabel)
            case .binary(.eq, let a, let b):
                guard let l = ordTerm(a), let r = ordTerm(b), let o = order(l.slot, r.slot) else { continue }
                let (lead, follow) = o.swapped ? (r, l) : (l, r)
                // the follower's label is looked up among the members of its own set's root; an
                // outside leader's position is in whatever set its `ord` names
                guard follow.set.root === d.items[o.follower].set.root,
                      o.leaderOutside || item(of: lead.slot).map({ lead.set.root === d.items[$0].set.root }) == true
                else { continue }
                plan.leaders[o.follower] = DiagonalPlan.Link(leaderSlot: lead.slot, leaderSet: lead.set,
                                                             rule: .position(leaderOffset: lead.offset, followerOffset: follow.offset,
                                                                             followerSet: follow.set))
            default:
                continue
            }
        }
        return plan
    }

    /// `n` as `ord(i)` plus constant terms, or nil.
    private func ordTerm(_ n: Node) -> OrdTerm? {
        switch n.kind {
        case .ord(let slot, let set):
            return OrdTerm(slot: slot, set: set, offset: [])
        case .binary(let op, let a, let b) where op == .add || op == .sub:
            if var t = ordTerm(a), isConstantTerm(b) {
                t.offset.append((b, op == .add ? 1 : -1))
                return t
            }
            if op == .add, var t = ordTerm(b), isConstantTerm(a) {
                t.offset.append((a, 1))
                return t
            }
            return nil
        case .chain(let first, let links) where links.allSatisfy({ $0.op == .add || $0.op == .sub }):
            // as the tree of binary operations reads: `ord(i)` first or right after one constant
            var t: OrdTerm
            var rest = links[...]
            if let head = ordTerm(first) {
                t = head
            } else if links[0].op == .add, isConstantTerm(first), var head = ordTerm(links[0].operand) {
                head.offset.append((first, 1))
                (t, rest) = (head, links.dropFirst())
            } else {
                return nil
            }
            for link in rest {
                guard isConstantTerm(link.operand) else { return nil }
                t.offset.append((link.operand, link.op == .add ? 1 : -1))
            }
            return t
        default:
            return nil
        }
    }

    /// Whether `n` has the same value for every element of any domain: a number, a scalar
    /// parameter, a set's cardinality, or their negation.
    private func isConstantTerm(_ n: Node) -> Bool {
        switch n.kind {
        case .constant, .card: return true
        case .parameter(_, let args): return args.isEmpty
        case .negate(let a): return isConstantTerm(a)
        default: return false
        }
    }

    /// The label a linked index takes for the current labels, nil when there is none.
    func followerLabel(_ link: DiagonalPlan.Link, in item: ResolvedDomain.Item) -> Label? {
        let leader = env[link.leaderSlot]
        switch link.rule {
        case .sameLabel:
            return item.set.setData.contains(LabelTuple(labels: [leader])) ? leader : nil
        case .position(let leaderOffset, let followerOffset, let followerSet):
            guard let p = link.leaderSet.setData.position(of: leader) else { return nil }
            var ord = Double(p + 1)
            for (n, sign) in leaderOffset { ord += sign * eval(n) }
            for (n, sign) in followerOffset { ord -= sign * eval(n) }
            let members = followerSet.setData
            guard ord.isFinite, ord == ord.rounded(), ord >= 1, ord <= Double(members.count) else { return nil }
            let label = members.sorted[Int(ord) - 1][0]
            guard followerSet === item.set || item.set.setData.contains(LabelTuple(labels: [label])) else { return nil }
            return label
        }
    }

    /// Iterates a domain following a diagonal plan, in the domain's own order; the whole
    /// condition is evaluated for every element visited.
    func iterateDiagonal(_ d: ResolvedDomain, _ p: DiagonalPlan, _ body: () throws -> Bool) throws {
        var stop = false
        let depth = d.items.count
        func level(_ k: Int) throws {
            if k == depth {
                if let c = d.condition, !truth(eval(c)) { return }
                if try !body() { stop = true }
                return
            }
            let item = d.items[k]
            if let link = p.leaders[k] {
                guard let label = followerLabel(link, in: item) else { return }
                env[item.slots[0]] = label
                try level(k + 1)
                return
            }
            for t in item.set.setData.sorted {
                for (q, slot) in item.slots.enumerated() { env[slot] = t[q] }
                try level(k + 1)
                if stop { return }
            }
        }
        try level(0)
    }
}
