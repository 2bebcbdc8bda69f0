/// The kinds of symbols a model declares.
public enum SymbolKind: String, Sendable {
    case set, parameter, variable, equation, model
}

/// A variable's type, which sets its default bounds.
public enum VariableKind: String, Sendable {
    case free, positive, negative, binary, integer

    /// Default lower bound (GAMS).
    public var defaultLower: Double {
        switch self {
        case .free, .negative: return -.infinity
        case .positive, .binary, .integer: return 0
        }
    }

    /// Default upper bound (GAMS; integer variables are unbounded above).
    public var defaultUpper: Double {
        switch self {
        case .free, .positive, .integer: return .infinity
        case .negative: return 0
        case .binary: return 1
        }
    }
}

/// Level, marginal, bounds and scale of one variable or equation record.
public struct VarRecord: Sendable {
    public var level: Double
    public var marginal: Double
    public var lower: Double
    public var upper: Double
    public var scale: Double

    public init(level: Double = 0, marginal: Double = 0, lower: Double, upper: Double, scale: Double = 1) {
        self.level = level
        self.marginal = marginal
        self.lower = lower
        self.upper = upper
        self.scale = scale
    }
}

/// The members of a set: label tuples with optional element text, kept in label order.
public final class SetData {
    public private(set) var texts = LabelMap<String>()
    private var sortedCache: [LabelTuple]? = []
    private var positionCache: [Label: Int]? = [:]
    private var indexCache: [Int: LabelMap<[LabelTuple]>] = [:]
    /// Incremented on every change.
    public private(set) var version = 0
    public let dimension: Int

    public init(dimension: Int) { self.dimension = dimension }

    /// Whether `t` is a member.
    @inline(__always) public func contains(_ t: LabelTuple) -> Bool { texts.contains(t) }

    /// The number of members.
    public var count: Int { texts.count }

    /// Adds a member (keeping existing text unless new text is given).
    public func insert(_ t: LabelTuple, text: String? = nil) {
        if let old = texts[t] {
            if let text = text, text != old { texts[t] = text }
            return
        }
        texts[t] = text ?? ""
        invalidate()
    }

    /// Removes a member.
    public func remove(_ t: LabelTuple) {
        if texts.removeValue(forKey: t) != nil { invalidate() }
    }

    /// Removes all members.
    public func removeAll() {
        if !texts.isEmpty { texts.removeAll(); invalidate() }
    }

    private func invalidate() {
        sortedCache = nil
        positionCache = nil
        indexCache.removeAll()
        version &+= 1
    }

    /// Members sorted lexicographically by label id (GAMS's order).
    public var sorted: [LabelTuple] {
        if let s = sortedCache { return s }
        let d = dimension
        let s = texts.keys.sorted { a, b in
            for k in 0..<d where a[k] != b[k] { return a[k] < b[k] }
            return false
        }
        sortedCache = s
        return s
    }

    /// 0-based position of a label in a one-dimensional set.
    public func position(of label: Label) -> Int? {
        if positionCache == nil {
            var p: [Label: Int] = [:]
            for (k, t) in sorted.enumerated() { p[t[0]] = k }
            positionCache = p
        }
        return positionCache?[label]
    }

    /// Members grouped by the labels at the positions in `mask` (bit k = position k bound):
    /// the key holds the bound labels (others 0).
    public func index(mask: Int) -> LabelMap<[LabelTuple]> {
        if let i = indexCache[mask] { return i }
        var idx = LabelMap<[LabelTuple]>()
        for t in sorted {
            var key = LabelTuple(repeating: 0)
            for k in 0..<dimension where mask & (1 << k) != 0 { key[k] = t[k] }
            idx[key, default: []].append(t)
        }
        indexCache[mask] = idx
        return idx
    }
}

/// A declared symbol and its data.
public final class Symbol {
    public let id: Int
    public let name: String
    public let kind: SymbolKind
    public var text: String
    /// Domain sets (nil entries stand for the universe `*`).
    public var domain: [Symbol?]
    /// Whether the dimension is known (symbols declared without a domain learn it from data).
    public var dimensionKnown: Bool
    /// Line of the declaration.
    public let line: Int
    /// File and 1-based column of the declaration's name ("" and 0 when unknown).
    public var file = ""
    public var column = 0

    /// For aliases: the set this name stands for.
    public var aliasOf: Symbol?
    /// Set members (sets only; aliases share their target's).
    public var setData: SetData
    /// Parameter values (sparse; zeros are absent, `EPS` is stored).
    public var values = LabelMap<Double>()
    /// Variable type (variables only).
    public var variableKind: VariableKind = .free
    /// Variable and equation records.
    public var records = LabelMap<VarRecord>()
    /// Whether the symbol has received data or an assignment.
    public var hasData = false
    /// Sets only: how the model moves along the set (a lag or lead, or `ord` and the position
    /// attributes), which says whether its order means something, as time does (report charts).
    public var sequenceUse = SetSequenceUse.none

    public init(id: Int, name: String, kind: SymbolKind, domain: [Symbol?], text: String, line: Int,
                dimensionKnown: Bool = true) {
        self.id = id
        self.name = name
        self.kind = kind
        self.domain = domain
        self.text = text
        self.line = line
        self.dimensionKnown = dimensionKnown
        self.setData = SetData(dimension: max(domain.count, 0))
    }

    /// The number of indices.
    public var dimension: Int { domain.count }

    /// The set an alias stands for, or the symbol itself.
    public var root: Symbol { aliasOf?.root ?? self }

    /// Default record of a variable (by type) or equation.
    public func defaultRecord() -> VarRecord {
        VarRecord(lower: variableKind.defaultLower, upper: variableKind.defaultUpper)
    }

    /// The names of the domain sets (`*` for the universe).
    public var domainNames: [String] { domain.map { $0?.name ?? "*" } }
}
