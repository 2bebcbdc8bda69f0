import Derivatives
import Foundation
import IR
import Testing

/// Nested expressions, shared subexpressions, mixed linear and nonlinear parts, and the
/// exactness of the Hessian structure.
@Suite struct CompositeTests {

    @Test func nested() {
        checkExpression(columns: 4, CheckOptions(domain: [-1.5 ... 1.5, -1.5 ... 1.5, 0.3 ... 3, -2 ... 2])) { b in
            let top = b.op(.exp, b.add(b.op(.sin, b.mul(b.x(0), b.x(1))), b.op(.sqrt, b.x(2))))
            let bottom = b.add(b.c(1), b.op(.sqr, b.x(3)))
            return b.op(.divide, top, bottom)
        }
    }

    @Test func sharedSubexpressions() {
        // s = x·y used four times; t = s + z used twice.
        checkExpression(columns: 3, CheckOptions(expectedHessian: entries([(1, 0), (1, 1), (0, 0), (2, 0), (2, 1), (2, 2)]))) { b in
            let s = b.mul(b.x(0), b.x(1))
            let t = b.add(s, b.x(2))
            return b.op(.sum, b.op(.sin, s), b.op(.cos, s), b.mul(s, b.c(3)), b.op(.sqr, t), b.op(.negate, t))
        }
    }

    @Test func sharedAcrossRows() {
        var b = ModelBuilder(columns: 3)
        let s = b.mul(b.x(0), b.x(1))
        let e = b.op(.exp, s)
        b.model.objectiveRoot = b.add(e, b.op(.sqr, b.x(2)))
        b.row(linear: [(2, 1)], root: e)
        b.row(root: b.mul(e, b.x(2)))
        b.row(root: s)
        checkDerivatives(ModelDerivatives(b.model), CheckOptions(domain: [-1 ... 1]))
    }

    @Test func variableInLinearAndNonlinearPart() {
        var b = ModelBuilder(columns: 2)
        b.model.objective = [3, -1]
        b.model.objectiveRoot = b.mul(b.x(0), b.x(1))
        b.row(linear: [(0, 3), (1, 2)], root: b.op(.sqr, b.x(0)))
        let d = ModelDerivatives(b.model)
        checkDerivatives(d)
        #expect(d.jacobianRows == [0, 0])
        #expect(d.jacobianColumns == [0, 1])
        #expect(d.jacobian([2, 5]) == [3 + 4, 2])
        #expect(d.gradient([2, 5]) == [3 + 5, -1 + 2])
    }

    @Test func productOfSums() {
        checkExpression(columns: 4, CheckOptions(expectedHessian: entries([(2, 0), (3, 0), (2, 1), (3, 1)]))) { b in
            b.mul(b.add(b.x(0), b.x(1)), b.op(.subtract, b.x(2), b.x(3)))
        }
    }

    @Test func linearFunctionTimesVariable() {
        // (2x − 3y + 1)·z: (z,x), (z,y), never (x,y).
        checkExpression(columns: 3, CheckOptions(expectedHessian: entries([(2, 0), (2, 1)]))) { b in
            let linear = b.op(.sum, b.op(.product, b.c(2), b.x(0)), b.op(.negate, b.op(.product, b.x(1), b.c(3))), b.c(1))
            return b.mul(linear, b.x(2))
        }
    }

    @Test func sinTimesVariable() {
        checkExpression(columns: 2, CheckOptions(expectedHessian: entries([(0, 0), (1, 0)]))) { b in
            b.mul(b.op(.sin, b.x(0)), b.x(1))
        }
    }

    @Test func linearInsideNonlinearRowAddsNothing() {
        var b = ModelBuilder(columns: 3)
        b.row(root: b.add(b.x(0), b.x(1)))
        b.row(root: b.op(.sum, b.op(.sqr, b.x(2)), b.x(0), b.x(1)))
        let d = ModelDerivatives(b.model)
        checkDerivatives(d)
        #expect(d.hessianStructure == [Entry(2, 2)])
    }

