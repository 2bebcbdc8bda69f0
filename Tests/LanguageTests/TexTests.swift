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

    /// Every model file of the library renders, with balanced braces, `\left`/`\right` pairs and
    /// math delimiters.
    @Test func everyBundledModelRendersBalanced() throws {
        let fm = FileManager.default
        var files: [String] = []
        for top in ["models", "examples"] {
            let dir = Self.packageRoot.appendingPathComponent(top)
            for folder in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] {
                let f = dir.appendingPathComponent(folder)
                guard let data = fm.contents(atPath: f.appendingPathComponent("expected.json").path),
                      let obj = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let runs = obj["runs"] as? [[String: Any]] else { continue }
                for r in runs { if let file = r["file"] as? String { files.append(f.appendingPathComponent(file).path) } }
            }
        }
        #expect(files.count >= 10)
        for path in Set(files).sorted() {
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

    /// With a TeX engine on the machine, the rendered documents compile.
    @Test func compilesWhenATeXEngineIsPresent() throws {
        let engine = ["/usr/bin/pdflatex", "/usr/bin/lualatex", "/usr/bin/xelatex"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let engine else {
            print("skipped: no TeX engine installed (apt-get install texlive-latex-base)")
            try Test.cancel("no TeX engine installed")
        }
        for model in ["examples/transport/transport.enm", "models/feeder-market/market-distflow.enm",
                      "models/negotiator/negotiator.enm", "models/community-sharing/whole.enm"] {
            let (text, _) = Tex.render(path: Self.packageRoot.appendingPathComponent(model).path)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tex-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            try (text ?? "").write(to: dir.appendingPathComponent("m.tex"), atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: engine)
            p.arguments = ["-interaction=nonstopmode", "-halt-on-error", "m.tex"]
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(model) does not compile with \(engine)")
        }
    }
}
