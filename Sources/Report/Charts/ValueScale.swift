import Foundation

/// A value axis: its range and "nice" ticks (1, 2 or 5 × 10^k on a linear axis, powers of ten on
/// a log axis), covering every value given.
public struct ValueScale: Sendable, Equatable {
    /// The axis ends (on a log axis, the values at the ends, not their logarithms).
    public var low: Double
    public var high: Double
    public var isLog: Bool
    /// Tick values, ascending, within `low...high`.
    public var ticks: [Double]

    /// A linear scale over the values and 0, or a log scale when asked or when no value is
    /// negative, at most a third are zero and the others span more than three decades (a
    /// convergence history). A log scale covers every positive value; zeros cannot be on it.
    /// `fromZero: false` lets a line chart whose values all lie far from zero (wallets between
    /// 97 and 101) zoom in on them instead of starting at 0.
    public init(values: [Double], log: Bool? = nil, targetTicks: Int = 6, fromZero: Bool = true) {
        let finite = values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let positive = finite.filter { $0 > 0 }
        let smallest = positive.min() ?? 0
        let looksLog = lo >= 0 && smallest > 0 && hi / smallest > 1e3 && positive.count * 3 >= finite.count * 2
        if (log ?? looksLog) && smallest > 0 {
            self = ValueScale.logarithmic(smallest, hi)
        } else {
            let far = !fromZero && (lo > 0 ? lo > 0.6 * hi : hi < 0 && hi < 0.6 * lo)
            self = far ? ValueScale.linear(lo, hi, targetTicks: targetTicks)
                : ValueScale.linear(Swift.min(lo, 0), Swift.max(hi, 0), targetTicks: targetTicks)
        }
    }

    init(low: Double, high: Double, isLog: Bool, ticks: [Double]) {
        self.low = low
        self.high = high
        self.isLog = isLog
        self.ticks = ticks
    }

    /// The least step of 1, 2, 5 × 10^k that is at least `rough`.
    public static func niceStep(_ rough: Double) -> Double {
        let (nice, exponent) = niceParts(rough)
        return multiple(nice, exponent)
    }

    /// The mantissa (1, 2 or 5) and exponent of the nice step for `rough`.
    static func niceParts(_ rough: Double) -> (Int, Int) {
        guard rough > 0, rough.isFinite else { return (1, 0) }
        var exponent = Int(Foundation.floor(Foundation.log10(rough)))
        let fraction = rough / Foundation.pow(10, Double(exponent))
        let nice: Int
        if fraction <= 1 + 1e-9 { nice = 1 } else if fraction <= 2 + 1e-9 { nice = 2 } else if fraction <= 5 + 1e-9 { nice = 5 } else {
            nice = 1
            exponent += 1
        }
        return (nice, exponent)
    }

    /// `k × 10^exponent` computed so that 3 × 0.2 is 0.6, not 0.6000000000000001.
    static func multiple(_ k: Int, _ exponent: Int) -> Double {
        exponent >= 0 ? Double(k) * Foundation.pow(10, Double(exponent)) : Double(k) / Foundation.pow(10, Double(-exponent))
    }

    static func linear(_ lo: Double, _ hi: Double, targetTicks: Int) -> ValueScale {
        var lo = lo, hi = hi
        if hi - lo < 1e-300 * Swift.max(1, abs(hi)) || hi == lo {
            // one value: a range around it
            let pad = lo == 0 ? 1 : abs(lo) * 0.5
            lo = Swift.min(lo, 0) - (lo < 0 ? pad : 0); hi = Swift.max(hi, 0) + (hi >= 0 ? pad : 0)
        }
        let (nice, exponent) = niceParts((hi - lo) / Double(Swift.max(1, targetTicks - 1)))
        let step = multiple(nice, exponent)
        // ticks are whole multiples of the step, computed from integers so that they read exactly
        let first = Int(Foundation.floor(lo / step + 1e-9)), last = Int(Foundation.ceil(hi / step - 1e-9))
        let ticks = (first...Swift.max(last, first + 1)).map { multiple($0 * nice, exponent) }
        return ValueScale(low: ticks[0], high: ticks[ticks.count - 1], isLog: false, ticks: ticks)
    }

    static func logarithmic(_ lo: Double, _ hi: Double) -> ValueScale {
        var first = Int(Foundation.floor(Foundation.log10(lo))), last = Int(Foundation.ceil(Foundation.log10(hi)))
        if last == first { last += 1 }
        // a value a hair under a power of ten must not fall below the axis
        if Foundation.pow(10, Double(first)) > lo { first -= 1 }
        let every = Swift.max(1, Int((Double(last - first) / 8).rounded(.up)))
        // the top tick is the axis's end, above the largest value
        last = first + every * Int((Double(last - first) / Double(every)).rounded(.up))
        let ticks = stride(from: first, through: last, by: every).map { Foundation.pow(10, Double($0)) }
        return ValueScale(low: Foundation.pow(10, Double(first)), high: Foundation.pow(10, Double(last)), isLog: true, ticks: ticks)
    }

    /// Where `v` falls on the axis, 0 at `low` and 1 at `high` (clamped for a log axis's non-positives).
    public func fraction(_ v: Double) -> Double {
        if isLog {
            let l = Foundation.log10(low), h = Foundation.log10(high)
            return (Foundation.log10(Swift.max(v, low)) - l) / (h - l)
        }
        return (v - low) / (high - low)
    }

    /// A tick's label: short, without trailing zeros (`0.25`, `1500`, `2.5e+06`, `1e-8`).
    public func label(_ v: Double) -> String {
        if isLog {
            let e = Int(Foundation.log10(v).rounded())
            return (-3...4).contains(e) ? ValueScale.plain(v) : "1e\(e)"
        }
        return ValueScale.plain(v)
    }

    static func plain(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e6 || a < 1e-4 { return String(format: "%g", v) }
        var s = String(format: "%.6f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
