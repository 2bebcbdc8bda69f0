import DiagnosticMarkers
import Diagnostics
import Semantics
import Syntax
import Testing

/// The diagnostics of compiling `text` as the main file `model.gms`: preprocessed, parsed and
/// checked by the compiler, as `enm check` does before anything runs (the statements of a file
/// with syntax errors are still checked, without cascades from names the abandoned statements
/// declared). Nothing is executed.
func compileDiagnostics(_ text: String) -> [Diagnostic] {
    let bag = DiagnosticBag()
    let lines = Preprocessor(defines: [:], diagnostics: bag).run(file: SourceFile(path: "model.gms", text: text))
    let parser = Parser(lines: lines, diagnostics: bag)
    let statements = parser.parseProgram()
    let compiler = Compiler(diagnostics: bag)
    compiler.unreliableNames = parser.namesInAbandonedStatements
    _ = compiler.compile(statements)
    return bag.items
}

/// Compiles `source` with its markers stripped (see `MarkedSource`: `1️⃣` … `🔟` just before
/// the character a caret points at) and records an issue for every difference from `expected`:
/// code, severity, message and `line:col` at the marker, in source order. An empty `expected`
/// asserts that the program compiles without a diagnostic.
func assertDiagnostics(source: String, expected: [ExpectedDiagnostic],
                       sourceLocation: SourceLocation = #_sourceLocation) {
    MarkedSource.check(source, expected: expected, diagnosticsOf: compileDiagnostics) {
        Issue.record(Comment(rawValue: $0), sourceLocation: sourceLocation)
    }
}
