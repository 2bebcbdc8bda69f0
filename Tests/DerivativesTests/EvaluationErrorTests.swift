import Derivatives
import IR
import Testing

/// Points where an expression or its derivatives do not exist: every function returns false
/// instead of trapping, and the failing row is named.
@Suite struct EvaluationErrorTests {

    /// Objective and row 0 are `build`; row 1 is linear (see `expressionModel`).
    private func model(columns: Int = 1, _ build: (inout ModelBuilder) -> Int32) -> ModelDerivatives {
        ModelDerivatives(expressionModel(columns: columns, build))
    }

    private func expectAllFail(_ d: ModelDerivatives, at x: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(d.objectiveValue(x) == nil, sourceLocation: sourceLocation)
        #expect(d.lastFailedRow == -1, sourceLocation: sourceLocation)
        #expect(d.gradient(x) == nil, sourceLocation: sourceLocation)
        #expect(d.constraintValues(x) == nil, sourceLocation: sourceLocation)
        #expect(d.lastFailedRow == 0, sourceLocation: sourceLocation)
        #expect(d.jacobian(x) == nil, sourceLocation: sourceLocation)
        #expect(d.hessian(x, objectiveFactor: 1, multipliers: [1, 1]) == nil, sourceLocation: sourceLocation)
    }

    @Test func logOfNegativeAndZero() {
        for op in [NLOp.log, .log10, .log2] {
            let d = model { b in b.op(op, b.x(0)) }
            expectAllFail(d, at: [-1])
            expectAllFail(d, at: [0])
            #expect(d.objectiveValue([1]) == 2 + 0.5)
        }
    }

    @Test func divisionByZero() {
        let d = model(columns: 2) { b in b.op(.divide, b.x(1), b.x(0)) }
        expectAllFail(d, at: [0, 1])
        expectAllFail(d, at: [0, 0])
        #expect(d.objectiveValue([2, 1]) == 2 + 1 + 0.5)
    }

    @Test func sqrtOfNegative() {
        let d = model { b in b.op(.sqrt, b.x(0)) }
        expectAllFail(d, at: [-1])
        // At 0 the value exists, the derivative does not.
        #expect(d.objectiveValue([0]) == 2)
        #expect(d.constraintValues([0]) == [0, 0])
        #expect(d.gradient([0]) == nil)
        #expect(d.jacobian([0]) == nil)
        #expect(d.lastFailedRow == 0)
        #expect(d.hessian([0], objectiveFactor: 1, multipliers: [0, 0]) == nil)
    }

    @Test func fractionalPowerOfNegativeBase() {
        expectAllFail(model { b in b.op(.powerConstant, b.x(0), value: 0.5) }, at: [-2])
        expectAllFail(model { b in b.op(.power, b.x(0), b.c(0.5)) }, at: [-2])
        // `power` needs a positive base even for an integral exponent value.
        expectAllFail(model(columns: 2) { b in b.op(.power, b.x(0), b.x(1)) }, at: [-2, 3])
        expectAllFail(model { b in b.op(.powerConstant, b.x(0), value: -1) }, at: [0])
        expectAllFail(model { b in b.op(.powerConstant, b.x(0), value: 0.5) }, at: [0])
        expectAllFail(model { b in b.op(.constantPower, b.x(0), value: -2) }, at: [1])
    }

    @Test func integralPowerOfNegativeBase() {
        let d = model { b in b.op(.powerConstant, b.x(0), value: 3) }
        #expect(d.objectiveValue([-2]) == -7.0)
        #expect(d.gradient([-2]) == [0.5 + 12])
        #expect(d.hessian([-2], objectiveFactor: 1, multipliers: [0, 0]) == [-12])
        checkDerivatives(d, CheckOptions(domain: [-3 ... -0.5]))
    }

    @Test func zeroToThePowerTwo() {
        let constant = model { b in b.op(.powerConstant, b.x(0), value: 2) }
        #expect(constant.objectiveValue([0]) == 2)
        #expect(constant.gradient([0]) == [0.5])
        #expect(constant.hessian([0], objectiveFactor: 1, multipliers: [0, 0]) == [2])
        let variable = model(columns: 2) { b in b.op(.power, b.x(0), b.x(1)) }
        #expect(variable.objectiveValue([0, 2]) == 2)
        #expect(variable.gradient([0, 2]) == [0.5, 0])
        #expect(variable.denseHessian([0, 2], objectiveFactor: 1, multipliers: [0, 0]) == [[2, 0], [0, 0]])
        // 0 ** 3: all derivatives 0 but the value exists; 0 ** 1.5: value and gradient only.
        #expect(variable.denseHessian([0, 3], objectiveFactor: 1, multipliers: [0, 0]) == [[0, 0], [0, 0]])
        #expect(variable.gradient([0, 1.5]) == [0.5, 0])
        #expect(variable.hessian([0, 1.5], objectiveFactor: 1, multipliers: [0, 0]) == nil)
        // 0 ** 0 and 0 ** -1 do not exist.
        expectAllFail(variable, at: [0, 0])
        expectAllFail(variable, at: [0, -1])
        let fractional = model { b in b.op(.powerConstant, b.x(0), value: 2.5) }
        #expect(fractional.gradient([0]) == [0.5])
        #expect(fractional.hessian([0], objectiveFactor: 1, multipliers: [0, 0]) == [0])
    }

