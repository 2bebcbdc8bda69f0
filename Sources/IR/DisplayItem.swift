/// The kind of item a `display` statement shows; the raw value is GAMS's header word.
public enum DisplayKind: String, Sendable {
    case set = "SET"
    case parameter = "PARAMETER"
    case variable = "VARIABLE"
    case equation = "EQUATION"
    case model = "MODEL"
    /// A quoted text item: `display 'text';`.
    case text = "TEXT"
}

/// One record of a displayed symbol: its labels (display spelling and ids) and value.
public struct DisplayRecord: Sendable, Equatable {
    public var labels: [String]
    /// Label ids, in the same order; ids follow GAMS's unique-element order.
    public var ids: [Label]
    /// The value; sets use 1 for members.
    public var value: Double
    /// Element text of a set member, if any; for a parameter whose value is an acronym, the
    /// acronym's name (shown in the value's place).
    public var text: String?

    public init(labels: [String], ids: [Label], value: Double, text: String? = nil) {
        self.labels = labels
        self.ids = ids
        self.value = value
        self.text = text
    }
}

/// One item of a `display` statement, ready to be formatted.
///
/// Records are given sorted lexicographically by label id; zeros are already left out
/// (but `EPS` entries, stored as negative zero, are kept).
public struct DisplayItem: Sendable {
    /// 1-based line of the `display` statement.
    public var line: Int
    public var kind: DisplayKind
    /// Symbol name as declared (for `.text` items, the text itself).
    public var symbol: String
    /// `"l"`, `"m"`, `"lo"`, `"up"`, `"scale"` for variable/equation attributes, a model
    /// attribute name such as `"objVal"` for models, nil otherwise.
    public var attribute: String?
    /// The symbol's explanatory text ("" when none).
    public var text: String
    /// The names of the domain sets (`"*"` for the universe); empty for scalars.
    public var domain: [String]
    public var records: [DisplayRecord]
    /// Number of decimals to print (`option decimals`, default 3).
    public var decimals: Int
    /// What is known of each index's set, in domain order (empty when not filled in).
    public var axes: [DisplayAxis] = []

    public init(line: Int, kind: DisplayKind, symbol: String, attribute: String? = nil,
                text: String = "", domain: [String] = [], records: [DisplayRecord] = [],
                decimals: Int = 3) {
        self.line = line
        self.kind = kind
        self.symbol = symbol
        self.attribute = attribute
        self.text = text
        self.domain = domain
        self.records = records
        self.decimals = decimals
    }

    /// The dimension of the displayed symbol.
    public var dimension: Int { domain.count }
}
