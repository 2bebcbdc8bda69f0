import Derivatives
import Foundation
import IR
import Testing

/// Every operation of the DAG on its own (with a little around it so that both arguments and
/// results carry derivatives), checked against finite differences at random points.
@Suite struct FunctionTests {

    // MARK: Leaves and linear operations

    @Test func constantRoot() {
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.c(3.5) })
        checkDerivatives(d)
        #expect(d.hessianRows.isEmpty)
        #expect(d.objectiveValue([1, 1]) == 2 + 0.5 + 3.5)
        #expect(d.jacobianColumns == [0, 0, 1])
    }

    @Test func variableRoot() {
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.x(1) })
        checkDerivatives(d)
        #expect(d.hessianRows.isEmpty)
        #expect(d.gradient([3, 4]) == [0.5, 1])
    }

    @Test func sumIsLinear() {
        let d = ModelDerivatives(expressionModel(columns: 3) { b in
            b.op(.sum, b.x(0), b.x(1), b.c(4), b.x(2), b.x(1))
        })
        checkDerivatives(d)
        #expect(d.hessianRows.isEmpty)
        #expect(d.gradient([1, 1, 1]) == [1.5, 2, 1])
    }

    @Test func sumOfNonlinearTerms() {
        checkExpression(columns: 3, CheckOptions(expectedHessian: entries([(0, 0), (2, 1)]))) { b in
            b.op(.sum, b.op(.sqr, b.x(0)), b.mul(b.x(1), b.x(2)), b.x(1))
        }
    }

    @Test func subtractAndNegate() {
        checkExpression(columns: 3, CheckOptions(expectedHessian: entries([(1, 0), (2, 2)]))) { b in
            b.op(.subtract, b.mul(b.x(0), b.x(1)), b.op(.negate, b.op(.exp, b.x(2))))
        }
        let linear = ModelDerivatives(expressionModel(columns: 2) { b in
            b.op(.negate, b.op(.subtract, b.x(0), b.x(1)))
        })
        checkDerivatives(linear)
        #expect(linear.hessianRows.isEmpty)
    }

    // MARK: Products

    @Test func productOfTwo() {
        checkExpression(columns: 2, CheckOptions(expectedHessian: entries([(1, 0)]))) { b in b.mul(b.x(0), b.x(1)) }
    }

    @Test func productOfThreeWithConstant() {
        checkExpression(columns: 3, CheckOptions(expectedHessian: entries([(1, 0), (2, 0), (2, 1)]))) { b in
            b.op(.product, b.x(0), b.c(-2.5), b.x(1), b.x(2))
        }
    }

    @Test func productOfFiveAcrossZeros() {
        checkExpression(columns: 5) { b in b.op(.product, b.x(0), b.x(1), b.x(2), b.x(3), b.x(4)) }
        // Exactly zero factors: partials must not come from dividing by them.
        let d = ModelDerivatives(expressionModel(columns: 4) { b in b.op(.product, b.x(0), b.x(1), b.x(2), b.x(3)) })
        let g = d.gradient([0, 0, 2, 3])
        #expect(g == [0.5, 0, 0, 0])
        let h = d.denseHessian([0, 0, 2, 3], objectiveFactor: 1, multipliers: [0, 0])
        #expect(h?[1][0] == 6)
        #expect(h?[2][0] == 0)
    }

    @Test func productWithRepeatedFactor() {
        // x·x·y: ∂²/∂x² = 2y.
        checkExpression(columns: 2, CheckOptions(expectedHessian: entries([(0, 0), (1, 0)]))) { b in
            b.op(.product, b.x(0), b.x(0), b.x(1))
        }
        let d = ModelDerivatives(expressionModel(columns: 2) { b in
            let x = b.x(0)
            return b.op(.product, x, x, b.x(1))
        })
        #expect(d.denseHessian([3, 5], objectiveFactor: 1, multipliers: [0, 0])?[0][0] == 10)
    }

    @Test func productWithZeroConstantHasNoDerivative() {
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.op(.product, b.x(0), b.c(0), b.x(1)) })
        checkDerivatives(d)
        #expect(d.hessianRows.isEmpty)
        #expect(d.jacobianColumns == [0, 0, 1])
    }

    @Test func quadraticWithConstantFactor() {
        checkExpression(columns: 1, CheckOptions(expectedHessian: entries([(0, 0)]))) { b in
            b.op(.product, b.c(3), b.x(0), b.x(0))
        }
    }

    // MARK: Division

    @Test func divide() {
        checkExpression(columns: 2, CheckOptions(domain: [-2 ... 2, 0.5 ... 3],
                                                 expectedHessian: entries([(1, 0), (1, 1)]))) { b in
            b.op(.divide, b.x(0), b.x(1))
        }
    }

    @Test func reciprocal() {
        checkExpression(columns: 1, CheckOptions(domain: [0.3 ... 3], expectedHessian: entries([(0, 0)]))) { b in
            b.op(.divide, b.c(1), b.x(0))
        }
    }

    @Test func divideByConstantIsLinear() {
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.op(.divide, b.op(.sum, b.x(0), b.x(1)), b.c(4)) })
        checkDerivatives(d)
        #expect(d.hessianRows.isEmpty)
    }

    @Test func divideNonlinearByConstant() {
        checkExpression(columns: 2, CheckOptions(expectedHessian: entries([(1, 0)]))) { b in
            b.op(.divide, b.mul(b.x(0), b.x(1)), b.c(-4))
        }
    }

    // MARK: Powers

    @Test func powerWithVariableExponent() {
        checkExpression(columns: 2, CheckOptions(domain: [0.3 ... 3, -2 ... 2],
                                                 expectedHessian: entries([(0, 0), (1, 0), (1, 1)]))) { b in
            b.op(.power, b.x(0), b.x(1))
        }
    }

    @Test func powerWithConstantExponentNode() {
        checkExpression(columns: 1, CheckOptions(domain: [0.3 ... 3], expectedHessian: entries([(0, 0)]))) { b in
            b.op(.power, b.x(0), b.c(2.5))
        }
        let linear = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.power, b.x(0), b.c(1)) })
        checkDerivatives(linear, CheckOptions(domain: [0.3 ... 3]))
        #expect(linear.hessianRows.isEmpty)
    }

    @Test func powerWithConstantBaseNode() {
        checkExpression(columns: 1, CheckOptions(expectedHessian: entries([(0, 0)]))) { b in
            b.op(.power, b.c(1.7), b.x(0))
        }
        let constant = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.power, b.c(1), b.x(0)) })
        checkDerivatives(constant)
        #expect(constant.hessianRows.isEmpty)
        #expect(constant.jacobianColumns == [0, 0])
    }

    @Test func powerOfExpressions() {
        checkExpression(columns: 3, CheckOptions(domain: [0.3 ... 2])) { b in
            b.op(.power, b.op(.sum, b.x(0), b.mul(b.x(1), b.x(1))), b.op(.sin, b.x(2)))
        }
    }

    @Test(arguments: [2.0, 3, 4, -1, -2, 0.5, 1.5, 2.5, -0.5, 3.7])
    func powerConstant(exponent: Double) {
        let integer = exponent == exponent.rounded()
        let domain: ClosedRange<Double> = integer ? (exponent < 0 ? 0.4 ... 2.5 : -2.5 ... 2.5) : 0.2 ... 3
        checkExpression(columns: 1, CheckOptions(domain: [domain], expectedHessian: entries([(0, 0)]))) { b in
            b.op(.powerConstant, b.x(0), value: exponent)
        }
        if integer && exponent < 0 {
            checkExpression(columns: 1, CheckOptions(domain: [-2.5 ... -0.4])) { b in
                b.op(.powerConstant, b.x(0), value: exponent)
            }
        }
    }

    @Test func powerConstantZeroAndOne() {
        let zero = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.powerConstant, b.x(0), value: 0) })
        checkDerivatives(zero)
        #expect(zero.hessianRows.isEmpty)
        #expect(zero.objectiveValue([3]) == 2 + 1.5 + 1)
        let one = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.powerConstant, b.x(0), value: 1) })
        checkDerivatives(one)
        #expect(one.hessianRows.isEmpty)
    }

    @Test(arguments: [2.0, 0.5, 10, 1])
    func constantPower(base: Double) {
        let d = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.constantPower, b.x(0), value: base) })
        checkDerivatives(d)
        #expect(d.hessianStructure == (base == 1 ? [] : [Entry(0, 0)]))
    }

    // MARK: Functions of one argument

    static let unary: [(NLOp, ClosedRange<Double>)] = [
        (.sqr, -3 ... 3), (.sqrt, 0.1 ... 4), (.exp, -3 ... 3), (.log, 0.1 ... 5), (.log10, 0.1 ... 5),
        (.log2, 0.1 ... 5), (.sin, -4 ... 4), (.cos, -4 ... 4), (.tan, -1.3 ... 1.3), (.arctan, -4 ... 4),
        (.sigmoid, -6 ... 6),
    ]

    @Test(arguments: 0 ..< FunctionTests.unary.count)
    func unaryFunction(index: Int) {
        let (op, domain) = FunctionTests.unary[index]
        // Of a variable.
        checkExpression(columns: 1, CheckOptions(domain: [domain], expectedHessian: entries([(0, 0)]))) { b in
            b.op(op, b.x(0))
        }
        // Of an affine expression of two columns, times a third column.
        let lo = domain.lowerBound, hi = domain.upperBound
        checkExpression(columns: 3, CheckOptions(domain: [lo / 2 ... hi / 2, lo / 2 ... hi / 2, -2 ... 2],
                                                 expectedHessian: entries([(0, 0), (1, 0), (1, 1), (2, 0), (2, 1)]))) { b in
            let inner = b.op(.sum, b.op(.product, b.c(0.5), b.x(0)), b.op(.divide, b.x(1), b.c(2)))
            return b.mul(b.op(op, inner), b.x(2))
        }
    }

    @Test func sigmoidFarOut() {
        checkExpression(columns: 1, CheckOptions(domain: [-30 ... 30], exactStructure: false)) { b in b.op(.sigmoid, b.x(0)) }
    }

    @Test func absValue() {
        // Piecewise linear: only what passes through it.
        checkExpression(columns: 2, CheckOptions(domain: [0.5 ... 2, -2 ... -0.5], expectedHessian: entries([(1, 0)]))) { b in
            b.op(.abs, b.mul(b.x(0), b.x(1)))
        }
        let d = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.abs, b.x(0)) })
        checkDerivatives(d, CheckOptions(domain: [0.5 ... 3]))
        checkDerivatives(d, CheckOptions(domain: [-3 ... -0.5]))
        #expect(d.hessianRows.isEmpty)
        #expect(d.gradient([0]) == [0.5])
    }

    // MARK: Piecewise operations and conditions

    @Test(arguments: [NLOp.min, .max])
    func minAndMax(op: NLOp) {
        let build: (inout ModelBuilder) -> Int32 = { b in
            b.op(op, b.mul(b.x(0), b.x(1)), b.op(.sqr, b.x(2)), b.x(3))
        }
        let union = entries([(1, 0), (2, 2)])
        // Random points: any argument may win; the structure is the union over arguments.
        checkExpression(columns: 4, CheckOptions(domain: [-2 ... 2], points: 10, exactStructure: false,
                                                 expectedHessian: union), build)
        let d = ModelDerivatives(expressionModel(columns: 4, build))
        // Each branch on its own.
        let first: [Double] = [1, 2, op == .min ? 3 : 0.1, op == .min ? 5 : -5]   // x·y = 2 wins
        let second: [Double] = [1, 2, op == .min ? 0.5 : 3, op == .min ? 5 : -5]  // z² wins
        let third: [Double] = [1, 2, 2, op == .min ? -1 : 9]                      // w wins
        let g1 = d.gradient(first), g2 = d.gradient(second), g3 = d.gradient(third)
        #expect(g1 == [0.5 + 2, 1, 0, 0])
        #expect(g2 == [0.5, 0, 2 * second[2], 0])
        #expect(g3 == [0.5, 0, 0, 1])
        let h1 = d.denseHessian(first, objectiveFactor: 1, multipliers: [0, 0])
        #expect(h1?[1][0] == 1 && h1?[2][2] == 0)
        let h2 = d.denseHessian(second, objectiveFactor: 1, multipliers: [0, 0])
        #expect(h2?[1][0] == 0 && h2?[2][2] == 2)
        // Ties follow the first argument attaining the extremum.
        let tie = d.gradient([1, 4, 2, 4])
        #expect(tie == [0.5 + 4, 1, 0, 0])
    }

    @Test func ifThenBothBranches() {
        let build: (inout ModelBuilder) -> Int32 = { b in
            b.op(.ifThen, b.op(.greaterThan, b.x(0), b.x(1)), b.mul(b.x(0), b.x(2)), b.op(.exp, b.x(1)))
        }
        let union = entries([(1, 1), (2, 0)])
        checkExpression(columns: 3, CheckOptions(points: 10, exactStructure: false, expectedHessian: union), build)
        let d = ModelDerivatives(expressionModel(columns: 3, build))
        // x > y: x·z.
        checkDerivatives(d, CheckOptions(domain: [1 ... 2, -2 ... 0, -2 ... 2], exactStructure: false))
        #expect(d.gradient([2, 0, 3]) == [0.5 + 3, 0, 2])
        #expect(d.denseHessian([2, 0, 3], objectiveFactor: 1, multipliers: [0, 0])?[2][0] == 1)
        #expect(d.denseHessian([2, 0, 3], objectiveFactor: 1, multipliers: [0, 0])?[1][1] == 0)
        // x ≤ y: exp(y).
        checkDerivatives(d, CheckOptions(domain: [-2 ... 0, 1 ... 2, -2 ... 2], exactStructure: false))
        #expect(d.gradient([0, 1, 3]) == [0.5, exp(1.0), 0])
        #expect(d.denseHessian([0, 1, 3], objectiveFactor: 1, multipliers: [0, 0])?[2][0] == 0)
        #expect(d.denseHessian([0, 1, 3], objectiveFactor: 1, multipliers: [0, 0])?[1][1] == exp(1.0))
        // The condition's arguments add nothing by themselves.
        let onlyCondition = ModelDerivatives(expressionModel(columns: 3) { b in
            b.op(.ifThen, b.op(.lessThan, b.op(.sqr, b.x(0)), b.x(1)), b.x(2), b.c(1))
        })
        #expect(onlyCondition.hessianRows.isEmpty)
        #expect(onlyCondition.jacobianColumns == [0, 2, 0, 1, 2])
    }

    static let conditions: [(NLOp, [(Double, Double, Double)])] = [
        (.lessThan, [(1, 2, 1), (2, 2, 0), (3, 2, 0)]),
        (.lessEqual, [(1, 2, 1), (2, 2, 1), (3, 2, 0)]),
        (.greaterThan, [(1, 2, 0), (2, 2, 0), (3, 2, 1)]),
        (.greaterEqual, [(1, 2, 0), (2, 2, 1), (3, 2, 1)]),
        (.equal, [(1, 2, 0), (2, 2, 1)]),
        (.notEqual, [(1, 2, 1), (2, 2, 0)]),
        (.and, [(1, 2, 1), (0, 2, 0), (1, 0, 0), (0, 0, 0)]),
        (.or, [(1, 2, 1), (0, 2, 1), (1, 0, 1), (0, 0, 0)]),
    ]

    @Test(arguments: 0 ..< FunctionTests.conditions.count)
    func condition(index: Int) {
        let (op, table) = FunctionTests.conditions[index]
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.op(op, b.x(0), b.x(1)) })
        #expect(d.hessianRows.isEmpty)
        // Only the linear entries: a condition has no derivative.
        #expect(d.jacobianColumns == [0, 0, 1])
        for (a, c, expected) in table {
            #expect(d.objectiveValue([a, c]) == 2 + 0.5 * a + expected, "\(op)(\(a), \(c))")
            #expect(d.gradient([a, c]) == [0.5, 0])
            #expect(d.hessian([a, c], objectiveFactor: 1, multipliers: [1, 1]) == [])
        }
        // As the condition of an ifThen, both ways.
        let selected = ModelDerivatives(expressionModel(columns: 4) { b in
            b.op(.ifThen, b.op(op, b.x(0), b.x(1)), b.op(.sqr, b.x(2)), b.op(.sin, b.x(3)))
        })
        #expect(selected.hessianStructure == [Entry(2, 2), Entry(3, 3)])
        for (a, c, expected) in table {
            let g = selected.gradient([a, c, 3, 0])
            #expect(g == [0.5, 0, expected == 1 ? 6 : 0, expected == 1 ? 0 : 1], "\(op)(\(a), \(c))")
        }
    }

    @Test func notCondition() {
        let d = ModelDerivatives(expressionModel(columns: 2) { b in
            b.op(.ifThen, b.op(.not, b.x(0)), b.op(.sqr, b.x(1)), b.x(1))
        })
        #expect(d.gradient([0, 3]) == [0.5, 6])
        #expect(d.gradient([2, 3]) == [0.5, 1])
        #expect(d.hessianStructure == [Entry(1, 1)])
        #expect(d.denseHessian([2, 3], objectiveFactor: 1, multipliers: [0, 0])?[1][1] == 0)
        #expect(d.denseHessian([0, 3], objectiveFactor: 1, multipliers: [0, 0])?[1][1] == 2)
    }
}

