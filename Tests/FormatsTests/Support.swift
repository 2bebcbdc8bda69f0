import CGLPK
import Formats
import Foundation
import IR
import Testing

/// The package's root folder (three levels above this file).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Whether `value` is within `tolerance` (relative, absolute near zero) of `expected`.
func close(_ value: Double?, _ expected: Double?, _ tolerance: Double = 1e-6) -> Bool {
    guard let value, let expected else { return value == nil && expected == nil }
    return abs(value - expected) <= tolerance * max(1, abs(expected))
}

/// A fresh temporary folder, removed by `cleanup`.
struct TemporaryFolder {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("enm-formats-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
    /// The names of the files in the folder.
    var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.sorted() ?? [] }
}

/// A model file read back with GLPK's own readers, and GLPK's optimum of it.
struct ReadBack {
    struct Column: Equatable {
        var type: Int32
        var lower: Double
        var upper: Double
        var integer: Bool
        var cost: Double
    }
    struct Row: Equatable {
        var type: Int32
        var lower: Double
        var upper: Double
        /// Coefficients by column name.
        var entries: [String: Double]
    }

    /// Columns GLPK reads as integer.
    var integerColumns = 0
    var rowNames: [String] = []
    var columnNames: [String] = []
    var rows: [String: Row] = [:]
    var columns: [String: Column] = [:]
    var objectiveConstant: Double = 0
    var maximize = false
    /// Return code of `glp_simplex`/`glp_intopt` (0 when it ran to the end).
    var returnCode: Int32 = 0
    /// `glp_get_status` or `glp_mip_status` after the solve.
    var status: Int32 = 0
    /// The optimum, nil unless GLPK found one.
    var objective: Double?

    /// Whether GLPK proved the problem has no feasible point (by presolve or by the solver).
    var infeasible: Bool {
        returnCode == GLP_ENOPFS || status == GLP_NOFEAS || returnCode == GLP_ENODFS && status != GLP_OPT
    }
}

/// Reads `path` with `glp_read_mps` (free MPS) or `glp_read_lp`, then solves it with the
/// presolver on (`glp_intopt` when there are integer columns, unless `relax`: then the LP
/// relaxation). Nil if GLPK cannot read the file.
func readBack(_ path: String, format: ExportFormat, relax: Bool = false) -> ReadBack? {
    let previous = glp_term_out(GLP_OFF)
    defer { glp_term_out(previous) }
    guard let p = glp_create_prob() else { return nil }
    defer { glp_delete_prob(p) }
    let rc = format == .mps ? glp_read_mps(p, GLP_MPS_FILE, nil, path) : glp_read_lp(p, nil, path)
    guard rc == 0 else { return nil }
    var out = ReadBack()
    let m = glp_get_num_rows(p), n = glp_get_num_cols(p)
    out.maximize = glp_get_obj_dir(p) == GLP_MAX
    out.objectiveConstant = glp_get_obj_coef(p, 0)
    if n > 0 {
        for j in 1...n {
            let name = String(cString: glp_get_col_name(p, j))
            out.columnNames.append(name)
            out.columns[name] = ReadBack.Column(type: glp_get_col_type(p, j), lower: glp_get_col_lb(p, j),
                                                upper: glp_get_col_ub(p, j), integer: glp_get_col_kind(p, j) != GLP_CV,
                                                cost: glp_get_obj_coef(p, j))
        }
    }
    if m > 0 {
        var index = [Int32](repeating: 0, count: Int(n) + 1)
        var value = [Double](repeating: 0, count: Int(n) + 1)
        for i in 1...m {
            let name = String(cString: glp_get_row_name(p, i))
            out.rowNames.append(name)
            let len = glp_get_mat_row(p, i, &index, &value)
            var entries: [String: Double] = [:]
            if len > 0 {
                for k in 1...Int(len) { entries[out.columnNames[Int(index[k]) - 1]] = value[k] }
            }
            out.rows[name] = ReadBack.Row(type: glp_get_row_type(p, i), lower: glp_get_row_lb(p, i),
                                          upper: glp_get_row_ub(p, i), entries: entries)
        }
    }
    out.integerColumns = Int(glp_get_num_int(p))
    if glp_get_num_int(p) > 0 && !relax {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.presolve = GLP_ON
        parameters.msg_lev = GLP_MSG_OFF
        out.returnCode = glp_intopt(p, &parameters)
        out.status = glp_mip_status(p)
        if out.returnCode == 0 && out.status == GLP_OPT { out.objective = glp_mip_obj_val(p) }
    } else {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.presolve = GLP_ON
        parameters.msg_lev = GLP_MSG_OFF
        out.returnCode = glp_simplex(p, &parameters)
        out.status = glp_get_status(p)
        if out.returnCode == 0 && out.status == GLP_OPT { out.objective = glp_get_obj_val(p) }
    }
    return out
}

/// GLPK's way of saying "no bound": `-DBL_MAX`/`+DBL_MAX` become infinities.
func glpkBound(_ v: Double) -> Double {
    v == -Double.greatestFiniteMagnitude ? -.infinity : v == Double.greatestFiniteMagnitude ? .infinity : v
}

/// The `enm` executable next to the test bundle (both are products of `swift build --build-tests`).
let enmExecutable: URL? = {
    var candidates: [URL] = []
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = runner.deletingLastPathComponent()
    // on some platforms the runner sits inside an .xctest bundle
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("enm"))
        folder = folder.deletingLastPathComponent()
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/enm"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// What one run of the `enm` executable printed and how it exited.
struct CommandRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `enm` with `arguments` in `folder`, with `environment` added to this process's.
func runEnm(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> CommandRun {
    let executable = try #require(enmExecutable, "the enm executable was not found next to the tests; build with swift build --build-tests")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // read standard error on another thread while standard output is read here, so that
    // neither pipe fills up
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errBox.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let errData = errBox.data
    return CommandRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
}
