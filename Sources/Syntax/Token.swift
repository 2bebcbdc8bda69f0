import Diagnostics

/// The kinds of tokens the lexer produces.
public enum TokenKind: Equatable {
    /// An identifier (expression mode) or a label word (data mode).
    case word
    case number
    /// A quoted string; `text` holds the contents without quotes.
    case string
    /// Punctuation or an operator; `text` holds it in lower case (`=e=`, `**`, `..`).
    case symbol
    /// A whole line of an `$onDelim` block.
    case csvRow
    case eof
}

/// A token with its position in the preprocessed lines.
public struct Token {
    public var kind: TokenKind
    public var text: String
    /// The value of a number token.
    public var value: Double = 0
    /// Index of the preprocessed line.
    public var lineIndex: Int
    /// 0-based byte column in the line.
    public var column: Int
    /// Length in bytes.
    public var length: Int
    /// Whether blank space (or a line start) precedes the token.
    public var spaceBefore: Bool

    /// Where the token starts.
    public var position: TokenPosition { TokenPosition(line: lineIndex, column: column) }

    /// Whether this is the symbol `s`.
    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    /// Whether this is the word `w` (case-insensitive; `w` must be lower case).
    public func isWord(_ w: String) -> Bool { kind == .word && text.lowercased() == w }
    /// The word in lower case.
    public var lower: String { text.lowercased() }
}

/// A place in the preprocessed lines: line index, then byte column.
public struct TokenPosition: Hashable, Comparable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: TokenPosition, b: TokenPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }
}
