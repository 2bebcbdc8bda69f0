import IR

/// One instruction of the precompiled second-order sweep of an element (see `Layout`).
///
/// Push along an argument edge: `W[dst] += P[a] · W[src]`.
/// Push of a diagonal entry along two edges: `W[dst] += P[a] · P[b] · W[src]`.
/// Creation: `W[dst] += adjoint · ∂²node/∂arg_a∂arg_b` (`a`, `b` argument positions).
/// A factor 2 is written as the same push twice; for a creation `src` is the factor (1 or 2).
struct Step {
    var dst: Int32
    var src: Int32
    var a: Int32
    var b: Int32
}

/// One element function of the Hessian: `coefficient` times the node of `programs[firstNode]`,
/// scaled by the objective factor (`owner` -1) or the multiplier of row `owner`.
struct ElementHeader {
    var coefficient: Double
    var owner: Int32
    /// Number of scratch slots the element uses.
    var scratch: Int32
    var firstNode: Int32
    var endNode: Int32
}

/// The steps of one node of an element, in sweep order: pushes `push ..< diagonal`, diagonal
/// pushes `diagonal ..< create`, creations `create ..< end`.
struct NodeProgram {
    var node: Int32
    var push: Int32
    var diagonal: Int32
    var create: Int32
    var end: Int32
}

/// Everything `ModelDerivatives` computes once from a model: the node table with one node per
/// column, which nodes and edges carry derivatives, per-root sweep lists, the Jacobian and
/// Hessian structures and the compiled second-order sweeps of the Hessian elements.
///
/// **Activity.** A node is active when its value can change with some column through a
/// differentiable path. Constants, conditions (and the condition of `ifThen`), `x ** 0`,
/// `1 ** x`, products with a literal zero factor are inactive: their derivative is zero, so they
/// appear in no Jacobian and no Hessian structure.
///
/// **Hessian.** Each root (the objective and every nonlinear row) is split through its top-level
/// sums, differences, negations, constant factors and constant divisors into element functions
/// with a coefficient. Each element is differentiated by edge pushing: one reverse sweep in
/// which every node first pushes the second-order weights `W(node, ·)` it received down to its
/// arguments (through its first partials), then creates `adjoint · ∂²node` weights between its
/// arguments, then passes its adjoint on. What this sweep touches depends only on the DAG, so it
/// is run symbolically here and recorded as a list of `Step`s over numbered slots of `W`; a slot
/// between two columns is the index of that entry in the Hessian value array, the others are
/// scratch slots of the element. Evaluating the Hessian is then a forward sweep for values and
/// partials plus, per element, a replay of its steps.
///
/// The structure found this way is exact for the DAG: an entry is present iff some chain of
/// nonzero first partials links it to a structurally nonzero second partial. The only entries
/// that can be numerically zero everywhere come from cancellation and identities the DAG does
/// not show (`sqr(x - x)`, `exp(log(x))`, `x / (y / z)` being linear in `z`), and from the
/// branches of `min`, `max` and `ifThen`, whose structure is the union over all branches (which
/// branch is taken is only known at a point).
struct Layout {
    // Node table (variable arguments redirected to one node per column).
    var nodes: [NLNode]
    var args: [Int32]
    var isActive: [Bool]
    var edgeActive: [Bool]
    /// Active edges of node i: `activeEdges[activeStart[i] ..< activeStart[i + 1]]`; those whose
    /// argument is not a variable come first and end at `activeInternalEnd[i]`.
    var activeStart: [Int32] = []
    var activeInternalEnd: [Int32] = []
    var activeEdges: [Int32] = []

    // Roots: the objective term (row -1) and every nonlinear row entry.
    var rootNode: [Int32] = []
    var rootRow: [Int32] = []
    /// Nodes to evaluate (ascending, no constants): `evalList[evalStart[r] ..< evalStart[r + 1]]`.
    var evalStart: [Int32] = [0]
    var evalList: [Int32] = []
    /// Active non-variable nodes for the reverse sweep (descending).
    var revStart: [Int32] = [0]
    var revList: [Int32] = []
    /// Active variables reached and where their derivative goes: the Jacobian slot for a row,
    /// the column for the objective.
    var varStart: [Int32] = [0]
    var varList: [Int32] = []
    var varTarget: [Int32] = []
    var objectiveRootIndex = -1

    // Jacobian.
    var jacobianRows: [Int32] = []
    var jacobianColumns: [Int32] = []
    var jacobianConstant: [Double] = []
    var objectiveColumns: [Int32] = []
    var objectiveCoefficients: [Double] = []

