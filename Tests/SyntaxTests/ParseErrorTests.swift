import DiagnosticMarkers
import Testing

/// Errors of the lexer and the parser, located at the token they are about.
@Suite struct ParseErrorTests {
    @Test func operatorWithoutItsRightOperand() {
        assertDiagnostics(source: """
        Scalar s;
        s = 2 * 1️⃣;
        """, expected: [ExpectedDiagnostic("1️⃣", "E0031", "expected an expression, found ';'")])
    }

    @Test func stringNotClosedOnItsLine() {
        assertDiagnostics(source: """
        Set i 1️⃣'plants / a /;
        """, expected: [ExpectedDiagnostic("1️⃣", "E0002", "string is not closed on this line")])
    }

    @Test func unbalancedClosingParenthesis() {
        assertDiagnostics(source: """
        Scalar s;
        s = (1 + 2)1️⃣);
        """, expected: [ExpectedDiagnostic("1️⃣", "E0013", "unbalanced ')'")])
    }

    /// An expression cut off by the end of the file is reported where the file ends.
    @Test func expressionRunsIntoTheEndOfTheFile() {
        assertDiagnostics(source: """
        Scalar s;
        s = 3 +1️⃣
        """, expected: [ExpectedDiagnostic("1️⃣", "E0034", "expected an expression, found end of file")])
    }

    @Test func elseWithoutItsIf() {
        assertDiagnostics(source: """
        Scalar x;
        x = 1;
        1️⃣else
        x = 2;
        """, expected: [ExpectedDiagnostic("1️⃣", "E0017", "'else' outside of its statement")])
    }

    @Test func solveWithoutAModelType() {
        assertDiagnostics(source: """
        Variable z;
        Equation e;
        e.. z =e= 1;
        Model m / all /;
        solve m minimizing z1️⃣;
        """, expected: [ExpectedDiagnostic("1️⃣", "E0020", "solve needs 'using <model type>'")])
    }

    /// A syntax error abandons its statement only: the next one is read and checked too.
    @Test func everyStatementIsReadAfterAnError() {
        assertDiagnostics(source: """
        Scalar s;
        s = 2 * 1️⃣;
        s = (1 + 2)2️⃣);
        s = 3;
        """, expected: [
            ExpectedDiagnostic("1️⃣", "E0031", "expected an expression, found ';'"),
            ExpectedDiagnostic("2️⃣", "E0013", "unbalanced ')'"),
        ])
    }

    /// GAMS lets a statement end without ';' when the next line starts with a declaration keyword.
    @Test func semicolonLeftOutBeforeADeclarationKeyword() {
        assertDiagnostics(source: """
        Set i / a, b /
        Parameter p(i);
        """, expected: [])
    }
}
