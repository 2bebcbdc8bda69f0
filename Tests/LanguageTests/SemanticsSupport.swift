import Foundation
import Testing

// Semantics of the `.enm`/GAMS language, one small inline model per behaviour, in one file per
// chapter of the language guide (DeclarationTests.swift ... ErrorTests.swift); their helpers are here.
//
// Every expectation in those files is what GAMS does (see /work/shared/design/language.md and the public
// GAMS documentation). A failing test here means enm differs from GAMS; tests are never weakened
// to match the implementation.

// MARK: - Helpers

/// The displayed value of `symbol` (or its attribute) at `labels`; 0 when GAMS leaves the record
/// out (zeros are never displayed).
func displayed(_ run: Run, _ symbol: String, _ labels: [String] = [], _ attribute: String? = nil) -> Double {
    run.records(symbol, attribute)[labels] ?? 0
}

/// The label tuples of a displayed set (or any symbol), sorted.
func displayedLabels(_ run: Run, _ symbol: String, _ attribute: String? = nil) -> [[String]] {
    run.records(symbol, attribute).keys.sorted { $0.joined(separator: ".") < $1.joined(separator: ".") }
}

/// Whether `a` and `b` agree within `tol` (absolute, or relative for large numbers).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-6) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// Records an issue unless the run finished without diagnostics and with exit code 0.
func expectClean(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.result.exitCode.rawValue == 0, "exit code \(run.result.exitCode.rawValue)\n\(run.diagnostics)",
            sourceLocation: sourceLocation)
    #expect(!run.result.diagnostics.contains { $0.severity == .error }, "\(run.diagnostics)", sourceLocation: sourceLocation)
}

/// Runs source text on another thread; nil when it has not finished after `seconds`
/// (the runaway thread is left behind, so a hang fails one test instead of the whole run).
func runSourceWithTimeout(_ source: String, seconds: Double) -> Run? {
    final class Box: @unchecked Sendable { var run: Run? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        box.run = runSource(source)
        done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success ? box.run : nil
}

/// The diagnostic codes of a run.
func codes(_ run: Run) -> [String] { run.result.diagnostics.map(\.code) }

/// Writes files into a fresh temporary folder and runs `main` from it.
func runFiles(_ files: [String: String], main: String, defines: [String: String] = [:]) -> Run {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-files-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
        try? text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    var run = runModel(dir.appendingPathComponent(main).path, defines: defines)
    run.diagnostics = run.diagnostics.replacingOccurrences(of: dir.path + "/", with: "")
    return run
}
