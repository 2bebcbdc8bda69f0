import CGLPK
import IR
#if canImport(Glibc)
import Glibc // links libm, which `rounded` needs once inlined in optimized builds
#elseif canImport(Darwin)
import Darwin
#endif

/// One `glp_prob` loaded from a `ScalarModel`; deletes the problem when released.
///
/// GLPK aborts the whole process on an out-of-range index, a duplicate matrix entry, a zero count
/// to `glp_add_rows`/`glp_add_cols` or a name longer than 255 bytes, so nothing reaches GLPK before
/// `validate` has accepted the model, and the loader never makes such calls.
final class GLPKProblem {
    /// GLPK's own size limits (`M_MAX`, `N_MAX`, `NNZ_MAX` in its sources); beyond them it aborts.
    static let maxRows = 100_000_000
    static let maxColumns = 100_000_000
    static let maxNonzeros = 500_000_000
    /// Models with more rows plus columns than this get no names (names only help debugging).
    static let nameLimit = 100_000
    /// GLPK's limit on the length of a row or column name, in bytes.
    static let maxNameBytes = 255

    /// The GLPK problem object.
    let handle: OpaquePointer
    /// Number of rows and columns, as GLPK counts them.
    let rowCount: Int32
    let columnCount: Int32

    /// Creates an empty problem sized for `model`, which `validate` must have accepted.
    init?(rows: Int, columns: Int) {
        guard let rowCount = Int32(exactly: rows), let columnCount = Int32(exactly: columns),
              let handle = glp_create_prob() else { return nil }
        self.handle = handle
        self.rowCount = rowCount
        self.columnCount = columnCount
    }

    deinit {
        glp_delete_prob(handle)
    }

    // MARK: - Validation

    /// Why `model` cannot be given to GLPK at all, or nil if its structure is sound.
    static func structuralProblem(in model: ScalarModel) -> String? {
        let rows = model.rowCount
        let columns = model.columnCount
        let nonzeros = model.nonzeroCount
        if rows > maxRows || columns > maxColumns || nonzeros > maxNonzeros {
            return "model too large for GLPK: \(rows) rows, \(columns) columns, "
                + "\(nonzeros) nonzeros (limits \(maxRows), \(maxColumns), \(maxNonzeros))"
        }
        if model.columnUpper.count != columns || model.columnIsInteger.count != columns
            || model.objective.count != columns {
            return "inconsistent column arrays: \(columns) lower bounds, "
                + "\(model.columnUpper.count) upper bounds, "
                + "\(model.columnIsInteger.count) integrality flags, "
                + "\(model.objective.count) objective coefficients"
        }
        if model.rowUpper.count != rows {
            return "inconsistent row arrays: \(rows) lower bounds, "
                + "\(model.rowUpper.count) upper bounds"
        }
        if model.rowStart.count != rows + 1 || model.rowStart.first != 0
            || model.rowStart.last != nonzeros {
            return "inconsistent row starts: \(model.rowStart.count) starts for \(rows) rows "
                + "and \(nonzeros) entries"
        }
        if model.entryValue.count != nonzeros {
            return "inconsistent matrix: \(nonzeros) column indices, "
                + "\(model.entryValue.count) values"
        }
        if !model.objectiveConstant.isFinite {
            return "objective constant is not a finite number"
        }
        for j in 0..<columns {
            if !model.objective[j].isFinite {
                return "objective coefficient of \(model.columnName(j)) is not a finite number"
            }
            if model.columnLower[j].isNaN || model.columnUpper[j].isNaN {
                return "bound of \(model.columnName(j)) is not a number"
            }
        }
        for i in 0..<rows where model.rowLower[i].isNaN || model.rowUpper[i].isNaN {
            return "bound of \(model.rowName(i)) is not a number"
        }
        // Column indices in range, values finite, no column twice in a row.
        var lastRow = [Int](repeating: -1, count: columns)
        for i in 0..<rows {
            let first = model.rowStart[i]
            let end = model.rowStart[i + 1]
            if first > end {
                return "row starts decrease at \(model.rowName(i))"
            }
            for k in first..<end {
                let column = Int(model.entryColumn[k])
                if column < 0 || column >= columns {
                    return "\(model.rowName(i)) refers to column index \(column), "
                        + "outside 0..<\(columns)"
                }
                if lastRow[column] == i {
                    return "\(model.rowName(i)) contains \(model.columnName(column)) twice"
                }
                lastRow[column] = i
                if !model.entryValue[k].isFinite {
                    return "coefficient of \(model.columnName(column)) in \(model.rowName(i)) "
                        + "is not a finite number"
                }
            }
        }
        return nil
    }

    // MARK: - Loading

