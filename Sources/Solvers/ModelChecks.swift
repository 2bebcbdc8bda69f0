import IR

/// Checks of a model and of a point against it, shared by the backends.
extension ScalarModel {
    /// `column x(a,b)` (or `column 7` without provenance).
    func columnName(_ j: Int) -> String {
        j < columnOrigin.count ? "column \(columnOrigin[j].displayName)" : "column \(j)"
    }

    /// `row supply(a)` (or `row 7` without provenance).
    func rowName(_ i: Int) -> String {
        i < rowOrigin.count ? "row \(rowOrigin[i].displayName)" : "row \(i)"
    }

    /// The first finite bound of a column or row whose magnitude is `limit` or more (GLPK is
    /// not given such bounds). Nil when every finite bound is below it.
    func hugeFiniteBound(limit: Double) -> String? {
        func huge(_ v: Double) -> Bool { v.isFinite && Swift.abs(v) >= limit }
        for j in 0..<columnCount where huge(columnLower[j]) || huge(columnUpper[j]) {
            return "\(columnName(j)) has the bound \(huge(columnLower[j]) ? columnLower[j] : columnUpper[j])"
        }
        for i in 0..<rowCount where huge(rowLower[i]) || huge(rowUpper[i]) {
            return "\(rowName(i)) has the bound \(huge(rowLower[i]) ? rowLower[i] : rowUpper[i])"
        }
        return nil
    }

    /// The first nonzero coefficient (of a row, or of the objective) whose magnitude lies
    /// outside `magnitudes`, with its row and column; nil when there is none.
    func coefficientOutside(_ magnitudes: ClosedRange<Double>) -> String? {
        func outside(_ v: Double) -> Bool { v != 0 && !magnitudes.contains(Swift.abs(v)) }
        for i in 0..<rowCount {
            for k in rowStart[i]..<rowStart[i + 1] where outside(entryValue[k]) {
                return "\(rowName(i)) has the coefficient \(entryValue[k]) of \(columnName(Int(entryColumn[k])))"
            }
        }
        for (j, c) in objective.enumerated() where outside(c) {
            return "the objective has the coefficient \(c) of \(columnName(j))"
        }
        return nil
    }

    /// The smallest and the largest nonzero coefficient of the rows in magnitude, each with
    /// its row and column (`row r0, column x3`); nil without any.
    func coefficientSpread() -> (smallest: Double, smallestAt: String, largest: Double, largestAt: String)? {
        var low: (value: Double, row: Int, entry: Int)?, high: (value: Double, row: Int, entry: Int)?
        for i in 0..<rowCount {
            for k in rowStart[i]..<rowStart[i + 1] where entryValue[k] != 0 {
                let v = Swift.abs(entryValue[k])
                if v < low?.value ?? .infinity { low = (v, i, k) }
                if v > high?.value ?? 0 { high = (v, i, k) }
            }
        }
        guard let low, let high else { return nil }
        func at(_ e: (value: Double, row: Int, entry: Int)) -> String {
            "\(rowName(e.row)), \(columnName(Int(entryColumn[e.entry])))"
        }
        return (low.value, at(low), high.value, at(high))
    }

    /// The first integer column that a row alone ties to a value of `limit` or more in
    /// magnitude (a finite side of the row over the column's coefficient) where the column has
    /// no finite bound on that side; nil when there is none. Integers that large have no
    /// neighbours in floating point (from 2^53, about 9e15, `x + 1 == x`).
    func integerTiedBeyond(_ limit: Double) -> String? {
        for i in 0..<rowCount {
            for k in rowStart[i]..<rowStart[i + 1] where entryValue[k] != 0 && columnIsInteger[Int(entryColumn[k])] {
                let j = Int(entryColumn[k])
                for side in [rowLower[i], rowUpper[i]] where side.isFinite {
                    let value = side / entryValue[k]
                    let open = value > 0 ? columnUpper[j] == .infinity : columnLower[j] == -.infinity
                    if Swift.abs(value) >= limit && open {
                        return "\(rowName(i)) ties integer \(columnName(j)) to about \(String(format: "%g", value)) (bound \(String(format: "%g", side)), coefficient \(String(format: "%g", entryValue[k])))"
                    }
                }
            }
        }
        return nil
    }

    /// Whether no finite value lies in `lower...upper`.
    static func isEmptyRange(_ lower: Double, _ upper: Double) -> Bool {
        lower > upper || lower == .infinity || upper == -.infinity
    }

    /// The first column or row whose bounds admit no value (lower above upper, or a bound at
    /// the wrong infinity), nil when every range is nonempty.
    func boundConflict() -> String? {
        for j in 0..<columnCount where ScalarModel.isEmptyRange(columnLower[j], columnUpper[j]) {
            return "\(columnName(j)) has lower bound \(columnLower[j]) above upper bound \(columnUpper[j])"
        }
        for i in 0..<rowCount where ScalarModel.isEmptyRange(rowLower[i], rowUpper[i]) {
            return "\(rowName(i)) has lower bound \(rowLower[i]) above upper bound \(rowUpper[i])"
        }
        return nil
    }

    /// The entry of a point that leaves its bounds the most (rows and columns, relative to
    /// `1 + |bound|`), with the row's or column's name; nil when none does.
    func worstViolation(columnLevel: [Double], rowLevel: [Double]) -> (what: String, amount: Double)? {
        var worst: (what: String, amount: Double)?
        func check(_ level: Double, _ lower: Double, _ upper: Double, _ name: () -> String) {
            let below = lower.isFinite ? (lower - level) / (1 + abs(lower)) : 0
            let above = upper.isFinite ? (level - upper) / (1 + abs(upper)) : 0
            let amount = max(below, above)
            if amount > 0, amount > worst?.amount ?? 0 {
                worst = (name(), amount)
            }
        }
        for (j, level) in columnLevel.enumerated() where j < columnCount {
            check(level, columnLower[j], columnUpper[j]) { columnName(j) }
        }
        for (i, level) in rowLevel.enumerated() where i < rowCount {
            check(level, rowLower[i], rowUpper[i]) { rowName(i) }
        }
        return worst
    }
}
