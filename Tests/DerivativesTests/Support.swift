import Derivatives
import IR
import Testing

/// Deterministic random numbers (SplitMix64).
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }
}

/// Builds small models by hand. Every call of `x` adds a new variable node, so a column
/// usually has several nodes, as generated models do.
struct ModelBuilder {
    var model = ScalarModel()

    init(columns: Int) {
        for j in 0 ..< columns {
            model.addColumn(lower: -1e20, upper: 1e20, origin: Provenance(symbol: "x", labels: ["\(j)"]))
        }
    }

    mutating func x(_ column: Int) -> Int32 { model.nonlinear.variable(column) }
    mutating func c(_ value: Double) -> Int32 { model.nonlinear.constant(value) }
    mutating func op(_ op: NLOp, _ args: Int32..., value: Double = 0) -> Int32 {
        model.nonlinear.add(op, args, value: value)
    }
    mutating func op(_ op: NLOp, list args: [Int32], value: Double = 0) -> Int32 {
        model.nonlinear.add(op, args, value: value)
    }

    mutating func add(_ a: Int32, _ b: Int32) -> Int32 { op(.sum, a, b) }
    mutating func mul(_ a: Int32, _ b: Int32) -> Int32 { op(.product, a, b) }

    /// Adds a row `lower ≤ Σ linear + root ≤ upper`.
    @discardableResult
    mutating func row(linear: [(Int, Double)] = [], root: Int32? = nil) -> Int {
        let r = model.addRow(columns: linear.map { Int32($0.0) }, values: linear.map { $0.1 },
                             lower: -1, upper: 1, origin: Provenance(symbol: "e", labels: []))
        if let root { model.nonlinearRows.append(NonlinearRow(row: Int32(r), root: root)) }
        return r
    }
}

/// A lower-triangle entry (row ≥ column).
struct Entry: Hashable, Comparable, CustomStringConvertible {
    var row: Int
    var column: Int

    init(_ a: Int, _ b: Int) {
        row = max(a, b)
        column = min(a, b)
    }

    static func < (l: Entry, r: Entry) -> Bool { (l.row, l.column) < (r.row, r.column) }
    var description: String { "(\(row),\(column))" }
}

extension ModelDerivatives {
    func objectiveValue(_ x: [Double]) -> Double? {
        var f = 0.0
        let ok = x.withUnsafeBufferPointer { objective($0, into: &f) }
        return ok ? f : nil
    }

    func gradient(_ x: [Double]) -> [Double]? {
        var g = [Double](repeating: .nan, count: variableCount)
        let ok = x.withUnsafeBufferPointer { xp in g.withUnsafeMutableBufferPointer { objectiveGradient(xp, into: $0) } }
        return ok ? g : nil
    }

    func constraintValues(_ x: [Double]) -> [Double]? {
        var v = [Double](repeating: .nan, count: constraintCount)
        let ok = x.withUnsafeBufferPointer { xp in v.withUnsafeMutableBufferPointer { constraints(xp, into: $0) } }
        return ok ? v : nil
    }

    func jacobian(_ x: [Double]) -> [Double]? {
        var v = [Double](repeating: .nan, count: jacobianRows.count)
        let ok = x.withUnsafeBufferPointer { xp in v.withUnsafeMutableBufferPointer { jacobianValues(xp, into: $0) } }
        return ok ? v : nil
    }

    func denseJacobian(_ x: [Double]) -> [[Double]]? {
        guard let v = jacobian(x) else { return nil }
        var dense = [[Double]](repeating: [Double](repeating: 0, count: variableCount), count: constraintCount)
        for k in v.indices { dense[Int(jacobianRows[k])][Int(jacobianColumns[k])] += v[k] }
        return dense
    }

    func hessian(_ x: [Double], objectiveFactor: Double, multipliers: [Double]) -> [Double]? {
        var v = [Double](repeating: .nan, count: hessianRows.count)
        let ok = x.withUnsafeBufferPointer { xp in
            multipliers.withUnsafeBufferPointer { lp in
                v.withUnsafeMutableBufferPointer {
                    hessianValues(xp, objectiveFactor: objectiveFactor, multipliers: lp, into: $0)
                }
            }
        }
        return ok ? v : nil
    }

