import IR

/// The one place where CBC's statuses become GAMS statuses; pure, so that it is tested without
/// solving anything.
enum CBCStatusTable {
    /// A GAMS status pair, a few words about how CBC stopped, and whether its incumbent is
    /// returned.
    typealias Outcome = CLPStatusTable.Outcome

    /// Maps `Cbc_status` and `Cbc_secondaryStatus` after a branch-and-cut search.
    ///
    /// - Parameters:
    ///   - status: 0 finished, 1 stopped on a limit, 2 abandoned (numerical difficulties),
    ///     5 stopped by the user.
    ///   - secondary: 0 completed, 1 relaxation infeasible (or no integer point), 2 stopped on
    ///     the gap, 3 on nodes, 4 on time, 5 user, 6 on solutions, 7 relaxation unbounded,
    ///     8 on iterations.
    ///   - incumbent: whether an integer point was found.
    ///   - gapClosed: whether the incumbent and the best bound agree (relative 1e-9).
    ///   - relaxation: the class of the continuous relaxation, read only when no integer point
    ///     exists (it tells 4 Infeasible from 10 Integer Infeasible).
    static func outcome(status: Int32, secondary: Int32, incumbent: Bool, gapClosed: Bool,
                        relaxation: GLPKStatusTable.Relaxation) -> Outcome {
        switch status {
        case 0 where incumbent:
            // CBC calls a search stopped on optCr or optCa (secondary 2) "proven optimal": GAMS
            // does not, unless the gap is closed
            if secondary != 2 || gapClosed {
                return Outcome(model: .optimal, solver: .normalCompletion, message: "CBC: integer optimal", hasPoint: true)
            }
            return Outcome(model: .integerSolution, solver: .normalCompletion,
                           message: "CBC: stopped within the gap tolerances (optCr, optCa)", hasPoint: true)
        case 0 where secondary == 7:
            return Outcome(model: .unbounded, solver: .normalCompletion,
                           message: "CBC: the continuous relaxation is unbounded", hasPoint: false)
        case 0:
            if relaxation == .infeasible {
                return Outcome(model: .infeasible, solver: .normalCompletion,
                               message: "CBC: the continuous relaxation is infeasible", hasPoint: false)
            }
            return Outcome(model: .integerInfeasible, solver: .normalCompletion,
                           message: "CBC: no integer feasible solution", hasPoint: false)
        case 1:
            return interrupted(secondary: secondary, incumbent: incumbent)
        case 5:
            return Outcome(model: incumbent ? .integerSolution : .noSolutionReturned, solver: .userInterrupt,
                           message: "CBC: stopped by the user", hasPoint: incumbent)
        default:
            return Outcome(model: incumbent ? .integerSolution : .errorNoSolution,
                           solver: incumbent ? .terminatedBySolver : .solverFailure,
                           message: "CBC abandoned the search (status \(status), secondary status \(secondary))",
                           hasPoint: incumbent)
        }
    }

    /// A search stopped by a limit: never optimal, an integer solution when there is one.
    private static func interrupted(secondary: Int32, incumbent: Bool) -> Outcome {
        let (solver, reason): (SolverStatus, String)
        switch secondary {
        case 3: (solver, reason) = (.iterationInterrupt, "node limit (nodLim) reached")
        case 4: (solver, reason) = (.resourceInterrupt, "time limit reached")
        case 8: (solver, reason) = (.iterationInterrupt, "iteration limit reached")
        case 6: (solver, reason) = (.terminatedBySolver, "solution limit reached")
        default: (solver, reason) = (.terminatedBySolver, "stopped (secondary status \(secondary))")
        }
        if incumbent {
            return Outcome(model: .integerSolution, solver: solver,
                           message: "CBC: \(reason) with an integer solution", hasPoint: true)
        }
        return Outcome(model: .noSolutionReturned, solver: solver,
                       message: "CBC: \(reason) before any integer solution", hasPoint: false)
    }
}
