import Driver
import Foundation
import Testing

/// `enm tex` documents as printed: compiled with pdflatex (when it is installed), every bundled
/// model's document has no overfull box (nothing runs past the margin or off the page) and
/// loses no content (every declaration's name and text, and every equation's name and text,
/// are in the PDF's text); the characters OT1 fonts print as others come out as written.
@Suite struct TexPrintTests {
    static let pdflatex = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex", "/Library/TeX/texbin/pdflatex"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The compiled document's log and text (nil without pdftotext).
    struct Printed {
        var log: String
        var text: String?
    }

    static func compile(_ tex: String) throws -> Printed {
        guard let pdflatex else {
            print("skipped: pdflatex is not installed (apt-get install texlive-latex-base poppler-utils)")
            try Test.cancel("pdflatex is not installed")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("m.tex")
        try tex.write(to: source, atomically: true, encoding: .utf8)
        let run = try runProgram(pdflatex, ["-interaction=nonstopmode", "-halt-on-error",
                                            "-output-directory=\(dir.path)", source.path])
        let log = (try? String(contentsOf: dir.appendingPathComponent("m.log"), encoding: .isoLatin1)) ?? ""
        #expect(run.status == 0, "pdflatex failed:\n\(log.suffix(2000))")
        let pdf = dir.appendingPathComponent("m.pdf").path
        let text = try pdftotext.map { try runProgram($0, [pdf, "-"]).out }
        if pdftotext == nil { print("content not checked: pdftotext is not installed (apt-get install poppler-utils)") }
        return Printed(log: log, text: text)
    }

    /// Letters and digits only, lower case: what survives of a text whatever the fonts, line
    /// breaks, hyphenation and spacing did to it.
    static func letters(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(Character.init))
    }

    /// The printed form of a cell of the LaTeX: its commands dropped.
    static func printed(_ tex: String) -> String {
        letters(tex.replacingOccurrences(of: #"\\[A-Za-z]+"#, with: "", options: .regularExpression))
    }

    /// What a document must show: each table cell and each equation's name and text.
    static func expectedContent(_ tex: String) -> [String] {
        var items: [String] = []
        for line in tex.split(separator: "\n") {
            if line.hasPrefix("  "), line.hasSuffix("\\\\") {
                items += line.dropLast(2).components(separatedBy: " & ")
            } else if line.hasPrefix("\\textbf{") {
                items += line.components(separatedBy: " --- ")
            }
        }
        return items.map(printed).filter { !$0.isEmpty }
    }

    @Test func everyBundledModelPrintsWholeWithinTheMargins() throws {
        var seen = Set<String>()
        for run in try TexTests.bundledRuns() {
            let (text, diagnostics) = Tex.render(path: run.path, defines: run.defines)
            guard let tex = text else {
                Issue.record("\(run.path): \(Driver.renderDiagnostics(diagnostics))")
                continue
            }
            guard seen.insert(tex).inserted else { continue }
            let name = "\(run.path) \(run.defines.sorted { $0.key < $1.key })"
            let printed = try Self.compile(tex)
            let overfull = printed.log.split(separator: "\n").filter { $0.hasPrefix("Overfull \\") }
            #expect(overfull.isEmpty, "\(name): \(overfull.joined(separator: "; "))")
            guard let pdfText = printed.text else { continue }
            let shown = Self.letters(pdfText.replacingOccurrences(of: "-\n", with: ""))
            let expected = Self.expectedContent(tex)
            #expect(expected.count > 10, "\(name): too little content")
            let missing = expected.filter { !shown.contains($0) }
            #expect(missing.isEmpty, "\(name): not in the PDF: \(missing.prefix(10))")
        }
        #expect(seen.count >= 12)
    }

    /// Texts with the characters OT1 fonts print as others (`<` as "¡", `>` as "¿", `--` as an
    /// en dash) print as written; a table of 150 parameters continues over pages with no row lost.
    @Test func textsPrintAsWrittenAndLongTablesContinue() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tex-\(UUID().uuidString).gms")
        defer { try? FileManager.default.removeItem(at: file) }
        let many = (1...150).map { "p\($0) 'row number \($0) of the long table'" }.joined(separator: "\n")
        try """
        Set t 'hours <= 24, > 0 -- and |t| = 24' / h1*h24 /;
        Parameter
        \(many);
        Scalar s 'cost in $ & % of #1 ~ ^x_y';
        Variable z 'total -- see note';
        Equation e 'z >= sum of p';
        e.. z =g= sum(t, p1) + card(t);
        Model m / e /;
        solve m using lp minimizing z;
        """.write(to: file, atomically: true, encoding: .utf8)
        let (text, _) = Tex.render(path: file.path)
        let tex = try #require(text)
        #expect(tex.contains("z \\ge \\sum_{t \\in \\mathrm{T}} \\mathrm{p1} + \\left|\\mathrm{T}\\right|"))
        let printed = try Self.compile(tex)
        #expect(!printed.log.contains("Overfull"))
        guard let pdfText = printed.text else { return }
        let flat = pdfText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("hours <= 24, > 0 -- and |t| = 24"))
        #expect(flat.contains("cost in $ & % of #1"))
        #expect(flat.contains("total -- see note"))
        #expect(flat.contains("z >= sum of p"))
        for k in 1...150 { #expect(flat.contains("row number \(k) of the long table"), "row \(k)") }
        #expect(pdfText.filter { $0 == "\u{0C}" }.count >= 3, "the table continues over pages")
    }
}
