import IR

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exact sparse first and second derivatives of a `ScalarModel`, as second-order solvers call
/// them. Constraint `i` is row `i` (linear rows included).
///
/// Everything structural is computed once in `init` (see `Layout`); the evaluation functions
/// only do arithmetic in buffers allocated there. Gradients and Jacobian rows use reverse mode
/// (one forward sweep for values and partials, one backward sweep per root); the Hessian of the
/// Lagrangian uses precompiled edge pushing over the element functions of each root.
///
/// Evaluation errors (log of a non-positive number, division by zero, a negative base of a
/// fractional power, overflow, any non-finite intermediate value or needed derivative) make the
/// functions return `false`. Both branches of `ifThen`, `min` and `max` are evaluated, so an
/// error in the branch not taken still counts.
///
/// Structure: a row's Jacobian entries are its linear columns and the columns its nonlinear part
/// depends on through nonzero derivatives (a column seen only by a condition, `x ** 0` or a
/// factor that is literally zero has none). The Hessian structure is exact for the expression
/// DAG; see `Layout` for the two ways an entry can still be zero everywhere (cancellation, and
/// the union over the branches of `min`, `max` and `ifThen`).
///
/// The last point where every root was swept is remembered: calls at an unchanged point (the
/// solver asks for f and g, then ∇f, the Jacobian and the Hessian, at the same point) reuse the
/// node values and partials instead of sweeping again.
///
/// An instance is not safe to use from several threads at once.
public final class ModelDerivatives: NonlinearProgram {
    public let variableCount: Int
    public let constraintCount: Int
    public let jacobianRows: [Int32]
    public let jacobianColumns: [Int32]
    public let hessianRows: [Int32]
    public let hessianColumns: [Int32]

    /// Seconds spent inside the evaluation functions since creation.
    public private(set) var evaluationSeconds: Double = 0
    /// The row whose evaluation failed last (-1 for the objective), set whenever an evaluation
    /// function returns `false` (to the first failing row in row order); `nil` before any
    /// failure, and left unchanged by successful calls.
    public private(set) var lastFailedRow: Int?

    /// Number of element functions the Hessian is assembled from.
    public let hessianElementCount: Int
    /// Number of precompiled steps of the Hessian sweeps (a measure of its cost).
    let stepCount: Int

    private let storage = Storage()

    // Node table.
    private let nodes: UnsafeMutablePointer<NLNode>
    private let args: UnsafeMutablePointer<Int32>
    private let isActive: UnsafeMutablePointer<Bool>
    private let activeStart: UnsafeMutablePointer<Int32>
    private let activeInternalEnd: UnsafeMutablePointer<Int32>
    private let activeEdges: UnsafeMutablePointer<Int32>
    /// Node values, argument-edge partials and adjoints.
    private let val: UnsafeMutablePointer<Double>
    private let partial: UnsafeMutablePointer<Double>
    private let adjoint: UnsafeMutablePointer<Double>

    // Roots.
    private let rootCount: Int
    private let objectiveRootIndex: Int
    private let rootNode: UnsafeMutablePointer<Int32>
    private let rootRow: UnsafeMutablePointer<Int32>
    private let evalStart: UnsafeMutablePointer<Int32>
    private let evalList: UnsafeMutablePointer<Int32>
    private let revStart: UnsafeMutablePointer<Int32>
    private let revList: UnsafeMutablePointer<Int32>
    private let varStart: UnsafeMutablePointer<Int32>
    private let varList: UnsafeMutablePointer<Int32>
    private let varTarget: UnsafeMutablePointer<Int32>

    // Linear parts.
    private let rowStart: UnsafeMutablePointer<Int>
    private let entryColumn: UnsafeMutablePointer<Int32>
    private let entryValue: UnsafeMutablePointer<Double>
    private let objectiveConstant: Double
    private let objectiveNonzeros: Int
    private let objectiveColumns: UnsafeMutablePointer<Int32>
    private let objectiveCoefficients: UnsafeMutablePointer<Double>
    private let jacobianCount: Int
    private let jacobianConstant: UnsafeMutablePointer<Double>

