import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 4. Conditions

@Suite struct ConditionTests {
    @Test func leftDollarKeepsOldValues() {
        let run = runSource("""
        Set i / i1*i4 /;
        Parameter a(i);
        a(i) = 5;
        a(i)$(ord(i) > 2) = 1;
        display a;
        """)
        expectClean(run)
        #expect(run.records("a") == [["i1"]: 5, ["i2"]: 5, ["i3"]: 1, ["i4"]: 1])
    }

    @Test func rightDollarClearsOtherEntries() {
        let run = runSource("""
        Set i / i1*i4 /;
        Parameter a(i);
        a(i) = 5;
        a(i) = 1$(ord(i) > 2);
        display a;
        """)
        expectClean(run)
        #expect(run.records("a") == [["i3"]: 1, ["i4"]: 1])
    }

    @Test func dollarOnAParameterAndNestedConditions() {
        let run = runSource("""
        Set i / i1*i4 /;
        Parameter g(i) / i2 2, i3 -1 /, a(i), b(i);
        a(i)$g(i) = 10;
        b(i) = (ord(i))$(g(i) and ord(i) > 2);
        display a, b;
        """)
        expectClean(run)
        #expect(run.records("a") == [["i2"]: 10, ["i3"]: 10])
        #expect(run.records("b") == [["i3"]: 3])
    }

    @Test func rightDollarShortCircuitsDivisionByZero() {
        let run = runSource("""
        Set i / a, b, c /;
        Parameter g(i) / a 2, c 4 /, r(i);
        r(i) = (1/g(i))$g(i);
        display r;
        """)
        expectClean(run)
        #expect(!codes(run).contains("E4001"))
        #expect(run.records("r") == [["a"]: 0.5, ["c"]: 0.25])
    }

    @Test func leftDollarAvoidsDivisionByZero() {
        let run = runSource("""
        Set i / a, b /;
        Parameter g(i) / a 2 /, r(i);
        r(i)$g(i) = 1/g(i);
        display r;
        """)
        expectClean(run)
        #expect(run.records("r") == [["a"]: 0.5])
    }

    @Test func divisionByZeroIsAnErrorButTheRunGoesOn() {
        let run = runSource("""
        Set i / a, b /;
        Parameter g(i) / a 2 /, r(i);
        r(i) = 1/g(i);
        Scalar after;
        after = 7;
        display r, after;
        """)
        #expect(run.result.exitCode.rawValue != 0)
        #expect(codes(run).contains("E4001"))
        // The run goes on after the execution error.
        #expect(displayed(run, "after") == 7)
        #expect(displayed(run, "r", ["a"]) == 0.5)
        #expect(run.output.contains("UNDF"))
    }

    @Test func dollarInsideIndexOfReductions() {
        let run = runSource("""
        Set i / i1*i5 /;
        Scalars s, p, n;
        s = sum(i$(ord(i) <= 2), ord(i));
        p = prod(i$(ord(i) > 3), ord(i));
        n = smax(i$(mod(ord(i), 2) = 0), ord(i));
        display s, p, n;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 3)
        #expect(displayed(run, "p") == 20)
        #expect(displayed(run, "n") == 4)
    }

    @Test func dollarAsStatementModifiers() {
        let run = runSource("""
        Set it / it1*it10 /;
        Scalar k / 0 /;
        loop(it,
           k = k + 1;
           break$(k >= 3);
        );
        Scalar flag / 1 /;
        abort$(flag = 0) 'never raised';
        display k;
        """)
        expectClean(run)
        #expect(displayed(run, "k") == 3)
    }

    @Test func setMembershipAsCondition() {
        let run = runSource("""
        Set i / a, b, c /, j(i) / b /;
        Parameter p(i), q(i);
        p(i)$j(i) = 1;
        q(i)$(not j(i)) = 2;
        display p, q;
        """)
        expectClean(run)
        #expect(run.records("p") == [["b"]: 1])
        #expect(run.records("q") == [["a"]: 2, ["c"]: 2])
    }

    @Test func divisionByZeroInsideAnEquationIsAnError() {
        let run = runSource("""
        Set i / a, b /;
        Parameter g(i) / a 2 /;
        Positive Variable x(i);
        Variable z;
        Equations obj;
        obj.. z =e= sum(i, x(i)/g(i));
        Model m / all /;
        Solve m using lp minimizing z;
        """)
        #expect(run.result.exitCode.rawValue != 0)
        #expect(codes(run).contains("E4001"))
    }

    @Test func setCompoundAssignmentWithConditionOnTwoDimensions() {
        let run = runSource("""
        Set i / i1*i3 /;
        Alias (i,j);
        Set up(i,j);
        up(i,j) = yes$(ord(j) > ord(i));
        Scalar n; n = card(up);
        display up, n;
        """)
        expectClean(run)
        #expect(displayed(run, "n") == 3)
        #expect(displayedLabels(run, "up") == [["i1", "i2"], ["i1", "i3"], ["i2", "i3"]])
    }
}
