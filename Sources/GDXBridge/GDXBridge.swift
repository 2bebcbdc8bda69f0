import Diagnostics
import GDX
import IR

/// Converts between enm's symbols (sets, aliases, parameters, variables, equations with their
/// data) and the contents of a GDX file.
public enum GDXBridge {
    /// Symbols read from a GDX file, with the equation types GDX stores (IR symbols do not carry them).
    public struct Imported {
        public var symbols: [Symbol]
        public var equationTypes: [String: GDXEquationType]
    }

    /// A GDX file holding `symbols` (models are left out). Labels keep GAMS's order: the
    /// file's label list holds the labels the symbols use, in `labels`' order.
    public static func export(_ symbols: [Symbol], labels: LabelTable,
                              equationTypes: [String: GDXEquationType] = [:], producer: String = "enm") -> GDXFile {
        var file = GDXFile(producer: producer)
        let exported = symbols.filter { $0.kind != .model }
        var used = Set<Label>()
        // an alias's members are its set's, written with the set
        for s in exported where s.aliasOf == nil {
            for t in tuples(of: s) { for k in 0..<s.dimension { used.insert(t[k]) } }
        }
        var uel: [Label: Int] = [:]
        for l in used.sorted() { uel[l] = file.intern(labels.name(l)) }
        for s in exported {
            file.symbols.append(symbol(s, uel: uel, equationType: equationTypes[s.name.lowercased()] ?? .equal, file: &file))
        }
        return file
    }

    private static func symbol(_ s: Symbol, uel: [Label: Int], equationType: GDXEquationType, file: inout GDXFile) -> GDXSymbol {
        let keys = { (t: LabelTuple) in (0..<s.dimension).map { uel[t[$0]] ?? 0 } }
        var g = GDXSymbol(name: s.name, kind: .parameter, domain: s.domainNames, text: s.text)
        switch s.kind {
        case .set:
            if let target = s.aliasOf {
                g = GDXSymbol(name: s.name, kind: .alias, domain: Array(repeating: "*", count: s.dimension), aliasTarget: target.root.name)
            } else {
                g.kind = .set
                g.records = s.setData.sorted.map { t in
                    let text = s.setData.texts[t] ?? ""
                    return GDXRecord(keys: keys(t), values: [.number(text.isEmpty ? 0 : Double(file.addSetText(text)))])
                }
            }
        case .parameter:
            g.records = s.values.map { GDXRecord(keys: keys($0.key), values: [value($0.value)]) }
        case .variable, .equation:
            g.kind = s.kind == .variable ? .variable : .equation
            g.variableType = variableType(s.variableKind)
            g.equationType = equationType
            g.records = s.records.map { r in
                let v = r.value
                return GDXRecord(keys: keys(r.key), values: [v.level, v.marginal, v.lower, v.upper, v.scale].map(value))
            }
        case .model:
            break
        }
        return g
    }

    /// An enm value (``SpecialValue`` encodings) as a GDX value.
    public static func value(_ x: Double) -> GDXValue {
        if SpecialValue.isEps(x) { return .epsilon }
        if SpecialValue.isNA(x) { return .notAvailable }
        if x.isNaN { return .undefined }
        return GDXValue(x)
    }

    /// A GDX value as enm stores it; acronyms, which enm does not have, become `NA`.
    public static func double(_ v: GDXValue) -> Double {
        switch v {
        case .number(let x): return x
        case .epsilon: return SpecialValue.eps
        case .notAvailable, .acronym: return SpecialValue.na
        case .undefined: return SpecialValue.undf
        case .positiveInfinity: return .infinity
        case .negativeInfinity: return -.infinity
        }
    }

    private static func variableType(_ k: VariableKind) -> GDXVariableType {
        switch k {
        case .free: return .free
        case .positive: return .positive
        case .negative: return .negative
        case .binary: return .binary
        case .integer: return .integer
        }
    }

    private static func variableKind(_ t: GDXVariableType, _ name: String) throws -> VariableKind {
        switch t {
        case .free, .unknown: return .free
        case .positive: return .positive
        case .negative: return .negative
        case .binary: return .binary
        case .integer: return .integer
        case .sos1, .sos2, .semicont, .semiint:
            throw GDXError(.unsupported, "variable '\(name)' is of type \(t), which enm does not have")
        }
    }

    /// The symbols of `file` as enm symbols, their labels interned into `labels`; ids start at
    /// `firstID`. Domains name the file's own one-dimensional sets, other names stand for `*`.
    public static func importSymbols(_ file: GDXFile, labels: LabelTable, firstID: Int = 0) throws -> Imported {
        var out = Imported(symbols: [], equationTypes: [:])
        var byName: [String: Symbol] = [:]
        for g in file.symbols {
            guard g.dimension <= maxDimension else {
                throw GDXError(.unsupported, "symbol '\(g.name)' has \(g.dimension) dimensions; enm handles at most \(maxDimension)")
            }
            let domain = g.domain.map { byName[$0.lowercased()].flatMap { $0.kind == .set && $0.dimension == 1 ? $0 : nil } }
            let kind: SymbolKind = g.kind == .parameter ? .parameter : g.kind == .variable ? .variable : g.kind == .equation ? .equation : .set
            let s = Symbol(id: firstID + out.symbols.count, name: g.name, kind: kind, domain: domain, text: g.text, line: 0)
            let tuple = { (r: GDXRecord) in LabelTuple(labels: r.keys.map { labels.intern(file.uel($0)) }) }
            switch g.kind {
            case .alias:
                let target = byName[(g.aliasTarget ?? "*").lowercased()]
                s.aliasOf = target
                if let target {
                    s.setData = target.root.setData
                    s.domain = target.root.domain
                    // GAMS's library gives aliases the text "Aliased with …"; enm's share their set's
                    if g.text.hasPrefix("Aliased with") { s.text = target.root.text }
                }
            case .set:
                for r in g.records { s.setData.insert(tuple(r), text: file.setText(r.textIndex)) }
            case .parameter:
                for r in g.records where SpecialValue.isStored(double(r.values[0])) { s.values[tuple(r)] = double(r.values[0]) }
            case .variable, .equation:
                if g.kind == .variable { s.variableKind = try variableKind(g.variableType, g.name) }
                else { out.equationTypes[g.name.lowercased()] = g.equationType }
                for r in g.records {
                    let v = r.values.map(double)
                    s.records[tuple(r)] = VarRecord(level: v[0], marginal: v[1], lower: v[2], upper: v[3], scale: v[4])
                }
            }
            s.hasData = true
            byName[g.name.lowercased()] = s
            out.symbols.append(s)
        }
        return out
    }
}

extension GDXError {
    /// The diagnostic a GDX failure is reported with: the code the GDX module names for its
    /// kind (it spells codes without depending on Diagnostics; each has a page, which
    /// GDXBridgeTests check).
    public var diagnosticCode: DiagnosticCode {
        DiagnosticCode(rawValue: code) ?? .E3030
    }
}
