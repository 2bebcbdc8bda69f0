import IR
import Semantics

/// What one executed `solve` reports (the `solves` entries of `--json`).
public struct SolveReport: Sendable {
    public var model: String
    public var type: ModelType
    public var solver: String
    public var direction: ObjectiveSense
    /// The objective variable.
    public var objectiveVariable: String
    public var modelStatus: ModelStatus
    public var solverStatus: SolverStatus
    public var objective: Double?
    /// Best bound on the objective (MIP), nil when there is none.
    public var bestBound: Double? = nil
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    public var iterations: Int
    public var generationSeconds: Double
    /// Seconds in the solver; for `--generate-only`, loading the model into it.
    public var solverSeconds: Double
    /// Seconds from the start of the run (reading the model file) to the solver's return; for
    /// `--generate-only`, to the model loaded in the solver.
    public var elapsedSeconds: Double = 0
    /// Seconds in function and derivative evaluations (nonlinear backend), nil for LP/MIP.
    public var evaluationSeconds: Double? = nil
    public var line: Int
    /// Equation and column listings of the generated model (when asked for).
    public var listing: String? = nil
    /// What makes an infeasible model infeasible (nil when feasible or not searched).
    public var conflict: Conflict? = nil
    /// The solver's words on how it stopped.
    public var message: String
    /// Independent blocks the model was solved as (1: solved whole).
    public var blocks: Int = 1
    /// Lower bounds left out of the solve because an equality implies them (nonlinear backend).
    public var impliedBounds: Int = 0
    /// The model asked for no solution output (`m.solPrint` 0, off, or 2, silent): the terminal
    /// shows no summary of this solve; `--json` and the model attributes still have it.
    public var silent = false
}

/// The generated model of a solve, with the solve it belongs to (for exports).
public struct CapturedModel {
    public var model: ScalarModel
    /// Model name, type, objective variable and direction.
    public var modelName: String
    public var type: ModelType
    public var objectiveVariable: String

    init(model: ScalarModel, solve: SolveR) {
        self.model = model
        self.modelName = solve.model.name
        self.type = solve.type
        self.objectiveVariable = solve.objective?.name ?? ""
    }
}

/// Where a solve statement is: it started (its model and line), or it ended, with or without a
/// report. Lets a front end flush what it holds before a long solve and show progress meanwhile.
public enum SolvePhase: Sendable {
    /// `loop`: where the solve stands in the innermost `loop` around it, if any.
    case started(model: String, type: ModelType, line: Int, loop: LoopPosition?)
    /// What the backend reports while it works (from the solving thread).
    case progress(SolveProgress)
    /// The search for what makes an infeasible model infeasible: the re-solves so far and the
    /// rows and bounds it chooses among (0 while it checks the model).
    case conflictSearch(resolves: Int, candidates: Int)
    case ended
}

/// The pass of a `loop` statement a solve runs in: the loop's index names, the pass (1-based)
/// and how many passes the loop makes.
public struct LoopPosition: Sendable, Equatable {
    public var indices: String
    public var pass: Int
    public var passes: Int

    public init(indices: String, pass: Int, passes: Int) {
        self.indices = indices
        self.pass = pass
        self.passes = passes
    }
}

/// Something the run produced, in order: a displayed item or a finished solve.
public enum RunEvent: Sendable {
    case display(DisplayItem)
    case solve(SolveReport)
}
