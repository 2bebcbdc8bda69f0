import Foundation
import IR

/// The point a linear backend calls feasible, checked against the generated model before it is
/// believed.
///
/// A simplex code works on its scaled model with tolerances relative to it; with coefficients
/// far apart (a big-M of 1e20, a row scaled by 1e9) a point it accepts can violate the model the
/// user wrote by whole units. Every row's activity is recomputed from the returned levels,
/// `Σ a_ij·x_j`, and compared with its bounds; a row is violated when it misses a bound by more
/// than `tolerance · max(1, |bound|, max_j |a_ij·x_j|)` (relative to the size of its own terms,
/// so rows of large numbers keep their round-off), a column when it leaves its bounds by more
/// than `tolerance · max(1, |bound|)`. The worst violation is reported.
struct PointCheck {
    struct Violation {
        /// What is violated (a row's or a column's display name) and by how much.
        let what: String
        let amount: Double
        /// The smallest and largest absolute coefficient of the violated row (nil for a column).
        let coefficients: (Double, Double)?
    }

    static let tolerance = 1e-6

    /// The worst violation of `model`'s rows and column bounds at `levels`; nil when none.
    static func worstViolation(_ model: ScalarModel, levels: [Double]) -> Violation? {
        guard levels.count == model.columnCount else { return nil }
        var worst: (score: Double, violation: Violation)?
        func note(_ miss: Double, scale: Double, _ make: () -> Violation) {
            guard miss > tolerance * scale, miss / scale > worst?.score ?? 0 else { return }
            worst = (miss / scale, make())
        }
        for i in 0..<model.rowCount {
            var activity = 0.0, size = 1.0
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let term = model.entryValue[k] * levels[Int(model.entryColumn[k])]
                activity += term
                size = Swift.max(size, Swift.abs(term))
            }
            let (lower, upper) = (model.rowLower[i], model.rowUpper[i])
            let miss = Swift.max(lower.isFinite ? lower - activity : 0, upper.isFinite ? activity - upper : 0)
            note(miss, scale: Swift.max(size, lower.isFinite ? Swift.abs(lower) : 1, upper.isFinite ? Swift.abs(upper) : 1)) {
                Violation(what: model.rowOrigin[i].displayName, amount: miss, coefficients: coefficientRange(model, row: i))
            }
        }
        for j in 0..<model.columnCount {
            let (lower, upper, x) = (model.columnLower[j], model.columnUpper[j], levels[j])
            let miss = Swift.max(lower.isFinite ? lower - x : 0, upper.isFinite ? x - upper : 0)
            note(miss, scale: Swift.max(1, lower.isFinite ? Swift.abs(lower) : 1, upper.isFinite ? Swift.abs(upper) : 1)) {
                Violation(what: model.columnOrigin[j].displayName, amount: miss, coefficients: nil)
            }
        }
        return worst?.violation
    }

    private static func coefficientRange(_ model: ScalarModel, row i: Int) -> (Double, Double)? {
        let magnitudes = (model.rowStart[i]..<model.rowStart[i + 1]).map { Swift.abs(model.entryValue[$0]) }.filter { $0 > 0 }
        guard let low = magnitudes.min(), let high = magnitudes.max() else { return nil }
        return (low, high)
    }
}
