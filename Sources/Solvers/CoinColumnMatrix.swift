import IR

/// A `ScalarModel` in the column-wise form both COIN-OR C interfaces load
/// (`Clp_loadProblem`, `Cbc_loadProblem`): compressed sparse columns, bounds with COIN's
/// infinity, and the objective in the model's own sense.
///
/// COIN-OR's own limits are applied here, so that its presolve never sees what fails its
/// assertions: a bound of 1e20 or more in magnitude is infinite (COIN-OR's convention, and
/// GAMS's solvers'; passed as a finite number, CBC's presolve stopped the process on such
/// bounds), and a coefficient of 1e-20 or less in magnitude is left out (CLP drops those below
/// 1e-20 itself; one of exactly 1e-20 made CBC's presolve stop the process).
struct CoinColumnMatrix {
    /// COIN's infinity (`COIN_DBL_MAX`): CLP and CBC take bounds at or beyond it as absent.
    static let infinity = Double.greatestFiniteMagnitude
    /// The magnitude from which a bound is infinite to COIN-OR.
    static let infiniteBound = 1e20
    /// The magnitude up to which a coefficient is zero to COIN-OR.
    static let zeroCoefficient = 1e-20

    var columnStart: [Int32]
    var rowIndex: [Int32]
    var value: [Double]
    var columnLower: [Double]
    var columnUpper: [Double]
    var objective: [Double]
    var rowLower: [Double]
    var rowUpper: [Double]

    /// The arrays of `model` (accepted by `CLPSolver.refusal`). Bound conflicts are loaded as
    /// they are; the backends report them before loading.
    init(_ model: ScalarModel) {
        let columns = model.columnCount
        var counts = [Int32](repeating: 0, count: columns + 1)
        for k in 0..<model.nonzeroCount where CoinColumnMatrix.kept(model.entryValue[k]) {
            counts[Int(model.entryColumn[k]) + 1] += 1
        }
        for j in 0..<columns { counts[j + 1] += counts[j] }
        columnStart = counts
        var next = counts
        let kept = Int(counts[columns])
        rowIndex = [Int32](repeating: 0, count: kept)
        value = [Double](repeating: 0, count: kept)
        for i in 0..<model.rowCount {
            for k in model.rowStart[i]..<model.rowStart[i + 1] where CoinColumnMatrix.kept(model.entryValue[k]) {
                let j = Int(model.entryColumn[k])
                let slot = Int(next[j])
                rowIndex[slot] = Int32(truncatingIfNeeded: i)
                value[slot] = model.entryValue[k]
                next[j] += 1
            }
        }
        columnLower = model.columnLower.map(CoinColumnMatrix.bound)
        columnUpper = model.columnUpper.map(CoinColumnMatrix.bound)
        rowLower = model.rowLower.map(CoinColumnMatrix.bound)
        rowUpper = model.rowUpper.map(CoinColumnMatrix.bound)
        objective = model.objective
    }

    /// Whether a matrix entry is passed (not zero to COIN-OR).
    static func kept(_ value: Double) -> Bool {
        Swift.abs(value) > zeroCoefficient
    }

    /// A bound in COIN's spelling: magnitudes of 1e20 and more (and the infinities) become
    /// `±COIN_DBL_MAX`.
    static func bound(_ value: Double) -> Double {
        value >= infiniteBound ? infinity : value <= -infiniteBound ? -infinity : value
    }

    /// A level as GAMS reports it (`GLPKProblem.cleaned`: round-off next to zero or a bound is
    /// that value); infinite bounds, which never match, are passed as COIN's.
    static func cleaned(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        GLPKProblem.cleaned(value, bound(lower), bound(upper))
    }

