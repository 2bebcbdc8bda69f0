import Foundation

/// The built-in functions of GAMS that enm knows. Each has one row in `descriptor`: adding a
/// function is a case here, its row, and (when it can appear in a model) the derivative of the
/// DAG operation it lowers to.
public enum BuiltinFunction: UInt8, CaseIterable, Sendable {
    case sqr, sqrt, exp, log, log10, log2, abs, max, min, ceil, floor, round, mod, sign, sin, cos, tan
    case arctan, power, uniform, uniformint, normal, ifthen, trunc, frac, div, rpower, errorf, sigmoid, exp10
    case na, undf

    /// This function's row of the table.
    @inline(__always) public var descriptor: FunctionDescriptor { Self.table[Int(rawValue)] }

    /// The GAMS name, lower case.
    public var name: String { descriptor.name }

    /// The function called `name` (lower case), nil for a name that is no built-in function.
    public init?(name: String) {
        guard let f = Self.byName[name] else { return nil }
        self = f
    }

    /// Every row, in the order of the cases.
    public static let table: [FunctionDescriptor] = allCases.map(\.row)

    private static let byName: [String: BuiltinFunction] =
        Dictionary(uniqueKeysWithValues: table.map { ($0.name, $0.function) })

    /// GAMS's `x ** y` (also `power` and `rPower`): a negative base needs an integer exponent,
    /// zero a non-negative one.
    public static func raise(_ x: Double, to y: Double) -> Result<Double, FunctionDomainError> {
        if x < 0 && y != y.rounded() {
            return .failure(FunctionDomainError(.fractionalPowerOfNegative,
                                                "power of a negative number (\(x)) to a fractional exponent (\(y))"))
        }
        if x == 0 && y < 0 { return .failure(FunctionDomainError(.divisionByZero, "division by zero: 0 to a negative power")) }
        return .success(Foundation.pow(x, y))
    }
}

private func outside(_ what: String) -> Result<Double, FunctionDomainError> {
    .failure(FunctionDomainError(.outsideDomain, what))
}

private func positive(_ x: Double, _ f: (Double) -> Double) -> Result<Double, FunctionDomainError> {
    x > 0 ? .success(f(x)) : outside("a non-positive number (\(x))")
}

/// Toward zero, as GAMS's `trunc`.
private func truncated(_ x: Double) -> Double { x < 0 ? Foundation.ceil(x) : Foundation.floor(x) }

