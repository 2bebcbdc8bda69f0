import Driver
import Execution
import Foundation
import IR
import Testing

/// The folder of this test target's sources (models, corpus and goldens live here).
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Whether goldens are rewritten instead of compared (`ENM_UPDATE_GOLDEN=1`).
let updateGoldens = ProcessInfo.processInfo.environment["ENM_UPDATE_GOLDEN"] == "1"

/// The result of running a model file, with its output rendered deterministically.
struct Run {
    var result: RunResult
    /// Displays and solve summaries (without times), as `enm solve` prints them.
    var output: String
    /// Diagnostics as caret text, with the test directory removed from paths.
    var diagnostics: String

    /// The solves in order.
    var solves: [SolveReport] {
        result.events.compactMap { if case .solve(let s) = $0 { return s } else { return nil } }
    }

    /// The display records of a symbol (and attribute) as label tuples to values, last display wins.
    func records(_ symbol: String, _ attribute: String? = nil) -> [[String]: Double] {
        var out: [[String]: Double] = [:]
        for case .display(let d) in result.events where d.symbol.lowercased() == symbol.lowercased() && d.attribute == attribute {
            out = [:]
            for r in d.records { out[r.labels] = r.value }
        }
        return out
    }
}

/// Runs a model file given relative to the test folder (or an absolute path).
func runModel(_ path: String, defines: [String: String] = [:], blocks: Bool = true, impliedBounds: Bool = true) -> Run {
    let full = path.hasPrefix("/") ? path : testsDirectory.appendingPathComponent(path).path
    var text = ""
    let printer = TextPrinter(timing: false) { text += $0 }
    let result = Driver.run(path: full, options: RunOptions(defines: defines, blocks: blocks, impliedBounds: impliedBounds), onEvent: { printer.take($0) })
    printer.flush()
    let prefix = testsDirectory.path + "/"
    let diags = Driver.renderDiagnostics(result.diagnostics).replacingOccurrences(of: prefix, with: "")
    return Run(result: result, output: text, diagnostics: diags)
}

/// Runs model source text written to a temporary file.
func runSource(_ source: String, defines: [String: String] = [:], name: String = "model.gms", blocks: Bool = true) -> Run {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent(name)
    try? source.write(to: file, atomically: true, encoding: .utf8)
    var run = runModel(file.path, defines: defines, blocks: blocks)
    run.diagnostics = run.diagnostics.replacingOccurrences(of: dir.path + "/", with: "")
    return run
}

/// Compares `actual` with the golden file at `path` (relative to the test folder), or
/// rewrites the golden when `ENM_UPDATE_GOLDEN=1`.
func expectGolden(_ actual: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = testsDirectory.appendingPathComponent(path)
    if updateGoldens {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(path); run with ENM_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "output differs from \(path)", sourceLocation: sourceLocation)
}

/// Runs `program` (a name looked up on the PATH, or a path) with `args`; its standard output and
/// exit status (standard error is discarded).
func runProgram(_ program: String, _ args: [String]) throws -> (out: String, status: Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [program] + args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), p.terminationStatus)
}
