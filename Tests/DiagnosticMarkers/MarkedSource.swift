import Diagnostics

/// Source text with position markers, as the syntax and semantics tests write it.
///
/// A marker is one of the keycap emoji `1️⃣` … `9️⃣`, `🔟` (swift-syntax's style), written
/// just before the character a diagnostic's caret should point at:
///
///     Set i / a, b /;
///     Parameter p(i) / a 1, 1️⃣c 2 /;
///
/// The markers are removed before the text is compiled; each one stands for the 1-based line
/// and character column (extended grapheme clusters, as `file:line:col` counts them) of the
/// character after it in the stripped text. GAMS source never needs these characters, so a
/// marker cannot be confused with the model's own text.
public struct MarkedSource {
    /// The keycap markers in order: `1️⃣` is marker 1, `🔟` marker 10.
    public static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

    /// The text with every marker removed.
    public let text: String
    /// Where each marker stood in `text`.
    public let positions: [Character: Position]

    /// A 1-based line and character column.
    public struct Position: Equatable, CustomStringConvertible {
        public let line: Int
        public let column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public var description: String { "\(line):\(column)" }
    }

    /// Strips the markers of `marked`; a marker written twice keeps its first position.
    public init(_ marked: String) {
        var text = ""
        var positions: [Character: Position] = [:]
        var line = 1, column = 1
        for ch in marked {
            if MarkedSource.markers.contains(ch) {
                if positions[ch] == nil { positions[ch] = Position(line: line, column: column) }
                continue
            }
            text.append(ch)
            if ch == "\n" || ch == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = text
        self.positions = positions
    }
}

/// A diagnostic a test expects: its severity, code and message, and the marker its caret is at.
public struct ExpectedDiagnostic: CustomStringConvertible {
    public let marker: Character
    public let severity: Severity
    public let code: String
    public let message: String

    /// An expected diagnostic at `marker` (`"1️⃣"`); errors unless `severity` says otherwise.
    public init(_ marker: Character, _ code: String, _ message: String, severity: Severity = .error) {
        self.marker = marker
        self.code = code
        self.message = message
        self.severity = severity
    }

    public var description: String { "\(severity.rawValue)[\(code)] at \(marker): \(message)" }
}

extension MarkedSource {
    /// What differs between the diagnostics a compilation of `text` produced and `expected`, one
    /// sentence per difference; empty when they agree. Both lists are put in source order (a
    /// stable sort, so diagnostics at one place keep their order) and compared pairwise: code,
    /// severity, message and `line:col` (the column in characters, as `file:line:col` prints it).
    public func mismatches(_ actual: [Diagnostic], expected: [ExpectedDiagnostic]) -> [String] {
        var problems: [String] = []
        let actual = actual.enumerated().sorted {
            ($0.element.span.line, $0.element.span.column, $0.offset) < ($1.element.span.line, $1.element.span.column, $1.offset)
        }.map(\.element)
        let expected = expected.enumerated().sorted {
            let (a, b) = (positions[$0.element.marker], positions[$1.element.marker])
            return (a?.line ?? 0, a?.column ?? 0, $0.offset) < (b?.line ?? 0, b?.column ?? 0, $1.offset)
        }.map(\.element)
        for (k, want) in expected.enumerated() {
            guard let at = positions[want.marker] else {
                problems.append("marker \(want.marker) of expected diagnostic \(k + 1) is not in the source")
                continue
            }
            guard k < actual.count else {
                problems.append("missing diagnostic \(k + 1): \(want) (\(at))")
                continue
            }
            let got = actual[k]
            let gotAt = Position(line: got.span.line, column: got.span.characterColumn)
            if got.code != want.code || got.severity != want.severity || got.message != want.message || gotAt != at {
                problems.append("diagnostic \(k + 1): expected \(want) (\(at)), got \(got.severity.rawValue)[\(got.code)] at \(gotAt): \(got.message)")
            }
        }
        for got in actual.dropFirst(expected.count) {
            problems.append("unexpected diagnostic: \(got.severity.rawValue)[\(got.code)] at \(got.span.line):\(got.span.characterColumn): \(got.message)")
        }
        return problems
    }
}

extension MarkedSource {
    /// Strips the markers of `source`, gets the diagnostics of the stripped text from
    /// `diagnosticsOf` (the stage under test) and passes every difference from `expected` to
    /// `record` (a test target's `Issue.record`).
    public static func check(_ source: String, expected: [ExpectedDiagnostic],
                             diagnosticsOf: (String) -> [Diagnostic], record: (String) -> Void) {
        let marked = MarkedSource(source)
        marked.mismatches(diagnosticsOf(marked.text), expected: expected).forEach(record)
    }
}
