import Diagnostics

/// One line after dollar-control processing: its text (with `%name%` substituted) and origin.
public struct SourceLine {
    /// The bytes of the line without its line break.
    public var text: [UInt8]
    /// The file the line came from.
    public var file: SourceFile
    /// The 1-based line in `file`.
    public var line: Int
    /// Whether the line sits inside `$onDelim ... $offDelim` (comma-separated data).
    public var isDelimited: Bool
    /// Whether substitution changed the line.
    public var substituted: Bool
    /// What a data statement starting on this line does to a symbol that already has data
    /// (`$offMulti`, `$onMulti`, `$onMultiR` in force).
    public var redefinition: DataRedefinition = .refused
    /// The data-statement options (`$onEmpty`, `$onEps`) in force for this line.
    public var dataOptions: DataOptions = []
    /// The end-of-line comment marker in force for this line, if any; held inline, since lines
    /// are many and a copy of one costs a reference count per reference it holds.
    public var commentMarker: CommentMarker?
    /// Whether an error was already reported for this line before parsing (an unset `%name%`,
    /// an unclosed `$onDelim` block): the parser then says nothing more about it.
    public var damaged = false
    /// How byte columns of `text` map back to byte columns of the line in `file`.
    public var origin = ColumnMap()

    public init(text: [UInt8], file: SourceFile, line: Int, isDelimited: Bool, substituted: Bool,
                commentMarker: CommentMarker?, damaged: Bool = false, origin: ColumnMap = ColumnMap()) {
        self.text = text
        self.file = file
        self.line = line
        self.isDelimited = isDelimited
        self.substituted = substituted
        self.commentMarker = commentMarker
        self.damaged = damaged
        self.origin = origin
    }

    /// The span in `file` of the 0-based byte range `column ..< column + length` of `text`.
    public func span(column: Int, length: Int) -> SourceSpan {
        let (c, l) = origin.sourceRange(column, length)
        return SourceSpan(file: file, line: line, column: c + 1, length: l)
    }
}

/// An end-of-line comment marker (`$eolCom`): one or two characters, at most 16 bytes, inline.
public struct CommentMarker: Equatable, Sendable {
    /// The most bytes a marker holds.
    public static let capacity = 16
    private var storage = SIMD16<UInt8>(repeating: 0)
    /// The marker's length in bytes (at least 1).
    public private(set) var count: Int

    /// The marker spelled by `bytes`; nil when they are empty or longer than `capacity`.
    public init?(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, bytes.count <= CommentMarker.capacity else { return nil }
        for (k, b) in bytes.enumerated() { storage[k] = b }
        count = bytes.count
    }

    @inline(__always) public subscript(k: Int) -> UInt8 { storage[k] }
}

/// The way from byte columns of a preprocessed line back to its source line: bytes dropped at
/// the front (the condition of `$if ... statement`) and `%name%` replacements.
public struct ColumnMap: Sendable {
    /// One replacement: the bytes it produced in the text and the `%name%` it came from.
    public struct Replacement: Sendable {
        public var text: Range<Int>
        public var source: Range<Int>
    }

    /// Bytes of the substituted line before `text[0]`.
    public var skipped = 0
    /// Replacements in order, with `text` ranges in the substituted line (before `skipped`).
    public var replacements: [Replacement] {
        get { stored ?? [] }
        set { stored = newValue.isEmpty ? nil : newValue }
    }
    /// nil when there are none (most lines): a map without an array costs nothing to copy.
    private var stored: [Replacement]? = nil

    public init(skipped: Int = 0, replacements: [Replacement] = []) {
        self.skipped = skipped
        self.replacements = replacements
    }

    /// The map of the same line with `count` more bytes dropped at the front.
    public func dropping(_ count: Int) -> ColumnMap {
        ColumnMap(skipped: skipped + count, replacements: replacements)
    }

    /// The source byte column of 0-based byte `column` of the text; a byte produced by a
    /// replacement maps to the start of its `%name%`.
    public func sourceColumn(_ column: Int) -> Int {
        locate(column + skipped).start
    }

    /// The source byte range of `length` bytes from 0-based `column` of the text; a range
    /// touching a replacement covers the whole `%name%`.
    public func sourceRange(_ column: Int, _ length: Int) -> (column: Int, length: Int) {
        guard stored != nil else { return (column + skipped, length) }
        let start = locate(column + skipped).start
        let end = locate(column + skipped + max(1, length) - 1).end
        return (start, max(1, end - start))
    }

    /// The source bytes behind byte `c` of the substituted line (a `%name%` for a replaced byte).
    private func locate(_ c: Int) -> (start: Int, end: Int) {
        var shift = 0
        for r in replacements {
            if c < r.text.lowerBound { break }
            if c < r.text.upperBound { return (r.source.lowerBound, r.source.upperBound) }
            shift = r.source.upperBound - r.text.upperBound
        }
        return (c + shift, c + shift + 1)
    }
}

/// What a second data statement for a symbol does (GAMS's `$offMulti`/`$onMulti`/`$onMultiR`).
public enum DataRedefinition: UInt8, Sendable {
    /// `$offMulti` (the default): a symbol's data is given once.
    case refused
    /// `$onMulti`: the new entries are merged into the old data (same element: the new value).
    case merged
    /// `$onMultiR`: the new data replaces the old.
    case replaced
}

/// Dollar options that change how data statements read (GAMS's `$onEmpty`, `$onEps`).
public struct DataOptions: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `$onEmpty`: a data list may be empty (`/ /`).
    public static let emptyAllowed = DataOptions(rawValue: 1)
    /// `$onEps`: a zero written in a data list or table is stored as `EPS`.
    public static let zeroIsEps = DataOptions(rawValue: 2)
}
