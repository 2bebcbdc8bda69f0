import DiagnosticMarkers
import Testing

/// Domains: labels must be members of the sets a symbol is declared over, and an index must run
/// over the declared set or a subset of it.
@Suite struct DomainTests {
    /// GAMS error 170: domain violation for element.
    @Test func domainViolationInData() {
        assertDiagnostics(source: """
        Set i / a, b /;
        Parameter p(i) / a 1, 1️⃣c 2 /;
        display p;
        """, expected: [ExpectedDiagnostic("1️⃣", "E3012", "domain violation: 'c' is not in set 'i'")])
    }

    /// GAMS error 116: label is unknown.
    @Test func unknownLabelInAssignment() {
        assertDiagnostics(source: """
        Set i / a, b /;
        Parameter p(i) / a 1 /;
        Scalar s;
        s = p(1️⃣"zz");
        """, expected: [ExpectedDiagnostic("1️⃣", "E3014", "domain violation: 'zz' is not in set 'i'")])
    }

    /// GAMS error 172: element is redefined (labels are case-insensitive).
    @Test func labelRedefinedIgnoringCase() {
        assertDiagnostics(source: """
        Set i / a, b, 1️⃣A /;
        """, expected: [ExpectedDiagnostic("1️⃣", "E3016", "element 'a' is redefined in set 'i'")])
    }

    @Test func aDomainMustBeASet() {
        assertDiagnostics(source: """
        Set i / a /;
        Scalar s;
        Parameter p(1️⃣s);
        """, expected: [ExpectedDiagnostic("1️⃣", "E2002", "'s' is a parameter, not a set, and cannot be a domain")])
    }

    /// An index over another set is refused in assignments and in equation domains alike.
    @Test func anIndexOverAnotherSet() {
        assertDiagnostics(source: """
        Set i / a, b /, j / x, y /;
        Parameter p(i), q(j);
        p(1️⃣j) = 1;
        q(2️⃣i) = 2;
        Variable v(i);
        Equation e(i);
        e(3️⃣j).. v(j) =e= 1;
        """, expected: [
            ExpectedDiagnostic("1️⃣", "E2023", "domain violation: set 'j' is not 'i' or a subset of it"),
            ExpectedDiagnostic("2️⃣", "E2023", "domain violation: set 'i' is not 'j' or a subset of it"),
            ExpectedDiagnostic("3️⃣", "E2023", "domain violation: set 'j' is not 'i' or a subset of it"),
        ])
    }
}
