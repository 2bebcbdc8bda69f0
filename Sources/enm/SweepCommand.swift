import ArgumentParser
import Diagnostics
import Driver
import Foundation

/// `enm sweep FILE --over "price=low,mid,high" --over "days=7,30"`: the model run once per
/// scenario (every combination of the `--over` values, or every row of `--over-csv`), each an
/// independent `enm solve --json` process, at most `--jobs` at once (or a task of a Slurm job
/// array with `--grid-submit slurm`, SlurmSweep.swift); the results gathered into
/// one table (standard output, and `sweep.csv` with `--out`). A scenario that fails is reported
/// in its row; the others run on.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Run a model once per scenario of --NAME=VALUE settings, in parallel, and tabulate the results.")

    @Argument(help: "The model file (.enm or .gms).")
    var file: String

    @Option(name: .customLong("over"), help: ArgumentHelp("A setting and its values, NAME=V1,V2,...; several --over give every combination.", valueName: "name=values"))
    var over: [String] = []

    @Option(name: .customLong("over-csv"), help: ArgumentHelp("A CSV file: a header of setting names, one scenario a row (instead of --over).", valueName: "file"))
    var overCSV: String?

    @Option(name: .customLong("out"), help: ArgumentHelp("Write sweep.csv (one row per scenario) and each scenario's JSON output (scenario-K.json) into this folder.", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("jobs"), help: ArgumentHelp("The most scenarios running at once (default: every core).", valueName: "n"))
    var jobs: Int?

    @OptionGroup var shell: ShellOption

    @OptionGroup var grid: GridOptions

    @Argument(parsing: .allUnrecognized, help: "Settings --name=value every scenario gets.")
    var switches: [String] = []

    func run() throws {
        let fixed = try scenarioDefines(switches)
        let scenarios = try overCSV.map(Sweep.scenarios(csv:)) ?? Sweep.scenarios(over: over)
        guard let binary = Driver.executablePath() else { throw ValidationError("cannot find the enm executable to run the scenarios") }
        let width = Swift.max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let settings = try grid.settings()
        let results: [Sweep.Result]
        do {
            results = settings.scheduler == .slurm
                ? try Sweep.runOnSlurm(binary: binary, file: file, scenarios: scenarios, fixed: fixed, allowShell: shell.allowShell, grid: settings)
                : Sweep.run(binary: binary, file: file, scenarios: scenarios, fixed: fixed, allowShell: shell.allowShell, width: width)
        } catch let e as Sweep.FolderFailure {
            writeError("error: \(e.description)\n")
            throw ExitCode(64)
        }
        let names = scenarios.first.map { $0.map(\.0) } ?? []
        let table = Sweep.csv(names: names, scenarios: scenarios, results: results)
        writeOut(Sweep.report(results, scenarios: scenarios))
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try AtomicFile.write(Array(table.utf8), to: Paths.join(out, "sweep.csv"))
                for (k, r) in results.enumerated() {
                    try AtomicFile.write(Array(r.json.utf8), to: Paths.join(out, "scenario-\(k + 1).json"))
                }
            } catch let e as AtomicFile.Failure {
                writeError("error: cannot write \(e.path): \(e.reason)\n")
                throw ExitCode(outputFailureExitCode)
            }
        } else {
            writeOut(table)
        }
        throw ExitCode(results.map(\.exitCode).max() ?? 0)
    }
}

/// The scenarios of a sweep, their runs and the table.
enum Sweep {
    /// One scenario: its settings in order.
    typealias Scenario = [(String, String)]

    /// What a scenario's run gave.
    struct Result {
        var exitCode: Int32
        var seconds: Double
        /// The run's `--json` output ("" when it printed none).
        var json: String
        var solves = 0
        var modelStatus: String = ""
        var solverStatus: String = ""
        var objective: Double?
        /// The first error's message, or why the run could not start.
        var problem: String = ""
    }

