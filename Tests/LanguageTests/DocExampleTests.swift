import Foundation
import Testing

/// One runnable example of a documentation page: a `gams` code block, the files the blocks
/// before it wrote, and what the run must give.
///
/// A page marks its blocks with HTML comments on the line before the fence:
/// `<!-- file: NAME -->` writes the block as file NAME (a path with a folder names a file of the
/// repository, which the block must equal), `<!-- args: --NAME=VALUE ... -->` gives the next
/// model switches, `<!-- expect: CODE -->` says the next model stops with diagnostic CODE, and
/// `<!-- output -->` before a `text` block gives the previous model's output, `<!-- diagnostics -->`
/// its diagnostics as enm renders them (file names relative to the example's folder). Every other
/// `gams` block is a model that must run without errors.
struct DocExample: CustomStringConvertible {
    var page: String
    var line: Int
    var modelName = "model.gms"
    var model = ""
    var files: [String: String] = [:]
    var defines: [String: String] = [:]
    var expectedCode: String? = nil
    var output: String? = nil
    var diagnostics: String? = nil

    var description: String { "\(page):\(line)" }
}

/// A block of a page that must equal a file of the repository.
struct RepositoryCopy {
    var page: String
    var line: Int
    var path: String
    var text: String
}

/// Reads the examples of documentation pages.
enum DocPages {
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let pages = ["README.md", "docs/guide.md"]

    /// The examples and repository copies of every page.
    static func read() throws -> (examples: [DocExample], copies: [RepositoryCopy]) {
        var examples: [DocExample] = [], copies: [RepositoryCopy] = []
        for page in pages {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            let (e, c) = parse(page: page, text: text)
            examples += e
            copies += c
        }
        return (examples, copies)
    }

    /// The value of a marker comment such as `<!-- file: x.csv -->`, nil for other lines.
    private static func marker(_ line: String) -> (key: String, value: String)? {
        guard line.hasPrefix("<!-- "), line.hasSuffix(" -->") else { return nil }
        let body = line.dropFirst(5).dropLast(4)
        guard let colon = body.firstIndex(of: ":") else { return (String(body), "") }
        return (String(body[..<colon]), body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    static func parse(page: String, text: String) -> ([DocExample], [RepositoryCopy]) {
        let lines = text.components(separatedBy: "\n")
        var examples: [DocExample] = [], copies: [RepositoryCopy] = []
        var files: [String: String] = [:]
        var markers: [String: String] = [:]
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if let m = marker(line) { markers[m.key] = m.value; i += 1; continue }
            guard line.hasPrefix("```"), line.count > 3 else { i += 1; continue }
            let language = String(line.dropFirst(3)), start = i + 1
            var body: [String] = []
            i += 1
            while i < lines.count, lines[i] != "```" { body.append(lines[i]); i += 1 }
            i += 1
            let block = body.joined(separator: "\n") + "\n"
            var isModel = language == "gams"
            var modelName = "model.gms"
            if let name = markers["file"] {
                if name.contains("/") { copies.append(RepositoryCopy(page: page, line: start, path: name, text: block)) }
                let base = URL(fileURLWithPath: name).lastPathComponent
                isModel = isModel && (base.hasSuffix(".gms") || base.hasSuffix(".enm"))
                if isModel { modelName = base } else { files[base] = block }
            }
            if isModel {
                var e = DocExample(page: page, line: start, modelName: modelName, model: block, files: files)
                e.expectedCode = markers["expect"]
                e.defines = switches(markers["args"] ?? "")
                examples.append(e)
            } else if markers["output"] != nil, !examples.isEmpty {
                examples[examples.count - 1].output = block
            } else if markers["diagnostics"] != nil, !examples.isEmpty {
                examples[examples.count - 1].diagnostics = block
            }
            markers = [:]
        }
        return (examples, copies)
    }

    /// `--a=1 --b=x` as defines.
    static func switches(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for word in text.split(separator: " ") where word.hasPrefix("--") {
            let parts = word.dropFirst(2).split(separator: "=", maxSplits: 1)
            if parts.count == 2 { out[String(parts[0])] = String(parts[1]) }
        }
        return out
    }

    /// What `enm solve` prints, without what changes from run to run (times, iterations).
    static func withoutTimes(_ text: String) -> String {
        text.components(separatedBy: "\n").filter { !$0.hasPrefix("     time ") }
            .map { $0.replacingOccurrences(of: #", \d+ iterations$"#, with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }
}

@Suite("documentation examples")
struct DocExampleTests {
    static let read = try? DocPages.read()

    @Test("the pages have examples to run")
    func pagesHaveExamples() throws {
        let (examples, copies) = try #require(DocExampleTests.read)
        for page in DocPages.pages {
            #expect(examples.contains { $0.page == page }, "\(page) has no runnable example")
        }
        #expect(copies.contains { $0.path.hasPrefix("examples/") }, "the README shows no example file of the repository")
    }

    @Test("each example runs as the page says", arguments: DocExampleTests.read?.examples ?? [])
    func example(_ e: DocExample) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in e.files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let model = dir.appendingPathComponent(e.modelName)
        try e.model.write(to: model, atomically: true, encoding: .utf8)
        var run = runModel(model.path, defines: e.defines)
        run.diagnostics = run.diagnostics.replacingOccurrences(of: dir.path + "/", with: "")
        if let code = e.expectedCode {
            #expect(run.diagnostics.contains("[\(code)]"), "\(e): expected \(code), got:\n\(run.diagnostics)")
            #expect(run.result.exitCode.rawValue != 0, "\(e): expected the run to fail")
        } else {
            #expect(!run.diagnostics.contains("error["), "\(e): \(run.diagnostics)")
            #expect(run.result.exitCode.rawValue == 0, "\(e): exit code \(run.result.exitCode.rawValue)")
        }
        if let output = e.output {
            // a fence cannot end in blank lines that show; the last display's are left out
            let printed = run.output.trimmingCharacters(in: .newlines)
            #expect(DocPages.withoutTimes(output).trimmingCharacters(in: .newlines) == printed, "\(e): the run printed\n\(run.output)")
        }
        if let diagnostics = e.diagnostics {
            #expect(diagnostics.trimmingCharacters(in: .newlines) == run.diagnostics.trimmingCharacters(in: .newlines),
                    "\(e): the run reported\n\(run.diagnostics)")
        }
    }

    @Test("blocks that show a repository file are that file")
    func repositoryCopies() throws {
        let (_, copies) = try #require(DocExampleTests.read)
        for c in copies {
            let file = try String(contentsOf: DocPages.root.appendingPathComponent(c.path), encoding: .utf8)
            #expect(file == c.text, "\(c.page):\(c.line) differs from \(c.path)")
        }
    }
}
