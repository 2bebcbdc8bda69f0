import IR

/// Ipopt's `ApplicationReturnStatus` codes (`IpReturnCodes_inc.h`, Ipopt 3.11), kept as a Swift
/// enum so the status table can be tested without the C module.
enum IpoptReturnCode: Int32, CaseIterable {
    case solveSucceeded = 0
    case solvedToAcceptableLevel = 1
    case infeasibleProblemDetected = 2
    case searchDirectionBecomesTooSmall = 3
    case divergingIterates = 4
    case userRequestedStop = 5
    case feasiblePointFound = 6
    case maximumIterationsExceeded = -1
    case restorationFailed = -2
    case errorInStepComputation = -3
    case maximumCpuTimeExceeded = -4
    case notEnoughDegreesOfFreedom = -10
    case invalidProblemDefinition = -11
    case invalidOption = -12
    case invalidNumberDetected = -13
    case unrecoverableException = -100
    case nonIpoptExceptionThrown = -101
    case insufficientMemory = -102
    case internalError = -199

    /// Ipopt's own name of the code.
    var ipoptName: String {
        switch self {
        case .solveSucceeded: return "Solve_Succeeded"
        case .solvedToAcceptableLevel: return "Solved_To_Acceptable_Level"
        case .infeasibleProblemDetected: return "Infeasible_Problem_Detected"
        case .searchDirectionBecomesTooSmall: return "Search_Direction_Becomes_Too_Small"
        case .divergingIterates: return "Diverging_Iterates"
        case .userRequestedStop: return "User_Requested_Stop"
        case .feasiblePointFound: return "Feasible_Point_Found"
        case .maximumIterationsExceeded: return "Maximum_Iterations_Exceeded"
        case .restorationFailed: return "Restoration_Failed"
        case .errorInStepComputation: return "Error_In_Step_Computation"
        case .maximumCpuTimeExceeded: return "Maximum_CpuTime_Exceeded"
        case .notEnoughDegreesOfFreedom: return "Not_Enough_Degrees_Of_Freedom"
        case .invalidProblemDefinition: return "Invalid_Problem_Definition"
        case .invalidOption: return "Invalid_Option"
        case .invalidNumberDetected: return "Invalid_Number_Detected"
        case .unrecoverableException: return "Unrecoverable_Exception"
        case .nonIpoptExceptionThrown: return "NonIpopt_Exception_Thrown"
        case .insufficientMemory: return "Insufficient_Memory"
        case .internalError: return "Internal_Error"
        }
    }
}

/// The one place where Ipopt's return codes become GAMS statuses.
///
/// Decisions (GAMS codes in parentheses):
/// - `Solve_Succeeded`: Locally Optimal (2), Normal Completion (1).
/// - `Solved_To_Acceptable_Level`: Ipopt's acceptable-level test is a local optimality
///   certificate at looser tolerances, so Locally Optimal (2) with Normal Completion (1) when the
///   point also passes the row and bound check; otherwise Intermediate Infeasible (6) with
///   Terminated By Solver (4).
/// - `Infeasible_Problem_Detected`: Locally Infeasible (5), Normal Completion (1), point returned.
/// - `Diverging_Iterates`: the iterates grew beyond Ipopt's divergence limit, which in practice
///   means an unbounded objective: Unbounded (3) with the point when it is feasible, else
///   Unbounded - No Solution (18); solver status Normal Completion (1).
/// - Limits: iterations → Iteration Interrupt (2); CPU time, or the wall-clock deadline the
///   intermediate callback enforces → Resource Interrupt (3). The model status is then Feasible
///   Solution (7) when the returned point satisfies rows and bounds, else Intermediate
///   Infeasible (6): never optimal under a limit.
/// - `Search_Direction_Becomes_Too_Small`, `Restoration_Failed`, `Error_In_Step_Computation`:
///   Terminated By Solver (4) with the same 7/6 rule.
/// - `Feasible_Point_Found` (square problems): 7/6 with Normal Completion (1).
/// - `User_Requested_Stop` (not the deadline): User Interrupt (8) with the 7/6 rule.
/// - `Invalid_Number_Detected`: Evaluation Interrupt (5) with the 7/6 rule.
/// - `Not_Enough_Degrees_Of_Freedom`, `Invalid_Problem_Definition`, `Invalid_Option`: Error No
///   Solution (13), Setup Failure (9).
/// - `Insufficient_Memory`: 13 with Solver Failure (10).
/// - `Internal_Error`, `Unrecoverable_Exception`, `NonIpopt_Exception_Thrown`: 13 with Internal
///   Solver Failure (11); an unknown code: 13 with Solver Failure (10).
/// - Wherever a point would be returned but cannot be evaluated (non-finite levels, an
///   evaluation error at the final point), the model status is Error No Solution (13) — except
///   for an infeasible model, which stays Locally Infeasible (5) without a point.
enum IpoptStatusTable {
    /// A GAMS status pair and a few words about how Ipopt stopped.
    struct Outcome: Equatable {
        var model: ModelStatus
        var solver: SolverStatus
        var message: String
        /// Whether the point Ipopt returned is worth reporting.
        var hasPoint: Bool
    }

