import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 5. Statements

@Suite struct StatementTests {
    @Test func assignmentsRunAsIfInParallel() {
        let run = runSource("""
        Set t / t1*t5 /;
        Parameter d(t);
        d(t) = 1;
        d(t) = d(t-1) + 1;
        display d;
        """)
        expectClean(run)
        #expect(run.records("d") == [["t1"]: 1, ["t2"]: 2, ["t3"]: 2, ["t4"]: 2, ["t5"]: 2])
    }

    @Test func assignmentInsideLoopAccumulates() {
        let run = runSource("""
        Set t / t1*t5 /;
        Parameter d(t);
        d(t) = 1;
        loop(t, d(t) = d(t-1) + 1);
        display d;
        """)
        expectClean(run)
        #expect(run.records("d") == [["t1"]: 1, ["t2"]: 2, ["t3"]: 3, ["t4"]: 4, ["t5"]: 5])
    }

    @Test func boundsLevelsAndFx() {
        let run = runSource("""
        Set i / a, b /;
        Variable x(i);
        x.lo(i) = -1;
        x.up(i) = 4;
        x.l(i)  = 2;
        x.fx("b") = 3;
        display x.lo, x.up, x.l;
        """)
        expectClean(run)
        #expect(run.records("x", "lo") == [["a"]: -1, ["b"]: 3])
        #expect(run.records("x", "up") == [["a"]: 4, ["b"]: 3])
        #expect(run.records("x", "l") == [["a"]: 2, ["b"]: 3])
    }

    @Test func fixedVariableInASolve() {
        let run = runSource("""
        Set i / a, b /;
        Positive Variable x(i);
        Variable z;
        Equations obj, tot;
        obj.. z =e= sum(i, x(i));
        tot.. sum(i, x(i)) =l= 10;
        x.fx("a") = 4;
        Model m / all /;
        Solve m using lp maximizing z;
        display x.l, z.l;
        """)
        expectClean(run)
        #expect(run.records("x", "l") == [["a"]: 4, ["b"]: 6])
    }

    @Test func displayOfTextAndModelAttribute() {
        let run = runSource("""
        Variable z; Equation e; e.. z =e= 3;
        Model m / all /;
        Solve m using lp minimizing z;
        display 'objective of m', m.objVal;
        """)
        expectClean(run)
        #expect(run.output.contains("objective of m"))
        #expect(run.result.events.contains { if case .display(let d) = $0 { return d.kind == .text } else { return false } })
        let rec = run.result.events.compactMap { e -> Double? in
            if case .display(let d) = e, d.kind == .model, d.attribute?.lowercased() == "objval" { return d.records.first?.value }
            return nil
        }
        #expect(rec == [3])
    }

    @Test func loopOverSetAndNestedLoops() {
        let run = runSource("""
        Set i / i1*i3 /, j / j1*j2 /;
        Parameter p(i,j);
        Scalar cnt / 0 /;
        loop(i,
           loop(j$(ord(j) <= ord(i)),
              cnt = cnt + 1;
              p(i,j) = cnt;
           );
        );
        display p, cnt;
        """)
        expectClean(run)
        #expect(displayed(run, "cnt") == 5)
        #expect(run.records("p") == [["i1", "j1"]: 1, ["i2", "j1"]: 2, ["i2", "j2"]: 3, ["i3", "j1"]: 4, ["i3", "j2"]: 5])
    }

