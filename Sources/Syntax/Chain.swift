import Diagnostics

/// One link of a chain: the operator and the operand that follows it.
///
/// A chain is a flat run of one precedence level, `a + b - c + ...`, `a * b / c`, `p and q and
/// r`: its first operand and its links, in order. It means what the left-leaning tree of binary
/// operations means (GAMS evaluates left to right), but every pass walks it in a loop, so a
/// script-generated sum of a million terms needs no stack frame per term. Syntax trees and
/// resolved nodes both hold chains (`Expr.chain`, `Node.Kind.chain`) of two links or more; one
/// link stays a binary operation.
public struct ChainLink<Operand> {
    public var op: BinaryOp
    public var operand: Operand
    /// Where the operator is (what a binary operation's span is).
    public var span: SourceSpan

    public init(_ op: BinaryOp, _ operand: Operand, _ span: SourceSpan) {
        self.op = op
        self.operand = operand
        self.span = span
    }
}

extension Expr {
    /// `first` followed by `links`: `first` itself, a binary operation, or a chain.
    public static func joining(_ first: Expr, _ links: [ChainLink<Expr>]) -> Expr {
        switch links.count {
        case 0: return first
        case 1: return .binary(links[0].op, first, links[0].operand, links[0].span)
        default: return .chain(first, links)
        }
    }

    /// A binary operation or chain as its first operand and its links; nil for anything else.
    public var chainParts: (first: Expr, links: [ChainLink<Expr>])? {
        switch self {
        case .binary(let op, let a, let b, let s): return (a, [ChainLink(op, b, s)])
        case .chain(let first, let links): return (first, links)
        default: return nil
        }
    }
}
