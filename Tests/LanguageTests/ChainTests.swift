import Foundation
import Syntax
import Testing

/// Issue 23 item 1: flat chains of any length and nesting up to the limit, run by the built `enm`
/// on a stack whose hard limit is 8 MB (so that its own raise of the soft limit cannot happen),
/// in every mode.
@Suite("Chains")
struct ChainTests {
    /// Runs the built `enm` with `arguments` under an 8 MB hard stack limit in a fresh folder
    /// holding `files`.
    func enm(_ arguments: [String], files: [String: String]) throws -> (out: String, err: String, status: Int32, folder: URL) {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let limited = ["-c", "ulimit -Hs 8192 && ulimit -s 8192 && exec \"$0\" \"$@\"", binary.path] + arguments
        let r = try ExplainCommandTests.runEnm(URL(fileURLWithPath: "/bin/sh"), limited, in: folder)
        return (r.out, r.err, r.status, folder)
    }

    /// `count` copies of `term` joined by `op`.
    static func chain(_ term: String, _ op: String, _ count: Int) -> String {
        Array(repeating: term, count: count).joined(separator: op)
    }

    /// The value a display line of `name` shows (`----  n PARAMETER a  =  1000000.000`).
    static func displayed(_ name: String, in out: String) -> String? {
        let line = out.split(separator: "\n").first { $0.contains(" \(name) ") && $0.contains("=") }
        return line.map { $0.split(separator: "=").last!.trimmingCharacters(in: .whitespaces) }
    }

    /// Runs `check`, `export` (LP and MPS) and `tex` on `files`, each expected to succeed (the
    /// exports with the sizes `exported`); returns the LaTeX.
    func otherModes(_ files: [String: String], exported: String) throws -> String {
        let check = try enm(["check", "m.gms"], files: files)
        #expect(check.status == 0 && check.out.contains("1 models"), "\(check.err.prefix(500))")
        for format in ["lp", "mps"] {
            let export = try enm(["export", "m.gms", "--format", format, "--output", "m.\(format)"], files: files)
            #expect(export.status == 0, "\(export.err.prefix(500))")
            #expect(export.out.hasPrefix("wrote m.\(format): \(exported)\n"), "\(export.out)")
        }
        let tex = try enm(["tex", "m.gms", "--output", "m.tex"], files: files)
        #expect(tex.status == 0, "\(tex.err.prefix(500))")
        return try String(contentsOf: tex.folder.appendingPathComponent("m.tex"), encoding: .utf8)
    }

    @Test func millionTermAssignment() throws {
        let r = try enm(["solve", "m.gms"], files: ["m.gms": "Scalar a;\na = \(Self.chain("1", "+", 1_000_000));\ndisplay a;\n"])
        #expect(r.status == 0, "\(r.err.prefix(500))")
        #expect(Self.displayed("a", in: r.out) == "1000000.000")
    }

    /// Chains of each level (`-`, `*`, `/`, `and`, `or`, `**`) in data and in an equation:
    /// `z = 100000 v - v - ... - v + 3 v 1 ... 1 + v$(1 and ...) - v$(0 or ... or 1)` is `3 v`.
    static let dataChains = """
        Scalar s, p, q, t, u, w;
        s = 1000000 - \(chain("1", " - ", 100_000));
        p = 3 * \(chain("1", "*", 100_000)) / 2 / 2;
        q = \(chain("1", " and ", 100_000)) and 2;
        t = \(chain("0", " or ", 100_000)) or 1;
        u = \(chain("0", " or ", 100_000));
        w = 2\(String(repeating: "**1", count: 100_000));
        display s, p, q, t, u, w;
        Positive Variable v; Variable z; v.up = 2;
        Equation e;
        e.. z =e= 100000*v - \(chain("v", " - ", 100_000)) + 3*v*\(chain("1", "*", 100_000))
            + v$(\(chain("1", " and ", 100_000))) - v$(\(chain("0", " or ", 100_000)) or 1);
        Model m /all/;
        solve m using lp maximizing z;
        display z.l;
        """

    @Test func chainsOfEveryLevelInEveryMode() throws {
        let files = ["m.gms": Self.dataChains]
        let r = try enm(["solve", "m.gms"], files: files)
        #expect(r.status == 0, "\(r.err.prefix(500))")
        let values = ["s", "p", "q", "t", "u", "w", "z.L"].map { Self.displayed($0, in: r.out) }
        #expect(values == ["900000.000", "0.750", "1.000", "1.000", "0.000", "2.000", "6.000"])
        let text = try otherModes(files, exported: "1 rows, 2 columns, 2 nonzeros")
        #expect(text.components(separatedBy: "- v").count - 1 == 100_000)
        #expect(text.components(separatedBy: " \\wedge 1").count - 1 == 99_999)
    }

    /// A 200,000-term linear sum, a 100,000-factor product with constants around a variable, and
    /// a product and quotient of 40 constants (more than row code nests).
    static let linearModel = """
        Set i /1*200000/;
        Positive Variable x(i), y; Variable z;
        x.up(i) = 1; y.up = 3;
        Equation obj, cap, prodrow;
        obj.. z =e= \((1...200_000).map { "x('\($0)')" }.joined(separator: " + ")) - \(chain("y", " - ", 3)) + 2*y*\(chain("1", "*", 100_000));
        cap.. sum(i, x(i)) =l= 250000;
        prodrow.. y * \(chain("2", "*", 20)) / \(chain("2", "/", 20)) =l= 2;
        Model m /all/;
        solve m using lp maximizing z;
        display z.l, y.l;
        """

