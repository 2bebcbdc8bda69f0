import CGLPK
import Driver
import Execution
import Formats
import Foundation
import IR
import Testing

/// The model files shipped with the project: `.gms` and `.enm` files under `models/`,
/// `examples/` and `Tests/LanguageTests/Models/` (found anew on each run, so new model folders
/// are covered without touching this test).
let bundledModels: [String] = {
    var found: [String] = []
    for folder in ["models", "examples", "Tests/LanguageTests/Models"] {
        let root = packageRoot.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
        for case let url as URL in walker where ["gms", "enm"].contains(url.pathExtension.lowercased()) {
            found.append(String(url.path.dropFirst(packageRoot.path.count + 1)))
        }
    }
    return found.sorted()
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
        #expect(bundledModels.contains("Tests/LanguageTests/Models/transport.gms"))
        #expect(bundledModels.contains("examples/transport/transport.enm"))
        #expect(bundledModels.contains("Tests/LanguageTests/Models/facility.gms"))
    }

    /// Each model's first solve, exported in both formats and read back with `glp_read_mps` /
    /// `glp_read_lp`: GLPK's optimum of the file equals enm's optimum of the same solve
    /// (relative 1e-6), and the rows and columns have the exported names.
    @Test(arguments: bundledModels)
    func exportedModelReSolvesToTheSameOptimum(_ file: String) throws {
        let path = packageRoot.appendingPathComponent(file).path
        let first = Driver.run(path: path, mode: .firstModel)
        try #require(first.exitCode == .solved,
                     "\(file) does not run: \(Driver.renderDiagnostics(first.diagnostics))")
        guard let captured = first.firstModel else { try skip("\(file): no solve statement, nothing to export") }
        if captured.model.isNonlinear {
            try skip("\(file): the first solve is nonlinear (\(captured.type)); MPS and LP hold linear models only")
        }
        let run = Driver.run(path: path)
        let ownSolve = try #require(run.events.compactMap { e -> SolveReport? in
            if case .solve(let s) = e { return s } else { return nil }
        }.first, "\(file): enm's own run has no solve")
        let model = try ModelExport.prepare(captured.model, modelName: captured.modelName, modelType: captured.type)

        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        for format in ExportFormat.allCases {
            let written = try format.writer(name: captured.modelName).write(model)
            let out = folder.path("model.\(format.fileExtension)")
            let line = try ModelExport.export(captured.model, modelName: captured.modelName, modelType: captured.type,
                                              objectiveVariable: captured.objectiveVariable, source: path,
                                              format: format, to: out)
            #expect(line == "wrote \(out): \(model.rowCount) rows, \(model.columnCount) columns, \(model.nonzeroCount) nonzeros")
            let back = try #require(readBack(out, format: format), "\(file): GLPK cannot read the \(format) file")

            // the optimum, or the lack of one, is enm's
            switch ownSolve.modelStatus {
            case .optimal, .integerSolution:
                let optimum = back.objective.map { written.objectiveNegated ? -$0 : $0 }
                #expect(close(optimum, ownSolve.objective), "\(file) as \(format): GLPK \(String(describing: optimum)), enm \(String(describing: ownSolve.objective))")
            case .infeasible, .integerInfeasible, .infeasibleNoSolution:
                #expect(back.infeasible, "\(file) as \(format): enm finds no feasible point, GLPK status \(back.status)")
            default:
                Issue.record("\(file): enm's solve ended with status \(ownSolve.modelStatus.text)")
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
