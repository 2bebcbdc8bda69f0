import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 7. Solve and report

@Suite struct SolveTests {
    static let tinyLP = """
    Positive Variables x, y;
    Variable z;
    Equations obj, c1, c2;
    obj.. z =e= 3*x + 2*y;
    c1..  x + y =l= 4;
    c2..  x + 3*y =l= 9;
    x.up = 3;
    Model m / all /;
    """

    @Test func solveWordOrders() {
        for stmt in ["Solve m using lp maximizing z;", "Solve m maximizing z using lp;", "solve m max z using lp;",
                     "Solve m using lp max z;"] {
            let run = runSource(SolveTests.tinyLP + "\n" + stmt + "\ndisplay z.l;\n")
            expectClean(run)
            #expect(displayed(run, "z", [], "l") == 11, "\(stmt)")
        }
        let run = runSource(SolveTests.tinyLP + "\nSolve m using lp min z;\ndisplay z.l;\n")
        expectClean(run)
        #expect(displayed(run, "z", [], "l") == 0)
    }

    @Test func rmipRelaxesIntegers() {
        let run = runSource("""
        Integer Variable n;
        Variable z;
        Equations obj, lim;
        obj.. z =e= n;
        lim.. 2*n =l= 5;
        Model m / all /;
        Solve m using rmip maximizing z;
        Scalar r; r = z.l;
        Solve m using mip maximizing z;
        display r, z.l;
        """)
        expectClean(run)
        #expect(displayed(run, "r") == 2.5)
        #expect(displayed(run, "z", [], "l") == 2)
    }

    @Test func levelsAndMarginalsWithGAMSSignConvention() {
        // max 3x + 2y s.t. x + y <= 4, x + 3y <= 9, x <= 3: x = 3, y = 1, z = 11.
        // Duals: c1 = 2 (binding), c2 = 0; reduced cost of x at its upper bound = 3 - 2 = 1.
        let run = runSource(SolveTests.tinyLP + """

        Solve m using lp maximizing z;
        display x.l, y.l, x.m, y.m, c1.l, c2.l, c1.m, c2.m, obj.l, obj.m, z.l;
        """)
        expectClean(run)
        #expect(displayed(run, "x", [], "l") == 3)
        #expect(displayed(run, "y", [], "l") == 1)
        #expect(close(displayed(run, "x", [], "m"), 1))
        #expect(displayed(run, "y", [], "m") == 0)
        #expect(displayed(run, "c1", [], "l") == 4)
        #expect(displayed(run, "c2", [], "l") == 6)
        #expect(close(displayed(run, "c1", [], "m"), 2))
        #expect(displayed(run, "c2", [], "m") == 0)
        // Rows are in normal form (variables left, constants right): obj.. z - 3x - 2y =e= 0.
        #expect(displayed(run, "obj", [], "l") == 0)
        #expect(displayed(run, "obj", [], "m") == 1)
        #expect(displayed(run, "z", [], "l") == 11)
    }

    @Test func equationLevelIsRowActivityInNormalForm() {
        let run = runSource("""
        Positive Variable x;
        Variable z;
        Equations obj, low;
        obj.. z =e= 2*x + 5;
        low.. 10 + x =g= 3 + 2;
        Model m / all /;
        Solve m using lp minimizing z;
        display obj.l, low.l, low.lo, low.up, low.m, z.l;
        """)
        expectClean(run)
        // obj.. z - 2x =e= 5 has level 5; low.. x =g= -5 has level 0 and bounds [-5, +inf).
        #expect(displayed(run, "obj", [], "l") == 5)
        #expect(displayed(run, "low", [], "l") == 0)
        #expect(displayed(run, "low", [], "lo") == -5)
        #expect(displayed(run, "low", [], "up") == .infinity)
        #expect(displayed(run, "z", [], "l") == 5)
    }

    @Test func minimizationMarginalSigns() {
        // min 2x s.t. x >= 3: dual of the =g= row is +2, reduced cost of y (cost 1, unused) is 1.
        let run = runSource("""
        Positive Variables x, y;
        Variable z;
        Equations obj, need;
        obj..  z =e= 2*x + y;
        need.. x =g= 3;
        Model m / all /;
        Solve m using lp minimizing z;
        display need.m, y.m, x.m;
        """)
        expectClean(run)
        #expect(close(displayed(run, "need", [], "m"), 2))
        #expect(close(displayed(run, "y", [], "m"), 1))
        #expect(displayed(run, "x", [], "m") == 0)
    }

    @Test func infeasibleLP() {
        let run = runSource("""
        Positive Variable x;
        Variable z;
        Equations obj, lo, hi;
        obj.. z =e= x;
        lo..  x =g= 2;
        hi..  x =l= 1;
        Model m / all /;
        Solve m using lp minimizing z;
        Scalar ms; ms = m.modelStat;
        display ms;
        """)
        #expect(run.solves.first?.modelStatus.rawValue == 4)
        #expect(run.solves.first?.solverStatus.rawValue == 1)
        #expect(displayed(run, "ms") == 4)
        #expect(run.result.exitCode.rawValue == 3)
    }

