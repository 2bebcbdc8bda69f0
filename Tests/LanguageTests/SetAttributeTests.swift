import Driver
import Foundation
import Testing

// Set element attributes (`t.val`, `i.pos`, ...), conditional displays (`display$cond`) and
// GAMS's set operations (union `+`, difference `-`, intersection `*`, complement `not`), each
// checked against what GAMS documents.

@Suite struct SetAttributeTests {
    /// One row per element of `y`: every numeric attribute, as one parameter.
    static let attributeTable = """
        Set y / 2020*2024 /;
        Parameter a(y,*);
        a(y,'val') = y.val; a(y,'ord') = y.ord; a(y,'pos') = y.pos; a(y,'off') = y.off;
        a(y,'rev') = y.rev; a(y,'uel') = y.uel; a(y,'len') = y.len;
        a(y,'first') = y.first; a(y,'last') = y.last;
        display a;
        """

    @Test func attributesOfNumericLabels() {
        let run = runSource(Self.attributeTable)
        expectClean(run)
        for (k, year) in ["2020", "2021", "2022", "2023", "2024"].enumerated() {
            #expect(displayed(run, "a", [year, "val"]) == Double(year))
            #expect(displayed(run, "a", [year, "ord"]) == Double(k + 1))
            #expect(displayed(run, "a", [year, "pos"]) == Double(k + 1))
            #expect(displayed(run, "a", [year, "off"]) == Double(k))
            #expect(displayed(run, "a", [year, "rev"]) == Double(4 - k))
            // the labels are the first the program names: unique-element positions 1...5
            #expect(displayed(run, "a", [year, "uel"]) == Double(k + 1))
            #expect(displayed(run, "a", [year, "len"]) == 4)
            #expect(displayed(run, "a", [year, "first"]) == (k == 0 ? 1 : 0))
            #expect(displayed(run, "a", [year, "last"]) == (k == 4 ? 1 : 0))
        }
    }

