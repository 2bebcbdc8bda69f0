import IR
import Driver
import Syntax
import Foundation
import Testing

// Declarations and statements as real GAMS files write them: bare declarations, repeated
// declarations with `$onMulti`, built-in names as symbol names, model lists and model algebra.
// Each expectation is what GAMS does (GAMS User's Guide: declarations, `$onMulti`, the model
// statement, reserved words).

@Suite struct BareDeclarationTests {
    /// `Equation balance;` then `balance(h)..`, a bare variable indexed in the equation, a bare
    /// set and parameter whose data come in a later declaration (a data file's style).
    @Test func symbolsDeclaredWithoutDomainTakeTheirDimensionAtFirstUse() {
        let run = runSource("""
        Set plant, mkt;
        Parameter cap, dem;
        Variable x, z;
        Equation supply, demand, cost;
        Set plant / p1, p2 /;
        Set mkt / m1*m3 /;
        Parameter cap / p1 300, p2 500 /;
        dem(mkt) = 200;
        Positive Variable x;
        supply(plant).. sum(mkt, x(plant,mkt)) =l= cap(plant);
        demand(mkt)..   sum(plant, x(plant,mkt)) =g= dem(mkt);
        cost..          z =e= sum((plant,mkt), ord(plant)*x(plant,mkt));
        Model m / all /;
        solve m using lp minimizing z;
        display x.l;
        """)
        expectClean(run)
        #expect(close(run.solves.first?.objective ?? 0, 300 * 1 + 300 * 2))
        #expect(displayed(run, "x", ["p1", "m1"], "l") + displayed(run, "x", ["p1", "m2"], "l")
            + displayed(run, "x", ["p1", "m3"], "l") == 300)
        #expect(run.records("x", "l").keys.allSatisfy { $0.count == 2 })
    }

    /// `Equation r; ... r(g+1).. m(g+1) =g= m(g);`: a bare equation given a lagged domain where
    /// it is defined exists only where `g+1` does.
    @Test func bareEquationDefinedOverALaggedDomain() {
        let run = runSource("""
        Set g / g1*g4 /;
        Variable m(g), z;
        Equation r, obj;
        r(g+1).. m(g+1) =g= m(g) + 1;
        obj.. z =e= sum(g, m(g));
        m.lo(g) = 0;
        Model mono / r, obj /;
        solve mono using lp minimizing z;
        display m.l;
        """)
        expectClean(run)
        #expect(run.solves.first?.rows == 4)
        #expect(close(run.solves.first?.objective ?? 0, 0 + 1 + 2 + 3))
        #expect(displayed(run, "m", ["g4"], "l") == 3)
    }
}

@Suite struct RedeclarationTests {
    /// A declarations file, then data: the same kind and domain may be declared again.
    @Test func declaredAgainWithTheSameDomainAndItsData() {
        let run = runSource("""
        Set i 'plants';
        Parameter cap(i) 'capacity';
        Set i / a, b /;
        Parameter cap(i) / a 10, b 20 /;
        display cap;
        """)
        expectClean(run)
        #expect(displayed(run, "cap", ["b"]) == 20)
    }

    /// `$onMulti` merges (an element given again takes the new value), `$onMultiR` replaces.
    @Test func onMultiMergesAndOnMultiRReplaces() {
        let run = runSource("""
        Set i / a, b, c /;
        Parameter p(i) / a 1, b 2 /;
        Parameter q(i) / a 1, b 2 /;
        $onMulti
        Parameter p(i) / b 5, c 3 /;
        Set i / d /;
        $onMultiR
        Parameter q(i) / c 7 /;
        $offMulti
        display p, q, i;
        """)
        expectClean(run)
        #expect(run.records("p") == [["a"]: 1, ["b"]: 5, ["c"]: 3])
        #expect(run.records("q") == [["c"]: 7])
        #expect(displayedLabels(run, "i") == [["a"], ["b"], ["c"], ["d"]])
    }