    // Hessian.
    private let hessianCount: Int
    private let unionEvalCount: Int
    private let unionEvalList: UnsafeMutablePointer<Int32>
    private let elements: UnsafeMutablePointer<ElementHeader>
    private let programs: UnsafeMutablePointer<NodeProgram>
    private let steps: UnsafeMutablePointer<Step>
    /// Hessian entries (`hessianCount`) followed by the scratch slots of one element.
    private let weights: UnsafeMutablePointer<Double>

    /// The point of the last complete sweep over all roots, and what it computed: 0 nothing
    /// valid, 1 values, 2 values and partials.
    private let cachedPoint: UnsafeMutablePointer<Double>
    private var cacheLevel = 0

    public init(_ model: ScalarModel) {
        let layout = Layout(model)
        let s = storage
        variableCount = model.columnCount
        constraintCount = model.rowCount
        jacobianRows = layout.jacobianRows
        jacobianColumns = layout.jacobianColumns
        hessianRows = layout.hessianRows
        hessianColumns = layout.hessianColumns
        hessianElementCount = layout.elements.count
        stepCount = layout.steps.count

        nodes = s.copy(layout.nodes)
        args = s.copy(layout.args)
        isActive = s.copy(layout.isActive)
        activeStart = s.copy(layout.activeStart)
        activeInternalEnd = s.copy(layout.activeInternalEnd)
        activeEdges = s.copy(layout.activeEdges)
        val = s.copy(layout.nodes.map { $0.op == .constant ? $0.value : 0 })
        partial = s.zeros(layout.args.count)
        adjoint = s.zeros(layout.nodes.count)

        rootCount = layout.rootNode.count
        objectiveRootIndex = layout.objectiveRootIndex
        rootNode = s.copy(layout.rootNode)
        rootRow = s.copy(layout.rootRow)
        evalStart = s.copy(layout.evalStart)
        evalList = s.copy(layout.evalList)
        revStart = s.copy(layout.revStart)
        revList = s.copy(layout.revList)
        varStart = s.copy(layout.varStart)
        varList = s.copy(layout.varList)
        varTarget = s.copy(layout.varTarget)

        rowStart = s.copy(model.rowStart)
        entryColumn = s.copy(model.entryColumn)
        entryValue = s.copy(model.entryValue)
        objectiveConstant = model.objectiveConstant
        objectiveNonzeros = layout.objectiveColumns.count
        objectiveColumns = s.copy(layout.objectiveColumns)
        objectiveCoefficients = s.copy(layout.objectiveCoefficients)
        jacobianCount = layout.jacobianRows.count
        jacobianConstant = s.copy(layout.jacobianConstant)

        hessianCount = layout.hessianRows.count
        unionEvalCount = layout.unionEvalList.count
        unionEvalList = s.copy(layout.unionEvalList)
        elements = s.copy(layout.elements)
        programs = s.copy(layout.programs)
        steps = s.copy(layout.steps)
        weights = s.zeros(hessianCount + layout.maxScratch)
        cachedPoint = s.zeros(variableCount)
    }

    // MARK: Sweeps

    /// Evaluates `list[start ..< end]` in order; with `partials`, also the edge partials of
    /// active nodes.
    @inline(__always)
    private func forward(_ list: UnsafeMutablePointer<Int32>, _ start: Int, _ end: Int,
                         _ x: UnsafePointer<Double>, partials: Bool) -> Bool {
        var k = start
        while k < end {
            let i = Int(list[k])
            let v = evaluateNode(i, nodes, args, val, x, partials && isActive[i] ? partial : nil)
            if !v.isFinite { return false }
            val[i] = v
            k += 1
        }
        return true
    }

    @inline(__always)
    private func forwardRoot(_ r: Int, _ x: UnsafePointer<Double>, partials: Bool) -> Bool {
        forward(evalList, Int(evalStart[r]), Int(evalStart[r + 1]), x, partials: partials)
    }

