import IR

/// Lower bounds of 0 that an equality already implies, which an interior point method is better
/// off without.
///
/// A barrier term `−μ log x` for a bound that the constraints imply anyway distorts the barrier
/// problems when `x` is small at the optimum without being bound by it. The classic case is the
/// squared current of a branch-flow (DistFlow) model, `P² + Q² = v·ℓ` with `ℓ ≥ 0` and `v > 0`:
/// the bound costs Ipopt half of its iterations on a 33-bus feeder and eight in nine on a 200-bus
/// one. Dropping such bounds leaves the feasible set, and so the optimum, unchanged.
///
/// The rule, for a column `x` with lower bound 0: some equality row `s·x·y + R = b` has `x` in
/// one term only, a product of `x` with a column `y` whose lower bound is positive, and the rest
/// `R` (its other nonlinear terms and its linear part) ranges, by interval arithmetic over the
/// bounds, only where `(b − R)/s ≥ 0`. Then `x·y ≥ 0` and `y > 0` at every feasible point, so
/// `x ≥ 0`. A bound is dropped only when its proof reads no bound that is dropped itself.
///
/// As a reduction (`ImpliedBoundRelaxation`): the nonlinear backend gets the model without
/// those bounds; a level it returns below 0, or within its tolerance above 0, is reported at
/// the bound 0 (the equality's tolerance leaves it off by that much), with marginal 0, as the
/// bound was never active in the problem solved.
enum ImpliedBounds {
    /// The columns whose lower bound of 0 is implied by an equality row of `model`, in order.
    static func impliedNonnegative(_ model: ScalarModel) -> [Int] {
        let n = model.columnCount
        guard !model.nonlinearRows.isEmpty, model.columnLower.count == n, model.columnUpper.count == n else { return [] }
        // each proof reads the bounds of the other columns of its row
        var proofs: [(column: Int, reads: [Int])] = []
        var proven = Set<Int>()
        for nr in model.nonlinearRows {
            let i = Int(nr.row)
            guard i >= 0, i < model.rowCount, model.rowLower[i] == model.rowUpper[i], model.rowLower[i].isFinite else { continue }
            var terms: [(node: Int32, sign: Double)] = []
            guard collectTerms(model.nonlinear, nr.root, 1, &terms) else { continue }
            let products = terms.indices.compactMap { k in productOfTwoColumns(model, terms[k].node).map { (k, $0) } }
            // only a product of a column with lower bound 0 and one with a positive lower bound can prove anything
            let candidates = products.filter { _, pair in
                (isCandidate(model, pair.0) && model.columnLower[pair.1] > 0)
                    || (isCandidate(model, pair.1) && model.columnLower[pair.0] > 0)
            }
            guard !candidates.isEmpty else { continue }
            // each term's range once; a column must sit in one term only
            var ranges: [Interval] = []
            var termsOf: [Int: Int] = [:]
            var columns: [Int] = []
            for term in terms {
                var used: [Int] = []
                let value = interval(model, term.node, &used)
                ranges.append(term.sign < 0 ? -value : value)
                for j in Set(used) { termsOf[j, default: 0] += 1 }
                columns += used
            }
            var linear = Interval(lower: 0, upper: 0)
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let j = Int(model.entryColumn[k])
                termsOf[j, default: 0] += 1
                columns.append(j)
                linear = linear + Interval(lower: model.columnLower[j], upper: model.columnUpper[j]).scaled(model.entryValue[k])
            }
            // sums of the ranges before and after each term
            var before = [Interval(lower: 0, upper: 0)]
            for r in ranges { before.append(before[before.count - 1] + r) }
            var after = [Interval](repeating: Interval(lower: 0, upper: 0), count: ranges.count + 1)
            for k in stride(from: ranges.count - 1, through: 0, by: -1) { after[k] = after[k + 1] + ranges[k] }
            let b = model.rowLower[i]
            for (k, pair) in candidates {
                for (x, y) in [(pair.0, pair.1), (pair.1, pair.0)]
                where x != y && isCandidate(model, x) && model.columnLower[y] > 0 && termsOf[x] == 1 && !proven.contains(x) {
                    // x·y = (b − rest)/sign must be ≥ 0 for every value of the rest of the row
                    let rest = before[k] + after[k + 1] + linear
                    guard terms[k].sign > 0 ? rest.upper <= b : rest.lower >= b else { continue }
                    proven.insert(x)
                    proofs.append((x, columns))
                }
            }
        }
        return proofs.filter { proof in proof.reads.allSatisfy { $0 == proof.column || !proven.contains($0) } }
            .map(\.column).sorted()
    }

    /// Whether column `j`'s lower bound is one that can be implied: exactly 0, below its upper bound.
    private static func isCandidate(_ model: ScalarModel, _ j: Int) -> Bool {
        model.columnLower[j] == 0 && model.columnUpper[j] > 0
    }

    /// The additive terms of node `root` with their signs (through sums, differences and
    /// negations); false past a depth that is no longer worth following.
    private static func collectTerms(_ pool: NLExpressionPool, _ root: Int32, _ sign: Double,
                                     _ terms: inout [(node: Int32, sign: Double)], depth: Int = 0) -> Bool {
        guard depth < 64, root >= 0, Int(root) < pool.nodes.count else { return false }
        let node = pool.nodes[Int(root)]
        let args = pool.arguments(of: root)
        switch node.op {
        case .sum:
            for a in args where !collectTerms(pool, a, sign, &terms, depth: depth + 1) { return false }
        case .subtract where args.count == 2:
            guard collectTerms(pool, args[args.startIndex], sign, &terms, depth: depth + 1),
                  collectTerms(pool, args[args.startIndex + 1], -sign, &terms, depth: depth + 1) else { return false }
        case .negate where args.count == 1:
            return collectTerms(pool, args[args.startIndex], -sign, &terms, depth: depth + 1)
        default:
            terms.append((root, sign))
        }
        return true
    }

    /// The two columns of a term `x·y` (a product of exactly two column references), nil for
    /// anything else. Either may be the one whose bound is in question, so callers try both.
    private static func productOfTwoColumns(_ model: ScalarModel, _ node: Int32) -> (Int, Int)? {
        let pool = model.nonlinear
        let n = pool.nodes[Int(node)]
        guard n.op == .product, n.argumentCount == 2 else { return nil }
        let args = pool.arguments(of: node)
        let a = pool.nodes[Int(args[args.startIndex])], b = pool.nodes[Int(args[args.startIndex + 1])]
        guard a.op == .variable, b.op == .variable, a.column >= 0, b.column >= 0,
              Int(a.column) < model.columnCount, Int(b.column) < model.columnCount else { return nil }
        return (Int(a.column), Int(b.column))
    }

    /// The range of node `k` over the column bounds; `used` collects the columns read.
    private static func interval(_ model: ScalarModel, _ k: Int32, _ used: inout [Int], depth: Int = 0) -> Interval {
        let pool = model.nonlinear
        guard depth < 64 else { return .whole }
        let node = pool.nodes[Int(k)]
        let args = pool.arguments(of: k)
        func arg(_ m: Int) -> Interval { interval(model, args[args.startIndex + m], &used, depth: depth + 1) }
        switch node.op {
        case .constant:
            return node.value.isFinite ? Interval(lower: node.value, upper: node.value) : .whole
        case .variable:
            let j = Int(node.column)
            guard j >= 0, j < model.columnCount else { return .whole }
            used.append(j)
            return Interval(lower: model.columnLower[j], upper: model.columnUpper[j])
        case .sum:
            var total = Interval(lower: 0, upper: 0)
            for m in 0..<Int(node.argumentCount) { total = total + arg(m) }
            return total
        case .subtract where node.argumentCount == 2:
            return arg(0) + -arg(1)
        case .negate where node.argumentCount == 1:
            return -arg(0)
        case .sqr where node.argumentCount == 1:
            return arg(0).squared
        case .product where node.argumentCount == 2:
            // a constant factor, or a fixed column, scales the other; anything else is not followed
            let a = arg(0), b = arg(1)
            if a.lower == a.upper { return b.scaled(a.lower) }
            if b.lower == b.upper { return a.scaled(b.lower) }
            return .whole
        default:
            return .whole
        }
    }
}

