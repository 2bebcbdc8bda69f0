/// Everything enm knows about one built-in function, in one place: every consumer (the run-time
/// evaluator, `$eval`, the parser, the classifier, equation generation and `enm tex`) reads it
/// from here instead of keeping its own `switch` over the functions.
///
/// The table itself is `BuiltinFunction.descriptor`; the derivative of a function that can appear
/// in a model is the derivative of its `lowering` operation (Sources/Derivatives).
public struct FunctionDescriptor: Sendable {
    /// Computes the value from the evaluated arguments; `draw` supplies random numbers (only
    /// functions with `drawsRandomNumbers` call it). A point outside the function's domain is a
    /// failure the caller reports.
    public typealias Evaluation = @Sendable (_ arguments: [Double], _ draw: (RandomDistribution) -> Double)
        -> Result<Double, FunctionDomainError>

    /// The function this row describes.
    public let function: BuiltinFunction
    /// The GAMS name, lower case (the parser matches names without regard to case).
    public let name: String
    /// How many arguments a call takes.
    public let arity: ClosedRange<Int>
    /// What the function does to the class of an expression of variables.
    public let smoothness: FunctionSmoothness
    /// The direction in which the value moves with every argument, where one holds on the
    /// whole domain (nil: not monotone, or not known).
    public let monotonicity: Monotonicity?
    /// The curvature on the whole (convex) domain, where one holds (nil: neither, or not known).
    public let curvature: Curvature?
    /// Whether it is written as a call with parentheses (`NA` and `UNDF` are written bare).
    public let isCallable: Bool
    /// Whether the value depends on the random number stream (not available at compile time).
    public let drawsRandomNumbers: Bool
    /// The operation of the nonlinear expression DAG a call of variables becomes, nil when the
    /// function cannot be part of a model.
    public let lowering: FunctionLowering?
    /// How `enm tex` writes a call.
    public let latex: FunctionLaTeX
    /// The value of a call, with the domain check.
    public let evaluate: Evaluation

    /// A row of the table; most functions take one argument, are called with parentheses and
    /// draw no random numbers.
    public init(_ function: BuiltinFunction, _ name: String, arity: ClosedRange<Int> = 1...1,
                _ smoothness: FunctionSmoothness, monotonicity: Monotonicity? = nil, curvature: Curvature? = nil,
                isCallable: Bool = true, drawsRandomNumbers: Bool = false,
                lowering: FunctionLowering? = nil, latex: FunctionLaTeX = .operatorName,
                evaluate: @escaping Evaluation) {
        self.function = function
        self.name = name
        self.arity = arity
        self.smoothness = smoothness
        self.monotonicity = monotonicity
        self.curvature = curvature
        self.isCallable = isCallable
        self.drawsRandomNumbers = drawsRandomNumbers
        self.lowering = lowering
        self.latex = latex
        self.evaluate = evaluate
    }

    /// "1 argument", "2 arguments", "2 to 20 arguments": an arity as messages state it.
    public static func argumentCount(_ arity: ClosedRange<Int>) -> String {
        let count = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
        return count + (arity.upperBound == 1 ? " argument" : " arguments")
    }
}

/// What a built-in function does to the class of its variable arguments (the classifier's
/// reading of the table; the model types follow from it).
public enum FunctionSmoothness: Sendable {
    /// Smooth where defined (`exp`, `log`, `sqrt`, `power`, ...): needs `nlp`.
    case smooth
    /// Continuous with kinks (`abs`, `min`, `max`) or switching (`ifThen`): needs `dnlp`.
    case nonsmooth
    /// Jumps (`ceil`, `sign`, random draws): no model type accepts it of a variable.
    case discontinuous
}

/// The direction of a function in each of its arguments.
public enum Monotonicity: Sendable {
    case nondecreasing, nonincreasing
}

/// The curvature of a function on its domain.
public enum Curvature: Sendable {
    case convex, concave
}

/// The random numbers a function can draw.
public enum RandomDistribution: Sendable {
    /// Uniform on [0, 1).
    case unit
    /// Standard normal.
    case gaussian
}

/// The DAG operation a call lowers to: `op` over the lowered arguments, with `value` as the
/// node's constant (the base of `constantPower`, 0 otherwise).
public struct FunctionLowering: Sendable, Equatable {
    public var op: NLOp
    public var value: Double

    public init(_ op: NLOp, value: Double = 0) {
        self.op = op
        self.value = value
    }
}

/// How `enm tex` writes a call of a built-in function.
public enum FunctionLaTeX: Sendable, Equatable {
    /// `\operatorname{name}\left(a, b\right)`.
    case operatorName
    /// A LaTeX operator applied to the argument list: `\sin\left(a\right)`, `\max\left(a, b\right)`.
    case command(String)
    /// `{a}^{e}`: the exponent is `exponent`, or the second argument when it is nil.
    case superscript(exponent: String?)
    /// `e^{a}`.
    case exponential
    /// `\sqrt{a}`.
    case squareRoot
    /// `\left|a\right|`.
    case absoluteValue
}

/// A call at a point outside the function's domain.
public struct FunctionDomainError: Error, Equatable, Sendable {
    /// What kind of failure it is; the evaluator reports each kind under its own code.
    public enum Kind: Sendable {
        /// An argument outside the domain (`sqrt` of a negative number).
        case outsideDomain
        /// A zero divisor, or zero to a negative power.
        case divisionByZero
        /// A negative number to a fractional power.
        case fractionalPowerOfNegative
    }

    public var kind: Kind
    /// For `outsideDomain`, what the argument is ("a negative number (-1.0)"); otherwise the
    /// whole message.
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The message for a call of `function`: "sqrt of a negative number (-1.0)".
    public func message(for function: BuiltinFunction) -> String {
        kind == .outsideDomain ? "\(function.name) of \(detail)" : detail
    }
}
