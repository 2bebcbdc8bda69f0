import Derivatives
import Foundation
import IR
import Semantics

/// GAMS-style equation and column listings of a generated model, at the point where the solve
/// starts (levels projected into the bounds): what the model looks like once the data are in.
/// Nonlinear terms show their derivative at that point in parentheses, as GAMS does.
struct ListingWriter {
    let model: ScalarModel
    let rows: ModelElements
    let columns: ModelElements
    let modelName: String
    let type: ModelType
    let line: Int
    /// A row whose left-hand side misses its bounds by more than this is marked INFES
    /// (`m.tolInfRep`).
    let infeasibilityTolerance: Double
    let labelName: (Symbol, LabelTuple) -> String
    /// The start point, row activities and entries both listings print, computed once.
    private let start: (x: [Double], lhs: [Double], entries: [[(column: Int, value: Double, nonlinear: Bool)]])

    init(model: ScalarModel, rows: ModelElements, columns: ModelElements, modelName: String,
         type: ModelType, line: Int, infeasibilityTolerance: Double, labelName: @escaping (Symbol, LabelTuple) -> String) {
        self.model = model
        self.rows = rows
        self.columns = columns
        self.modelName = modelName
        self.type = type
        self.line = line
        self.infeasibilityTolerance = infeasibilityTolerance
        self.labelName = labelName
        start = ListingWriter.pointAndEntries(model)
    }
    /// Line length after which an equation continues on the next line.
    static let width = 110