    /// The full symmetric Hessian of the Lagrangian.
    func denseHessian(_ x: [Double], objectiveFactor: Double, multipliers: [Double]) -> [[Double]]? {
        guard let v = hessian(x, objectiveFactor: objectiveFactor, multipliers: multipliers) else { return nil }
        var dense = [[Double]](repeating: [Double](repeating: 0, count: variableCount), count: variableCount)
        for k in v.indices {
            let r = Int(hessianRows[k]), c = Int(hessianColumns[k])
            dense[r][c] += v[k]
            if r != c { dense[c][r] += v[k] }
        }
        return dense
    }

    var hessianStructure: [Entry] {
        zip(hessianRows, hessianColumns).map { Entry(Int($0), Int($1)) }
    }

    /// σ∇f + Jᵀλ.
    func lagrangianGradient(_ x: [Double], objectiveFactor: Double, multipliers: [Double]) -> [Double]? {
        guard let g = gradient(x), let j = denseJacobian(x) else { return nil }
        var out = g.map { $0 * objectiveFactor }
        for i in 0 ..< constraintCount where multipliers[i] != 0 {
            for c in 0 ..< variableCount { out[c] += multipliers[i] * j[i][c] }
        }
        return out
    }
}

func step(_ v: Double, _ relative: Double) -> Double { relative * max(1, abs(v)) }

/// Central differences of the objective.
func finiteDifferenceGradient(_ d: ModelDerivatives, _ x: [Double]) -> [Double]? {
    var g = [Double](repeating: 0, count: x.count)
    for j in x.indices {
        let h = step(x[j], 1e-5)
        var p = x, m = x
        p[j] += h
        m[j] -= h
        guard let fp = d.objectiveValue(p), let fm = d.objectiveValue(m) else { return nil }
        g[j] = (fp - fm) / (2 * h)
    }
    return g
}

/// Central differences of the constraints: `[row][column]`.
func finiteDifferenceJacobian(_ d: ModelDerivatives, _ x: [Double]) -> [[Double]]? {
    var jac = [[Double]](repeating: [Double](repeating: 0, count: x.count), count: d.constraintCount)
    for j in x.indices {
        let h = step(x[j], 1e-5)
        var p = x, m = x
        p[j] += h
        m[j] -= h
        guard let gp = d.constraintValues(p), let gm = d.constraintValues(m) else { return nil }
        for i in 0 ..< d.constraintCount { jac[i][j] = (gp[i] - gm[i]) / (2 * h) }
    }
    return jac
}

/// Central differences of the exact gradient of the Lagrangian (symmetrized).
func finiteDifferenceHessian(_ d: ModelDerivatives, _ x: [Double], objectiveFactor: Double,
                             multipliers: [Double]) -> [[Double]]? {
    let n = x.count
    var hess = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for j in 0 ..< n {
        let h = step(x[j], 1e-6)
        var p = x, m = x
        p[j] += h
        m[j] -= h
        guard let gp = d.lagrangianGradient(p, objectiveFactor: objectiveFactor, multipliers: multipliers),
              let gm = d.lagrangianGradient(m, objectiveFactor: objectiveFactor, multipliers: multipliers)
        else { return nil }
        for i in 0 ..< n { hess[i][j] = (gp[i] - gm[i]) / (2 * h) }
    }
    for i in 0 ..< n {
        for j in 0 ..< i {
            let s = (hess[i][j] + hess[j][i]) / 2
            hess[i][j] = s
            hess[j][i] = s
        }
    }
    return hess
}

/// Central second differences of the objective value (independent of the exact gradient).
func finiteDifferenceObjectiveHessian(_ d: ModelDerivatives, _ x: [Double]) -> [[Double]]? {
    let n = x.count
    var hess = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0 ..< n {
        for j in 0 ... i {
            let hi = step(x[i], 1e-4), hj = step(x[j], 1e-4)
            func f(_ si: Double, _ sj: Double) -> Double? {
                var p = x
                p[i] += si * hi
                p[j] += sj * hj
                return d.objectiveValue(p)
            }
            guard let pp = f(1, 1), let pm = f(1, -1), let mp = f(-1, 1), let mm = f(-1, -1) else { return nil }
            let v = (pp - pm - mp + mm) / (4 * hi * hj)
            hess[i][j] = v
            hess[j][i] = v
        }
    }
    return hess
}

