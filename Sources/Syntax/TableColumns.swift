/// The column headers of a table block (the header line, or a `+` line) and the rule that
/// associates a value with one of them.
///
/// GAMS: each value must lie below one and only one column label. A value below no label at
/// all is common in old models (numbers right-aligned a character or two left of a short
/// label, or hanging past it); such a value belongs to the nearer of the two labels around the
/// gap it sits in, or to the first label when it is left of all of them. A value below two
/// labels, or exactly as far from the labels on either side, is ambiguous; one right of the
/// last label is under no column.
struct TableColumns {
    /// One column header: its labels (`a.b` gives two) and the positions its text occupies
    /// on the line (after tab expansion).
    struct Column {
        var labels: [LabelText]
        var text: String
        var start: Int
        var end: Int
    }

    /// Where a value goes.
    enum Choice: Equatable {
        case column(Int)
        /// The two candidate columns, left one first; whether the value lies under both labels
        /// (else it is as far from one as from the other).
        case ambiguous(Int, Int, underBoth: Bool)
        /// Right of the last header (or no header at all).
        case none
    }

    var items: [Column] = []

    var isEmpty: Bool { items.isEmpty }

    subscript(_ k: Int) -> Column { items[k] }

    mutating func append(_ column: Column) { items.append(column) }

    /// The column of a value occupying positions `start ..< end`.
    func choice(start: Int, end: Int) -> Choice {
        let under = items.indices.filter { min(end, items[$0].end) > max(start, items[$0].start) }
        if under.count > 1 { return .ambiguous(under[0], under[1], underBoth: true) }
        if let only = under.first { return .column(only) }
        // below no label: the gap it sits in
        let left = items.indices.filter { items[$0].end <= start }.max { items[$0].end < items[$1].end }
        let right = items.indices.filter { items[$0].start >= end }.min { items[$0].start < items[$1].start }
        switch (left, right) {
        case (nil, let r?):
            return .column(r)
        case (let l?, let r?):
            let toLeft = start - items[l].end, toRight = items[r].start - end
            if toLeft == toRight { return .ambiguous(l, r, underBoth: false) }
            return .column(toLeft < toRight ? l : r)
        default:
            return .none
        }
    }
}
