import Foundation
import Testing

// Semantics of the `.enm`/GAMS language, one small inline model per behaviour.
//
// Every expectation below is what GAMS does (see /work/shared/design/language.md and the public
// GAMS documentation). A failing test here means enm differs from GAMS; tests are never weakened
// to match the implementation.

// MARK: - Helpers

/// The displayed value of `symbol` (or its attribute) at `labels`; 0 when GAMS leaves the record
/// out (zeros are never displayed).
func displayed(_ run: Run, _ symbol: String, _ labels: [String] = [], _ attribute: String? = nil) -> Double {
    run.records(symbol, attribute)[labels] ?? 0
}

/// The label tuples of a displayed set (or any symbol), sorted.
func displayedLabels(_ run: Run, _ symbol: String, _ attribute: String? = nil) -> [[String]] {
    run.records(symbol, attribute).keys.sorted { $0.joined(separator: ".") < $1.joined(separator: ".") }
}

/// Whether `a` and `b` agree within `tol` (absolute, or relative for large numbers).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-6) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// Records an issue unless the run finished without diagnostics and with exit code 0.
func expectClean(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.result.exitCode.rawValue == 0, "exit code \(run.result.exitCode.rawValue)\n\(run.diagnostics)",
            sourceLocation: sourceLocation)
    #expect(!run.result.diagnostics.contains { $0.severity == .error }, "\(run.diagnostics)", sourceLocation: sourceLocation)
}

/// Runs source text on another thread; nil when it has not finished after `seconds`
/// (the runaway thread is left behind, so a hang fails one test instead of the whole run).
func runSourceWithTimeout(_ source: String, seconds: Double) -> Run? {
    final class Box: @unchecked Sendable { var run: Run? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        box.run = runSource(source)
        done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success ? box.run : nil
}

/// The diagnostic codes of a run.
func codes(_ run: Run) -> [String] { run.result.diagnostics.map(\.code) }

/// Writes files into a fresh temporary folder and runs `main` from it.
func runFiles(_ files: [String: String], main: String, defines: [String: String] = [:]) -> Run {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-files-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
        try? text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    var run = runModel(dir.appendingPathComponent(main).path, defines: defines)
    run.diagnostics = run.diagnostics.replacingOccurrences(of: dir.path + "/", with: "")
    return run
}

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
}

// MARK: - 3. Expressions

@Suite struct ExpressionTests {
    @Test func arithmeticOperatorsAndPrecedence() {
        let run = runSource("""
        Scalars a, b, c, d, e, f;
        a = 2 + 3 * 4;
        b = (2 + 3) * 4;
        c = 2 ** 3 ** 2;
        d = -2 ** 2;
        e = 7 / 2 - 1;
        f = - (3 - 5);
        display a, b, c, d, e, f;
        """)
        expectClean(run)
        #expect(displayed(run, "a") == 14)
        #expect(displayed(run, "b") == 20)
        // GAMS evaluates ** left to right: (2**3)**2 = 64.
        #expect(displayed(run, "c") == 64)
        // GAMS: unary minus binds weaker than **: -2**2 = -4.
        #expect(displayed(run, "d") == -4)
        #expect(displayed(run, "e") == 2.5)
        #expect(displayed(run, "f") == 2)
    }

