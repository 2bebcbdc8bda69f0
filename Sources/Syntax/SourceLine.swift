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
    /// Whether substitution changed the line (columns then map approximately).
    public var substituted: Bool
    /// The end-of-line comment marker in force for this line, if any.
    public var eolComment: [UInt8]?
}
