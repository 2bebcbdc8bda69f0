/// One value field of a GDX record: a finite number or one of GAMS's special values.
///
/// GDX files store the special values as codes, independent of how a program represents
/// them; ``GDXValue`` keeps them apart from ordinary numbers so nothing is lost either way.
public enum GDXValue: Hashable, Sendable {
    /// A finite number.
    case number(Double)
    /// `UNDF`: the result of an undefined operation.
    case undefined
    /// `NA`: not available.
    case notAvailable
    /// `+INF`.
    case positiveInfinity
    /// `-INF`.
    case negativeInfinity
    /// `EPS`: a stored zero.
    case epsilon
    /// An acronym, by its index.
    case acronym(Int)

    /// The value standing for `x`: infinities become `±INF` and a NaN `NA`, as GAMS's GDX
    /// library stores them.
    public init(_ x: Double) {
        if x.isNaN {
            self = .notAvailable
        } else if x.isInfinite {
            self = x > 0 ? .positiveInfinity : .negativeInfinity
        } else {
            self = .number(x)
        }
    }

    /// The number, with `+INF`/`-INF` as infinities, `EPS` as zero and the other special values as NaN.
    public var doubleValue: Double {
        switch self {
        case .number(let x): return x
        case .positiveInfinity: return .infinity
        case .negativeInfinity: return -.infinity
        case .epsilon: return 0
        case .undefined, .notAvailable, .acronym: return .nan
        }
    }
}

/// How a value is coded in a data record: one byte, followed by the double for ``normal``.
enum GDXValueCode: UInt8 {
    case undefined = 0, notAvailable, positiveInfinity, negativeInfinity, epsilon
    case zero, one, minusOne, half, two
    case normal

    /// The double GAMS's GDX library keeps for an acronym with index 1 (acronym k is k times it).
    static let acronymUnit = 1.0e301

    /// The code and, for ``normal``, the double that follows it.
    static func encode(_ v: GDXValue) -> (GDXValueCode, Double?) {
        switch v {
        case .undefined: return (.undefined, nil)
        case .notAvailable: return (.notAvailable, nil)
        case .positiveInfinity: return (.positiveInfinity, nil)
        case .negativeInfinity: return (.negativeInfinity, nil)
        case .epsilon: return (.epsilon, nil)
        case .acronym(let k): return (.normal, Double(k) * acronymUnit)
        case .number(let x):
            // -0.0 is a plain zero here; EPS is its own case
            switch x {
            case 0: return (.zero, nil)
            case 1: return (.one, nil)
            case -1: return (.minusOne, nil)
            case 0.5: return (.half, nil)
            case 2: return (.two, nil)
            default: return (.normal, x)
            }
        }
    }

    /// The value of a code that is not ``normal``.
    var fixedValue: GDXValue {
        switch self {
        case .undefined: return .undefined
        case .notAvailable: return .notAvailable
        case .positiveInfinity: return .positiveInfinity
        case .negativeInfinity: return .negativeInfinity
        case .epsilon: return .epsilon
        case .zero: return .number(0)
        case .one: return .number(1)
        case .minusOne: return .number(-1)
        case .half: return .number(0.5)
        case .two: return .number(2)
        case .normal: return .number(0)
        }
    }

    /// The value of a double read after a ``normal`` code. GAMS's own special-value doubles
    /// (1e300 … 5e300) and acronyms (multiples of 1e301) are recognised as well, since
    /// writers that bypass the library's mapping store them that way.
    static func decode(_ x: Double) -> GDXValue {
        if x.isNaN { return .notAvailable }
        if x.isInfinite { return x > 0 ? .positiveInfinity : .negativeInfinity }
        if x >= acronymUnit { return .acronym(Int((x / acronymUnit).rounded())) }
        if x >= 1.0e300 {
            switch Int((x / 1.0e300).rounded()) {
            case 2: return .notAvailable
            case 3: return .positiveInfinity
            case 4: return .negativeInfinity
            case 5: return .epsilon
            default: return .undefined
            }
        }
        return .number(x)
    }
}