    /// The starting point, the row activities there and each row's Jacobian entries there,
    /// with a flag for entries that come from a nonlinear part.
    private static func pointAndEntries(_ model: ScalarModel) -> (x: [Double], lhs: [Double], entries: [[(column: Int, value: Double, nonlinear: Bool)]]) {
        let n = model.columnCount, m = model.rowCount
        let x = (0..<n).map { j -> Double in
            let v = Swift.min(Swift.max(model.columnStart[j], model.columnLower[j]), model.columnUpper[j])
            return v.isFinite ? v : 0
        }
        var entries = [[(column: Int, value: Double, nonlinear: Bool)]](repeating: [], count: m)
        var lhs = [Double](repeating: 0, count: m)
        for i in 0..<m {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let c = Int(model.entryColumn[k]), v = model.entryValue[k]
                entries[i].append((c, v, false))
                lhs[i] += v * x[c]
            }
        }
        guard model.isNonlinear else { return (x, lhs, entries) }
        let program = ModelDerivatives(model)
        var jac = [Double](repeating: .nan, count: program.jacobianRows.count)
        var g = [Double](repeating: .nan, count: m)
        let ok = x.withUnsafeBufferPointer { xp in
            jac.withUnsafeMutableBufferPointer { program.jacobianValues(xp, into: $0) }
                && g.withUnsafeMutableBufferPointer { program.constraints(xp, into: $0) }
        }
        var nonlinearColumns: [Int: Set<Int32>] = [:]
        for nr in model.nonlinearRows {
            nonlinearColumns[Int(nr.row), default: []].formUnion(Interpreter.columnsIn(nr.root, of: model.nonlinear))
        }
        if ok { lhs = g }
        for k in 0..<program.jacobianRows.count {
            let i = Int(program.jacobianRows[k]), c = program.jacobianColumns[k]
            guard let cols = nonlinearColumns[i], cols.contains(c) else { continue }
            let value = ok ? jac[k] : .nan
            if let e = entries[i].firstIndex(where: { $0.column == Int(c) }) {
                entries[i][e] = (Int(c), value, true)
            } else {
                entries[i].append((Int(c), value, true))
            }
        }
        return (x, lhs, entries)
    }

    /// A coefficient as listings write it: up to four decimals without trailing zeros,
    /// E-format where that would hide the value.
    static func number(_ v: Double) -> String {
        if let name = SpecialValue.name(of: v) { return name }
        if v.isNaN { return "UNDF" }
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e-4 && a < 1e10 {
            var s = String(format: "%.4f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            if s != "0" && s != "-0" { return s }
        }
        return String(format: "%.4E", v).replacingOccurrences(of: "E+0", with: "E+").replacingOccurrences(of: "E-0", with: "E-")
    }

    /// The relation and right-hand side of a row.
    static func relation(_ lower: Double, _ upper: Double) -> (String, Double) {
        // a right-hand side is a number, never EPS: -0 from moving constants is 0
        if lower == upper { return ("=E=", lower + 0) }
        if lower == -.infinity && upper == .infinity { return ("=N=", 0) }
        if lower == -.infinity { return ("=L=", upper + 0) }
        return ("=G=", lower + 0)
    }

    /// Groups indices of `items` by symbol (in declaration order), each group in label order.
    private static func grouped(_ items: ModelElements) -> [(Symbol, [Int])] {
        var groups: [(Symbol, [Int])] = []
        var slot: [Int: Int] = [:]
        for (k, (s, _)) in items.enumerated() {
            if let g = slot[s.id] {
                groups[g].1.append(k)
            } else {
                slot[s.id] = groups.count
                groups.append((s, [k]))
            }
        }
        return groups.sorted { $0.0.id < $1.0.id }.map { s, members in
            (s, members.sorted { a, b in
                let ta = items[a].1, tb = items[b].1
                for d in 0..<s.dimension where ta[d] != tb[d] { return ta[d] < tb[d] }
                return a < b
            })
        }
    }

    /// Each column's position when columns are ordered by variable, then by labels.
    private func columnRanks() -> [Int] {
        var rank = [Int](repeating: 0, count: columns.count)
        var k = 0
        for (_, members) in ListingWriter.grouped(columns) {
            for j in members { rank[j] = k; k += 1 }
        }
        return rank
    }

    func equationListing(limit: Int) -> String {
        let (_, lhs, unordered) = start
        let rank = columnRanks()
        let entries = unordered.map { $0.sorted { rank[$0.column] < rank[$1.column] } }
        var out = "Equation Listing    SOLVE \(modelName) Using \(type.rawValue.uppercased()) From line \(line)\n\n"
        for (eq, indices) in ListingWriter.grouped(rows) {
            let first = indices[0]
            let (rel, _) = ListingWriter.relation(model.rowLower[first], model.rowUpper[first])
            out += "\n---- \(eq.name)  \(rel)  \(eq.text)".trimmingTrailingSpaces() + "\n\n"
            for i in indices.prefix(limit) {
                let (rel, rhs) = ListingWriter.relation(model.rowLower[i], model.rowUpper[i])
                var text = "\(labelName(rows[i].0, rows[i].1)).. "
                var lineLength = text.count
                for (k, e) in entries[i].enumerated() {
                    let name = labelName(columns[e.column].0, columns[e.column].1)
                    var term: String
                    if e.nonlinear {
                        let sign = e.value < 0 ? "- " : (k == 0 ? "" : "+ ")
                        term = sign + "(\(ListingWriter.number(abs(e.value))))*\(name)"
                    } else {
                        let sign = e.value < 0 ? "- " : (k == 0 ? "" : "+ ")
                        let a = abs(e.value)
                        term = sign + (a == 1 ? name : "\(ListingWriter.number(a))*\(name)")
                    }
                    term = " " + term
                    if lineLength + term.count > ListingWriter.width {
                        text += "\n     "
                        lineLength = 5
                    }
                    text += term
                    lineLength += term.count
                }
                let value = lhs[i]
                var infeasibility = 0.0
                if value < model.rowLower[i] { infeasibility = model.rowLower[i] - value }
                if value > model.rowUpper[i] { infeasibility = value - model.rowUpper[i] }
                let tol = infeasibilityTolerance
                let tail = " \(rel) \(ListingWriter.number(rhs)) ; (LHS = \(ListingWriter.number(value))"
                    + (infeasibility > tol ? ", INFES = \(ListingWriter.number(infeasibility)) ****)" : ")")
                if lineLength + tail.count > ListingWriter.width { text += "\n     " }
                out += text + tail + "\n\n"
            }
            if indices.count > limit { out += "REMAINING \(indices.count - limit) ENTRIES SKIPPED\n" }
        }
        return out + "\n"
    }

    func columnListing(limit: Int) -> String {
        let (x, _, entries) = start
        var byColumn = [[(row: Int, value: Double, nonlinear: Bool)]](repeating: [], count: model.columnCount)
        for (i, list) in entries.enumerated() {
            for e in list { byColumn[e.column].append((i, e.value, e.nonlinear)) }
        }
        var out = "Column Listing      SOLVE \(modelName) Using \(type.rawValue.uppercased()) From line \(line)\n\n"
        for (v, indices) in ListingWriter.grouped(columns) {
            out += "\n---- \(v.name)  \(v.text)".trimmingTrailingSpaces() + "\n\n"
            for j in indices.prefix(limit) {
                let record = columns[j].0.records[columns[j].1]
                let marginal = record?.marginal ?? 0
                out += "\(labelName(columns[j].0, columns[j].1))\n"
                out += "                (.LO, .L, .UP, .M = \(ListingWriter.number(model.columnLower[j])), \(ListingWriter.number(x[j])), "
                    + "\(ListingWriter.number(model.columnUpper[j])), \(ListingWriter.number(marginal)))\n"
                if model.objective[j] != 0 && byColumn[j].isEmpty {
                    out += ListingWriter.entryLine(model.objective[j], nonlinear: false, "(objective)")
                }
                for e in byColumn[j] {
                    out += ListingWriter.entryLine(e.value, nonlinear: e.nonlinear, labelName(rows[e.row].0, rows[e.row].1))
                }
                out += "\n"
            }
            if indices.count > limit { out += "REMAINING \(indices.count - limit) ENTRIES SKIPPED\n" }
        }
        return out + "\n"
    }

    /// `       -0.225   cost`: the sign in column 8, the number from column 9, the row after it.
    static func entryLine(_ value: Double, nonlinear: Bool, _ row: String) -> String {
        var number = nonlinear ? "(\(ListingWriter.number(value)))" : ListingWriter.number(abs(value))
        let sign = !nonlinear && value < 0 ? "-" : " "
        if number.count < 8 { number += String(repeating: " ", count: 8 - number.count) } else { number += " " }
        return "       \(sign)\(number)\(row)\n"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
