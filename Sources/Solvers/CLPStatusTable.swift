import IR

/// The one place where CLP's statuses become GAMS statuses; pure, so that it is tested without
/// solving anything.
enum CLPStatusTable {
    /// A GAMS status pair, a few words about how CLP stopped, and whether its point is worth
    /// returning.
    struct Outcome: Equatable {
        var model: ModelStatus
        var solver: SolverStatus
        var message: String
        var hasPoint: Bool
    }

    /// Maps `Clp_status` and `Clp_secondaryStatus` after a solve.
    ///
    /// - Parameters:
    ///   - status: 0 optimal, 1 primal infeasible, 2 dual infeasible (unbounded), 3 stopped on
    ///     iterations or time, 4 stopped on errors, 5 stopped by an event handler.
    ///   - secondary: CLP's detail (9: status 3 came from the time limit; 2-4: the scaled
    ///     problem is optimal but the unscaled one has small infeasibilities).
    ///   - primalFeasible: whether the point satisfies every row and bound (read on a stop).
    static func outcome(status: Int32, secondary: Int32, primalFeasible: Bool) -> Outcome {
        switch status {
        case 0:
            let note = (2...4).contains(secondary) ? " (the unscaled problem has small infeasibilities)" : ""
            return Outcome(model: .optimal, solver: .normalCompletion, message: "CLP: optimal" + note, hasPoint: true)
        case 1:
            return Outcome(model: .infeasible, solver: .normalCompletion, message: "CLP: primal infeasible", hasPoint: true)
        case 2:
            return Outcome(model: .unbounded, solver: .normalCompletion, message: "CLP: dual infeasible (unbounded)", hasPoint: true)
        case 3:
            // a limit is never optimal, even when the point it stopped at happens to be
            let byTime = secondary == 9
            return Outcome(model: primalFeasible ? .feasible : .intermediateInfeasible,
                           solver: byTime ? .resourceInterrupt : .iterationInterrupt,
                           message: byTime ? "CLP: time limit reached" : "CLP: iteration limit reached", hasPoint: true)
        case 5:
            return Outcome(model: .noSolutionReturned, solver: .userInterrupt,
                           message: "CLP: stopped by an event handler", hasPoint: false)
        default:
            return Outcome(model: .errorNoSolution, solver: .solverFailure,
                           message: "CLP stopped on errors (status \(status), secondary status \(secondary))", hasPoint: false)
        }
    }
}