    @Test func attributesOfNonNumericLabels() {
        let run = runSource("""
            Set c / north, 'new york', s /;
            Parameter a(c,*);
            a(c,'pos') = c.pos; a(c,'len') = c.len; a(c,'rev') = c.rev; a(c,'uel') = c.uel;
            display a;
            """)
        expectClean(run)
        #expect(run.records("a") == [
            ["north", "pos"]: 1, ["north", "len"]: 5, ["north", "rev"]: 2, ["north", "uel"]: 1,
            ["new york", "pos"]: 2, ["new york", "len"]: 8, ["new york", "rev"]: 1, ["new york", "uel"]: 2,
            ["s", "pos"]: 3, ["s", "len"]: 1, ["s", "uel"]: 3,
        ])
    }

    @Test func valReadsDecimalLabels() {
        let run = runSource("""
            Set v / '-1.5', '+4', '007', '1e3', '2.5E-1' /;
            Parameter p(v);
            p(v) = v.val;
            display p;
            """)
        expectClean(run)
        #expect(run.records("p") == [["-1.5"]: -1.5, ["+4"]: 4, ["007"]: 7, ["1e3"]: 1000, ["2.5E-1"]: 0.25])
    }

    /// Positions count in the set named: a subset counts its own members, an alias those of
    /// its set; `.uel` and `.val` belong to the label and do not change.
    @Test func subsetsAndAliasesCountInTheirOwnSet() {
        let run = runSource("""
            Set y / 2020*2024 /, s(y) / 2021, 2023, 2024 /;
            Alias (y, yy);
            Parameter sp(y,*), ap(y);
            sp(s,'pos') = s.pos; sp(s,'ord') = s.ord; sp(s,'rev') = s.rev; sp(s,'uel') = s.uel;
            sp(s,'first') = s.first; sp(s,'last') = s.last;
            ap(yy) = yy.pos * 10 + yy.val - 2020;
            display sp, ap;
            """)
        expectClean(run)
        #expect(run.records("sp") == [
            ["2021", "pos"]: 1, ["2021", "ord"]: 1, ["2021", "rev"]: 2, ["2021", "uel"]: 2, ["2021", "first"]: 1,
            ["2023", "pos"]: 2, ["2023", "ord"]: 2, ["2023", "rev"]: 1, ["2023", "uel"]: 4,
            ["2024", "pos"]: 3, ["2024", "ord"]: 3, ["2024", "uel"]: 5, ["2024", "last"]: 1,
        ])
        #expect(run.records("ap") == [["2020"]: 10, ["2021"]: 21, ["2022"]: 32, ["2023"]: 43, ["2024"]: 54])
    }

    /// A dynamic set's positions follow its membership at the time of evaluation.
    @Test func dynamicSetsInLoopsAndIfs() {
        let run = runSource("""
            Set t / 1*5 /, d(t);
            Parameter r(t), n;
            d(t)$(t.val >= 3) = yes;
            loop(d, r(d) = 10 * d.pos + d.last);
            d('4') = no;
            loop(d$d.last, n = d.val);
            if(sum(t$t.first, t.val) = 1, r('1') = -1);
            display r, n;
            """)
        expectClean(run)
        #expect(run.records("r") == [["1"]: -1, ["3"]: 10, ["4"]: 20, ["5"]: 31])
        #expect(displayed(run, "n") == 5)
    }

    @Test func attributesInConditionsAndSums() {
        let run = runSource("""
            Set y / 2020*2030 /;
            Scalar early, evens, npv;
            early = sum(y$(y.val < 2023), 1);
            evens = sum(y$(mod(y.val, 2) = 0 and not y.first), y.val);
            npv = sum(y, 100 / 1.05**(y.val - 2020))$(card(y) > 1);
            display early, evens, npv;
            """)
        expectClean(run)
        #expect(displayed(run, "early") == 3)
        #expect(displayed(run, "evens") == 2022 + 2024 + 2026 + 2028 + 2030)
        let npv = (0...10).reduce(0.0) { $0 + 100 / Foundation.pow(1.05, Double($1)) }
        #expect(close(displayed(run, "npv"), npv, 1e-12))
    }

    /// An LP whose optimum depends on `.val` in an equation: the demand of the years from
    /// 2022 on is met in the year with the smallest discounted cost, 2024.
    @Test func valInsideEquationsDrivesTheOptimum() {
        let run = runSource("""
            Set y / 2020*2024 /;
            Positive Variable x(y);
            Variable z;
            Equation cost, demand, cap(y);
            cost.. z =e= sum(y, x(y) / 1.05**(y.val - 2020));
            demand.. sum(y$(y.val >= 2022), x(y)) =g= 10;
            cap(y)$(not y.first).. x(y) =l= 2 * y.pos;
            Model m / all /;
            solve m using lp minimizing z;
            display x.l;
            """)
        expectClean(run)
        #expect(run.solves.count == 1)
        #expect(run.solves.first?.modelStatus.rawValue == 1)
        // the cap allows 10 in 2024 (pos 5) and 8 in 2023: all of it in 2024
        let objective = 10 / Foundation.pow(1.05, 4.0)
        #expect(close(run.solves.first?.objective ?? .nan, objective, 1e-9))
        #expect(run.records("x", "l") == [["2024"]: 10])
    }

    @Test func positionsOfASubsetInAnEquationDomain() {
        let run = runSource("""
            Set y / 2020*2024 /, s(y) / 2021, 2022, 2024 /;
            Positive Variable x(y);
            Variable z;
            Equation cost, least(y);
            cost.. z =e= sum(y, x(y));
            least(s).. x(s) =g= s.pos + s.rev / 10;
            Model m / all /;
            solve m using lp minimizing z;
            display x.l;
            """)
        expectClean(run)
        #expect(run.records("x", "l") == [["2021"]: 1.2, ["2022"]: 2.1, ["2024"]: 3])
        #expect(close(run.solves.first?.objective ?? .nan, 6.3))
    }

    @Test func texWritesAttributesAsFunctionsAndSetOperationsAsLogic() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tex-\(UUID().uuidString).gms")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            Set y / 2020*2024 /, a(y) / 2020, 2021 /, b(y) / 2021 /;
            Positive Variable x(y);
            Variable z;
            Equation cost;
            cost.. z =e= sum(y$(a(y) - b(y)), x(y) / 1.05**(y.val - 2020));
            Model m / all /;
            solve m using lp minimizing z;
            """.write(to: file, atomically: true, encoding: .utf8)
        let (text, diagnostics) = Tex.render(path: file.path)
        #expect(diagnostics.isEmpty)
        #expect((text ?? "").contains(
            "z = \\sum_{y \\in \\mathrm{Y} : y \\in \\mathrm{A} \\wedge \\neg \\left(y \\in \\mathrm{B}\\right)} "
                + "\\frac{x_{y}}{{1.05}^{\\operatorname{val}(y) - 2020}}"))
    }

    // MARK: - errors

    @Test func valOfANonNumericLabelIsALocatedExecutionError() {
        let run = runSource("""
            Set y / y2020, 2021 /;
            Parameter disc(y);
            disc(y) = 1 / 1.05**(y.val - 2020);
            """)
        #expect(run.result.exitCode.rawValue == 2)
        #expect(run.diagnostics == """
            error[E4030]: 'y.val' is undefined: the label 'y2020' is not a number while evaluating disc(y2020)
             --> model.gms:3:22
              |
            3 | disc(y) = 1 / 1.05**(y.val - 2020);
              |                      ^^^^^

            """)
    }

    @Test func compileErrorsNameTheAttribute() {
        let run = runSource("""
            Set y / 2020*2022 /, i / a /, link(y,i) / 2020.a /;
            Scalar q;
            q = y.val;
            q = sum(y, y.size);
            q = sum(y, y.tl);
            q = sum(y, y.val(y));
            q = sum(link(y,i), link.pos);
            """)
        #expect(codes(run) == ["E2013", "E2016", "E2052", "E2051", "E2050"])
        let messages = run.result.diagnostics.map(\.message)
        #expect(messages == [
            "uncontrolled set 'y' in 'y.val'",
            "'size' is not an attribute of set 'y'",
            "'y.tl' is the text of an element, for put statements, and cannot be used as a value",
            "a set attribute takes no indices: write 'y.val'",
            "'.pos' needs a one-dimensional set, but 'link' has 2 indices",
        ])
        #expect(run.diagnostics.contains("""
            error[E2052]: 'y.tl' is the text of an element, for put statements, and cannot be used as a value
             --> model.gms:5:14
              |
            5 | q = sum(y, y.tl);
              |              ^^ text, not a number
              = help: enm does not support put statements yet; use 'y.val', 'y.pos' or 'y.len' for numbers
            """))
    }

    // MARK: - display$

    @Test func conditionalDisplayShowsOnlyWhenTheConditionHolds() {
        let run = runSource("""
            Set i / a, b /, e(i);
            Scalar x / 2 /;
            display$(x > 1) 'x is large', x;
            display$(x > 5) 'x is huge', x;
            display$card(e) e;
            e('b') = yes;
            display$card(e) e;
            loop(i, display$sameAs(i, 'b') 'at b');
            """)
        expectClean(run)
        #expect(run.output == """
            ----      3 x is large

            ----      3 PARAMETER x                    =        2.000  

            ----      7 SET e  

            b


            ----      8 at b


            """)
    }

    @Test func displayConditionNeedsControlledIndices() {
        let run = runSource("""
            Set i / a /;
            Parameter p(i) / a 1 /;
            display$p(i) p;
            """)
        #expect(codes(run) == ["E2013"])
    }

    // MARK: - set operations

    /// The documented example of GAMS's set operations, with its documented members.
    static let setOperations = """
        Set item / dish, ink, lipstick, pen, pencil, perfume /
            sub1(item) / pen, pencil /
            sub2(item) / dish, ink, pen /
            u(item), n(item), c(item), d(item), d2(item), dd(item);
        u(item) = sub1(item) + sub2(item);
        n(item) = sub1(item) * sub2(item);
        c(item) = not sub1(item);
        d(item) = sub1(item) - sub2(item);
        d2(item) = sub2(item) - sub1(item);
        dd(item) = (sub1(item) + sub2(item)) - sub1(item) * sub2(item);
        Scalar cu, cd, sd;
        cu = card(u); cd = card(d);
        sd = sum(item$(sub2(item) - sub1(item)), 1);
        display u, n, c, d, d2, dd, cu, cd, sd;
        """

    @Test func unionIntersectionComplementDifference() {
        let run = runSource(Self.setOperations)
        expectClean(run)
        #expect(displayedLabels(run, "u") == [["dish"], ["ink"], ["pen"], ["pencil"]])
        #expect(displayedLabels(run, "n") == [["pen"]])
        #expect(displayedLabels(run, "c") == [["dish"], ["ink"], ["lipstick"], ["perfume"]])
        #expect(displayedLabels(run, "d") == [["pencil"]])
        #expect(displayedLabels(run, "d2") == [["dish"], ["ink"]])
        #expect(displayedLabels(run, "dd") == [["dish"], ["ink"], ["pencil"]])
        #expect(displayed(run, "cu") == 4)
        #expect(displayed(run, "cd") == 1)
        #expect(displayed(run, "sd") == 2)
    }

    @Test func yesNoAndConditionalSetAssignments() {
        let run = runSource("""
            Set i / a, b, c, d /, s(i), t(i), f(i) / a, b /;
            Parameter p(i) / a 1, c 3 /;
            s(i) = yes;
            s(i)$p(i) = no;
            t(i) = yes$p(i);
            t(i) = yes$p(i);
            f(i) = no$p(i);
            Set g(i) / b, d /;
            g(i) = yes$(ord(i) > 2);
            Set h(i);
            h(i) = s(i);
            display s, t, f, g, h;
            """)
        expectClean(run)
        #expect(displayedLabels(run, "s") == [["b"], ["d"]])
        #expect(displayedLabels(run, "t") == [["a"], ["c"]])
        // `no$cond` is no everywhere: the whole set is replaced by nothing
        #expect(displayedLabels(run, "f") == [])
        #expect(displayedLabels(run, "g") == [["c"], ["d"]])
        #expect(displayedLabels(run, "h") == [["b"], ["d"]])
    }

    @Test func multiDimensionalSetDifferenceAndDollar() {
        let run = runSource("""
            Set i / a, b /, j / x, y /, l(i,j) / a.x, a.y, b.x /, m(i,j) / a.y, b.y /, r(i,j);
            r(i,j) = l(i,j) - m(i,j);
            Parameter w(i,j);
            w(i,j) = 1$(m(i,j) - l(i,j));
            display r, w;
            """)
        expectClean(run)
        #expect(displayedLabels(run, "r") == [["a", "x"], ["b", "x"]])
        #expect(run.records("w") == [["b", "y"]: 1])
    }

    /// Outside set assignments a set expression is membership too: 1 or 0, never -1 or 2.
    @Test func setOperationsInNumericContextsAreMemberships() {
        let run = runSource("""
            Set i / a, b, c /, s(i) / a, b /, t(i) / b, c /;
            Parameter p(i), q(i);
            p(i) = s(i) - t(i);
            q(i) = s(i) + t(i);
            display p, q;
            """)
        expectClean(run)
        #expect(run.records("p") == [["a"]: 1])
        #expect(run.records("q") == [["a"]: 1, ["b"]: 1, ["c"]: 1])
    }

    /// Numbers stay numbers: only operands that are both set expressions are set operations.
    @Test func arithmeticOfIndicatorsIsUnchanged() {
        let run = runSource("""
            Set i / a, b /, s(i) / a /;
            Parameter p(i) / a 3, b 1 /, q(i);
            Scalar n;
            n = 1$(card(i) > 1) + 1$(card(s) > 0);
            q(i) = s(i) - p(i);
            display n, q;
            """)
        expectClean(run)
        #expect(displayed(run, "n") == 2)
        #expect(run.records("q") == [["a"]: -2, ["b"]: -1])
    }
}