    /// Loads rows, columns, objective and matrix of `model` (accepted by `structuralProblem`).
    ///
    /// With `integer`, integer columns become `GLP_IV` with bounds rounded inward (GLPK requires
    /// integral bounds); the returned array lists integer columns whose rounded range is empty,
    /// which keep their original bounds. Without `integer` every column is continuous.
    /// Bound conflicts (see `ScalarModel.boundConflict`) are loaded as fixed at the lower bound.
    func load(_ model: ScalarModel, integer: Bool, names: Bool = true) -> [Int] {
        let p = handle
        // a large load's memory may be faulted in on a helper thread (see MemoryHooks)
        let prefault = ProcessMemory.hooks.heapFiller(bytes: GLPKSolver.heapBytes(model))
        defer { prefault?.finish() }
        glp_set_obj_dir(p, model.sense == .maximize ? GLP_MAX : GLP_MIN)
        glp_set_obj_coef(p, 0, model.objectiveConstant)
        let named = names && model.rowCount + model.columnCount <= GLPKProblem.nameLimit
        var emptyIntegerRanges: [Int] = []

        if rowCount > 0 {
            glp_add_rows(p, rowCount)
            for i in 0..<Int(rowCount) {
                let row = Int32(truncatingIfNeeded: i + 1)
                let (type, lower, upper) = GLPKProblem.bounds(model.rowLower[i], model.rowUpper[i])
                glp_set_row_bnds(p, row, type, lower, upper)
                if named, i < model.rowOrigin.count {
                    GLPKProblem.withName(model.rowOrigin[i].displayName) {
                        glp_set_row_name(p, row, $0)
                    }
                }
            }
        }
        if columnCount > 0 {
            glp_add_cols(p, columnCount)
            for j in 0..<Int(columnCount) {
                let column = Int32(truncatingIfNeeded: j + 1)
                var lower = model.columnLower[j]
                var upper = model.columnUpper[j]
                if integer && model.columnIsInteger[j] {
                    let (roundedLower, roundedUpper) = GLPKProblem.integerRange(lower, upper)
                    if roundedLower <= roundedUpper {
                        (lower, upper) = (roundedLower, roundedUpper)
                    } else {
                        emptyIntegerRanges.append(j)
                    }
                    glp_set_col_kind(p, column, GLP_IV)
                }
                let (type, typedLower, typedUpper) = GLPKProblem.bounds(lower, upper)
                glp_set_col_bnds(p, column, type, typedLower, typedUpper)
                if model.objective[j] != 0 {
                    glp_set_obj_coef(p, column, model.objective[j])
                }
                if named, j < model.columnOrigin.count {
                    GLPKProblem.withName(model.columnOrigin[j].displayName) {
                        glp_set_col_name(p, column, $0)
                    }
                }
            }
        }
        loadMatrix(model)
        return emptyIntegerRanges
    }

    /// Passes the matrix to GLPK row by row (`glp_set_mat_row`, 1-based, dummy element 0): one
    /// pass over the model's row-wise arrays through a scratch buffer as long as the longest row,
    /// instead of whole-matrix triplet arrays (three arrays of every nonzero, written once and
    /// read once) and `glp_load_matrix`'s second pass that builds the column lists.
    private func loadMatrix(_ model: ScalarModel) {
        guard model.nonzeroCount > 0 else { return }
        var longest = 0
        for i in 0..<model.rowCount { longest = max(longest, model.rowStart[i + 1] - model.rowStart[i]) }
        var columnIndex = [Int32](repeating: 0, count: longest + 1)
        var value = [Double](repeating: 0, count: longest + 1)
        model.entryColumn.withUnsafeBufferPointer { entryColumn in
            model.entryValue.withUnsafeBufferPointer { entryValue in
                columnIndex.withUnsafeMutableBufferPointer { ind in
                    value.withUnsafeMutableBufferPointer { val in
                        for i in 0..<model.rowCount {
                            let first = model.rowStart[i], length = model.rowStart[i + 1] - first
                            if length == 0 { continue }
                            for k in 0..<length {
                                ind[k + 1] = entryColumn[first + k] + 1
                                val[k + 1] = entryValue[first + k]
                            }
                            glp_set_mat_row(handle, Int32(truncatingIfNeeded: i + 1), Int32(truncatingIfNeeded: length),
                                            ind.baseAddress, val.baseAddress)
                        }
                    }
                }
            }
        }
    }

