import DiagnosticMarkers
import Testing

/// Errors of dollar control options, located at the option or the reference they are about.
@Suite struct PreprocessorDiagnosticTests {
    @Test func unknownDollarControlOption() {
        assertDiagnostics(source: """
        $1️⃣onFoo
        Scalar s;
        """, expected: [ExpectedDiagnostic("1️⃣", "E0112", "unknown dollar control option '$onFoo'")])
    }

    @Test func onTextWithoutOffText() {
        assertDiagnostics(source: """
        $1️⃣onText
        this comment never ends
        """, expected: [ExpectedDiagnostic("1️⃣", "E0105", "$onText is not closed by $offText")])
    }

    @Test func compileTimeVariableThatIsNotSet() {
        assertDiagnostics(source: """
        Scalar s / 1️⃣%missing% /;
        """, expected: [ExpectedDiagnostic("1️⃣", "E0103", "compile-time variable 'missing' is not set")])
    }

    /// `$set` and `%name%` substitution: a variable set before its use reads cleanly.
    @Test func variableSetBeforeItsUse() {
        assertDiagnostics(source: """
        $set n 3
        Scalar s / %n% /;
        """, expected: [])
    }
}