    // Hessian.
    var hessianRows: [Int32] = []
    var hessianColumns: [Int32] = []
    /// Union of all roots' evaluation lists (ascending).
    var unionEvalList: [Int32] = []
    var elements: [ElementHeader] = []
    /// The nodes of each element with the ranges of their steps, element by element.
    var programs: [NodeProgram] = []
    var steps: [Step] = []
    var maxScratch = 0

    // Work arrays of the construction.
    private var mark: [Int32]
    private var stamp: Int32 = 0
    private var stack: [Int32] = []
    private var localId: [Int32]
    private var pairId: [UInt64: Int32] = [:]
    private var pairKeys: [UInt64] = []
    private var workReached: [Int32] = []
    private var workInner: [Int32] = []
    private var workVariables: [Int32] = []
    private var workPartners: [[Int32]] = []
    private var workSlots: [UInt64: Int32] = [:]

    init(_ model: ScalarModel) {
        let pool = model.nonlinear
        let columnCount = model.columnCount
        nodes = pool.nodes
        args = pool.arguments
        let nodeCount = nodes.count
        isActive = [Bool](repeating: false, count: nodeCount)
        edgeActive = [Bool](repeating: false, count: args.count)
        mark = [Int32](repeating: 0, count: nodeCount)
        localId = [Int32](repeating: -1, count: nodeCount)

        // One node per column: the first variable node of the column.
        var columnNode = [Int32](repeating: -1, count: columnCount)
        for i in 0 ..< nodeCount where nodes[i].op == .variable {
            let c = Int(nodes[i].column)
            precondition(c >= 0 && c < columnCount, "nonlinear variable node refers to a missing column")
            if columnNode[c] < 0 { columnNode[c] = Int32(i) }
        }
        func canonical(_ node: Int32) -> Int32 {
            let n = nodes[Int(node)]
            return n.op == .variable ? columnNode[Int(n.column)] : node
        }
        for k in args.indices { args[k] = canonical(args[k]) }

        computeActivity()

        // Roots.
        var rootsOfRow = [[Int32]](repeating: [], count: model.rowCount)
        precondition(Int(model.objectiveRoot) < nodeCount, "objective root out of range")
        if model.objectiveRoot >= 0 {
            objectiveRootIndex = 0
            addRoot(canonical(model.objectiveRoot), row: -1)
        }
        for entry in model.nonlinearRows {
            precondition(entry.row >= 0 && Int(entry.row) < model.rowCount, "nonlinear row out of range")
            precondition(entry.root >= 0 && Int(entry.root) < nodeCount, "nonlinear row root out of range")
            rootsOfRow[Int(entry.row)].append(Int32(rootNode.count))
            addRoot(canonical(entry.root), row: entry.row)
        }

        buildJacobian(model, rootsOfRow: rootsOfRow)
        for j in 0 ..< Swift.min(columnCount, model.objective.count) where model.objective[j] != 0 {
            objectiveColumns.append(Int32(j))
            objectiveCoefficients.append(model.objective[j])
        }
        buildHessian(columnCount: columnCount)
    }

    private func constantValue(_ node: Int32) -> Double? {
        let n = nodes[Int(node)]
        return n.op == .constant ? n.value : nil
    }

    private mutating func computeActivity() {
        for i in 0 ..< nodes.count {
            let node = nodes[i]
            let first = Int(node.firstArgument), n = Int(node.argumentCount)
            var allowed = true
            var skipFirst = false
            switch node.op {
            case .constant:
                allowed = false
            case .variable:
                isActive[i] = true
                continue
            case .ifThen:
                skipFirst = true
            case .product:
                for k in 0 ..< n where constantValue(args[first + k]) == 0 { allowed = false }
            case .powerConstant:
                allowed = node.value != 0
            case .constantPower:
                allowed = node.value > 0 && node.value != 1
            case .power:
                if let b = constantValue(args[first]), b <= 0 || b == 1 { allowed = false }
                if let e = constantValue(args[first + 1]), e == 0 { allowed = false }
            default:
                if node.op.isCondition { allowed = false }
            }
            var any = false
            for k in 0 ..< n {
                let on = allowed && !(skipFirst && k == 0) && isActive[Int(args[first + k])]
                edgeActive[first + k] = on
                any = any || on
            }
            isActive[i] = any
        }
        activeStart.reserveCapacity(nodes.count + 1)
        activeInternalEnd.reserveCapacity(nodes.count)
        for i in 0 ..< nodes.count {
            let first = Int(nodes[i].firstArgument), n = Int(nodes[i].argumentCount)
            activeStart.append(Int32(activeEdges.count))
            for k in first ..< first + n where edgeActive[k] && nodes[Int(args[k])].op != .variable {
                activeEdges.append(Int32(k))
            }
            activeInternalEnd.append(Int32(activeEdges.count))
            for k in first ..< first + n where edgeActive[k] && nodes[Int(args[k])].op == .variable {
                activeEdges.append(Int32(k))
            }
        }
        activeStart.append(Int32(activeEdges.count))
    }

