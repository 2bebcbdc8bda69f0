import Testing

// One chapter of the language guide (/work/shared/design/language.md), one small inline model per
// behaviour; what every test here expects is what GAMS does (see SemanticsSupport.swift).

// MARK: - 7c. Errors GAMS reports too

@Suite struct ErrorTests {
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
