/// Why a GDX file could not be read or written.
public struct GDXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kinds of failure, each with its diagnostic code.
    public enum Kind: String, Sendable {
        /// The bytes are not a GDX file at all (E3031).
        case notGDX = "E3031"
        /// A GDX file that is truncated or whose structure is broken (E3030).
        case malformed = "E3030"
        /// A GDX file of a version or a feature this reader does not handle (E3030 as well:
        /// either way the file cannot be read as GDX).
        case unsupported
        /// The file cannot be opened or read (E6003).
        case unreadable = "E6003"
        /// The file cannot be written (E6004).
        case unwritable = "E6004"
        /// The data cannot be stored in a GDX file (E6004 as well: the file cannot be written):
        /// a name or label too long, too many dimensions.
        case invalidData
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The diagnostic code of this failure.
    public var code: String {
        switch kind {
        case .unsupported: return Kind.malformed.rawValue
        case .invalidData: return Kind.unwritable.rawValue
        default: return kind.rawValue
        }
    }

    public var description: String { message }
}
