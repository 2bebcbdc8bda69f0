import CIpopt
import IR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Setting Ipopt options on a problem: the adapter's fixed options and the pass-through ones.
///
/// Ipopt 3.11 applies `print_level` only when the solve starts, so a rejected option is
/// reported on standard output (with a page of documentation) no matter what. Pass-through
/// options are therefore set with standard output redirected into a temporary file; the text
/// Ipopt wrote becomes the reason in the warning.
enum IpoptOptions {
    /// Sets an integer option; whether Ipopt accepted it.
    @discardableResult
    static func set(_ problem: IpoptProblem, _ name: String, integer value: Int32) -> Bool {
        withMutableCString(name) { AddIpoptIntOption(problem, $0, value) } != 0
    }

    /// Sets a number option; whether Ipopt accepted it.
    @discardableResult
    static func set(_ problem: IpoptProblem, _ name: String, number value: Double) -> Bool {
        withMutableCString(name) { AddIpoptNumOption(problem, $0, value) } != 0
    }

    /// Sets a string option; whether Ipopt accepted it.
    @discardableResult
    static func set(_ problem: IpoptProblem, _ name: String, string value: String) -> Bool {
        withMutableCString(name) { key in
            withMutableCString(value) { AddIpoptStrOption(problem, key, $0) }
        } != 0
    }

    /// An iteration limit this large is GAMS's default, not a limit the user set.
    static let unlimitedIterations = 2_000_000_000

    /// The adapter's own options: silence, no option file, the iteration and time limits.
    static func setFixed(_ problem: IpoptProblem, options: SolveOptions) {
        set(problem, "print_level", integer: 0)
        set(problem, "sb", string: "yes")
        set(problem, "option_file_name", string: "")
        // GAMS's default iterLim (2e9) means "no limit of the user's": Ipopt then keeps its own
        // default of 3000 iterations, so a model that cannot converge (a kink at the optimum of
        // a dnlp) stops in seconds instead of running into resLim
        if options.iterLim < IpoptOptions.unlimitedIterations {
            set(problem, "max_iter", integer: Int32(clamping: max(0, options.iterLim)))
        }
        if let seconds = cpuTimeLimit(options.resLim) {
            set(problem, "max_cpu_time", number: seconds)
        }
    }

    /// Options of a warm start from the previous solve's point and multipliers: Ipopt takes the
    /// given multipliers and starts with a small barrier parameter (the point is near-optimal
    /// for a problem that changed a little); the point, slacks and multipliers are pushed off
    /// their bounds by 1e-3. All five margins are set: Ipopt 3.11 does not behave as its
    /// documented default of 1e-3 for a margin left unset (setting them changes the iteration
    /// counts); 1e-3 did better than 1e-2, 1e-6 and 1e-9 on the negotiator's ADMM loop and on
    /// the regression test's loop. Pass-through options set afterwards override these.
    static func setWarmStart(_ problem: IpoptProblem) {
        set(problem, "warm_start_init_point", string: "yes")
        set(problem, "mu_init", number: 1e-4)
        for margin in ["warm_start_bound_push", "warm_start_bound_frac", "warm_start_slack_bound_push",
                       "warm_start_slack_bound_frac", "warm_start_mult_bound_push"] {
            set(problem, margin, number: 1e-3)
        }
    }

    /// `max_cpu_time` for a `resLim`: nil (Ipopt's default) when there is no usable limit, a
    /// tiny positive value for a limit of zero or less (Ipopt requires a positive value).
    static func cpuTimeLimit(_ resLim: Double) -> Double? {
        if resLim.isNaN || resLim >= 1e15 { return nil }
        return max(resLim, 1e-6)
    }

    /// Passes `settings` to Ipopt in order: an integer-looking value is tried as an integer,
    /// then as a number; a number-looking one as a number; every value finally as a string.
    /// Names are trimmed and lower-cased (all of Ipopt's are lower case); values are trimmed.
    /// Returns a warning for each setting no setter accepted, with Ipopt's reason when it gave
    /// one: "ipopt option 'foo' = 'bar' not accepted: Tried to set Option: foo. …".
    static func setPassThrough(_ problem: IpoptProblem,
                               _ settings: [SolverOptionSetting]) -> [String] {
        guard !settings.isEmpty else { return [] }
        var capture = IpoptOutputCapture()
        defer { capture.finish() }
        var warnings: [String] = []
        for setting in settings {
            let name = trim(setting.name).lowercased()
            let value = trim(setting.value)
            var accepted = false
            var said: [String] = []
            if let integer = Int32(value) {
                accepted = set(problem, name, integer: integer)
                said.append(capture.take())
            }
            if !accepted, let number = Double(value), !number.isNaN {
                accepted = set(problem, name, number: number)
                said.append(capture.take())
            }
            if !accepted {
                accepted = set(problem, name, string: value)
                said.append(capture.take())
            }
            if !accepted {
                var warning = "ipopt option '\(setting.name)' = '\(setting.value)' not accepted"
                if let reason = reason(from: said) { warning += ": \(reason)" }
                warnings.append(warning)
            }
        }
        return warnings
    }

    /// The most telling line Ipopt wrote while rejecting an option: the first one that is not a
    /// complaint about the setter's type (those come from trying the other setters).
    static func reason(from outputs: [String]) -> String? {
        let lines = outputs.flatMap { $0.split(whereSeparator: \.isNewline) }
            .map { trim(String($0)) }
            .filter { !$0.isEmpty && !$0.hasPrefix("###") }
        let typeComplaint = "It is a valid option, but it is of type"
        return lines.first { $0.hasPrefix("Tried") || $0.hasPrefix("Setting") ?
                                 !$0.contains(typeComplaint) : false }
            ?? lines.first
    }

    /// `text` without leading and trailing spaces, tabs and newlines.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else {
            return ""
        }
        return String(scalars[first...last])
    }

    /// Calls `body` with a mutable, NUL-terminated copy of `text` (Ipopt 3.11's setters take
    /// `char *`).
    private static func withMutableCString<T>(_ text: String,
                                              _ body: (UnsafeMutablePointer<CChar>) -> T) -> T {
        var bytes = Array(text.utf8CString)
        return bytes.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}

/// Redirects file descriptor 1 into an anonymous temporary file until `finish`, so text Ipopt
/// writes to standard output can be read back instead of reaching the terminal. When the
/// redirection cannot be set up, nothing is redirected and `take` returns "".
///
/// Use it only while holding `IpoptLock.shared`: two overlapping captures would restore the
/// descriptors in the wrong order. It is held only for the few calls that set pass-through
/// options; output other threads write to standard output in that window lands in the file too.
struct IpoptOutputCapture {
    private var file: UnsafeMutablePointer<FILE>?
    private var saved: Int32 = -1
    private var offset = 0

    init() {
        fflush(nil)
        guard let file = tmpfile() else { return }
        let saved = dup(1)
        guard saved >= 0, dup2(fileno(file), 1) >= 0 else {
            if saved >= 0 { close(saved) }
            fclose(file)
            return
        }
        self.file = file
        self.saved = saved
    }

    /// What was written since the last call.
    mutating func take() -> String {
        guard let file else { return "" }
        fflush(nil)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes {
                pread(fileno(file), $0.baseAddress, $0.count, off_t(offset))
            }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            offset += count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Restores standard output.
    mutating func finish() {
        guard let file else { return }
        fflush(nil)
        dup2(saved, 1)
        close(saved)
        fclose(file)
        self.file = nil
        saved = -1
    }
}
