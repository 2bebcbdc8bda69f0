import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 2. Data entry

@Suite struct DataEntryTests {
    @Test func labelRanges() {
        let run = runSource("""
        Sets t / t1*t5 /, y / 1990*1992 /, n / 0*3 /, a / a*e /, q / q-1*q-3 /;
        Scalars ct, cy, cn, ca, cq;
        ct = card(t); cy = card(y); cn = card(n); ca = card(a); cq = card(q);
        display t, y, n, a, q, ct, cy, cn, ca, cq;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "t") == [["t1"], ["t2"], ["t3"], ["t4"], ["t5"]])
        #expect(displayedLabels(run, "y") == [["1990"], ["1991"], ["1992"]])
        #expect(displayedLabels(run, "n") == [["0"], ["1"], ["2"], ["3"]])
        #expect(displayedLabels(run, "a") == [["a"], ["b"], ["c"], ["d"], ["e"]])
        #expect(displayedLabels(run, "q") == [["q-1"], ["q-2"], ["q-3"]])
        #expect(displayed(run, "ct") == 5)
        #expect(displayed(run, "cy") == 3)
        #expect(displayed(run, "cn") == 4)
        #expect(displayed(run, "ca") == 5)
        #expect(displayed(run, "cq") == 3)
    }

    @Test func rangeKeepsOrderForOrd() {
        let run = runSource("""
        Set y / 1990*1992 /;
        Parameter o(y);
        o(y) = ord(y);
        display o;
        """)
        expectClean(run)
        #expect(run.records("o") == [["1990"]: 1, ["1991"]: 2, ["1992"]: 3])
    }

    @Test func labelsWithDigitsDashesAndPlus() {
        let run = runSource("""
        Set i / 1a, a-b, x+y, 2020, new-york /;
        Parameter p(i) / 1a 1, a-b 2, x+y 3, 2020 4, new-york 5 /;
        display p;
        """)
        expectClean(run)
        #expect(run.records("p") == [["1a"]: 1, ["a-b"]: 2, ["x+y"]: 3, ["2020"]: 4, ["new-york"]: 5])
    }

    @Test func quotedLabelsDropTrailingBlanksKeepLeadingBlanks() {
        let run = runSource("""
        Set i / 'a ', ' a', "b  " /;
        Parameter p(i);
        p("a") = 1;
        p(" a") = 2;
        p('b') = 3;
        Scalar n; n = card(i);
        display p, n;
        """)
        expectClean(run)
        #expect(displayed(run, "n") == 3)
        #expect(run.records("p") == [["a"]: 1, [" a"]: 2, ["b"]: 3])
    }

    @Test func listsSplitByCommasOrNewlines() {
        let run = runSource("""
        Set i / a, b
                c
                d, e /;
        Parameter p(i) / a 1
                         b 2, c 3
                         e 5 /;
        Scalar n; n = card(i);
        display p, n;
        """)
        expectClean(run)
        #expect(displayed(run, "n") == 5)
        #expect(run.records("p") == [["a"]: 1, ["b"]: 2, ["c"]: 3, ["e"]: 5])
    }

    @Test func dottedEntriesWithSpacesAroundTheDot() {
        let run = runSource("""
        Set i / boston, denver /, j / chicago, dallas /;
        Parameter d(i,j) / boston .chicago 58
                           boston. dallas  72
                           denver . chicago 41 /;
        display d;
        """)
        expectClean(run)
        #expect(run.records("d") == [["boston", "chicago"]: 58, ["boston", "dallas"]: 72, ["denver", "chicago"]: 41])
    }

    @Test func labelGroupsAndProducts() {
        let run = runSource("""
        Set i / a, b, c /, j / x, y, z /;
        Parameter g(i) / (a,b) 13, c 2 /;
        Parameter h(i,j) / (a,b).(x,y) 1, c.(y,z) 2, (a,b).z 3 /;
        Set s(i,j) / (a,b).x, c.(y,z) /;
        display g, h, s;
        """)
        expectClean(run)
        #expect(run.records("g") == [["a"]: 13, ["b"]: 13, ["c"]: 2])
        #expect(run.records("h") == [["a", "x"]: 1, ["a", "y"]: 1, ["b", "x"]: 1, ["b", "y"]: 1,
                                     ["c", "y"]: 2, ["c", "z"]: 2, ["a", "z"]: 3, ["b", "z"]: 3])
        #expect(displayedLabels(run, "s") == [["a", "x"], ["b", "x"], ["c", "y"], ["c", "z"]])
    }

    @Test func tableValuesMatchColumnsByPosition() {
        // Values are placed under the column header they overlap; blank cells stay empty.
        let run = runSource("""
        Set i / r1*r3 /, j / c1*c3 /;
        Table t(i,j)
               c1     c2     c3
        r1     1             3
        r2            5
        * a comment line inside the table
        r3                   9 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["r1", "c1"]: 1, ["r1", "c3"]: 3, ["r2", "c2"]: 5, ["r3", "c3"]: 9])
    }

    @Test func tableRightAlignedNumbersUnderHeaders() {
        let run = runSource("""
        Set i / a, b /, j / first, second /;
        Table t(i,j)
                first   second
        a        1.5
        b                  20 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["a", "first"]: 1.5, ["b", "second"]: 20])
    }

    @Test func tableWithDottedRowLabels() {
        let run = runSource("""
        Set i / a, b /, j / x, y /, k / k1, k2 /;
        Table d(i,j,k)
                 k1    k2
           a.x    1     2
           a.y          4
           b.x    5
           b.y    7     8 ;
        display d;
        """)
        expectClean(run)
        #expect(run.records("d") == [["a", "x", "k1"]: 1, ["a", "x", "k2"]: 2, ["a", "y", "k2"]: 4,
                                     ["b", "x", "k1"]: 5, ["b", "y", "k1"]: 7, ["b", "y", "k2"]: 8])
        #expect(run.output.contains("a.x"))
    }

    @Test func tableFourDimensional() {
        let run = runSource("""
        Table d(*,*,*,*)
                    c1    c2
           a.x.p     1     2
           b.y.q           4 ;
        display d;
        """)
        expectClean(run)
        #expect(run.records("d") == [["a", "x", "p", "c1"]: 1, ["a", "x", "p", "c2"]: 2, ["b", "y", "q", "c2"]: 4])
    }

    @Test func tableRowLabelGroups() {
        let run = runSource("""
        Set s / low, medium, high /, k / ynot, other /;
        Table y(s,*,k)
                               ynot   other
           (low,medium,high).a  10      1
           high.b                       2 ;
        display y;
        """)
        expectClean(run)
        #expect(run.records("y") == [["low", "a", "ynot"]: 10, ["medium", "a", "ynot"]: 10, ["high", "a", "ynot"]: 10,
                                     ["low", "a", "other"]: 1, ["medium", "a", "other"]: 1, ["high", "a", "other"]: 1,
                                     ["high", "b", "other"]: 2])
    }

    @Test func tableRowLabelGroupTwoDimensional() {
        let run = runSource("""
        Table t(*,*)
                     x    y
           (a,b)     1    2
           c              3 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["a", "x"]: 1, ["a", "y"]: 2, ["b", "x"]: 1, ["b", "y"]: 2, ["c", "y"]: 3])
    }

    @Test func tableContinuationBlocks() {
        let run = runSource("""
        Set i / a, b /, j / c1*c4 /;
        Table t(i,j)
              c1    c2
           a   1     2
           b   3
        +     c3    c4
           a         6
           b   7     8 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["a", "c1"]: 1, ["a", "c2"]: 2, ["b", "c1"]: 3,
                                     ["a", "c4"]: 6, ["b", "c3"]: 7, ["b", "c4"]: 8])
    }

    @Test func numberForms() {
        let run = runSource("""
        Set i / a*i /;
        Parameter p(i) / a .05, b 1., c 1E-3, d -1.0, e +inf, f -inf, g eps, h na, i 2.5e2 /;
        display p;
        """)
        expectClean(run)
        let r = run.records("p")
        #expect(r[["a"]] == 0.05)
        #expect(r[["b"]] == 1)
        #expect(r[["c"]] == 0.001)
        #expect(r[["d"]] == -1)
        #expect(r[["e"]] == .infinity)
        #expect(r[["f"]] == -.infinity)
        #expect(r[["g"]] != nil, "EPS is stored and displayed")
        #expect(r[["g"]] == 0)
        #expect(r[["h"]] != nil, "NA is stored and displayed")
        #expect(r[["i"]] == 250)
        #expect(run.output.contains("+INF"))
        #expect(run.output.contains("-INF"))
        #expect(run.output.contains("EPS"))
        #expect(run.output.contains("NA"))
    }

    @Test func epsIsStoredAndDisplayedAsEPS() {
        let run = runSource("""
        Set i / a, b, c /;
        Parameter p(i);
        p("a") = eps;
        p("b") = 0;
        p("c") = 1;
        Scalar s, nz;
        s = eps;
        nz = card(i) - sum(i$p(i), 1);
        display p, s;
        """)
        expectClean(run)
        let r = run.records("p")
        #expect(r[["a"]] != nil, "the EPS entry is displayed")
        #expect(r[["b"]] == nil, "the zero entry is not displayed")
        #expect(r[["c"]] == 1)
        #expect(run.output.contains("EPS,"))
        #expect(run.output.contains("c 1.000"))
        #expect(run.output.contains("PARAMETER s                    =          EPS"))
    }

    @Test func negativeZeroIsNotEPS() {
        // GAMS has no negative zero: arithmetic that yields -0 stores a plain 0.
        let run = runSource("""
        Set i / a, b, c /;
        Parameter p(i);
        p("a") = -0;
        p("b") = round(-1e-16, 6);
        p("c") = -1 * 0;
        Scalar s; s = -0;
        display p, s;
        """)
        expectClean(run)
        #expect(run.records("p").isEmpty, "no EPS entries expected, got \(run.records("p"))")
        #expect(!run.output.contains("EPS"), "\(run.output)")
    }

    @Test func csvDataWithOnDelimAndInclude() {
        let run = runFiles([
            "model.gms": """
            Set t  periods /
            $onDelim
            $include periods.csv
            $offDelim
            /;
            Set i / seattle, san-diego /, j / new-york, chicago /;
            Parameter dem(t)  demand /
            $onDelim
            $include demand.csv
            $offDelim
            /;
            Table d(i,j)  distances
            $onDelim
            $include dist.csv
            $offDelim
            ;
            Scalar n; n = card(t);
            display dem, d, n;
            """,
            "periods.csv": "t1\nt2\nt3\nt4\n",
            "demand.csv": "t1,10\nt2,20.5\nt4,40\n",
            "dist.csv": ",new-york,chicago\nseattle,2.5,1.7\nsan-diego,2.5,\n",
        ], main: "model.gms")
        expectClean(run)
        #expect(displayed(run, "n") == 4)
        #expect(run.records("dem") == [["t1"]: 10, ["t2"]: 20.5, ["t4"]: 40])
        #expect(run.records("d") == [["seattle", "new-york"]: 2.5, ["seattle", "chicago"]: 1.7, ["san-diego", "new-york"]: 2.5])
    }

    @Test func onDelimInline() {
        let run = runSource("""
        Set i / a, b /, j / x, y /;
        Parameter p(i,j) /
        $onDelim
        a,x,1
        b,y,2
        $offDelim
        /;
        display p;
        """)
        expectClean(run)
        #expect(run.records("p") == [["a", "x"]: 1, ["b", "y"]: 2])
    }

    @Test func delimitedNumbersAreReadAsDoubleReadsThem() {
        // plain decimals take a fast path; everything else goes through the general reader
        let texts = ["1", ".5", "5.", "+3", "-2.25", "1e3", "1.5E-2", "0.1", "0.30000000000000004", "3.14159265358979323846",
                     "123456789012345678901234", "9007199254740993", "0.0000000000000000000000123", "2.5e-320", "007"]
        let lines = texts.enumerated().map { "k\($0.offset + 1),\($0.element)" }
            + ["k16,eps", "k17,na", "k18,inf", "k19,-inf", "k20,-0", "k21, 4.5 \r"]
        let run = runSource("""
        Set k / k1*k21 /;
        Parameter p(k) /
        $onDelim
        \(lines.joined(separator: "\n"))
        $offDelim
        /;
        display p;
        """)
        expectClean(run)
        let p = run.records("p")
        for (n, text) in texts.enumerated() {
            #expect(p[["k\(n + 1)"]]?.bitPattern == Double(text)?.bitPattern, "value of '\(text)'")
        }
        #expect(p[["k16"]].map { $0 == 0 && $0.sign == .minus } == true)
        #expect(p[["k17"]]?.isNaN == true)
        #expect(p[["k18"]] == .infinity)
        #expect(p[["k19"]] == -.infinity)
        #expect(p[["k20"]] == nil)
        #expect(p[["k21"]] == 4.5)
    }

    @Test func delimitedLinesKeepLabelOrderSpellingAndTexts() {
        // labels are interned in order of first appearance, with their first spelling
        let run = runSource("""
        Set s(*) 'new labels' /
        $onDelim
        Zeta,"last letter"
        alpha
        'mid dle',note,more
        $offDelim
        /;
        Parameter q(*,*) /
        $onDelim
        ZETA,x,1
        zeta,Y,2
        $offDelim
        /;
        Set u(*) / y /;
        display s, q, u;
        """)
        #expect(run.result.diagnostics.isEmpty, "\(run.diagnostics)")
        let shown = run.result.events.compactMap { event -> [[String]]? in
            if case .display(let d) = event, d.symbol == "s" { return d.records.map(\.labels) }
            return nil
        }
        #expect(shown == [[["Zeta"], ["alpha"], ["mid dle"]]])
        #expect(run.records("q") == [["Zeta", "x"]: 1, ["Zeta", "Y"]: 2])
        #expect(displayedLabels(run, "u") == [["Y"]])
        let s = run.result.program?.symbols.first { $0.name == "s" }
        let texts = s.map { set in set.setData.sorted.map { set.setData.texts[$0] ?? "" } }
        #expect(texts == ["last letter", "", "note,more"])
    }

    @Test func caseInsensitiveNamesAndLabelsKeepFirstSpelling() {
        let run = runSource("""
        SET I 'plants' / Seattle, San-Diego /;
        parameter CAP(i) / SEATTLE 350, san-diego 600 /;
        Scalar Total;
        TOTAL = SUM(I, cap(I));
        cap('seattle') = Cap('SEATTLE') + 1;
        Display Cap, total;
        """)
        expectClean(run)
        #expect(displayed(run, "total") == 950)
        #expect(run.records("cap") == [["Seattle"]: 351, ["San-Diego"]: 600])
        #expect(run.output.contains("Seattle"))
        #expect(!run.output.contains("SEATTLE"))
    }

    @Test func rangesWithLeadingZeros() {
        let run = runSource("""
        Set h / h01*h12 /;
        Scalar n; n = card(h);
        Parameter o(h);
        o(h) = ord(h);
        display n, o;
        """)
        expectClean(run)
        #expect(displayed(run, "n") == 12)
        #expect(displayed(run, "o", ["h09"]) == 9)
        #expect(displayed(run, "o", ["h12"]) == 12)
    }

    @Test func rangeInParameterData() {
        let run = runSource("""
        Set t / t1*t5 /;
        Parameter p(t) / t1*t3 5, t5 1 /;
        display p;
        """)
        expectClean(run)
        #expect(run.records("p") == [["t1"]: 5, ["t2"]: 5, ["t3"]: 5, ["t5"]: 1])
    }

    @Test func tableWithNumericColumnHeaders() {
        let run = runSource("""
        Set i / a, b /, y / 1990*1992 /;
        Table t(i,y)
               1990   1991   1992
           a     1      2      3
           b            5 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["a", "1990"]: 1, ["a", "1991"]: 2, ["a", "1992"]: 3, ["b", "1991"]: 5])
    }

    @Test func tableWithNegativeAndExponentNumbers() {
        let run = runSource("""
        Table t(*,*)
                x        y
           a   -1.5     2e3
           b    .5     -1E-2 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["a", "x"]: -1.5, ["a", "y"]: 2000, ["b", "x"]: 0.5, ["b", "y"]: -0.01])
    }

    @Test func quotedLabelsWithBlanksAndDots() {
        let run = runSource("""
        Set c / 'new york', "st. louis", plain /;
        Parameter p(c) / 'new york' 1, "st. louis" 2, plain 3 /;
        Scalar s; s = p("new york") + p('st. louis');
        display p, s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 3)
        #expect(run.records("p")[["st. louis"]] == 2)
    }

    @Test func scalarDataForms() {
        let run = runSource("""
        Scalar a / -5 /, b 'text here' / 1e2 /, c "other text" / .25 /;
        display a, b, c;
        """)
        expectClean(run)
        #expect(displayed(run, "a") == -5)
        #expect(displayed(run, "b") == 100)
        #expect(displayed(run, "c") == 0.25)
    }
}