    @Test func loopOverMultipleIndicesAndCondition() {
        let run = runSource("""
        Set i / a, b /, j / x, y /;
        Scalar s / 0 /;
        loop((i,j)$(not sameAs(j,"y")), s = s + 1);
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 2)
    }

    @Test func whileLoop() {
        let run = runSource("""
        Scalars k / 1 /, n / 0 /;
        while(k < 100,
           k = k * 2;
           n = n + 1;
        );
        display k, n;
        """)
        expectClean(run)
        #expect(displayed(run, "k") == 128)
        #expect(displayed(run, "n") == 7)
    }

    @Test func repeatUntil() {
        let run = runSource("""
        Scalars k / 0 /;
        repeat (
           k = k + 3;
        until k >= 10);
        display k;
        """)
        expectClean(run)
        #expect(displayed(run, "k") == 12)
    }

    @Test func repeatWithoutParenthesesRunsAndWithoutUntilIsAnErrorNotAHang() {
        // GAMS also reads `repeat ... until cond;` without parentheses: the collect loops of its
        // grid and multi-threading examples are written so (issue 22)
        let bare = runSourceWithTimeout("""
        Scalars k / 0 /;
        repeat
           k = k + 3;
        until k >= 10;
        display k;
        """, seconds: 20)
        #expect(bare != nil, "enm did not finish within 20 s")
        if let bare {
            expectClean(bare)
            #expect(displayed(bare, "k") == 12)
        }
        let unterminated = runSourceWithTimeout("""
        Scalars k / 0 /;
        repeat
           k = k + 3;
        display k;
        """, seconds: 20)
        #expect(unterminated != nil, "enm did not finish within 20 s")
        if let unterminated { #expect(unterminated.result.exitCode.rawValue != 0) }
    }

    @Test func repeatRunsTheBodyAtLeastOnce() {
        let run = runSource("""
        Scalars k / 50 /;
        repeat (
           k = k + 1;
        until k > 0);
        display k;
        """)
        expectClean(run)
        #expect(displayed(run, "k") == 51)
    }

    @Test func forLoop() {
        let run = runSource("""
        Scalars s / 0 /, i, n / 4 /;
        for (i = 1 to n,
           s = s + i;
        );
        Scalar down / 0 /;
        for (i = 10 downto 7,
           down = down + 1;
        );
        Scalar stepped / 0 /;
        for (i = 1 to 10 by 3,
           stepped = stepped + i;
        );
        display s, down, stepped;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 10)
        #expect(displayed(run, "down") == 4)
        #expect(displayed(run, "stepped") == 22)
    }

    @Test func ifElseifElse() {
        let run = runSource("""
        Set c / c1*c3 /;
        Parameter v(c) / c1 -5, c2 0, c3 8 /, r(c);
        loop(c,
           if (v(c) < 0,
              r(c) = 1;
           elseif v(c) = 0,
              r(c) = 2;
           else
              r(c) = 3;
           );
        );
        Scalar single / 0 /;
        if (card(c) = 3, single = 1);
        display r, single;
        """)
        expectClean(run)
        #expect(run.records("r") == [["c1"]: 1, ["c2"]: 2, ["c3"]: 3])
        #expect(displayed(run, "single") == 1)
    }

    @Test func breakAndContinue() {
        let run = runSource("""
        Set i / i1*i10 /;
        Scalars s / 0 /, last / 0 /;
        loop(i,
           if (mod(ord(i), 2) = 0, continue);
           if (ord(i) > 7, break);
           s = s + ord(i);
           last = ord(i);
        );
        Scalar w / 0 /;
        while (1,
           w = w + 1;
           if (w >= 4, break);
        );
        display s, last, w;
        """)
        expectClean(run)
        // Odd ordinals 1, 3, 5, 7; the loop stops at 9.
        #expect(displayed(run, "s") == 16)
        #expect(displayed(run, "last") == 7)
        #expect(displayed(run, "w") == 4)
    }

    @Test func abortStopsTheRunWithAnError() {
        let run = runSource("""
        Scalar x / 5 /;
        display x;
        abort$(x > 1) 'x is too large', x;
        Scalar after / 1 /;
        display after;
        """)
        #expect(run.result.exitCode.rawValue != 0)
        #expect(displayed(run, "x") == 5)
        #expect(run.records("after").isEmpty, "nothing after abort runs")
        #expect(run.diagnostics.contains("x is too large"))
    }

    @Test func abortWithoutConditionIsNotReachedInFalseBranch() {
        let run = runSource("""
        Scalar x / 0 /;
        if (x > 1, abort 'unreachable');
        display x;
        """)
        expectClean(run)
    }

    @Test func severalSolvesWithDataChangedBetween() {
        let run = runSource("""
        Scalar cap / 4 /;
        Positive Variable x;
        Variable z;
        Equations obj, lim;
        obj.. z =e= 2*x;
        lim.. x =l= cap;
        Model m / all /;
        Solve m using lp maximizing z;
        Scalar first; first = z.l;
        cap = 10;
        Solve m using lp maximizing z;
        display first, z.l;
        """)
        expectClean(run)
        #expect(run.solves.count == 2)
        #expect(displayed(run, "first") == 8)
        #expect(displayed(run, "z", [], "l") == 20)
    }

    @Test func solvesInsideALoop() {
        let run = runSource("""
        Set s / s1*s3 /;
        Parameter capS(s) / s1 1, s2 2, s3 3 /, res(s);
        Scalar cap / 0 /;
        Positive Variable x;
        Variable z;
        Equations obj, lim;
        obj.. z =e= x;
        lim.. x =l= cap;
        Model m / all /;
        loop(s,
           cap = capS(s);
           Solve m using lp maximizing z;
           res(s) = z.l;
        );
        display res;
        """)
        expectClean(run)
        #expect(run.solves.count == 3)
        #expect(run.records("res") == [["s1"]: 1, ["s2"]: 2, ["s3"]: 3])
    }