    @Test func dataGivenTwiceWithoutOnMultiIsRefused() {
        let run = runSource("""
        Set i / a, b /;
        Parameter cap(i) / a 10 /;
        Parameter cap(i) / b 20 /;
        """)
        #expect(run.diagnostics == """
        error[E1005]: 'cap' already has data; its data is given again
         --> model.gms:3:11
          |
        3 | Parameter cap(i) / b 20 /;
          |           ^^^ data given again
          = note: 'cap' got its data at line 2
          = help: write '$onMulti' before this statement to merge the data, or '$onMultiR' to replace it

        """)
    }

    @Test func anotherDomainOrKindIsRefused() {
        let run = runSource("""
        Set i / a /, j / x /;
        Parameter p(i);
        Parameter p(j);
        Set p2(i);
        Parameter p2(i);
        """)
        #expect(run.result.diagnostics.map(\.code) == ["E2005", "E1002"])
        #expect(run.diagnostics.contains("= note: 'p' was declared over (i) at line 2"))
    }
}

@Suite struct BuiltinNamesAsSymbolsTests {
    /// `pi` as a probability, `cos` as a cost parameter and `log2` as a variable: only GAMS's
    /// reserved words are reserved, and a symbol shadows the built-in of its name.
    @Test func functionAndConstantNamesNameSymbols() {
        let run = runSource("""
        Set s 'scenarios' / lo, hi /;
        Parameter pi(s) 'probability' / lo 0.25, hi 0.75 /;
        Parameter cos(s) 'cost' / lo 10, hi 20 /;
        Scalar expected;
        expected = sum(s, pi(s)*cos(s));
        Variable log2, z;
        Equation e, o;
        e.. log2 =g= expected;
        o.. z =e= log2;
        Model m / e, o /;
        solve m using lp minimizing z;
        display expected, log2.l;
        """)
        expectClean(run)
        #expect(displayed(run, "expected") == 17.5)
        #expect(displayed(run, "log2", [], "l") == 17.5)
    }

    /// Without a declaration `pi` is the constant and `cos` the function.
    @Test func undeclaredBuiltinsKeepTheirMeaning() {
        let run = runSource("""
        Scalar c;
        c = cos(pi);
        display c;
        """)
        expectClean(run)
        #expect(displayed(run, "c") == -1)
    }
}

@Suite struct ModelStatementTests {
    static let network = """
    Set i / a, b /;
    Positive Variable x(i), y;
    Variable z;
    Equation cost, lowa, lowb, capy;
    cost.. z =e= x('a') + 2*x('b') + y;
    lowa.. x('a') =g= 1;
    lowb.. x('b') =g= 2;
    capy.. y =g= 3;

    """

    /// Elements of the equation list may be separated by line breaks, as in data lists.
    @Test func equationListOverLineBreaks() {
        let run = runSource(Self.network + """
        Model m / cost
                  lowa
                  lowb /;
        solve m use lp min z;
        """)
        expectClean(run)
        #expect(close(run.solves.first?.objective ?? 0, 1 + 4))
    }

    /// `/ base + capy - lowb /` builds a model from another one, left to right.
    @Test func modelAlgebra() {
        let run = runSource(Self.network + """
        Model base / cost, lowa, lowb /;
        Model ext / base + capy - lowb /;
        Model most / all - capy /;
        solve ext using lp minimizing z;
        solve most using lp minimizing z;
        """)
        expectClean(run)
        #expect(zip(run.solves.map { $0.objective ?? 0 }, [1 + 3, 1 + 4]).allSatisfy { close($0, $1) })
        #expect(run.solves.map(\.rows) == [3, 3])
    }

    @Test func nonnegativeVariableIsPositive() {
        let run = runSource("""
        Nonnegative Variable x;
        Variable z;
        Equation o;
        o.. z =e= x;
        Model m / o /;
        solve m using lp minimizing z;
        """)
        expectClean(run)
        #expect(close(run.solves.first?.objective ?? 1, 0))
        #expect(run.solves.first?.modelStatus.rawValue == 1)
    }
}

@Suite struct NumericLabelTupleTests {
    /// `1.2` in a data list is the labels `1` and `2`; `R1.T1.2.2030` and `R1.T1.3. 2030` are
    /// four labels each, as GAMS reads them (a dot always separates labels).
    @Test func numbersWithDotsAreLabelTuples() {
        let run = runSource("""
        Set i / 1*3 /;
        Alias (i,j);
        Set link(i,j) / 1.2, 2.3 /;
        Set r / R1 /, tt / T1 /, y / 2030 /;
        Parameter d(r,tt,i,y) /
        R1.T1.2.2030  0.8
        R1.T1.3. 2030  0.5 /;
        display link, d;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "link") == [["1", "2"], ["2", "3"]])
        #expect(run.records("d") == [["R1", "T1", "2", "2030"]: 0.8, ["R1", "T1", "3", "2030"]: 0.5])
    }
}

