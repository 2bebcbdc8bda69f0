import IR

/// The settings of a CLP option file (`clp.opt`, read for `m.optFile = 1`), with the names of
/// GAMS's COIN-OR CLP link where it had them (`startalg`, `presolve`, `scaling`, `tol_primal`,
/// `tol_dual`, `reslim`, `iterlim`) and CLP's own for the rest. Anything else is refused before
/// the solve.
struct CLPOptions {
    /// The simplex or interior-point method of a cold start.
    enum Method: String {
        /// CLP's own choice (`ClpSolve::automatic`: dual simplex on most LPs).
        case automatic
        case primal, dual, barrier
    }

    var method = Method.automatic
    /// CLP's presolve for a cold start (default on; a warm start never presolves).
    var presolve = true
    /// `Clp_scaling` mode: 0 off, 1 equilibrium, 2 geometric, 3 auto, 4 dynamic (CLP's default 3).
    var scaling: Int32?
    var primalTolerance: Double?
    var dualTolerance: Double?
    /// `Clp_setPerturbation`: 50 CLP's choice, 100 off, 0-49 amounts.
    var perturbation: Int32?
    /// Seconds, replacing `resLim` for this solve.
    var timeLimit: Double?
    /// Iterations, replacing `iterLim` for this solve.
    var iterationLimit: Int?
    /// CLP's log on standard output: 0 none (the default here), up to 4.
    var logLevel: Int32 = 0
    /// Solve the LP's dual and read the LP's solution from it (`CLPDual`).
    var dualize = false
    /// The barrier's crossover to a basic solution (off: the barrier's interior point).
    var crossover = true

    /// Each option CLP accepts.
    static let table = SolverOptionTable<CLPOptions>(solver: "CLP", setters: [
        "startalg": { o, v in
            guard let m = Method(rawValue: v.lowercased()) else { return false }
            o.method = m
            return true
        },
        "presolve": { o, v in
            guard let on = Table.flag(v) else { return false }
            o.presolve = on
            return true
        },
        "scaling": { o, v in
            guard let mode = Table.whole(v, in: 0...4) else { return false }
            o.scaling = Int32(mode)
            return true
        },
        "tol_primal": { o, v in
            o.primalTolerance = Table.tolerance(v)
            return o.primalTolerance != nil
        },
        "tol_dual": { o, v in
            o.dualTolerance = Table.tolerance(v)
            return o.dualTolerance != nil
        },
        "perturbation": { o, v in
            guard let amount = Table.whole(v, in: 0...100) else { return false }
            o.perturbation = Int32(amount)
            return true
        },
        "reslim": { o, v in
            o.timeLimit = Table.nonnegative(v)
            return o.timeLimit != nil
        },
        "iterlim": { o, v in
            o.iterationLimit = Table.whole(v, in: 0...Int(Int32.max))
            return o.iterationLimit != nil
        },
        "dualize": { o, v in
            guard let on = Table.flag(v) else { return false }
            o.dualize = on
            return true
        },
        "crossover": { o, v in
            guard let on = Table.flag(v) else { return false }
            o.crossover = on
            return true
        },
        "loglevel": { o, v in
            guard let level = Table.whole(v, in: 0...4) else { return false }
            o.logLevel = Int32(level)
            return true
        },
    ])

    private typealias Table = SolverOptionTable<CLPOptions>

    /// The options of `settings` and one sentence for each setting CLP cannot take.
    static func read(_ settings: [SolverOptionSetting]) -> (options: CLPOptions, problems: [String]) {
        table.read(settings, into: CLPOptions())
    }
}
