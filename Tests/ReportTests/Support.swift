import IR
@testable import Report

/// Builds display records whose label ids are the 1-based positions of the labels in
/// `universe` (GAMS's unique-element order), sorted by ids as `DisplayItem` requires.
func records(_ universe: [String], _ entries: [([String], Double)]) -> [DisplayRecord] {
    var ids: [String: Label] = [:]
    for (index, name) in universe.enumerated() where ids[name.lowercased()] == nil {
        ids[name.lowercased()] = Label(index + 1)
    }
    let built = entries.map { labels, value in
        DisplayRecord(labels: labels, ids: labels.map { ids[$0.lowercased()] ?? 0 }, value: value)
    }
    return built.sorted { $0.ids.lexicographicallyPrecedes($1.ids) }
}

/// Lines joined with newlines, each line terminated: the way golden listings are written.
func listing(_ lines: [String]) -> String {
    lines.map { $0 + "\n" }.joined()
}

/// The labels of the classic transport model, in GAMS's unique-element order.
let transportLabels = ["seattle", "san-diego", "new-york", "chicago", "topeka"]
