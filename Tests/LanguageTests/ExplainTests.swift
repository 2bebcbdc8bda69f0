import Driver
import Foundation
import Testing

// `enm explain` and the diagnostic pages in docs/diagnostics/: every code the sources emit has a
// page, the embedded copy (Sources/Driver/generated/DiagnosticPages.swift) matches docs/, and each page's
// example really produces its code while its fix does not.

/// The package root (this file is Tests/LanguageTests/ExplainTests.swift).
private let explainPackageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let explainDocsFolder = explainPackageRoot.appendingPathComponent("docs/diagnostics")

/// Codes whose example cannot be run from a small model file, with the reason. Keep it short.
private let examplesNotRun: [String: String] = [
    // the compiler reports every variable used without an attribute outside an equation as
    // E2018 before the program runs; E4004 is the interpreter's own guard behind that check
    "E4004": "unreachable from a program that compiles (E2018 comes first)",
    // the model-type checks E2038-E2041 run before generation and reject every term the
    // generator would refuse; E4011 is the generator's guard behind them
    "E4011": "unreachable from a program that compiles (the model-type checks come first)",
    // a damaged binary GDX file cannot be given as a text block; Tests/GDXTests covers it
    "E3030": "needs a damaged binary GDX file",
    // a grid job fails when its worker is killed or hangs; GridTests kills and stops workers
    "W4092": "needs a grid job's worker killed while it runs (GridTests)",
]

/// The codes the sources emit: the `DiagnosticCode` cases they name (`.E1001`, `.W4003`).
private func codesInSources() -> Set<String> {
    let sources = explainPackageRoot.appendingPathComponent("Sources")
    let regex = try! NSRegularExpression(pattern: "[.\"]([EW][0-9]{4})\\b")
    var found: Set<String> = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
        // the generated files list every code; only code that emits one counts
        guard url.pathExtension == "swift", !url.path.contains("/generated/"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
        for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            found.insert(String(text[Range(m.range(at: 1), in: text)!]))
        }
    }
    return found
}

/// The codes the sources emit, read once.
private let emittedCodes = codesInSources()

/// The codes that have a page in docs/diagnostics/.
private func codesWithPages() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: explainDocsFolder.path)) ?? []
    return names.filter { $0.range(of: "^[EW][0-9]{4}\\.md$", options: .regularExpression) != nil }
        .map { String($0.dropLast(3)) }.sorted()
}

private func docsPage(_ code: String) -> String? {
    try? String(contentsOf: explainDocsFolder.appendingPathComponent("\(code).md"), encoding: .utf8)
}

/// A fenced block of a page: its info string (`gams`, `text file=ipopt.opt`), its text, and
/// whether it stands under `## Fix`.
private struct PageBlock {
    var info: String
    var text: String
    var inFix: Bool
}

private func blocks(of page: String) -> [PageBlock] {
    var out: [PageBlock] = []
    var inFix = false
    var open: (info: String, lines: [String])? = nil
    for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if var o = open {
            if line == "```" {
                out.append(PageBlock(info: o.info, text: o.lines.joined(separator: "\n") + "\n", inFix: inFix))
                open = nil
            } else {
                o.lines.append(line)
                open = o
            }
        } else if line.hasPrefix("```") {
            open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
        } else if line.hasPrefix("## ") {
            inFix = line == "## Fix"
        }
    }
    return out
}

/// The files of the example (or of the fix): the first `gams` block as `example.gms`, and
/// every `text file=NAME` block as NAME.
private func files(of page: String, fix: Bool) -> [String: String]? {
    let bs = blocks(of: page).filter { $0.inFix == fix }
    guard let main = bs.first(where: { $0.info == "gams" }) else { return nil }
    var out = ["example.gms": main.text]
    for b in bs where b.info.hasPrefix("text file=") {
        out[String(b.info.dropFirst("text file=".count))] = b.text
    }
    return out
}

/// Models a page's example needs to have run first (a GDX file it loads): its ```gams file=NAME
/// blocks, in page order; the fix runs after them too.
private func preruns(of page: String) -> [(name: String, text: String)] {
    blocks(of: page).filter { !$0.inFix && $0.info.hasPrefix("gams file=") }
        .map { (String($0.info.dropFirst("gams file=".count)), $0.text) }
}

/// The command of a page's example (or fix): the first line starting with `enm ` of its first
/// `sh` block, as arguments without `enm`; nil when the page runs its model with `enm solve`.
private func command(of page: String, fix: Bool) -> [String]? {
    guard let block = blocks(of: page).first(where: { $0.inFix == fix && $0.info == "sh" }),
          let line = block.text.split(separator: "\n").first(where: { $0.hasPrefix("enm ") }) else { return nil }
    return line.split(separator: " ").dropFirst().map(String.init)
}

