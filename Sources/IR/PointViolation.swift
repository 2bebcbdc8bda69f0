/// Where a point misses a linear model the most, with every row's activity recomputed from the
/// columns' levels, `Σ a_ij·x_j` (never the solver's own row values).
///
/// A row is violated when it misses a bound by more than `tolerance · max(1, |bound|,
/// max_j |a_ij·x_j|)` (relative to the size of its own terms, so rows of large numbers keep their
/// round-off), a column when it leaves its bounds by more than `tolerance · max(1, |bound|)`.
public struct PointViolation: Sendable {
    /// A row's or a column's index.
    public enum Entry: Sendable, Equatable {
        case row(Int)
        case column(Int)
    }

    public let entry: Entry
    /// How far the bound is missed.
    public let amount: Double

    /// The tolerance enm checks linear solvers' points with.
    public static let tolerance = 1e-6
}

extension ScalarModel {
    /// The worst violation of the rows and column bounds at `levels` (by its amount relative to
    /// its scale); nil when none, or when `levels` does not fit the model.
    public func worstViolation(levels: [Double], tolerance: Double = PointViolation.tolerance) -> PointViolation? {
        guard levels.count == columnCount else { return nil }
        var worst: (score: Double, violation: PointViolation)?
        func note(_ miss: Double, scale: Double, _ entry: PointViolation.Entry) {
            guard miss > tolerance * scale, miss / scale > worst?.score ?? 0 else { return }
            worst = (miss / scale, PointViolation(entry: entry, amount: miss))
        }
        for i in 0..<rowCount {
            var activity = 0.0, size = 1.0
            for k in rowStart[i]..<rowStart[i + 1] {
                let term = entryValue[k] * levels[Int(entryColumn[k])]
                activity += term
                size = Swift.max(size, Swift.abs(term))
            }
            let (lower, upper) = (rowLower[i], rowUpper[i])
            let miss = Swift.max(lower.isFinite ? lower - activity : 0, upper.isFinite ? activity - upper : 0)
            note(miss, scale: Swift.max(size, lower.isFinite ? Swift.abs(lower) : 1, upper.isFinite ? Swift.abs(upper) : 1), .row(i))
        }
        for j in 0..<columnCount {
            let (lower, upper, x) = (columnLower[j], columnUpper[j], levels[j])
            let miss = Swift.max(lower.isFinite ? lower - x : 0, upper.isFinite ? x - upper : 0)
            note(miss, scale: Swift.max(1, lower.isFinite ? Swift.abs(lower) : 1, upper.isFinite ? Swift.abs(upper) : 1), .column(j))
        }
        return worst?.violation
    }
}
