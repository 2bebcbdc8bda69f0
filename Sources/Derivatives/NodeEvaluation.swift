import IR

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Values, first partials and second partials of single DAG nodes.
///
/// All functions work on raw pointers into the node table (`nodes`), the argument table
/// (`args`, node indices), the node values (`val`) and the point (`x`). An evaluation error is
/// reported as NaN: the callers test every result with `isFinite`, which also catches overflow.

let ln10 = 2.302585092994045684017991454684364208
let ln2 = 0.693147180559945309417232121458176568

/// Evaluates node `i` from the values of its arguments. When `partial` is given, also stores
/// ∂node/∂argument for every argument edge at `partial[firstArgument + k]`; the result is then
/// NaN when any of those partials is not finite either.
@inline(__always)
func evaluateNode(_ i: Int, _ nodes: UnsafePointer<NLNode>, _ args: UnsafePointer<Int32>,
                  _ val: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                  _ partial: UnsafeMutablePointer<Double>?) -> Double {
    let node = nodes[i]
    let first = Int(node.firstArgument)
    let n = Int(node.argumentCount)
    switch node.op {
    case .constant:
        return node.value
    case .variable:
        return x[Int(node.column)]
    case .sum:
        var s = 0.0
        for k in 0 ..< n { s += val[Int(args[first + k])] }
        if let p = partial { for k in 0 ..< n { p[first + k] = 1 } }
        return s
    case .product:
        var product = 1.0
        for k in 0 ..< n { product *= val[Int(args[first + k])] }
        if let p = partial {
            if n == 1 {
                p[first] = 1
            } else if n == 2 {
                p[first] = val[Int(args[first + 1])]
                p[first + 1] = val[Int(args[first])]
            } else {
                // Prefix products, then times suffix products: no division, exact at zeros.
                var running = 1.0
                for k in 0 ..< n {
                    p[first + k] = running
                    running *= val[Int(args[first + k])]
                }
                running = 1.0
                var k = n - 1
                while k >= 0 {
                    p[first + k] *= running
                    if !p[first + k].isFinite { return .nan }
                    running *= val[Int(args[first + k])]
                    k -= 1
                }
            }
        }
        return product
    case .subtract:
        if let p = partial {
            p[first] = 1
            p[first + 1] = -1
        }
        return val[Int(args[first])] - val[Int(args[first + 1])]
    case .divide:
        let a = val[Int(args[first])], b = val[Int(args[first + 1])]
        if b == 0 { return .nan }
        let v = a / b
        if let p = partial {
            let da = 1 / b, db = -v / b
            if !da.isFinite || !db.isFinite { return .nan }
            p[first] = da
            p[first + 1] = db
        }
        return v
    case .negate:
        if let p = partial { p[first] = -1 }
        return -val[Int(args[first])]
    case .power:
        let a = val[Int(args[first])], b = val[Int(args[first + 1])]
        if a > 0 {
            let v = pow(a, b)
            if let p = partial {
                let da = b * pow(a, b - 1), db = v * log(a)
                if !da.isFinite || !db.isFinite { return .nan }
                p[first] = da
                p[first + 1] = db
            }
            return v
        }
        if a == 0 && b > 0 {
            if let p = partial {
                // d/da a^b at 0: 0 for b > 1, 1 for b = 1, infinite below; d/db a^b → 0.
                if b < 1 { return .nan }
                p[first] = b == 1 ? 1 : 0
                p[first + 1] = 0
            }
            return 0
        }
        return .nan
    case .powerConstant:
        let a = val[Int(args[first])], e = node.value
        if e == 2 {
            if let p = partial { p[first] = 2 * a }
            return a * a
        }
        if e == e.rounded(.towardZero) {
            if a == 0 && e < 0 { return .nan }
        } else if a < 0 || (a == 0 && e < 1) {
            return .nan
        }
        if let p = partial {
            let d = e == 0 ? 0 : (e == 1 ? 1 : e * pow(a, e - 1))
            if !d.isFinite { return .nan }
            p[first] = d
        }
        return pow(a, e)
    case .constantPower:
        let a = val[Int(args[first])], c = node.value
        if c > 0 {
            let v = pow(c, a)
            if let p = partial {
                let d = v * log(c)
                if !d.isFinite { return .nan }
                p[first] = d
            }
            return v
        }
        if c == 0 && a > 0 {
            if let p = partial { p[first] = 0 }
            return 0
        }
        return .nan
    case .sqr:
        let a = val[Int(args[first])]
        if let p = partial { p[first] = 2 * a }
        return a * a
    case .sqrt:
        let a = val[Int(args[first])]
        if a < 0 { return .nan }
        let v = a.squareRoot()
        if let p = partial {
            let d = 0.5 / v
            if !d.isFinite { return .nan }
            p[first] = d
        }
        return v
    case .exp:
        let v = exp(val[Int(args[first])])
        if let p = partial { p[first] = v }
        return v
    case .log, .log10, .log2:
        let a = val[Int(args[first])]
        if !(a > 0) { return .nan }
        let scale = node.op == .log ? 1 : (node.op == .log10 ? ln10 : ln2)
        if let p = partial {
            let d = 1 / (a * scale)
            if !d.isFinite { return .nan }
            p[first] = d
        }
        return node.op == .log ? log(a) : (node.op == .log10 ? log10(a) : log2(a))
    case .sin:
        let a = val[Int(args[first])]
        if let p = partial { p[first] = cos(a) }
        return sin(a)
    case .cos:
        let a = val[Int(args[first])]
        if let p = partial { p[first] = -sin(a) }
        return cos(a)
    case .tan:
        let v = tan(val[Int(args[first])])
        if let p = partial {
            let d = 1 + v * v
            if !d.isFinite { return .nan }
            p[first] = d
        }
        return v
    case .arctan:
        let a = val[Int(args[first])]
        if let p = partial { p[first] = 1 / (1 + a * a) }
        return atan(a)
    case .abs:
        let a = val[Int(args[first])]
        if let p = partial { p[first] = a > 0 ? 1 : (a < 0 ? -1 : 0) }
        return Swift.abs(a)
    case .sigmoid:
        let (s, t) = sigmoidPair(val[Int(args[first])])
        if let p = partial { p[first] = s * t }
        return s
    case .min, .max:
        if n == 0 { return .nan }
        var best = 0
        var bestValue = val[Int(args[first])]
        for k in 1 ..< n {
            let v = val[Int(args[first + k])]
            if node.op == .min ? v < bestValue : v > bestValue {
                best = k
                bestValue = v
            }
        }
        if let p = partial { for k in 0 ..< n { p[first + k] = k == best ? 1 : 0 } }
        return bestValue
    case .ifThen:
        let taken = val[Int(args[first])] != 0 ? 1 : 2
        if let p = partial {
            p[first] = 0
            p[first + 1] = taken == 1 ? 1 : 0
            p[first + 2] = taken == 2 ? 1 : 0
        }
        return val[Int(args[first + taken])]
    case .lessThan, .lessEqual, .greaterThan, .greaterEqual, .equal, .notEqual, .and, .or:
        let a = val[Int(args[first])], b = val[Int(args[first + 1])]
        if let p = partial {
            p[first] = 0
            p[first + 1] = 0
        }
        let truth: Bool
        switch node.op {
        case .lessThan: truth = a < b
        case .lessEqual: truth = a <= b
        case .greaterThan: truth = a > b
        case .greaterEqual: truth = a >= b
        case .equal: truth = a == b
        case .notEqual: truth = a != b
        case .and: truth = a != 0 && b != 0
        default: truth = a != 0 || b != 0
        }
        return truth ? 1 : 0
    case .not:
        if let p = partial { p[first] = 0 }
        return val[Int(args[first])] == 0 ? 1 : 0
    }
}