    @Test func sumOfManyElements() {
        // Σ cᵢ xᵢ xᵢ₊₁ + Σ sqr(xᵢ − xᵢ₊₂) over 12 columns.
        let n = 12
        var expected: [(Int, Int)] = []
        for i in 0 ..< n - 1 { expected.append((i + 1, i)) }
        for i in 0 ..< n - 2 { expected += [(i, i), (i + 2, i + 2), (i + 2, i)] }
        checkExpression(columns: n, CheckOptions(points: 3, expectedHessian: entries(expected))) { b in
            var terms: [Int32] = []
            for i in 0 ..< n - 1 { terms.append(b.op(.product, b.c(Double(i) - 4.5), b.x(i), b.x(i + 1))) }
            for i in 0 ..< n - 2 { terms.append(b.op(.sqr, b.op(.subtract, b.x(i), b.x(i + 2)))) }
            return b.op(.sum, list: terms)
        }
    }

    @Test func divisionChain() {
        // x0 / (x1 / (x2 / x3)) = x0·x2 / (x1·x3) is linear in x2: (2,2) is structural only
        // (the identity is not visible in the DAG), x0 does not appear squared.
        let expected = entries([(1, 0), (2, 0), (3, 0), (1, 1), (2, 1), (3, 1), (2, 2), (3, 2), (3, 3)])
        checkExpression(columns: 4, CheckOptions(domain: [0.5 ... 2], exactStructure: false, expectedHessian: expected)) { b in
            b.op(.divide, b.x(0), b.op(.divide, b.x(1), b.op(.divide, b.x(2), b.x(3))))
        }
    }

    @Test func variableExponent() {
        checkExpression(columns: 3, CheckOptions(domain: [0.4 ... 2.5])) { b in
            b.op(.power, b.mul(b.x(0), b.x(1)), b.op(.subtract, b.x(2), b.x(0)))
        }
    }

    @Test func deepChain() {
        checkExpression(columns: 2, CheckOptions(domain: [-1 ... 1])) { b in
            var node = b.x(0)
            for k in 0 ..< 30 {
                node = k % 3 == 0 ? b.op(.sin, b.add(node, b.x(1)))
                    : (k % 3 == 1 ? b.mul(node, b.op(.cos, b.x(1))) : b.op(.arctan, node))
            }
            return node
        }
    }

    @Test func negationsAndConstantMultiplesOfSums() {
        // −(3·(sqr(x) − x·y) / 2) − (−exp(z)): split into elements with coefficients.
        checkExpression(columns: 3, CheckOptions(expectedHessian: entries([(0, 0), (1, 0), (2, 2)]))) { b in
            let inner = b.op(.subtract, b.op(.sqr, b.x(0)), b.mul(b.x(0), b.x(1)))
            let scaled = b.op(.divide, b.op(.product, b.c(3), inner), b.c(2))
            return b.op(.subtract, b.op(.negate, scaled), b.op(.negate, b.op(.exp, b.x(2))))
        }
    }

    @Test func cancellingElementsAreDropped() {
        // sqr(x) − sqr(x) on one node: no element left.
        var b = ModelBuilder(columns: 2)
        let s = b.op(.sqr, b.x(0))
        b.model.objectiveRoot = b.op(.sum, b.op(.subtract, s, s), b.mul(b.x(0), b.x(1)))
        let d = ModelDerivatives(b.model)
        #expect(d.hessianStructure == [Entry(1, 0)])
        checkDerivatives(d)
    }

    @Test func severalRootsOnOneRow() {
        var b = ModelBuilder(columns: 3)
        let r = b.row(linear: [(1, 2)])
        b.model.nonlinearRows.append(NonlinearRow(row: Int32(r), root: b.op(.sqr, b.x(0))))
        b.model.nonlinearRows.append(NonlinearRow(row: Int32(r), root: b.mul(b.x(1), b.x(2))))
        let d = ModelDerivatives(b.model)
        #expect(d.jacobianColumns == [0, 1, 2])
        #expect(d.constraintValues([2, 3, 4]) == [6 + 4 + 12])
        checkDerivatives(d)
    }

