import Foundation
import IR
import Testing

/// MINLP, MIQCP and RMINLP solves through Bonmin: statuses, objective, levels, marginals of the
/// final NLP, best bound, limits and option files.
@Suite struct MINLPTests {
    /// Unit commitment: each unit's cost is quadratic in its output plus a fixed cost when on.
    /// Enumerating the on/off choices (the load of 100 cannot be met by one unit, nor by u1 and
    /// u3): all on costs 10000/170 + 75 = 133.82, u2 and u3 cost 84 + 65 = 149, u1 and u2 cost
    /// 10000/150 + 35 = 101.67 with p = 33.33 and 66.67 (outputs in proportion to 1/a): the
    /// global optimum, of a convex model.
    static let commitment = """
        Set i 'units' / u1*u3 /;
        Parameter pmax(i) / u1 50, u2 80, u3 30 /, a(i) / u1 0.02, u2 0.01, u3 0.05 /,
                  f(i) / u1 10, u2 25, u3 40 /;
        Positive Variable p(i);
        Binary Variable on(i);
        Variable z;
        Equations cost, load, cap(i);
        cost..   z =e= sum(i, a(i)*sqr(p(i)) + f(i)*on(i));
        load..   sum(i, p(i)) =g= 100;
        cap(i).. p(i) =l= pmax(i)*on(i);
        Model uc / all /;
        Solve uc using %type% minimizing z;
        Scalar stat, solStat, est; stat = uc.modelStat; solStat = uc.solveStat; est = uc.objEst;
        display p.l, on.l, on.m, load.m, z.l, stat, solStat, est;
        """

    @Test(arguments: ["minlp", "miqcp"])
    func convexModelReachesItsGlobalOptimum(_ type: String) throws {
        let run = runSource(MINLPTests.commitment.replacingOccurrences(of: "%type%", with: type))
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        let solve = try #require(run.solves.first)
        #expect(solve.solver == "bonmin" && solve.modelStatus == .optimal && solve.solverStatus == .normalCompletion)
        let optimum = 10000.0 / 150 + 35
        #expect(abs((solve.objective ?? 0) - optimum) < 1e-5)
        #expect(abs((solve.bestBound ?? 0) - optimum) < 1e-5)
        #expect(run.records("on", "l") == [["u1"]: 1, ["u2"]: 1])
        let p = run.records("p", "l")
        let p1: Double = p[["u1"]] ?? 0, p2: Double = p[["u2"]] ?? 0
        #expect(abs(p1 - 100.0 / 3) < 1e-4 && abs(p2 - 200.0 / 3) < 1e-4 && p[["u3"]] == nil)
        // the final NLP's duals: the load's price is the marginal cost 2·a·p of either unit,
        // and a fixed binary's marginal is its reduced cost, the fixed cost (no capacity binds)
        #expect(abs((run.records("load", "m")[[]] ?? 0) - 4.0 / 3) < 1e-5)
        let onM = run.records("on", "m")
        let on1: Double = onM[["u1"]] ?? 0, on2: Double = onM[["u2"]] ?? 0
        #expect(abs(on1 - 10) < 1e-5 && abs(on2 - 25) < 1e-5)
        #expect(run.records("stat") == [[]: 1] && run.records("solStat") == [[]: 1])
        let est: Double = run.records("est")[[]] ?? 0
        #expect(abs(est - optimum) < 1e-5)
    }

    @Test func equationListingNamesTheModelType() {
        let source = MINLPTests.commitment.replacingOccurrences(of: "%type%", with: "minlp")
            .replacingOccurrences(of: "Model uc / all /;", with: "Model uc / all /;\noption limRow = 1, limCol = 0;")
        let run = runSource(source)
        #expect(run.output.contains("Equation Listing    SOLVE uc Using MINLP From line 13"), "\(run.output)")
        #expect(run.output.contains("load..  p(u1) + p(u2) + p(u3) =G= 100 ; (LHS = 0, INFES = 100 ****)"))
    }

    @Test func nonconvexAnswerIsAnIntegerSolutionNeverOptimal() throws {
        // maximizing a convex function: Bonmin finds a global maximum (|x| = 3 with n = 0 or 5:
        // 9 + 6.25) here, but cannot prove it
        let run = runSource("""
            Integer Variable n;
            Variable x, z;
            n.up = 5; x.lo = -3; x.up = 3;
            Equations obj, link;
            obj.. z =e= sqr(x) + sqr(n - 2.5);
            link.. x + n =l= 4;
            Model m / all /;
            Solve m using minlp maximizing z;
            display x.l, n.l;
            """)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        let solve = try #require(run.solves.first)
        #expect(solve.modelStatus == .integerSolution && solve.solverStatus == .normalCompletion)
        #expect(abs((solve.objective ?? 0) - 15.25) < 1e-6)
        let x: Double = run.records("x", "l")[[]] ?? 0, n: Double = run.records("n", "l")[[]] ?? 0
        #expect(abs(x) == 3 && (n == 0 || n == 5))
    }

