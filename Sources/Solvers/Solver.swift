import IR

/// A backend that solves a `ScalarModel`.
public protocol Solver {
    /// The backend's name as reported (`"glpk"`).
    var name: String { get }
    /// Solves `model`; never traps, reports every failure through the statuses.
    func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult
}
