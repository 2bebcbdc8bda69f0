/// An interned label: a small integer standing for a GAMS label (a unique element).
public typealias Label = UInt32

/// A tuple of up to eight labels packed into one hashable value; unused positions hold 0.
///
/// Its hash feeds one 64-bit word to the hasher instead of eight 32-bit ones (hashing label
/// tuples is the inner loop of generation): the word is the first two labels exactly, the
/// others folded in with odd multipliers, so tuples of up to two labels never collide.
public struct LabelTuple: Hashable, Sendable {
    public var raw: SIMD8<UInt32>

    @inline(__always) public init(repeating value: UInt32) { raw = SIMD8(repeating: value) }

    @inline(__always) public subscript(position: Int) -> UInt32 {
        get { raw[position] }
        set { raw[position] = newValue }
    }

    @inline(__always) public static func == (a: LabelTuple, b: LabelTuple) -> Bool { a.raw == b.raw }

    @inline(__always) public func hash(into hasher: inout Hasher) {
        let w = unsafeBitCast(raw, to: (UInt64, UInt64, UInt64, UInt64).self)
        hasher.combine(w.0 &+ w.1 &* 0x9E37_79B9_7F4A_7C15 &+ w.2 &* 0xC2B2_AE3D_27D4_EB4F &+ w.3 &* 0x1656_67B1_9E37_79F9)
    }
}

/// The most indices a symbol may have.
public let maxDimension = 8

/// Interns labels case-insensitively, keeping the spelling of their first appearance.
///
/// Label ids start at 1 and follow the order of first appearance, which is GAMS's
/// unique-element order: sets are iterated and displayed in it.
public final class LabelTable {
    private var ids: [String: Label] = [:]
    /// The display spelling of each label, indexed by id (index 0 is unused).
    public private(set) var names: [String] = [""]
    /// The number each label reads as (NaN: not a number), for the labels up to its count.
    private var numbers: [Double] = [.nan]

    public init() {}

    /// Returns the id of `name`, interning it if it is new.
    public func intern(_ name: String) -> Label {
        let key = LabelTable.key(name)
        if let id = ids[key] { return id }
        let id = Label(names.count)
        names.append(name)
        ids[key] = id
        return id
    }

    /// Returns the id of `name` if it has been seen before.
    public func lookup(_ name: String) -> Label? { ids[LabelTable.key(name)] }

    /// The display spelling of a label.
    public func name(_ id: Label) -> String { names[Int(id)] }

    /// The number a label reads as (`2020`, `-1.5`, `1e3`), nil when it is not a number.
    /// Each label is read once; later calls look the number up.
    public func number(_ id: Label) -> Double? {
        let k = Int(id)
        while numbers.count <= k && numbers.count < names.count {
            numbers.append(LabelTable.decimal(names[numbers.count]) ?? .nan)
        }
        guard k < numbers.count else { return nil }
        let v = numbers[k]
        return v.isNaN ? nil : v
    }

    /// A label in decimal notation as a number: sign, digits with an optional fraction, optional
    /// exponent (no `inf`, `nan` or hexadecimal, which `Double.init` would accept).
    static func decimal(_ text: String) -> Double? {
        var mantissaDigits = 0, exponentDigits = 0, sawPoint = false, sawExponent = false
        var previous: UInt8? = nil
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigits += 1 } else { mantissaDigits += 1 }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                // a sign starts the label or the exponent
                guard previous == nil || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
            case UInt8(ascii: "."):
                guard !sawPoint, !sawExponent else { return nil }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard mantissaDigits > 0, !sawExponent else { return nil }
                sawExponent = true
            default:
                return nil
            }
            previous = c
        }
        guard mantissaDigits > 0, !sawExponent || exponentDigits > 0 else { return nil }
        return Double(text)
    }

    /// The number of labels interned so far.
    public var count: Int { names.count - 1 }

    /// The case-folded key labels are compared by.
    public static func key(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= 65 && $0 <= 90 || $0 >= 128 }) ? name.lowercased() : name
    }
}

extension LabelTuple {
    /// Builds a tuple from a list of labels.
    public init(labels: [Label]) {
        self.init(repeating: 0)
        for (k, l) in labels.enumerated() { self[k] = l }
    }

    /// The first `dimension` labels as an array.
    public func labels(_ dimension: Int) -> [Label] { (0..<dimension).map { self[$0] } }
}
