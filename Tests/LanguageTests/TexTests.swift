import Driver
import Foundation
import Testing

/// `enm tex`: the model's template as LaTeX. Golden text for two models (a transport LP and the
/// DistFlow market with lags, conditions and nonlinear terms); every bundled model renders to
/// balanced LaTeX; and when a TeX engine is installed the documents compile.
@Suite struct TexTests {
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: [("examples/transport/transport.enm", "Tex/transport.tex"),
                      ("models/feeder-market/market-distflow.enm", "Tex/market-distflow.tex")])
    func golden(_ model: String, _ golden: String) {
        let (text, diagnostics) = Tex.render(path: Self.packageRoot.appendingPathComponent(model).path)
        #expect(diagnostics.isEmpty)
        expectGolden(text ?? "", golden)
    }

    @Test func transportReadsAsItsMathematics() {
        let (text, _) = Tex.render(path: Self.packageRoot.appendingPathComponent("examples/transport/transport.enm").path)
        let t = text ?? ""
        #expect(t.contains("\\sum_{j \\in \\mathrm{J}} x_{i,j} \\le \\mathrm{a}_{i}\\qquad \\forall i \\in \\mathrm{I}"))
        #expect(t.contains("$x$ & $\\mathrm{I} \\times \\mathrm{J}$ & positive & shipment quantities in cases"))
        #expect(t.contains("solved as \\textsc{lp}, $\\min\\ z$"))
    }

    /// A set-qualified equation domain is quantified over its set; model algebra is listed.
    @Test func setQualifiedDomainsAndModelAlgebra() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tex-\(UUID().uuidString).gms")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        Set n / s, t /;
        Alias (n,m);
        Set arc(n,m) / s.t /;
        Positive Variable f(n,m);
        Variable z;
        Equation lim(n,m), obj;
        lim(arc(n,m)).. f(n,m) =l= 5;
        obj.. z =e= sum(arc(n,m), f(n,m));
        Model base / obj /;
        Model full / base + lim /;
        solve full using lp minimizing z;
        """.write(to: file, atomically: true, encoding: .utf8)
        let t = Tex.render(path: file.path).0 ?? ""
        #expect(t.contains("f_{n,m} \\le 5\\qquad \\forall (n,m) \\in \\mathrm{arc}"))
        #expect(t.contains("z = \\sum_{(n,m) \\in \\mathrm{arc}} f_{n,m}"))
        #expect(t.contains("\\texttt{full}: \\texttt{base}, \\texttt{lim}"))
    }

    /// The library's runs: every model file `expected.json` names, with its `--NAME=VALUE`
    /// arguments (they can change what a model declares).
    static func bundledRuns() throws -> [(path: String, defines: [String: String])] {
        let fm = FileManager.default
        var runs: [(path: String, defines: [String: String])] = []
        for top in ["models", "examples"] {
            let dir = packageRoot.appendingPathComponent(top)
            for folder in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() {
                let f = dir.appendingPathComponent(folder)
                guard let data = fm.contents(atPath: f.appendingPathComponent("expected.json").path),
                      let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let entries = obj["runs"] as? [[String: Any]] else { continue }
                for r in entries {
                    guard let file = r["file"] as? String else { continue }
                    var defines: [String: String] = [:]
                    for a in r["args"] as? [String] ?? [] where a.hasPrefix("--") {
                        let pair = a.dropFirst(2).split(separator: "=", maxSplits: 1).map(String.init)
                        if pair.count == 2 { defines[pair[0]] = pair[1] }
                    }
                    runs.append((f.appendingPathComponent(file).path, defines))
                }
            }
        }
        return runs
    }

    /// Every model file of the library renders, with balanced braces, `\left`/`\right` pairs and
    /// math delimiters.
    @Test func everyBundledModelRendersBalanced() throws {
        let files = Set(try Self.bundledRuns().map(\.path)).sorted()
        #expect(files.count >= 10)
        for path in files {
            let (text, diagnostics) = Tex.render(path: path)
            guard let t = text else {
                Issue.record("\(path): \(Driver.renderDiagnostics(diagnostics))")
                continue
            }
            let unescaped = t.replacingOccurrences(of: "\\{", with: "").replacingOccurrences(of: "\\}", with: "")
            #expect(unescaped.filter { $0 == "{" }.count == unescaped.filter { $0 == "}" }.count, "\(path): braces")
            #expect(t.components(separatedBy: "\\left").count == t.components(separatedBy: "\\right").count, "\(path): \\left/\\right")
            #expect(t.components(separatedBy: "\\begin{").count == t.components(separatedBy: "\\end{").count, "\(path): environments")
        }
    }
}
