/// Operations of the nonlinear expression DAG kept per row of a `ScalarModel`.
///
/// Every node has an operation, a range of arguments (indices of earlier nodes) and, for leaves
/// and operations with a constant parameter, a value or a column. Conditions (`ifThen`'s first
/// argument, comparisons, `and`/`or`/`not`) evaluate to 1 or 0 and have zero derivative.
public enum NLOp: UInt8, Sendable, CaseIterable {
    /// A constant: `value`.
    case constant
    /// A model column: `column`.
    case variable
    /// Sum of all arguments (n ≥ 1).
    case sum
    /// Product of all arguments (n ≥ 1).
    case product
    /// `a - b`.
    case subtract
    /// `a / b`; a zero divisor is an evaluation error.
    case divide
    /// `-a`.
    case negate
    /// `a ** b` with both sides expressions (`exp(b·log a)`): `a` must be positive, except that
    /// `0 ** b` is 0 for `b > 0`.
    case power
    /// `a ** value` with a constant exponent. An integer exponent accepts any base (negative
    /// exponents need a non-zero base); a fractional one needs `a ≥ 0` (and `a > 0` when the
    /// exponent is below 1, where the derivative is infinite at 0).
    case powerConstant
    /// `value ** a` with a constant positive base (`exp(a·log value)`).
    case constantPower
    case sqr, sqrt, exp, log, log10, log2, sin, cos, tan, arctan, abs
    /// `1 / (1 + exp(-a))`.
    case sigmoid
    /// Smallest / largest of all arguments (n ≥ 1); the derivative follows the first argument
    /// attaining the extremum.
    case min, max
    /// `ifThen(c, a, b)`: `a` where `c ≠ 0`, else `b`; the derivative follows the branch taken.
    case ifThen
    /// Comparisons and logic of two (`not`: one) arguments: 1 when true, else 0.
    case lessThan, lessEqual, greaterThan, greaterEqual, equal, notEqual, and, or, not

    /// Whether the operation is a condition whose value is 0 or 1 and whose derivative is zero.
    public var isCondition: Bool {
        switch self {
        case .lessThan, .lessEqual, .greaterThan, .greaterEqual, .equal, .notEqual, .and, .or, .not:
            return true
        default:
            return false
        }
    }
}

/// One node of the nonlinear expression DAG.
public struct NLNode: Sendable, Equatable {
    public var op: NLOp
    /// First argument in `NLExpressionPool.arguments`.
    public var firstArgument: Int32
    /// Number of arguments.
    public var argumentCount: Int32
    /// The constant (`constant`), the exponent (`powerConstant`) or the base (`constantPower`).
    public var value: Double
    /// The column of a `variable` node, -1 otherwise.
    public var column: Int32

    public init(op: NLOp, firstArgument: Int32 = 0, argumentCount: Int32 = 0, value: Double = 0,
                column: Int32 = -1) {
        self.op = op
        self.firstArgument = firstArgument
        self.argumentCount = argumentCount
        self.value = value
        self.column = column
    }
}

/// The nodes of every nonlinear expression of a model, stored once. Arguments of a node are
/// always nodes with smaller indices (the pool is in topological order), so one forward sweep
/// evaluates any expression and one backward sweep differentiates it.
public struct NLExpressionPool: Sendable, Equatable {
    public var nodes: [NLNode] = []
    public var arguments: [Int32] = []

    public init() {}

    public var isEmpty: Bool { nodes.isEmpty }

    /// Adds a constant and returns its node index.
    @discardableResult
    public mutating func constant(_ value: Double) -> Int32 {
        nodes.append(NLNode(op: .constant, value: value))
        return Int32(nodes.count - 1)
    }

    /// Adds a column reference and returns its node index.
    @discardableResult
    public mutating func variable(_ column: Int) -> Int32 {
        nodes.append(NLNode(op: .variable, column: Int32(column)))
        return Int32(nodes.count - 1)
    }

    /// Adds an operation over earlier nodes and returns its node index.
    @discardableResult
    public mutating func add(_ op: NLOp, _ args: [Int32], value: Double = 0) -> Int32 {
        precondition(args.allSatisfy { $0 >= 0 && Int($0) < nodes.count }, "arguments must precede their node")
        let first = Int32(arguments.count)
        arguments.append(contentsOf: args)
        nodes.append(NLNode(op: op, firstArgument: first, argumentCount: Int32(args.count), value: value))
        return Int32(nodes.count - 1)
    }

    /// The argument node indices of node `index`.
    public func arguments(of index: Int32) -> ArraySlice<Int32> {
        let node = nodes[Int(index)]
        let start = Int(node.firstArgument)
        return arguments[start ..< start + Int(node.argumentCount)]
    }
}

/// The nonlinear part of one row: `rowLower ≤ linear part + value(root) ≤ rowUpper`.
public struct NonlinearRow: Sendable, Equatable {
    public var row: Int32
    public var root: Int32

    public init(row: Int32, root: Int32) {
        self.row = row
        self.root = root
    }
}

/// A smooth (or piecewise smooth) program as second-order solvers see it:
/// minimize or maximize f(x) subject to the rows of a `ScalarModel`, with exact first and
/// second derivatives. Constraint `i` is row `i` of the model (linear rows included).
///
/// All evaluation functions return `false` when the expression cannot be evaluated at `x`
/// (log of a non-positive number, division by zero, overflow); the solver then backtracks.
public protocol NonlinearProgram: AnyObject {
    var variableCount: Int { get }
    var constraintCount: Int { get }
    /// Jacobian structure: entry `k` is (`jacobianRows[k]`, `jacobianColumns[k]`), 0-based.
    var jacobianRows: [Int32] { get }
    var jacobianColumns: [Int32] { get }
    /// Structure of the lower triangle (row ≥ column) of the Hessian of the Lagrangian.
    var hessianRows: [Int32] { get }
    var hessianColumns: [Int32] { get }

    /// The objective f(x) (without the sense: a maximized objective is returned as is).
    func objective(_ x: UnsafeBufferPointer<Double>, into value: inout Double) -> Bool
    /// ∇f(x), dense, `variableCount` entries.
    func objectiveGradient(_ x: UnsafeBufferPointer<Double>, into gradient: UnsafeMutableBufferPointer<Double>) -> Bool
    /// g(x), `constraintCount` entries.
    func constraints(_ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>) -> Bool
    /// Jacobian values in the order of `jacobianRows`/`jacobianColumns`.
    func jacobianValues(_ x: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>) -> Bool
    /// Values of `objectiveFactor·∇²f(x) + Σ multipliers[i]·∇²g_i(x)` in the order of
    /// `hessianRows`/`hessianColumns`.
    func hessianValues(_ x: UnsafeBufferPointer<Double>, objectiveFactor: Double,
                       multipliers: UnsafeBufferPointer<Double>,
                       into values: UnsafeMutableBufferPointer<Double>) -> Bool
}

/// A solver option passed through by name (`option ipopt.tol = 1e-8;` or an option file).
public struct SolverOptionSetting: Sendable, Equatable {
    public var name: String
    /// The value as written; backends parse it as integer, number or string as the option needs.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