    @Test func sumProdSminSmax() {
        let run = runSource("""
        Set i / a, b, c /, j / x, y /;
        Parameter p(i) / a 1, b 2, c 4 /;
        Table q(i,j)
              x   y
           a  1   2
           b  3   4
           c  5   6 ;
        Scalars s, pr, mn, mx, s2, br, sd;
        s  = sum(i, p(i));
        pr = prod(i, p(i));
        mn = smin(i, p(i));
        mx = smax(i, p(i));
        s2 = sum((i,j), q(i,j));
        br = sum{i, p(i)};
        sd = sum(i$(p(i) > 1), p(i));
        display s, pr, mn, mx, s2, br, sd;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 7)
        #expect(displayed(run, "pr") == 8)
        #expect(displayed(run, "mn") == 1)
        #expect(displayed(run, "mx") == 4)
        #expect(displayed(run, "s2") == 21)
        #expect(displayed(run, "br") == 7)
        #expect(displayed(run, "sd") == 6)
    }

    @Test func reductionsOverSubsetAndMultiDimensionalSet() {
        let run = runSource("""
        Set i / a, b, c /, j / x, y /;
        Set sub(i) / a, c /;
        Set link(i,j) / a.x, b.y, c.y /;
        Table cost(i,j)
              x   y
           a  1   2
           b  3   4
           c  5   6 ;
        Scalars ssub, slink, mlink, cnt;
        cnt = 0;
        ssub  = sum(sub, cost(sub,"x"));
        slink = sum(link(i,j), cost(i,j));
        mlink = smax(link(i,j), cost(i,j));
        loop(link(i,j), cnt = cnt + 1);
        display ssub, slink, mlink, cnt;
        """)
        expectClean(run)
        #expect(displayed(run, "ssub") == 6)
        #expect(displayed(run, "slink") == 11)
        #expect(displayed(run, "mlink") == 6)
        #expect(displayed(run, "cnt") == 3)
    }

    @Test func emptyReductions() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i);
        p(i) = 0;
        Scalars s, pr, mx, mn;
        s  = sum(i$p(i), 1);
        pr = prod(i$p(i), 2);
        mx = smax(i$p(i), p(i));
        mn = smin(i$p(i), p(i));
        display s, pr, mx, mn;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 0)
        #expect(displayed(run, "pr") == 1)
        #expect(displayed(run, "mx") == -.infinity)
        #expect(displayed(run, "mn") == .infinity)
        #expect(run.output.contains("-INF"))
        #expect(run.output.contains("+INF"))
    }

    @Test func ordAndCard() {
        let run = runSource("""
        Set t / t1*t5 /;
        Parameter o(t);
        o(t) = ord(t);
        Scalar c; c = card(t);
        display o, c;
        """)
        expectClean(run)
        #expect(run.records("o") == [["t1"]: 1, ["t2"]: 2, ["t3"]: 3, ["t4"]: 4, ["t5"]: 5])
        #expect(displayed(run, "c") == 5)
    }

    @Test func ordIsThePositionWithinASubset() {
        let run = runSource("""
        Set i / a, b, c, d, e /;
        Set j(i) / b, d, e /;
        Parameter oj(i), oi(i);
        oj(j) = ord(j);
        loop(i$j(i), oi(i) = ord(i));
        display oj, oi;
        """)
        expectClean(run)
        #expect(run.records("oj") == [["b"]: 1, ["d"]: 2, ["e"]: 3])
        #expect(run.records("oi") == [["b"]: 2, ["d"]: 4, ["e"]: 5])
    }

    @Test func cardOfDynamicSetFollowsChanges() {
        let run = runSource("""
        Set i / i1*i10 /, d(i);
        Scalars c0, c1, c2;
        c0 = card(d);
        d(i) = yes$(mod(ord(i), 3) = 0);
        c1 = card(d);
        d(i)$(ord(i) = 1) = yes;
        c2 = card(d);
        display c0, c1, c2;
        """)
        expectClean(run)
        #expect(displayed(run, "c0") == 0)
        #expect(displayed(run, "c1") == 3)
        #expect(displayed(run, "c2") == 4)
    }

    @Test func mathFunctions() {
        let run = runSource("""
        Set f / f1*f22 /;
        Parameter r(f);
        r("f1")  = sqr(3);
        r("f2")  = log(exp(2));
        r("f3")  = sqrt(16);
        r("f4")  = power(2, 10);
        r("f5")  = abs(-3.5);
        r("f6")  = max(1, 7, 3);
        r("f7")  = min(4, -2, 9);
        r("f8")  = ceil(2.1);
        r("f9")  = floor(-2.1);
        r("f10") = round(2.567, 2);
        r("f11") = mod(7, 3);
        r("f12") = sign(-4);
        r("f13") = sin(pi/2);
        r("f14") = cos(0);
        r("f15") = log10(1000);
        r("f16") = ifThen(2 > 1, 10, 20);
        r("f17") = ifThen(2 < 1, 10, 20);
        r("f18") = round(2.5);
        r("f19") = exp(0);
        r("f20") = pi;
        r("f21") = mod(-7, 3);
        r("f22") = round(1234.5, -2);
        display r;
        """)
        expectClean(run)
        let r = run.records("r")
        #expect(r[["f1"]] == 9)
        #expect(close(r[["f2"]] ?? 0, 2))
        #expect(r[["f3"]] == 4)
        #expect(r[["f4"]] == 1024)
        #expect(r[["f5"]] == 3.5)
        #expect(r[["f6"]] == 7)
        #expect(r[["f7"]] == -2)
        #expect(r[["f8"]] == 3)
        #expect(r[["f9"]] == -3)
        #expect(close(r[["f10"]] ?? 0, 2.57))
        #expect(r[["f11"]] == 1)
        #expect(r[["f12"]] == -1)
        #expect(close(r[["f13"]] ?? 0, 1))
        #expect(r[["f14"]] == 1)
        #expect(close(r[["f15"]] ?? 0, 3))
        #expect(r[["f16"]] == 10)
        #expect(r[["f17"]] == 20)
        #expect(r[["f18"]] == 3)
        #expect(r[["f19"]] == 1)
        #expect(close(r[["f20"]] ?? 0, Double.pi))
        // GAMS mod has the sign of the dividend: mod(-7,3) = -1.
        #expect(r[["f21"]] == -1)
        #expect(r[["f22"]] == 1200)
    }

    @Test func uniformIsReproducibleWithSeedAndInRange() {
        let source = """
        Set i / i1*i20 /;
        Parameter u(i), k(i), g(i);
        option seed = 12345;
        u(i) = uniform(2, 5);
        k(i) = uniformInt(1, 6);
        g(i) = normal(10, 2);
        Scalars umin, umax, kmin, kmax, kint, gmean;
        umin = smin(i, u(i)); umax = smax(i, u(i));
        kmin = smin(i, k(i)); kmax = smax(i, k(i));
        kint = sum(i$(k(i) <> round(k(i))), 1);
        gmean = sum(i, g(i)) / card(i);
        display u, k, g, umin, umax, kmin, kmax, kint, gmean;
        """
        let a = runSource(source), b = runSource(source)
        expectClean(a)
        #expect(a.records("u") == b.records("u"), "same seed, same draws")
        #expect(a.records("k") == b.records("k"))
        #expect(a.records("g") == b.records("g"))
        #expect(a.records("u").count == 20)
        #expect(displayed(a, "umin") >= 2)
        #expect(displayed(a, "umax") <= 5)
        #expect(displayed(a, "umax") > displayed(a, "umin"))
        #expect(displayed(a, "kmin") >= 1)
        #expect(displayed(a, "kmax") <= 6)
        #expect(displayed(a, "kint") == 0)
        #expect(displayed(a, "gmean") > 7 && displayed(a, "gmean") < 13)
        let c = runSource(source.replacingOccurrences(of: "seed = 12345", with: "seed = 999"))
        #expect(c.records("u") != a.records("u"), "another seed, other draws")
    }

    @Test func lagsAndLeadsOutOfRangeAreZero() {
        let run = runSource("""
        Set t / t1*t4 /;
        Parameter v(t) / t1 1, t2 2, t3 3, t4 4 /, lag(t), lead(t), lag2(t);
        lag(t)  = v(t-1);
        lead(t) = v(t+1);
        lag2(t) = v(t-2) + 10;
        display lag, lead, lag2;
        """)
        expectClean(run)
        #expect(run.records("lag") == [["t2"]: 1, ["t3"]: 2, ["t4"]: 3])
        #expect(run.records("lead") == [["t1"]: 2, ["t2"]: 3, ["t3"]: 4])
        #expect(run.records("lag2") == [["t1"]: 10, ["t2"]: 10, ["t3"]: 11, ["t4"]: 12])
    }

    @Test func lagOnTheLeftHandSide() {
        let run = runSource("""
        Set t / t1*t4 /;
        Parameter p(t);
        p(t+1) = ord(t);
        display p;
        """)
        expectClean(run)
        #expect(run.records("p") == [["t2"]: 1, ["t3"]: 2, ["t4"]: 3])
    }

    @Test func circularLagsAndLeads() {
        let run = runSource("""
        Set t / t1*t5 /;
        Parameter v(t), cl(t), cd(t);
        v(t) = ord(t);
        cl(t) = v(t--1);
        cd(t) = v(t++2);
        display cl, cd;
        """)
        expectClean(run)
        #expect(run.records("cl") == [["t1"]: 5, ["t2"]: 1, ["t3"]: 2, ["t4"]: 3, ["t5"]: 4])
        #expect(run.records("cd") == [["t1"]: 3, ["t2"]: 4, ["t3"]: 5, ["t4"]: 1, ["t5"]: 2])
    }

    @Test func lagWithAnExpression() {
        let run = runSource("""
        Set t / t1*t5 /, l / l1*l3 /;
        Parameter v(t), w(t,l);
        v(t) = 10 * ord(t);
        w(t,l) = v(t-(ord(l)-1));
        display w;
        """)
        expectClean(run)
        let w = run.records("w")
        #expect(w[["t3", "l1"]] == 30)
        #expect(w[["t3", "l2"]] == 20)
        #expect(w[["t3", "l3"]] == 10)
        #expect(w[["t1", "l2"]] == nil)
        #expect(w[["t2", "l3"]] == nil)
        #expect(w.count == 12)
    }

    @Test func outOfRangeLagTermDropsOutOfEquation() {
        // s(t) = s(t-1) + 1: at t1 the lag term is absent, so s = 1, 2, 3.
        let run = runSource("""
        Set t / t1*t3 /;
        Variable s(t), z;
        Equations bal(t), obj;
        bal(t).. s(t) =e= s(t-1) + 1;
        obj..    z =e= sum(t, s(t));
        Model m / all /;
        Solve m using lp minimizing z;
        display s.l, z.l;
        """)
        expectClean(run)
        #expect(run.solves.first?.modelStatus.rawValue == 1)
        #expect(run.records("s", "l") == [["t1"]: 1, ["t2"]: 2, ["t3"]: 3])
        #expect(displayed(run, "z", [], "l") == 6)
    }

    @Test func leadInEquationExistsOnlyWhereTheLeadExists() {
        // With x(t+1) the last row has no lead term: x(t3) =g= 1 only.
        let run = runSource("""
        Set t / t1*t3 /;
        Positive Variable x(t);
        Variable z;
        Equations chain(t), obj;
        chain(t).. x(t) =g= x(t+1) + 1;
        obj..      z =e= sum(t, x(t));
        Model m / all /;
        Solve m using lp minimizing z;
        display x.l;
        """)
        expectClean(run)
        #expect(run.records("x", "l") == [["t1"]: 3, ["t2"]: 2, ["t3"]: 1])
    }

    @Test func equationConditionedOnALead() {
        let run = runSource("""
        Set t / t1*t4 /;
        Positive Variable x(t);
        Variable z;
        Equations step(t), obj;
        step(t)$(ord(t) < card(t)).. x(t+1) =e= x(t) + 2;
        obj.. z =e= sum(t, x(t));
        x.lo("t1") = 1;
        Model m / all /;
        Solve m using lp minimizing z;
        display x.l;
        """)
        expectClean(run)
        #expect(run.solves.first?.rows == 4)
        #expect(run.records("x", "l") == [["t1"]: 1, ["t2"]: 3, ["t3"]: 5, ["t4"]: 7])
    }

    @Test func fixedLabelReferences() {
        let run = runSource("""
        Set r / r1, r2 /, t / 1*4 /;
        Parameter s(r,t);
        s(r,t) = ord(r) * 10 + ord(t);
        Scalar a; a = s("r2","4");
        Variable x(t);
        x.fx("1") = 0;
        x.up("2") = 7;
        display a, x.lo, x.up;
        """)
        expectClean(run)
        #expect(displayed(run, "a") == 24)
        #expect(displayed(run, "x", ["2"], "up") == 7)
        #expect(displayed(run, "x", ["1"], "up") == 0)
        #expect(displayed(run, "x", ["1"], "lo") == 0)
    }

    @Test func relationalOperatorsBothSpellings() {
        let run = runSource("""
        Set k / k1*k12 /;
        Parameter r(k);
        r("k1")  = 1 < 2;
        r("k2")  = 2 <= 2;
        r("k3")  = 3 = 3;
        r("k4")  = 3 <> 4;
        r("k5")  = 5 >= 6;
        r("k6")  = 7 > 6;
        r("k7")  = 1 lt 2;
        r("k8")  = 2 le 1;
        r("k9")  = 3 eq 3;
        r("k10") = 3 ne 3;
        r("k11") = 5 ge 5;
        r("k12") = 7 gt 8;
        display r;
        """)
        expectClean(run)
        #expect(run.records("r") == [["k1"]: 1, ["k2"]: 1, ["k3"]: 1, ["k4"]: 1, ["k6"]: 1,
                                     ["k7"]: 1, ["k9"]: 1, ["k11"]: 1])
    }

    @Test func logicalOperators() {
        let run = runSource("""
        Set k / k1*k8 /;
        Parameter r(k);
        r("k1") = 1 and 0;
        r("k2") = 1 and 2;
        r("k3") = 0 or 3;
        r("k4") = 0 or 0;
        r("k5") = not 0;
        r("k6") = not 5;
        r("k7") = 1 xor 1;
        r("k8") = 1 xor 0;
        display r;
        """)
        expectClean(run)
        #expect(run.records("r") == [["k2"]: 1, ["k3"]: 1, ["k5"]: 1, ["k8"]: 1])
    }

    @Test func sameAs() {
        let run = runSource("""
        Set i / a, b, c /;
        Alias (i,j);
        Parameter d(i,j), e(i);
        d(i,j)$sameAs(i,j) = 1;
        e(i)$sameAs(i,"b") = 2;
        display d, e;
        """)
        expectClean(run)
        #expect(run.records("d") == [["a", "a"]: 1, ["b", "b"]: 1, ["c", "c"]: 1])
        #expect(run.records("e") == [["b"]: 2])
    }

    @Test func variableAndEquationAttributesAsData() {
        let run = runSource("""
        Set i / a, b /;
        Positive Variable x(i);
        Variable z;
        Equations cap(i), obj;
        cap(i).. x(i) =l= ord(i);
        obj..    z =e= sum(i, 3*x(i));
        Model m / all /;
        Solve m using lp maximizing z;
        Parameter rep(i,*);
        rep(i,"l")  = x.l(i);
        rep(i,"m")  = cap.m(i);
        rep(i,"lo") = x.lo(i) + 1;
        rep(i,"up") = x.up(i);
        rep(i,"eqlvl") = cap.l(i);
        display rep;
        """)
        expectClean(run)
        let r = run.records("rep")
        #expect(r[["a", "l"]] == 1)
        #expect(r[["b", "l"]] == 2)
        #expect(r[["a", "m"]] == 3)
        #expect(r[["b", "m"]] == 3)
        #expect(r[["a", "lo"]] == 1)
        #expect(r[["a", "up"]] == .infinity)
        #expect(r[["b", "eqlvl"]] == 2)
    }

    @Test func modelAttributesAsDataInsideAnotherModel() {
        // A second model uses the duals of the first as data (as column generation does).
        let run = runSource("""
        Set i / a, b /;
        Parameter dem(i) / a 10, b 20 /, price(i) / a 2, b 5 /;
        Positive Variable x(i);
        Variable z1, z2, y(i);
        Equations obj1, d(i), obj2, e(i);
        obj1.. z1 =e= sum(i, price(i)*x(i));
        d(i).. x(i) =g= dem(i);
        Model m1 / obj1, d /;
        Solve m1 using lp minimizing z1;
        Scalar first; first = m1.objVal;
        obj2.. z2 =e= sum(i, d.m(i)*y(i)) + m1.objVal;
        e(i).. y(i) =e= 1;
        Model m2 / obj2, e /;
        Solve m2 using lp minimizing z2;
        Scalars st, so;
        st = m2.modelStat; so = m2.solveStat;
        display first, z2.l, st, so;
        """)
        expectClean(run)
        #expect(displayed(run, "first") == 120)
        #expect(close(displayed(run, "z2", [], "l"), 127))
        #expect(displayed(run, "st") == 1)
        #expect(displayed(run, "so") == 1)
    }
}

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
}

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

    @Test func repeatWithoutParenthesesIsAnErrorNotAHang() {
        // GAMS requires `repeat ( ... until cond );`; the bare form is a syntax error.
        let run = runSourceWithTimeout("""
        Scalars k / 0 /;
        repeat
           k = k + 3;
        until k >= 10;
        display k;
        """, seconds: 20)
        #expect(run != nil, "enm did not finish within 20 s")
        if let run { #expect(run.result.exitCode.rawValue != 0) }
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
}

// MARK: - 6. Dollar control

@Suite struct DollarControlTests {
    @Test func titleOnTextOffTextAndStarComments() {
        let run = runSource("""
        $title A test model
        $stitle a subtitle
        $onText
        Scalar notParsed / 1 /; this is not GAMS code at all ;;; //
        $offText
        * a comment line in column 1
        *Scalar alsoNotParsed;
        Scalar s / 2 /;
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 2)
        #expect(run.records("notParsed").isEmpty)
    }

