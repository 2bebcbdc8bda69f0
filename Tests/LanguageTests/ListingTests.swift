import Driver
import Foundation
import Testing

/// Equation and column listings: GAMS's layout, limRow/limCol, INFES marks at the starting
/// point, nonlinear terms as derivatives in parentheses, and the `--listing` switch.
@Suite struct ListingTests {
    static let source = """
        Set i 'plants' / a, b /
            j 'markets' / m1*m3 /;
        Parameter cap(i) 'capacity' / a 10, b 5 /
                  dem(j) 'demand' / m1 4, m2 6, m3 3 /;
        Positive Variable x(i,j) 'shipments';
        Variable z 'cost';
        x.l('a','m1') = 4;
        Equations cost 'total cost', supply(i) 'capacity limit', demand(j) 'meet demand';
        cost..      z =e= sum((i,j), (ord(i) + ord(j)/4)*x(i,j));
        supply(i).. sum(j, x(i,j)) =l= cap(i);
        demand(j).. sum(i, x(i,j)) =g= dem(j);
        Model ship / all /;
        option limRow = 2, limCol = 1;
        Solve ship using lp minimizing z;
        """

    /// `option limRow = 2, limCol = 1;` asks for the listings; the starting level x(a,m1) = 4
    /// shows in the LHS values, and rows violated there are marked.
    @Test func linearListingAsGAMSWritesIt() {
        let run = runSource(ListingTests.source)
        let listing = run.output.components(separatedBy: "---- SOLVE ship")[0]
        #expect(listing.trimmingCharacters(in: .newlines) == """
        Equation Listing    SOLVE ship Using LP From line 14


        ---- cost  =E=  total cost

        cost..  - 1.25*x(a,m1) - 1.5*x(a,m2) - 1.75*x(a,m3) - 2.25*x(b,m1) - 2.5*x(b,m2) - 2.75*x(b,m3) + z
              =E= 0 ; (LHS = -5, INFES = 5 ****)


        ---- supply  =L=  capacity limit

        supply(a)..  x(a,m1) + x(a,m2) + x(a,m3) =L= 10 ; (LHS = 4)

        supply(b)..  x(b,m1) + x(b,m2) + x(b,m3) =L= 5 ; (LHS = 0)


        ---- demand  =G=  meet demand

        demand(m1)..  x(a,m1) + x(b,m1) =G= 4 ; (LHS = 4)

        demand(m2)..  x(a,m2) + x(b,m2) =G= 6 ; (LHS = 0, INFES = 6 ****)

        REMAINING 1 ENTRIES SKIPPED

        Column Listing      SOLVE ship Using LP From line 14


        ---- x  shipments

        x(a,m1)
                        (.LO, .L, .UP, .M = 0, 4, +INF, 0)
               -1.25    cost
                1       supply(a)
                1       demand(m1)

        REMAINING 5 ENTRIES SKIPPED

        ---- z  cost

        z
                        (.LO, .L, .UP, .M = -INF, 0, +INF, 0)
                1       cost
        """)
    }

    /// Without the option or the switch there is no listing; `--listing` (Driver `listing:`)
    /// prints it with the default of three entries.
    @Test func listingOnlyWhenAsked() {
        let quiet = runSource(ListingTests.source.replacingOccurrences(of: "option limRow = 2, limCol = 1;", with: ""))
        #expect(!quiet.output.contains("Equation Listing"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-listing-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try? ListingTests.source.replacingOccurrences(of: "option limRow = 2, limCol = 1;", with: "")
            .write(to: file, atomically: true, encoding: .utf8)
        let result = Driver.run(path: file.path, options: RunOptions(listing: true))
        guard case .solve(let s)? = result.events.first, let l = s.listing else {
            Issue.record("no listing")
            return
        }
        #expect(l.contains("demand(m3)..  x(a,m3) + x(b,m3) =G= 3 ; (LHS = 0, INFES = 3 ****)"))
        #expect(l.contains("REMAINING 3 ENTRIES SKIPPED"))
        #expect(!l.contains("REMAINING 1 ENTRIES SKIPPED"))
    }

    /// Nonlinear terms show their derivative at the start in parentheses; linear ones plain.
    @Test func nonlinearTermsInParentheses() {
        let run = runSource("""
        Variable x, y, obj;
        x.l = 2; y.l = 3;
        Equations f, c;
        f.. obj =e= sqr(x) + 4*y;
        c.. x*y =g= 8;
        Model m / all /;
        option limRow = 5, limCol = 0;
        Solve m using nlp minimizing obj;
        """)
        #expect(run.output.contains("f..  - (4)*x - 4*y + obj =E= 0 ; (LHS = -16, INFES = 16 ****)"))
        #expect(run.output.contains("c..  (3)*x + (2)*y =G= 8 ; (LHS = 6, INFES = 2 ****)"))
        #expect(!run.output.contains("Column Listing"))
    }
}
