import Foundation
import IR

/// A displayed symbol as the charts see it: for every index the members in set order, and the
/// values by member positions. A value the display leaves out (a zero) is 0 here, so a sparse
/// series is drawn over its whole set.
public struct ChartGrid: Sendable {
    /// The symbol's name as displayed (`soc.l`).
    public var name: String
    /// The domain set names, `*` for the universe.
    public var indexNames: [String]
    /// Members of each index in set order: the domain set's members, or the labels the records
    /// use for the universe.
    public var members: [[String]]
    /// How the model moves along each index (lags and leads, or positions).
    public var sequenced: [SetSequenceUse]
    /// The unit named in the explanatory text (`'price (EUR/MWh)'`), nil when none.
    public var unit: String?
    /// Values by member positions (one position per index); NaN for INF, NA and UNDF.
    public var values: [[Int]: Double]
    /// Decimals for value labels.
    public var decimals: Int

    public init(name: String, indexNames: [String], members: [[String]], sequenced: [SetSequenceUse], unit: String?,
                values: [[Int]: Double], decimals: Int) {
        self.name = name
        self.indexNames = indexNames
        self.members = members
        self.sequenced = sequenced
        self.unit = unit
        self.values = values
        self.decimals = decimals
    }

    /// The grid of a display item.
    public init(_ d: DisplayItem) {
        let dim = d.domain.count
        var members: [[String]] = [], position: [[String: Int]] = []
        for k in 0..<dim {
            var list = k < d.axes.count ? d.axes[k].members ?? [] : []
            var index: [String: Int] = [:]
            for (i, m) in list.enumerated() { index[m] = i }
            // the universe (or a record outside its set): the labels in GAMS's label order
            let extra = Set(d.records.map { $0.labels[k] }).subtracting(index.keys)
            if !extra.isEmpty {
                var idOf: [String: Label] = [:]
                for r in d.records where extra.contains(r.labels[k]) { idOf[r.labels[k]] = r.ids[k] }
                for label in extra.sorted(by: { idOf[$0]! < idOf[$1]! }) {
                    index[label] = list.count
                    list.append(label)
                }
            }
            members.append(list)
            position.append(index)
        }
        var values: [[Int]: Double] = [:]
        for r in d.records {
            // INF, NA and UNDF cannot be placed on an axis: NaN, drawn as a gap
            values[(0..<dim).map { position[$0][r.labels[$0]]! }] = r.value.isFinite ? r.value : .nan
        }
        self.init(name: d.symbol + (d.attribute.map { "." + $0 } ?? ""), indexNames: d.domain, members: members,
                  sequenced: (0..<dim).map { $0 < d.axes.count ? d.axes[$0].sequenceUse : .none },
                  unit: ChartGrid.unit(of: d.text), values: values, decimals: d.decimals)
    }

    /// The number of indices.
    public var dimension: Int { indexNames.count }

    /// The unit of an explanatory text: the first bracketed part that reads as one, up to a `;`
    /// or `:` (`'price (EUR/MWh)'`, `'power [kW; positive: out]'`, `'energy <kWh>'`); nil when none.
    public static func unit(of text: String) -> String? {
        let closing: [Character: Character] = ["(": ")", "[": "]", "<": ">"]
        var rest = Substring(text)
        while let start = rest.firstIndex(where: { closing[$0] != nil }) {
            let close = closing[rest[start]]!
            let after = rest[rest.index(after: start)...]
            guard let end = after.firstIndex(of: close) else { return nil }
            let inner = after[..<end].prefix { $0 != ";" && $0 != ":" }.trimmingCharacters(in: .whitespaces)
            // a unit is short and names something in a word or two: not "5 = first choice", not
            // "problem A only", not the arguments of a function (`norm(x - z)`: the bracket follows a letter)
            let call = start > rest.startIndex && rest[rest.index(before: start)].isLetter
            if !call, !inner.isEmpty, inner.count <= 16, inner.contains(where: \.isLetter), !inner.contains("="), inner.filter({ $0 == " " }).count <= 1 {
                return inner
            }
            rest = after[after.index(after: end)...]
        }
        return nil
    }

    /// The distinct combinations of the given indices' positions that carry a record, in order.
    public func combinations(of indices: [Int]) -> [[Int]] {
        Set(values.keys.map { key in indices.map { key[$0] } }).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The grid with the members of index `k` that carry no record at either end left out, when
    /// they are more than half the set: a sweep that filled 11 of 201 points is drawn over those
    /// 11, while a schedule that is zero in its last hours keeps them (zeros are zeros).
    public func trimmingEmptyEnds(of k: Int) -> ChartGrid {
        let used = values.compactMap { $0.value != 0 ? $0.key[k] : nil }
        guard let first = used.min(), let last = used.max(), members[k].count - (last - first + 1) > members[k].count / 2 else { return self }
        var trimmed = self
        trimmed.members[k] = Array(members[k][first...last])
        trimmed.values = [:]
        for (key, v) in values where (first...last).contains(key[k]) {
            var shifted = key
            shifted[k] -= first
            trimmed.values[shifted] = v
        }
        return trimmed
    }

    /// The display name of a combination of members of the given indices (`a.t1`).
    public func label(of combination: [Int], indices: [Int]) -> String {
        zip(indices, combination).map { members[$0][$1] }.joined(separator: ".")
    }
}
