/// The kind of a GDX symbol, numbered as GDX files store it.
public enum GDXSymbolKind: UInt8, Sendable, CaseIterable {
    case set = 0, parameter = 1, variable = 2, equation = 3, alias = 4

    /// The number of value fields each record of this kind carries.
    public var valueCount: Int {
        switch self {
        case .set, .parameter, .alias: return 1
        case .variable, .equation: return 5
        }
    }
}

/// A variable's type, numbered as GDX files store it (the symbol's "user info").
public enum GDXVariableType: Int32, Sendable, CaseIterable {
    case unknown = 0, binary, integer, positive, negative, free, sos1, sos2, semicont, semiint

    /// The record a variable of this type has when none is stored: level, marginal, lower,
    /// upper, scale.
    public var defaultValues: [GDXValue] {
        let (lo, up): (GDXValue, GDXValue)
        switch self {
        case .unknown: (lo, up) = (.number(0), .number(0))
        case .binary: (lo, up) = (.number(0), .number(1))
        case .integer, .positive, .sos1, .sos2: (lo, up) = (.number(0), .positiveInfinity)
        case .negative: (lo, up) = (.negativeInfinity, .number(0))
        case .free: (lo, up) = (.negativeInfinity, .positiveInfinity)
        case .semicont, .semiint: (lo, up) = (.number(1), .positiveInfinity)
        }
        return [.number(0), .number(0), lo, up, .number(1)]
    }
}

/// An equation's type (`=e=`, `=g=`, …); GDX files store it offset by 53 in the symbol's user info.
public enum GDXEquationType: Int32, Sendable, CaseIterable {
    case equal = 0, greater, less, nonbinding, external, cone, boolean

    /// The offset GDX files add to the type in the symbol's user info.
    public static let userInfoBase: Int32 = 53

    /// The record an equation of this type has when none is stored.
    public var defaultValues: [GDXValue] {
        let (lo, up): (GDXValue, GDXValue)
        switch self {
        case .equal, .external, .boolean: (lo, up) = (.number(0), .number(0))
        case .greater, .cone: (lo, up) = (.number(0), .positiveInfinity)
        case .less: (lo, up) = (.negativeInfinity, .number(0))
        case .nonbinding: (lo, up) = (.negativeInfinity, .positiveInfinity)
        }
        return [.number(0), .number(0), lo, up, .number(1)]
    }
}

/// The positions of the value fields of a variable or equation record.
public enum GDXField: Int, Sendable, CaseIterable {
    case level = 0, marginal, lower, upper, scale
}

/// One record: unique-element indices (1-based into ``GDXFile/uels``) and its value fields
/// (one for sets and parameters, five for variables and equations). A set record's single
/// value is the index of its element text in ``GDXFile/setTexts`` (0: no text).
public struct GDXRecord: Hashable, Sendable {
    public var keys: [Int]
    public var values: [GDXValue]

    public init(keys: [Int], values: [GDXValue]) {
        self.keys = keys
        self.values = values
    }

    /// A set record's element-text index.
    public var textIndex: Int {
        if case .number(let x)? = values.first, x >= 1, x < Double(Int32.max) { return Int(x.rounded()) }
        return 0
    }
}

/// One symbol of a GDX file.
public struct GDXSymbol: Hashable, Sendable {
    public var name: String
    public var kind: GDXSymbolKind
    public var dimension: Int
    /// The domain of each index position: a set's name or `*`.
    public var domain: [String]
    /// The explanatory text.
    public var text: String
    /// Variables: the variable type.
    public var variableType: GDXVariableType
    /// Equations: the equation type.
    public var equationType: GDXEquationType
    /// Aliases: the name of the aliased set, or `*` for an alias of the universe.
    public var aliasTarget: String?
    /// Records sorted by keys (the writer sorts them).
    public var records: [GDXRecord]
    /// Comment lines stored with the symbol.
    public var comments: [String]

