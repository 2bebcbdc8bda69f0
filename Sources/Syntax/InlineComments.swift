import Diagnostics

/// Inline comments (`$onInline`: `/* ... */`; `$inlineCom OPEN CLOSE` for other markers),
/// which may span lines and, after `$onNestCom`, nest.
struct InlineComments {
    /// The markers and switches that `$onInline`, `$inlineCom` and `$onNestCom` set.
    struct Settings {
        var enabled = false
        var open: [UInt8] = Array("/*".utf8)
        var close: [UInt8] = Array("*/".utf8)
        var nested = false
    }

    var settings = Settings()
    /// How many comments are open at the end of the last line read.
    var depth = 0
    /// Where the outermost open comment started.
    var openedAt: SourceSpan? = nil

    var close: [UInt8] { settings.close }

    /// Replaces the comments of `bytes` by blanks (columns stay where they are); quoted
    /// strings outside comments are left alone.
    mutating func blank(_ bytes: inout [UInt8], file: SourceFile, line: Int) {
        guard settings.enabled || depth > 0 else { return }
        var i = 0
        var quote: UInt8 = 0
        while i < bytes.count {
            if depth == 0 {
                let b = bytes[i]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 34 || b == 39 {
                    quote = b
                } else if settings.enabled, matches(settings.open, in: bytes, at: i) {
                    openedAt = SourceSpan(file: file, line: line, column: i + 1, length: settings.open.count)
                    depth = 1
                    blankRange(&bytes, i, settings.open.count)
                    i += settings.open.count
                    continue
                }
                i += 1
                continue
            }
            if matches(settings.close, in: bytes, at: i) {
                depth -= 1
                if depth == 0 { openedAt = nil }
                blankRange(&bytes, i, settings.close.count)
                i += settings.close.count
            } else if settings.nested, matches(settings.open, in: bytes, at: i) {
                depth += 1
                blankRange(&bytes, i, settings.open.count)
                i += settings.open.count
            } else {
                bytes[i] = 32
                i += 1
            }
        }
    }

    private func matches(_ marker: [UInt8], in bytes: [UInt8], at i: Int) -> Bool {
        guard !marker.isEmpty, i + marker.count <= bytes.count else { return false }
        for k in 0..<marker.count where bytes[i + k] != marker[k] { return false }
        return true
    }

    private func blankRange(_ bytes: inout [UInt8], _ start: Int, _ count: Int) {
        for k in start..<(start + count) { bytes[k] = 32 }
    }
}

extension Preprocessor {
    /// Blanks inline comments and the columns outside `$minCol`/`$maxCol` of a statement line;
    /// a dollar control line or a `*` comment line outside a comment is left as it is.
    func applyCommentsAndColumns(_ bytes: inout [UInt8], file: SourceFile, line: Int) {
        let first = bytes.first
        if inline.depth == 0, first == UInt8(ascii: "$") || first == UInt8(ascii: "*") { return }
        if columnWindow.max > 0, bytes.count > columnWindow.max { bytes.removeLast(bytes.count - columnWindow.max) }
        if columnWindow.min > 1 {
            for k in 0..<min(bytes.count, columnWindow.min - 1) { bytes[k] = 32 }
        }
        inline.blank(&bytes, file: file, line: line)
    }

    /// `$inlineCom OPEN CLOSE`, `$onInline`, `$offInline`, `$onNestCom`, `$offNestCom`.
    func inlineCommentDirective(_ name: String, rest: String, span: SourceSpan) {
        switch name {
        case "inlinecom":
            let markers = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { Array($0.utf8) }
            guard markers.count == 2, markers.allSatisfy({ (1...2).contains($0.count) }) else {
                diagnostics.error(.E0128, "$inlineCom needs two markers of one or two characters", at: span,
                                  label: "as in '$inlineCom /* */'")
                return
            }
            inline.settings.open = markers[0]
            inline.settings.close = markers[1]
            inline.settings.enabled = true
        case "oninline": inline.settings.enabled = true
        case "offinline": inline.settings.enabled = false
        case "onnestcom": inline.settings.nested = true
        default: inline.settings.nested = false
        }
    }

    /// `$minCol N` and `$maxCol N`: the columns of statement lines that are read.
    func columnDirective(_ name: String, rest: String, span: SourceSpan) {
        guard let n = Int(rest), n >= 0 else {
            diagnostics.error(.E0128, "$\(name == "mincol" ? "minCol" : "maxCol") needs a column number", at: span)
            return
        }
        if name == "mincol" { columnWindow.min = n } else { columnWindow.max = n }
    }
}
