/// A source text held in memory, with its line starts for line/column lookup.
public final class SourceFile: @unchecked Sendable {
    /// The path as the user gave it (or as `$include` resolved it).
    public let path: String
    /// The text as UTF-8 bytes.
    public let bytes: [UInt8]
    /// Byte offset of each line's first byte.
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// Where the file's lines stand in the input as expanded by `$include` (GAMS numbers the
    /// lines of an included file on from the including line, and its listing and `display`
    /// headers use those numbers): from `line` on, a line's expanded number is `line + shift`.
    public private(set) var expandedRuns: [(line: Int, shift: Int)] = []

    /// Notes that line `line` of this file is line `expanded` of the expanded input (lines
    /// follow each other without a new run until an included file's lines come between).
    public func noteExpanded(line: Int, expanded: Int) {
        let shift = expanded - line
        if expandedRuns.last?.shift != shift { expandedRuns.append((line, shift)) }
    }

    /// The number of 1-based line `line` in the expanded input (`line` itself when unknown).
    public func expandedLine(_ line: Int) -> Int {
        let run = expandedRuns.last { $0.line <= line }
        return line + (run?.shift ?? 0)
    }

    /// The 1-based line number holding byte `offset`.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The bytes of 1-based line `line`, without its line break (`\r\n` or `\n`).
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    /// Where a byte range of a line sits as the reader sees it: the 1-based character column
    /// of its first byte, and the terminal cells before it and under it.
    ///
    /// Columns count characters (extended grapheme clusters), so `€` or `é` is one column
    /// whatever its UTF-8 length, and a tab is one column. Cells count what a terminal draws
    /// for `displayText`: East Asian wide characters and emoji take two, combining marks none,
    /// a tab runs to the next multiple of 8 (as table columns are read). A byte offset inside
    /// a character belongs to that character.
    public func placement(line: Int, byteColumn: Int, byteLength: Int) -> TextPlacement {
        let lineBytes = self.lineBytes(line)
        let start = max(0, byteColumn - 1)
        let end = start + max(1, byteLength)
        var offset = 0, column = 1, cellsBefore = 0, cells = 0
        var reachedStart = false
        for ch in String(decoding: lineBytes, as: UTF8.self) {
            let size = ch.utf8.count
            let width = ch == "\t" ? 8 - (cellsBefore + cells) % 8 : TextPlacement.cells(of: ch)
            if offset + size <= start {
                column += 1
                cellsBefore += width
            } else if offset < end {
                reachedStart = true
                cells += width
            } else {
                break
            }
            offset += size
        }
        // a span starting past the line's end (e.g. the end of the file) sits just after it
        if !reachedStart { cells = 1 }
        return TextPlacement(column: column, cellsBefore: cellsBefore, cells: max(1, cells))
    }

    /// The text of 1-based line `line` as shown in an excerpt: tabs expanded to stops of 8.
    public func displayText(_ line: Int) -> String {
        var out = ""
        var cells = 0
        for ch in lineText(line) {
            if ch == "\t" {
                let n = 8 - cells % 8
                out += String(repeating: " ", count: n)
                cells += n
            } else {
                out.append(ch)
                cells += TextPlacement.cells(of: ch)
            }
        }
        return out
    }

    /// The text of 1-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        String(decoding: lineBytes(line), as: UTF8.self)
    }
}

/// Where a span sits on its line as shown to the reader (see `SourceFile.placement`).
public struct TextPlacement: Sendable, Equatable {
    /// 1-based column counted in characters.
    public var column: Int
    /// Terminal cells before the span on its line.
    public var cellsBefore: Int
    /// Terminal cells the span covers (at least one).
    public var cells: Int

    /// The terminal cells a character takes: 2 for wide characters and emoji, 0 for a lone
    /// combining mark or a zero-width format character, 1 otherwise.
    public static func cells(of ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        if ch.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation })
            || ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            return 2
        }
        if isWide(first.value) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: return 1
        }
    }

    /// East Asian wide and fullwidth ranges (Hangul, CJK, kana, fullwidth forms).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// A location in a source file: the file, a 1-based line, and a byte column and byte length
/// within that line. Rendering turns them into character columns (`characterColumn`).
public struct SourceSpan: Sendable, Equatable {
    public let file: SourceFile?
    public let line: Int
    /// 1-based column in UTF-8 bytes of the line (what the lexer counts).
    public let column: Int
    /// Length in UTF-8 bytes.
    public let length: Int

    public init(file: SourceFile?, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
    }

    /// A span that points nowhere (command-line input).
    public static let none = SourceSpan(file: nil, line: 0, column: 0)

    /// The path of the file, or `<command line>`.
    public var path: String { file?.path ?? "<command line>" }

    public static func == (a: SourceSpan, b: SourceSpan) -> Bool {
        a.file === b.file && a.line == b.line && a.column == b.column && a.length == b.length
    }

    /// The 1-based column counted in characters, as reported to the reader (`line:col`).
    public var characterColumn: Int {
        guard let file = file, line > 0 else { return column }
        return file.placement(line: line, byteColumn: column, byteLength: length).column
    }

    /// A span from the start of `self` to the end of `other` when both are on one line.
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.file === file, other.line == line, other.column >= column else { return self }
        return SourceSpan(file: file, line: line, column: column, length: other.column + other.length - column)
    }
}
