import CGLPK
import IR

/// The one place where GLPK's return codes and solution statuses become GAMS statuses.
///
/// Every function is pure: it sees only codes and facts already read from GLPK, so the table can
/// be tested without solving anything.
enum GLPKStatusTable {
    /// A GAMS status pair and a few words about how GLPK stopped.
    struct Outcome: Equatable {
        var model: ModelStatus
        var solver: SolverStatus
        var message: String
        /// Whether the basic or integer solution GLPK holds is worth returning.
        var hasPoint: Bool
    }

    /// What an LP solve of the continuous relaxation (original bounds) found.
    enum Relaxation: Equatable {
        case infeasible, unbounded, feasible
        /// The relaxation could not be classified (solver failure or limit).
        case unknown
    }

    /// Maps the outcome of `glp_simplex`.
    ///
    /// - Parameters:
    ///   - returnCode: what `glp_simplex` returned.
    ///   - status: `glp_get_status` (meaningful when `returnCode` is 0).
    ///   - primalFeasible: whether `glp_get_prim_stat` is `GLP_FEAS` (used on interrupts).
    static func simplex(returnCode: Int32, status: Int32, primalFeasible: Bool) -> Outcome {
        switch returnCode {
        case 0:
            switch status {
            case GLP_OPT:
                return Outcome(model: .optimal, solver: .normalCompletion,
                               message: "GLPK simplex: optimal", hasPoint: true)
            case GLP_NOFEAS:
                return Outcome(model: .infeasible, solver: .normalCompletion,
                               message: "GLPK simplex: no primal feasible solution", hasPoint: true)
            case GLP_UNBND:
                return Outcome(model: .unbounded, solver: .normalCompletion,
                               message: "GLPK simplex: unbounded", hasPoint: true)
            default:
                return Outcome(model: .errorNoSolution, solver: .solverFailure,
                               message: "GLPK simplex: finished with undecided status \(status)",
                               hasPoint: false)
            }
        case GLP_EITLIM:
            return Outcome(model: primalFeasible ? .feasible : .intermediateInfeasible,
                           solver: .iterationInterrupt,
                           message: "GLPK simplex: iteration limit reached", hasPoint: true)
        case GLP_ETMLIM:
            return Outcome(model: primalFeasible ? .feasible : .intermediateInfeasible,
                           solver: .resourceInterrupt,
                           message: "GLPK simplex: time limit reached", hasPoint: true)
        case GLP_EBOUND:
            return Outcome(model: .infeasible, solver: .normalCompletion,
                           message: "GLPK simplex: incorrect (crossing) bounds", hasPoint: false)
        default:
            return Outcome(model: .errorNoSolution, solver: .solverFailure,
                           message: "GLPK simplex failed: \(describe(returnCode))", hasPoint: false)
        }
    }