/// `(s, 1 - s)` for `s = 1 / (1 + exp(-a))`, both computed without cancellation or overflow.
@inline(__always)
func sigmoidPair(_ a: Double) -> (Double, Double) {
    if a >= 0 {
        let e = exp(-a)
        return (1 / (1 + e), e / (1 + e))
    }
    let e = exp(a)
    return (e / (1 + e), 1 / (1 + e))
}

/// ∂²node/∂arg_e∂arg_f for argument positions `e ≤ f` of node `i`, from the values of the node
/// and its arguments. Only called for pairs whose second partial is structurally non-zero.
@inline(__always)
func secondPartial(_ i: Int, _ e: Int, _ f: Int, _ nodes: UnsafePointer<NLNode>,
                   _ args: UnsafePointer<Int32>, _ val: UnsafePointer<Double>) -> Double {
    let node = nodes[i]
    let first = Int(node.firstArgument)
    switch node.op {
    case .product:
        let n = Int(node.argumentCount)
        if n == 2 { return 1 }
        if n == 3 { return val[Int(args[first + 3 - e - f])] }
        var h = 1.0
        for k in 0 ..< n where k != e && k != f {
            h *= val[Int(args[first + k])]
        }
        return h
    case .divide:
        let a = val[Int(args[first])], b = val[Int(args[first + 1])]
        if f == 0 { return 0 }
        if e == 0 { return -1 / (b * b) }
        return 2 * a / (b * b * b)
    case .power:
        let a = val[Int(args[first])], b = val[Int(args[first + 1])]
        if a > 0 {
            let la = log(a)
            if f == 0 { return b * (b - 1) * pow(a, b - 2) }
            if e == 0 { return pow(a, b - 1) * (1 + b * la) }
            return val[i] * la * la
        }
        // a = 0 (the value exists only for b > 0): the limits as a → 0+.
        if f == 0 { return b == 1 || b > 2 ? 0 : (b == 2 ? 2 : .nan) }
        if e == 0 { return b > 1 ? 0 : .nan }
        return 0
    case .powerConstant:
        let a = val[Int(args[first])], p = node.value
        if p == 2 { return 2 }
        if p == 1 || p == 0 { return 0 }
        return p * (p - 1) * pow(a, p - 2)
    case .constantPower:
        let c = node.value
        if !(c > 0) { return 0 }
        let lc = log(c)
        return val[i] * lc * lc
    case .sqr:
        return 2
    case .sqrt:
        let a = val[Int(args[first])]
        return a > 0 ? -0.25 / (a * val[i]) : .nan
    case .exp:
        return val[i]
    case .log:
        let a = val[Int(args[first])]
        return -1 / (a * a)
    case .log10:
        let a = val[Int(args[first])]
        return -1 / (a * a * ln10)
    case .log2:
        let a = val[Int(args[first])]
        return -1 / (a * a * ln2)
    case .sin, .cos:
        return -val[i]
    case .tan:
        let v = val[i]
        return 2 * v * (1 + v * v)
    case .arctan:
        let a = val[Int(args[first])]
        let q = 1 + a * a
        return -2 * a / (q * q)
    case .sigmoid:
        let (s, t) = sigmoidPair(val[Int(args[first])])
        return s * t * (t - s)
    default:
        return 0
    }
}