    @Test func overflow() {
        expectAllFail(model { b in b.op(.exp, b.x(0)) }, at: [1000])
        expectAllFail(model(columns: 2) { b in b.mul(b.x(0), b.x(1)) }, at: [1e200, 1e200])
        expectAllFail(model { b in b.op(.sqr, b.x(0)) }, at: [1e200])
        expectAllFail(model { b in b.op(.constantPower, b.x(0), value: 10) }, at: [400])
        expectAllFail(model { b in b.op(.powerConstant, b.x(0), value: 7) }, at: [1e50])
        // exp(800) overflows even though the result is multiplied by zero.
        expectAllFail(model(columns: 2) { b in b.mul(b.op(.exp, b.x(0)), b.x(1)) }, at: [800, 0])
        // Division by a tiny number overflows in the derivative only.
        let tiny = model(columns: 2) { b in b.op(.divide, b.x(0), b.x(1)) }
        #expect(tiny.objectiveValue([0, 0x1p-1040]) == 2)
        #expect(tiny.gradient([0, 0x1p-1040]) == nil)
    }

    @Test func errorInBranchNotTakenStillCounts() {
        // Both branches are evaluated: log(x) fails for x ≤ 0 even where it is not selected.
        let d = model { b in b.op(.ifThen, b.op(.greaterThan, b.x(0), b.c(0)), b.op(.log, b.x(0)), b.c(0)) }
        #expect(d.objectiveValue([2]) != nil)
        #expect(d.objectiveValue([-2]) == nil)
    }

    @Test func nonFiniteLinearPart() {
        var b = ModelBuilder(columns: 2)
        b.row(linear: [(0, 1e300), (1, 1e300)])
        b.row(linear: [(0, 1)], root: b.op(.sqr, b.x(1)))
        let d = ModelDerivatives(b.model)
        #expect(d.constraintValues([1e10, 1e10]) == nil)
        #expect(d.lastFailedRow == 0)
        #expect(d.constraintValues([1, 1]) == [2e300, 2])
    }

    @Test func failingRowIsNamed() {
        var b = ModelBuilder(columns: 2)
        b.row(linear: [(0, 1)])
        b.row(root: b.op(.sqr, b.x(0)))
        b.row(root: b.op(.log, b.x(1)))
        b.row(root: b.op(.sqrt, b.x(0)))
        let d = ModelDerivatives(b.model)
        #expect(d.lastFailedRow == nil)
        #expect(d.constraintValues([1, -1]) == nil)
        #expect(d.lastFailedRow == 2)
        #expect(d.constraintValues([-1, 1]) == nil)
        #expect(d.lastFailedRow == 3)
        #expect(d.jacobian([0, 1]) == nil)
        #expect(d.lastFailedRow == 3)
        #expect(d.constraintValues([4, 1]) == [4, 16, 0, 2])
    }

    @Test func staticValue() {
        var pool = NLExpressionPool()
        let x = pool.variable(0), y = pool.variable(1)
        let bad = pool.add(.log, [y])
        let good = pool.add(.sum, [pool.add(.sqr, [x]), pool.constant(1)])
        let both = pool.add(.product, [bad, good])
        let point = [3.0, -1]
        point.withUnsafeBufferPointer { p in
            #expect(ModelDerivatives.value(of: good, in: pool, at: p) == 10)
            #expect(ModelDerivatives.value(of: bad, in: pool, at: p) == nil)
            #expect(ModelDerivatives.value(of: both, in: pool, at: p) == nil)
            #expect(ModelDerivatives.value(of: -1, in: pool, at: p) == nil)
            #expect(ModelDerivatives.value(of: 99, in: pool, at: p) == nil)
        }
        [3.0].withUnsafeBufferPointer { p in
            // Column 1 is outside the point.
            #expect(ModelDerivatives.value(of: good, in: pool, at: p) == 10)
            #expect(ModelDerivatives.value(of: bad, in: pool, at: p) == nil)
        }
    }

    @Test func evaluationTimeIsCounted() {
        let d = model { b in b.op(.exp, b.x(0)) }
        #expect(d.evaluationSeconds == 0)
        for _ in 0 ..< 100 {
            _ = d.objectiveValue([1])
            _ = d.hessian([1], objectiveFactor: 1, multipliers: [1, 0])
        }
        #expect(d.evaluationSeconds > 0)
        #expect(d.evaluationSeconds < 1)
    }
}
