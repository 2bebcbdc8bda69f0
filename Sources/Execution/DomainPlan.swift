import IR
import Semantics

/// A sparse iteration plan: walk a set's index instead of the full product of domain sets.
///
/// For `sum((t,i,j)$link(j,i), ...)` the indices `i,j` are taken from the members of `link`
/// (through an index on the positions bound outside), so only linked pairs are visited.
struct DomainPlan {
    /// Domain items iterated as usual (outer loops).
    var outer: [Int]
    /// Domain items whose slot is taken from `driver`.
    var covered: [Int]
    /// The set whose members drive the covered slots.
    var driver: Symbol
    /// For each position of `driver`: the slot it binds or reads.
    var driverSlots: [Int]
    /// Bit k set: position k of `driver` is bound before the walk (outer or enclosing).
    var mask: Int
    /// Covered items whose labels must still be checked against their own set (the driver's
    /// declared domain at that position is another set, or the universe).
    var memberChecks: [Int] = []
    /// The conjuncts of the condition other than the driver's membership: only these are
    /// evaluated for a visited member (the walk itself makes the membership true).
    var residual: [Node] = []
    /// Driver positions bound before the walk (the index key) and the slots they read.
    var keyPositions: [(position: Int, slot: Int)] = []
    /// Driver positions the walk binds and the slots they write.
    var boundPositions: [(position: Int, slot: Int)] = []
    /// The slot of each outer item.
    var outerSlots: [Int] = []

    /// Whether the covered items' current labels are in their own sets (`memberChecks`).
    func labelsAreInTheirSets(_ d: ResolvedDomain, _ interpreter: Interpreter) -> Bool {
        for ci in memberChecks {
            let item = d.items[ci]
            if !item.set.setData.contains(LabelTuple(labels: [interpreter.env[item.slots[0]]])) { return false }
        }
        return true
    }

    /// Whether the residual condition holds for the current labels.
    func residualHolds(_ interpreter: Interpreter) -> Bool {
        residual.allSatisfy { interpreter.truth(interpreter.eval($0)) }
    }
}

extension DomainPlan {
    /// When the plan can walk in the domain's own order: the driver's positions are all bound
    /// by a contiguous block of domain items (`(i,j,t)$link(i,j)`, `(t,i,j)$link(j,i)`), so
    /// looping over the items before the block, visiting the driver's members sorted by the
    /// block's items, then looping over the items after it, is the plain nested order.
    /// Returns the driver position of each item of the block, nil when order cannot be kept.
    func orderedPrefix(_ d: ResolvedDomain) -> [Int]? {
        guard mask == 0, let first = covered.first, covered == Array(first..<(first + covered.count)),
              driverSlots.count == covered.count else { return nil }
        var positions: [Int] = []
        for q in covered {
            guard let k = driverSlots.firstIndex(of: d.items[q].slots[0]) else { return nil }
            positions.append(k)
        }
        return positions
    }
}

extension DomainPlan {
    /// The driver's members sorted by the labels at `positions` (from `orderedPrefix`), in
    /// the order an in-order walk visits them.
    func membersInOrder(_ positions: [Int]) -> [LabelTuple] {
        driver.setData.sorted.sorted { a, b in
            for k in positions where a[k] != b[k] { return a[k] < b[k] }
            return false
        }
    }
}

extension Interpreter {
    /// Iterates a domain following a plan, in the domain's own order (`orderedPrefix`): the
    /// driver's members sorted by the leading items' labels, then the other items nested.
    func iteratePlannedInOrder(_ d: ResolvedDomain, _ p: DomainPlan, _ positions: [Int],
                               _ body: () throws -> Bool) throws {
        let members = p.membersInOrder(positions)
        let blockStart = p.covered[0], blockEnd = p.covered[0] + p.covered.count
        let checks = !p.memberChecks.isEmpty, conditioned = !p.residual.isEmpty
        let depth = d.items.count
        var stop = false
        func level(_ k: Int) throws {
            if k == depth {
                if conditioned && !p.residualHolds(self) { return }
                if try !body() { stop = true }
                return
            }
            if k == blockStart {
                for t in members {
                    // no position is bound before an in-order walk: the walk binds them all
                    for (position, slot) in p.boundPositions { env[slot] = t[position] }
                    if checks && !p.labelsAreInTheirSets(d, self) { continue }
                    try level(blockEnd)
                    if stop { return }
                }
                return
            }
            let item = d.items[k]
            for t in item.set.setData.sorted {
                env[item.slots[0]] = t[0]
                try level(k + 1)
                if stop { return }
            }
        }
        try level(0)
    }