@Suite struct EveryErrorInOneRunTests {
    /// Syntax errors do not hide the other statements' errors: a data error before them, an
    /// unknown symbol between them, each reported once, and nothing about what the broken
    /// statements would have declared or assigned.
    @Test func syntaxErrorsDoNotHideTheOtherBlockers() {
        let run = runSource("""
        Set i / a, b /;
        Parameter p(i) / a 1, c 2 /;
        Scalar s;
        s = sum(i, p(i) +) ;
        Parameter cap(i), spare(i);
        cap(i) = 2*p(i)  spare(i) = cap(i) - p(i);
        Variable x(i), z;
        Equation e, f;
        e.. z =e= sum(i, q(i)*x(i));
        f(i).. x(i) =l= 3 * ;
        Model m / e, f /;
        solve m using lp minimizing z;
        display s, spare;
        """)
        #expect(run.result.diagnostics.map(\.code) == ["E3012", "E0031", "E0012", "E1001", "E0031"])
        #expect(run.result.exitCode.rawValue == 1)
    }
}

@Suite struct ListingLineTests {
    /// Display headers number lines as GAMS's listing does: the lines of an included file
    /// count, on from the `$include` line, and the including file's numbers move on after them.
    @Test func displayLinesCountIncludedLines() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "* data\nScalar s / 2 /;\ndisplay s;\n".write(to: folder.appendingPathComponent("part.inc"), atomically: true, encoding: .utf8)
        try "Scalar t / 1 /;\n$include part.inc\ndisplay t;\n$onText\nnot read\n$offText\ndisplay t;\n"
            .write(to: folder.appendingPathComponent("main.gms"), atomically: true, encoding: .utf8)
        let run = runModel(folder.appendingPathComponent("main.gms").path)
        expectClean(run)
        let lines = run.result.events.compactMap { if case .display(let d) = $0 { return d.line } else { return nil } }
        // main 1, $include 2, part.inc 3-5 (display at 5), main 3 is 6, $onText block 7-9, main 7 is 10
        #expect(lines == [5, 6, 10])
        #expect(run.output.contains("----      5 PARAMETER s"))
    }
}

@Suite struct ExecuteStatementTests {
    @Test func executeRunsOnlyWithAllowShell() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-execute-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.gms")
        try "Scalar x / 1 /;\nexecute 'echo ran > out.txt';\nexecute.checkErrorLevel 'exit 3';\ndisplay x;\n"
            .write(to: model, atomically: true, encoding: .utf8)
        let refused = Driver.run(path: model.path)
        #expect(refused.diagnostics.map(\.code) == ["E4034", "E4034"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.txt").path))
        let allowed = Driver.run(path: model.path, options: RunOptions(preprocessing: PreprocessorSettings(allowShell: true)))
        #expect(allowed.diagnostics.map(\.code) == ["E4035"])
        #expect(allowed.exitCode.rawValue == 2)
        // the run stops at the failed command: no display
        #expect(!allowed.events.contains { if case .display = $0 { return true } else { return false } })
        #expect(try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8) == "ran\n")
    }
}

@Suite struct ModelAttributeTests {
    /// Every model attribute GAMS documents is accepted; those enm's solves do not act on are
    /// named in a warning (W2003), the honoured ones are not, and all read back.
    @Test func everyDocumentedAttributeIsAccepted() {
        let assignments = ModelAttribute.allCases.map { "m.\($0.rawValue) = 1;" }.joined(separator: "\n")
        let run = runSource("""
        Variable z;
        Equation e;
        e.. z =e= 1;
        Model m / e /;
        \(assignments)
        m.optCr = 0.5;
        Scalar back;
        back = m.nodLim + m.optCr;
        display back;
        """)
        #expect(!run.result.diagnostics.contains { $0.severity == .error }, "\(run.diagnostics)")
        let warned = Set(run.result.diagnostics.filter { $0.code == "W2003" }.map { String($0.message.split(separator: "'")[0]) })
        let expected = Set(ModelAttribute.allCases.filter { $0.ignoredBecause != nil }.map { "m.\($0.rawValue)" })
        #expect(warned == expected)
        #expect(!warned.contains("m.optCr") && !warned.contains("m.resLim") && warned.contains("m.workFactor"))
        #expect(displayed(run, "back") == 1.5)
    }