    @Test func eolComments() {
        let run = runSource("""
        $eolCom //
        Scalar s / 1 /;  // a comment; with s = 5;
        s = s + 1; // another
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 2)
    }

    @Test func onEolComUsesDoubleExclamation() {
        let run = runSource("""
        $onEolCom
        Scalar s / 1 /;  !! s = 5;
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 1)
    }

    @Test func setAndSubstitution() {
        let run = runSource("""
        $set n 4
        $setGlobal label t2
        Set t / t1*t%n% /;
        Scalars c, o;
        c = card(t);
        o = sum(t$sameAs(t,"%label%"), ord(t));
        display c, o;
        """)
        expectClean(run)
        #expect(displayed(run, "c") == 4)
        #expect(displayed(run, "o") == 2)
    }

    @Test func ifNotSetGivesADefault() {
        let source = """
        $if not set n $set n 50
        Scalar s / %n% /;
        display s;
        """
        let plain = runSource(source)
        expectClean(plain)
        #expect(displayed(plain, "s") == 50)
        let cmd = runSource(source, defines: ["n": "80"])
        expectClean(cmd)
        #expect(displayed(cmd, "s") == 80)
    }

    @Test func ifSet() {
        let source = """
        Scalar s / 1 /;
        $if set big s = 100;
        display s;
        """
        #expect(displayed(runSource(source), "s") == 1)
        #expect(displayed(runSource(source, defines: ["big": "1"]), "s") == 100)
    }

