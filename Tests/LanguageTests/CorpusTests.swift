import Foundation
import Testing

/// Every file in Corpus/ is bad input: its diagnostics and exit code must match the golden
/// `.err` file beside it, and the run must not trap or hang.
@Suite struct CorpusTests {
    static let files: [String] = {
        let dir = testsDirectory.appendingPathComponent("Corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".gms") || $0.hasSuffix(".enm") }.sorted()
    }()

    @Test func corpusIsLargeEnough() {
        #expect(CorpusTests.files.count >= 40)
    }

    @Test(arguments: CorpusTests.files)
    func badInput(_ name: String) {
        let run = runModel("Corpus/" + name)
        #expect(run.result.exitCode.rawValue != 0, "bad input must not exit 0")
        let base = (name as NSString).deletingPathExtension
        expectGolden("exit: \(run.result.exitCode.rawValue)\n" + run.diagnostics, "Corpus/\(base).err")
    }
}