    /// Finds a plan for a domain whose condition has a set-membership conjunct.
    func plan(for d: ResolvedDomain, condition: Node) -> DomainPlan? {
        let key = ObjectIdentifier(condition)
        if let p = plans[key] { return p.driverSlots.isEmpty ? nil : p }
        let found = findPlan(d, condition)
        plans[key] = found ?? DomainPlan(outer: [], covered: [], driver: d.items[0].set, driverSlots: [], mask: 0)
        return found
    }

    private func conjuncts(_ n: Node) -> [Node] {
        if case .binary(.and, let a, let b) = n.kind { return conjuncts(a) + conjuncts(b) }
        if case .chain(let first, let links) = n.kind, links.allSatisfy({ $0.op == .and }) {
            return conjuncts(first) + links.flatMap { conjuncts($0.operand) }
        }
        return [n]
    }

    private func findPlan(_ d: ResolvedDomain, _ condition: Node) -> DomainPlan? {
        guard d.items.allSatisfy({ $0.slots.count == 1 }) else { return nil }
        let domainSlots = d.items.map { $0.slots[0] }
        let all = conjuncts(condition)
        for (n, c) in all.enumerated() {
            guard case .setMember(let s, let args) = c.kind else { continue }
            var slots: [Int] = []
            var plain = true
            for a in args {
                guard case .slot(let slot, _, let shift, _, _) = a, shift == nil else { plain = false; break }
                slots.append(slot)
            }
            guard plain, Set(slots).count == slots.count else { continue }
            let coveredItems = d.items.indices.filter { slots.contains(domainSlots[$0]) }
            guard !coveredItems.isEmpty else { continue }
            let outer = d.items.indices.filter { !coveredItems.contains($0) }
            var mask = 0
            for (k, slot) in slots.enumerated() where !coveredItems.contains(where: { domainSlots[$0] == slot }) {
                mask |= 1 << k
            }
            // a covered item needs no check when the driver's declared domain at its position is
            // the item's own set (or an alias of it): the driver's members are in their domain
            let driver = s.root
            let memberChecks = coveredItems.filter { ci in
                let item = d.items[ci]
                if item.set.root === driver { return false }
                guard let k = slots.firstIndex(of: domainSlots[ci]), k < driver.domain.count,
                      let declared = driver.domain[k] else { return true }
                return declared.root !== item.set.root
            }
            var residual = all
            residual.remove(at: n)
            return DomainPlan(outer: Array(outer), covered: coveredItems, driver: driver, driverSlots: slots, mask: mask,
                              memberChecks: memberChecks, residual: residual,
                              keyPositions: slots.indices.filter { mask & (1 << $0) != 0 }.map { ($0, slots[$0]) },
                              boundPositions: slots.indices.filter { mask & (1 << $0) == 0 }.map { ($0, slots[$0]) },
                              outerSlots: outer.map { domainSlots[$0] })
        }
        return nil
    }

    /// Iterates a domain following a plan.
    func iteratePlanned(_ d: ResolvedDomain, _ p: DomainPlan, _ body: () throws -> Bool) throws {
        var stop = false
        let index = p.driver.setData.index(mask: p.mask)
        let checks = !p.memberChecks.isEmpty, conditioned = !p.residual.isEmpty
        let outerSlots = p.outerSlots
        func walk() throws {
            var key = LabelTuple(repeating: 0)
            for (k, slot) in p.keyPositions { key[k] = env[slot] }
            guard let members = index[key] else { return }
            for t in members {
                for (k, slot) in p.boundPositions { env[slot] = t[k] }
                if checks && !p.labelsAreInTheirSets(d, self) { continue }
                if conditioned && !p.residualHolds(self) { continue }
                if try !body() { stop = true; return }
            }
        }
        func level(_ k: Int) throws {
            if k == outerSlots.count { try walk(); return }
            let slot = outerSlots[k]
            for t in d.items[p.outer[k]].set.setData.sorted {
                env[slot] = t[0]
                try level(k + 1)
                if stop { return }
            }
        }
        try level(0)
    }
}
