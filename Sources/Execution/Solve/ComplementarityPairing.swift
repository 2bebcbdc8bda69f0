import Diagnostics
import IR
import Semantics

/// GAMS's matching of a complementarity problem's rows and columns (`solve m using mcp`).
///
/// A row of an equation listed as `equation.variable` is paired with the variable's element of
/// the same labels (created as a column when that element appears in no row). The rows of
/// unpaired equations must be `=e=` and are matched, in order, with the columns no pair names
/// that are free; unpaired columns that are fixed stay at their value. What GAMS refuses is
/// refused with the elements named (at most `listed` of each kind):
/// - E4120: an unpaired row that is not `=e=`;
/// - E4121: an unpaired column that is neither free nor fixed;
/// - E4122: unpaired `=e=` rows and free columns that differ in number;
/// - E4123: a pair whose row has no terms while its column is not fixed (GAMS: "empty
///   equation but associated variable is NOT fixed").
extension ModelGenerator {
    private static let listed = 5

    /// The column paired with each row; nil after a located error.
    func pairedColumns() -> [Int32]? {
        let pairs = interpreter.program.modelPairs[solve.model.id] ?? [:]
        let rows = ModelElements(origins: model.rowOrigin)
        var paired = [Int32](repeating: -1, count: model.rowCount)
        var unpairedRows: [Int] = []
        for r in 0 ..< model.rowCount {
            let (equation, labels) = rows[r]
            if let variable = pairs[equation.id] {
                paired[r] = column(variable, labels)
            } else {
                unpairedRows.append(r)
            }
        }
        var rowOfColumn = [Int](repeating: -1, count: model.columnCount)
        for (r, c) in paired.enumerated() where c >= 0 { rowOfColumn[Int(c)] = r }
        let isFree = { (c: Int) in self.model.columnLower[c] == -.infinity && self.model.columnUpper[c] == .infinity }
        let unpairedColumns = rowOfColumn.indices.filter { rowOfColumn[$0] < 0 && model.columnLower[$0] != model.columnUpper[$0] }
        let free = unpairedColumns.filter(isFree)
        let notEqualities = unpairedRows.filter { model.rowLower[$0] != model.rowUpper[$0] }
        var valid = true
        if !notEqualities.isEmpty {
            refuse(.E4120, notEqualities.map { rowName($0) }, "equation", "not paired with a variable and not =e=",
                   help: "pair each with its variable in the model list (equation.variable)")
            valid = false
        }
        let bounded = unpairedColumns.filter { !isFree($0) }
        if !bounded.isEmpty {
            refuse(.E4121, bounded.map { columnName($0) }, "variable", "bounded but not paired with an equation",
                   help: "pair each with its equation in the model list (equation.variable), or fix it")
            valid = false
        }
        guard valid else { return nil }
        guard free.count == unpairedRows.count else {
            let rowList = unpairedRows.isEmpty ? "" : " (\(sample(unpairedRows.map { rowName($0) })))"
            let columnList = free.isEmpty ? "" : " (\(sample(free.map { columnName($0) })))"
            interpreter.runtimeError(.E4122, "model '\(solve.model.name)' has \(unpairedRows.count) unpaired =e= row\(unpairedRows.count == 1 ? "" : "s")\(rowList) but \(free.count) unpaired free variable\(free.count == 1 ? "" : "s")\(columnList)",
                                     at: solve.modelSpan, help: ["GAMS matches unpaired =e= rows with unpaired free variables one to one; pair the rest explicitly (equation.variable)"])
            return nil
        }
        for (r, c) in zip(unpairedRows, free) { paired[r] = Int32(c) }
        return emptyPairsAreFixed(paired) ? paired : nil
    }

    /// The column paired with each row of an MPEC, -1 for the ordinary constraints (rows of
    /// equations listed without a variable); nil after a located error.
    func explicitPairs() -> [Int32]? {
        let pairs = interpreter.program.modelPairs[solve.model.id] ?? [:]
        let rows = ModelElements(origins: model.rowOrigin)
        let paired = (0 ..< model.rowCount).map { r -> Int32 in
            let (equation, labels) = rows[r]
            return pairs[equation.id].map { column($0, labels) } ?? -1
        }
        return emptyPairsAreFixed(paired) ? paired : nil
    }

    /// Whether every pair whose row has no terms has a fixed column (E4123 otherwise).
    private func emptyPairsAreFixed(_ paired: [Int32]) -> Bool {
        let nonlinear = Set(model.nonlinearRows.map { Int($0.row) })
        let empty = paired.indices.filter { r in
            let c = Int(paired[r])
            return c >= 0 && model.rowStart[r] == model.rowStart[r + 1] && !nonlinear.contains(r)
                && model.columnLower[c] != model.columnUpper[c]
        }
        guard !empty.isEmpty else { return true }
        let names = sample(empty.map { "\(rowName($0)) with \(columnName(Int(paired[$0])))" })
        interpreter.runtimeError(.E4123, "\(empty.count) pair\(empty.count == 1 ? "" : "s") of model '\(solve.model.name)' pair\(empty.count == 1 ? "s" : "") an empty equation with a variable that is not fixed: \(names)",
                                 at: solve.modelSpan, help: ["fix those variables, or leave their elements out of the equation's domain"])
        return false
    }

    private func refuse(_ code: DiagnosticCode, _ names: [String], _ kind: String, _ why: String, help: String) {
        interpreter.runtimeError(code, "\(names.count) \(kind)\(names.count == 1 ? "" : "s") of model '\(solve.model.name)' \(names.count == 1 ? "is" : "are") \(why): \(sample(names))",
                                 at: solve.modelSpan, help: [help])
    }

    private func sample(_ names: [String]) -> String {
        let shown = names.prefix(Self.listed).joined(separator: ", ")
        return names.count > Self.listed ? shown + " and \(names.count - Self.listed) more" : shown
    }

    private func rowName(_ r: Int) -> String {
        let (s, t) = ModelElements(origins: model.rowOrigin)[r]
        return interpreter.name(s, t)
    }

    private func columnName(_ c: Int) -> String {
        let (s, t) = ModelElements(origins: model.columnOrigin)[c]
        return interpreter.name(s, t)
    }
}