    @Test func linearSumOf200000TermsInEveryMode() throws {
        let files = ["m.gms": Self.linearModel]
        let solve = try enm(["solve", "m.gms", "--json"], files: files)
        #expect(solve.status == 0, "\(solve.err.prefix(500))")
        // 200,000 from the x, then y: -3y + 2y = -y, best at 0
        #expect(solve.out.contains("\"objective\":200000"), "\(solve.out.prefix(2000))")
        let text = try otherModes(files, exported: "3 rows, 200002 columns, 400003 nonzeros")
        // every term, broken into lines of the usual width
        #expect(text.components(separatedBy: "x_{\\text{").count - 1 == 200_000)
        #expect(text.contains(" + x_{\\text{199999}} + x_{\\text{200000}}\\\\\n"))
        #expect(text.components(separatedBy: "&\\qquad {}+ x_").count > 10_000)
    }

    /// 100,000 squares of two variables: the optimum is x = 2 (each pair adds 2) and y free.
    static let nonlinearModel = """
        Variable x, y, z;
        x.l = 0; y.l = 0;
        Equation obj;
        obj.. z =e= \(chain("sqr(x - 1) + sqr(x - 3)", " + ", 50_000)) + sqr(y - x) * \(chain("1", "*", 1000));
        Model m /all/;
        solve m using nlp minimizing z;
        display x.l, y.l;
        """

    @Test func nonlinearSumOf100000TermsThroughIpopt() throws {
        let files = ["m.gms": Self.nonlinearModel]
        let solve = try enm(["solve", "m.gms", "--json"], files: files)
        #expect(solve.status == 0, "\(solve.err.prefix(500))")
        #expect(solve.out.contains("\"modelStatus\":2") || solve.out.contains("\"modelStatus\":1"), "\(solve.out.prefix(1000))")
        let objective = solve.out.components(separatedBy: "\"objective\":").dropFirst().first.flatMap { Double($0.prefix { "0123456789.e+-".contains($0) }) }
        #expect(abs((objective ?? 0) - 100_000) < 1e-6, "\(solve.out.prefix(1000))")
        for mode in [["check", "m.gms"], ["tex", "m.gms", "--output", "m.tex"]] {
            let r = try enm(mode, files: files)
            #expect(r.status == 0, "\(mode[0]): \(r.err.prefix(500))")
        }
    }

    /// Nesting up to the limit, of each kind, runs in every mode under the 8 MB stack.
    static func nestedModel() -> String {
        let n = Parser.nestingLimit
        let parens = String(repeating: "(", count: n - 1) + "x + 1" + String(repeating: ")", count: n - 1)
        let minus = String(repeating: "- ", count: n - 1) + "1"
        let sums = (1..<n).map { "sum(i\($0), " }.joined() + "1" + String(repeating: ")", count: n - 1)
        let loops = (1..<(n / 2)).map { "loop(i\($0), if(a >= 0, " }.joined() + "a = a + 1;"
            + String(repeating: "););", count: n / 2 - 1)
        return """
            \((1..<n).map { "Set i\($0) /1/;" }.joined(separator: "\n"))
            Scalar a /0/, b, c;
            b = \(minus);
            c = \(sums);
            \(loops)
            display a, b, c;
            Variable x, z; Equation e;
            e.. z =e= \(parens);
            x.up = 1;
            Model m /all/;
            solve m using lp maximizing z;
            display z.l;
            """
    }

    @Test(arguments: ["check", "solve", "export", "tex"])
    func nestingAtTheLimitInEveryMode(_ mode: String) throws {
        var args = [mode, "m.gms"]
        if mode == "export" { args += ["--format", "mps", "--output", "m.mps"] }
        if mode == "tex" { args += ["--output", "m.tex"] }
        let r = try enm(args, files: ["m.gms": Self.nestedModel()])
        #expect(r.status == 0, "\(r.err.prefix(800))")
        if mode == "solve" {
            #expect(Self.displayed("a", in: r.out) == "1.000")
            #expect(Self.displayed("b", in: r.out) == "-1.000")
            #expect(Self.displayed("c", in: r.out) == "1.000")
            #expect(Self.displayed("z.L", in: r.out) == "2.000")
        }
    }

    /// Chains in tex bracket their operands as the binary rule does, also the first one.
    @Test func texBracketsChainOperandsAsBinaryOperations() throws {
        let model = """
            Variable x, y, z;
            Equation e, f;
            e.. (x + y) * 2 * 3 + (x - y) ** 2 ** 3 =l= 1;
            f.. z =e= x / 2 / (y + 1) * 3;
            Model m /all/;
            solve m using nlp minimizing z;
            """
        let r = try enm(["tex", "m.gms", "--output", "m.tex"], files: ["m.gms": model])
        #expect(r.status == 0, "\(r.err.prefix(500))")
        let text = try String(contentsOf: r.folder.appendingPathComponent("m.tex"), encoding: .utf8)
        #expect(text.contains("\\left(x + y\\right) \\cdot 2 \\cdot 3 + {\\left({\\left(x - y\\right)}^{2}\\right)}^{3} \\le 1\n"))
        #expect(text.contains("z = \\frac{\\frac{x}{2}}{y + 1} \\cdot 3\n"))
    }
}
