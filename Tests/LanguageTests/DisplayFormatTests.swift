import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 7b. Display format

@Suite struct DisplayFormatTests {
    @Test func headerAndOneDimensionalList() {
        let run = runSource("""
        Set t / t1*t3 /;
        Parameter p(t)  some numbers / t1 1, t2 2, t3 3 /;
        display p;
        """)
        expectClean(run)
        #expect(run.output == """
        ----      3 PARAMETER p  some numbers

        t1 1.000,    t2 2.000,    t3 3.000



        """)
    }

    @Test func twoDimensionalMatrix() {
        let run = runSource("""
        Set i / seattle, san-diego /, j / new-york, chicago, topeka /;
        Table d(i,j)  distance in thousands of miles
                          new-york       chicago      topeka
            seattle          2.5           1.7          1.8
            san-diego        2.5           1.8          1.4  ;
        display d;
        """)
        expectClean(run)
        #expect(run.output == """
        ----      6 PARAMETER d  distance in thousands of miles

                     new-york     chicago      topeka

        seattle         2.500       1.700       1.800
        san-diego       2.500       1.800       1.400



        """)
    }

    @Test func zerosLeftOutAndAllZero() {
        let run = runSource("""
        Set i / a, b, c /;
        Parameter p(i) / a 1, c 3 /, q(i);
        q(i) = 0;
        display p, q;
        """)
        expectClean(run)
        #expect(run.output.contains("a 1.000,    c 3.000"))
        #expect(run.output.contains("( ALL       0.000 )"))
    }

    @Test func scalarsOfOneStatementAreGrouped() {
        let run = runSource("""
        Scalar a 'first' / 5 /, b / 2.25 /;
        display a, b;
        """)
        expectClean(run)
        #expect(run.output == """
        ----      2 PARAMETER a                    =        5.000  first
                    PARAMETER b                    =        2.250  


        """)
    }

    @Test func specialValuesByName() {
        let run = runSource("""
        Set i / a, b, c, d /;
        Parameter p(i);
        p("a") = inf; p("b") = -inf; p("c") = eps; p("d") = na;
        display p;
        """)
        expectClean(run)
        #expect(run.output.contains("+INF"))
        #expect(run.output.contains("-INF"))
        #expect(run.output.contains("EPS"))
        #expect(run.output.contains("NA"))
    }

    @Test func threeDimensionalRowsJoinedByDots() {
        let run = runSource("""
        Set i / a, b /, j / x, y /, k / k1, k2 /;
        Parameter p(i,j,k);
        p("a","x","k1") = 1;
        p("b","y","k2") = 2;
        display p;
        """)
        expectClean(run)
        #expect(run.output.contains("a.x       1.000"))
        #expect(run.output.contains("b.y                   2.000"))
    }

    @Test func variableAttributeHeaderAndText() {
        let run = runSource("""
        Set i / a, b /;
        Positive Variable x(i)  shipments;
        Variable z;
        Equation obj;
        obj.. z =e= sum(i, x(i));
        x.up(i) = 2;
        Model m / all /;
        Solve m using lp maximizing z;
        display x.l;
        """)
        expectClean(run)
        #expect(run.output.contains("VARIABLE x.L  shipments\n\na 2.000,    b 2.000\n"))
    }

    @Test func setDisplayShowsMembers() {
        let run = runSource("""
        Set i  plants / seattle, san-diego /;
        display i;
        """)
        expectClean(run)
        #expect(run.output.hasPrefix("----      2 SET i  plants\n"))
        #expect(run.output.contains("seattle"))
        #expect(run.output.contains("san-diego"))
    }

    @Test func displayAndLoopFollowUniqueElementOrder() {
        // c and b enter the label table before a, so GAMS shows and loops c, b, a.
        let run = runSource("""
        Set j / c, b /;
        Set i / a, b, c /;
        Parameter p(i) / a 1, b 2, c 3 /;
        Scalar last / 0 /;
        loop(i, last = p(i));
        display p, last;
        """)
        expectClean(run)
        #expect(run.output.contains("c 3.000,    b 2.000,    a 1.000"))
        #expect(displayed(run, "last") == 1)
    }

    @Test func textDisplayFormat() {
        let run = runSource("""
        display 'hello world';
        """)
        expectClean(run)
        #expect(run.output.hasPrefix("----      1 hello world\n"))
    }
}
