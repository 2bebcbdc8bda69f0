import CGLPK
import Foundation
import IR

/// The settings of a GLPK option file (`glpk.opt`, read for `m.optFile = 1`): GLPK's own
/// parameter names, the fields of its simplex (`glp_smcp`) and branch-and-cut (`glp_iocp`)
/// controls, plus `scale` (the flags of `glp_scale_prob`) and `solvefinal`, as `ipopt.opt` takes
/// Ipopt's own names. Anything else is refused before the solve.
struct GLPKOptions {
    /// LP: the simplex's presolver for a cold solve (default on, see `presolvesColdLP`); MIP: the
    /// MIP presolver (default on).
    var presolve: Bool?
    /// `glp_scale_prob` flags; 0 solves unscaled.
    var scale = GLP_SF_AUTO
    /// The basis a cold LP solve starts from (`adv_basis`); nil: `InitialBasis.automatic`.
    var initialBasis: InitialBasis?
    /// 1 primal, 2 dual then primal, 3 dual (GLPK's `meth`).
    var method: Int32?
    var pricing: Int32?
    var ratioTest: Int32?
    var tolBnd: Double?, tolDj: Double?, tolPiv: Double?
    var branching: Int32?, backtracking: Int32?, preprocessing: Int32?
    var gomoryCuts: Bool?, mirCuts: Bool?, coverCuts: Bool?, cliqueCuts: Bool?
    var feasibilityPump: Bool?, proximitySearch: Bool?
    var tolInt: Double?, tolObj: Double?
    /// MIP: the marginals of the LP with the integer columns fixed at their solution (GAMS's
    /// `solvefinal 1`); by default a MIP's marginals are NA, as GAMS 54 reports them.
    var solveFinal = false

    /// Each option GLPK accepts, with where its (numeric) value goes and which values it takes.
    private static let numericSetters: [String: (inout GLPKOptions, Double) -> Bool] = [
        "presolve": { o, v in o.presolve = v != 0; return isFlag(v) },
        "scale": { o, v in o.scale = Int32(v); return v >= 0 && v <= 0xFF && v == v.rounded() },
        "meth": { o, v in o.method = Int32(v); return [1, 2, 3].contains(v) },
        "adv_basis": { o, v in o.initialBasis = InitialBasis(rawValue: Int(exactly: v) ?? -1); return o.initialBasis != nil },
        "pricing": { o, v in o.pricing = Int32(v); return [0x11, 0x22].contains(v) },
        "r_test": { o, v in o.ratioTest = Int32(v); return [0x11, 0x22, 0x33].contains(v) },
        "tol_bnd": { o, v in o.tolBnd = v; return isTolerance(v) },
        "tol_dj": { o, v in o.tolDj = v; return isTolerance(v) },
        "tol_piv": { o, v in o.tolPiv = v; return isTolerance(v) },
        "br_tech": { o, v in o.branching = Int32(v); return [1, 2, 3, 4, 5].contains(v) },
        "bt_tech": { o, v in o.backtracking = Int32(v); return [1, 2, 3, 4].contains(v) },
        "pp_tech": { o, v in o.preprocessing = Int32(v); return [0, 1, 2].contains(v) },
        "gmi_cuts": { o, v in o.gomoryCuts = v != 0; return isFlag(v) },
        "mir_cuts": { o, v in o.mirCuts = v != 0; return isFlag(v) },
        "cov_cuts": { o, v in o.coverCuts = v != 0; return isFlag(v) },
        "clq_cuts": { o, v in o.cliqueCuts = v != 0; return isFlag(v) },
        "fp_heur": { o, v in o.feasibilityPump = v != 0; return isFlag(v) },
        "ps_heur": { o, v in o.proximitySearch = v != 0; return isFlag(v) },
        "tol_int": { o, v in o.tolInt = v; return isTolerance(v) },
        "tol_obj": { o, v in o.tolObj = v; return isTolerance(v) },
        "solvefinal": { o, v in o.solveFinal = v != 0; return isFlag(v) },
    ]

    /// The option table (messages as for every backend's option file): GLPK's values are numbers.
    private static let table = SolverOptionTable<GLPKOptions>(solver: "GLPK", setters: numericSetters.mapValues { set in
        { options, text in Double(text).map { set(&options, $0) } ?? false }
    })

    private static func isFlag(_ v: Double) -> Bool { v == 0 || v == 1 }
    private static func isTolerance(_ v: Double) -> Bool { v > 0 && v < 1 }

    /// The options of `settings`; what they cannot be is said in `problems` (one sentence each).
    static func read(_ settings: [SolverOptionSetting]) -> (options: GLPKOptions, problems: [String]) {
        table.read(settings, into: GLPKOptions())
    }

    /// The basis a cold LP solve without the presolver starts from: the one the file names, else
    /// the slack basis (on the coupled community LP in enm's row order GLPK's advanced basis
    /// needs more iterations, 16,950 against 14,621).
    var coldBasis: InitialBasis { initialBasis ?? .slack }

    /// Whether a cold LP solve uses GLPK's LP presolver: the file's choice, else on for the
    /// primal simplex (glpsol's default: 8,198 instead of 14,621 iterations on the coupled
    /// community LP) and off for the dual simplex of a decomposed model's blocks.
    func presolvesColdLP(dual: Bool) -> Bool {
        presolve ?? !dual
    }

    /// Sets what the file gives in the simplex's controls (the presolver is the caller's choice:
    /// `presolvesColdLP`).
    func apply(to p: inout glp_smcp) {
        if let method { p.meth = method }
        if let pricing { p.pricing = pricing }
        if let ratioTest { p.r_test = ratioTest }
        if let tolBnd { p.tol_bnd = tolBnd }
        if let tolDj { p.tol_dj = tolDj }
        if let tolPiv { p.tol_piv = tolPiv }
    }

    /// Sets what the file gives in branch-and-cut's controls.
    func apply(to p: inout glp_iocp) {
        if let presolve { p.presolve = presolve ? GLP_ON : GLP_OFF }
        if let branching { p.br_tech = branching }
        if let backtracking { p.bt_tech = backtracking }
        if let preprocessing { p.pp_tech = preprocessing }
        if let gomoryCuts { p.gmi_cuts = gomoryCuts ? GLP_ON : GLP_OFF }
        if let mirCuts { p.mir_cuts = mirCuts ? GLP_ON : GLP_OFF }
        if let coverCuts { p.cov_cuts = coverCuts ? GLP_ON : GLP_OFF }
        if let cliqueCuts { p.clq_cuts = cliqueCuts ? GLP_ON : GLP_OFF }
        if let feasibilityPump { p.fp_heur = feasibilityPump ? GLP_ON : GLP_OFF }
        if let proximitySearch { p.ps_heur = proximitySearch ? GLP_ON : GLP_OFF }
        if let tolInt { p.tol_int = tolInt }
        if let tolObj { p.tol_obj = tolObj }
    }
}

/// The starting basis of a cold LP solve, as GLPK builds them (`adv_basis` in `glpk.opt`).
enum InitialBasis: Int {
    /// Every row basic (`glp_std_basis`).
    case slack = 0
    /// A triangular basis found by GLPK's crash (`glp_adv_basis`).
    case advanced = 1
    /// Bixby's basis (`glp_cpx_basis`).
    case bixby = 2

    /// Sets the basis in `problem` (scaled first: the crash looks at the scaled coefficients).
    func install(in problem: OpaquePointer) {
        switch self {
        case .slack: glp_std_basis(problem)
        case .advanced: glp_adv_basis(problem, 0)
        case .bixby: glp_cpx_basis(problem)
        }
    }
}