    @Test func includeChosenFromTheCommandLine() {
        let files = [
            "model.gms": """
            $if not set scenario $set scenario base
            Scalar demand;
            $include %scenario%.inc
            display demand;
            """,
            "base.inc": "demand = 10;\n",
            "high.inc": "demand = 25;\n",
        ]
        let base = runFiles(files, main: "model.gms")
        expectClean(base)
        #expect(displayed(base, "demand") == 10)
        let high = runFiles(files, main: "model.gms", defines: ["scenario": "high"])
        expectClean(high)
        #expect(displayed(high, "demand") == 25)
    }

    @Test func exitStopsReading() {
        let run = runSource("""
        Scalar s / 1 /;
        display s;
        $exit
        this is not GAMS and must not be read ;;;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 1)
    }

    @Test func layoutOnlyOptionsAreIgnored() {
        let run = runSource("""
        $double
        $stitle A subtitle
        $single
        Scalar s / 3 /;
        display s;
        """)
        expectClean(run)
        #expect(displayed(run, "s") == 3)
    }
}

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
        Solve m using minlp maximizing z;
        """)
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.diagnostics.lowercased().contains("minlp"))
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
}

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
}

// MARK: - 7c. Errors GAMS reports too

@Suite struct ErrorTests {
    @Test func symbolWithoutData() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i);
        Scalar s;
        s = sum(i, p(i));
        display s;
        """)
        // GAMS error 141: symbol declared but no values have been assigned.
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.result.diagnostics.contains { $0.severity == .error && $0.span.line == 4 }, "\(run.diagnostics)")
    }

    @Test func domainViolationInData() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i) / a 1, c 2 /;
        display p;
        """)
        // GAMS error 170: domain violation for element.
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.result.diagnostics.contains { $0.severity == .error && $0.span.line == 2 }, "\(run.diagnostics)")
    }

    @Test func unknownLabelInAssignment() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i) / a 1 /;
        Scalar s;
        s = p("zz");
        """)
        // GAMS error 116: label is unknown.
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.result.diagnostics.contains { $0.severity == .error && $0.span.line == 4 }, "\(run.diagnostics)")
    }

    @Test func labelRedefinedIgnoringCase() {
        let run = runSource("""
        Set i / a, b, A /;
        """)
        // GAMS error 172: element is redefined (labels are case-insensitive).
        #expect(run.result.exitCode.rawValue != 0)
        #expect(run.result.diagnostics.contains { $0.severity == .error && $0.span.line == 1 }, "\(run.diagnostics)")
    }

    @Test func diagnosticsCarryFileLineAndColumn() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i);
        p(i) = 1/0;
        """)
        #expect(codes(run).contains("E4001"))
        #expect(run.diagnostics.contains("model.gms:3:"))
        #expect(run.diagnostics.contains("^"))
    }
}

