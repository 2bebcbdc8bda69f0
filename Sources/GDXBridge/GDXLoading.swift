import GDX
import IR

/// Data read from a GDX file into the model's own symbols: what `execute_load`,
/// `execute_loadpoint` and `$load` share.
extension GDXBridge {
    /// The file's symbols as enm symbols (their labels interned into `labels`), by lower-case name.
    public static func symbolsByName(_ file: GDXFile, labels: LabelTable) throws -> [String: Symbol] {
        var byName: [String: Symbol] = [:]
        for s in try importSymbols(file, labels: labels).symbols { byName[s.name.lowercased()] = s }
        return byName
    }

    /// The record keys of `s`.
    public static func tuples(of s: Symbol) -> [LabelTuple] {
        switch s.kind {
        case .set: return s.setData.sorted
        case .parameter: return s.values.map(\.key)
        case .variable, .equation: return s.records.map(\.key)
        case .model: return []
        }
    }

    /// The first position of `tuple` whose label is no member of `target`'s domain set there,
    /// with that set; nil when the tuple lies in the domain.
    public static func outsideDomain(_ tuple: LabelTuple, of target: Symbol) -> (position: Int, set: Symbol)? {
        for k in 0..<target.dimension {
            if let d = target.domain[k], !d.setData.contains(LabelTuple(labels: [tuple[k]])) { return (k, d) }
        }
        return nil
    }

    /// Copies the records of `source` that `keep` accepts into `target`: set members and
    /// parameter values are added (a key given before takes the new value); variable and
    /// equation records are replaced, or with `levelsOnly` get only the level and marginal.
    public static func copyRecords(_ source: Symbol, into target: Symbol, levelsOnly: Bool = false,
                                   keep: (LabelTuple) -> Bool = { _ in true }) {
        switch target.kind {
        case .set:
            for t in source.setData.sorted where keep(t) { target.setData.insert(t, text: source.setData.texts[t]) }
        case .parameter:
            for (t, v) in source.values where keep(t) { target.values[t] = v }
        case .variable, .equation:
            for (t, r) in source.records where keep(t) {
                guard levelsOnly else { target.records[t] = r; continue }
                var record = target.records[t] ?? target.defaultRecord()
                record.level = r.level
                record.marginal = r.marginal
                target.records[t] = record
            }
        case .model:
            break
        }
    }

    /// Empties `target`'s data (before a load that replaces it).
    public static func clearData(_ target: Symbol) {
        target.setData.removeAll()
        target.values.removeAll()
        target.records = LabelMap()
    }
}
