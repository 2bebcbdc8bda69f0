import Foundation
import IR

/// The point a linear backend calls feasible, checked against the generated model before it is
/// believed.
///
/// A simplex code works on its scaled model with tolerances relative to it; with coefficients
/// far apart (a big-M of 1e20, a row scaled by 1e9) a point it accepts can violate the model the
/// user wrote by whole units. Every row's activity is recomputed from the returned levels
/// (`ScalarModel.worstViolation(levels:)`); the worst violation is reported with its name.
struct PointCheck {
    struct Violation {
        /// What is violated (a row's or a column's display name) and by how much.
        let what: String
        let amount: Double
        /// The smallest and largest absolute coefficient of the violated row (nil for a column).
        let coefficients: (Double, Double)?
    }

    static let tolerance = PointViolation.tolerance

    /// The worst violation of `model`'s rows and column bounds at `levels`; nil when none.
    static func worstViolation(_ model: ScalarModel, levels: [Double]) -> Violation? {
        guard let v = model.worstViolation(levels: levels, tolerance: tolerance) else { return nil }
        switch v.entry {
        case .row(let i):
            return Violation(what: model.rowOrigin[i].displayName, amount: v.amount, coefficients: coefficientRange(model, row: i))
        case .column(let j):
            return Violation(what: model.columnOrigin[j].displayName, amount: v.amount, coefficients: nil)
        }
    }

    private static func coefficientRange(_ model: ScalarModel, row i: Int) -> (Double, Double)? {
        let magnitudes = (model.rowStart[i]..<model.rowStart[i + 1]).map { Swift.abs(model.entryValue[$0]) }.filter { $0 > 0 }
        guard let low = magnitudes.min(), let high = magnitudes.max() else { return nil }
        return (low, high)
    }
}
