import IR
@testable import Solvers
import Testing

/// `IpoptSolver` as a `Solver`: the model's own expression DAG supplies the functions (through
/// the Derivatives module), so these tests cover the whole path a `solve` statement takes.
@Suite("Ipopt: models with their own derivatives")
struct IpoptModelTests {
    let solver: any Solver = IpoptSolver()

    @Test func transportMatchesGLPK() {
        let model = TestModels.transport()
        let exact = GLPKSolver().solve(model, options: SolveOptions())
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "tol", value: "1e-10")]
        let result = solver.solve(model, options: options)
        #expect(result.modelStatus == .locallyOptimal)
        #expect(close(result.objective, 153.675))
        #expect(close(result.rowMarginal, exact.rowMarginal))
        #expect(close(result.columnMarginal, exact.columnMarginal))
    }

    /// `min (x − 2)² + (y − 1)²` subject to `x + y = 1`: x = 1, y = 0, objective 2, and the
    /// equation's marginal d objective / d rhs = −(3 − b) = −2; maximizing the negation flips
    /// the objective and the marginal.
    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func nonlinearObjective(sense: ObjectiveSense) {
        var model = ScalarModel()
        model.sense = sense
        let sign = sense == .minimize ? 1.0 : -1.0
        let x = model.addColumn(lower: -.infinity, upper: .infinity, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: -.infinity, upper: .infinity, origin: TestModels.origin("y"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: 1, upper: 1,
                     origin: TestModels.origin("e"))
        var pool = NLExpressionPool()
        let dx = pool.add(.subtract, [pool.variable(x), pool.constant(2)])
        let dy = pool.add(.subtract, [pool.variable(y), pool.constant(1)])
        let sum = pool.add(.sum, [pool.add(.sqr, [dx]), pool.add(.sqr, [dy])])
        model.objectiveRoot = sign > 0 ? sum : pool.add(.negate, [sum])
        model.nonlinear = pool

        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .locallyOptimal)
        #expect(result.solverStatus == .normalCompletion)
        #expect(close(result.objective, 2 * sign, 1e-7))
        #expect(close(result.columnLevel, [1, 0], 1e-6))
        #expect(close(result.rowLevel, [1], 1e-7))
        #expect(close(result.rowMarginal, [-2 * sign], 1e-6))
        #expect(close(result.columnMarginal, [0, 0], 1e-6))
    }

    /// A nonlinear row: `min x + y` subject to `x·y ≥ 4`, `x, y ≥ 0.1`: x = y = 2, objective 4,
    /// and the marginal d objective / d rhs = 1 / √rhs = 0.5.
    @Test func nonlinearRow() {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0.1, upper: .infinity, start: 1, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0.1, upper: .infinity, start: 1, origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.objective[y] = 1
        model.addRow(columns: [], values: [], lower: 4, upper: .infinity,
                     origin: TestModels.origin("area"))
        var pool = NLExpressionPool()
        let product = pool.add(.product, [pool.variable(x), pool.variable(y)])
        model.nonlinear = pool
        model.nonlinearRows = [NonlinearRow(row: 0, root: product)]

        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .locallyOptimal)
        #expect(close(result.objective, 4, 1e-7))
        #expect(close(result.columnLevel, [2, 2], 1e-6))
        #expect(close(result.rowMarginal, [0.5], 1e-6))
    }
}
