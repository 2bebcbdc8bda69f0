import IR
@testable import Solvers
import Testing

/// Marginal signs: Ipopt's multipliers converted to GAMS's convention must agree with GLPK's
/// duals on LPs, and with finite differences of the optimal objective on QPs.
@Suite("Ipopt: marginals")
struct IpoptMarginalTests {
    let ipopt = IpoptSolver()
    let glpk = GLPKSolver()

    /// Ipopt with tight tolerances, so its duals match the simplex's to about 1e-7.
    private var tight: SolveOptions {
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "tol", value: "1e-10")]
        return options
    }

    /// Solves `model` with GLPK and with Ipopt and compares objectives, marginals and (unless
    /// the LP has several optimal points) levels.
    private func compareWithGLPK(_ model: ScalarModel, uniquePrimal: Bool = true,
                                 tolerance: Double = 1e-6,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        let exact = glpk.solve(model, options: SolveOptions())
        let interior = ipopt.solve(model, program: IpoptLinearProgram(model), options: tight)
        #expect(exact.modelStatus == .optimal, sourceLocation: sourceLocation)
        #expect(interior.modelStatus == .locallyOptimal, sourceLocation: sourceLocation)
        #expect(interior.solverStatus == .normalCompletion, sourceLocation: sourceLocation)
        #expect(close(interior.objective, exact.objective ?? .nan, tolerance),
                sourceLocation: sourceLocation)
        if uniquePrimal {
            #expect(close(interior.columnLevel, exact.columnLevel, tolerance),
                    "levels \(interior.columnLevel) vs \(exact.columnLevel)",
                    sourceLocation: sourceLocation)
            #expect(close(interior.rowLevel, exact.rowLevel, tolerance),
                    sourceLocation: sourceLocation)
        }
        #expect(close(interior.rowMarginal, exact.rowMarginal, tolerance),
                "row marginals \(interior.rowMarginal) vs \(exact.rowMarginal)",
                sourceLocation: sourceLocation)
        #expect(close(interior.columnMarginal, exact.columnMarginal, tolerance),
                "column marginals \(interior.columnMarginal) vs \(exact.columnMarginal)",
                sourceLocation: sourceLocation)
    }

    /// Minimize; `=`, `≤` and `≥` rows; a free column and columns at their lower bound. The
    /// shipments are not unique (Ipopt lands inside the optimal face), the duals are.
    @Test func transportAgreesWithGLPK() {
        compareWithGLPK(TestModels.transport(), uniquePrimal: false)
    }

    /// Maximize; binding `≤` and `≥` rows, a column at its upper bound (marginal +5) and one at
    /// its lower bound (marginal −1).
    @Test func maximizationAgreesWithGLPK() {
        compareWithGLPK(TestModels.smallLP(constant: 2))
    }

    /// The same LP as a minimization of the negated objective: every sign flips.
    @Test func negatedMinimizationAgreesWithGLPK() {
        compareWithGLPK(TestModels.smallLP(negated: true, constant: 2))
    }

    /// A fixed column (lower = upper) and a binding `=` row, in both senses: x = 1 by
    /// `link: x − w = 0.5` with w fixed at 0.5, y = 3 by c1 (c3 relaxed to y ≥ 2 so that the
    /// duals are unique).
    @Test func fixedColumnsAgreeWithGLPK() {
        for negated in [false, true] {
            var model = TestModels.smallLP(negated: negated)
            model.rowLower[2] = 2
            model.columnLower[3] = 0.5
            model.columnUpper[3] = 0.5
            model.addRow(columns: [0, 3], values: [1, -1], lower: 0.5, upper: 0.5,
                         origin: TestModels.origin("link"))
            compareWithGLPK(model)
        }
    }

    /// Every column fixed at a point where no row binds: Ipopt does not iterate, and the reduced
    /// costs are the objective coefficients, as GLPK reports them.
    @Test func allColumnsFixedAgreeWithGLPK() {
        for negated in [false, true] {
            var model = TestModels.smallLP(negated: negated)
            for (j, value) in [0, 3.5, 0.5, 1].enumerated() {
                model.columnLower[j] = value
                model.columnUpper[j] = value
            }
            compareWithGLPK(model)
        }
    }

    /// A QP with binding `≤`, `≥` and `=` rows and active lower and upper column bounds, in both
    /// senses: each marginal must equal the central difference of the optimal objective when the
    /// row's bounds (or the column's bounds) move together by ±h.
    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func quadraticMarginalsAreObjectiveDerivatives(sense: ObjectiveSense) {
        let (model, quadratic) = IpoptMarginalTests.quadraticModel(sense: sense)
        let program = IpoptLinearProgram(model, quadratic: quadratic)
        let base = ipopt.solve(model, program: program, options: tight)
        #expect(base.modelStatus == .locallyOptimal)
        guard let objective = base.objective else { return }
        let sign = sense == .minimize ? 1.0 : -1.0
        #expect(close(objective, 14.625 * sign, 1e-7))
        #expect(close(base.columnLevel, [1.25, 0.75, 2.25, 0.25, 1], 1e-6))
        #expect(close(base.rowMarginal, [-1.5 * sign, 2.25 * sign, -1.25 * sign, 0], 1e-6))
        #expect(close(base.columnMarginal, [0, 0, 0, -3 * sign, 2 * sign], 1e-6))

        let h = 1e-4
        func solved(_ shift: (inout ScalarModel, Double) -> Void) -> Double {
            func at(_ delta: Double) -> Double {
                var shifted = model
                shift(&shifted, delta)
                let result = ipopt.solve(shifted, program: program, options: tight)
                return result.objective ?? .nan
            }
            return (at(h) - at(-h)) / (2 * h)
        }
        for i in 0..<model.rowCount {
            let derivative = solved { model, delta in
                model.rowLower[i] += delta
                model.rowUpper[i] += delta
            }
            #expect(abs(derivative - base.rowMarginal[i]) < 1e-5,
                    "row \(i): marginal \(base.rowMarginal[i]), difference quotient \(derivative)")
        }
        for j in 0..<model.columnCount {
            let derivative = solved { model, delta in
                model.columnLower[j] += delta
                model.columnUpper[j] += delta
            }
            #expect(abs(derivative - base.columnMarginal[j]) < 1e-5,
                    "column \(j): marginal \(base.columnMarginal[j]), difference quotient \(derivative)")
        }
    }

    /// `min ½(x² + y² + z² + w² + v²) − 4x − 2w + v + 15` (or `max` of the negation) subject to
    /// `r1: x + y ≤ 2`, `r2: y + z ≥ 3`, `r3: x − w = 1`, `r4: x + y + z + w + v ≤ 100` (slack),
    /// `z ≤ 2.5` (slack), `0 ≤ w ≤ 0.25`, `v ≥ 1`.
    ///
    /// KKT (minimize): x = 1.25, y = 0.75, z = 2.25, w = 0.25, v = 1 with multipliers 1.5 (r1),
    /// 2.25 (r2), 1.25 (r3), 3 (w's upper bound), 2 (v's lower bound); objective 14.625. GAMS
    /// marginals: r1 −1.5, r2 2.25, r3 −1.25, r4 0; w −3, v 2.
    static func quadraticModel(sense: ObjectiveSense) -> (ScalarModel, [Double]) {
        var model = ScalarModel()
        model.sense = sense
        let sign = sense == .minimize ? 1.0 : -1.0
        let x = model.addColumn(lower: -10, upper: 10, start: 0, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: -10, upper: 10, start: 0, origin: TestModels.origin("y"))
        let z = model.addColumn(lower: -10, upper: 2.5, start: 0, origin: TestModels.origin("z"))
        let w = model.addColumn(lower: 0, upper: 0.25, start: 0, origin: TestModels.origin("w"))
        let v = model.addColumn(lower: 1, upper: .infinity, start: 5, origin: TestModels.origin("v"))
        model.objective[x] = -4 * sign
        model.objective[w] = -2 * sign
        model.objective[v] = sign
        model.objectiveConstant = 15 * sign
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: -.infinity, upper: 2,
                     origin: TestModels.origin("r1"))
        model.addRow(columns: [Int32(y), Int32(z)], values: [1, 1], lower: 3, upper: .infinity,
                     origin: TestModels.origin("r2"))
        model.addRow(columns: [Int32(x), Int32(w)], values: [1, -1], lower: 1, upper: 1,
                     origin: TestModels.origin("r3"))
        model.addRow(columns: [Int32(x), Int32(y), Int32(z), Int32(w), Int32(v)],
                     values: [1, 1, 1, 1, 1], lower: -.infinity, upper: 100,
                     origin: TestModels.origin("r4"))
        return (model, [sign, sign, sign, sign, sign])
    }
}
