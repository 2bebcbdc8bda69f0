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

    /// Files whose goldens record the diagnostics enm should give but does not yet.
    static let knownDefects: Set<String> = {
        let url = testsDirectory.appendingPathComponent("Corpus/KNOWN_DEFECTS")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }()

    @Test func corpusIsLargeEnough() {
        #expect(CorpusTests.files.count >= 40)
    }

    @Test(arguments: CorpusTests.files)
    func badInput(_ name: String) {
        let run = runModel("Corpus/" + name)
        #expect(run.result.exitCode.rawValue != 0, "bad input must not exit 0")
        let base = (name as NSString).deletingPathExtension
        let actual = "exit: \(run.result.exitCode.rawValue)\n" + run.diagnostics
        if CorpusTests.knownDefects.contains(name) && !updateGoldens {
            withKnownIssue("diagnostic not yet as good as its golden (see Corpus/KNOWN_DEFECTS)") {
                expectGolden(actual, "Corpus/\(base).err")
            }
        } else {
            expectGolden(actual, "Corpus/\(base).err")
        }
    }
}
