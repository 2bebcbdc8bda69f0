/// One index of a displayed symbol as the report charts need it: the members of its domain set
/// (so that a sparse series is drawn over the whole set, zeros as zeros) and whether the model
/// moves along the set.
public struct DisplayAxis: Sendable, Equatable {
    /// The domain set's members in set order (label spelling); nil for the universe `*`, whose
    /// members are the labels the records use.
    public var members: [String]?
    /// Whether the set is used with a lag or lead, `ord` or a position attribute.
    public var isSequenced: Bool

    public init(members: [String]?, isSequenced: Bool) {
        self.members = members
        self.isSequenced = isSequenced
    }
}
