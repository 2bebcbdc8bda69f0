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

/// What a backend returns: statuses, the solution (primal and dual) and statistics.
public struct SolveResult: Sendable {
    public var modelStatus: ModelStatus
    public var solverStatus: SolverStatus
    /// Objective value of the returned point, nil when there is none.
    public var objective: Double?
    /// Best bound on the objective (MIP), nil when unknown.
    public var bestBound: Double?
    /// Column levels (empty when there is no solution).
    public var columnLevel: [Double] = []
    /// Reduced costs with GAMS's sign convention (d objective / d column).
    public var columnMarginal: [Double] = []
    /// Row activities.
    public var rowLevel: [Double] = []
    /// Duals with GAMS's sign convention (d objective / d rhs).
    public var rowMarginal: [Double] = []
    public var iterations: Int = 0
    /// Branch-and-bound nodes (MIP).
    public var nodes: Int = 0
    public var solverSeconds: Double = 0
    /// Seconds spent in function and derivative evaluation callbacks (NLP).
    public var evaluationSeconds: Double = 0
    /// Lower bounds left out of a nonlinear solve because an equality implies them (set by the
    /// solve step's implied-bounds reduction).
    public var impliedBounds: Int = 0
    /// Problems the backend had with the request that did not stop it (an unknown option).
    public var warnings: [String] = []
    /// Warnings about many items of one kind (bounds COIN-OR takes as infinite), which the
    /// blocks of a decomposed model merge into one each.
    public var notes: [SolverNote] = []
    /// Why the backend was stopped, or not called, at the memory limit (W4051); nil otherwise.
    public var memoryStop: MemoryStop? = nil
    /// How the backend's own process ended without a result (W4053: a library that aborted,
    /// a process stopped past `resLim`), with the library's last words; nil otherwise.
    public var processEnd: String? = nil
    /// The final simplex basis of an LP solve (nil otherwise), to warm-start the next solve.
    public var basis: SimplexBasis? = nil
    /// The final multipliers of an interior-point solve that ended with a point (nil
    /// otherwise), to warm-start the next solve.
    public var multipliers: InteriorPointMultipliers? = nil
    /// The solver's own words about how it stopped.
    public var message: String = ""

    public init(modelStatus: ModelStatus, solverStatus: SolverStatus) {
        self.modelStatus = modelStatus
        self.solverStatus = solverStatus
    }

    /// A result with statuses and the solver's words, and no point yet.
    public init(modelStatus: ModelStatus, solverStatus: SolverStatus, message: String) {
        self.init(modelStatus: modelStatus, solverStatus: solverStatus)
        self.message = message
    }

    /// Whether a primal point came back.
    public var hasSolution: Bool { !columnLevel.isEmpty }
}

/// A backend's warning about many items of one kind: the first item, how many more, and what
/// happens to them.
public struct SolverNote: Sendable, Equatable {
    /// The first item (`column x(t1) has the upper bound 1e+20`).
    public var first: String
    /// How many more items there are.
    public var more: Int
    /// What happens to them (`which CLP takes as none (...)`); notes merge when it is equal.
    public var what: String

    public init(first: String, more: Int, what: String) {
        self.first = first
        self.more = more
        self.what = what
    }

    /// The warning's text: `column x(t1) has the upper bound 1e+20 (and 49 more), which ...`.
    public var text: String { "\(first)\(more > 0 ? " (and \(more) more)" : ""), \(what)" }

    /// `notes` with those of equal `what` merged (the first item kept, the counts added), in
    /// the order of their first appearance.
    public static func merged(_ notes: [SolverNote]) -> [SolverNote] {
        var out: [SolverNote] = []
        var index: [String: Int] = [:]
        for n in notes {
            if let k = index[n.what] {
                out[k].more += n.more + 1
            } else {
                index[n.what] = out.count
                out.append(n)
            }
        }
        return out
    }
}

/// A solve stopped, or refused before the call, because the run's memory would pass or had
/// passed `--memory-limit`: the backend's status is a resource interrupt.
public struct MemoryStop: Sendable, Equatable {
    /// What happened, without sizes that vary from run to run: `Ipopt was stopped at the
    /// memory limit (64 MiB)`.
    public var message: String
    /// The sizes: what the run held (and what the backend would have needed).
    public var note: String

    public init(message: String, note: String) {
        self.message = message
        self.note = note
    }
}