    /// Reverse sweep of root `r` after `forwardRoot(r, partials: true)`: adds d root / d column
    /// into `out[varTarget]`. Returns false on a non-finite derivative.
    @inline(__always)
    private func reverseRoot(_ r: Int, into out: UnsafeMutablePointer<Double>) -> Bool {
        let revFirst = Int(revStart[r]), revEnd = Int(revStart[r + 1])
        let varFirst = Int(varStart[r]), varEnd = Int(varStart[r + 1])
        if varFirst == varEnd { return true }
        for k in revFirst ..< revEnd { adjoint[Int(revList[k])] = 0 }
        for k in varFirst ..< varEnd { adjoint[Int(varList[k])] = 0 }
        adjoint[Int(rootNode[r])] = 1
        for k in revFirst ..< revEnd {
            let i = Int(revList[k])
            let a = adjoint[i]
            if a == 0 { continue }
            for e in Int(activeStart[i]) ..< Int(activeStart[i + 1]) {
                let edge = Int(activeEdges[e])
                adjoint[Int(args[edge])] += a * partial[edge]
            }
        }
        for k in varFirst ..< varEnd {
            let g = adjoint[Int(varList[k])]
            if !g.isFinite { return false }
            out[Int(varTarget[k])] += g
        }
        return true
    }

    /// Makes `val` (and with `partials` also `partial`) current at `x` for every node of every
    /// root, reusing the last sweep when `x` has not changed: solvers ask for f and g at the
    /// same trial point, then for ∇f, the Jacobian and the Hessian at the accepted one.
    /// Returns false when some node cannot be evaluated; the caller then works root by root.
    @inline(__always)
    private func prepare(_ x: UnsafePointer<Double>, partials: Bool) -> Bool {
        if cacheLevel >= (partials ? 2 : 1) && memcmp(x, cachedPoint, variableCount * 8) == 0 { return true }
        cacheLevel = 0
        guard forward(unionEvalList, 0, unionEvalCount, x, partials: partials) else { return false }
        cachedPoint.update(from: x, count: variableCount)
        cacheLevel = partials ? 2 : 1
        return true
    }

    /// A valid pointer to `x` (models without columns may pass an empty buffer).
    @inline(__always)
    private func point(_ x: UnsafeBufferPointer<Double>) -> UnsafePointer<Double>? {
        if let base = x.baseAddress, x.count >= variableCount { return base }
        return variableCount == 0 ? emptyPoint : nil
    }

    // MARK: NonlinearProgram

    public func objective(_ x: UnsafeBufferPointer<Double>, into value: inout Double) -> Bool {
        let started = monotonicSeconds()
        defer { evaluationSeconds += monotonicSeconds() - started }
        guard let xp = point(x) else { return false }
        var f = objectiveConstant
        for k in 0 ..< objectiveNonzeros { f += objectiveCoefficients[k] * xp[Int(objectiveColumns[k])] }
        if objectiveRootIndex >= 0 {
            if !prepare(xp, partials: false) {
                guard forwardRoot(objectiveRootIndex, xp, partials: false) else { return fail(-1) }
            }
            f += val[Int(rootNode[objectiveRootIndex])]
        }
        guard f.isFinite else { return fail(-1) }
        value = f
        return true
    }

    public func objectiveGradient(_ x: UnsafeBufferPointer<Double>,
                                  into gradient: UnsafeMutableBufferPointer<Double>) -> Bool {
        let started = monotonicSeconds()
        defer { evaluationSeconds += monotonicSeconds() - started }
        guard let xp = point(x) else { return false }
        guard let g = gradient.baseAddress else { return variableCount == 0 }
        g.update(repeating: 0, count: variableCount)
        for k in 0 ..< objectiveNonzeros { g[Int(objectiveColumns[k])] += objectiveCoefficients[k] }
        if objectiveRootIndex >= 0 {
            if !prepare(xp, partials: true) {
                guard forwardRoot(objectiveRootIndex, xp, partials: true) else { return fail(-1) }
            }
            guard reverseRoot(objectiveRootIndex, into: g) else { return fail(-1) }
        }
        return true
    }