/// What running an example gave: the diagnostics' codes and their first lines
/// (`error[E1001]: unknown symbol 'x'`), with the example's folder written as `.`.
private struct ExampleOutcome {
    var codes: [String]
    var headers: [String]
    var text: String
}

/// Writes `files` (and empty `folders`) into a fresh folder and runs `example.gms` as
/// `enm solve` does, or runs the built `enm` with `arguments` in that folder.
private func runExample(_ files: [String: String]?, folders: [String] = [], arguments: [String]? = nil,
                        after preruns: [(name: String, text: String)] = []) throws -> ExampleOutcome {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-explain-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in preruns {
        let file = dir.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = Driver.run(path: file.path)
        #expect(run.exitCode.rawValue == 0, "the model \(name) an example needs fails:\n\(Driver.renderDiagnostics(run.diagnostics))")
    }
    for (name, text) in files ?? [:] {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    for name in folders {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    let local = { (s: String) in s.replacingOccurrences(of: dir.path + "/", with: "./") }
    if let arguments {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let r = try ExplainCommandTests.runEnm(binary, arguments, in: dir)
        let headers = r.err.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("error[") || $0.hasPrefix("warning[") }.map(local)
        let codes = headers.map { String($0.drop { $0 != "[" }.dropFirst().prefix(5)) }
        return ExampleOutcome(codes: codes, headers: headers, text: r.err)
    }
    let run = Driver.run(path: dir.appendingPathComponent("example.gms").path)
    return ExampleOutcome(codes: run.diagnostics.map(\.code),
                          headers: run.diagnostics.map { local("\($0.severity.rawValue)[\($0.code)]: \($0.message)") },
                          text: Driver.renderDiagnostics(run.diagnostics))
}

@Suite struct DiagnosticPageTests {
    @Test func everyCodeInTheSourcesHasAPage() {
        let emitted = emittedCodes
        #expect(emitted.count > 100, "found only \(emitted.count) codes under \(explainPackageRoot.path)/Sources")
        let pages = Set(codesWithPages())
        for code in emitted.sorted() {
            let hasPage = pages.contains(code)
            #expect(hasPage, "no docs/diagnostics/\(code).md for a code the sources emit")
            #expect(Explain.page(for: code) != nil, "no embedded page for \(code); run scripts/embed-diagnostic-pages.sh")
        }
    }

    @Test func embeddedPagesMatchDocs() {
        let docs = codesWithPages()
        #expect(Explain.codes == docs, "pages in the binary differ from docs/diagnostics; run scripts/embed-diagnostic-pages.sh")
        for code in docs {
            #expect(Explain.page(for: code) == docsPage(code),
                    "embedded page of \(code) is out of date; run scripts/embed-diagnostic-pages.sh")
        }
    }

    @Test func indexListsEveryCodeByPhase() throws {
        let index = try String(contentsOf: explainDocsFolder.appendingPathComponent("README.md"), encoding: .utf8)
        for code in codesWithPages() {
            #expect(index.contains("[\(code)](\(code).md)"), "docs/diagnostics/README.md does not list \(code)")
        }
        for heading in ["(E0xxx)", "(E1xxx)", "(E2xxx)", "(E3xxx)", "(E4xxx)", "(E5xxx)", "(Wxxxx)"] {
            #expect(index.contains(heading), "docs/diagnostics/README.md has no section \(heading)")
        }
    }

    @Test(arguments: codesWithPages())
    func pageHasTitleAndSections(_ code: String) throws {
        let page = try #require(docsPage(code))
        let first = page.prefix { $0 != "\n" }
        #expect(first.hasPrefix("# \(code): ") && first.count > "# \(code): ".count, "first line: \(first)")
        for section in ["## Example", "## Why", "## Fix"] {
            #expect(page.contains("\n\(section)\n"), "\(code).md has no '\(section)'")
        }
    }

    /// The example produces the page's code, with the message the page shows; the fix
    /// produces neither that code nor any error. A page whose example is an `enm` command line
    /// (export, --out, --ledger, a missing file) runs the built binary in the example's folder.
    /// Pages of codes the sources do not emit (yet) are not run.
    @Test(arguments: codesWithPages().filter { examplesNotRun[$0] == nil && $0 != "E4022" && emittedCodes.contains($0) })
    func exampleProducesItsCodeAndFixDoesNot(_ code: String) throws {
        let page = try #require(docsPage(code))
        let arguments = command(of: page, fix: false)
        let example = files(of: page, fix: false)
        #expect(example != nil || arguments != nil, "\(code).md has neither a ```gams example nor an enm command")
        let outcome = try runExample(example, arguments: arguments, after: preruns(of: page))
        #expect(outcome.codes.contains(code), "the example of \(code) gives \(outcome.codes):\n\(outcome.text)")
        if let header = outcome.headers.first(where: { $0.contains("[\(code)]: ") }) {
            #expect(page.contains(header + "\n"), "\(code).md does not show the diagnostic as enm prints it now: \(header)")
        }
        let fix = files(of: page, fix: true), fixArguments = command(of: page, fix: true)
        if fix != nil || fixArguments != nil {
            let fixed = try runExample(fix, arguments: fixArguments, after: preruns(of: page))
            #expect(!fixed.codes.contains(code) && !fixed.headers.contains { $0.hasPrefix("error[") },
                    "the fix of \(code) still gives:\n\(fixed.text)")
        }
    }

    @Test func missingModelFileIsE0001() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enm-no-such-\(UUID().uuidString).gms").path
        #expect(Driver.run(path: path).diagnostics.map(\.code) == ["E0001"])
    }

    /// E4022 needs an option file that exists but cannot be read: the fix's model with a folder
    /// named `ipopt.opt` next to it.
    @Test func unreadableOptionFileIsE4022() throws {
        let page = try #require(docsPage("E4022"))
        var model = try #require(files(of: page, fix: true))
        model["ipopt.opt"] = nil
        let run = try runExample(model, folders: ["ipopt.opt"])
        #expect(run.codes.contains("E4022"), "\(run.text)")
        if let header = run.headers.first(where: { $0.contains("[E4022]: ") }) {
            #expect(page.contains(header + "\n"), "E4022.md does not show the diagnostic as enm prints it now: \(header)")
        }
        let fixFiles: [String: String] = try #require(files(of: page, fix: true))
        let fixed = try runExample(fixFiles)
        #expect(!fixed.headers.contains { $0.hasPrefix("error[") }, "\(fixed.text)")
    }

    @Test func skippedExamplesAreFewAndDocumented() {
        #expect(examplesNotRun.count <= 4)
        for code in examplesNotRun.keys {
            #expect(docsPage(code) != nil, "\(code) is skipped but has no page")
        }
    }
}

