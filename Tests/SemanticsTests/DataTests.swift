import DiagnosticMarkers
import Testing

/// Data: what the compiler knows about values before anything runs.
@Suite struct DataTests {
    /// GAMS error 141: symbol declared but no values have been assigned.
    @Test func symbolWithoutData() {
        assertDiagnostics(source: """
        Set i / a, b /;
        Parameter p(i);
        Scalar s;
        s = sum(i, 1️⃣p(i));
        display s;
        """, expected: [ExpectedDiagnostic("1️⃣", "E3015", "parameter 'p' is used but has no data")])
    }

    /// A value without a label is still reported as one, dotted or not.
    @Test func aLoneDecimalIsStillAValueWithoutALabel() {
        assertDiagnostics(source: """
        Set i / a, b /;
        Parameter p(i) / 1️⃣1.5, 2.5 /;
        """, expected: [ExpectedDiagnostic("1️⃣", "E3010", "'p' has 1 index; its data needs labels")])
    }
}
