import Diagnostics
import IR
import Syntax

extension Compiler {
    /// The set attributes GAMS keeps for `put` statements (text, not numbers).
    static let textSetAttributes: Set<String> = ["tl", "te"]

    /// Resolves `i.val`, `i.pos`, ... : an attribute of the element a controlled
    /// one-dimensional set (or alias, or subset) currently stands for.
    func resolveSetAttribute(_ set: Symbol, _ r: Reference, _ a: Name) -> Node? {
        if Compiler.textSetAttributes.contains(a.key) {
            diagnostics.error(.E2052, "'\(set.name).\(a.text)' is the text of an element, for put statements, and cannot be used as a value",
                              at: a.span, label: "text, not a number",
                              help: ["enm does not support put statements yet; use '\(set.name).val', '\(set.name).pos' or '\(set.name).len' for numbers"])
            return nil
        }
        guard let attribute = SetAttribute(rawValue: a.key) else {
            let names = SetAttribute.allCases.map { ".\($0.rawValue)" }.joined(separator: " ")
            diagnostics.error(.E2016, "'\(a.text)' is not an attribute of set '\(set.name)'", at: a.span,
                              help: ["the attributes of a set element are \(names) (and .tl .te in put statements)"])
            return nil
        }
        if r.args != nil {
            diagnostics.error(.E2051, "a set attribute takes no indices: write '\(set.name).\(a.text)'", at: r.span,
                              label: "the attribute is of the element '\(set.name)' stands for")
            return nil
        }
        guard set.dimension == 1 else {
            diagnostics.error(.E2050, "'.\(a.text)' needs a one-dimensional set, but '\(set.name)' has \(set.dimension) indices",
                              at: r.name.span,
                              help: set.dimension > 1 ? ["control its indices and use theirs, e.g. '\(set.domainNames[0]).\(a.text)'"] : [])
            return nil
        }
        guard isControlled(set.id) else {
            diagnostics.error(.E2013, "uncontrolled set '\(set.name)' in '\(set.name).\(a.text)'", at: r.name.span,
                              label: "not controlled by a sum, loop, equation or assignment domain")
            return nil
        }
        if [.ord, .pos, .off, .rev, .first, .last].contains(attribute) { set.root.noteSequenceUse(.position) }
        return Node(.setAttribute(set.id, set, attribute), r.span)
    }

    /// `a(i) + b(i)`, `a(i) - b(i)`, `a(i) * b(i)` of two set expressions are GAMS's set union,
    /// difference and intersection: membership, not arithmetic (`a - b` must not keep the
    /// members of `b` that are not in `a`). Returns the logical node, or nil for arithmetic.
    static func setOperation(_ op: BinaryOp, _ a: Node, _ b: Node, _ span: SourceSpan) -> Node? {
        guard isSetExpression(a), isSetExpression(b) else { return nil }
        switch op {
        case .add: return Node(.binary(.or, a, b), span)
        case .mul: return Node(.binary(.and, a, b), span)
        case .sub: return Node(.binary(.and, a, Node(.not(b), span)), span)
        default: return nil
        }
    }

    /// Whether a node is a set expression: a set reference, or a set operation, complement
    /// or `$` condition of set expressions (its value is membership, 1 or 0).
    static func isSetExpression(_ n: Node) -> Bool {
        switch n.kind {
        case .setMember: return true
        case .not(let a), .dollar(let a, _): return isSetExpression(a)
        case .binary(.and, let a, let b), .binary(.or, let a, let b): return isSetExpression(a) && isSetExpression(b)
        case .chain(let first, let links):
            return isSetExpression(first) && links.allSatisfy { ($0.op == .and || $0.op == .or) && isSetExpression($0.operand) }
        default: return false
        }
    }
}
