import IR
@testable import Solvers
import Testing

/// Where GLPK's simplex starts a cold LP solve (`adv_basis` in `glpk.opt`), and that every start
/// still ends with a basis, marginals and a warm restart.
@Suite("GLPK: the starting basis of an LP")
struct GLPKStartTests {
    let solver = GLPKSolver()

    private func options(_ settings: (String, String)...) -> SolveOptions {
        var options = SolveOptions()
        options.solverOptions = settings.map { SolverOptionSetting(name: $0.0, value: $0.1) }
        return options
    }

    @Test func initialBasisOptionIsReadAndRefusedWhenWrong() {
        for (value, basis) in [("0", InitialBasis.slack), ("1", .advanced), ("2", .bixby)] {
            let read = GLPKOptions.read([SolverOptionSetting(name: "adv_basis", value: value)])
            #expect(read.problems.isEmpty)
            #expect(read.options.initialBasis == basis)
        }
        for value in ["3", "-1", "0.5", "yes", ""] {
            #expect(solver.optionProblems([SolverOptionSetting(name: "adv_basis", value: value)])
                == ["GLPK option 'adv_basis' cannot be '\(value)'"])
        }
        let unknown = solver.optionProblems([SolverOptionSetting(name: "crash", value: "1")])
        #expect(unknown == ["unknown GLPK option 'crash'; GLPK's options are adv_basis, br_tech, bt_tech, clq_cuts, "
                + "cov_cuts, fp_heur, gmi_cuts, meth, mir_cuts, pp_tech, presolve, pricing, ps_heur, r_test, scale, "
                + "solvefinal, tol_bnd, tol_dj, tol_int, tol_obj, tol_piv"])
    }

    /// Without a file a cold LP starts from the slack basis and the primal simplex presolves;
    /// the dual simplex (the blocks of a decomposed model) does not; the file's choice wins.
    @Test func defaultsFollowTheMethod() {
        #expect(GLPKOptions().coldBasis == .slack)
        #expect(GLPKOptions().presolvesColdLP(dual: false))
        #expect(!GLPKOptions().presolvesColdLP(dual: true))
        #expect(!GLPKOptions.read([SolverOptionSetting(name: "presolve", value: "0")]).options.presolvesColdLP(dual: false))
        #expect(GLPKOptions.read([SolverOptionSetting(name: "adv_basis", value: "2")]).options.coldBasis == .bixby)
    }

    /// Every start, with and without the presolver, reaches GAMS's transport optimum with the
    /// same marginals, and returns a basis from which the same LP restarts with no iteration.
    @Test(arguments: [("0", "1"), ("1", "0"), ("2", "0"), ("0", "0")])
    func everyStartGivesBasisMarginalsAndWarmRestart(_ start: String, _ presolve: String) throws {
        let model = TestModels.transport()
        let result = solver.solve(model, options: options(("adv_basis", start), ("presolve", presolve)))
        #expect(result.modelStatus == .optimal && result.solverStatus == .normalCompletion)
        #expect(close(result.objective, 153.675))
        #expect(close(result.columnMarginal, [0, 0, 0.036, 0, 0.009, 0, 0]))
        #expect(close(result.rowMarginal, [1, 0, 0, 0.225, 0.153, 0.126]))
        let basis = try #require(result.basis)
        #expect(basis.rows.count == model.rowCount && basis.columns.count == model.columnCount)
        var warm = SolveOptions()
        warm.startBasis = basis
        let again = solver.solve(model, options: warm)
        #expect(again.modelStatus == .optimal && again.iterations == 0)
        #expect(close(again.objective, 153.675))
    }

    /// On a coupled sharing LP (the community benchmark's structure, small) the default, with
    /// GLPK's presolver, needs fewer simplex iterations than enm's old default (slack basis, no
    /// presolver), at the same optimum, and still returns a basis and marginals.
    @Test func presolverSavesIterationsOnACoupledLP() throws {
        let model = TestModels.sharing(steps: 12, producers: 6, consumers: 12)
        let old = solver.solve(model, options: options(("presolve", "0")))
        let automatic = solver.solve(model, options: SolveOptions())
        #expect(old.modelStatus == .optimal && automatic.modelStatus == .optimal)
        #expect(close(automatic.objective, old.objective ?? .nan, 1e-9))
        #expect(automatic.iterations < old.iterations)
        #expect(automatic.rowMarginal.count == model.rowCount && automatic.columnMarginal.count == model.columnCount)
        var warm = SolveOptions()
        warm.startBasis = try #require(automatic.basis)
        #expect(solver.solve(model, options: warm).iterations == 0)
    }

    /// GLPK 5.0's presolver returns x = 0 for `1e9*x =e= 5` (and says optimal); enm solves again
    /// without it and returns the right point, saying why.
    @Test func presolverPointThatMissesARowIsSolvedAgain() {
        var model = ScalarModel()
        model.sense = .minimize
        let x = model.addColumn(lower: 0, upper: .infinity, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0, upper: .infinity, origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.objective[y] = 1
        model.addRow(columns: [Int32(x)], values: [1e9], lower: 5, upper: 5, origin: TestModels.origin("c1"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: 1, upper: .infinity, origin: TestModels.origin("c2"))
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.columnLevel, [5e-9, 1 - 5e-9], 1e-12))
        #expect(result.message.contains("(solved without GLPK's presolver: its point missed c1 by 5.0)"))
        #expect(result.basis != nil)
    }

    /// An infeasible LP: the presolver gives no point, the simplex without it gives the verdict.
    @Test func infeasibleLPIsReportedAsBefore() {
        var model = TestModels.transport()
        model.rowUpper[1] = 100 // seattle supplies 100, san-diego 600: demand 900 cannot be met
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.columnLevel.count == model.columnCount)
    }
}

