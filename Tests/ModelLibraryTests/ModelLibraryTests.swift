import Foundation
import Testing

// Every bundled model (models/<name>/) and example (examples/<name>/) that has an expected.json is
// run through the command line exactly as the file says, `enm solve FILE ARGS --json` in the
// model's folder, and each check compares one displayed record with its value.

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `enm` executable to run: $ENM_BINARY (the test script points it at a release build, since
/// the heuristics and coordination loops interpret many iterations), else the build next to the tests.
let enmExecutable: String? = {
    let fm = FileManager.default
    var candidates: [String] = []
    if let env = ProcessInfo.processInfo.environment["ENM_BINARY"], !env.isEmpty { candidates.append(env) }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("enm").path)
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("enm").path)
    candidates.append(packageRoot.appendingPathComponent(".build/debug/enm").path)
    return candidates.first { fm.isExecutableFile(atPath: $0) }
}()

/// One model folder with an expected.json, named relative to the package root ("models/negotiator").
struct LibraryFolder: CustomTestStringConvertible, Sendable {
    let relativePath: String
    var testDescription: String { relativePath }
    var url: URL { packageRoot.appendingPathComponent(relativePath) }
}

/// Every folder under models/ and examples/ that has an expected.json, sorted.
private func libraryFolders() -> [LibraryFolder] {
    let fm = FileManager.default
    var found: [LibraryFolder] = []
    for top in ["models", "examples"] {
        let dir = packageRoot.appendingPathComponent(top)
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
        for name in names.sorted() where fm.fileExists(atPath: dir.appendingPathComponent(name).appendingPathComponent("expected.json").path) {
            found.append(LibraryFolder(relativePath: top + "/" + name))
        }
    }
    return found
}

/// The `expected.json` contract: runs of `enm solve FILE ARGS --json`, each with checks of displayed records.
struct Expected: Decodable {
    struct Run: Decodable {
        let file: String
        let args: [String]
        let checks: [Check]
        /// The exit code the run must end with (an extension of the contract; 0 when absent).
        /// A sweep that meets infeasible steps on purpose ends with 3 (infeasible or unbounded).
        let exitCode: Int?
    }
    struct Check: Decodable {
        let symbol: String
        let attribute: String?
        let labels: [String]
        let value: Double
        let tolerance: Double
    }
    let runs: [Run]
}

/// A value of a displayed record: a number or one of the special values.
private func numericValue(_ any: Any) -> Double? {
    if let n = any as? NSNumber { return n.doubleValue }
    guard let s = any as? String else { return nil }
    switch s.uppercased() {
    case "EPS": return 0
    case "+INF", "INF": return .infinity
    case "-INF": return -.infinity
    default: return nil
    }
}

/// What a check finds in a run's displays: the value of the record of the last display of the
/// symbol (and attribute) whose labels match, 0 when that display has no such record (displays
/// leave zeros out), or nil when the symbol was never displayed.
func lookUp(_ check: Expected.Check, in displays: [[String: Any]]) -> Double? {
    let wantedAttribute = check.attribute?.lowercased()
    let wantedLabels = check.labels.map { $0.lowercased() }
    for display in displays.reversed() {
        guard let symbol = display["symbol"] as? String, symbol.lowercased() == check.symbol.lowercased() else { continue }
        let attribute = (display["attribute"] as? String)?.lowercased()
        guard attribute == wantedAttribute else { continue }
        let records = display["records"] as? [[Any]] ?? []
        for record in records where record.count == wantedLabels.count + 1 {
            let labels = record.dropLast().map { ($0 as? String ?? "\($0)").lowercased() }
            if labels == wantedLabels { return numericValue(record[record.count - 1]) ?? .nan }
        }
        return 0
    }
    return nil
}

@Suite("Model library")
struct ModelLibraryTests {
    @Test("the library is complete: every model folder has a README and an expected.json")
    func libraryIsComplete() throws {
        let fm = FileManager.default
        let models = packageRoot.appendingPathComponent("models")
        let names = (try? fm.contentsOfDirectory(atPath: models.path)) ?? []
        for name in names.sorted() {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: models.appendingPathComponent(name).path, isDirectory: &isDir), isDir.boolValue else { continue }
            #expect(fm.fileExists(atPath: models.appendingPathComponent(name).appendingPathComponent("README.md").path),
                    "models/\(name) has no README.md")
            #expect(fm.fileExists(atPath: models.appendingPathComponent(name).appendingPathComponent("expected.json").path),
                    "models/\(name) has no expected.json")
        }
    }

    @Test("a bundled model reproduces its expected.json", arguments: libraryFolders())
    func reproduces(_ folder: LibraryFolder) throws {
        let exe = try #require(enmExecutable, "the enm executable is not built (swift build first)")
        let data = try Data(contentsOf: folder.url.appendingPathComponent("expected.json"))
        let expected = try JSONDecoder().decode(Expected.self, from: data)
        #expect(!expected.runs.isEmpty, "\(folder.relativePath)/expected.json has no runs")
        for run in expected.runs {
            let what = "\(folder.relativePath): enm solve \(([run.file] + run.args).joined(separator: " "))"
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(run.file).path), "\(what): no such file")
            let output = try runEnm(exe, ["solve", run.file] + run.args + ["--json"], in: folder.url)
            guard let object = try? JSONSerialization.jsonObject(with: output.stdout) as? [String: Any] else {
                Issue.record("\(what): no JSON object on standard output (exit \(output.status)); stderr:\n\(output.stderr)")
                continue
            }
            let exitCode = (object["exitCode"] as? NSNumber)?.intValue ?? Int(output.status)
            let diagnostics = (object["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(exitCode == (run.exitCode ?? 0), "\(what): exit code \(exitCode): \(diagnostics.joined(separator: "; "))")
            let displays = object["displays"] as? [[String: Any]] ?? []
            for check in run.checks {
                let name = check.symbol + (check.attribute.map { "." + $0 } ?? "")
                    + (check.labels.isEmpty ? "" : "(" + check.labels.joined(separator: ",") + ")")
                guard let value = lookUp(check, in: displays) else {
                    Issue.record("\(what): \(name) was never displayed")
                    continue
                }
                #expect(abs(value - check.value) <= check.tolerance,
                        "\(what): \(name) = \(value), expected \(check.value) ± \(check.tolerance)")
            }
        }
    }
}

/// What one run of `enm` printed and how it ended.
struct Output {
    var stdout: Data
    var stderr: String
    var status: Int32
}

/// Runs `enm` with `arguments` in `folder`; standard error goes to a file so only one pipe is drained.
func runEnm(_ exe: String, _ arguments: [String], in folder: URL) throws -> Output {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = arguments
    p.currentDirectoryURL = folder
    let out = Pipe()
    let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("enm-library-\(UUID().uuidString)").path
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    guard let err = FileHandle(forWritingAtPath: errPath) else { throw CocoaError(.fileWriteUnknown) }
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    try? err.close()
    let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
    return Output(stdout: stdout, stderr: stderr, status: p.terminationStatus)
}
