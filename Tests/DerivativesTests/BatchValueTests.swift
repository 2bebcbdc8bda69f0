import Derivatives
import IR
import Testing

/// `ModelDerivatives.values(of:in:at:)`: every root of a pool in one sweep, failures per root.
@Suite struct BatchValueTests {
    @Test func rootsEvaluatedTogether() {
        var pool = NLExpressionPool()
        let x = pool.variable(0), y = pool.variable(1)
        let logX = pool.add(.log, [x])                 // fails at x = 0
        let square = pool.add(.sqr, [y])               // 9 at y = 3
        let both = pool.add(.sum, [logX, square])      // fails with log
        let ratio = pool.add(.divide, [square, y])     // 3
        let point = [0.0, 3.0]
        let values = point.withUnsafeBufferPointer { ModelDerivatives.values(of: [logX, square, both, ratio], in: pool, at: $0) }
        #expect(values.count == 4)
        #expect(values[0] == nil)
        #expect(values[1] == 9)
        #expect(values[2] == nil)
        #expect(values[3] == 3)
        // the same answers one root at a time
        for (k, root) in [logX, square, both, ratio].enumerated() {
            let single = point.withUnsafeBufferPointer { ModelDerivatives.value(of: root, in: pool, at: $0) }
            #expect(single == values[k])
        }
        let none = point.withUnsafeBufferPointer { ModelDerivatives.values(of: [], in: pool, at: $0) }
        #expect(none.isEmpty)
    }
}