    /// Argument position pairs `(e, f)`, `e ≤ f`, whose second partial is structurally nonzero.
    private func creationPairs(_ i: Int) -> [(Int, Int)] {
        let node = nodes[i]
        let first = Int(node.firstArgument), n = Int(node.argumentCount)
        func on(_ k: Int) -> Bool { k < n && edgeActive[first + k] }
        var pairs: [(Int, Int)] = []
        switch node.op {
        case .product:
            for e in 0 ..< n where on(e) {
                for f in e + 1 ..< n where on(f) { pairs.append((e, f)) }
            }
        case .divide:
            if on(0) && on(1) { pairs.append((0, 1)) }
            if on(1) { pairs.append((1, 1)) }
        case .power:
            if on(0) && constantValue(args[first + 1]) != 1 { pairs.append((0, 0)) }
            if on(0) && on(1) { pairs.append((0, 1)) }
            if on(1) { pairs.append((1, 1)) }
        case .powerConstant:
            if on(0) && node.value != 1 { pairs.append((0, 0)) }
        case .constantPower, .sqr, .sqrt, .exp, .log, .log10, .log2, .sin, .cos, .tan, .arctan, .sigmoid:
            if on(0) { pairs.append((0, 0)) }
        default:
            break
        }
        return pairs
    }

    /// Nodes reachable from `root` (through active edges only when `activeOnly`), in no order.
    private mutating func reach(_ root: Int32, activeOnly: Bool, into found: inout [Int32]) {
        stamp += 1
        found.removeAll(keepingCapacity: true)
        if activeOnly && !isActive[Int(root)] { return }
        stack.removeAll(keepingCapacity: true)
        stack.append(root)
        mark[Int(root)] = stamp
        while let node = stack.popLast() {
            found.append(node)
            let first = Int(nodes[Int(node)].firstArgument), n = Int(nodes[Int(node)].argumentCount)
            for k in first ..< first + n where !activeOnly || edgeActive[k] {
                let a = args[k]
                if mark[Int(a)] != stamp {
                    mark[Int(a)] = stamp
                    stack.append(a)
                }
            }
        }
    }

    private mutating func addRoot(_ root: Int32, row: Int32) {
        rootNode.append(root)
        rootRow.append(row)
        var found: [Int32] = []
        reach(root, activeOnly: false, into: &found)
        let all = found.filter { nodes[Int($0)].op != .constant }.sorted()
        evalList.append(contentsOf: all)
        evalStart.append(Int32(evalList.count))
        reach(root, activeOnly: true, into: &found)
        let active = found
        revList.append(contentsOf: active.filter { nodes[Int($0)].op != .variable }.sorted(by: >))
        revStart.append(Int32(revList.count))
        let variables = active.filter { nodes[Int($0)].op == .variable }.sorted {
            nodes[Int($0)].column < nodes[Int($1)].column
        }
        varList.append(contentsOf: variables)
        varTarget.append(contentsOf: variables.map { row < 0 ? nodes[Int($0)].column : -1 })
        varStart.append(Int32(varList.count))
    }

    private mutating func buildJacobian(_ model: ScalarModel, rootsOfRow: [[Int32]]) {
        var slotOfColumn = [Int32](repeating: -1, count: model.columnCount)
        var columns: [Int32] = []
        for r in 0 ..< model.rowCount {
            columns.removeAll(keepingCapacity: true)
            let linear = model.rowStart[r] ..< model.rowStart[r + 1]
            columns.append(contentsOf: model.entryColumn[linear])
            for root in rootsOfRow[r] {
                for k in Int(varStart[Int(root)]) ..< Int(varStart[Int(root) + 1]) {
                    columns.append(nodes[Int(varList[k])].column)
                }
            }
            columns.sort()
            var previous: Int32 = -1
            for c in columns where c != previous {
                previous = c
                slotOfColumn[Int(c)] = Int32(jacobianRows.count)
                jacobianRows.append(Int32(r))
                jacobianColumns.append(c)
                jacobianConstant.append(0)
            }
            for k in linear {
                jacobianConstant[Int(slotOfColumn[Int(model.entryColumn[k])])] += model.entryValue[k]
            }
            for root in rootsOfRow[r] {
                for k in Int(varStart[Int(root)]) ..< Int(varStart[Int(root) + 1]) {
                    varTarget[k] = slotOfColumn[Int(nodes[Int(varList[k])].column)]
                }
            }
        }
    }

