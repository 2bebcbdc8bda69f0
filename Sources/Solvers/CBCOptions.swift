import IR

/// The settings of a CBC option file (`cbc.opt`, read for `m.optFile = 1`), with the names of
/// GAMS's CBC link (`reslim`, `iterlim`, `nodlim`, `optcr`, `optca`, `cutoff`, `cuts`,
/// `preprocess`, `heuristics`, `strategy`, `mipstart`, `solvefinal`, `loglevel`). Settings that
/// concern threads are not offered: Debian's CBC is built without them. Anything else is
/// refused before the solve.
struct CBCOptions {
    var timeLimit: Double?
    /// Iterations: applies to an LP handed to CLP; a search cannot be limited by them in CBC 2.10.
    var iterationLimit: Int?
    var nodeLimit: Int?
    var relativeGap: Double?
    var absoluteGap: Double?
    var cutoff: Double?
    /// CBC's command-line switches, passed through `Cbc_setParameter` as they are.
    var cuts: String?
    var preprocess: String?
    var heuristics: String?
    var strategy: Int?
    /// Start the search from the variables' levels (`.l`) when they form an integer point.
    var mipStart = false
    /// The marginals of the LP with the integer columns fixed at their solution (GAMS's
    /// `solvefinal 1`); by default a MIP's marginals are NA, as GAMS 54 reports them.
    var solveFinal = false
    var logLevel: Int32 = 0

    private typealias Table = SolverOptionTable<CBCOptions>

    /// Each option CBC accepts.
    static let table = SolverOptionTable<CBCOptions>(solver: "CBC", setters: [
        "reslim": { o, v in o.timeLimit = Table.nonnegative(v); return o.timeLimit != nil },
        "iterlim": { o, v in o.iterationLimit = Table.whole(v, in: 0...Int(Int32.max)); return o.iterationLimit != nil },
        "nodlim": { o, v in o.nodeLimit = Table.whole(v, in: 1...Int(Int32.max)); return o.nodeLimit != nil },
        "optcr": { o, v in o.relativeGap = Table.nonnegative(v); return o.relativeGap != nil },
        "optca": { o, v in o.absoluteGap = Table.nonnegative(v); return o.absoluteGap != nil },
        "cutoff": { o, v in o.cutoff = Double(v).flatMap { $0.isFinite ? $0 : nil }; return o.cutoff != nil },
        "cuts": { o, v in o.cuts = choice(v, ["off", "on", "root", "ifmove", "forceon"]); return o.cuts != nil },
        "preprocess": { o, v in o.preprocess = choice(v, ["off", "on", "equal", "sos"]); return o.preprocess != nil },
        "heuristics": { o, v in o.heuristics = choice(v, ["off", "on"]); return o.heuristics != nil },
        "strategy": { o, v in o.strategy = Table.whole(v, in: 0...2); return o.strategy != nil },
        "mipstart": { o, v in
            guard let on = Table.flag(v) else { return false }
            o.mipStart = on
            return true
        },
        "solvefinal": { o, v in
            guard let on = Table.flag(v) else { return false }
            o.solveFinal = on
            return true
        },
        "loglevel": { o, v in
            guard let level = Table.whole(v, in: 0...4) else { return false }
            o.logLevel = Int32(level)
            return true
        },
    ])

    /// `value` when it is one of `words` (a switch's 0/1 read as off/on).
    private static func choice(_ value: String, _ words: [String]) -> String? {
        let word = Table.flag(value).map { $0 ? "on" : "off" } ?? value.lowercased()
        return words.contains(word) ? word : nil
    }

    /// The options of `settings` and one sentence for each setting CBC cannot take.
    static func read(_ settings: [SolverOptionSetting]) -> (options: CBCOptions, problems: [String]) {
        table.read(settings, into: CBCOptions())
    }

    /// What an LP solved through CBC takes from the file: CBC hands it to CLP.
    var lpSettings: CLPOptions {
        var clp = CLPOptions()
        clp.timeLimit = timeLimit
        clp.iterationLimit = iterationLimit
        clp.logLevel = logLevel
        return clp
    }
}
