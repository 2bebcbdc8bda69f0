import CBonminShim
import IR

/// The one place where Bonmin's outcomes become GAMS statuses; pure, so that it is tested
/// without solving anything.
///
/// Bonmin's "optimal" and "infeasible" are proofs only for a convex model (see `Curvature`):
/// on another, branch and bound trusted local NLP answers at its nodes, so an integer point is
/// model status 8 "Integer Solution" (2 "Locally Optimal" without integer columns) and an
/// infeasible end is 19 "Infeasible - No Solution" (5 "Locally Infeasible" without integer
/// columns), never 1 or 4.
enum BonminStatusTable {
    /// A GAMS status pair, a few words about how Bonmin stopped, and whether its point is
    /// returned.
    typealias Outcome = CLPStatusTable.Outcome

    /// What the shim's result says about the search.
    struct Search {
        var status: EnmBonminStatus
        var limit: EnmBonminLimit
        var hasSolution: Bool
        /// Whether the incumbent and the best bound agree (relative 1e-9).
        var gapClosed: Bool
        /// Whether `Curvature` proves the model convex.
        var convex: Bool
        /// Whether integer columns are kept (MINLP, MIQCP with integers).
        var integers: Bool
    }

    /// Maps the end of a Bonmin search.
    static func outcome(_ s: Search) -> Outcome {
        switch s.status {
        case ENM_BONMIN_OPTIMAL where s.hasSolution:
            return proved(s)
        case ENM_BONMIN_FEASIBLE where s.hasSolution, ENM_BONMIN_NO_SOLUTION where s.hasSolution:
            return Outcome(model: s.integers ? .integerSolution : .feasible, solver: limitStatus(s.limit),
                           message: "Bonmin: \(limitText(s.limit)) with an integer solution", hasPoint: true)
        case ENM_BONMIN_INFEASIBLE:
            if s.convex {
                return Outcome(model: s.integers ? .integerInfeasible : .infeasible, solver: .normalCompletion,
                               message: "Bonmin: the model is infeasible", hasPoint: false)
            }
            return Outcome(model: s.integers ? .infeasibleNoSolution : .locallyInfeasible, solver: .normalCompletion,
                           message: "Bonmin: no feasible point found (the model is not proved convex, so this is not a proof of infeasibility)",
                           hasPoint: false)
        case ENM_BONMIN_UNBOUNDED:
            return Outcome(model: .unboundedNoSolution, solver: .normalCompletion,
                           message: "Bonmin: the continuous relaxation is unbounded or infeasible", hasPoint: false)
        case ENM_BONMIN_NO_SOLUTION, ENM_BONMIN_FEASIBLE:
            return Outcome(model: .noSolutionReturned, solver: limitStatus(s.limit),
                           message: "Bonmin: \(limitText(s.limit)) before any integer solution", hasPoint: false)
        default:
            return Outcome(model: .errorNoSolution, solver: .solverFailure, message: "Bonmin failed", hasPoint: false)
        }
    }

    /// A search Bonmin calls finished with its incumbent optimal: a proof for a convex model
    /// whose gap is closed, else a good answer of unproved optimality.
    private static func proved(_ s: Search) -> Outcome {
        if s.convex && s.gapClosed {
            return Outcome(model: .optimal, solver: .normalCompletion, message: "Bonmin: optimal (convex model)", hasPoint: true)
        }
        if s.convex {
            return Outcome(model: s.integers ? .integerSolution : .feasible, solver: .normalCompletion,
                           message: "Bonmin: stopped within the gap tolerances (optCr, optCa)", hasPoint: true)
        }
        return Outcome(model: s.integers ? .integerSolution : .locallyOptimal, solver: .normalCompletion,
                       message: "Bonmin: branch and bound ended; the model is not proved convex, so the answer is a local one", hasPoint: true)
    }

    /// GAMS's solver status for the limit that stopped a search.
    private static func limitStatus(_ limit: EnmBonminLimit) -> SolverStatus {
        switch limit {
        case ENM_BONMIN_LIMIT_TIME: return .resourceInterrupt
        case ENM_BONMIN_LIMIT_NODES, ENM_BONMIN_LIMIT_ITERATIONS: return .iterationInterrupt
        case ENM_BONMIN_LIMIT_GAP: return .normalCompletion
        default: return .terminatedBySolver
        }
    }

    private static func limitText(_ limit: EnmBonminLimit) -> String {
        switch limit {
        case ENM_BONMIN_LIMIT_TIME: return "time limit (resLim) reached"
        case ENM_BONMIN_LIMIT_NODES: return "node limit (nodLim) reached"
        case ENM_BONMIN_LIMIT_ITERATIONS: return "iteration limit (iterLim) reached"
        case ENM_BONMIN_LIMIT_GAP: return "stopped within the gap tolerances (optCr, optCa)"
        default: return "stopped"
        }
    }
}
