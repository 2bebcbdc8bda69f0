import CGLPK
import Driver
import Execution
import Formats
import Solvers
import Foundation
import IR
import Testing

/// One runnable model: a file and the scenario switches it runs with.
struct BundledModel: CustomTestStringConvertible, Sendable {
    let file: String
    let defines: [String: String]
    var testDescription: String {
        ([file] + defines.keys.sorted().map { "--\($0)=\(defines[$0]!)" }).joined(separator: " ")
    }
}

/// The models shipped with the project: the test models under `Tests/LanguageTests/Models/`
/// (every `.gms`/`.enm` file), and in `models/` and `examples/` every file that a folder's
/// `expected.json` runs, with the switches of its first run (the other files of those folders are
/// included fragments). Found anew on each run, so new model folders are covered without
/// touching this test.
let bundledModels: [BundledModel] = {
    var found: [BundledModel] = []
    let fm = FileManager.default
    let tests = packageRoot.appendingPathComponent("Tests/LanguageTests/Models")
    if let walker = fm.enumerator(at: tests, includingPropertiesForKeys: nil) {
        for case let url as URL in walker where ["gms", "enm"].contains(url.pathExtension.lowercased()) {
            found.append(BundledModel(file: String(url.path.dropFirst(packageRoot.path.count + 1)), defines: [:]))
        }
    }
    struct Expected: Decodable {
        struct Run: Decodable { let file: String; let args: [String] }
        let runs: [Run]
    }
    for top in ["models", "examples"] {
        let dir = packageRoot.appendingPathComponent(top)
        for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] {
            let folder = dir.appendingPathComponent(name)
            guard let data = fm.contents(atPath: folder.appendingPathComponent("expected.json").path),
                  let expected = try? JSONDecoder().decode(Expected.self, from: data) else { continue }
            var seen = Set<String>()
            for run in expected.runs where seen.insert(run.file).inserted {
                var defines: [String: String] = [:]
                for a in run.args where a.hasPrefix("--") {
                    if let eq = a.firstIndex(of: "=") {
                        defines[String(a[a.index(a.startIndex, offsetBy: 2)..<eq])] = String(a[a.index(after: eq)...])
                    }
                }
                found.append(BundledModel(file: "\(top)/\(name)/\(run.file)", defines: defines))
            }
        }
    }
    return found.sorted { $0.file < $1.file }
}()

/// Skips the current test case, saying why on standard output (the console report of a
/// cancelled case does not show the reason).
func skip(_ reason: String) throws -> Never {
    print("skipped: \(reason)")
    try Test.cancel(Comment(rawValue: reason))
}

@Suite("Bundled models exported and re-solved by GLPK")
struct BundledModelTests {
    @Test func modelsAreFound() {
        let files = bundledModels.map(\.file)
        #expect(files.contains("Tests/LanguageTests/Models/transport.gms"))
        #expect(files.contains("examples/transport/transport.enm"))
        #expect(files.contains("Tests/LanguageTests/Models/facility.gms"))
    }

    /// Each model's first solve, exported in both formats and read back with `glp_read_mps` /
    /// `glp_read_lp`: GLPK's optimum of the file equals the optimum of the generated model
    /// (relative 1e-6; with integer columns, the LP relaxations, and the integer optima as well when
    /// there are at most 100 integer columns), the file has as many integer columns, and the rows
    /// and columns have the exported names.
    @Test(arguments: bundledModels)
    func exportedModelReSolvesToTheSameOptimum(_ bundled: BundledModel) throws {
        let file = bundled.file
        let path = packageRoot.appendingPathComponent(file).path
        let first = Driver.run(path: path, options: RunOptions(defines: bundled.defines, mode: .firstModel))
        try #require(first.exitCode == .solved,
                     "\(file) does not run: \(Driver.renderDiagnostics(first.diagnostics))")
        guard let captured = first.firstModel else { try skip("\(file): no solve statement, nothing to export") }
        if captured.model.isNonlinear {
            try skip("\(file): the first solve is nonlinear (\(captured.type)); MPS and LP hold linear models only")
        }
        let integers = captured.model.columnIsInteger.filter { $0 }.count
        let exact = integers <= 100
        var options = SolveOptions()
        options.optCr = 0
        options.relaxIntegrality = !exact
        let ownSolve = GLPKSolver().solve(captured.model, options: options)
        let model = try ModelExport.prepare(captured.model, modelName: captured.modelName, modelType: captured.type).linear

        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        for format in ExportFormat.allCases {
            let written = try format.writer(name: captured.modelName).write(model)
            let out = folder.path("model.\(format.fileExtension)")
            let line = try ModelExport.export(captured.model, modelName: captured.modelName, modelType: captured.type,
                                              objectiveVariable: captured.objectiveVariable, source: path,
                                              format: format, to: out)
            #expect(line == "wrote \(out): \(model.rowCount) rows, \(model.columnCount) columns, \(model.nonzeroCount) nonzeros\nwrote \(folder.path("model.names.csv")): the model's names of the file's rows and columns")
            let back = try #require(readBack(out, format: format, relax: !exact), "\(file): GLPK cannot read the \(format) file")
            #expect(back.integerColumns == integers, "\(file) as \(format): integer columns")

            // the optimum, or the lack of one, is enm's
            switch ownSolve.modelStatus {
            case .optimal, .integerSolution:
                let optimum = back.objective.map { written.objectiveNegated ? -$0 : $0 }
                #expect(close(optimum, ownSolve.objective), "\(file) as \(format): GLPK \(String(describing: optimum)), enm \(String(describing: ownSolve.objective))")
            case .infeasible, .integerInfeasible, .infeasibleNoSolution:
                #expect(back.infeasible, "\(file) as \(format): enm finds no feasible point, GLPK status \(back.status)")
            default:
                Issue.record("\(file): the generated model's solve ended with status \(ownSolve.modelStatus.text)")
            }

            // names: every kept row and every column under its exported name
            let kept = (0..<model.rowCount).filter { model.rowLower[$0] > -.infinity || model.rowUpper[$0] < .infinity }
            #expect(back.rowNames == kept.map { written.rowNames[$0] }, "\(file) as \(format): row names")
            var columns = Set(written.columnNames)
            if let c = written.constantColumn { columns.insert(c) }
            columns.formUnion(written.rangeColumns.values)
            #expect(Set(back.columnNames) == columns, "\(file) as \(format): column names")
            #expect(back.columnNames.count == columns.count)
            #expect(Set(written.rowNames).count == written.rowNames.count)
            #expect(Set(written.columnNames).count == written.columnNames.count)
        }
    }
}