    @Test func infeasibleModelHasNoSolution() throws {
        // x + 2n = 3.5 with n whole needs x = 1.5 or more, or a negative x
        let run = runSource("""
            Integer Variable n; Variable x, z;
            n.up = 3; x.lo = 0; x.up = 10;
            Equations obj, c1, c2;
            obj.. z =e= sqr(x - 1) + n;
            c1.. x + 2*n =e= 3.5;
            c2.. x =l= 0.4;
            Model m / all /;
            Solve m using minlp minimizing z;
            Scalar stat; stat = m.modelStat; display stat;
            """)
        let solve = try #require(run.solves.first)
        #expect(solve.modelStatus == .integerInfeasible && solve.solverStatus == .normalCompletion)
        #expect(solve.objective == nil && solve.bestBound == nil)
        #expect(run.result.exitCode.rawValue == 3)
        #expect(run.records("stat") == [[]: 10])
    }

    /// A knapsack whose capacity can be bought at a quadratic price: its relaxation takes 0.45
    /// of item i12.
    static let knapsack = """
        Set i / i1*i12 /;
        Parameter w(i), v(i);
        w(i) = 3 + mod(ord(i)*7, 11);
        v(i) = 5 + mod(ord(i)*5, 13);
        Binary Variable y(i);
        Positive Variable s;
        Variable z;
        Equations obj, cap;
        obj.. z =e= sum(i, v(i)*y(i)) - 0.1*sqr(s);
        cap.. sum(i, w(i)*y(i)) =l= 40 + s;
        Model k / all /;
        %setup%
        Scalar stat, nodes; stat = k.modelStat; nodes = k.nodUsd;
        display y.l, stat, nodes;
        """

    @Test func nodeLimitStopsWithAnIntegerSolutionAndAnHonestGap() throws {
        let run = runSource(MINLPTests.knapsack.replacingOccurrences(of: "%setup%", with: "k.nodLim = 1;\nSolve k using minlp maximizing z;"))
        let solve = try #require(run.solves.first)
        #expect(solve.modelStatus == .integerSolution && solve.solverStatus == .iterationInterrupt)
        let objective = try #require(solve.objective), bound = try #require(solve.bestBound)
        #expect(bound >= objective + 1e-3 && objective <= 88.6 + 1e-6)
        #expect(run.records("stat") == [[]: 8] && run.records("nodes") == [[]: 1])
        #expect(run.result.exitCode.rawValue == 4)
    }

    @Test func withoutLimitsTheKnapsackIsSolvedToOptimality() throws {
        let run = runSource(MINLPTests.knapsack.replacingOccurrences(of: "%setup%", with: "Solve k using minlp maximizing z;"))
        let solve = try #require(run.solves.first)
        #expect(solve.modelStatus == .optimal && abs((solve.objective ?? 0) - 88.6) < 1e-5)
        #expect(run.records("y", "l").values.allSatisfy { $0 == 1 })
    }

    @Test func timeLimitOfZeroStopsBeforeAnyIntegerSolution() throws {
        let run = runSource(MINLPTests.knapsack.replacingOccurrences(of: "%setup%", with: "k.resLim = 0;\nSolve k using minlp maximizing z;"))
        let solve = try #require(run.solves.first)
        #expect(solve.modelStatus == .noSolutionReturned && solve.solverStatus == .resourceInterrupt)
        #expect(solve.objective == nil)
    }

    @Test func rminlpStaysWithIpoptUnlessBonminIsPicked() throws {
        let run = runSource(MINLPTests.knapsack.replacingOccurrences(of: "%setup%", with: """
            Solve k using rminlp maximizing z;
            option rminlp = bonmin;
            Solve k using rminlp maximizing z;
            """))
        #expect(run.solves.map(\.solver) == ["ipopt", "bonmin"])
        #expect(run.solves.map(\.modelStatus) == [.locallyOptimal, .optimal])
        for solve in run.solves { #expect(abs((solve.objective ?? 0) - 89.625) < 1e-5 && solve.bestBound == nil) }
        #expect(abs((run.records("y", "l")[["i12"]] ?? 0) - 0.45) < 1e-6)
    }

    @Test func optionFileReachesBonminAndRejectsWhatItDoesNotKnow() throws {
        let source = MINLPTests.knapsack.replacingOccurrences(of: "%setup%", with: "k.optFile = 1;\nSolve k using minlp maximizing z;")
        let run = runFiles(["model.gms": source, "bonmin.opt": "bonmin.node_limit 1\nbonmin.nosuch 3\n"], main: "model.gms")
        #expect(run.diagnostics.contains("warning[W4004]: bonmin option 'bonmin.nosuch' = '3' not accepted: unknown option"),
                "\(run.diagnostics)")
        let solve = try #require(run.solves.first)
        #expect(solve.modelStatus == .integerSolution && solve.solverStatus == .iterationInterrupt)
    }
}
