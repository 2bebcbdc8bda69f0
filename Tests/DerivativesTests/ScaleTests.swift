import Foundation
import IR
import Testing
@testable import Derivatives

/// Large separable and partially separable functions: the Hessian is assembled element by
/// element, in time and memory linear in the model.
@Suite struct ScaleTests {

    private func seconds(_ body: () -> Void) -> Double {
        let start = monotonicSeconds()
        body()
        return monotonicSeconds() - start
    }

    @Test func separableQuadraticOf20000Terms() {
        let n = 20_000
        var b = ModelBuilder(columns: n)
        var terms: [Int32] = []
        for i in 0 ..< n { terms.append(b.op(.product, b.c(Double(i % 7) + 1), b.x(i), b.x(i))) }
        b.model.objectiveRoot = b.op(.sum, list: terms)
        b.row(linear: [(0, 1), (n - 1, 1)])
        let d = ModelDerivatives(b.model)
        #expect(d.hessianRows.count == n)
        #expect(d.hessianRows == (0 ..< n).map { Int32($0) })
        #expect(d.hessianColumns == d.hessianRows)
        #expect(d.hessianElementCount == n)
        #expect(d.stepCount == n)

        var rng = SplitMix64(seed: 7)
        let x = (0 ..< n).map { _ in rng.uniform(-3 ... 3) }
        let h = d.hessian(x, objectiveFactor: 0.5, multipliers: [2])
        let expectedHessian = (0 ..< n).map { (i: Int) -> Double in Double(i % 7 + 1) }
        #expect(h == expectedHessian)
        let f = d.objectiveValue(x)
        var expected = 0.0
        for i in 0 ..< n { expected += (Double(i % 7) + 1) * x[i] * x[i] }
        #expect(f.map { abs($0 - expected) <= 1e-9 * expected } == true)
        let g = d.gradient(x)
        let expectedGradient = (0 ..< n).map { (i: Int) -> Double in 2 * (Double(i % 7) + 1) * x[i] }
        #expect(g == expectedGradient)

        // Linear cost: far below a millisecond per term.
        var values = [Double](repeating: 0, count: n)
        let time = seconds {
            x.withUnsafeBufferPointer { xp in
                [2.0].withUnsafeBufferPointer { lp in
                    values.withUnsafeMutableBufferPointer { out in
                        for _ in 0 ..< 100 { _ = d.hessianValues(xp, objectiveFactor: 1, multipliers: lp, into: out) }
                    }
                }
            }
        }
        #expect(time < 2, "100 Hessians of 20,000 terms took \(time) s")
    }

    @Test func separableRowsAndDeepSumChain() {
        // One row Σ sqr(xᵢ − 1) written as a chain of binary sums 20,000 deep, and 20,000 rows
        // xᵢ·xᵢ₊₁.
        let n = 20_000
        var b = ModelBuilder(columns: n)
        var chain = b.op(.sqr, b.op(.subtract, b.x(0), b.c(1)))
        for i in 1 ..< n { chain = b.add(chain, b.op(.sqr, b.op(.subtract, b.x(i), b.c(1)))) }
        b.row(root: chain)
        for i in 0 ..< n - 1 { b.row(linear: [(i, 1)], root: b.mul(b.x(i), b.x(i + 1))) }
        let d = ModelDerivatives(b.model)
        #expect(d.hessianRows.count == 2 * n - 1)
        #expect(d.hessianElementCount == 2 * n - 1)
        #expect(d.jacobianRows.count == n + 2 * (n - 1))

        var rng = SplitMix64(seed: 8)
        let x = (0 ..< n).map { _ in rng.uniform(-3 ... 3) }
        var lambda = (0 ..< n).map { _ in rng.uniform(-1 ... 1) }
        lambda[0] = 0.25
        guard let h = d.hessian(x, objectiveFactor: 1, multipliers: lambda) else {
            Issue.record("Hessian failed")
            return
        }
        var expected: [Entry: Double] = [:]
        for i in 0 ..< n { expected[Entry(i, i)] = 0.5 }
        for i in 0 ..< n - 1 { expected[Entry(i + 1, i)] = lambda[i + 1] }
        for (k, entry) in d.hessianStructure.enumerated() where expected[entry] != h[k] {
            Issue.record("\(entry): \(h[k]), expected \(String(describing: expected[entry]))")
            break
        }
        guard let v = d.constraintValues(x), let jac = d.jacobian(x) else {
            Issue.record("evaluation failed")
            return
        }
        let sum = x.reduce(0.0) { $0 + ($1 - 1) * ($1 - 1) }
        #expect(abs(v[0] - sum) <= 1e-9 * sum)
        #expect(v[5] == x[4] + x[4] * x[5])
        #expect(jac[0] == 2 * (x[0] - 1))
        #expect(jac[n] == 1 + x[1] && jac[n + 1] == x[0])
    }

    @Test func linearFormTimesVariableIsLinearInSize() {
        // (Σ xᵢ)·z over 5,000 columns: 5,000 Hessian entries, work proportional to that.
        let n = 5_000
        var b = ModelBuilder(columns: n + 1)
        let sum = b.op(.sum, list: (0 ..< n).map { b.op(.product, b.c(Double($0 % 3) + 1), b.x($0)) })
        b.model.objectiveRoot = b.mul(sum, b.x(n))
        let d = ModelDerivatives(b.model)
        #expect(d.hessianRows.count == n)
        #expect(d.hessianStructure == (0 ..< n).map { Entry(n, $0) })
        #expect(d.stepCount <= 3 * n)
        let x = (0 ... n).map { Double($0) / Double(n) }
        #expect(d.hessian(x, objectiveFactor: 2, multipliers: []) == (0 ..< n).map { 2 * Double($0 % 3 + 1) })
    }

    @Test func denseElementIsExact() {
        // sqr(Σ aᵢ xᵢ) over 60 columns: the full lower triangle 2·aᵢ·aⱼ.
        let n = 60
        var b = ModelBuilder(columns: n)
        let sum = b.op(.sum, list: (0 ..< n).map { b.op(.product, b.c(Double($0) - 30.5), b.x($0)) })
        b.model.objectiveRoot = b.op(.sqr, sum)
        let d = ModelDerivatives(b.model)
        #expect(d.hessianRows.count == n * (n + 1) / 2)
        let x = (0 ..< n).map { Double($0) }
        guard let h = d.hessian(x, objectiveFactor: 1, multipliers: []) else {
            Issue.record("Hessian failed")
            return
        }
        for (k, entry) in d.hessianStructure.enumerated() {
            let a = Double(entry.row) - 30.5, c = Double(entry.column) - 30.5
            if h[k] != 2 * a * c {
                Issue.record("\(entry): \(h[k]), expected \(2 * a * c)")
                break
            }
        }
    }
}
