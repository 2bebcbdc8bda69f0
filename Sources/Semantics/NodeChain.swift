import Diagnostics
import Syntax

extension Node {
    /// `first` followed by `links` (Syntax/Chain.swift): `first` itself, a binary operation, or
    /// a chain, with the span of its last operator.
    public static func joining(_ first: Node, _ links: [ChainLink<Node>]) -> Node {
        switch links.count {
        case 0: return first
        case 1: return Node(.binary(links[0].op, first, links[0].operand), links[0].span)
        default: return Node(.chain(first, links), links[links.count - 1].span)
        }
    }

    /// A binary operation or chain as its first operand and its links; nil for anything else.
    public var chainParts: (first: Node, links: [ChainLink<Node>])? {
        switch kind {
        case .binary(let op, let a, let b): return (a, [ChainLink(op, b, span)])
        case .chain(let first, let links): return (first, links)
        default: return nil
        }
    }
}
