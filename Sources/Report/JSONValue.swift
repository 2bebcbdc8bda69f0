import IR

/// A JSON value with object keys kept in the order they were given, rendered compactly.
public indirect enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A floating-point number; non-finite values render as `null`.
    case number(Double)
    /// An integer.
    case int(Int)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep the given order.
    case object([(String, JSONValue)])

    /// The compact JSON text of this value (no insignificant whitespace).
    ///
    /// Numbers: `.int` as an integer; `.number` as an integer when it is integral and below
    /// 1e16 in magnitude (`350`, not `350.0`), otherwise in the shortest form that reads back
    /// to the same `Double` (`0.225`, `1e-05`, `1e+16`); negative zero renders as `0`, and
    /// infinities and NaN render as `null` (JSON has no such numbers). Strings escape `"`,
    /// `\`, all control characters below U+0020 (`\n`, `\t`, ... or `\u00XX`) and
    /// U+2028/U+2029; all other characters are written as UTF-8.
    public func render() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null:
            out += "null"
        case .bool(let value):
            out += value ? "true" : "false"
        case .number(let value):
            out += JSONValue.numberText(value)
        case .int(let value):
            out += String(value)
        case .string(let value):
            JSONValue.writeString(value, to: &out)
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(member.0, to: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        }
    }

    /// The JSON text of a double (see ``render()``).
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e16 {
            return String(Int64(value))
        }
        return value.description
    }

    /// Appends `text` as a quoted, escaped JSON string.
    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The `displays` entry of `enm --json` for one displayed item:
    /// `{"line": N, "symbol": name, "attribute": "l"|"m"|...|null, "domain": [set names],
    /// "records": [[label, ..., value], ...]}`.
    ///
    /// Values are JSON numbers, except GAMS's special values, which are the strings `"EPS"`,
    /// `"+INF"`, `"-INF"`, `"NA"` and `"UNDF"` — so `EPS` stays distinguishable from a zero.
    /// Set members have the value `1`. A scalar (no indices) has exactly one record, `[value]`,
    /// `[0]` when it is zero. A model attribute has its name in `"attribute"` (e.g.
    /// `"modelStat"`) and one record `[value]`. A quoted text item has the text as `"symbol"`,
    /// a null attribute, and empty `"domain"` and `"records"`.
    public static func displayRecordsJSON(_ item: DisplayItem) -> JSONValue {
        let attribute: JSONValue = item.attribute.map { .string($0) } ?? .null
        guard item.kind != .text else {
            return .object([
                ("line", .int(item.line)), ("symbol", .string(item.symbol)),
                ("attribute", .null), ("domain", .array([])), ("records", .array([])),
            ])
        }
        let isSet = item.kind == .set
        var records: [JSONValue] = item.records.map { record in
            let value: JSONValue = isSet ? .int(1) : acronymOrValueJSON(record)
            return .array(record.labels.map { .string($0) } + [value])
        }
        let isScalar = item.kind == .model || (!isSet && item.dimension == 0)
        if isScalar {
            records = [.array([item.records.first.map(acronymOrValueJSON) ?? valueJSON(0)])]
        }
        return .object([
            ("line", .int(item.line)),
            ("symbol", .string(item.symbol)),
            ("attribute", attribute),
            ("domain", .array(item.domain.map { .string($0) })),
            ("records", .array(records)),
        ])
    }

    /// A record's value as JSON: an acronym by its name, any other value by `valueJSON`.
    static func acronymOrValueJSON(_ record: DisplayRecord) -> JSONValue {
        if SpecialValue.acronymIndex(record.value) != nil, let name = record.text { return .string(name) }
        return valueJSON(record.value)
    }

    /// A value as JSON: a number, or the name of a GAMS special value as a string.
    public static func valueJSON(_ value: Double) -> JSONValue {
        if let name = SpecialValue.name(of: value) { return .string(name) }
        return value.isNaN ? .string("UNDF") : .number(value)
    }
}

extension JSONValue: Equatable {
    /// Structural equality; object members must match in order. Numbers compare by value
    /// (so `.number(.nan)` is not equal to itself).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}
