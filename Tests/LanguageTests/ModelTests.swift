import Foundation
import Testing

/// Runs each model in Models/ and compares its display output with the golden `.out` file.
@Suite struct ModelGoldenTests {
    static let files: [String] = {
        let dir = testsDirectory.appendingPathComponent("Models")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".gms") || $0.hasSuffix(".enm") }.sorted()
    }()

    @Test(arguments: ModelGoldenTests.files)
    func displayOutput(_ name: String) {
        let run = runModel("Models/" + name)
        let base = (name as NSString).deletingPathExtension
        expectGolden(run.output + (run.diagnostics.isEmpty ? "" : "\n" + run.diagnostics), "Models/\(base).out")
    }
}