    /// Calls `body` with the arrays as C pointers, in `Clp_loadProblem`'s order: column starts,
    /// row indices, values, column bounds, objective, row bounds.
    func withPointers<T>(_ body: (UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Double>,
                                  UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>,
                                  UnsafePointer<Double>, UnsafePointer<Double>) -> T) -> T {
        // an empty array's buffer may have no address; one dummy element stands in for it
        func pointer<E>(_ array: [E], _ dummy: E, _ use: (UnsafePointer<E>) -> T) -> T {
            let safe = array.isEmpty ? [dummy] : array
            return safe.withUnsafeBufferPointer { use($0.baseAddress!) }
        }
        return pointer(columnStart, 0) { starts in
            pointer(rowIndex, 0) { rows in
                pointer(value, 0) { values in
                    pointer(columnLower, 0) { lower in
                        pointer(columnUpper, 0) { upper in
                            pointer(objective, 0) { costs in
                                pointer(rowLower, 0) { rowLower in
                                    pointer(rowUpper, 0) { rowUpper in
                                        body(starts, rows, values, lower, upper, costs, rowLower, rowUpper)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What COIN-OR's limits (`CoinColumnMatrix`) do to a model.
extension ScalarModel {
    /// The first finite bound that COIN-OR would take as the infinity of the wrong side (a
    /// lower bound of 1e20 or more, an upper bound of -1e20 or less), which leaves its column
    /// or row no value; nil when there is none.
    func boundPastCoinInfinity() -> String? {
        let limit = CoinColumnMatrix.infiniteBound
        func wrong(_ lower: Double, _ upper: Double) -> String? {
            if lower.isFinite && lower >= limit { return "lower bound \(lower)" }
            if upper.isFinite && upper <= -limit { return "upper bound \(upper)" }
            return nil
        }
        for j in 0..<columnCount {
            if let b = wrong(columnLower[j], columnUpper[j]) { return "\(columnName(j)) has the \(b)" }
        }
        for i in 0..<rowCount {
            if let b = wrong(rowLower[i], rowUpper[i]) { return "\(rowName(i)) has the \(b)" }
        }
        return nil
    }

    /// Warnings for what loading into COIN-OR (`solver`: CLP or CBC) changes: finite bounds
    /// taken as infinite, coefficients left out; the first of each named, with a count of
    /// the rest.
    func coinLoadNotes(solver: String) -> [SolverNote] {
        var bounds: [String] = []
        func note(_ v: Double, _ side: String, _ name: () -> String) {
            if v.isFinite && CoinColumnMatrix.bound(v).magnitude == CoinColumnMatrix.infinity {
                bounds.append("\(name()) has the \(side) bound \(v)")
            }
        }
        for j in 0..<columnCount {
            note(columnLower[j], "lower") { columnName(j) }
            note(columnUpper[j], "upper") { columnName(j) }
        }
        for i in 0..<rowCount {
            note(rowLower[i], "lower") { rowName(i) }
            note(rowUpper[i], "upper") { rowName(i) }
        }
        var dropped: [String] = []
        for i in 0..<rowCount {
            for k in rowStart[i]..<rowStart[i + 1] where entryValue[k] != 0 && !CoinColumnMatrix.kept(entryValue[k]) {
                dropped.append("\(rowName(i)) has the coefficient \(entryValue[k]) of \(columnName(Int(entryColumn[k])))")
            }
        }
        var notes: [SolverNote] = []
        if let first = bounds.first {
            notes.append(SolverNote(first: first, more: bounds.count - 1,
                                    what: "which \(solver) takes as none (COIN-OR takes bounds of 1e20 or more in magnitude as infinite)"))
        }
        if let first = dropped.first {
            notes.append(SolverNote(first: first, more: dropped.count - 1,
                                    what: "which \(solver) leaves out (COIN-OR takes coefficients of 1e-20 or less in magnitude as 0)"))
        }
        return notes
    }
}

/// The conversion of simplex statuses between CLP's codes and the GLPK codes `SimplexBasis`
/// carries, so that a basis left by either backend warm-starts the other.
enum CoinBasisCodes {
    // GLPK: GLP_BS 1, GLP_NL 2, GLP_NU 3, GLP_NF 4, GLP_NS 5.
    // CLP: isFree 0, basic 1, atUpperBound 2, atLowerBound 3, superBasic 4, isFixed 5.

    /// The GLPK code of a CLP status (a superbasic entry becomes nonbasic at its lower bound,
    /// which GLPK turns into free for a column without one).
    static func glpk(fromCLP status: Int32) -> Int8 {
        switch status & 7 {
        case 1: return 1
        case 2: return 3
        case 3, 4: return 2
        case 5: return 5
        default: return 4
        }
    }

    /// The CLP code of a GLPK status.
    static func clp(fromGLPK status: Int8) -> Int32 {
        switch status {
        case 1: return 1
        case 2: return 3
        case 3: return 2
        case 5: return 5
        default: return 0
        }
    }
}
