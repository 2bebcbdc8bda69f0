import Driver
import Foundation
import Testing

/// `enm check` beyond errors: unused and write-only symbols, equations without variables,
/// badly scaled coefficients of the first solve's model, and its statistics.
@Suite struct CheckLintTests {
    func check(_ source: String) throws -> RunResult {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try source.write(to: file, atomically: true, encoding: .utf8)
        return Driver.run(path: file.path, options: RunOptions(mode: .check))
    }

    @Test func lintsAndStatistics() throws {
        let r = try check("""
        Set i / a, b /, unusedset / u1 /;
        Parameter p(i) / a 1, b 2 /, q(i), r(i);
        q(i) = 2*p(i);
        r(i) = 1;
        Positive Variable x(i);
        Variable z;
        Equation cost, cap, silly;
        cost.. z =e= sum(i, p(i)*x(i) + 1e12*x(i)$sameas(i,'b'));
        cap..  sum(i, x(i)) =g= sum(i, q(i));
        silly.. sum(i, p(i)) =g= 1;
        Model m / cost, cap /, other / all /;
        Solve m using lp minimizing z;
        """)
        #expect(r.exitCode.rawValue == 0)
        #expect(r.diagnostics.map { "\($0.code) \($0.message)" } == [
            "W2101 set 'unusedset' is declared but never used",
            "W2102 parameter 'r' is assigned but never used",
            "W2101 model 'other' is declared but never solved",
            "W2103 equation 'silly' has no variables",
            "W4101 coefficient -1e+12 of x(b) in cost is above 1e9 in magnitude",
        ])
        let s = try #require(r.statistics)
        #expect(s.text == "first solve: model m (lp): 2 rows, 3 columns, 5 nonzeros; |coefficients| 1 to 1e+12; |right-hand sides| 6 to 6")
        #expect(Driver.json(r).contains("\"statistics\":{\"model\":\"m\",\"type\":\"lp\",\"rows\":2,\"columns\":3,\"nonzeros\":5"))
    }

    /// A variable read on the right of its own assignment, a set used only as a domain, an
    /// objective variable: all count as used. Checking does not solve.
    @Test func usesThatCount() throws {
        let r = try check("""
        Set t / t1*t3 /;
        Parameter acc(t);
        acc(t) = 1;
        acc(t)$(ord(t) > 1) = acc(t-1) + 1;
        Positive Variable x(t);
        Variable z;
        Equation cost;
        cost.. z =e= sum(t, acc(t)*x(t));
        Model m / all /;
        Solve m using lp minimizing z;
        """)
        #expect(r.diagnostics.isEmpty)
        #expect(r.events.isEmpty)
        #expect(r.statistics?.rows == 1)
    }
}
