import DiagnosticMarkers
import Testing

/// Names: every symbol and function a statement uses must be declared or built in.
@Suite struct NameResolutionTests {
    @Test func unknownSymbol() {
        assertDiagnostics(source: """
        Set i / a /;
        Scalar s;
        s = sum(i, 1️⃣q(i));
        """, expected: [ExpectedDiagnostic("1️⃣", "E1001", "unknown symbol 'q'")])
    }

    @Test func unknownFunction() {
        assertDiagnostics(source: """
        Scalar s;
        s = 1️⃣foo(2);
        """, expected: [ExpectedDiagnostic("1️⃣", "E1004", "unknown function 'foo'")])
    }

    /// Columns count characters: the two-byte `ö` and `ß` before the name are one column each.
    @Test func columnsCountCharactersNotBytes() {
        assertDiagnostics(source: """
        Set i 'Größe' / a /; Scalar t; t = 1️⃣r;
        """, expected: [ExpectedDiagnostic("1️⃣", "E1001", "unknown symbol 'r'")])
    }

    /// One error per unknown name, each at its own use.
    @Test func everyUnknownNameIsReported() {
        assertDiagnostics(source: """
        Set i / a, b /;
        Parameter p(i) / a 1 /;
        display p, 1️⃣q;
        Scalar s;
        s = 2️⃣r + 1;
        """, expected: [
            ExpectedDiagnostic("1️⃣", "E1001", "unknown symbol 'q'"),
            ExpectedDiagnostic("2️⃣", "E1001", "unknown symbol 'r'"),
        ])
    }

    @Test func reservedWordsStayReserved() {
        assertDiagnostics(source: """
        Scalar 1️⃣card / 1 /;
        """, expected: [ExpectedDiagnostic("1️⃣", "E1003", "'card' is a reserved word and cannot name a symbol")])
    }

    @Test func anAcronymNameIsTaken() {
        assertDiagnostics(source: """
        Acronym on;
        Set 1️⃣on / a /;
        """, expected: [ExpectedDiagnostic("1️⃣", "E1002", "'on' is already declared")])
    }

    /// The transport model's declarations and equations compile without a diagnostic.
    @Test func aWholeModelCompilesCleanly() {
        assertDiagnostics(source: """
        Sets i / seattle, san-diego /, j / new-york, chicago /;
        Parameters a(i) / seattle 350, san-diego 600 /, b(j) / new-york 325, chicago 300 /;
        Table d(i,j)
                     new-york  chicago
          seattle       2.5      1.7
          san-diego     2.5      1.8 ;
        Positive Variable x(i,j); Variable z;
        Equations cost, supply(i), demand(j);
        cost..      z =e= sum((i,j), 90*d(i,j)/1000*x(i,j));
        supply(i).. sum(j, x(i,j)) =l= a(i);
        demand(j).. sum(i, x(i,j)) =g= b(j);
        Model transport / all /;
        solve transport using lp minimizing z;
        display x.l;
        """, expected: [])
    }
}
