import Testing

/// Tables in the layouts published GAMS models use: no `;` before the next (indented) keyword,
/// numbers wider than their labels, values beside rather than below a label, tables without a
/// domain, continuation blocks, comments and tabs. Each test checks the values GAMS loads.
@Suite struct TableLayoutTests {
    /// The statements that end a table whose `;` is missing, each indented, with a check that
    /// the statement itself was read.
    static let followers: [String] = [
        "   Display t;",
        "  Parameter p(i) / a 1 /;",
        "    Parameters p(i);",
        " Scalar s / 1 /;",
        "        Scalars s;",
        "   Set k / k1 /;",
        "   Sets k;",
        "  Alias (i, ii);",
        "   Variables z;",
        "   Variable z;",
        "   Positive Variables v(i);",
        "   Negative Variable v;",
        "   Free Variable z;",
        "   Binary Variable v;",
        "   Integer Variables v;",
        "   Equations e;",
        "   Equation e;",
        "   Table u(i,j)\n        x\n   a    7 ;",
        "   Option decimals = 1;",
        "   Loop(i, t(i,'x') = t(i,'x') + 0);",
    ]

    @Test(arguments: TableLayoutTests.followers)
    func indentedKeywordEndsATableWithoutSemicolon(_ follower: String) {
        let run = runSource("""
        Set i / a, b /, j / x, y /;
        Table t(i,j)  'no semicolon'
                x     y
           a    1     2
           b    3     4
        \(follower)
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["a", "x"]: 1, ["a", "y"]: 2, ["b", "x"]: 3, ["b", "y"]: 4])
    }

    @Test func keywordsAfterATableAreStatements() {
        // the model after an unterminated table is solved: every keyword line was a statement
        let run = runSource("""
        Set i / a, b /;
        Table c(i,*)  'cost and capacity'
                cost   cap
           a      2     10
           b      3     10
          Positive Variables x(i);
          Variable z;
          Equations obj, dem;
          obj.. z =e= sum(i, c(i,'cost')*x(i));
          dem.. sum(i, x(i)) =g= 15;
          x.up(i) = c(i,'cap');
          Model m / all /;
          Solve m using lp minimizing z;
          Display x.l;
        """)
        expectClean(run)
        #expect(close(run.solves.first?.objective ?? .nan, 35))
        #expect(run.records("x", "l") == [["a"]: 10, ["b"]: 5])
    }

    @Test func labelsThatOnlyBeginWithAKeywordAreRows() {
        // GAMS reads a reserved word as its keyword, but `free-trade` or `model1` is a label
        let run = runSource("""
        Table t(*,*)
                       x
           free-trade  1
           model1      2
           display2    3
           loop_a      4 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["free-trade", "x"]: 1, ["model1", "x"]: 2, ["display2", "x"]: 3, ["loop_a", "x"]: 4])
    }

    @Test func numbersWiderThanTheirHeaderRightAligned() {
        let run = runSource("""
        Set i / r1, r2 /, j / a, b /;
        Table t(i,j)
                       a          b
           r1   1234567.5     -0.25
           r2        10.0   1000000 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["r1", "a"]: 1234567.5, ["r1", "b"]: -0.25, ["r2", "a"]: 10, ["r2", "b"]: 1_000_000])
    }

    @Test func numbersLeftAlignedUnderTheirHeader() {
        let run = runSource("""
        Set i / r1, r2 /, j / alpha, beta /;
        Table t(i,j)
                alpha      beta
           r1   1.5        2500.75
           r2   300        4 ;
        display t;
        """)
        expectClean(run)
        #expect(run.records("t") == [["r1", "alpha"]: 1.5, ["r1", "beta"]: 2500.75, ["r2", "alpha"]: 300, ["r2", "beta"]: 4])
    }

    @Test func decimalsHangingLeftOfTheHeader() {
        // old models align the decimal point under the label: the digits hang left of it
        let run = runSource("""
        Set i / land, labor /, j / corn, wheat /;
        Table a(i,j)
                   corn    wheat
           land   1.00    1.00
           labor  6.25    4.125 ;
        display a;
        """)
        expectClean(run)
        #expect(run.records("a") == [["land", "corn"]: 1, ["land", "wheat"]: 1, ["labor", "corn"]: 6.25, ["labor", "wheat"]: 4.125])
    }

    @Test func valuesJustLeftOfAShortHeader() {
        // `a` and `b` are one character wide; the numbers end one or two characters before them
        let run = runSource("""
        Set i / r1, r2, r3 /, j / a, b /;
        Table t(i,j)
                      a         b
           r1     10.5       3.25
           r2    100         7
           r3           2.5 ;
        display t;
        """)
        expectClean(run)
        // r3's 2.5 is one blank right of `a` and five left of `b`: nearer `a`
        #expect(run.records("t") == [["r1", "a"]: 10.5, ["r1", "b"]: 3.25, ["r2", "a"]: 100, ["r2", "b"]: 7, ["r3", "a"]: 2.5])
    }

    @Test func blankCellsAreZeroAndNotStored() {
        let run = runSource("""
        Set i / r1*r3 /, j / c1*c4 /;
        Table t(i,j)
                c1    c2    c3    c4
           r1                      4
           r2    1
           r3          2     3 ;
        Scalar n; n = card(t);
        display t, n;
        """)
        expectClean(run)
        #expect(run.records("t") == [["r1", "c4"]: 4, ["r2", "c1"]: 1, ["r3", "c2"]: 2, ["r3", "c3"]: 3])
        #expect(run.records("n") == [[]: 4])
    }

    @Test func ambiguousValueIsALocatedErrorNamingBothColumns() {
        let run = runSource("""
        Set i / a, b /, j / x, y /;
        Table d(i,j)
              x      y
          a   1      2
          b      30    ;
        """)
        #expect(codes(run) == ["E0045"])
        #expect(run.diagnostics.hasPrefix("""
        error[E0045]: table value '30' could belong to column 'x' or 'y'
         --> model.gms:5:10
        """), "\(run.diagnostics)")
    }

    @Test func valueUnderTwoLabelsIsAmbiguous() {
        let run = runSource("""
        Table d(*,*)
              x y
          a   123 ;
        """)
        #expect(codes(run) == ["E0045"])
        #expect(run.diagnostics.contains("under both labels"))
    }

    @Test func twoValuesOfARowForOneColumn() {
        let run = runSource("""
        Table d(*,*)
              x      y
          b   3  4       ;
        """)
        #expect(codes(run) == ["E0046"])
        #expect(run.diagnostics.contains("row 'b' has two values for column 'x'"))
    }

    @Test func elementTextIsNotAllowed() {
        let run = runSource("""
        Table d(*,*)
              x      y
          b   3      'n/a' ;
        """)
        #expect(codes(run) == ["E0047"])
    }

    @Test func tableWithoutDomainTakesItsDimensionFromItsData() {
        let run = runSource("""
        Set i / a, b /;
        Table td 'target data'
                  x      y
           a      1      2
           b      3
        Table t3 'three dimensions'
                  k1     k2
           a.x    5      6
           b.y           8
        Parameter p(i);
        p(i) = td(i,'x') + t3(i,'x','k1');
        display td, t3, p;
        """)
        expectClean(run)
        #expect(run.records("td") == [["a", "x"]: 1, ["a", "y"]: 2, ["b", "x"]: 3])
        #expect(run.records("t3") == [["a", "x", "k1"]: 5, ["a", "x", "k2"]: 6, ["b", "y", "k2"]: 8])
        #expect(run.records("p") == [["a"]: 6, ["b"]: 3])
    }

    @Test func universeAndMixedDomains() {
        let run = runSource("""
        Set i / a, b /;
        Table u(*,*)
                p    q
           z    1    2 ;
        Table m(i,*)
                p    q
           a    3
           b         4 ;
        display u, m;
        """)
        expectClean(run)
        #expect(run.records("u") == [["z", "p"]: 1, ["z", "q"]: 2])
        #expect(run.records("m") == [["a", "p"]: 3, ["b", "q"]: 4])
    }

    @Test func mixedDomainChecksItsSetPosition() {
        let run = runSource("""
        Set i / a, b /;
        Table m(i,*)
                p    q
           c    3 ;
        """)
        #expect(codes(run) == ["E3012"])
    }

    @Test func continuationBlocksWithDottedColumnHeaders() {
        let run = runSource("""
        Table fivedim(*,*,*,*,*)
                         l1.m1  l2.m2
                i1.j1.k2   11    13
                i2.j1.k11   6    -3
        +                l3.m1  l2.m7
                i1.j1.k2    1     3
                i10.j1.k4   7     9 ;
        display fivedim;
        """)
        expectClean(run)
        #expect(run.records("fivedim") == [
            ["i1", "j1", "k2", "l1", "m1"]: 11, ["i1", "j1", "k2", "l2", "m2"]: 13,
            ["i2", "j1", "k11", "l1", "m1"]: 6, ["i2", "j1", "k11", "l2", "m2"]: -3,
            ["i1", "j1", "k2", "l3", "m1"]: 1, ["i1", "j1", "k2", "l2", "m7"]: 3,
            ["i10", "j1", "k4", "l3", "m1"]: 7, ["i10", "j1", "k4", "l2", "m7"]: 9,
        ])
    }

    @Test func commentLinesAndRowLabelGroups() {
        let run = runSource("""
        Set s / low, mid, high /;
        Table y(s,*,*)
        * yields by season
                             corn   wheat
           (low,mid).dry      1.5    2.0
        * the wet season
           high.(dry,wet)     3             ;
        display y;
        """)
        expectClean(run)
        #expect(run.records("y") == [["low", "dry", "corn"]: 1.5, ["low", "dry", "wheat"]: 2, ["mid", "dry", "corn"]: 1.5,
                                     ["mid", "dry", "wheat"]: 2, ["high", "dry", "corn"]: 3, ["high", "wet", "corn"]: 3])
    }

    @Test func tabsExpandToStopsOfEight() {
        // the header uses tabs, the rows blanks: `x` is at position 8 and `y` at 16 either way
        let run = runSource("Set i / a, b /, j / x, y /;\nTable t(i,j)\n\tx\ty\na       1       2\nb\t\t4 ;\ndisplay t;\n")
        expectClean(run)
        #expect(run.records("t") == [["a", "x"]: 1, ["a", "y"]: 2, ["b", "y"]: 4])
    }

    @Test func tabsAfterTextAdvanceToTheNextStop() {
        // `ab<tab>` reaches position 8, like `<tab>` alone; `abcdefgh<tab>` reaches 16
        let run = runSource("Table t(*,*)\n\tx\ty\nab\t5\nabcdefgh\t6 ;\ndisplay t;\n")
        expectClean(run)
        #expect(run.records("t") == [["ab", "x"]: 5, ["abcdefgh", "y"]: 6])
    }
}