    /// Every combination of the `--over NAME=V1,V2` lists, the first varying slowest.
    static func scenarios(over: [String]) throws -> [Scenario] {
        guard !over.isEmpty else { throw ValidationError("give the scenarios with --over NAME=V1,V2,... or --over-csv FILE") }
        var out: [Scenario] = [[]]
        for o in over {
            guard let eq = o.firstIndex(of: "="), eq != o.startIndex else { throw ValidationError("--over takes NAME=V1,V2,..., not '\(o)'") }
            let name = String(o[..<eq])
            let values = o[o.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.contains(where: \.isEmpty) else { throw ValidationError("--over \(name) has an empty value") }
            out = out.flatMap { s in values.map { s + [(name, $0)] } }
        }
        return out
    }

    /// The rows of a CSV file under its header of names (plain comma-separated values).
    static func scenarios(csv path: String) throws -> [Scenario] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("cannot read '\(path)'") }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        guard let header = lines.first, !header.isEmpty, lines.count > 1 else { throw ValidationError("'\(path)' needs a header and at least one row") }
        return try lines.dropFirst().enumerated().map { k, row in
            guard row.count == header.count else { throw ValidationError("row \(k + 2) of '\(path)' has \(row.count) values for \(header.count) names") }
            return Array(zip(header, row))
        }
    }

    /// Runs every scenario as `enm solve FILE --json --NAME=VALUE ...`, at most `width` at once.
    static func run(binary: String, file: String, scenarios: [Scenario], fixed: [String: String], allowShell: Bool,
                    width: Int) -> [Result] {
        final class Box: @unchecked Sendable { var results: [Result?]; init(_ n: Int) { results = Array(repeating: nil, count: n) } }
        let box = Box(scenarios.count), lock = NSLock(), slots = DispatchSemaphore(value: width), group = DispatchGroup()
        for (k, s) in scenarios.enumerated() {
            slots.wait()
            group.enter()
            let args = arguments(file: file, scenario: s, fixed: fixed, allowShell: allowShell)
            Thread.detachNewThread {
                let r = runOne(binary, args)
                lock.withLock { box.results[k] = r }
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return box.results.map { $0! }
    }

    /// The arguments of `enm` for one scenario: `solve FILE --json --NAME=VALUE ...`.
    static func arguments(file: String, scenario: Scenario, fixed: [String: String], allowShell: Bool) -> [String] {
        var settings = fixed
        for (name, value) in scenario { settings[name] = value }
        return ["solve", file, "--json"] + (allowShell ? ["--allow-shell"] : []) + settings.keys.sorted().map { "--\($0)=\(settings[$0]!)" }
    }

    private static func runOne(_ binary: String, _ args: [String]) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        let start = Date()
        do { try p.run() } catch { return Result(exitCode: 127, seconds: 0, json: "", problem: "cannot start enm: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return result(exitCode: p.terminationStatus, seconds: Date().timeIntervalSince(start), output: data)
    }

    /// A scenario's result from its exit code and `--json` output.
    static func result(exitCode: Int32, seconds: Double, output data: Data) -> Result {
        var r = Result(exitCode: exitCode, seconds: seconds, json: String(decoding: data, as: UTF8.self))
        guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            r.problem = "no JSON output"
            return r
        }
        let solves = o["solves"] as? [[String: Any]] ?? []
        r.solves = solves.count
        if let last = solves.last {
            r.modelStatus = "\(last["modelStatus"] ?? "") \(last["modelStatusText"] ?? "")"
            r.solverStatus = "\(last["solverStatus"] ?? "") \(last["solverStatusText"] ?? "")"
            r.objective = last["objective"] as? Double
        }
        let errors = (o["diagnostics"] as? [[String: Any]] ?? []).filter { ($0["severity"] as? String) == "error" }
        r.problem = errors.first.flatMap { $0["message"] as? String } ?? ""
        return r
    }

    /// One CSV row per scenario: its settings, exit code, solves, the last solve's statuses and
    /// objective, the wall seconds and the first error.
    static func csv(names: [String], scenarios: [Scenario], results: [Result]) -> String {
        func field(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var text = (["scenario"] + names + ["exitCode", "solves", "modelStatus", "solverStatus", "objective", "seconds", "problem"]).joined(separator: ",") + "\n"
        for (k, (s, r)) in zip(scenarios, results).enumerated() {
            let row = ["\(k + 1)"] + s.map(\.1) + ["\(r.exitCode)", "\(r.solves)", r.modelStatus, r.solverStatus,
                                                   r.objective.map { "\($0)" } ?? "", String(format: "%.3f", r.seconds), r.problem]
            text += row.map(field).joined(separator: ",") + "\n"
        }
        return text
    }

    /// The report: how many scenarios ran, and each that failed or did not end optimal.
    static func report(_ results: [Result], scenarios: [Scenario]) -> String {
        let failed = results.indices.filter { results[$0].exitCode != 0 }
        var text = "sweep: \(results.count) scenarios, \(results.count - failed.count) ran cleanly, \(failed.count) did not\n"
        for k in failed {
            let s = scenarios[k].map { "--\($0.0)=\($0.1)" }.joined(separator: " ")
            let r = results[k]
            text += "  scenario \(k + 1) (\(s)): exit code \(r.exitCode)"
            if !r.modelStatus.isEmpty { text += ", model status \(r.modelStatus)" }
            if !r.problem.isEmpty { text += ": \(r.problem)" }
            text += "\n"
        }
        return text
    }
}