// MARK: - More GAMS behaviour

@Suite struct MoreSemanticsTests {
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

    @Test func circularLagInAnEquation() {
        // Cyclic storage: s(t) = s(t--1) + d(t) with d = 1, -1, 2, -2; min sum s gives 1, 0, 2, 0.
        let run = runSource("""
        Set t / t1*t4 /;
        Parameter d(t) / t1 1, t2 -1, t3 2, t4 -2 /;
        Positive Variable s(t);
        Variable z;
        Equations bal(t), obj;
        bal(t).. s(t) =e= s(t--1) + d(t);
        obj..    z =e= sum(t, s(t));
        Model m / all /;
        Solve m using lp minimizing z;
        display s.l, z.l;
        """)
        expectClean(run)
        #expect(run.records("s", "l") == [["t1"]: 1, ["t3"]: 2])
        #expect(displayed(run, "z", [], "l") == 3)
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

    @Test func sumOverMultiDimensionalSetInAnEquation() {
        let run = runSource("""
        Set i / a, b /, j / x, y /;
        Set link(i,j) / a.x, b.y /;
        Parameter c(i,j) / a.x 2, a.y 1, b.x 1, b.y 3 /;
        Positive Variable f(i,j);
        Variable z;
        Equations obj, need(j);
        obj..     z =e= sum(link(i,j), c(i,j)*f(i,j));
        need(j).. sum(i$link(i,j), f(i,j)) =g= 1;
        Model m / all /;
        Solve m using lp minimizing z;
        display f.l, z.l;
        """)
        expectClean(run)
        #expect(displayed(run, "z", [], "l") == 5)
        #expect(run.records("f", "l") == [["a", "x"]: 1, ["b", "y"]: 1])
        // Only the two link columns plus z exist.
        #expect(run.solves.first?.columns == 3)
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

    @Test func execSeedMakesDrawsReproducible() {
        let source = """
        Set i / i1*i5 /;
        Parameter u(i);
        execSeed = 4711;
        u(i) = uniform(0, 1);
        display u;
        """
        let a = runSource(source), b = runSource(source)
        expectClean(a)
        #expect(a.records("u").count == 5)
        #expect(a.records("u") == b.records("u"))
        let c = runSource(source.replacingOccurrences(of: "4711", with: "4712"))
        #expect(a.records("u") != c.records("u"))
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

    @Test func includeFromIncludedFileDirectory() {
        let run = runFiles([
            "main.gms": """
            Scalar a / 1 /;
            $include part.gms
            display a, b;
            """,
            "part.gms": "Scalar b / 2 /;\n",
        ], main: "main.gms")
        expectClean(run)
        #expect(displayed(run, "a") == 1)
        #expect(displayed(run, "b") == 2)
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

    @Test func leadOnTheSecondIndex() {
        let run = runSource("""
        Set r / r1, r2 /, tt / 1*3 /;
        Parameter s(r,tt), n(r,tt);
        s(r,tt) = 10*ord(r) + ord(tt);
        n(r,tt) = s(r,tt+1);
        display n;
        """)
        expectClean(run)
        #expect(run.records("n") == [["r1", "1"]: 12, ["r1", "2"]: 13, ["r2", "1"]: 22, ["r2", "2"]: 23])
    }

    @Test func enmExtensionIsAccepted() {
        let run = runSource("""
        Scalar s / 4 /;
        display s;
        """, name: "model.enm")
        expectClean(run)
        #expect(displayed(run, "s") == 4)
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

    @Test func substitutionInsideQuotedText() {
        let run = runSource("""
        $set n 5
        $set who my model
        display 'n is %n% in %who%';
        """)
        expectClean(run)
        #expect(run.output.contains("n is 5 in my model"))
    }

    @Test func textDisplayFormat() {
        let run = runSource("""
        display 'hello world';
        """)
        expectClean(run)
        #expect(run.output.hasPrefix("----      1 hello world\n"))
    }
}