func close(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
    abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}

struct CheckOptions {
    /// Sampling interval of each column (the last one repeats for further columns).
    var domain: [ClosedRange<Double>] = [-2 ... 2]
    var points = 6
    var seed: UInt64 = 1
    /// Whether the declared Hessian structure must equal the entries found nonzero by finite
    /// differences (false where branches make the structure a union).
    var exactStructure = true
    var expectedHessian: Set<Entry>? = nil
    /// Also compare the objective Hessian with second differences of the objective value.
    var secondDifferences = true
}

/// Checks values and every derivative of `d` against finite differences at random points:
/// gradient, Jacobian, ∇²f, every ∇²gᵢ, a random combination of them, and the Hessian
/// structure (no entry missing; with `exactStructure`, none spurious).
func checkDerivatives(_ d: ModelDerivatives, _ options: CheckOptions = CheckOptions(),
                      sourceLocation: SourceLocation = #_sourceLocation) {
    var rng = SplitMix64(seed: options.seed)
    let n = d.variableCount, m = d.constraintCount
    let declared = Set(d.hessianStructure)
    #expect(declared.count == d.hessianRows.count, "duplicate Hessian entries", sourceLocation: sourceLocation)
    #expect(d.hessianStructure == d.hessianStructure.sorted(), "Hessian structure not sorted",
            sourceLocation: sourceLocation)
    #expect(zip(d.hessianRows, d.hessianColumns).allSatisfy { $0 >= $1 }, "entry above the diagonal",
            sourceLocation: sourceLocation)
    let jacobianPairs = zip(d.jacobianRows, d.jacobianColumns).map { [Int($0), Int($1)] }
    #expect(jacobianPairs == jacobianPairs.sorted { $0.lexicographicallyPrecedes($1) }
        && Set(jacobianPairs).count == jacobianPairs.count, "Jacobian structure not sorted or duplicated",
            sourceLocation: sourceLocation)
    let declaredJacobian = Set(jacobianPairs)
    var trueHessian = Set<Entry>()
    var trueJacobian = Set<[Int]>()

    for _ in 0 ..< options.points {
        let x = (0 ..< n).map { rng.uniform(options.domain[min($0, options.domain.count - 1)]) }
        guard let f = d.objectiveValue(x), let g = d.gradient(x), let fdG = finiteDifferenceGradient(d, x),
              let values = d.constraintValues(x), let jac = d.denseJacobian(x),
              let fdJ = finiteDifferenceJacobian(d, x)
        else {
            Issue.record("evaluation failed at \(x)", sourceLocation: sourceLocation)
            return
        }
        let scale = max(1, abs(f), values.map(abs).max() ?? 0)
        for j in 0 ..< n where !close(g[j], fdG[j], relative: 1e-6, absolute: 1e-7 * scale) {
            Issue.record("gradient[\(j)] = \(g[j]), differences give \(fdG[j]) at \(x)", sourceLocation: sourceLocation)
        }
        for i in 0 ..< m {
            for j in 0 ..< n {
                if !close(jac[i][j], fdJ[i][j], relative: 1e-6, absolute: 1e-7 * scale) {
                    Issue.record("jacobian[\(i)][\(j)] = \(jac[i][j]), differences give \(fdJ[i][j]) at \(x)",
                                 sourceLocation: sourceLocation)
                }
                if fdJ[i][j] != 0 { trueJacobian.insert([i, j]) }
            }
        }
        // ∇²f, each ∇²gᵢ, and a random combination.
        var cases: [(Double, [Double], String)] = [(1, [Double](repeating: 0, count: m), "objective")]
        for i in 0 ..< m {
            var unit = [Double](repeating: 0, count: m)
            unit[i] = 1
            cases.append((0, unit, "row \(i)"))
        }
        cases.append((rng.uniform(-2 ... 2), (0 ..< m).map { _ in rng.uniform(-2 ... 2) }, "combination"))
        for (factor, multipliers, name) in cases {
            guard let h = d.denseHessian(x, objectiveFactor: factor, multipliers: multipliers),
                  let fdH = finiteDifferenceHessian(d, x, objectiveFactor: factor, multipliers: multipliers),
                  let grad = d.lagrangianGradient(x, objectiveFactor: factor, multipliers: multipliers)
            else {
                Issue.record("Hessian evaluation (\(name)) failed at \(x)", sourceLocation: sourceLocation)
                return
            }
            let hScale = max(1, grad.map(abs).max() ?? 0, abs(factor) * abs(f))
            for i in 0 ..< n {
                for j in 0 ... i {
                    if !close(h[i][j], fdH[i][j], relative: 1e-5, absolute: 1e-6 * hScale) {
                        Issue.record("Hessian (\(name)) [\(i)][\(j)] = \(h[i][j]), differences give \(fdH[i][j]) at \(x)",
                                     sourceLocation: sourceLocation)
                    }
                    if abs(fdH[i][j]) > 1e-8 * hScale { trueHessian.insert(Entry(i, j)) }
                }
            }
        }
        if options.secondDifferences, let fd2 = finiteDifferenceObjectiveHessian(d, x),
           let h = d.denseHessian(x, objectiveFactor: 1, multipliers: [Double](repeating: 0, count: m)) {
            for i in 0 ..< n {
                for j in 0 ... i where !close(h[i][j], fd2[i][j], relative: 1e-4, absolute: 1e-4 * scale) {
                    Issue.record("objective Hessian [\(i)][\(j)] = \(h[i][j]), second differences give \(fd2[i][j])",
                                 sourceLocation: sourceLocation)
                }
            }
        }
    }
    let missing = trueHessian.subtracting(declared)
    #expect(missing.isEmpty, "Hessian entries missing from the structure: \(missing.sorted())",
            sourceLocation: sourceLocation)
    if options.exactStructure {
        let spurious = declared.subtracting(trueHessian)
        #expect(spurious.isEmpty, "spurious Hessian entries: \(spurious.sorted())", sourceLocation: sourceLocation)
        let spuriousJacobian = declaredJacobian.subtracting(trueJacobian)
        #expect(spuriousJacobian.isEmpty, "spurious Jacobian entries: \(spuriousJacobian)",
                sourceLocation: sourceLocation)
    }
    let missingJacobian = trueJacobian.subtracting(declaredJacobian)
    #expect(missingJacobian.isEmpty, "Jacobian entries missing: \(missingJacobian)", sourceLocation: sourceLocation)
    if let expected = options.expectedHessian {
        #expect(declared == expected, "Hessian structure \(declared.sorted()), expected \(expected.sorted())",
                sourceLocation: sourceLocation)
    }
}

/// A model whose objective and first row both have the nonlinear part `build` returns (the
/// row adds a linear term on column 0 as well), plus a purely linear second row.
func expressionModel(columns: Int, _ build: (inout ModelBuilder) -> Int32) -> ScalarModel {
    var b = ModelBuilder(columns: columns)
    let root = build(&b)
    b.model.objectiveRoot = root
    b.model.objective[0] = 0.5
    b.model.objectiveConstant = 2
    b.row(linear: [(0, 1.5)], root: root)
    b.row(linear: (0 ..< columns).map { ($0, Double($0) + 1) })
    return b.model
}

/// Checks an expression as objective and as row (see `expressionModel`).
func checkExpression(columns: Int, _ options: CheckOptions = CheckOptions(),
                     sourceLocation: SourceLocation = #_sourceLocation,
                     _ build: (inout ModelBuilder) -> Int32) {
    let d = ModelDerivatives(expressionModel(columns: columns, build))
    checkDerivatives(d, options, sourceLocation: sourceLocation)
}

func entries(_ list: [(Int, Int)]) -> Set<Entry> { Set(list.map { Entry($0.0, $0.1) }) }