private extension BuiltinFunction {
    /// The table: one descriptor per function.
    var row: FunctionDescriptor {
        typealias D = FunctionDescriptor
        switch self {
        case .sqr:
            return D(self, "sqr", .smooth, curvature: .convex, lowering: .init(.sqr), latex: .superscript(exponent: "2")) { a, _ in
                .success(a[0] * a[0])
            }
        case .sqrt:
            return D(self, "sqrt", .smooth, monotonicity: .nondecreasing, curvature: .concave, lowering: .init(.sqrt),
                     latex: .squareRoot) { a, _ in
                a[0] >= 0 ? .success(a[0].squareRoot()) : outside("a negative number (\(a[0]))")
            }
        case .exp:
            return D(self, "exp", .smooth, monotonicity: .nondecreasing, curvature: .convex, lowering: .init(.exp),
                     latex: .exponential) { a, _ in .success(Foundation.exp(a[0])) }
        case .exp10:
            return D(self, "exp10", .smooth, monotonicity: .nondecreasing, curvature: .convex,
                     lowering: .init(.constantPower, value: 10)) { a, _ in .success(Foundation.pow(10, a[0])) }
        case .log:
            return D(self, "log", .smooth, monotonicity: .nondecreasing, curvature: .concave, lowering: .init(.log),
                     latex: .command("\\ln")) { a, _ in positive(a[0], Foundation.log) }
        case .log10:
            return D(self, "log10", .smooth, monotonicity: .nondecreasing, curvature: .concave,
                     lowering: .init(.log10)) { a, _ in positive(a[0], Foundation.log10) }
        case .log2:
            return D(self, "log2", .smooth, monotonicity: .nondecreasing, curvature: .concave,
                     lowering: .init(.log2)) { a, _ in positive(a[0], Foundation.log2) }
        case .sin:
            return D(self, "sin", .smooth, lowering: .init(.sin), latex: .command("\\sin")) { a, _ in .success(Foundation.sin(a[0])) }
        case .cos:
            return D(self, "cos", .smooth, lowering: .init(.cos), latex: .command("\\cos")) { a, _ in .success(Foundation.cos(a[0])) }
        case .tan:
            return D(self, "tan", .smooth, lowering: .init(.tan), latex: .command("\\tan")) { a, _ in .success(Foundation.tan(a[0])) }
        case .arctan:
            return D(self, "arctan", .smooth, monotonicity: .nondecreasing, lowering: .init(.arctan)) { a, _ in
                .success(Foundation.atan(a[0]))
            }
        case .sigmoid:
            return D(self, "sigmoid", .smooth, monotonicity: .nondecreasing, lowering: .init(.sigmoid)) { a, _ in
                .success(1 / (1 + Foundation.exp(-a[0])))
            }
        case .power:
            return D(self, "power", arity: 2...2, .smooth, lowering: .init(.power), latex: .superscript(exponent: nil)) { a, _ in
                a[1] == a[1].rounded() ? Self.raise(a[0], to: a[1]) : outside("a fractional exponent (\(a[1])); use rPower")
            }
        case .rpower:
            return D(self, "rpower", arity: 2...2, .smooth, lowering: .init(.power), latex: .superscript(exponent: nil)) { a, _ in
                Self.raise(a[0], to: a[1])
            }
        case .abs:
            return D(self, "abs", .nonsmooth, curvature: .convex, lowering: .init(.abs), latex: .absoluteValue) { a, _ in
                .success(Swift.abs(a[0]))
            }
        case .max:
            return D(self, "max", arity: 2...20, .nonsmooth, monotonicity: .nondecreasing, curvature: .convex,
                     lowering: .init(.max), latex: .command("\\max")) { a, _ in .success(a.dropFirst().reduce(a[0], Swift.max)) }
        case .min:
            return D(self, "min", arity: 2...20, .nonsmooth, monotonicity: .nondecreasing, curvature: .concave,
                     lowering: .init(.min), latex: .command("\\min")) { a, _ in .success(a.dropFirst().reduce(a[0], Swift.min)) }
        case .ifthen:
            // the evaluator takes only the branch the condition picks; this eager form serves $eval
            return D(self, "ifthen", arity: 3...3, .nonsmooth, lowering: .init(.ifThen)) { a, _ in
                .success(a[0] != 0 && !a[0].isNaN ? a[1] : a[2])
            }
        case .ceil:
            return D(self, "ceil", .discontinuous, monotonicity: .nondecreasing) { a, _ in .success(Foundation.ceil(a[0])) }
        case .floor:
            return D(self, "floor", .discontinuous, monotonicity: .nondecreasing) { a, _ in .success(Foundation.floor(a[0])) }
        case .trunc:
            return D(self, "trunc", .discontinuous, monotonicity: .nondecreasing) { a, _ in .success(truncated(a[0])) }
        case .frac:
            return D(self, "frac", .discontinuous) { a, _ in .success(a[0] - truncated(a[0])) }
        case .round:
            return D(self, "round", arity: 1...2, .discontinuous) { a, _ in
                let scale = Foundation.pow(10, (a.count > 1 ? a[1] : 0).rounded())
                return .success((a[0] * scale).rounded(.toNearestOrAwayFromZero) / scale)
            }
        case .sign:
            return D(self, "sign", .discontinuous, monotonicity: .nondecreasing) { a, _ in
                .success(a[0] > 0 ? 1 : (a[0] < 0 ? -1 : 0))
            }
        case .mod:
            return D(self, "mod", arity: 2...2, .discontinuous) { a, _ in
                a[1] != 0 ? .success(Foundation.fmod(a[0], a[1])) : outside("a zero divisor")
            }
        case .div:
            return D(self, "div", arity: 2...2, .discontinuous) { a, _ in
                a[1] != 0 ? .success(a[0] / a[1]) : .failure(FunctionDomainError(.divisionByZero, "division by zero"))
            }
        case .errorf:
            // smooth in truth, but enm has no DAG operation for it and refuses it of variables
            return D(self, "errorf", .discontinuous, monotonicity: .nondecreasing) { a, _ in
                .success(0.5 * Foundation.erfc(-a[0] / 2.0.squareRoot()))
            }
        case .uniform:
            return D(self, "uniform", arity: 2...2, .discontinuous, drawsRandomNumbers: true) { a, draw in
                .success(a[0] + (a[1] - a[0]) * draw(.unit))
            }
        case .uniformint:
            return D(self, "uniformint", arity: 2...2, .discontinuous, drawsRandomNumbers: true) { a, draw in
                let lo = Foundation.ceil(a[0]), hi = Foundation.floor(a[1])
                guard hi >= lo else { return outside("an empty range [\(a[0]), \(a[1])]") }
                return .success(lo + Foundation.floor(draw(.unit) * (hi - lo + 1)))
            }
        case .normal:
            return D(self, "normal", arity: 2...2, .discontinuous, drawsRandomNumbers: true) { a, draw in
                .success(a[0] + a[1] * draw(.gaussian))
            }
        case .na:
            return D(self, "na", arity: 0...0, .discontinuous, isCallable: false) { _, _ in .success(SpecialValue.na) }
        case .undf:
            return D(self, "undf", arity: 0...0, .discontinuous, isCallable: false) { _, _ in .success(SpecialValue.undf) }
        }
    }
}
