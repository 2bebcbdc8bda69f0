import CBonminShim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IR

/// The options enm gives Bonmin: its own (silence, GAMS's limits) before the user's.
enum BonminOptions {
    /// The adapter's settings for a solve: no output, and `optCr`, `optCa`, `resLim`, `nodLim`
    /// and `iterLim` as Bonmin's gap tolerances and limits. A setting of the user's (option
    /// file) comes after these and wins.
    static func fixed(_ options: SolveOptions) -> [SolverOptionSetting] {
        var settings: [(String, String)] = [
            ("print_level", "0"), ("sb", "yes"),
            ("bonmin.bb_log_level", "0"), ("bonmin.nlp_log_level", "0"), ("bonmin.lp_log_level", "0"),
            ("bonmin.milp_log_level", "0"), ("bonmin.oa_log_level", "0"), ("bonmin.fp_log_level", "0"),
            ("bonmin.allowable_fraction_gap", number(max(0, options.optCr))),
            ("bonmin.allowable_gap", number(max(0, options.optCa))),
        ]
        if let seconds = IpoptOptions.cpuTimeLimit(options.resLim) { settings.append(("bonmin.time_limit", number(seconds))) }
        if options.nodeLimit > 0 { settings.append(("bonmin.node_limit", String(options.nodeLimit))) }
        if options.iterLim < IpoptOptions.unlimitedIterations {
            settings.append(("bonmin.iteration_limit", String(max(0, options.iterLim))))
        }
        return settings.map { SolverOptionSetting(name: $0.0, value: $0.1) }
    }

    /// `value` as Bonmin reads a number (C's strtod).
    private static func number(_ value: Double) -> String { "\(value)" }

    /// Calls `body` with the shim's view of `rejections.settings` (names and values as C strings,
    /// trimmed; Ipopt's and Bonmin's names are lower case).
    static func withOptions(_ rejections: BonminRejections, _ body: (EnmBonminOptions) -> Void) {
        let names = rejections.settings.map { strdup(IpoptOptions.trim($0.name).lowercased()) }
        let values = rejections.settings.map { strdup(IpoptOptions.trim($0.value)) }
        defer { (names + values).forEach { free($0) } }
        let nameList = names.map { UnsafePointer($0) }, valueList = values.map { UnsafePointer($0) }
        nameList.withUnsafeBufferPointer { n in
            valueList.withUnsafeBufferPointer { v in
                body(EnmBonminOptions(count: Int32(n.count), names: n.baseAddress, values: v.baseAddress,
                                      user: Unmanaged.passUnretained(rejections).toOpaque(), rejected: bonminRejected))
            }
        }
    }
}

/// The settings of one solve and the warnings for those Bonmin did not accept.
final class BonminRejections {
    let settings: [SolverOptionSetting]
    /// How many of `settings` are the adapter's own (a rejection of one is a bug, still reported).
    let fixedCount: Int
    private(set) var warnings: [String] = []

    init(settings: [SolverOptionSetting], fixedCount: Int) {
        self.settings = settings
        self.fixedCount = fixedCount
    }

    func reject(_ index: Int, reason: String) {
        guard settings.indices.contains(index) else { return }
        let s = settings[index]
        let whose = index < fixedCount ? "enm's own bonmin setting" : "bonmin option"
        warnings.append("\(whose) '\(s.name)' = '\(s.value)' not accepted: \(reason)")
    }
}

let bonminRejected: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?) -> Void = { user, index, reason in
    guard let user else { return }
    Unmanaged<BonminRejections>.fromOpaque(user).takeUnretainedValue()
        .reject(Int(index), reason: reason.map { String(cString: $0) } ?? "refused")
}

// MARK: - Function callbacks (all state comes through `user`: the solve's IpoptSession, whose
// sense handling and evaluation timing Bonmin shares with Ipopt)

let bonminObjective: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32 = { user, x, value in
    guard let user, let x, let value else { return 0 }
    return IpoptSession.from(user).objective(x, into: value) ? 1 : 0
}

let bonminGradient: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32 = { user, x, values in
    guard let user, let x, let values else { return 0 }
    return IpoptSession.from(user).gradient(x, into: values) ? 1 : 0
}

let bonminConstraints: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32 = { user, x, values in
    guard let user, let x, let values else { return 0 }
    return IpoptSession.from(user).constraints(x, into: values) ? 1 : 0
}

let bonminJacobian: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32 = { user, x, values in
    guard let user, let x, let values else { return 0 }
    return IpoptSession.from(user).jacobian(x, into: values) ? 1 : 0
}

let bonminHessian: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<Double>?, Double, UnsafePointer<Double>?,
                                   UnsafeMutablePointer<Double>?) -> Int32 = { user, x, factor, multipliers, values in
    guard let user, let x, let values else { return 0 }
    return IpoptSession.from(user).hessian(x, objectiveFactor: factor, multipliers: multipliers, into: values) ? 1 : 0
}
