import IR

/// What one executed `solve` reports (the `solves` entries of `--json`).
public struct SolveReport: Sendable {
    public var model: String
    public var type: String
    public var solver: String
    public var direction: ObjectiveSense
    /// The objective variable.
    public var objectiveVariable: String
    public var modelStatus: ModelStatus
    public var solverStatus: SolverStatus
    public var objective: Double?
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    public var iterations: Int
    public var generationSeconds: Double
    public var solverSeconds: Double
    /// Seconds in function and derivative evaluations (nonlinear backend), nil for LP/MIP.
    public var evaluationSeconds: Double? = nil
    public var line: Int
    /// The solver's words on how it stopped.
    public var message: String
}

/// Something the run produced, in order: a displayed item or a finished solve.
public enum RunEvent: Sendable {
    case display(DisplayItem)
    case solve(SolveReport)
}
