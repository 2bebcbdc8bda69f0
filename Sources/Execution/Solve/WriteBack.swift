import Foundation
import IR
import Semantics

extension Interpreter {
    /// Writes a solution's levels and marginals into the records of the model's variables and
    /// equations (equations also get the bounds they were generated with).
    func writeBack(_ result: SolveResult, _ model: ScalarModel, rows: ModelElements, columns: ModelElements) {
        // room for the new records first: a large variable's map then grows once, without
        // the copies (and the memory peak) of growing by doubling. A symbol without records
        // before gets all its elements new (a model has each column and row once), added
        // without looking them up.
        let fresh = Interpreter.reserveRecords(columns).union(Interpreter.reserveRecords(rows))
        var last: Symbol? = nil, lastIsFresh = false
        for (k, (s, t)) in columns.enumerated() where k < result.columnLevel.count {
            let level = result.columnLevel[k] + 0
            let marginal = k < result.columnMarginal.count ? result.columnMarginal[k] : 0
            if s !== last { last = s; lastIsFresh = fresh.contains(ObjectIdentifier(s)) }
            if lastIsFresh {
                var r = s.defaultRecord()
                r.level = level
                r.marginal = marginal
                s.records.appendNew(t, r)
            } else {
                s.records.update(t, default: s.defaultRecord()) { r in
                    r.level = level
                    r.marginal = marginal
                }
            }
        }
        for (k, (s, t)) in rows.enumerated() where k < result.rowLevel.count {
            let level = result.rowLevel[k] + 0
            let marginal = k < result.rowMarginal.count ? result.rowMarginal[k] : 0
            // bounds are numbers, never EPS: -0 from moving constants across is 0
            let lower = model.rowLower[k] + 0, upper = model.rowUpper[k] + 0
            if s !== last { last = s; lastIsFresh = fresh.contains(ObjectIdentifier(s)) }
            if lastIsFresh {
                var r = VarRecord(lower: lower, upper: upper)
                r.level = level
                r.marginal = marginal
                s.records.appendNew(t, r)
            } else {
                s.records.update(t, default: VarRecord(lower: lower, upper: upper)) { r in
                    r.level = level
                    r.marginal = marginal
                    r.lower = lower
                    r.upper = upper
                }
            }
        }
    }

    /// Reserves room in each symbol's records for the elements of `elements`, once per symbol
    /// (an element that already has a record is counted too); the symbols that had no records.
    @discardableResult
    static func reserveRecords(_ elements: ModelElements) -> Set<ObjectIdentifier> {
        var counts: [ObjectIdentifier: (symbol: Symbol, count: Int)] = [:]
        var k = 0
        while k < elements.count {
            // runs of the same symbol are counted together
            let s = elements[k].0
            var n = 0
            while k < elements.count && elements[k].0 === s { n += 1; k += 1 }
            counts[ObjectIdentifier(s), default: (s, 0)].count += n
        }
        var empty = Set<ObjectIdentifier>()
        for (s, n) in counts.values {
            if s.records.isEmpty { empty.insert(ObjectIdentifier(s)) }
            s.records.reserveCapacity(s.records.count + n)
        }
        return empty
    }
}
