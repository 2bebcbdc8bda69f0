import IR
import Semantics

extension Interpreter {
    /// The value of a set attribute (`t.val`, `i.pos`, ...) of `label`, the element that
    /// `set` currently stands for; positions count in `set` itself (a subset or dynamic set
    /// counts its own members).
    func setAttribute(_ attribute: SetAttribute, of label: Label, in set: Symbol, _ n: Node) -> Double {
        switch attribute {
        case .val:
            if let v = labels.number(label) { return v }
            runtimeError(.E4030, "'\(set.name).val' is undefined: the label '\(labels.name(label))' is not a number", at: n.span)
            return SpecialValue.undf
        case .uel: return Double(label)
        case .len: return Double(labels.name(label).count)
        case .ord, .pos, .off, .rev, .first, .last:
            let data = set.setData
            guard let p = data.position(of: label) else { return 0 }
            switch attribute {
            case .off: return Double(p)
            case .rev: return Double(data.count - 1 - p)
            case .first: return p == 0 ? 1 : 0
            case .last: return p == data.count - 1 ? 1 : 0
            default: return Double(p + 1)
            }
        }
    }
}
