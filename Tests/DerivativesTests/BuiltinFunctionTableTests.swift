import Derivatives
import IR
import Testing

/// Walks the built-in function table: every smooth function that can be part of a model gets
/// its value and derivatives from the DAG operation it lowers to, so that operation must agree
/// with the function's own evaluation, and its first and second derivatives with central
/// finite differences, at points inside the domain. The monotonicity and curvature the table
/// states are checked on the function's own values.
@Suite struct BuiltinFunctionTableTests {
    /// Sample coordinates; a point is inside the domain when the function and its lowered
    /// operation are both defined there and around it.
    static let coordinates: [Double] = [-2.7, -1.3, -0.45, 0.35, 0.8, 1.7, 2.6]
    static let exponents: [Double] = [-2, -1, 1.5, 2, 3]

    static var smoothRows: [FunctionDescriptor] {
        BuiltinFunction.table.filter { $0.smoothness == .smooth && $0.lowering != nil }
    }

    @Test func rowsAreInCaseOrderWithDistinctNames() {
        #expect(BuiltinFunction.table.map(\.function) == BuiltinFunction.allCases)
        let names = BuiltinFunction.table.map(\.name)
        #expect(Set(names).count == names.count)
        for row in BuiltinFunction.table {
            #expect(row.name == row.name.lowercased())
            #expect(BuiltinFunction(name: row.name) == row.function)
            // what lowers to a DAG operation is continuous where defined, and what is smooth lowers
            #expect(row.lowering == nil || row.smoothness != .discontinuous, "\(row.name)")
            #expect(row.smoothness != .smooth || row.lowering != nil, "\(row.name)")
        }
        #expect(BuiltinFunction(name: "cvpower") == nil)
    }

    @Test(arguments: smoothRows.map(\.function))
    func loweredOperationMatchesValueAndFiniteDifferences(_ function: BuiltinFunction) throws {
        let row = function.descriptor
        let lowering = try #require(row.lowering)
        let n = row.arity.lowerBound
        var builder = ModelBuilder(columns: n)
        let arguments = (0 ..< n).map { builder.x($0) }
        builder.model.objectiveRoot = builder.op(lowering.op, list: arguments, value: lowering.value)
        let d = ModelDerivatives(builder.model)
        var checked = 0
        for x in Self.points(arguments: n) where Self.isInsideDomain(x, row, d) {
            checked += 1
            let f = try #require(d.objectiveValue(x))
            let value = try row.evaluate(x) { _ in .nan }.get()
            #expect(close(f, value, relative: 1e-12, absolute: 1e-300), "\(row.name)\(x): DAG \(f), function \(value)")
            let g = try #require(d.gradient(x))
            let h = try #require(d.denseHessian(x, objectiveFactor: 1, multipliers: []))
            for j in 0 ..< n {
                let step = 1e-5 * max(1, abs(x[j]))
                let (plus, minus) = (Self.shifted(x, j, step), Self.shifted(x, j, -step))
                let fd = try (#require(d.objectiveValue(plus)) - #require(d.objectiveValue(minus))) / (2 * step)
                #expect(close(g[j], fd, relative: 1e-6, absolute: 1e-9 * max(1, abs(f))),
                        "\(row.name)\(x): ∂/∂x\(j) = \(g[j]), differences give \(fd)")
                let gPlus = try #require(d.gradient(plus)), gMinus = try #require(d.gradient(minus))
                for k in 0 ..< n {
                    let fd2 = (gPlus[k] - gMinus[k]) / (2 * step)
                    #expect(close(h[k][j], fd2, relative: 1e-6, absolute: 1e-9 * max(1, abs(g[k]))),
                            "\(row.name)\(x): ∂²/∂x\(k)∂x\(j) = \(h[k][j]), differences give \(fd2)")
                }
            }
        }
        #expect(checked >= 3, "\(row.name): only \(checked) points inside the domain")
    }

    @Test(arguments: BuiltinFunction.table.filter { $0.monotonicity != nil || $0.curvature != nil }.map(\.function))
    func statedShapeHoldsOnSamples(_ function: BuiltinFunction) {
        let row = function.descriptor
        let grid = stride(from: -3.0, through: 3.0, by: 0.37).map { $0 }
        let others = [Double](repeating: 0.5, count: row.arity.lowerBound - 1)
        func value(_ t: Double) -> Double? {
            guard case .success(let v) = row.evaluate([t] + others, { _ in .nan }), v.isFinite else { return nil }
            return v
        }
        var pairs = 0
        for (k, s) in grid.enumerated() {
            for t in grid[(k + 1)...] {
                guard let fs = value(s), let ft = value(t), let fm = value((s + t) / 2) else { continue }
                pairs += 1
                let tolerance = 1e-12 * max(1, abs(fs), abs(ft))
                switch row.monotonicity {
                case .nondecreasing: #expect(fs <= ft + tolerance, "\(row.name)(\(s)) > \(row.name)(\(t))")
                case .nonincreasing: #expect(fs >= ft - tolerance, "\(row.name)(\(s)) < \(row.name)(\(t))")
                case nil: break
                }
                switch row.curvature {
                case .convex: #expect(fm <= (fs + ft) / 2 + tolerance, "\(row.name) not convex on [\(s), \(t)]")
                case .concave: #expect(fm >= (fs + ft) / 2 - tolerance, "\(row.name) not concave on [\(s), \(t)]")
                case nil: break
                }
            }
        }
        #expect(pairs >= 10, "\(row.name): too few samples inside the domain")
    }

    /// Every point of the sample grid: one coordinate per argument (a second argument is an
    /// exponent for the power functions, the only smooth ones with two).
    static func points(arguments n: Int) -> [[Double]] {
        n == 1 ? coordinates.map { [$0] } : coordinates.flatMap { a in exponents.map { [a, $0] } }
    }

    /// Whether the function and its lowered operation are defined at `x` and at the points the
    /// finite differences use.
    static func isInsideDomain(_ x: [Double], _ row: FunctionDescriptor, _ d: ModelDerivatives) -> Bool {
        guard case .success(let v) = row.evaluate(x, { _ in .nan }), v.isFinite else { return false }
        for j in x.indices {
            let step = 1e-5 * max(1, abs(x[j]))
            for point in [x, shifted(x, j, step), shifted(x, j, -step)] {
                guard d.objectiveValue(point) != nil, d.gradient(point) != nil else { return false }
            }
        }
        return true
    }

    static func shifted(_ x: [Double], _ j: Int, _ step: Double) -> [Double] {
        var y = x
        y[j] += step
        return y
    }
}