    /// `m.nodLim` stops GLPK's branch-and-cut after that many nodes: a parity problem (even
    /// coefficients, odd right-hand side) that branch-and-bound cannot settle quickly stops with
    /// solver status 2, no point, and never claims infeasibility.
    @Test func nodeLimitStopsTheSearch() {
        let run = runSource("""
        Set i / i1*i30 /;
        Integer Variable x(i);
        Variable z;
        Equation parity, obj;
        parity.. sum(i, 2*x(i)) =e= 31;
        obj.. z =e= sum(i, x(i));
        x.up(i) = 3;
        Model m / all /;
        m.nodLim = 5;
        solve m using mip minimizing z;
        """)
        #expect(run.result.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.solves.first?.modelStatus.rawValue == 14)
        #expect(run.solves.first?.solverStatus.rawValue == 2)
    }
}

@Suite struct EverydayStatementTests {
    /// `/ #t /` in a data list stands for every member of t; `option clear = p;` resets p.
    @Test func setReferenceInDataAndOptionClear() {
        let run = runSource("""
        Set t / h1*h3 /, k(t) / #t /;
        Parameter p(t) / #t 2 /, q(t);
        q(t) = p(t) + 1;
        option clear = p;
        Scalar total;
        total = sum(t, p(t) + q(t));
        display k, total;
        """)
        expectClean(run)
        #expect(displayedLabels(run, "k") == [["h1"], ["h2"], ["h3"]])
        #expect(displayed(run, "total") == 9)
    }

    /// Branching priorities are accepted with a warning and change nothing.
    @Test func priorityIsAcceptedWithAWarning() {
        let run = runSource("""
        Set i / a, b /;
        Integer Variable x(i);
        Variable z;
        Equation e;
        e.. z =e= sum(i, x(i));
        x.lo(i) = 1;
        x.prior(i) = ord(i);
        Model m / e /;
        solve m using mip minimizing z;
        """)
        #expect(run.result.diagnostics.map(\.code) == ["W2004"])
        #expect(close(run.solves.first?.objective ?? 0, 2))
    }
}

@Suite struct ByteOrderMarkTests {
    /// Files saved with a UTF-8 byte order mark (Windows editors, spreadsheets' CSV) read as
    /// the same text without it: the model and a CSV file it includes.
    @Test func byteOrderMarksAreSkipped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-bom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bom = Data([0xEF, 0xBB, 0xBF])
        try (bom + Data("q1,5\nq2,7\n".utf8)).write(to: folder.appendingPathComponent("data.csv"))
        try (bom + Data("Set q / q1, q2 /;\nParameter v(q) /\n$onDelim\n$include data.csv\n$offDelim\n/;\ndisplay v;\n".utf8))
            .write(to: folder.appendingPathComponent("m.gms"))
        let run = runModel(folder.appendingPathComponent("m.gms").path)
        expectClean(run)
        #expect(run.records("v") == [["q1"]: 5, ["q2"]: 7])
    }
}

@Suite struct AcronymTests {
    /// `Acronym`s as values: given in data lists, compared with `=` and `<>`, true in
    /// conditions, assigned, and displayed by name.
    @Test func acronymsAsValues() {
        let run = runSource("""
        Set g 'units' / g1*g4 /;
        Acronyms on, off, mustrun;
        Parameter status(g) / g1 on, g2 off, g3 mustrun, g4 on /;
        Parameter cap(g) / g1 100, g2 50, g3 30, g4 20 /;
        Scalar avail, firm, st, anyset;
        avail = sum(g$(status(g) = on or status(g) = mustrun), cap(g));
        firm = sum(g$(status(g) <> off), 1);
        st = status('g3');
        anyset = sum(g$status(g), 1);
        status('g2') = on;
        display status, avail, firm, st, anyset;
        """)
        expectClean(run)
        #expect(displayed(run, "avail") == 150)
        #expect(displayed(run, "firm") == 3)
        #expect(displayed(run, "anyset") == 4)
        #expect(run.output.contains("g1      on,    g2      on,    g3 mustrun,    g4      on"))
        #expect(run.output.contains("PARAMETER st                   =      mustrun"))
    }

