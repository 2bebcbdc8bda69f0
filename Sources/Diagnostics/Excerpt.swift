/// The source line of a diagnostic as printed under its location: tabs expanded to stops of 8,
/// control characters shown escaped (`\x1b`, never sent raw to the terminal), and a line wider
/// than `Excerpt.width` cells clipped to a window around the span, marked with `…`.
public struct Excerpt: Sendable, Equatable {
    /// The widest excerpt printed, in terminal cells.
    public static let width = 160

    /// The text to print.
    public var text: String
    /// Terminal cells before the span in `text`.
    public var cellsBefore: Int
    /// Terminal cells the span covers in `text` (at least one).
    public var cells: Int

    /// An excerpt of the given text and caret cells.
    public init(text: String, cellsBefore: Int, cells: Int) {
        self.text = text
        self.cellsBefore = cellsBefore
        self.cells = cells
    }

    /// The excerpt of 1-based `line` of `file` for the span starting at byte `byteColumn`
    /// (1-based) and `byteLength` bytes long.
    public init(_ file: SourceFile, line: Int, byteColumn: Int, byteLength: Int, width: Int = Excerpt.width) {
        let start = max(0, byteColumn - 1)
        let end = start + max(1, byteLength)
        var pieces: [(text: String, cells: Int)] = []
        var offset = 0, cellsSoFar = 0
        var spanStart: Int? = nil, spanEnd = 0
        for ch in file.lineText(line) {
            // past the span and a window's width after it: the rest is never shown
            if offset >= end, cellsSoFar > spanEnd + width { break }
            let piece = Excerpt.piece(ch, atCell: cellsSoFar)
            if offset + ch.utf8.count > start, offset < end {
                if spanStart == nil { spanStart = cellsSoFar }
                spanEnd = cellsSoFar + piece.cells
            }
            pieces.append(piece)
            cellsSoFar += piece.cells
            offset += ch.utf8.count
        }
        // a span past the line's end (the end of the file) sits just after it
        let first = spanStart ?? cellsSoFar
        if spanStart == nil { spanEnd = cellsSoFar + 1 }
        self = Excerpt.window(pieces, total: cellsSoFar, spanStart: first, spanEnd: spanEnd, width: width)
    }

    /// Picks the cells to show: all of a short line, else `width` cells from a little before
    /// the span.
    static func window(_ pieces: [(text: String, cells: Int)], total: Int, spanStart: Int, spanEnd: Int,
                       width: Int) -> Excerpt {
        let all = pieces.map(\.text).joined()
        guard total > width else {
            return Excerpt(text: all, cellsBefore: spanStart, cells: max(1, spanEnd - spanStart))
        }
        let from = max(0, min(spanStart - width / 4, total - width))
        var text = from > 0 ? "…" : ""
        var cell = 0, shownFrom = -1, shownTo = 0
        for p in pieces {
            defer { cell += p.cells }
            guard cell >= from else { continue }
            guard cell + p.cells <= from + width else { text += "…"; break }
            if shownFrom < 0 { shownFrom = cell }
            text += p.text
            shownTo = cell + p.cells
        }
        if shownFrom < 0 { shownFrom = from }
        let lead = from > 0 ? 1 : 0
        let before = max(0, spanStart - shownFrom) + lead
        let under = max(1, min(spanEnd, max(shownTo, spanStart + 1)) - max(spanStart, shownFrom))
        return Excerpt(text: text, cellsBefore: before, cells: under)
    }

    /// One character as printed at cell `cell`: a tab as blanks to the next stop of 8, a
    /// control character escaped, anything else as it is.
    static func piece(_ ch: Character, atCell cell: Int) -> (text: String, cells: Int) {
        if ch == "\t" {
            let n = 8 - cell % 8
            return (String(repeating: " ", count: n), n)
        }
        if ch.unicodeScalars.contains(where: Excerpt.isControl) {
            let text = Excerpt.escaped(String(ch))
            return (text, text.count)
        }
        return (String(ch), TextPlacement.cells(of: ch))
    }

    /// Whether printing the scalar raw could move the cursor, change the terminal's state or
    /// reorder the text: C0 and C1 controls, DEL, line and paragraph separators, and the
    /// bidirectional overrides and isolates.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The longest message or label printed, in characters.
    public static let messageWidth = 1000

    /// `text` escaped (see `escaped`) and, when longer than `width` characters (a message
    /// quoting a name of a megabyte), cut in the middle to `width` characters around a `…`.
    public static func clipped(_ text: String, width: Int = Excerpt.messageWidth) -> String {
        let shown = escaped(text)
        guard shown.count > width else { return shown }
        return String(shown.prefix(width * 3 / 4)) + "…" + String(shown.suffix(width / 4 - 1))
    }

    /// `text` with every control character (see `isControl`) written as `\xNN` or `\u{NNNN}`;
    /// tabs and line breaks (of a message of several lines) are kept.
    public static func escaped(_ text: String) -> String {
        func shown(_ s: Unicode.Scalar) -> Bool { s != "\t" && s != "\n" && isControl(s) }
        guard text.unicodeScalars.contains(where: shown) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if shown(s) {
                let hex = String(s.value, radix: 16)
                out += s.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{\(hex)}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
