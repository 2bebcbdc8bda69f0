import IR

/// Levels reported at a bound when the backend returns them within a tolerance of it, as GAMS
/// does with the model attribute `tolProj` (default 1e-8) when it reads a solution.
///
/// For a column with bounds `[l, u]` and returned level `x`: if `|x − l| ≤ tolProj` the level is
/// `l`, else if `|x − u| ≤ tolProj` it is `u`; the same for each row's activity and its bounds
/// (the right-hand side of an equality or inequality). Only finite bounds attract a level, and
/// marginals are left as the backend computed them. `tolProj = 0` reports levels as returned.
/// The model is not changed: this reduction acts on the result alone.
struct BoundProjection: Reduction {
    private let columnLower: [Double]
    private let columnUpper: [Double]
    private let rowLower: [Double]
    private let rowUpper: [Double]
    let tolerance: Double

    /// GAMS's default `tolProj`.
    static let defaultTolerance = 1e-8

    init(model: ScalarModel, tolerance: Double) {
        columnLower = model.columnLower
        columnUpper = model.columnUpper
        rowLower = model.rowLower
        rowUpper = model.rowUpper
        self.tolerance = tolerance.isFinite ? Swift.max(0, tolerance) : 0
    }

    func invert(_ result: SolveResult) -> SolveResult {
        guard tolerance > 0, result.hasSolution else { return result }
        var r = result
        BoundProjection.project(&r.columnLevel, columnLower, columnUpper, tolerance)
        BoundProjection.project(&r.rowLevel, rowLower, rowUpper, tolerance)
        return r
    }

    private static func project(_ levels: inout [Double], _ lower: [Double], _ upper: [Double], _ tolerance: Double) {
        for k in 0..<Swift.min(levels.count, lower.count, upper.count) {
            let x = levels[k]
            if lower[k].isFinite && Swift.abs(x - lower[k]) <= tolerance {
                levels[k] = lower[k]
            } else if upper[k].isFinite && Swift.abs(x - upper[k]) <= tolerance {
                levels[k] = upper[k]
            }
        }
    }
}