    // MARK: Hessian

    private mutating func buildHessian(columnCount: Int) {
        // Forward list: the union of all roots' evaluation lists.
        var needed = [Bool](repeating: false, count: nodes.count)
        for node in evalList { needed[Int(node)] = true }
        for i in 0 ..< nodes.count where needed[i] { unionEvalList.append(Int32(i)) }

        for r in rootNode.indices {
            for (node, coefficient) in elements(of: rootNode[r]) {
                compileElement(root: node, coefficient: coefficient, owner: rootRow[r])
            }
        }
        // Number the Hessian entries in (row, column) order and patch the slots.
        let order = pairKeys.indices.sorted { pairKeys[$0] < pairKeys[$1] }
        var finalIndex = [Int32](repeating: 0, count: pairKeys.count)
        for (position, id) in order.enumerated() {
            finalIndex[id] = Int32(position)
            hessianRows.append(Int32(truncatingIfNeeded: pairKeys[id] >> 32))
            hessianColumns.append(Int32(truncatingIfNeeded: pairKeys[id] & 0xFFFF_FFFF))
        }
        let count = Int32(pairKeys.count)
        for program in programs {
            for k in Int(program.push) ..< Int(program.end) {
                let dst = steps[k].dst
                steps[k].dst = dst < 0 ? finalIndex[Int(-dst - 1)] : count + dst
                if k < Int(program.create) { steps[k].src += count }
            }
        }
        pairId = [:]
        pairKeys = []
    }

    /// Splits a root through top-level sums, differences, negations, constant factors and
    /// constant divisors into (element node, coefficient), one entry per node, without linear
    /// or inactive parts.
    private func elements(of root: Int32) -> [(Int32, Double)] {
        var found: [(Int32, Double)] = []
        var work: [(Int32, Double)] = [(root, 1)]
        while let (node, c) = work.popLast() {
            let i = Int(node)
            guard isActive[i], c != 0 else { continue }
            let nd = nodes[i]
            let first = Int(nd.firstArgument), n = Int(nd.argumentCount)
            switch nd.op {
            case .variable:
                continue
            case .sum:
                for k in first ..< first + n { work.append((args[k], c)) }
            case .negate:
                work.append((args[first], -c))
            case .subtract:
                work.append((args[first], c))
                work.append((args[first + 1], -c))
            case .product:
                var factor = 1.0
                var other: Int32 = -1
                var others = 0
                for k in first ..< first + n {
                    if let v = constantValue(args[k]) { factor *= v } else { other = args[k]; others += 1 }
                }
                if others == 1 && factor.isFinite {
                    work.append((other, c * factor))
                } else {
                    found.append((node, c))
                }
            case .divide:
                if let v = constantValue(args[first + 1]), v != 0, v.isFinite, (c / v).isFinite {
                    work.append((args[first], c / v))
                } else {
                    found.append((node, c))
                }
            default:
                found.append((node, c))
            }
        }
        found.sort { $0.0 < $1.0 }
        var merged: [(Int32, Double)] = []
        for (node, c) in found {
            if let last = merged.last, last.0 == node {
                merged[merged.count - 1].1 += c
            } else {
                merged.append((node, c))
            }
        }
        return merged.filter { $0.1 != 0 }
    }