    /// Acronyms in a table and in a put file.
    @Test func acronymsInTablesAndPutFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-acronym-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        Set g / g1, g2 /, s / winter, summer /;
        Acronym on, off;
        Table mode(g,s)
              winter  summer
          g1    on      off
          g2    off     on ;
        Scalar running;
        running = sum((g,s)$(mode(g,s) = on), 1);
        File f / 'modes.txt' /;
        put f;
        loop((g,s), put g.tl:4, s.tl:8, mode(g,s):5 /);
        putclose f;
        display running;
        """.write(to: folder.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        let run = runModel(folder.appendingPathComponent("m.gms").path)
        expectClean(run)
        #expect(displayed(run, "running") == 2)
        let text = try String(contentsOf: folder.appendingPathComponent("modes.txt"), encoding: .utf8)
        #expect(text == "g1  winter     on\ng1  summer    off\ng2  winter    off\ng2  summer     on\n")
    }
}

@Suite struct NonlinearMarginalTests {
    /// A fixed variable's marginal in an NLP is its reduced cost, the derivative of the
    /// Lagrangian by the variable, as GAMS reports it; a level at a bound is the bound, with the
    /// bound's multiplier as its marginal.
    @Test func fixedAndBoundedVariables() {
        let run = runSource("""
        Variable x, y, w, z;
        Equation obj, link;
        obj.. z =e= sqr(x - 2) + sqr(y - 3) + sqr(w - 4);
        link.. x + y =l= 3;
        y.fx = 2.5;
        w.up = 1;
        Model m / all /;
        solve m using nlp minimizing z;
        display x.l, y.m, w.l, w.m, link.m;
        """)
        expectClean(run)
        // link binds: x = 0.5, its price d z / d rhs = 2(0.5 - 2) = -3; raising y by one moves
        // x down by one: 2(2.5 - 3) + 3 = 2
        #expect(close(displayed(run, "x", [], "l"), 0.5, 1e-6))
        #expect(close(displayed(run, "link", [], "m"), -3, 1e-6))
        #expect(close(displayed(run, "y", [], "m"), 2, 1e-6))
        // w at its upper bound 1: level exactly 1, marginal 2(1 - 4) = -6
        #expect(displayed(run, "w", [], "l") == 1)
        #expect(close(displayed(run, "w", [], "m"), -6, 1e-6))
    }

    /// With every variable fixed no row can be priced: the marginals are the gradient.
    @Test func everyVariableFixed() {
        let run = runSource("""
        Variable x, z;
        Equation obj;
        obj.. z =e= exp(x);
        x.fx = 0;
        Model m / all /;
        solve m using nlp minimizing z;
        display x.m;
        """)
        #expect(close(displayed(run, "x", [], "m"), 1, 1e-9))
    }
}

@Suite struct GLPKOptionFileTests {
    static let model = """
    Set i / a, b /;
    Integer Variable n(i);
    Positive Variable c;
    Variable z;
    Equation cap, obj;
    cap.. sum(i, n(i)) + c =l= 2.5;
    obj.. z =e= 3*n('a') + 2*n('b') + c;
    Model m / all /;
    m.optFile = 1;
    solve m using mip maximizing z;
    display n.l, n.m, cap.m;

    """

    func run(_ options: String) throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-glpkopt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try options.write(to: folder.appendingPathComponent("glpk.opt"), atomically: true, encoding: .utf8)
        try Self.model.write(to: folder.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        var run = runModel(folder.appendingPathComponent("m.gms").path)
        run.diagnostics = run.diagnostics.replacingOccurrences(of: folder.path + "/", with: "")
        return run
    }

    /// A MIP's marginals are NA (GAMS 54); `solvefinal 1` gives those of the LP with the
    /// integers fixed; GLPK's own options are taken.
    @Test func solveFinalAndOptions() throws {
        let plain = try run("* defaults\nmeth 3\nscale 0\nmir_cuts 1\nbr_tech 2\ntol_int 1e-6\n")
        expectClean(plain)
        #expect(close(plain.solves.first?.objective ?? 0, 6.5))
        #expect(SpecialValue.isNA(displayed(plain, "cap", [], "m")))
        #expect(plain.records("n", "m").values.allSatisfy(SpecialValue.isNA))
        let final = try run("solvefinal 1\n")
        expectClean(final)
        // n(a) = 2 fixed, c = 0.5 prices cap at 1; n(a)'s reduced cost 3 - 1 = 2, n(b)'s 2 - 1 = 1
        #expect(close(displayed(final, "cap", [], "m"), 1))
        #expect(close(displayed(final, "n", ["a"], "m"), 2))
        #expect(close(displayed(final, "n", ["b"], "m"), 1))
    }

    @Test func unknownOptionIsALocatedError() throws {
        let run = try run("gomory 1\nsolvefinal 2\n")
        #expect(run.result.diagnostics.map(\.code) == ["E4024", "E4024"])
        #expect(run.diagnostics.contains("error[E4024]: glpk.opt: unknown GLPK option 'gomory'; GLPK's options are adv_basis, br_tech,"))
        #expect(run.diagnostics.contains("error[E4024]: glpk.opt: GLPK option 'solvefinal' cannot be '2'"))
        #expect(run.solves.isEmpty && run.result.exitCode.rawValue == 2)
    }
}
