/// How a model moves along a set: the report charts take a set it steps through with lags or
/// leads for time, and one it takes positions of (`ord`, `t.pos`) for time when its labels count up.
public enum SetSequenceUse: Int, Sendable, Comparable {
    case none
    /// `ord(t)`, `t.pos`, `t.first`, ...: positions are read, which also ranks and breaks ties.
    case position
    /// `x(t-1)`, `x(t++1)`: the model steps from member to member.
    case lagLead

    public static func < (a: SetSequenceUse, b: SetSequenceUse) -> Bool { a.rawValue < b.rawValue }
}

extension Symbol {
    /// Records a use of the set's order; the strongest use is kept.
    public func noteSequenceUse(_ use: SetSequenceUse) {
        if use > sequenceUse { sequenceUse = use }
    }
}

/// One index of a displayed symbol as the report charts need it: the members of its domain set
/// (so that a sparse series is drawn over the whole set, zeros as zeros) and how the model moves
/// along the set.
public struct DisplayAxis: Sendable, Equatable {
    /// The domain set's members in set order (label spelling); nil for the universe `*`, whose
    /// members are the labels the records use.
    public var members: [String]?
    public var sequenceUse: SetSequenceUse

    public init(members: [String]?, sequenceUse: SetSequenceUse) {
        self.members = members
        self.sequenceUse = sequenceUse
    }
}