    private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        let lo = Swift.min(a, b), hi = Swift.max(a, b)
        return UInt64(UInt32(lo)) << 32 | UInt64(UInt32(hi))
    }

    /// Runs edge pushing symbolically over the element rooted at `root` and records its steps.
    private mutating func compileElement(root: Int32, coefficient: Double, owner: Int32) {
        // Take the work buffers out (so they stay uniquely referenced) and put them back after.
        var reached = workReached, inner = workInner, variables = workVariables
        workReached = []
        workInner = []
        workVariables = []
        defer {
            for node in reached { localId[Int(node)] = -1 }
            workReached = reached
            workInner = inner
            workVariables = variables
        }
        reach(root, activeOnly: true, into: &reached)
        inner.removeAll(keepingCapacity: true)
        variables.removeAll(keepingCapacity: true)
        for node in reached {
            if nodes[Int(node)].op == .variable { variables.append(node) } else { inner.append(node) }
        }
        inner.sort(by: >)
        let m = inner.count
        if m == 0 { return }
        for (l, node) in inner.enumerated() { localId[Int(node)] = Int32(l) }
        for (l, node) in variables.enumerated() { localId[Int(node)] = Int32(m + l) }

        // Per-element maps, kept between elements while they stay small.
        if workSlots.count > 4096 { workSlots = [:] } else { workSlots.removeAll(keepingCapacity: true) }
        if workPartners.count < reached.count {
            workPartners.append(contentsOf: repeatElement([], count: reached.count - workPartners.count))
        }
        for l in 0 ..< reached.count { workPartners[l].removeAll(keepingCapacity: true) }
        var scratch: Int32 = 0
        let programMark = programs.count, stepMark = steps.count

        func slot(_ a: Int32, _ b: Int32) -> Int32 {
            let k = Layout.key(a, b)
            if let s = workSlots[k] { return s }
            let code: Int32
            if a >= Int32(m) && b >= Int32(m) {
                let ca = nodes[Int(variables[Int(a) - m])].column
                let cb = nodes[Int(variables[Int(b) - m])].column
                let pair = UInt64(UInt32(Swift.max(ca, cb))) << 32 | UInt64(UInt32(Swift.min(ca, cb)))
                let id: Int32
                if let known = pairId[pair] {
                    id = known
                } else {
                    id = Int32(pairKeys.count)
                    pairId[pair] = id
                    pairKeys.append(pair)
                }
                code = -id - 1
            } else {
                code = scratch
                scratch += 1
            }
            workSlots[k] = code
            workPartners[Int(Swift.min(a, b))].append(Swift.max(a, b))
            if a != b { workPartners[Int(Swift.max(a, b))].append(Swift.min(a, b)) }
            return code
        }

        var edges: [(edge: Int32, local: Int32)] = []
        for li in 0 ..< m {
            let i = Int(inner[li])
            let l = Int32(li)
            var program = NodeProgram(node: Int32(i), push: Int32(steps.count), diagonal: 0, create: 0, end: 0)
            edges.removeAll(keepingCapacity: true)
            for k in Int(activeStart[i]) ..< Int(activeStart[i + 1]) {
                let e = activeEdges[k]
                edges.append((e, localId[Int(args[Int(e)])]))
            }
            // Push W(i, p), p not yet processed, to W(arg, p).
            let live = workPartners[li]
            for p in live where p > l {
                let s = workSlots[Layout.key(l, p)]!
                for (e, lj) in edges {
                    let d = slot(lj, p)
                    steps.append(Step(dst: d, src: s, a: e, b: 0))
                    if lj == p { steps.append(Step(dst: d, src: s, a: e, b: 0)) }
                }
            }
            program.diagonal = Int32(steps.count)
            if let s = workSlots[Layout.key(l, l)] {
                for x in edges.indices {
                    for y in x ..< edges.count {
                        let d = slot(edges[x].local, edges[y].local)
                        steps.append(Step(dst: d, src: s, a: edges[x].edge, b: edges[y].edge))
                        if x != y && edges[x].local == edges[y].local {
                            steps.append(Step(dst: d, src: s, a: edges[x].edge, b: edges[y].edge))
                        }
                    }
                }
            }
            program.create = Int32(steps.count)
            let first = Int(nodes[i].firstArgument)
            for (e, f) in creationPairs(i) {
                let lj = localId[Int(args[first + e])], lk = localId[Int(args[first + f])]
                let d = slot(lj, lk)
                steps.append(Step(dst: d, src: e != f && lj == lk ? 2 : 1, a: Int32(e), b: Int32(f)))
            }
            program.end = Int32(steps.count)
            programs.append(program)
        }
        if steps.count == stepMark {
            programs.removeSubrange(programMark...)
            return
        }
        elements.append(ElementHeader(coefficient: coefficient, owner: owner, scratch: scratch,
                                      firstNode: Int32(programMark), endNode: Int32(programs.count)))
        maxScratch = Swift.max(maxScratch, Int(scratch))
    }
}
