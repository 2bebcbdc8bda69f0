import Diagnostics
import IR
import Syntax

/// One resolved index argument: a controlled index (with optional lag/lead) or a fixed label.
public enum ResolvedIndex {
    /// A controlled index: its slot (the id of the set or alias named), the set it moves
    /// in for lags and `ord`, and an optional shift.
    case slot(Int, Symbol, shift: Node?, negative: Bool, circular: Bool)
    case label(Label)
}

/// Variable/equation attributes usable as data.
public enum Attribute: String {
    case l, m, lo, up, fx, scale, prior, range, slack, slacklo, slackup, infeas
}

/// Attributes of a set element usable as data (`t.val`, `i.pos`, ...), as GAMS defines them.
public enum SetAttribute: String, CaseIterable {
    /// The label read as a number (an execution error when it is not one).
    case val
    /// The position in the set named, from 1 (`ord`; enm keeps every set in label order).
    case ord
    /// The position in the set named, from 1.
    case pos
    /// The position minus 1.
    case off
    /// The positions left after this element (0 for the last).
    case rev
    /// The position of the label in the unique element list (order of first appearance).
    case uel
    /// The number of characters of the label.
    case len
    /// 1 for the set's first element, else 0.
    case first
    /// 1 for the set's last element, else 0.
    case last
}

/// A resolved expression node; `hasVariable` says whether a variable (not its attribute) occurs.
public final class Node {
    public enum Kind {
        case constant(Double)
        case parameter(Symbol, [ResolvedIndex])
        case setMember(Symbol, [ResolvedIndex])
        case attribute(Symbol, Attribute, [ResolvedIndex])
        case variable(Symbol, [ResolvedIndex])
        case modelAttribute(Symbol, String)
        case negate(Node)
        case not(Node)
        case binary(BinaryOp, Node, Node)
        /// Two or more operations of one precedence level in a row, folded left to right
        /// (Syntax/Chain.swift); every pass walks it in a loop.
        case chain(Node, [ChainLink<Node>])
        case dollar(Node, Node)
        case call(BuiltinFunction, [Node])
        /// `ord(i)`: slot and the set it moves in.
        case ord(Int, Symbol)
        case card(Symbol)
        /// `i.val`, `i.pos`, ...: slot and the set named (positions are in that set).
        case setAttribute(Int, Symbol, SetAttribute)
        case sameAs(ResolvedIndex, ResolvedIndex)
        case reduce(ReduceOp, ResolvedDomain, Node)
        /// `handleCollect(h)`, `readyCollect(h, wait)`, `timeElapsed`, ...: calls with effects
        /// or of the clock (SolveHandleFunctions.swift); `handles` is readyCollect's symbol.
        case handleCall(SolveHandleFunction, [Node], handles: Symbol?)
    }
    public let kind: Kind
    public let span: SourceSpan
    public let hasVariable: Bool

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
        switch kind {
        case .variable: hasVariable = true
        case .negate(let a), .not(let a): hasVariable = a.hasVariable
        case .binary(_, let a, let b): hasVariable = a.hasVariable || b.hasVariable
        case .chain(let first, let links): hasVariable = first.hasVariable || links.contains { $0.operand.hasVariable }
        case .dollar(let a, _): hasVariable = a.hasVariable
        case .call(_, let args): hasVariable = args.contains { $0.hasVariable }
        case .reduce(_, _, let body): hasVariable = body.hasVariable
        default: hasVariable = false
        }
    }
}

/// A resolved index domain: the slots it binds, each with the set it iterates, and a condition.
public struct ResolvedDomain {
    public struct Item {
        /// The set (or alias) iterated.
        public var set: Symbol
        /// Slots bound, one per dimension of `set` (a one-dimensional item binds its own slot).
        public var slots: [Int]
        /// The sets each slot moves in (for lags and `ord`).
        public var slotSets: [Symbol]
    }
    public var items: [Item]
    public var condition: Node?
    public var span: SourceSpan
}
