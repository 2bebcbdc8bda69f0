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
    /// Whether the model moves along each index (lags, leads, `ord`).
    public var sequenced: [Bool]
    /// The unit named in the explanatory text (`'price (EUR/MWh)'`), nil when none.
    public var unit: String?
    /// Finite values by member positions (one position per index).
    public var values: [[Int]: Double]
    /// Decimals for value labels.
    public var decimals: Int

    public init(name: String, indexNames: [String], members: [[String]], sequenced: [Bool], unit: String?,
                values: [[Int]: Double], decimals: Int) {
        self.name = name
        self.indexNames = indexNames
        self.members = members
        self.sequenced = sequenced
        self.unit = unit
        self.values = values
        self.decimals = decimals
    }

    /// The grid of a display item; records with a non-finite value (INF, NA, UNDF) are left out.
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
        for r in d.records where r.value.isFinite {
            values[(0..<dim).map { position[$0][r.labels[$0]]! }] = r.value == 0 ? 0 : r.value
        }
        self.init(name: d.symbol + (d.attribute.map { "." + $0 } ?? ""), indexNames: d.domain, members: members,
                  sequenced: (0..<dim).map { $0 < d.axes.count && d.axes[$0].isSequenced },
                  unit: ChartGrid.unit(of: d.text), values: values, decimals: d.decimals)
    }

    /// The number of indices.
    public var dimension: Int { indexNames.count }

    /// The unit of an explanatory text: its last bracketed part, `(EUR/MWh)`, `[kW]` or `<kWh>`.
    public static func unit(of text: String) -> String? {
        let pairs: [Character: Character] = [")": "(", "]": "[", ">": "<"]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let close = trimmed.last, let open = pairs[close], let start = trimmed.lastIndex(of: open) else { return nil }
        let inner = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)]
        let unit = inner.trimmingCharacters(in: .whitespaces)
        return unit.isEmpty ? nil : unit
    }

    /// The distinct combinations of the given indices' positions that carry a record, in order.
    public func combinations(of indices: [Int]) -> [[Int]] {
        Set(values.keys.map { key in indices.map { key[$0] } }).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The display name of a combination of members of the given indices (`a.t1`).
    public func label(of combination: [Int], indices: [Int]) -> String {
        zip(indices, combination).map { members[$0][$1] }.joined(separator: ".")
    }
}