    /// What the final point is, judged by the adapter after the solve.
    enum Point: Equatable {
        /// Every row and bound is satisfied within tolerance.
        case feasible
        /// Some row or bound is violated beyond tolerance.
        case infeasible
        /// No usable point: non-finite values or an evaluation error there.
        case unavailable
    }

    /// Maps an `IpoptSolve` return code.
    ///
    /// - Parameters:
    ///   - code: what `IpoptSolve` returned (raw value of `ApplicationReturnStatus`).
    ///   - point: the class of the returned point.
    ///   - stoppedByDeadline: whether the intermediate callback stopped the solve because the
    ///     time limit passed (then `User_Requested_Stop` is a resource interrupt).
    ///   - stoppedByMemory: whether it stopped the solve because the run passed the memory
    ///     limit (a resource interrupt as well).
    static func outcome(code: Int32, point: Point, stoppedByDeadline: Bool = false, stoppedByMemory: Bool = false) -> Outcome {
        guard let known = IpoptReturnCode(rawValue: code) else {
            return Outcome(model: .errorNoSolution, solver: .solverFailure,
                           message: "Ipopt returned the unknown status \(code)", hasPoint: false)
        }
        let name = known.ipoptName
        switch known {
        case .solveSucceeded:
            guard point != .unavailable else { return unusable(name, .solverFailure) }
            return Outcome(model: .locallyOptimal, solver: .normalCompletion,
                           message: "Ipopt: locally optimal (\(name))", hasPoint: true)
        case .solvedToAcceptableLevel:
            switch point {
            case .feasible:
                return Outcome(model: .locallyOptimal, solver: .normalCompletion,
                               message: "Ipopt: solved to an acceptable level (\(name))",
                               hasPoint: true)
            case .infeasible:
                return Outcome(model: .intermediateInfeasible, solver: .terminatedBySolver,
                               message: "Ipopt: stopped at an acceptable level (\(name)) but the "
                                   + "point violates rows or bounds", hasPoint: true)
            case .unavailable:
                return unusable(name, .solverFailure)
            }
        case .infeasibleProblemDetected:
            return Outcome(model: .locallyInfeasible, solver: .normalCompletion,
                           message: "Ipopt: converged to a point of local infeasibility (\(name))",
                           hasPoint: point != .unavailable)
        case .divergingIterates:
            if point == .feasible {
                return Outcome(model: .unbounded, solver: .normalCompletion,
                               message: "Ipopt: iterates diverge, the objective seems unbounded "
                                   + "(\(name))", hasPoint: true)
            }
            return Outcome(model: .unboundedNoSolution, solver: .normalCompletion,
                           message: "Ipopt: iterates diverge (\(name)) at an infeasible point",
                           hasPoint: false)
        case .userRequestedStop:
            if stoppedByDeadline {
                return interrupted(point, .resourceInterrupt, "time limit (resLim) reached")
            }
            if stoppedByMemory {
                return interrupted(point, .resourceInterrupt, "memory limit (--memory-limit) reached")
            }
            return interrupted(point, .userInterrupt, "stopped on request (\(name))")
        case .feasiblePointFound:
            return interrupted(point, .normalCompletion, "feasible point found (\(name))")
        case .maximumIterationsExceeded:
            return interrupted(point, .iterationInterrupt, "iteration limit reached (\(name))")
        case .maximumCpuTimeExceeded:
            return interrupted(point, .resourceInterrupt, "time limit reached (\(name))")
        case .searchDirectionBecomesTooSmall:
            return interrupted(point, .terminatedBySolver, "search direction too small (\(name))")
        case .restorationFailed:
            return interrupted(point, .terminatedBySolver, "restoration phase failed (\(name))")
        case .errorInStepComputation:
            return interrupted(point, .terminatedBySolver, "error in step computation (\(name))")
        case .invalidNumberDetected:
            return interrupted(point, .evaluationInterrupt,
                               "a function or derivative returned an invalid number (\(name))")
        case .notEnoughDegreesOfFreedom:
            return failure(.setupFailure, "fewer free variables than equations (\(name))")
        case .invalidProblemDefinition:
            return failure(.setupFailure, "invalid problem definition (\(name))")
        case .invalidOption:
            return failure(.setupFailure, "invalid option (\(name))")
        case .insufficientMemory:
            return failure(.solverFailure, "out of memory (\(name))")
        case .unrecoverableException, .nonIpoptExceptionThrown, .internalError:
            return failure(.internalSolverFailure, "internal failure (\(name))")
        }
    }