    public func constraints(_ x: UnsafeBufferPointer<Double>,
                            into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        let started = monotonicSeconds()
        defer { evaluationSeconds += monotonicSeconds() - started }
        guard let xp = point(x) else { return false }
        guard let out = values.baseAddress else { return constraintCount == 0 }
        for r in 0 ..< constraintCount {
            var s = 0.0
            for k in rowStart[r] ..< rowStart[r + 1] { s += entryValue[k] * xp[Int(entryColumn[k])] }
            out[r] = s
        }
        let swept = prepare(xp, partials: false)
        for root in 0 ..< rootCount where root != objectiveRootIndex {
            let row = Int(rootRow[root])
            if !swept {
                guard forwardRoot(root, xp, partials: false) else { return fail(row) }
            }
            out[row] += val[Int(rootNode[root])]
        }
        for r in 0 ..< constraintCount where !out[r].isFinite { return fail(r) }
        return true
    }

    public func jacobianValues(_ x: UnsafeBufferPointer<Double>,
                               into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        let started = monotonicSeconds()
        defer { evaluationSeconds += monotonicSeconds() - started }
        guard let xp = point(x) else { return false }
        guard let out = values.baseAddress else { return jacobianCount == 0 }
        out.update(from: jacobianConstant, count: jacobianCount)
        let swept = prepare(xp, partials: true)
        for root in 0 ..< rootCount where root != objectiveRootIndex {
            if !swept {
                guard forwardRoot(root, xp, partials: true) else { return fail(Int(rootRow[root])) }
            }
            guard reverseRoot(root, into: out) else { return fail(Int(rootRow[root])) }
        }
        return true
    }

    public func hessianValues(_ x: UnsafeBufferPointer<Double>, objectiveFactor: Double,
                              multipliers: UnsafeBufferPointer<Double>,
                              into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        let started = monotonicSeconds()
        defer { evaluationSeconds += monotonicSeconds() - started }
        guard let xp = point(x) else { return false }
        let lambda = multipliers.baseAddress, lambdaCount = multipliers.count
        guard prepare(xp, partials: true) else {
            // Name the first root that fails, as the other functions do.
            for root in 0 ..< rootCount where !forwardRoot(root, xp, partials: true) {
                return fail(Int(rootRow[root]))
            }
            return false
        }
        let w = weights
        w.update(repeating: 0, count: hessianCount)
        let scratch = w + hessianCount
        for el in 0 ..< hessianElementCount {
            let element = elements[el]
            let owner = Int(element.owner)
            let factor = owner < 0 ? objectiveFactor : (owner < lambdaCount ? lambda![owner] : 0)
            let sigma = element.coefficient * factor
            if sigma == 0 { continue }
            if element.scratch > 0 { scratch.update(repeating: 0, count: Int(element.scratch)) }
            let first = Int(element.firstNode), end = Int(element.endNode)
            for k in first + 1 ..< end { adjoint[Int(programs[k].node)] = 0 }
            for k in first ..< end {
                let program = programs[k]
                let i = Int(program.node)
                var t = Int(program.push)
                while t < Int(program.diagonal) {
                    let s = steps[t]
                    let wv = w[Int(s.src)]
                    if wv != 0 { w[Int(s.dst)] += partial[Int(s.a)] * wv }
                    t += 1
                }
                while t < Int(program.create) {
                    let s = steps[t]
                    let wv = w[Int(s.src)]
                    if wv != 0 { w[Int(s.dst)] += partial[Int(s.a)] * partial[Int(s.b)] * wv }
                    t += 1
                }
                let a = k == first ? sigma : adjoint[i]
                if a == 0 { continue }
                while t < Int(program.end) {
                    let s = steps[t]
                    let h = secondPartial(i, Int(s.a), Int(s.b), nodes, args, val)
                    if !h.isFinite { return fail(owner) }
                    w[Int(s.dst)] += Double(s.src) * a * h
                    t += 1
                }
                if k + 1 < end {
                    for e in Int(activeStart[i]) ..< Int(activeInternalEnd[i]) {
                        let edge = Int(activeEdges[e])
                        adjoint[Int(args[edge])] += a * partial[edge]
                    }
                }
            }
        }
        guard let out = values.baseAddress else { return hessianCount == 0 }
        var finite = true
        for k in 0 ..< hessianCount {
            let v = w[k]
            finite = finite && v.isFinite
            out[k] = v
        }
        return finite
    }