    @Test func rowsWithoutNonlinearPartsAreConstant() {
        var b = ModelBuilder(columns: 3)
        b.row(linear: [(2, 4), (0, -1)])
        b.row(linear: [(1, 2)], root: b.op(.sqr, b.x(1)))
        b.row(linear: [(0, 7)])
        let d = ModelDerivatives(b.model)
        #expect(d.jacobianRows == [0, 0, 1, 2])
        #expect(d.jacobianColumns == [0, 2, 1, 0])
        #expect(d.jacobian([1, 3, 5]) == [-1, 4, 2 + 6, 7])
        #expect(d.jacobian([0, 0, 0]) == [-1, 4, 2, 7])
        #expect(d.constraintValues([1, 3, 5]) == [19, 15, 7])
    }

    @Test func randomExpressionsHaveExactStructure() {
        // Random DAGs of smooth operations over five columns; the structure must equal what
        // second differences find.
        var rng = SplitMix64(seed: 42)
        for trial in 0 ..< 25 {
            var b = ModelBuilder(columns: 5)
            var pool: [Int32] = (0 ..< 5).map { b.x($0) }
            for _ in 0 ..< 8 {
                func pick() -> Int32 { pool[Int(rng.next() % UInt64(pool.count))] }
                let node: Int32
                switch rng.next() % 8 {
                case 0: node = b.add(pick(), pick())
                case 1: node = b.mul(pick(), pick())
                case 2: node = b.op(.sin, pick())
                case 3: node = b.op(.arctan, pick())
                case 4: node = b.op(.sqr, pick())
                case 5: node = b.op(.product, b.c(1.5), pick())
                case 6: node = b.op(.sigmoid, pick())
                default: node = b.op(.divide, pick(), b.add(b.c(3), b.op(.sqr, pick())))
                }
                pool.append(node)
            }
            let root = b.op(.sum, list: Array(pool.suffix(3)))
            b.model.objectiveRoot = root
            b.row(linear: [(0, 1)], root: pool[pool.count - 4])
            checkDerivatives(ModelDerivatives(b.model),
                             CheckOptions(domain: [-1.5 ... 1.5], points: 4, seed: UInt64(trial), secondDifferences: false))
        }
    }
}

/// Repeated arguments (the factor-2 paths of the Hessian sweep), degenerate models.
@Suite struct SpecialCaseTests {

    @Test func repeatedArgumentsOfASquaredSum() {
        // sqr(x + x + y) = (2x + y)²: [[8, 4], [4, 2]].
        let d = ModelDerivatives(expressionModel(columns: 2) { b in
            let x = b.x(0)
            return b.op(.sqr, b.op(.sum, x, x, b.x(1)))
        })
        checkDerivatives(d)
        #expect(d.denseHessian([0.3, -0.7], objectiveFactor: 1, multipliers: [0, 0]) == [[8, 4], [4, 2]])
    }