/// Every case of `NLOp` (the switch has no default, so a new operation must be added here),
/// inside a small composite over three columns, against finite differences.
@Suite struct AllOperationsTests {

    /// An expression using `op` whose arguments are themselves nonlinear, and the domain.
    static func expression(_ op: NLOp, _ b: inout ModelBuilder) -> (Int32, ClosedRange<Double>, exact: Bool) {
        let u = b.mul(b.x(0), b.x(1))          // in (0.25, 4) on the default domain
        let v = b.op(.sin, b.x(2))
        let positive: ClosedRange<Double> = 0.5 ... 2
        switch op {
        case .constant: return (b.mul(b.c(2), u), positive, true)
        case .variable: return (b.mul(b.x(2), u), positive, true)
        case .sum: return (b.op(.sum, u, v, b.x(0)), positive, true)
        case .product: return (b.op(.product, u, v, b.x(2)), positive, true)
        case .subtract: return (b.op(.subtract, u, v), positive, true)
        case .divide: return (b.op(.divide, v, u), positive, true)
        case .negate: return (b.op(.negate, b.mul(u, v)), positive, true)
        case .power: return (b.op(.power, u, v), positive, true)
        case .powerConstant: return (b.op(.powerConstant, b.add(u, v), value: 2.7), positive, true)
        case .constantPower: return (b.op(.constantPower, b.add(u, v), value: 3), positive, true)
        case .sqr, .sqrt, .exp, .log, .log10, .log2, .sin, .cos, .tan, .arctan, .sigmoid:
            return (b.op(op, b.add(u, b.op(.product, b.c(0.25), v))), 0.5 ... 1.1, true)
        case .abs: return (b.op(.abs, b.op(.subtract, u, b.c(5))), positive, true)
        case .min, .max: return (b.op(op, u, b.op(.sqr, v), b.x(2)), positive, false)
        case .ifThen: return (b.op(.ifThen, b.op(.lessThan, b.x(0), b.x(1)), u, b.op(.exp, v)), positive, false)
        case .lessThan, .lessEqual, .greaterThan, .greaterEqual, .equal, .notEqual, .and, .or:
            return (b.add(b.op(op, u, v), b.op(.sqr, b.x(2))), positive, true)
        case .not: return (b.add(b.op(.not, b.op(.subtract, u, v)), b.op(.sqr, b.x(2))), positive, true)
        }
    }

    @Test(arguments: NLOp.allCases)
    func operation(op: NLOp) {
        var domain: ClosedRange<Double> = 0 ... 1
        var exact = true
        let model = expressionModel(columns: 3) { b in
            let (root, range, isExact) = AllOperationsTests.expression(op, &b)
            domain = range
            exact = isExact
            return root
        }
        checkDerivatives(ModelDerivatives(model), CheckOptions(domain: [domain], points: 8, seed: UInt64(op.rawValue),
                                                               exactStructure: exact))
    }
}