    // MARK: Helpers

    private func fail(_ row: Int) -> Bool {
        lastFailedRow = row
        return false
    }

    /// The value of the expression rooted at `root`, or nil when it cannot be evaluated at `x`
    /// (an evaluation error, or a column outside `x`).
    public static func value(of root: Int32, in pool: NLExpressionPool,
                             at x: UnsafeBufferPointer<Double>) -> Double? {
        guard root >= 0 && Int(root) < pool.nodes.count else { return nil }
        let count = Int(root) + 1
        var needed = [Bool](repeating: false, count: count)
        needed[Int(root)] = true
        var i = Int(root)
        while i >= 0 {
            if needed[i] {
                let node = pool.nodes[i]
                let first = Int(node.firstArgument)
                for k in first ..< first + Int(node.argumentCount) { needed[Int(pool.arguments[k])] = true }
                if node.op == .variable && !(node.column >= 0 && Int(node.column) < x.count) { return nil }
            }
            i -= 1
        }
        var values = [Double](repeating: 0, count: count)
        return pool.nodes.withUnsafeBufferPointer { nodes -> Double? in
            pool.arguments.withUnsafeBufferPointer { args -> Double? in
                values.withUnsafeMutableBufferPointer { val -> Double? in
                    let xp = x.baseAddress ?? emptyPoint
                    let argBase = args.baseAddress ?? UnsafePointer(emptyIndex)
                    for i in 0 ..< count where needed[i] {
                        let v = evaluateNode(i, nodes.baseAddress!, argBase, val.baseAddress!, xp, nil)
                        if !v.isFinite { return nil }
                        val[i] = v
                    }
                    return val[count - 1]
                }
            }
        }
    }
}

extension ModelDerivatives {
    /// The values of several roots at `x` in one forward sweep over the pool (nil for a root
    /// whose evaluation fails): linear in the pool's size, however many roots share it.
    public static func values(of roots: [Int32], in pool: NLExpressionPool,
                              at x: UnsafeBufferPointer<Double>) -> [Double?] {
        let count = Int(roots.max() ?? -1) + 1
        guard count > 0, count <= pool.nodes.count else { return roots.map { _ in nil } }
        var values = [Double](repeating: 0, count: count)
        var bad = [Bool](repeating: false, count: count)
        pool.nodes.withUnsafeBufferPointer { nodes in
            pool.arguments.withUnsafeBufferPointer { args in
                values.withUnsafeMutableBufferPointer { val in
                    let xp = x.baseAddress ?? emptyPoint
                    let argBase = args.baseAddress ?? UnsafePointer(emptyIndex)
                    guard let nodeBase = nodes.baseAddress, let valBase = val.baseAddress else { return }
                    for i in 0 ..< count {
                        let node = nodes[i]
                        let first = Int(node.firstArgument)
                        var poisoned = node.op == .variable && !(node.column >= 0 && Int(node.column) < x.count)
                        for k in first ..< first + Int(node.argumentCount) where bad[Int(args[k])] { poisoned = true }
                        if poisoned { bad[i] = true; continue }
                        let v = evaluateNode(i, nodeBase, argBase, valBase, xp, nil)
                        if v.isFinite { val[i] = v } else { bad[i] = true }
                    }
                }
            }
        }
        return roots.map { r in r >= 0 && !bad[Int(r)] ? values[Int(r)] : nil }
    }
}

/// A valid pointer for empty points (models without columns).
private let emptyPoint = UnsafePointer<Double>(UnsafeMutablePointer<Double>.allocate(capacity: 1))
private let emptyIndex = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

@inline(__always)
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Memory blocks owned by one `ModelDerivatives`, freed with it.
final class Storage {
    private var blocks: [UnsafeMutableRawPointer] = []

    func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(array.count, 1))
        array.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { p.initialize(from: base, count: array.count) }
        }
        blocks.append(UnsafeMutableRawPointer(p))
        return p
    }

    func zeros(_ count: Int) -> UnsafeMutablePointer<Double> {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: 0, count: Swift.max(count, 1))
        blocks.append(UnsafeMutableRawPointer(p))
        return p
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