extension TestModels {
    /// The community benchmark's LP in miniature: shares `w(j,i) ∈ [0,1]` of producer `i`'s
    /// surplus `E(t,i)` reserved for consumer `j` (each linked to 3 producers), flows
    /// `f(t,i,j) ≤ w(j,i)·E(t,i)`, surplus left `S(t,i) = E − Σ_j f`, shortfall left
    /// `D(t,j) = N − Σ_i f`, `Σ_j w(j,i) ≤ 1`, minimise `z = Σ S + Σ D`. The weights couple
    /// all steps. Data from a fixed linear congruential sequence.
    static func sharing(steps: Int, producers: Int, consumers: Int) -> ScalarModel {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let links = (0..<consumers).map { j in (0..<3).map { (j + $0 * 2) % producers } }
        var model = ScalarModel()
        model.sense = .minimize
        let z = model.addColumn(lower: -.infinity, upper: .infinity, origin: origin("z"))
        model.objective[z] = 1
        var w: [[Int]] = []
        for j in 0..<consumers {
            w.append(links[j].map { model.addColumn(lower: 0, upper: 1, origin: origin("w", "c\(j)", "p\($0)")) })
        }
        var objectiveColumns: [Int32] = [Int32(z)], objectiveValues: [Double] = [1]
        for (i, producer) in (0..<producers).map({ ($0, "p\($0)") }) {
            var columns: [Int32] = [], values: [Double] = []
            for j in 0..<consumers { for (k, l) in links[j].enumerated() where l == i { columns.append(Int32(w[j][k])); values.append(1) } }
            model.addRow(columns: columns, values: values, lower: -.infinity, upper: 1, origin: origin("wsum", producer))
        }
        for t in 0..<steps {
            let surplus = (0..<producers).map { _ in 2 * uniform() }
            let shortfall = (0..<consumers).map { _ in uniform() }
            var f: [[Int]] = []
            for j in 0..<consumers {
                f.append(links[j].map { model.addColumn(lower: 0, upper: .infinity, origin: origin("f", "t\(t)", "p\($0)", "c\(j)")) })
                for (k, i) in links[j].enumerated() {
                    model.addRow(columns: [Int32(f[j][k]), Int32(w[j][k])], values: [1, -surplus[i]], lower: -.infinity, upper: 0,
                                 origin: origin("cap", "t\(t)", "p\(i)", "c\(j)"))
                }
            }
            for i in 0..<producers {
                let s = model.addColumn(lower: 0, upper: .infinity, origin: origin("S", "t\(t)", "p\(i)"))
                objectiveColumns.append(Int32(s)); objectiveValues.append(-1)
                var columns: [Int32] = [Int32(s)], values: [Double] = [1]
                for j in 0..<consumers { for (k, l) in links[j].enumerated() where l == i { columns.append(Int32(f[j][k])); values.append(1) } }
                model.addRow(columns: columns, values: values, lower: surplus[i], upper: surplus[i], origin: origin("sdef", "t\(t)", "p\(i)"))
            }
            for j in 0..<consumers {
                let d = model.addColumn(lower: 0, upper: .infinity, origin: origin("D", "t\(t)", "c\(j)"))
                objectiveColumns.append(Int32(d)); objectiveValues.append(-1)
                model.addRow(columns: [Int32(d)] + f[j].map { Int32($0) }, values: [1] + f[j].map { _ in 1 },
                             lower: shortfall[j], upper: shortfall[j], origin: origin("ddef", "t\(t)", "c\(j)"))
            }
        }
        model.addRow(columns: objectiveColumns, values: objectiveValues, lower: 0, upper: 0, origin: origin("obj"))
        return model
    }
}
