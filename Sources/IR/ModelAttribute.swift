/// A model attribute of GAMS (`m.optCr`, `m.modelStat`): one definition for the compiler, the
/// interpreter and the display. The raw value is the key the interpreter keeps values under.
public enum ModelAttribute: String, CaseIterable, Sendable {
    // set by a solve
    case modelStat, solveStat, objVal, objEst, numEqu, numVar, numNZ, numDVar, iterUsd, resUsd, nodUsd
    case etSolve, etSolver, etAlg, sumInfes, numInfes, maxInfes, meanInfes, numNOpt, numRedef, numUnbnd
    case numDepnd, numNLIns, numNLNZ, numVarProj, domUsd, linkUsed, procUsed, handle, number, rObj, line
    case resGen
    // set by the model, read by the solve
    case optCr, optCa, resLim, iterLim, limRow, limCol, optFile, bRatio
    case solPrint, holdFixed, solveLink, solveOpt, sysOut, threads, domLim, cutOff, tryInt, priorOpt
    case cheat, nodLim, scaleOpt, dictFile, reform, workFactor, workSpace, tolInfeas, tolInfRep, tolProj
    case tryLinear, savePoint, defPoint, fdDelta, fdOpt, jacobian
    case integer1, integer2, integer3, integer4, integer5, real1, real2, real3, real4, real5

    /// The attribute spelled `name` in any case (`optcr`, `OptCR`); nil for another word.
    public init?(spelling name: String) {
        guard let a = ModelAttribute.byLowercase[name.lowercased()] else { return nil }
        self = a
    }

    private static let byLowercase: [String: ModelAttribute] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })

    /// The spelling of the GAMS documentation (used when a display shows the attribute).
    public var documentedSpelling: String {
        switch self {
        case .optCr: return "optCR"
        case .optCa: return "optCA"
        default: return rawValue
        }
    }

    /// Whether a solve sets the attribute (the model reads it afterwards).
    public var isResult: Bool {
        switch self {
        case .modelStat, .solveStat, .objVal, .objEst, .numEqu, .numVar, .numNZ, .numDVar, .iterUsd, .resUsd, .nodUsd,
             .etSolve, .etSolver, .etAlg, .sumInfes, .numInfes, .maxInfes, .meanInfes, .numNOpt, .numRedef, .numUnbnd,
             .numDepnd, .numNLIns, .numNLNZ, .numVarProj, .domUsd, .linkUsed, .procUsed, .handle, .number, .rObj, .line,
             .resGen:
            return true
        default:
            return false
        }
    }

    /// The GAMS option that stands for the attribute until the model sets it (`option optCr`).
    public var option: String? {
        switch self {
        case .optCr, .optCa, .resLim, .iterLim, .limRow, .limCol, .bRatio, .solPrint, .domLim, .solveLink:
            return rawValue.lowercased()
        default:
            return nil
        }
    }

    /// GAMS's value of an attribute that neither the model nor an option set.
    public var defaultValue: Double {
        switch self {
        case .modelStat, .solveStat, .objVal, .objEst: return SpecialValue.na
        case .optCr: return 1e-4
        case .resLim: return 1e10
        case .iterLim: return 2e9
        case .limRow, .limCol: return 3
        case .bRatio: return 0.25
        case .solPrint, .workFactor, .threads: return 1
        case .tolProj: return 1e-8
        case .tolInfRep: return 1e-6
        default: return 0
        }
    }

    /// Why an attribute the model sets changes nothing in enm (nil when enm's solves use it).
    public var ignoredBecause: String? {
        switch self {
        case .optCr, .optCa, .resLim, .iterLim, .nodLim, .limRow, .limCol, .optFile, .bRatio, .holdFixed, .scaleOpt,
             .tolProj, .tolInfRep, .tolInfeas, .solPrint, .solveLink, .handle:
            // `m.handle = h(s);` names the solve `execute_loadHandle m;` loads
            return nil
        case .sysOut, .dictFile:
            return "enm writes no listing file or dictionary; the solution is shown with display, --listing or --out"
        case .threads, .workFactor, .workSpace:
            return "enm runs GLPK and Ipopt in its own process and sizes their memory itself"
        case .cutOff, .cheat:
            return "GLPK's branch-and-cut takes no objective cutoff"
        case .tryInt:
            return "GLPK's branch-and-cut starts without an incumbent from the variables' levels"
        case .priorOpt:
            return "GLPK's branch-and-cut has no branching priorities"
        case .domLim:
            return "enm's nonlinear backend counts no domain errors: a point where a function is undefined is refused at once"
        case .fdDelta, .fdOpt:
            return "enm gives Ipopt exact derivatives, so there are no finite differences to tune"
        case .tryLinear:
            return "enm solves a model with the backend of the type the solve statement names"
        case .reform:
            return "it sets reformulations of solvers that enm does not run"
        case .savePoint, .defPoint, .jacobian:
            return "enm writes no point or Jacobian files; execute_unload writes the levels to a GDX file"
        case .solveOpt:
            return "enm always merges a solution into the variables' and equations' records (GAMS's default, solveOpt = 1)"
        case .integer1, .integer2, .integer3, .integer4, .integer5, .real1, .real2, .real3, .real4, .real5:
            return "these pass values to a solver's own code, which GLPK and Ipopt do not read"
        default:
            return "a solve sets it; the value assigned before is replaced"
        }
    }
}