    @Test func parameterAssignedInALoopBeforeTheSolveMayAppearInEquations() {
        // GAMS checks data of equation parameters at the solve ($66), not at the definition:
        // b has no data where the equation is defined, but is assigned before each solve.
        let run = runSource("""
        Set s / s1*s2 /;
        Parameter bs(s) / s1 3, s2 5 /, res(s);
        Scalar b;
        Positive Variable x;
        Variable z;
        Equations obj, need;
        obj..  z =e= 2*x;
        need.. x =g= b;
        Model m / all /;
        loop(s,
           b = bs(s);
           Solve m using lp minimizing z;
           res(s) = z.l;
        );
        display res;
        """)
        expectClean(run)
        #expect(run.records("res") == [["s1"]: 6, ["s2"]: 10])
    }

    @Test func optionsAreAccepted() {
        let run = runSource("""
        option limRow = 0, limCol = 0, solPrint = off, optCr = 0, decimals = 6;
        option lp = glpk;
        option mip = glpk;
        Variable z; Equation e; e.. z =e= 1;
        Model m / all /;
        m.optCr = 0.01;
        m.resLim = 100;
        m.iterLim = 10000;
        Solve m using lp minimizing z;
        Scalars ocr, rl;
        ocr = m.optCr; rl = m.resLim;
        display ocr, rl;
        """)
        expectClean(run)
        #expect(displayed(run, "ocr") == 0.01)
        #expect(displayed(run, "rl") == 100)
    }

    @Test func optionDecimals() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i) / a 1.23456789, b 2 /;
        option decimals = 1;
        display p;
        option decimals = 5;
        display p;
        """)
        expectClean(run)
        #expect(run.output.contains("a 1.2,    b 2.0"))
        #expect(run.output.contains("a 1.23457,    b 2.00000"))
    }

    @Test func missingSemicolonBeforeKeywordStatement() {
        let run = runSource("""
        Set i / a, b /
        Parameter p(i) / a 1, b 2 /
        Scalar s / 3 /
        Variable z
        Equation e;
        e.. z =e= s + sum(i, p(i));
        Model m / all /
        Solve m using lp minimizing z
        display z.l
        """)
        expectClean(run)
        #expect(displayed(run, "z", [], "l") == 6)
    }

    @Test func breakOnASolveResultInALoop() {
        let run = runSource("""
        Set it / it1*it10 /;
        Scalar cap / 0 /, iters / 0 /;
        Positive Variable x;
        Variable z;
        Equations obj, lim;
        obj.. z =e= x - 3;
        lim.. x =l= cap;
        Model m / all /;
        loop(it,
           cap = cap + 1;
           iters = iters + 1;
           Solve m using lp maximizing z;
           break$(z.l >= -0.001);
        );
        display iters, z.l;
        """)
        expectClean(run)
        #expect(displayed(run, "iters") == 3)
        #expect(run.solves.count == 3)
    }

    @Test func parallelAssignmentWithALeadOnTheRight() {
        // d(t) = d(t+1) + 1 sees old values too: 2, 2, 2, 2, 1.
        let run = runSource("""
        Set t / t1*t5 /;
        Parameter d(t);
        d(t) = 1;
        d(t) = d(t+1) + 1;
        display d;
        """)
        expectClean(run)
        #expect(run.records("d") == [["t1"]: 2, ["t2"]: 2, ["t3"]: 2, ["t4"]: 2, ["t5"]: 1])
    }

    @Test func dynamicSetAsEquationDomainAndLoopSet() {
        let run = runSource("""
        Set i / i1*i5 /, on(i);
        on(i) = yes$(ord(i) >= 4);
        Positive Variable x(i);
        Variable z;
        Equations lim(i), obj;
        lim(on).. x(on) =l= 2;
        obj.. z =e= sum(on, x(on));
        Model m / all /;
        Solve m using lp maximizing z;
        Scalar cnt / 0 /;
        loop(on, cnt = cnt + 1);
        display x.l, z.l, cnt;
        """)
        expectClean(run)
        #expect(run.records("x", "l") == [["i4"]: 2, ["i5"]: 2])
        #expect(displayed(run, "z", [], "l") == 4)
        #expect(displayed(run, "cnt") == 2)
    }
}