@Suite struct ExplainCommandTests {
    @Test func pageOfOneCodeIgnoringCase() {
        let outcome = Explain.run(code: "e1001", list: false)
        #expect(outcome.exitCode == 0)
        #expect(outcome.error.isEmpty)
        #expect(outcome.output == docsPage("E1001"))
        #expect(outcome.output.hasPrefix("# E1001: unknown symbol\n"))
        #expect(Explain.page(for: " w4003 ") == docsPage("W4003"))
    }

    @Test func unknownCodeIsAUsageError() {
        let outcome = Explain.run(code: "E9999", list: false)
        #expect(outcome.exitCode == 64)
        #expect(outcome.output.isEmpty)
        #expect(outcome.error == "no page for 'E9999'; codes are listed by 'enm explain --list'\n")
        #expect(Explain.run(code: nil, list: false).exitCode == 64)
    }

    @Test func listGivesEveryCodeWithItsTitle() {
        let outcome = Explain.run(code: nil, list: true)
        #expect(outcome.exitCode == 0)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.count == codesWithPages().count)
        #expect(lines.contains("E1001  unknown symbol"))
        #expect(lines.map { String($0.prefix(5)) } == codesWithPages())
    }

    /// The built `enm` binary, next to the test bundle or in .build/debug.
    static func enmBinary() -> URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("enm"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("enm"),
            explainPackageRoot.appendingPathComponent(".build/debug/enm"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func runEnm(_ binary: URL, _ args: [String], in folder: URL? = nil) throws -> (out: String, err: String, status: Int32) {
        let p = Process()
        p.executableURL = binary
        if let folder { p.currentDirectoryURL = folder }
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
    }

    @Test func commandLine() throws {
        let binary = try #require(Self.enmBinary(), "no enm binary built next to the tests (swift build --build-tests builds it)")
        let page = try Self.runEnm(binary, ["explain", "e2038"])
        #expect(page.status == 0)
        #expect(page.out == docsPage("E2038"))
        let unknown = try Self.runEnm(binary, ["explain", "E9999"])
        #expect(unknown.status == 64)
        #expect(unknown.out.isEmpty)
        #expect(unknown.err == "no page for 'E9999'; codes are listed by 'enm explain --list'\n")
        let list = try Self.runEnm(binary, ["explain", "--list"])
        #expect(list.status == 0)
        #expect(list.out.split(separator: "\n").count == codesWithPages().count)
        #expect(list.out.hasPrefix("E0001  "))
    }
}