    /// Maps the outcome of `glp_intopt`.
    ///
    /// - Parameters:
    ///   - returnCode: what `glp_intopt` returned.
    ///   - mipStatus: `glp_mip_status` after the call.
    ///   - gapClosed: whether the incumbent and the best bound agree (relative 1e-9).
    ///   - stoppedByOptCa: whether the callback terminated the search for `optCa`.
    ///   - stoppedByIterations: whether the callback terminated the search for `iterLim`.
    ///   - relaxation: the class of the continuous relaxation, needed only for `GLP_ENOPFS` and
    ///     `GLP_ENODFS`.
    static func intopt(returnCode: Int32, mipStatus: Int32, gapClosed: Bool,
                       stoppedByOptCa: Bool, stoppedByIterations: Bool, stoppedByNodes: Bool = false,
                       stoppedByMemory: Bool = false, relaxation: Relaxation) -> Outcome {
        let incumbent = mipStatus == GLP_OPT || mipStatus == GLP_FEAS
        switch returnCode {
        case 0:
            if mipStatus == GLP_OPT {
                return Outcome(model: .optimal, solver: .normalCompletion,
                               message: "GLPK branch-and-cut: integer optimal", hasPoint: true)
            }
            if mipStatus == GLP_NOFEAS {
                return Outcome(model: .integerInfeasible, solver: .normalCompletion,
                               message: "GLPK branch-and-cut: no integer feasible solution",
                               hasPoint: false)
            }
            return Outcome(model: .errorNoSolution, solver: .solverFailure,
                           message: "GLPK branch-and-cut: finished with undecided status \(mipStatus)",
                           hasPoint: false)
        case GLP_EMIPGAP where incumbent:
            return gapStop(gapClosed: gapClosed, reason: "relative gap tolerance (optCr) reached")
        case GLP_ESTOP where stoppedByOptCa && incumbent:
            return gapStop(gapClosed: gapClosed, reason: "absolute gap tolerance (optCa) reached")
        case GLP_ESTOP where stoppedByIterations:
            return interrupted(incumbent: incumbent, solver: .iterationInterrupt,
                               reason: "iteration limit reached")
        case GLP_ESTOP where stoppedByNodes:
            return interrupted(incumbent: incumbent, solver: .iterationInterrupt,
                               reason: "node limit (nodLim) reached")
        case GLP_ETMLIM:
            return interrupted(incumbent: incumbent, solver: .resourceInterrupt,
                               reason: "time limit reached")
        case GLP_ESTOP where stoppedByMemory:
            return interrupted(incumbent: incumbent, solver: .resourceInterrupt,
                               reason: "memory limit (--memory-limit) reached")
        case GLP_ENOPFS:
            switch relaxation {
            case .infeasible:
                return Outcome(model: .infeasible, solver: .normalCompletion,
                               message: "GLPK: the continuous relaxation is infeasible",
                               hasPoint: false)
            case .feasible, .unbounded:
                return Outcome(model: .integerInfeasible, solver: .normalCompletion,
                               message: "GLPK: the relaxation is feasible but no integer point exists",
                               hasPoint: false)
            case .unknown:
                return Outcome(model: .integerInfeasible, solver: .normalCompletion,
                               message: "GLPK presolver: no integer feasible solution "
                                   + "(relaxation not classified)", hasPoint: false)
            }
        case GLP_ENODFS:
            switch relaxation {
            case .unbounded:
                return Outcome(model: .unbounded, solver: .normalCompletion,
                               message: "GLPK: the continuous relaxation is unbounded",
                               hasPoint: false)
            case .infeasible:
                return Outcome(model: .infeasible, solver: .normalCompletion,
                               message: "GLPK: the continuous relaxation is infeasible",
                               hasPoint: false)
            case .feasible, .unknown:
                return Outcome(model: .errorNoSolution, solver: .solverFailure,
                               message: "GLPK presolver reported an unbounded relaxation "
                                   + "that the simplex could not confirm", hasPoint: false)
            }
        default:
            return Outcome(model: .errorNoSolution, solver: .solverFailure,
                           message: "GLPK branch-and-cut failed: \(describe(returnCode))",
                           hasPoint: false)
        }
    }

    /// Whether a `glp_intopt` run with the MIP presolver on ended in a verdict of "no integer
    /// point" that rests on the presolver: GLP_ENOPFS (from the presolver itself or from the
    /// simplex on its presolved relaxation), or a search of the presolved problem that ended
    /// without an incumbent. Such a verdict is checked without the presolver before it is
    /// reported.
    static func restsOnPresolver(returnCode: Int32, mipStatus: Int32) -> Bool {
        returnCode == GLP_ENOPFS || (returnCode == 0 && mipStatus == GLP_NOFEAS)
    }

