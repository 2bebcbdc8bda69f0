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

    /// Why an attribute the model sets changes nothing in enm (nil when enm's solves use it).
    public var ignoredBecause: String? {
        switch self {
        case .optCr, .optCa, .resLim, .iterLim, .nodLim, .limRow, .limCol, .optFile, .bRatio:
            return nil
        case .solPrint, .sysOut, .dictFile:
            return "enm writes no listing file or dictionary; the solution is shown with display, --listing or --out"
        case .solveLink, .threads, .workFactor, .workSpace, .handle:
            return "enm runs GLPK and Ipopt in its own process and sizes their memory itself"
        case .holdFixed, .scaleOpt, .cutOff, .tryInt, .priorOpt, .cheat, .domLim, .tolInfRep, .tolProj,
             .tolInfeas, .tryLinear, .reform, .defPoint, .fdDelta, .fdOpt, .jacobian, .savePoint, .solveOpt:
            return "not implemented yet for enm's solvers (GLPK, Ipopt)"
        case .integer1, .integer2, .integer3, .integer4, .integer5, .real1, .real2, .real3, .real4, .real5:
            return "these pass values to a solver's own code, which GLPK and Ipopt do not read"
        default:
            return "a solve sets it; the value assigned before is replaced"
        }
    }
}
