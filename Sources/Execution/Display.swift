import IR
import Semantics

extension Interpreter {
    /// Builds the display items of a `display` statement and emits them.
    func display(_ items: [DisplayItemR], line: Int) {
        let d = options["decimals"] ?? 3
        let decimals = d.isFinite ? Int(Swift.max(0, Swift.min(8, d))) : 3
        for it in items {
            switch it {
            case .text(let t):
                emit(.display(DisplayItem(line: line, kind: .text, symbol: t, decimals: decimals)))
            case .modelAttribute(let m, let name):
                let v = modelAttribute(m, name)
                emit(.display(DisplayItem(line: line, kind: .model, symbol: m.name, attribute: name, text: m.text,
                                          records: [DisplayRecord(labels: [], ids: [], value: v)], decimals: decimals)))
            case .symbol(let s, let attr):
                // `option p:d` overrides `option decimals` for that symbol
                let own = symbolDecimals[s.id].map { $0.isFinite ? Int(Swift.max(0, Swift.min(8, $0))) : decimals }
                emit(.display(displayItem(s, attr, line: line, decimals: own ?? decimals)))
            }
        }
    }

    func displayItem(_ s: Symbol, _ attr: Attribute?, line: Int, decimals: Int) -> DisplayItem {
        let d = s.dimension
        var entries: [(LabelTuple, Double, String?)] = []
        let kind: DisplayKind
        switch s.kind {
        case .set:
            kind = .set
            for t in s.setData.sorted {
                let text = s.setData.texts[t]
                entries.append((t, 1, (text?.isEmpty ?? true) ? nil : text))
            }
        case .parameter:
            kind = .parameter
            // an acronym value travels with its name (the record's text)
            for (t, v) in s.values { entries.append((t, v, SpecialValue.acronymIndex(v).map(acronymName))) }
        case .variable, .equation:
            kind = s.kind == .variable ? .variable : .equation
            let a = attr ?? .l
            for (t, r) in s.records {
                let v: Double
                switch a {
                case .l, .fx: v = r.level
                case .m: v = r.marginal
                case .lo: v = r.lower
                case .up: v = r.upper
                case .scale: v = r.scale
                default: v = r.level
                }
                if SpecialValue.isStored(v) { entries.append((t, v, nil)) }
            }
        case .model:
            kind = .model
        }
        if s.kind != .set {
            entries.sort { a, b in
                for k in 0..<d where a.0[k] != b.0[k] { return a.0[k] < b.0[k] }
                return false
            }
        }
        let records = entries.map { e in
            DisplayRecord(labels: (0..<d).map { labels.name(e.0[$0]) }, ids: (0..<d).map { e.0[$0] }, value: e.1, text: e.2)
        }
        let attrName: String? = (s.kind == .variable || s.kind == .equation) ? (attr ?? .l).rawValue : nil
        var item = DisplayItem(line: line, kind: kind, symbol: s.name, attribute: attrName, text: s.text,
                               domain: s.domainNames, records: records, decimals: decimals)
        item.axes = s.domain.map(displayAxis)
        return item
    }

    /// A domain set's members and whether the model moves along it (for the report's charts).
    func displayAxis(_ set: Symbol?) -> DisplayAxis {
        guard let set, set.kind == .set, set.dimension == 1 else { return DisplayAxis(members: nil, sequenceUse: .none) }
        return DisplayAxis(members: set.setData.sorted.map { labels.name($0[0]) }, sequenceUse: set.root.sequenceUse)
    }
}
