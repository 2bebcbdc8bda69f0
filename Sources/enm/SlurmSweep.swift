import Diagnostics
import Execution
import Foundation

/// `enm sweep --grid-submit slurm`: every scenario is a task of one Slurm job array (more
/// than `Slurm.maxArrayTasks` scenarios take several), submitted at once since the scenarios
/// are known up front. The sweep's folder under the grid directory (a file system the nodes
/// share) holds `scenario-K/`: its `run.sh` (the `enm solve` command), the run's JSON output
/// (`out.json`), standard error (`log.txt`) and `status` (exit code and the run's start and end,
/// written last). A scenario whose task Slurm no longer runs without a `status` is lost.
extension Sweep {
    /// Why the sweep's folder could not be made, or its arrays written (a usage of the grid
    /// directory that cannot work, exit code 64).
    struct FolderFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Exit code of a scenario Slurm lost (its task ended without a status): as a solver failure.
    static let lostExitCode: Int32 = 4

    static func runOnSlurm(binary: String, file: String, scenarios: [Scenario], fixed: [String: String], allowShell: Bool,
                           grid: GridSettings) throws -> [Result] {
        let base = grid.directory ?? FileManager.default.temporaryDirectory.path
        let folder = Paths.join(base, "enm-sweep-\(Int(Date().timeIntervalSince1970))-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        guard mkdir(folder, 0o755) == 0 else {
            throw FolderFailure(description: "cannot make the sweep's folder under \(base): \(String(cString: strerror(errno)))")
        }
        let cwd = FileManager.default.currentDirectoryPath
        var results = [Result?](repeating: nil, count: scenarios.count)
        var tasks = [String?](repeating: nil, count: scenarios.count)
        let scenarioFolder = { (k: Int) in Paths.join(folder, "scenario-\(k + 1)") }
        var commands: [String] = []
        for (k, s) in scenarios.enumerated() {
            let dir = scenarioFolder(k)
            let q = { (name: String) in Slurm.quoted(Paths.join(dir, name)) }
            let enm = ([binary] + arguments(file: file, scenario: s, fixed: fixed, allowShell: allowShell)).map(Slurm.quoted).joined(separator: " ")
            let script = """
            #!/bin/sh
            # scenario \(k + 1) of the sweep: its exit code and times go to status, written last
            cd \(Slurm.quoted(cwd)) || exit 2
            start=$(date +%s.%N)
            \(enm) > \(q("out.json")) 2> \(q("log.txt"))
            code=$?
            echo "$code $start $(date +%s.%N)" > \(q("status.part")) && mv \(q("status.part")) \(q("status"))

            """
            guard mkdir(dir, 0o755) == 0 else { throw FolderFailure(description: "cannot make \(dir): \(String(cString: strerror(errno)))") }
            do {
                try AtomicFile.write(Array(script.utf8), to: Paths.join(dir, "run.sh"), durable: false)
            } catch let e as AtomicFile.Failure {
                throw FolderFailure(description: "cannot write \(e.path): \(e.reason)")
            }
            commands.append("exec sh " + q("run.sh"))
        }
        let template = grid.slurmTemplate ?? Slurm.defaultTemplate
        for (n, start) in stride(from: 0, to: commands.count, by: Slurm.maxArrayTasks).enumerated() {
            let range = start ..< Swift.min(start + Slurm.maxArrayTasks, commands.count)
            do {
                // no time limit of enm's own: the partition's, or the template's
                let ids = try Slurm.submitArray(Array(commands[range]), name: "sweep-\(n + 1)", folder: folder, template: template, minutes: 0)
                for (k, id) in zip(range, ids) {
                    tasks[k] = id
                    try? (id + "\n").write(toFile: Paths.join(scenarioFolder(k), "slurm.job"), atomically: true, encoding: .utf8)
                }
            } catch {
                for k in range { results[k] = Result(exitCode: 127, seconds: 0, json: "", problem: "scenario \(k + 1) \(error.reason)") }
            }
        }
        collect(&results, tasks: tasks, folder: scenarioFolder)
        // kept for a look when a scenario left no status (lost, or never submitted)
        if scenarios.indices.allSatisfy({ finished(scenarioFolder($0)) != nil }) { try? FileManager.default.removeItem(atPath: folder) }
        return results.map { $0! }
    }

    /// Waits for every submitted scenario's `status`, asking Slurm at most every
    /// `Slurm.pollSeconds` which tasks it still has; a task gone for `Slurm.graceSeconds`
    /// without a status is lost.
    private static func collect(_ results: inout [Result?], tasks: [String?], folder: (Int) -> String) {
        var goneSince: [Int: Date] = [:]
        var lastQuery = Date.distantPast
        while results.contains(where: { $0 == nil }) {
            for k in results.indices where results[k] == nil {
                if let r = finished(folder(k)) { results[k] = r }
            }
            let open = results.indices.filter { results[$0] == nil }
            guard !open.isEmpty else { break }
            if Date().timeIntervalSince(lastQuery) >= Slurm.pollSeconds {
                lastQuery = Date()
                let states = Slurm.states(of: open.compactMap { tasks[$0] }) ?? [:]
                for k in open {
                    guard let id = tasks[k] else { continue }
                    if let state = states[id], Slurm.alive.contains(state) {
                        goneSince[k] = nil
                        continue
                    }
                    let since = goneSince[k] ?? Date()
                    goneSince[k] = since
                    guard Date().timeIntervalSince(since) >= Slurm.graceSeconds, finished(folder(k)) == nil else { continue }
                    let what = states[id].map { "ended in Slurm state \($0)" } ?? "is no longer known to Slurm"
                    results[k] = Result(exitCode: lostExitCode, seconds: 0, json: "",
                                        problem: "Slurm job \(id) \(what) without a result; its folder is \(folder(k))")
                }
            }
            usleep(100_000)
        }
    }

    /// The result of a scenario whose `status` is there: exit code, run seconds, JSON output.
    private static func finished(_ dir: String) -> Result? {
        guard let status = try? String(contentsOfFile: Paths.join(dir, "status"), encoding: .utf8) else { return nil }
        let f = status.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard f.count == 3, let code = Int32(f[0]) else { return nil }
        let seconds = (Double(f[2]) ?? 0) - (Double(f[1]) ?? 0)
        let output = (try? Data(contentsOf: URL(fileURLWithPath: Paths.join(dir, "out.json")))) ?? Data()
        return result(exitCode: code, seconds: Swift.max(0, seconds), output: output)
    }
}