    @Test func unboundedLP() {
        let run = runSource("""
        Positive Variable x;
        Variable z;
        Equations obj, lo;
        obj.. z =e= x;
        lo..  x =g= 2;
        Model m / all /;
        Solve m using lp maximizing z;
        Scalar ms; ms = m.modelStat;
        display ms;
        """)
        #expect(run.solves.first?.modelStatus.rawValue == 3)
        #expect(run.solves.first?.solverStatus.rawValue == 1)
        #expect(displayed(run, "ms") == 3)
        #expect(run.result.exitCode.rawValue == 3)
    }

    @Test func infeasibleMIPWithInfeasibleRelaxation() {
        let run = runSource("""
        Integer Variable n;
        Variable z;
        Equations obj, lo, hi;
        obj.. z =e= n;
        lo..  n =g= 3;
        hi..  n =l= 2;
        Model m / all /;
        Solve m using mip minimizing z;
        """)
        #expect(run.solves.first?.modelStatus.rawValue == 4)
        #expect(run.result.exitCode.rawValue == 3)
    }

    @Test func integerInfeasibleMIPWithFeasibleRelaxation() {
        let run = runSource("""
        Integer Variable n;
        Variable z;
        Equations obj, half;
        obj..  z =e= n;
        half.. 2*n =e= 1;
        Model m / all /;
        Solve m using mip minimizing z;
        """)
        let ms = run.solves.first?.modelStatus.rawValue
        #expect(ms == 10 || ms == 4, "model status \(String(describing: ms))")
        #expect(run.result.exitCode.rawValue == 3)
    }

    @Test func mipStoppedByResourceLimitIsNeverOptimal() {
        // A market-split instance (Cornuejols & Dawande): tiny, but far too hard for
        // branch-and-bound to finish within a millisecond.
        let run = runSource(SolveTests.marketSplit + """

        m.resLim = 0.001;
        Solve m using mip minimizing z;
        Scalars ms, ss; ms = m.modelStat; ss = m.solveStat;
        display ms, ss;
        """)
        let ms = run.solves.first?.modelStatus.rawValue
        #expect(ms == 8 || ms == 14, "model status \(String(describing: ms))")
        #expect(ms != 1)
        #expect(run.solves.first?.solverStatus.rawValue == 3)
        #expect(run.result.exitCode.rawValue == 4)
    }

    @Test func optionResLimAlsoLimitsTheSolve() {
        let run = runSource("option resLim = 0.001;\n" + SolveTests.marketSplit + """

        Solve m using mip minimizing z;
        """)
        let ms = run.solves.first?.modelStatus.rawValue
        #expect(ms == 8 || ms == 14, "model status \(String(describing: ms))")
        #expect(run.result.exitCode.rawValue == 4)
    }

    /// Four market-split rows over 40 binaries: minimise the total slack.
    static let marketSplit: String = {
        // Fixed pseudo-random coefficients in 0..99 (a linear congruential generator).
        var state: UInt64 = 20240601
        func next() -> Int { state = (state &* 6364136223846793005 &+ 1442695040888963407); return Int((state >> 33) % 100) }
        var data = ""
        for r in 1...4 {
            for j in 1...40 { data += " r\(r).j\(j) \(next())\n" }
        }
        return """
        Set r / r1*r4 /, j / j1*j40 /;
        Parameter a(r,j) /
        \(data)/;
        Parameter d(r);
        d(r) = floor(sum(j, a(r,j)) / 2);
        Binary Variable x(j);
        Positive Variables sp(r), sm(r);
        Variable z;
        Equations obj, split(r);
        obj..      z =e= sum(r, sp(r) + sm(r));
        split(r).. sum(j, a(r,j)*x(j)) + sp(r) - sm(r) =e= d(r);
        Model m / all /;
        option optCr = 0;
        """
    }()

    @Test func modelAttributesAfterSolve() {
        let run = runSource(SolveTests.tinyLP + """

        Solve m using lp maximizing z;
        Scalars ov, ms, ss, ne, nv;
        ov = m.objVal; ms = m.modelStat; ss = m.solveStat; ne = m.numEqu; nv = m.numVar;
        display ov, ms, ss, ne, nv;
        """)
        expectClean(run)
        #expect(displayed(run, "ov") == 11)
        #expect(displayed(run, "ms") == 1)
        #expect(displayed(run, "ss") == 1)
        #expect(displayed(run, "ne") == 3)
        #expect(displayed(run, "nv") == 3)
    }

