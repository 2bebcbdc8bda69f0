import IR

/// A `ScalarModel` in the column-wise form both COIN-OR C interfaces load
/// (`Clp_loadProblem`, `Cbc_loadProblem`): compressed sparse columns, bounds with COIN's
/// infinity, and the objective in the model's own sense.
struct CoinColumnMatrix {
    /// COIN's infinity (`COIN_DBL_MAX`): CLP and CBC take bounds at or beyond it as absent.
    static let infinity = Double.greatestFiniteMagnitude

    var columnStart: [Int32]
    var rowIndex: [Int32]
    var value: [Double]
    var columnLower: [Double]
    var columnUpper: [Double]
    var objective: [Double]
    var rowLower: [Double]
    var rowUpper: [Double]

    /// The arrays of `model` (accepted by `GLPKProblem.structuralProblem`, whose checks are the
    /// backends' common ground). Bound conflicts are loaded as they are; the backends report them
    /// before loading.
    init(_ model: ScalarModel) {
        let columns = model.columnCount
        var counts = [Int32](repeating: 0, count: columns + 1)
        for column in model.entryColumn { counts[Int(column) + 1] += 1 }
        for j in 0..<columns { counts[j + 1] += counts[j] }
        columnStart = counts
        var next = counts
        rowIndex = [Int32](repeating: 0, count: model.nonzeroCount)
        value = [Double](repeating: 0, count: model.nonzeroCount)
        for i in 0..<model.rowCount {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
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

    /// A bound in COIN's spelling: the infinities become `±COIN_DBL_MAX`.
    static func bound(_ value: Double) -> Double {
        value.isInfinite ? (value > 0 ? infinity : -infinity) : value
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