/// A closed interval of reals, possibly unbounded (NaN-free: anything unknown is `whole`).
struct Interval: Equatable {
    var lower: Double
    var upper: Double

    static let whole = Interval(lower: -.infinity, upper: .infinity)

    init(lower: Double, upper: Double) {
        if lower.isNaN || upper.isNaN || lower > upper {
            self.lower = -.infinity
            self.upper = .infinity
        } else {
            self.lower = lower
            self.upper = upper
        }
    }

    static func + (a: Interval, b: Interval) -> Interval {
        // a sum that is not a number (−∞ + ∞) makes `init` return `whole`
        Interval(lower: a.lower + b.lower, upper: a.upper + b.upper)
    }

    static prefix func - (a: Interval) -> Interval { Interval(lower: -a.upper, upper: -a.lower) }

    /// `c·a` for a finite constant `c` (0 gives exactly 0, even over an unbounded interval).
    func scaled(_ c: Double) -> Interval {
        guard c.isFinite else { return .whole }
        if c == 0 { return Interval(lower: 0, upper: 0) }
        return c > 0 ? Interval(lower: c * lower, upper: c * upper) : Interval(lower: c * upper, upper: c * lower)
    }

    /// The range of `t²` for `t` in the interval.
    var squared: Interval {
        if lower >= 0 { return Interval(lower: lower * lower, upper: upper * upper) }
        if upper <= 0 { return Interval(lower: upper * upper, upper: lower * lower) }
        return Interval(lower: 0, upper: Swift.max(lower * lower, upper * upper))
    }
}

/// Leaves the lower bounds that equalities imply out of a nonlinear model (see ImpliedBounds).
struct ImpliedBoundRelaxation: Reduction {
    /// The columns whose lower bound of 0 was dropped.
    let columns: [Int]

    /// Drops the implied bounds of `model`; nil when none is implied.
    static func apply(_ model: inout ScalarModel) -> ImpliedBoundRelaxation? {
        let implied = ImpliedBounds.impliedNonnegative(model)
        guard !implied.isEmpty else { return nil }
        for j in implied {
            model.columnLower[j] = -.infinity
            // the start stays where the bound put it
            if j < model.columnStart.count, model.columnStart[j] < 0 { model.columnStart[j] = 0 }
        }
        return ImpliedBoundRelaxation(columns: implied)
    }

    /// Levels at most the barrier tolerance above 0 are at the bound (the tolerance with which
    /// the nonlinear backend reports a level at a bound of 0).
    func invert(_ result: SolveResult) -> SolveResult {
        var r = result
        r.impliedBounds = columns.count
        for j in columns where j < r.columnLevel.count && r.columnLevel[j] <= ImpliedBoundRelaxation.tolerance {
            r.columnLevel[j] = 0
        }
        return r
    }

    static let tolerance = 1e-7
}
