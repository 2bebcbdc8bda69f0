/// The statuses of a solve as GAMS reports them, with their predicates: one definition read by
/// the backends' status tables, the solve step, the Driver's exit code and the reports.

/// GAMS model status codes (`m.modelStat`).
public enum ModelStatus: Int, Sendable {
    case optimal = 1, locallyOptimal = 2, unbounded = 3, infeasible = 4, locallyInfeasible = 5
    case intermediateInfeasible = 6, feasible = 7, integerSolution = 8
    case intermediateNonInteger = 9, integerInfeasible = 10, errorUnknown = 12
    case errorNoSolution = 13, noSolutionReturned = 14, unboundedNoSolution = 18
    case infeasibleNoSolution = 19

    /// Whether the model has no feasible point (proven, or locally for a nonlinear model).
    public var isInfeasible: Bool {
        switch self {
        case .infeasible, .locallyInfeasible, .integerInfeasible, .infeasibleNoSolution: return true
        default: return false
        }
    }

    /// Whether the model is unbounded.
    public var isUnbounded: Bool { self == .unbounded || self == .unboundedNoSolution }

    /// Whether the point is optimal (globally, or locally for a nonlinear model).
    public var isOptimal: Bool { self == .optimal || self == .locallyOptimal }

    /// GAMS's wording of the status.
    public var text: String {
        switch self {
        case .optimal: return "Optimal"
        case .locallyOptimal: return "Locally Optimal"
        case .unbounded: return "Unbounded"
        case .infeasible: return "Infeasible"
        case .locallyInfeasible: return "Locally Infeasible"
        case .intermediateInfeasible: return "Intermediate Infeasible"
        case .feasible: return "Feasible Solution"
        case .integerSolution: return "Integer Solution"
        case .intermediateNonInteger: return "Intermediate Non-Integer"
        case .integerInfeasible: return "Integer Infeasible"
        case .errorUnknown: return "Error Unknown"
        case .errorNoSolution: return "Error No Solution"
        case .noSolutionReturned: return "No Solution Returned"
        case .unboundedNoSolution: return "Unbounded - No Solution"
        case .infeasibleNoSolution: return "Infeasible - No Solution"
        }
    }
}

/// GAMS solver status codes (`m.solveStat`).
public enum SolverStatus: Int, Sendable {
    case normalCompletion = 1, iterationInterrupt = 2, resourceInterrupt = 3
    case terminatedBySolver = 4, evaluationInterrupt = 5, capabilityProblems = 6
    case userInterrupt = 8, setupFailure = 9, solverFailure = 10, internalSolverFailure = 11
    case solveProcessingSkipped = 12, systemFailure = 13

    /// GAMS's wording of the status.
    public var text: String {
        switch self {
        case .normalCompletion: return "Normal Completion"
        case .iterationInterrupt: return "Iteration Interrupt"
        case .resourceInterrupt: return "Resource Interrupt"
        case .terminatedBySolver: return "Terminated By Solver"
        case .evaluationInterrupt: return "Evaluation Interrupt"
        case .capabilityProblems: return "Capability Problems"
        case .userInterrupt: return "User Interrupt"
        case .setupFailure: return "Setup Failure"
        case .solverFailure: return "Solver Failure"
        case .internalSolverFailure: return "Internal Solver Failure"
        case .solveProcessingSkipped: return "Solve Processing Skipped"
        case .systemFailure: return "System Failure"
        }
    }
}
