import Diagnostics
import IR
import Syntax

/// How an expression depends on the variables, from the most to the least benign.
/// The model types follow from it: `lp`/`mip` need linear, `qcp` quadratic, `nlp` smooth
/// nonlinear, `dnlp` also accepts non-smooth functions; discontinuous functions of variables are
/// refused by every model type.
public enum ExpressionClass: Int, Comparable, Sendable {
    case constant, linear, quadratic, nonlinear, nonsmooth, discontinuous

    public static func < (a: ExpressionClass, b: ExpressionClass) -> Bool { a.rawValue < b.rawValue }

    /// The word `enm check` prints.
    public var name: String {
        switch self {
        case .constant: return "constant"
        case .linear: return "linear"
        case .quadratic: return "quadratic"
        case .nonlinear: return "nonlinear"
        case .nonsmooth: return "non-smooth"
        case .discontinuous: return "discontinuous"
        }
    }

    /// The least model type that accepts an equation of this class.
    public var modelType: String {
        switch self {
        case .constant, .linear: return "lp"
        case .quadratic: return "qcp"
        case .nonlinear: return "nlp"
        case .nonsmooth: return "dnlp"
        case .discontinuous: return "none"
        }
    }
}

/// An expression's class and the term that gave it that class (nil for linear and constant).
public struct Classification {
    public var kind: ExpressionClass
    /// The first term responsible for the class.
    public var culprit: Node?
    /// Why the culprit has that class ("product of two variable terms", "abs of a variable").
    public var reason: String

    public init(_ kind: ExpressionClass, _ culprit: Node? = nil, _ reason: String = "") {
        self.kind = kind
        self.culprit = culprit
        self.reason = reason
    }

    static let constant = Classification(.constant)
    static let linear = Classification(.linear)

    /// The larger of two classifications (the first culprit wins on ties).
    func joined(_ other: Classification) -> Classification { other.kind > kind ? other : self }
}

extension Compiler {
    /// Classifies an equation side or body: how it depends on the variables.
    public static func classify(_ n: Node) -> Classification {
        guard n.hasVariable else { return .constant }
        switch n.kind {
        case .variable:
            return .linear
        case .negate(let a):
            return classify(a)
        case .not(let a):
            return Classification(.nonsmooth, n, "'not' of a variable expression").joined(classify(a))
        case .dollar(let a, _):
            return classify(a)
        case .binary(let op, let a, let b):
            return combined(op, classify(a), b, at: n)
        case .chain(let first, let links):
            // as the tree of binary operations: the operations up to a link are constant while
            // they hold no variable; a culprit found inside is the whole chain (the tree's would
            // be the operations up to it, which start at the same column)
            var c = classify(first), hasVariable = first.hasVariable
            for link in links {
                hasVariable = hasVariable || link.operand.hasVariable
                c = hasVariable ? combined(link.op, c, link.operand, at: n) : .constant
            }
            return c
        case .call(let f, let args):
            if f == .ifthen, args.count == 3 {
                // a data condition only picks a branch; a variable one switches between them
                let branches = classify(args[1]).joined(classify(args[2]))
                guard args[0].hasVariable else { return branches }
                return Classification(.nonsmooth, n, "'ifThen' with a variable condition").joined(classify(args[0])).joined(branches)
            }
            let inner = args.map(classify).reduce(Classification.constant) { $0.joined($1) }
            // the function table says what a function does to the class of its arguments
            switch f.descriptor.smoothness {
            case .discontinuous:
                return Classification(.discontinuous, n, "'\(f.name)' of a variable is discontinuous")
            case .nonsmooth:
                return Classification(.nonsmooth, n, "'\(f.name)' of a variable is not smooth").joined(inner)
            case .smooth:
                if f == .sqr && inner.kind == .linear { return Classification(.quadratic, n, "square of a variable term") }
                if f == .power, args.count == 2, !args[1].hasVariable, case .constant(let e) = args[1].kind {
                    if e == 1 { return inner }
                    if e == 2 && inner.kind == .linear { return Classification(.quadratic, n, "square of a variable term") }
                }
                return Classification(.nonlinear, n, "'\(f.name)' of a variable").joined(inner)
            }
        case .reduce(let op, _, let body):
            let cb = classify(body)
            switch op {
            case .sum: return cb
            case .prod: return Classification(.nonlinear, n, "product over a set of variable terms").joined(cb)
            case .smin, .smax: return Classification(.nonsmooth, n, "'\(op.rawValue)' of variable terms is not smooth").joined(cb)
            }
        default:
            return .constant
        }
    }

    /// The class of `a op b` from the class `ca` of its left side; `n` is the culprit.
    static func combined(_ op: BinaryOp, _ ca: Classification, _ b: Node, at n: Node) -> Classification {
        let cb = classify(b)
        switch op {
        case .add, .sub:
            return ca.joined(cb)
        case .mul:
            if ca.kind == .constant { return cb }
            if cb.kind == .constant { return ca }
            if ca.kind == .linear && cb.kind == .linear {
                return Classification(.quadratic, n, "product of two variable terms")
            }
            return Classification(.nonlinear, n, "product of variable terms beyond degree two").joined(ca).joined(cb)
        case .div:
            if cb.kind == .constant { return ca }
            return Classification(.nonlinear, n, "division by a variable term").joined(ca).joined(cb)
        case .pow:
            if cb.kind == .constant {
                if case .constant(let e) = b.kind {
                    if e == 1 { return ca }
                    if e == 0 { return .constant }
                    if e == 2 && ca.kind == .linear { return Classification(.quadratic, n, "square of a variable term") }
                }
                return Classification(.nonlinear, n, "power of a variable term").joined(ca)
            }
            return Classification(.nonlinear, n, "power with a variable exponent").joined(ca).joined(cb)
        case .lt, .le, .eq, .ne, .ge, .gt, .and, .or, .xor, .eqv, .imp:
            return Classification(.nonsmooth, n, "comparison or logic of variable terms").joined(ca).joined(cb)
        }
    }

    /// The class of an equation definition: the larger of both sides'.
    public static func classify(_ d: EquationDefinitionR) -> Classification {
        classify(d.lhs).joined(classify(d.rhs))
    }
}
