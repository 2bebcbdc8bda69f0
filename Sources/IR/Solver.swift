import IR

/// A backend that solves a `ScalarModel`.
public protocol Solver {
    /// The backend's name as reported (`"glpk"`).
    var name: String { get }
    /// Solves `model`; never traps, reports every failure through the statuses.
    func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult
    /// Frees what the backend keeps per thread (see the extension's default).
    func releaseThreadState()
}

extension Solver {
    /// Frees what the backend keeps per thread; called by a worker thread that solved with it
    /// before the thread ends. Nothing by default.
    public func releaseThreadState() {}
}
