import Foundation
import IR

/// The options an option file (`clp.opt`, `cbc.opt`) may set for one backend: each name with
/// how its value is read into `Options`. Reading a file's settings gives the options and one
/// sentence for each setting the backend cannot take (unknown name, or a value out of range),
/// which the interpreter reports at the solve statement before solving.
struct SolverOptionTable<Options> {
    /// Reads `value` into the options; false when the value is not one the option takes.
    typealias Setter = (inout Options, String) -> Bool

    /// How messages name the backend ("CLP").
    let solver: String
    let setters: [String: Setter]

    /// The names a file may use, sorted (for messages).
    var names: [String] { setters.keys.sorted() }

    /// The options `settings` give, starting from `defaults`, and what is wrong with the rest.
    func read(_ settings: [SolverOptionSetting], into defaults: Options) -> (options: Options, problems: [String]) {
        var options = defaults
        var problems: [String] = []
        for s in settings {
            let name = s.name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let set = setters[name] else {
                problems.append("unknown \(solver) option '\(s.name)'; \(solver)'s options are \(names.joined(separator: ", "))")
                continue
            }
            if !set(&options, s.value.trimmingCharacters(in: .whitespaces)) {
                problems.append("\(solver) option '\(s.name)' cannot be '\(s.value)'")
            }
        }
        return (options, problems)
    }

    // MARK: - Value readers

    /// A nonnegative number (seconds, gaps).
    static func nonnegative(_ text: String) -> Double? {
        guard let v = Double(text), v >= 0, !v.isNaN else { return nil }
        return v
    }

    /// A whole number in `range`.
    static func whole(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let v = Double(text), v == v.rounded(), v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
            return nil
        }
        return Int(v)
    }

    /// A tolerance strictly between 0 and 1.
    static func tolerance(_ text: String) -> Double? {
        guard let v = Double(text), v > 0, v < 1 else { return nil }
        return v
    }

    /// A switch: 0/1, off/on, no/yes, false/true.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "on", "yes", "true": return true
        case "0", "off", "no", "false": return false
        default: return nil
        }
    }
}
