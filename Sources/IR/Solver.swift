/// A backend that solves a `ScalarModel`.
public protocol Solver {
    /// The backend's name as reported (`"glpk"`).
    var name: String { get }
    /// Solves `model`; never traps, reports every failure through the statuses.
    func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult
    /// Frees what the backend keeps per thread (see the extension's default).
    func releaseThreadState()
    /// What the backend cannot take in an option file's settings, one sentence each (checked
    /// before the solve, so that the model's statement can be named).
    func optionProblems(_ settings: [SolverOptionSetting]) -> [String]
}

extension Solver {
    /// Frees what the backend keeps per thread; called by a worker thread that solved with it
    /// before the thread ends. Nothing by default.
    public func releaseThreadState() {}

    /// No problems by default: the backend reports what it does not accept after the solve.
    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] { [] }
}
