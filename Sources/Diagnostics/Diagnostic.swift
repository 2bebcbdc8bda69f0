/// How serious a diagnostic is.
public enum Severity: String, Sendable {
    case error, warning, note
}

/// A message about the user's input: a code, a location, and optional notes and help.
public struct Diagnostic: Sendable {
    public var severity: Severity
    /// `E0xxx` syntax, `E1xxx` names, `E2xxx` domains, `E3xxx` data, `E4xxx` execution,
    /// `E5xxx` solver and export, `E6xxx` output files, `Wxxxx` warnings: a `DiagnosticCode`'s
    /// spelling, as `--json` and `enm explain` write it.
    public var code: String
    public var message: String
    public var span: SourceSpan
    /// Text under the caret.
    public var label: String
    /// `= note:` lines.
    public var notes: [String]
    /// `= help:` lines.
    public var help: [String]

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at span: SourceSpan,
                label: String = "", notes: [String] = [], help: [String] = []) {
        self.severity = severity
        self.code = code.rawValue
        self.message = message
        self.span = span
        self.label = label
        self.notes = notes
        self.help = help
    }

    /// Renders the diagnostic in the house style: header, `-->` location, excerpt with carets,
    /// notes and help.
    public func rendered(color: Bool = false) -> String {
        let red = color ? "\u{1B}[1;31m" : "", yellow = color ? "\u{1B}[1;33m" : ""
        let bold = color ? "\u{1B}[1m" : "", blue = color ? "\u{1B}[1;34m" : "", reset = color ? "\u{1B}[0m" : ""
        let sevColor = severity == .error ? red : (severity == .warning ? yellow : blue)
        var out = "\(sevColor)\(severity.rawValue)[\(code)]\(reset)\(bold): \(Excerpt.clipped(message))\(reset)\n"
        if let file = span.file, span.line > 0 {
            let num = String(span.line)
            let pad = String(repeating: " ", count: num.count)
            let place = file.placement(line: span.line, byteColumn: span.column, byteLength: span.length)
            out += "\(pad)\(blue)-->\(reset) \(file.path):\(span.line):\(place.column)\n"
            out += "\(pad) \(blue)|\(reset)\n"
            let excerpt = Excerpt(file, line: span.line, byteColumn: span.column, byteLength: span.length)
            out += "\(blue)\(num) |\(reset) \(excerpt.text)\n"
            let carets = String(repeating: " ", count: excerpt.cellsBefore) + String(repeating: "^", count: excerpt.cells)
            out += "\(pad) \(blue)|\(reset) \(sevColor)\(carets)\(label.isEmpty ? "" : " " + Excerpt.clipped(label))\(reset)\n"
        } else if span.line == 0, span.file == nil {
            out += " --> <command line>\n"
        }
        let gutter = span.file != nil && span.line > 0 ? String(repeating: " ", count: String(span.line).count) : ""
        for n in notes { out += "\(gutter) \(blue)=\(reset) note: \(Excerpt.escaped(n))\n" }
        for h in help { out += "\(gutter) \(blue)=\(reset) help: \(Excerpt.escaped(h))\n" }
        return out
    }
}

/// Collects diagnostics of a run in order.
public final class DiagnosticBag: @unchecked Sendable {
    public private(set) var items: [Diagnostic] = []
    /// The most errors kept; further ones are counted but dropped.
    public var limit = 200
    public private(set) var dropped = 0

    public init() {}

    /// Adds a diagnostic.
    public func add(_ d: Diagnostic) {
        if items.count >= limit { dropped += 1; return }
        items.append(d)
    }

    /// Adds an error.
    public func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, label: String = "",
                      notes: [String] = [], help: [String] = []) {
        add(Diagnostic(.error, code, message, at: span, label: label, notes: notes, help: help))
    }

    /// Adds a warning.
    public func warning(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, label: String = "",
                        notes: [String] = [], help: [String] = []) {
        add(Diagnostic(.warning, code, message, at: span, label: label, notes: notes, help: help))
    }

    /// The number of errors so far.
    public var errorCount: Int { items.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } + dropped }
    /// Whether any error was reported.
    public var hasErrors: Bool { errorCount > 0 }
}
