import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

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
