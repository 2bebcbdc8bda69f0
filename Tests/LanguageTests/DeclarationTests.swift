import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 1. Declarations

@Suite struct DeclarationTests {
    @Test func severalSetsPerStatementWithQuotedAndUnquotedText() {
        let run = runSource("""
        Sets
           i  canning plants / seattle, san-diego /
           j  'markets'      / new-york, chicago
                               topeka /
           k  "periods"      / k1*k3 / ;
        Set e  an empty set ;
        Scalars ci, cj, ck, ce ;
        ci = card(i); cj = card(j); ck = card(k); ce = card(e);
        display i, j, ci, cj, ck, ce;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "i") == [["san-diego"], ["seattle"]])
        #expect(displayedLabels(run, "j") == [["chicago"], ["new-york"], ["topeka"]])
        #expect(displayed(run, "ci") == 2)
        #expect(displayed(run, "cj") == 3)
        #expect(displayed(run, "ck") == 3)
        #expect(displayed(run, "ce") == 0)
        #expect(run.output.contains("SET i  canning plants"))
        #expect(run.output.contains("SET j  markets"))
        #expect(run.output.contains("PARAMETER ck                   =        3.000"))
    }

    @Test func elementTextAfterLabels() {
        let run = runSource("""
        Set i  plants / sea  'Seattle, WA', sd "San Diego, CA", den Denver /;
        Scalar n; n = card(i);
        display i, n;
        """)
        expectClean(run)
        #expect(displayed(run, "n") == 3)
        let texts = Dictionary(uniqueKeysWithValues: run.result.events.compactMap { e -> [(String, String?)]? in
            if case .display(let d) = e, d.symbol == "i" { return d.records.map { ($0.labels[0], $0.text) } }
            return nil
        }.flatMap { $0 })
        #expect(texts["sea"] == "Seattle, WA")
        #expect(texts["sd"] == "San Diego, CA")
        #expect(texts["den"] == "Denver")
    }

    @Test func subsetsMultiDimensionalSetsAndSetsWithoutData() {
        let run = runSource("""
        Set i      nodes / a, b, c, d /
            j(i)   some nodes / b, d /
            link(i,i) arcs / a.b, b.c, c.d /
            nodata(i) a subset without data ;
        Scalars n1, n2, n3 ;
        n1 = card(j); n2 = card(link); n3 = card(nodata);
        display j, link, n1, n2, n3;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "j") == [["b"], ["d"]])
        #expect(displayedLabels(run, "link") == [["a", "b"], ["b", "c"], ["c", "d"]])
        #expect(displayed(run, "n1") == 2)
        #expect(displayed(run, "n2") == 3)
        #expect(displayed(run, "n3") == 0)
    }

    @Test func dynamicSetsWithYesAndNo() {
        let run = runSource("""
        Set i / i1*i5 /, late(i), pair(i,i);
        late(i) = yes$(ord(i) > 2);
        late("i4") = no;
        pair(i,i)$(ord(i) <= 2) = yes;
        Scalars nlate, npair;
        nlate = card(late); npair = card(pair);
        display late, pair, nlate, npair;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "late") == [["i3"], ["i5"]])
        #expect(displayedLabels(run, "pair") == [["i1", "i1"], ["i2", "i2"]])
        #expect(displayed(run, "nlate") == 2)
        #expect(displayed(run, "npair") == 2)
    }

    @Test func aliasForms() {
        let run = runSource("""
        Set i / a, b, c /;
        Alias (i,j);
        Alias(i,ip,ipp);
        Set l / l1, l2 /, t / t1*t4 /;
        Alias (l,lp),(t,tp);
        Parameter up(i,j)  upper triangle;
        up(i,j)$(ord(i) < ord(j)) = 1;
        Scalars n3, nl, nt;
        n3 = sum((i,ip,ipp)$(ord(i) + ord(ip) + ord(ipp) = 9), 1);
        nl = sum((l,lp), 1);
        nt = card(tp);
        display up, n3, nl, nt;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "up") == [["a", "b"], ["a", "c"], ["b", "c"]])
        #expect(displayed(run, "n3") == 1)
        #expect(displayed(run, "nl") == 4)
        #expect(displayed(run, "nt") == 4)
    }

    @Test func parametersScalarsAndTables() {
        let run = runSource("""
        Set i / a, b, c /;
        Scalar s1 / 5 /, s2 'with text' / 2.5 /;
        Scalars s3 / 1 /
                s4 'second' / 2 / ;
        Parameter p(i) / a 1, c 3 /;
        Parameters q(i)  first  / a 10 /
                   r     a scalar without data ;
        Table t(i,*)
              x    y
           a  1    2
           c       4 ;
        r = s1 + s2 + s3 + s4;
        display p, q, r, t;
        """)
        expectClean(run)
        #expect(displayed(run, "p", ["a"]) == 1)
        #expect(displayed(run, "p", ["b"]) == 0)
        #expect(displayed(run, "p", ["c"]) == 3)
        #expect(displayed(run, "q", ["a"]) == 10)
        #expect(displayed(run, "r") == 10.5)
        #expect(run.records("t") == [["a", "x"]: 1, ["a", "y"]: 2, ["c", "y"]: 4])
    }

    @Test func universeDomain() {
        let run = runSource("""
        Set s(*) / apples, pears /;
        Parameter u(*,*) / a.x 1, b.y 2 /;
        Parameter v(s) / apples 3 /;
        u("new","label") = 5;
        display u, v;
        """)
        expectClean(run)
        #expect(run.records("u") == [["a", "x"]: 1, ["b", "y"]: 2, ["new", "label"]: 5])
        #expect(displayed(run, "v", ["apples"]) == 3)
    }

    @Test func dimensionFromFirstUseWhenDeclaredWithoutDomain() {
        let run = runSource("""
        Set i / a, b /;
        Parameter rep  a report without a declared domain ;
        rep(i,"x") = ord(i);
        display rep;
        """)
        expectClean(run)
        #expect(run.records("rep") == [["a", "x"]: 1, ["b", "x"]: 2])
    }

    @Test func variableKindsAndDefaultBounds() {
        let run = runSource("""
        Set i / a /;
        Variable          f(i);
        Positive Variable p(i);
        Negative Variable n(i);
        Binary Variable   b(i);
        Integer Variable  g(i);
        f.l(i) = 1; p.l(i) = 1; n.l(i) = -1; b.l(i) = 1; g.l(i) = 1;
        Parameter bnd(*,*) bounds by kind ;
        bnd("free","lo") = f.lo("a");  bnd("free","up") = f.up("a");
        bnd("pos","lo")  = p.lo("a");  bnd("pos","up")  = p.up("a");
        bnd("neg","lo")  = n.lo("a");  bnd("neg","up")  = n.up("a");
        bnd("bin","lo")  = b.lo("a");  bnd("bin","up")  = b.up("a");
        bnd("int","lo")  = g.lo("a");  bnd("int","up")  = g.up("a");
        display bnd;
        """)
        expectClean(run)
        #expect(displayed(run, "bnd", ["free", "lo"]) == -.infinity)
        #expect(displayed(run, "bnd", ["free", "up"]) == .infinity)
        #expect(displayed(run, "bnd", ["pos", "lo"]) == 0)
        #expect(displayed(run, "bnd", ["pos", "up"]) == .infinity)
        #expect(displayed(run, "bnd", ["neg", "lo"]) == -.infinity)
        #expect(displayed(run, "bnd", ["neg", "up"]) == 0)
        #expect(displayed(run, "bnd", ["bin", "lo"]) == 0)
        #expect(displayed(run, "bnd", ["bin", "up"]) == 1)
        // GAMS: integer variables have default bounds [0, +inf).
        #expect(displayed(run, "bnd", ["int", "lo"]) == 0)
        #expect(displayed(run, "bnd", ["int", "up"]) == .infinity)
    }

    @Test func integerVariableDefaultUpperBoundIsInfiniteInASolve() {
        // With bounds [0, +inf) the optimum of max n s.t. n <= 1000.5 is 1000 (not 100).
        let run = runSource("""
        Integer Variable n;
        Variable z;
        Equations obj, lim;
        obj.. z =e= n;
        lim.. n =l= 1000.5;
        Model m / all /;
        option optCr = 0;
        Solve m using mip maximizing z;
        display n.l, n.lo, n.up;
        """)
        expectClean(run)
        #expect(run.solves.first?.modelStatus.rawValue == 1)
        #expect(close(displayed(run, "n", [], "l"), 1000))
        #expect(displayed(run, "n", [], "up") == .infinity)
    }

    @Test func variableKindGivenInALaterStatement() {
        let run = runSource("""
        Set i / a, b /;
        Variable x(i);
        Positive Variable x;
        Variable z;
        Equations obj;
        obj.. z =e= sum(i, x(i));
        Model m / all /;
        Solve m using lp minimizing z;
        display x.l, x.lo, z.l;
        """)
        expectClean(run)
        #expect(run.solves.first?.modelStatus.rawValue == 1)
        #expect(displayed(run, "z", [], "l") == 0)
        #expect(run.records("x", "lo").isEmpty)
    }

    @Test func equationWithDomainCondition() {
        let run = runSource("""
        Set i / i1*i4 /;
        Parameter cap(i) / i1 5, i3 7 /;
        Positive Variable x(i);
        Variable z;
        Equations lim(i), obj;
        lim(i)$cap(i)..  x(i) =l= cap(i);
        obj..            z =e= sum(i$cap(i), x(i));
        Model m / all /;
        Scalar nrows;
        Solve m using lp maximizing z;
        nrows = m.numEqu;
        display x.l, lim.m, z.l, nrows;
        """)
        expectClean(run)
        #expect(displayed(run, "z", [], "l") == 12)
        #expect(run.records("lim", "m") == [["i1"]: 1, ["i3"]: 1])
        // Rows: obj plus lim(i1) and lim(i3) only.
        #expect(displayed(run, "nrows") == 3)
        #expect(run.solves.first?.rows == 3)
    }

    @Test func severalModelsPerStatementWithText() {
        let run = runSource("""
        Variable z, y;
        Equations e1, e2, e3;
        e1.. z =e= y;
        e2.. y =l= 4;
        e3.. y =l= 2;
        Models m1 'loose' / e1, e2 /
               m2 'tight' / all / ;
        Scalars r1, r2;
        Solve m1 using lp maximizing z; r1 = z.l;
        Solve m2 using lp maximizing z; r2 = z.l;
        display r1, r2;
        """)
        expectClean(run)
        #expect(displayed(run, "r1") == 4)
        #expect(displayed(run, "r2") == 2)
        #expect(run.solves.map(\.model) == ["m1", "m2"])
    }
}
