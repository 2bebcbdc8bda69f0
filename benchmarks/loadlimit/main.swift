// The physical limit of generation (issue 5, target 1): how long loading a model's matrix into
// GLPK through its C API takes when the matrix is already in the program's own arrays.
//
//   enm-load-limit FILE [--name=value ...] [--repeat=N]
//
// enm generates the model of FILE's first `solve` (not timed); then, N times (default 5) each, a
// new GLPK problem receives its rows and columns with their bounds, the objective, and the
// matrix, alternately row by row (glp_set_mat_row from a scratch buffer) and in one
// glp_load_matrix call (1-based triplets built from the row-wise arrays; building them is
// timed). The best of all loads is printed with its cost per nonzero, as one line
// "load-limit: R rows, C columns, NZ nonzeros, best S s (U us per nonzero)", then a line with
// the first load (fresh memory, as in a new process) and each method's best, and last the best
// row-by-row load with GLPK's heap faulted in on a second thread, as enm's loads have it
// (the Platform target's heap filler): the part of the limit that is the kernel's page
// faults, moved off the loading thread.
import CGLPK
import Driver
import Foundation
import IR
import Platform
import Solvers

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("enm-load-limit: " + message + "\n").utf8))
    exit(2)
}

var file: String? = nil
var defines: [String: String] = [:]
var repeats = 5
for argument in CommandLine.arguments.dropFirst() {
    if argument.hasPrefix("--repeat=") {
        guard let n = Int(argument.dropFirst("--repeat=".count)), n > 0 else { fail("--repeat needs a positive count") }
        repeats = n
    } else if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
        defines[String(argument[argument.index(argument.startIndex, offsetBy: 2)..<eq])] = String(argument[argument.index(after: eq)...])
    } else if file == nil {
        file = argument
    } else {
        fail("unexpected argument '\(argument)'")
    }
}
guard let file else { fail("usage: enm-load-limit FILE [--name=value ...] [--repeat=N]") }

let result = Driver.run(path: file, options: RunOptions(defines: defines, mode: .firstModel))
guard let model = result.firstModel?.model else {
    FileHandle.standardError.write(Data(Driver.renderDiagnostics(result.diagnostics).utf8))
    fail("\(file) has no solve whose model could be generated")
}

/// GLPK's bound type and values for a row or column.
func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
    switch (lower.isFinite, upper.isFinite) {
    case (false, false): return (GLP_FR, 0, 0)
    case (true, false): return (GLP_LO, lower, 0)
    case (false, true): return (GLP_UP, 0, upper)
    case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
    }
}

/// Loads the model into a new GLPK problem, its matrix either as whole triplet arrays through
/// `glp_load_matrix` or row by row through `glp_set_mat_row`; the seconds it took.
func load(rowWise: Bool, prefault: Bool = false) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let helper = prefault ? PlatformMemory().heapFiller(bytes: GLPKSolver.heapBytes(model)) : nil
    guard let p = glp_create_prob() else { fail("glp_create_prob failed") }
    glp_set_obj_dir(p, model.sense == .maximize ? GLP_MAX : GLP_MIN)
    let m = Int32(model.rowCount), n = Int32(model.columnCount)
    if m > 0 { glp_add_rows(p, m) }
    if n > 0 { glp_add_cols(p, n) }
    for i in 0..<model.rowCount {
        let (type, lo, up) = bounds(model.rowLower[i], model.rowUpper[i])
        glp_set_row_bnds(p, Int32(i + 1), type, lo, up)
    }
    for j in 0..<model.columnCount {
        let (type, lo, up) = bounds(model.columnLower[j], model.columnUpper[j])
        glp_set_col_bnds(p, Int32(j + 1), type, lo, up)
        if model.objective[j] != 0 { glp_set_obj_coef(p, Int32(j + 1), model.objective[j]) }
    }
    let nz = model.nonzeroCount
    if rowWise {
        var longest = 0
        for i in 0..<model.rowCount { longest = max(longest, model.rowStart[i + 1] - model.rowStart[i]) }
        var ind = [Int32](repeating: 0, count: longest + 1)
        var val = [Double](repeating: 0, count: longest + 1)
        for i in 0..<model.rowCount {
            let first = model.rowStart[i], length = model.rowStart[i + 1] - first
            for k in 0..<length {
                ind[k + 1] = model.entryColumn[first + k] + 1
                val[k + 1] = model.entryValue[first + k]
            }
            if length > 0 { glp_set_mat_row(p, Int32(i + 1), Int32(length), &ind, &val) }
        }
    } else {
        var ia = [Int32](repeating: 0, count: nz + 1)
        var ja = [Int32](repeating: 0, count: nz + 1)
        var ar = [Double](repeating: 0, count: nz + 1)
        for i in 0..<model.rowCount {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                ia[k + 1] = Int32(i + 1)
                ja[k + 1] = model.entryColumn[k] + 1
                ar[k + 1] = model.entryValue[k]
            }
        }
        glp_load_matrix(p, Int32(nz), &ia, &ja, &ar)
    }
    helper?.finish()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    glp_delete_prob(p)
    return seconds
}

glp_term_out(GLP_OFF)
// the first load meets fresh memory, as a modelling tool's one load in a new process does;
// later ones reuse the pages the previous problem freed
let first = load(rowWise: true)
var bestRows = first, bestTriplets = Double.infinity
for k in 1..<(2 * repeats) {
    if k % 2 == 1 { bestTriplets = min(bestTriplets, load(rowWise: false)) } else { bestRows = min(bestRows, load(rowWise: true)) }
}
let best = min(bestRows, bestTriplets)
let perNonzero = model.nonzeroCount > 0 ? best / Double(model.nonzeroCount) * 1e6 : 0
print(String(format: "load-limit: %d rows, %d columns, %d nonzeros, best %.3f s (%.3f us per nonzero)",
             model.rowCount, model.columnCount, model.nonzeroCount, best, perNonzero))
print(String(format: "load-limit: first (fresh memory) %.3f s; best row by row %.3f s, best as triplets %.3f s",
             first, bestRows, bestTriplets.isFinite ? bestTriplets : .nan))
var bestPrefaulted = Double.infinity
for _ in 0..<repeats { bestPrefaulted = min(bestPrefaulted, load(rowWise: true, prefault: true)) }
print(String(format: "load-limit: row by row with the heap faulted in on a second thread (as enm loads) best %.3f s",
             bestPrefaulted))
