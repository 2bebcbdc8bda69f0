import IR

/// The curvature of a nonlinear expression as far as a few composition rules prove it (in the
/// manner of disciplined convex programming): what is not proved is `unknown`.
///
/// Bonmin's branch and bound is exact only for a convex model (a convex objective to minimize,
/// a concave one to maximize, `≤` rows convex and `≥` rows concave, nonlinear equalities none);
/// on any other it is a heuristic, and enm never calls its answer "Optimal". The rules are
/// deliberately few: a convex model they miss is reported as a heuristic answer, never the
/// other way round.
enum Curvature: Equatable {
    case constant, affine, convex, concave, unknown

    /// The curvature of `-self`.
    var negated: Curvature {
        switch self {
        case .convex: return .concave
        case .concave: return .convex
        default: return self
        }
    }

    /// Whether the expression is convex (affine and constant ones are).
    var isConvex: Bool { self != .concave && self != .unknown }

    /// Whether the expression is concave (affine and constant ones are).
    var isConcave: Bool { self != .convex && self != .unknown }

    /// The curvature of a sum of expressions of curvatures `self` and `other`.
    func plus(_ other: Curvature) -> Curvature {
        switch (self, other) {
        case (.unknown, _), (_, .unknown): return .unknown
        case (.constant, let c), (let c, .constant): return c
        case (.affine, let c), (let c, .affine): return c
        case (.convex, .convex): return .convex
        case (.concave, .concave): return .concave
        default: return .unknown
        }
    }

    /// The curvature of the expression times a constant of sign `sign`.
    func scaled(by sign: Double) -> Curvature {
        sign == 0 ? .constant : (sign > 0 ? self : negated)
    }

    /// The curvature of every node of `pool`, in one forward sweep (arguments precede nodes).
    static func of(_ pool: NLExpressionPool) -> [Curvature] {
        var result: [Curvature] = []
        result.reserveCapacity(pool.nodes.count)
        for k in pool.nodes.indices {
            let arguments = pool.arguments(of: Int32(k)).map { (node: pool.nodes[Int($0)], curvature: result[Int($0)]) }
            result.append(node(pool.nodes[k], arguments))
        }
        return result
    }

    /// One node's curvature from its arguments' nodes and curvatures.
    private static func node(_ node: NLNode, _ arguments: [(node: NLNode, curvature: Curvature)]) -> Curvature {
        if node.op == .constant { return .constant }
        if node.op == .variable { return .affine }
        if arguments.allSatisfy({ $0.curvature == .constant }) { return .constant }
        let first = arguments.first?.curvature ?? .unknown
        switch node.op {
        case .sum: return arguments.reduce(.constant) { $0.plus($1.curvature) }
        case .negate: return first.negated
        case .subtract: return first.plus(arguments[1].curvature.negated)
        case .product: return product(arguments)
        case .divide:
            // only a division by a literal constant keeps the curvature
            return arguments[1].node.op == .constant ? first.scaled(by: arguments[1].node.value) : .unknown
        case .sqr, .abs: return first == .affine ? .convex : .unknown
        case .powerConstant: return power(first, exponent: node.value)
        case .sqrt: return first.isConcave ? .concave : .unknown
        case .exp: return first.isConvex ? .convex : .unknown
        case .constantPower: return first == .affine || (first.isConvex && node.value > 1) ? .convex : .unknown
        case .log, .log10, .log2: return first.isConcave ? .concave : .unknown
        case .max: return arguments.allSatisfy({ $0.curvature.isConvex }) ? .convex : .unknown
        case .min: return arguments.allSatisfy({ $0.curvature.isConcave }) ? .concave : .unknown
        default: return .unknown
        }
    }

    /// A product: literal constants times one expression keeps (or flips) its curvature.
    private static func product(_ arguments: [(node: NLNode, curvature: Curvature)]) -> Curvature {
        let varying = arguments.filter { $0.node.op != .constant }
        guard varying.count == 1 else { return .unknown }
        let sign = arguments.filter { $0.node.op == .constant }.reduce(1.0) { $0 * $1.node.value }
        return varying[0].curvature.scaled(by: sign)
    }

    /// `a ** p` of an affine `a`: convex for an even power, for `p > 1` (whose domain is
    /// `a ≥ 0`) and for a negative fractional `p` (domain `a > 0`); concave for `0 < p < 1`.
    private static func power(_ base: Curvature, exponent p: Double) -> Curvature {
        guard base == .affine else { return p == 1 ? base : .unknown }
        let integral = p == p.rounded()
        if p == 1 { return .affine }
        if integral { return p > 0 && p.truncatingRemainder(dividingBy: 2) == 0 ? .convex : .unknown }
        if p > 1 || p < 0 { return .convex }
        return .concave
    }

    /// Whether `model` is a convex program as these rules prove it: its objective convex to
    /// minimize (concave to maximize), every nonlinear row convex where it has an upper bound
    /// and concave where it has a lower one (so a nonlinear equality is not).
    static func provesConvex(_ model: ScalarModel) -> Bool {
        guard model.isNonlinear else { return true }
        let curvature = of(model.nonlinear)
        if model.objectiveRoot >= 0 {
            let objective = curvature[Int(model.objectiveRoot)]
            guard model.sense == .minimize ? objective.isConvex : objective.isConcave else { return false }
        }
        return model.nonlinearRows.allSatisfy { nr in
            let c = curvature[Int(nr.root)], i = Int(nr.row)
            return (model.rowUpper[i] == .infinity || c.isConvex) && (model.rowLower[i] == -.infinity || c.isConcave)
        }
    }
}