    @Test func mipOptimalityAndTolerance() {
        // Knapsack: values 10, 13, 7, 8; weights 5, 7, 4, 3; capacity 12.
        // Optimum 25 (items 1, 3, 4: weight 12) -- found by enumerating all 16 subsets.
        let run = runSource("""
        Set k / k1*k4 /;
        Parameter val(k) / k1 10, k2 13, k3 7, k4 8 /, wt(k) / k1 5, k2 7, k3 4, k4 3 /;
        Binary Variable pick(k);
        Variable z;
        Equations obj, cap;
        obj.. z =e= sum(k, val(k)*pick(k));
        cap.. sum(k, wt(k)*pick(k)) =l= 12;
        Model knap / all /;
        option optCr = 0;
        Solve knap using mip maximizing z;
        display pick.l, z.l;
        """)
        expectClean(run)
        #expect(run.solves.first?.modelStatus.rawValue == 1)
        #expect(displayed(run, "z", [], "l") == 25)
        #expect(run.records("pick", "l") == [["k1"]: 1, ["k3"]: 1, ["k4"]: 1])
    }

    @Test func nonlinearTermUnderLPIsAnError() {
        let run = runSource("""
        Variable x, z;
        Equation obj;
        obj.. z =e= x*x;
        Model m / all /;
        Solve m using lp minimizing z;
        """)
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.result.diagnostics.contains { $0.severity == .error && $0.span.line == 3 }, "\(run.diagnostics)")
    }

    @Test func unsupportedModelTypeIsAClearError() {
        let run = runSource("""
        Integer Variable n;
        Variable z;
        Equation obj;
        obj.. z =e= n;
        n.up = 3;
        Model m / all /;
        Solve m using cns;
        """)
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.diagnostics.contains("error[E2031]: model type 'cns' is not supported"))
    }

    @Test func nlpSolvesWithIpopt() {
        let run = runSource("""
        Variable x, y, z;
        Equation obj, lin;
        obj.. z =e= sqr(x - 2) + sqr(y - 1);
        lin.. x + y =e= 1;
        Model m / all /;
        Solve m using nlp minimizing z;
        display x.l, y.l, z.l, lin.m;
        """)
        expectClean(run)
        let ms = run.solves.first?.modelStatus.rawValue
        #expect(ms == 1 || ms == 2)
        // min (x-2)^2 + (y-1)^2 s.t. x + y = 1: x = 1, y = 0, z = 2, dual -2.
        #expect(close(displayed(run, "x", [], "l"), 1, 1e-5))
        #expect(close(displayed(run, "z", [], "l"), 2, 1e-5))
        #expect(close(displayed(run, "lin", [], "m"), -2, 1e-5))
        #expect(run.solves.first?.solver == "ipopt")
    }

    @Test func constantOnTheLeftGivesNormalFormRow() {
        // need.. 3 =l= x is the row -x =l= -3: level -3, upper bound -3, marginal -2 for min 2x.
        let run = runSource("""
        Positive Variable x;
        Variable z;
        Equations obj, need;
        obj..  z =e= 2*x;
        need.. 3 =l= x;
        Model m / all /;
        Solve m using lp minimizing z;
        display need.l, need.up, need.m, x.l;
        """)
        expectClean(run)
        #expect(displayed(run, "x", [], "l") == 3)
        #expect(displayed(run, "need", [], "l") == -3)
        #expect(displayed(run, "need", [], "up") == -3)
        #expect(close(displayed(run, "need", [], "m"), -2))
    }

    @Test func equationBoundsOfEqualityRow() {
        let run = runSource("""
        Variable x, z;
        Equations obj, fix;
        obj.. z =e= x;
        fix.. 2*x + 1 =e= 7;
        Model m / all /;
        Solve m using lp minimizing z;
        display fix.lo, fix.up, fix.l, x.l;
        """)
        expectClean(run)
        #expect(displayed(run, "fix", [], "lo") == 6)
        #expect(displayed(run, "fix", [], "up") == 6)
        #expect(displayed(run, "fix", [], "l") == 6)
        #expect(displayed(run, "x", [], "l") == 3)
    }

    @Test func equationRowsFollowDataChangedBetweenSolves() {
        let run = runSource("""
        Set i / i1*i4 /;
        Parameter act(i) / i1 1, i2 1 /;
        Positive Variable x(i);
        Variable z;
        Equations lim(i), obj;
        lim(i)$act(i).. x(i) =l= 1;
        obj.. z =e= sum(i$act(i), x(i));
        Model m / all /;
        Solve m using lp maximizing z;
        Scalar first; first = z.l;
        act(i) = 1;
        Solve m using lp maximizing z;
        display first, z.l;
        """)
        expectClean(run)
        #expect(run.solves.map(\.rows) == [3, 5])
        #expect(displayed(run, "first") == 2)
        #expect(displayed(run, "z", [], "l") == 4)
    }

    @Test func levelsUsedAsDataInAnotherSolve() {
        let run = runSource("""
        Positive Variable x;
        Variable z, w;
        Equations o1, c1, o2;
        o1.. z =e= x;
        c1.. x =l= 4;
        o2.. w =e= 2*x.l + 1;
        Model m1 / o1, c1 /, m2 / o2 /;
        Solve m1 using lp maximizing z;
        Solve m2 using lp minimizing w;
        display w.l;
        """)
        expectClean(run)
        #expect(displayed(run, "w", [], "l") == 9)
    }
}
