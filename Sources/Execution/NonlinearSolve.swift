import Derivatives
import Diagnostics
import Foundation
import IR
import Semantics

extension Interpreter {
    /// Marks a solve that did not reach a backend: model status 13, solver status 12.
    func refuseSolve(_ sv: SolveR) {
        modelAttributes[sv.model.id, default: [:]]["modelStat"] = Double(ModelStatus.errorNoSolution.rawValue)
        modelAttributes[sv.model.id, default: [:]]["solveStat"] = Double(SolverStatus.solveProcessingSkipped.rawValue)
    }

    /// The option file GAMS reads for `m.optFile = n`: `<solver>.opt` for 1, `.op2`…`.op9`,
    /// `.o10`…`.o99`, then `.100`…
    /// The most bytes of an option file read (a few lines in practice).
    static let optionFileLimit = 16 << 20

    static func optionFileName(solver: String, number: Int) -> String {
        switch number {
        case 1: return "\(solver).opt"
        case 2...9: return "\(solver).op\(number)"
        case 10...99: return "\(solver).o\(number)"
        default: return "\(solver).\(number)"
        }
    }

    /// Reads the solver option file selected by the model's `optFile` attribute (none for 0).
    /// Lines are `name value`; `#` starts a comment, a line starting with `*` is a comment.
    /// Returns nil (after a diagnostic) when the file cannot be used.
    func solverOptionFile(_ sv: SolveR, backend: String) -> [SolverOptionSetting]? {
        let n = modelAttribute(sv.model, "optFile")
        guard n.isFinite, n >= 1 else { return [] }
        guard n < 1e6, n == n.rounded() else {
            diagnostics.error(.E4021, "\(sv.model.name).optFile must be a whole number from 0 to 999999, not \(messageNumber(n))",
                              at: sv.span)
            return nil
        }
        let name = Interpreter.optionFileName(solver: backend, number: Int(n))
        let candidates = [Paths.join(settings.modelDirectory, name), name]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            diagnostics.warning(.W4005, "option file '\(name)' not found (\(sv.model.name).optFile = \(Int(n))); the solver's defaults are used",
                                at: sv.span)
            return []
        }
        let read = InputFile.read(path, limit: Interpreter.optionFileLimit)
        guard case .success(let data) = read, let text = String(data: data, encoding: .utf8) else {
            let why = if case .failure(let e) = read { "it \(e.reason)" } else { "it is not UTF-8 text" }
            diagnostics.error(.E4022, "option file '\(path)' cannot be read: \(why)", at: sv.span)
            return nil
        }
        var settings: [SolverOptionSetting] = []
        var ok = true
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if line.hasPrefix("*") { continue }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "=" })
            if words.isEmpty { continue }
            guard words.count == 2 else {
                diagnostics.error(.E4023, "\(path):\(k + 1): expected 'name value', found '\(line.trimmingCharacters(in: .whitespaces))'",
                                  at: sv.span)
                ok = false
                continue
            }
            var value = String(words[1])
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            settings.append(SolverOptionSetting(name: String(words[0]), value: value))
        }
        return ok ? settings : nil
    }

    /// Checks that every nonlinear row can be evaluated where the solver starts: at the levels
    /// projected into the bounds, or else a little inside the bounds (where an interior point
    /// method actually starts). Reports each row that fails at both.
    func startingPointIsUsable(_ model: ScalarModel, rows: ModelElements) -> Bool {
        guard !model.nonlinearRows.isEmpty else { return true }
        let n = model.columnCount
        var start = [Double](repeating: 0, count: n)
        var inside = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let lo = model.columnLower[j], up = model.columnUpper[j]
            let x = Swift.min(Swift.max(model.columnStart[j], lo), up)
            start[j] = x
            // pushed off finite bounds by 1e-2 relative, never past the middle of the interval
            var y = x
            if lo.isFinite { y = Swift.max(y, lo + Swift.min(1e-2 * Swift.max(1, abs(lo)), up.isFinite ? (up - lo) / 2 : .infinity)) }
            if up.isFinite { y = Swift.min(y, up - Swift.min(1e-2 * Swift.max(1, abs(up)), lo.isFinite ? (up - lo) / 2 : .infinity)) }
            inside[j] = y
        }
        var ok = true
        let roots = model.nonlinearRows.map(\.root)
        let atStart = start.withUnsafeBufferPointer { ModelDerivatives.values(of: roots, in: model.nonlinear, at: $0) }
        guard atStart.contains(where: { $0 == nil }) else { return true }
        let inward = inside.withUnsafeBufferPointer { ModelDerivatives.values(of: roots, in: model.nonlinear, at: $0) }
        start.withUnsafeBufferPointer { x0 in
            for (k, nr) in model.nonlinearRows.enumerated() {
                if atStart[k] != nil || inward[k] != nil { continue }
                ok = false
                let (eq, t) = rows[Int(nr.row)]
                let span = program.definitions[eq.id]?.span ?? .none
                let vars = Interpreter.columnsIn(nr.root, of: model.nonlinear).prefix(4).map { c -> String in
                    let o = model.columnOrigin[Int(c)]
                    return "\(o.displayName) = \(messageNumber(x0[Int(c)]))"
                }
                diagnostics.error(.E4020, "equation \(name(eq, t)) cannot be evaluated at the starting point",
                                  at: span, label: "undefined here",
                                  notes: vars.isEmpty ? [] : ["starting levels: " + vars.joined(separator: ", ")],
                                  help: ["a function of this equation is undefined there (log or sqrt of a negative number, division by zero, overflow); give the variables starting levels with '.l' or bounds with '.lo'/'.up' where it is defined"])
            }
        }
        return ok
    }

    /// The distinct columns a nonlinear expression depends on, in first-seen order.
    static func columnsIn(_ root: Int32, of pool: NLExpressionPool) -> [Int32] {
        var seen = Set<Int32>()
        var out: [Int32] = []
        var stack = [root]
        var visited = Set<Int32>()
        while let k = stack.popLast() {
            guard visited.insert(k).inserted else { continue }
            let node = pool.nodes[Int(k)]
            if node.op == .variable {
                if seen.insert(node.column).inserted { out.append(node.column) }
                continue
            }
            stack.append(contentsOf: pool.arguments(of: k).reversed())
        }
        return out
    }
}

extension Interpreter {
    /// Nonzeros of the Jacobian: linear entries plus the columns only the nonlinear part of a row
    /// adds (what GAMS counts as the model's nonzeros).
    func jacobianNonzeros(_ model: ScalarModel) -> Int {
        var count = model.nonzeroCount
        for nr in model.nonlinearRows {
            let r = Int(nr.row)
            let linear = Set(model.entryColumn[model.rowStart[r]..<model.rowStart[r + 1]])
            count += Interpreter.columnsIn(nr.root, of: model.nonlinear).filter { !linear.contains($0) }.count
        }
        return count
    }
}

/// Which rows and columns a generated model has (symbol and labels of each, in order): two
/// solves of a statement with the same identity have the same structure, so the second can
/// start from the first one's multipliers.
struct SolveIdentity: Equatable {
    let rows: [Entry]
    let columns: [Entry]

    struct Entry: Equatable {
        let symbol: ObjectIdentifier
        let labels: LabelTuple
    }

    init(rows: ModelElements, columns: ModelElements) {
        self.rows = rows.map { Entry(symbol: ObjectIdentifier($0.0), labels: $0.1) }
        self.columns = columns.map { Entry(symbol: ObjectIdentifier($0.0), labels: $0.1) }
    }
}
