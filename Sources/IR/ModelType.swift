/// A GAMS model type (`solve m using lp ...`): one definition read by the compiler, the
/// interpreter, the registry of backends, exports and reports. The raw value is GAMS's
/// spelling in lower case, as reports and `--json` show it.
public enum ModelType: String, CaseIterable, Sendable {
    case lp, mip, rmip, nlp, qcp, dnlp, rminlp, rmiqcp, minlp, miqcp, mcp, cns, mpec, rmpec, emp

    /// The type spelled `name` in any case; nil for another word.
    public init?(spelling name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// Whether the model goes to a nonlinear backend (integers, if any, are relaxed unless
    /// `keepsIntegers`).
    public var isNonlinear: Bool {
        switch self {
        case .nlp, .qcp, .dnlp, .rminlp, .rmiqcp, .minlp, .miqcp: return true
        default: return false
        }
    }

    /// Whether the model list's `equation.variable` pairs are complementarity conditions
    /// (`mcp`: the whole model; `mpec`, `rmpec`: constraints of an optimization).
    public var hasComplementarity: Bool { self == .mcp || self == .mpec || self == .rmpec }

    /// Whether integer and binary variables keep their integrality in the solve.
    public var keepsIntegers: Bool { self == .mip || self == .minlp || self == .miqcp }
}