    @Test func argumentMeetsItsPartner() {
        // (x + y)·x = x² + xy: the push of W(x + y, x) reaches (x, x) twice.
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.mul(b.add(b.x(0), b.x(1)), b.x(0)) })
        checkDerivatives(d)
        #expect(d.denseHessian([0.3, -0.7], objectiveFactor: 1, multipliers: [0, 0]) == [[2, 1], [1, 0]])
        // Same through an internal node: sin(x)·(sin(x) + y).
        checkExpression(columns: 2) { b in
            let s = b.op(.sin, b.x(0))
            return b.mul(s, b.add(s, b.x(1)))
        }
    }

    @Test func linearModel() {
        var b = ModelBuilder(columns: 3)
        b.model.objective = [1, 0, -2]
        b.model.objectiveConstant = 4
        b.row(linear: [(0, 1), (2, 3)])
        b.row(linear: [(1, -1)])
        let d = ModelDerivatives(b.model)
        #expect(d.hessianRows.isEmpty && d.hessianElementCount == 0)
        #expect(d.objectiveValue([1, 2, 3]) == -1.0)
        #expect(d.gradient([1, 2, 3]) == [1, 0, -2])
        #expect(d.jacobian([1, 2, 3]) == [1, 3, -1])
        #expect(d.hessian([1, 2, 3], objectiveFactor: 1, multipliers: [1, 1]) == [])
        checkDerivatives(d)
    }

    @Test func emptyModel() {
        let d = ModelDerivatives(ScalarModel())
        #expect(d.variableCount == 0 && d.constraintCount == 0)
        #expect(d.objectiveValue([]) == 0)
        #expect(d.gradient([]) == [])
        #expect(d.constraintValues([]) == [])
        #expect(d.jacobian([]) == [])
        #expect(d.hessian([], objectiveFactor: 1, multipliers: []) == [])
    }

    @Test func constantObjectiveWithoutColumns() {
        var b = ModelBuilder(columns: 0)
        b.model.objectiveRoot = b.op(.exp, b.c(1))
        let d = ModelDerivatives(b.model)
        #expect(d.objectiveValue([]) == exp(1.0))
    }

    @Test func zeroMultipliersGiveZeroHessian() {
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.mul(b.op(.exp, b.x(0)), b.x(1)) })
        #expect(d.hessian([1, 2], objectiveFactor: 0, multipliers: [0, 0]) == [0, 0])
    }

    @Test func sameRootInObjectiveAndRowsScalesBoth() {
        let d = ModelDerivatives(expressionModel(columns: 1) { b in b.op(.sqr, b.x(0)) })
        #expect(d.hessian([5], objectiveFactor: 3, multipliers: [-0.5, 7]) == [2 * 3 - 1])
    }

    @Test func pointsAreNotConfusedByTheCache() {
        // Same values and partials whichever order the functions are called in.
        let d = ModelDerivatives(expressionModel(columns: 2) { b in b.mul(b.op(.log, b.x(0)), b.op(.sqr, b.x(1))) })
        let fresh = ModelDerivatives(expressionModel(columns: 2) { b in b.mul(b.op(.log, b.x(0)), b.op(.sqr, b.x(1))) })
        var x = [2.0, 3]
        _ = d.constraintValues(x)
        x[0] = 4
        #expect(d.gradient(x) == fresh.gradient(x))
        #expect(d.hessian(x, objectiveFactor: 1, multipliers: [1, 0]) == fresh.hessian(x, objectiveFactor: 1, multipliers: [1, 0]))
        #expect(d.objectiveValue([-1, 3]) == nil)
        #expect(d.objectiveValue(x) == fresh.objectiveValue(x))
        #expect(d.jacobian([-1, 3]) == nil)
        #expect(d.jacobian(x) == fresh.jacobian(x))
        #expect(d.hessian([-1, 3], objectiveFactor: 1, multipliers: [1, 0]) == nil)
        #expect(d.lastFailedRow == -1)
        #expect(d.constraintValues(x) == fresh.constraintValues(x))
    }

    @Test func onlyTheFailingRootFails() {
        // The objective cannot be evaluated at x₀ ≤ 0, the rows can.
        var b = ModelBuilder(columns: 2)
        b.model.objectiveRoot = b.op(.log, b.x(0))
        b.row(root: b.mul(b.x(0), b.x(1)))
        let d = ModelDerivatives(b.model)
        #expect(d.objectiveValue([-1, 2]) == nil)
        #expect(d.constraintValues([-1, 2]) == [-2])
        #expect(d.jacobian([-1, 2]) == [2, -1])
        #expect(d.gradient([-1, 2]) == nil)
        #expect(d.objectiveValue([2, 2]) == log(2.0))
    }
}