    /// What the check without the presolver adds to the solve's message, by the
    /// `glp_mip_status` it ended with.
    static func confirmationNote(mipStatus: Int32) -> String {
        switch mipStatus {
        case GLP_OPT, GLP_FEAS:
            return "; GLPK's MIP presolver reported no feasible solution, which was not confirmed: "
                + "this point comes from a search without the presolver"
        case GLP_NOFEAS:
            return " (the MIP presolver's verdict, confirmed without the presolver)"
        default:
            return "; GLPK's MIP presolver reported no feasible solution, which the search "
                + "without it stopped before confirming"
        }
    }

    /// The outcome when the relaxation solved to check the MIP presolver's "no integer point"
    /// did not finish with a verdict: a limit or a failure, never infeasibility.
    static func unconfirmed(relaxationReturnCode code: Int32) -> Outcome {
        let unconfirmed = "GLPK's MIP presolver reported no feasible solution, not confirmed"
        if code == GLP_ETMLIM {
            return Outcome(model: .noSolutionReturned, solver: .resourceInterrupt,
                           message: "\(unconfirmed): time limit reached while solving the "
                               + "relaxation without the presolver", hasPoint: false)
        }
        let reason = code == 0 ? "it ended with an undecided status" : describe(code)
        return Outcome(model: .errorNoSolution, solver: .solverFailure,
                       message: "\(unconfirmed): the relaxation without the presolver did not "
                           + "solve (\(reason))", hasPoint: false)
    }

    /// Classifies the continuous relaxation from a `glp_simplex` outcome.
    static func relaxation(returnCode: Int32, status: Int32) -> Relaxation {
        guard returnCode == 0 else { return .unknown }
        switch status {
        case GLP_OPT: return .feasible
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return .unknown
        }
    }

    /// GLPK's name and meaning of a return code.
    static func describe(_ code: Int32) -> String {
        switch code {
        case 0: return "success"
        case GLP_EBADB: return "GLP_EBADB (invalid basis)"
        case GLP_ESING: return "GLP_ESING (singular basis matrix)"
        case GLP_ECOND: return "GLP_ECOND (ill-conditioned basis matrix)"
        case GLP_EBOUND: return "GLP_EBOUND (incorrect bounds)"
        case GLP_EFAIL: return "GLP_EFAIL (solver failure)"
        case GLP_EOBJLL: return "GLP_EOBJLL (objective lower limit reached)"
        case GLP_EOBJUL: return "GLP_EOBJUL (objective upper limit reached)"
        case GLP_EITLIM: return "GLP_EITLIM (iteration limit)"
        case GLP_ETMLIM: return "GLP_ETMLIM (time limit)"
        case GLP_ENOPFS: return "GLP_ENOPFS (no primal feasible solution)"
        case GLP_ENODFS: return "GLP_ENODFS (no dual feasible solution)"
        case GLP_EROOT: return "GLP_EROOT (no optimal root basis)"
        case GLP_ESTOP: return "GLP_ESTOP (terminated by application)"
        case GLP_EMIPGAP: return "GLP_EMIPGAP (relative gap reached)"
        default: return "return code \(code)"
        }
    }

    /// A search stopped by a gap tolerance: optimal only if the gap is actually closed.
    private static func gapStop(gapClosed: Bool, reason: String) -> Outcome {
        if gapClosed {
            return Outcome(model: .optimal, solver: .normalCompletion,
                           message: "GLPK branch-and-cut: integer optimal (gap closed)",
                           hasPoint: true)
        }
        return Outcome(model: .integerSolution, solver: .normalCompletion,
                       message: "GLPK branch-and-cut: \(reason)", hasPoint: true)
    }

    /// A search interrupted by a limit: an integer solution if there is an incumbent.
    private static func interrupted(incumbent: Bool, solver: SolverStatus,
                                    reason: String) -> Outcome {
        if incumbent {
            return Outcome(model: .integerSolution, solver: solver,
                           message: "GLPK branch-and-cut: \(reason) with an integer solution",
                           hasPoint: true)
        }
        return Outcome(model: .noSolutionReturned, solver: solver,
                       message: "GLPK branch-and-cut: \(reason) before any integer solution",
                       hasPoint: false)
    }
}
