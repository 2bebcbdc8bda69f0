import DiagnosticMarkers
import Testing

/// Dimensions: every use of a symbol has as many indices as its domain, or as its first use
/// when it was declared without one.
@Suite struct DimensionTests {
    @Test func moreIndicesThanTheDomain() {
        assertDiagnostics(source: """
        Set i / a /;
        Parameter p(i);
        1️⃣p(i,i) = 1;
        """, expected: [ExpectedDiagnostic("1️⃣", "E2020", "'p' has 1 index but is used with 2")])
    }

    /// A later use with another number of indices than the first one is an error.
    @Test func laterUsesMustAgreeWithTheFirst() {
        assertDiagnostics(source: """
        Set i / a, b /;
        Parameter p;
        p(i) = 1;
        1️⃣p(i,i) = 2;
        """, expected: [ExpectedDiagnostic("1️⃣", "E2020", "'p' has 1 index but is used with 2")])
    }

    /// A bare parameter assigned as a scalar stays a scalar.
    @Test func aBareParameterUsedWithoutIndicesIsAScalar() {
        assertDiagnostics(source: """
        Set i / a /;
        Parameter s;
        s = 4;
        1️⃣s(i) = 1;
        """, expected: [ExpectedDiagnostic("1️⃣", "E2020", "'s' has 0 indices but is used with 1")])
    }
}