    /// A solve that stopped early: Feasible Solution (7) or Intermediate Infeasible (6) by the
    /// point, Error No Solution (13) without one.
    private static func interrupted(_ point: Point, _ solver: SolverStatus,
                                    _ reason: String) -> Outcome {
        switch point {
        case .feasible:
            return Outcome(model: .feasible, solver: solver,
                           message: "Ipopt: \(reason) at a feasible point", hasPoint: true)
        case .infeasible:
            return Outcome(model: .intermediateInfeasible, solver: solver,
                           message: "Ipopt: \(reason) at an infeasible point", hasPoint: true)
        case .unavailable:
            return Outcome(model: .errorNoSolution, solver: solver,
                           message: "Ipopt: \(reason) without a usable point", hasPoint: false)
        }
    }

    private static func failure(_ solver: SolverStatus, _ reason: String) -> Outcome {
        Outcome(model: .errorNoSolution, solver: solver, message: "Ipopt: \(reason)",
                hasPoint: false)
    }

    private static func unusable(_ name: String, _ solver: SolverStatus) -> Outcome {
        Outcome(model: .errorNoSolution, solver: solver,
                message: "Ipopt reported \(name) but the final point cannot be evaluated",
                hasPoint: false)
    }

    /// Classifies a point: `unavailable` when any level is missing or not finite, otherwise
    /// `infeasible` when a column or row leaves its bounds by more than `tolerance` relative to
    /// `1 + |bound|`, else `feasible`.
    static func classify(_ model: ScalarModel, columnLevel: [Double], rowLevel: [Double]?,
                         tolerance: Double = 1e-6) -> Point {
        guard let rowLevel, columnLevel.count == model.columnCount,
              rowLevel.count == model.rowCount,
              columnLevel.allSatisfy(\.isFinite), rowLevel.allSatisfy(\.isFinite) else {
            return .unavailable
        }
        return model.worstViolation(columnLevel: columnLevel, rowLevel: rowLevel)
            .map { $0.amount > tolerance ? .infeasible : .feasible } ?? .feasible
    }
}