    public init(name: String, kind: GDXSymbolKind, domain: [String], text: String = "",
                variableType: GDXVariableType = .free, equationType: GDXEquationType = .equal,
                aliasTarget: String? = nil, records: [GDXRecord] = [], comments: [String] = []) {
        self.name = name
        self.kind = kind
        self.dimension = domain.count
        self.domain = domain
        self.text = text
        self.variableType = variableType
        self.equationType = equationType
        self.aliasTarget = aliasTarget
        self.records = records
        self.comments = comments
    }

    /// The default record values of this symbol's kind and type (what unstored entries hold).
    public var defaultValues: [GDXValue] {
        switch kind {
        case .variable: return variableType.defaultValues
        case .equation: return equationType.defaultValues
        case .set, .parameter, .alias: return [.number(0)]
        }
    }
}

/// An acronym declared in a GDX file.
public struct GDXAcronym: Hashable, Sendable {
    public var name: String
    public var text: String
    public var index: Int

    public init(name: String, text: String, index: Int) {
        self.name = name
        self.text = text
        self.index = index
    }
}

/// The contents of a GDX file: producer, unique elements, set texts and symbols.
public struct GDXFile: Sendable {
    /// The program that wrote the file.
    public var producer: String
    /// The writing library's audit line (read from a file; the writer sets its own).
    public var auditLine: String
    /// The unique elements (labels); records refer to them by 1-based index.
    public private(set) var uels: [String] = []
    /// Element texts; index 0 is the empty text.
    public private(set) var setTexts: [String] = [""]
    public var symbols: [GDXSymbol] = []
    public var acronyms: [GDXAcronym] = []
    private var uelIndex: [String: Int] = [:]
    private var textIndex: [String: Int] = ["": 0]

    public init(producer: String = "enm", auditLine: String = "") {
        self.producer = producer
        self.auditLine = auditLine
    }

    /// The 1-based index of `label`, adding it when new (labels compare case-insensitively, as in GAMS).
    @discardableResult
    public mutating func intern(_ label: String) -> Int {
        let key = label.lowercased()
        if let k = uelIndex[key] { return k }
        uels.append(label)
        uelIndex[key] = uels.count
        return uels.count
    }

    /// The 1-based index of `label`, if the file has it.
    public func index(of label: String) -> Int? { uelIndex[label.lowercased()] }

    /// The label with 1-based index `k`, or `L__k` (as gdxdump shows it) when there is none.
    public func uel(_ k: Int) -> String { k >= 1 && k <= uels.count ? uels[k - 1] : "L__\(k)" }

    /// The index of an element text, adding it when new.
    @discardableResult
    public mutating func addSetText(_ text: String) -> Int {
        if let k = textIndex[text] { return k }
        setTexts.append(text)
        textIndex[text] = setTexts.count - 1
        return setTexts.count - 1
    }

    /// The element text with index `k` ("" when out of range).
    public func setText(_ k: Int) -> String { k >= 0 && k < setTexts.count ? setTexts[k] : "" }

    /// The symbol named `name` (case-insensitively).
    public func symbol(named name: String) -> GDXSymbol? {
        let key = name.lowercased()
        return symbols.first { $0.name.lowercased() == key }
    }

    /// Appends a text read from a file as is, keeping duplicates at their positions.
    mutating func appendStoredSetText(_ text: String) {
        setTexts.append(text)
        if textIndex[text] == nil { textIndex[text] = setTexts.count - 1 }
    }

    /// Replaces the set-text table with the one read from a file (its first entry is the empty text).
    mutating func resetSetTexts() {
        setTexts = []
        textIndex = [:]
    }

    /// Appends a unique element read from a file as is.
    mutating func appendStoredUEL(_ label: String) {
        uels.append(label)
        let key = label.lowercased()
        if uelIndex[key] == nil { uelIndex[key] = uels.count }
    }
}
