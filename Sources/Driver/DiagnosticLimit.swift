import Diagnostics

/// How many diagnostics of one file are printed: a file with thousands of broken lines would
/// otherwise bury the first errors (the ones to fix first) under megabytes of text.
public enum DiagnosticLimit {
    /// The most errors, and separately the most warnings, printed per file.
    public static let perFile = 50

    /// The diagnostics to print, in order: at most `perFile` errors and `perFile` warnings of
    /// each file; and for each file that had more, a line that counts the rest.
    public static func shown(_ ds: [Diagnostic], perFile limit: Int = perFile) -> (shown: [Diagnostic], omitted: [String]) {
        var counts: [String: Int] = [:]
        var hidden: [(path: String, severity: Severity, count: Int)] = []
        var out: [Diagnostic] = []
        for d in ds {
            let path = d.span.file?.path ?? ""
            let key = d.severity.rawValue + "\u{0}" + path
            let n = counts[key, default: 0] + 1
            counts[key] = n
            if n <= limit {
                out.append(d)
            } else if let k = hidden.firstIndex(where: { $0.path == path && $0.severity == d.severity }) {
                hidden[k].count += 1
            } else {
                hidden.append((path, d.severity, 1))
            }
        }
        let omitted = hidden.map { h in
            let what = (h.severity == .warning ? "warning" : "error") + (h.count == 1 ? "" : "s")
            let place = h.path.isEmpty ? "" : " of '\(h.path)'"
            return "note: \(h.count) more \(what)\(place) not shown (the first \(limit) are)\n"
        }
        return (out, omitted)
    }
}
