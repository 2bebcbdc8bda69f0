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

    /// The 1-based line number holding byte `offset`.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The text of 1-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, end <= bytes.count, end - 1 >= start, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// A location in a source file: the file, a 1-based line and column, and a length in columns.
public struct SourceSpan: Sendable, Equatable {
    public let file: SourceFile?
    public let line: Int
    public let column: Int
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

    /// A span from the start of `self` to the end of `other` when both are on one line.
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.file === file, other.line == line, other.column >= column else { return self }
        return SourceSpan(file: file, line: line, column: column, length: other.column + other.length - column)
    }
}
