import DiagnosticMarkers
import Diagnostics
import Syntax
import Testing

/// The diagnostics of preprocessing and parsing `text` as the main file `model.gms` (no
/// compilation, no execution).
func parseDiagnostics(_ text: String) -> [Diagnostic] {
    let bag = DiagnosticBag()
    let lines = Preprocessor(defines: [:], diagnostics: bag).run(file: SourceFile(path: "model.gms", text: text))
    _ = Parser(lines: lines, diagnostics: bag).parseProgram()
    return bag.items
}

/// Preprocesses and parses `source` with its markers stripped (see `MarkedSource`: `1️⃣` …
/// `🔟` just before the character a caret points at) and records an issue for every difference
/// from `expected`: code, severity, message and `line:col` at the marker, in source order. An
/// empty `expected` asserts that the text reads without a diagnostic.
func assertDiagnostics(source: String, expected: [ExpectedDiagnostic],
                       sourceLocation: SourceLocation = #_sourceLocation) {
    MarkedSource.check(source, expected: expected, diagnosticsOf: parseDiagnostics) {
        Issue.record(Comment(rawValue: $0), sourceLocation: sourceLocation)
    }
}
