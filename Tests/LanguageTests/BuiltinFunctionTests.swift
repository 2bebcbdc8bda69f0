import Driver
import Foundation
import IR
import Testing

/// The built-in function table as programs see it: every callable row is a function a program
/// can call with its argument count and gets the row's value from; `$eval` reads the same rows;
/// `enm tex` writes each LaTeX form of the table.
@Suite struct BuiltinFunctionTests {
    /// Arguments inside every function's domain (a positive first argument, an integer second).
    static let arguments: [Double] = [1.3, 2, 3]

    static var deterministicRows: [FunctionDescriptor] {
        BuiltinFunction.table.filter { $0.isCallable && !$0.drawsRandomNumbers }
    }

    @Test func everyCallableRowIsAFunctionOfThePrograms() throws {
        let rows = Self.deterministicRows
        let calls = rows.map { row in
            "v_\(row.name) = \(row.name)(\(Self.arguments.prefix(row.arity.lowerBound).map { "\($0)" }.joined(separator: ", ")));"
        }
        let run = runSource("""
        Scalars \(rows.map { "v_\($0.name)" }.joined(separator: ", "));
        \(calls.joined(separator: "\n"))
        display \(rows.map { "v_\($0.name)" }.joined(separator: ", "));
        """)
        #expect(run.diagnostics.isEmpty)
        for row in rows {
            let expected = try row.evaluate(Array(Self.arguments.prefix(row.arity.lowerBound))) { _ in .nan }.get()
            let shown = run.records("v_\(row.name)")[[]] ?? 0
            #expect(abs(shown - expected) <= 1e-12 * max(1, abs(expected)), "\(row.name): \(shown), expected \(expected)")
        }
    }

    /// `$eval` knows every deterministic function of the table, with its domain check.
    @Test func evalReadsTheFunctionTable() {
        let run = runSource("""
        $eval s sin(0) + exp10(2) + log2(8) + errorf(0) + sigmoid(0) + ifThen(1, 2, 3) + rPower(4, 0.5)
        Scalar s / %s% /;
        display s;
        """)
        #expect(run.diagnostics.isEmpty)
        #expect(run.records("s")[[]] == 0 + 100 + 3 + 0.5 + 0.5 + 2 + 2)

        let outside = runSource("$eval r sqrt(-4)\nScalar r / %r% /;\n")
        #expect(outside.diagnostics.contains("error[E0116]: cannot evaluate 'sqrt(-4)': sqrt of a negative number (-4.0)"))
        let draw = runSource("$eval r uniform(0, 1)\nScalar r / %r% /;\n")
        #expect(draw.diagnostics.contains("unknown function 'uniform' in $eval"))
        let count = runSource("$eval r max(3)\nScalar r / %r% /;\n")
        #expect(count.diagnostics.contains("max takes 2 to 20 arguments, not 1"))
    }

    /// Each LaTeX form of the table, in one equation.
    @Test func texWritesEveryFormOfTheTable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tex-\(UUID().uuidString).gms")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        Variable x, y, z;
        Equation e;
        e.. z =e= sqr(x + 1) + sqrt(y) + abs(x) + exp(y) + log(y) + log2(y) + power(y, 3) + max(x, y, 1) + sin(y);
        Model m / e /;
        """.write(to: file, atomically: true, encoding: .utf8)
        let t = Tex.render(path: file.path).0 ?? ""
        #expect(t.contains("z = {\\left(x + 1\\right)}^{2} + \\sqrt{y} + \\left|x\\right| + e^{y} + \\ln\\left(y\\right)"
            + " + \\operatorname{log2}\\left(y\\right) + {y}^{3} + \\max\\left(x, y, 1\\right) + \\sin\\left(y\\right)"))
    }
}