    /// GLPK's bound type and values for `lower...upper` (a nonempty range, or a conflict that is
    /// then loaded as fixed at `lower` when finite). A subnormal bound is loaded as 0: GLPK's
    /// scaling can turn it into 0 beside a zero bound and then stops the process on an assertion
    /// ("l[k] != u[k]"); the difference is far below every tolerance.
    static func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        let lower = lower.isSubnormal ? 0 : lower, upper = upper.isSubnormal ? 0 : upper
        if ScalarModel.isEmptyRange(lower, upper) {
            let value = lower.isFinite ? lower : (upper.isFinite ? upper : 0)
            return (GLP_FX, value, value)
        }
        switch (lower == -.infinity, upper == .infinity) {
        case (true, true): return (GLP_FR, 0, 0)
        case (false, true): return (GLP_LO, lower, 0)
        case (true, false): return (GLP_UP, 0, upper)
        case (false, false): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// The integral range inside `lower...upper` (tolerance 1e-9 for bounds meant as integers).
    static func integerRange(_ lower: Double, _ upper: Double) -> (Double, Double) {
        let tolerance = 1e-9
        let roundedLower = lower.isFinite ? (lower - tolerance).rounded(.up) : lower
        let roundedUpper = upper.isFinite ? (upper + tolerance).rounded(.down) : upper
        return (roundedLower, roundedUpper)
    }

    /// Sets the bounds of 0-based column `j`.
    func setColumnBounds(_ j: Int, lower: Double, upper: Double) {
        let (type, typedLower, typedUpper) = GLPKProblem.bounds(lower, upper)
        glp_set_col_bnds(handle, Int32(truncatingIfNeeded: j + 1), type, typedLower, typedUpper)
    }

    /// Calls `body` with `name` made acceptable to GLPK: control characters replaced by `?`,
    /// at most 255 bytes cut at a character boundary; not called for an empty name.
    static func withName(_ name: String, _ body: (UnsafePointer<CChar>) -> Void) {
        var clean = String.UnicodeScalarView()
        var bytes = 0
        for scalar in name.unicodeScalars {
            let safe: Unicode.Scalar = scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar
            let width = UTF8.width(safe)
            if bytes + width > maxNameBytes { break }
            bytes += width
            clean.append(safe)
        }
        guard bytes > 0 else { return }
        String(clean).withCString(body)
    }

    // MARK: - Reading solutions

    /// Levels and marginals of the current basic solution, with GAMS's signs (GLPK's duals are
    /// already d objective / d rhs for both senses). A zero marginal of a nonbasic row or column
    /// is returned as `-0.0`, GAMS's `EPS`.
    func basicSolution() -> (columnLevel: [Double], columnMarginal: [Double],
                             rowLevel: [Double], rowMarginal: [Double]) {
        let p = handle
        var columnLevel = [Double](), columnMarginal = [Double]()
        var rowLevel = [Double](), rowMarginal = [Double]()
        columnLevel.reserveCapacity(Int(columnCount))
        columnMarginal.reserveCapacity(Int(columnCount))
        rowLevel.reserveCapacity(Int(rowCount))
        rowMarginal.reserveCapacity(Int(rowCount))
        if columnCount > 0 {
            for j in 1...columnCount {
                columnLevel.append(GLPKProblem.cleaned(glp_get_col_prim(p, j), glp_get_col_lb(p, j), glp_get_col_ub(p, j)))
                columnMarginal.append(GLPKProblem.marginal(glp_get_col_dual(p, j),
                                                           basic: glp_get_col_stat(p, j) == GLP_BS))
            }
        }
        if rowCount > 0 {
            for i in 1...rowCount {
                rowLevel.append(GLPKProblem.cleaned(glp_get_row_prim(p, i), glp_get_row_lb(p, i), glp_get_row_ub(p, i)))
                rowMarginal.append(GLPKProblem.marginal(glp_get_row_dual(p, i),
                                                        basic: glp_get_row_stat(p, i) == GLP_BS))
            }
        }
        return (columnLevel, columnMarginal, rowLevel, rowMarginal)
    }

    /// Levels of the integer solution.
    func integerSolution() -> (columnLevel: [Double], rowLevel: [Double]) {
        let p = handle
        var columnLevel = [Double](), rowLevel = [Double]()
        columnLevel.reserveCapacity(Int(columnCount))
        rowLevel.reserveCapacity(Int(rowCount))
        if columnCount > 0 {
            for j in 1...columnCount {
                columnLevel.append(GLPKProblem.cleaned(glp_mip_col_val(p, j), glp_get_col_lb(p, j), glp_get_col_ub(p, j)))
            }
        }
        if rowCount > 0 {
            for i in 1...rowCount {
                rowLevel.append(GLPKProblem.cleaned(glp_mip_row_val(p, i), glp_get_row_lb(p, i), glp_get_row_ub(p, i)))
            }
        }
        return (columnLevel, rowLevel)
    }

    /// A level as GAMS reports it: round-off within 1e-12 (relative to the value's size) of a
    /// bound or of zero is that bound or zero, so a basic column at zero shows nothing rather
    /// than `-1.6E-15`. (GLPK gives -DBL_MAX/+DBL_MAX for missing bounds; they never match.)
    static func cleaned(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        for target in [0, lower, upper] where abs(value - target) <= 1e-12 * max(1, abs(target)) {
            return target
        }
        return value
    }

    /// A dual value in GAMS's spelling: `EPS` (-0.0) for a zero marginal on a nonbasic entry,
    /// plain zero for a basic one.
    private static func marginal(_ value: Double, basic: Bool) -> Double {
        guard value == 0 else { return value }
        return basic ? 0 : -0.0
    }
}
