import Diagnostics
import Foundation

/// Slurm from the command line: batch scripts from a template, job arrays, and the states of
/// submitted jobs. The grid (`solveLink` 3) and `enm sweep --grid-submit slurm` both submit
/// through it.
public enum Slurm {
    /// Slurm's default `MaxArraySize` (1001) allows task ids 0...1000: an array holds at most
    /// this many tasks, more go to further arrays.
    public static let maxArrayTasks = 1000
    /// The least time between two `squeue` calls of one waiter.
    public static let pollSeconds = 0.5
    /// How long a job Slurm no longer runs may take to show its result on a shared file system
    /// before it counts as lost.
    public static let graceSeconds = 3.0
    /// The states of a job Slurm still has queued or running.
    public static let alive: Set<String> = ["PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED",
                                            "RESIZING", "SIGNALING", "STAGE_OUT"]

    /// The batch script when no `--grid-template` is given. `{{name}}`, `{{log}}`,
    /// `{{minutes}}` (a grid job's `resLim` plus a minute, rounded up; 0, no limit of enm's
    /// own, for a sweep's scenarios), `{{folder}}` and `{{command}}` are filled in.
    public static let defaultTemplate = """
    #!/bin/sh
    #SBATCH --job-name={{name}}
    #SBATCH --output={{log}}
    #SBATCH --time={{minutes}}
    #SBATCH --ntasks=1
    #SBATCH --cpus-per-task=1
    # Site settings go here, for example:
    # #SBATCH --partition=short
    # #SBATCH --mem=2G
    exec {{command}}

    """

    /// Why an array could not be submitted.
    public struct Failure: Error {
        public let reason: String
    }

    /// The batch script of a template: `{{name}}`, `{{log}}`, `{{minutes}}`, `{{folder}}` and
    /// `{{command}}` filled in.
    public static func render(_ template: String, name: String, log: String, minutes: Int, folder: String, command: String) -> String {
        template.replacingOccurrences(of: "{{name}}", with: name)
            .replacingOccurrences(of: "{{log}}", with: log)
            .replacingOccurrences(of: "{{minutes}}", with: String(minutes))
            .replacingOccurrences(of: "{{folder}}", with: folder)
            .replacingOccurrences(of: "{{command}}", with: command)
    }

    /// Submits `commands` (shell command lines, at most `maxArrayTasks`) as one job array:
    /// `NAME.tasks.sh` in `folder` runs the command of task `$SLURM_ARRAY_TASK_ID`, `NAME.sh`
    /// is the batch script from `template` that starts it (`{{log}}` is `NAME-%a.log`, Slurm's
    /// own messages per task). One `sbatch` call costs the same for one task or a thousand
    /// (benchmarks/README.md, "parallel"). Gives the tasks' Slurm ids (`ARRAY_K`) in order.
    public static func submitArray(_ commands: [String], name: String, folder: String, template: String,
                                   minutes: Int) throws(Failure) -> [String] {
        precondition(!commands.isEmpty && commands.count <= maxArrayTasks)
        var cases = "#!/bin/sh\n# task K of the array runs line K\ncase \"$SLURM_ARRAY_TASK_ID\" in\n"
        for (k, c) in commands.enumerated() { cases += "\(k)) \(c) ;;\n" }
        cases += "*) echo \"no task $SLURM_ARRAY_TASK_ID in this array\" >&2; exit 2 ;;\nesac\n"
        let tasks = Paths.join(folder, name + ".tasks.sh"), script = Paths.join(folder, name + ".sh")
        let batch = render(template, name: "enm-" + name, log: Paths.join(folder, name + "-%a.log"), minutes: minutes,
                           folder: folder, command: "sh " + quoted(tasks))
        do {
            try AtomicFile.write(Array(cases.utf8), to: tasks, durable: false)
            try AtomicFile.write(Array(batch.utf8), to: script, durable: false)
        } catch {
            let why = (error as? AtomicFile.Failure).map { "\($0.path): \($0.reason)" } ?? "\(error)"
            throw Failure(reason: "could not be written (\(why))")
        }
        let (status, out, err) = command(["sbatch", "--parsable", "--array=0-\(commands.count - 1)", script])
        let id = out.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard status == 0, !id.isEmpty else {
            let why = err.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(reason: "could not be submitted: sbatch \(status == 127 ? "is not installed" : "said: \(why)")")
        }
        return commands.indices.map { "\(id)_\($0)" }
    }

    /// The states Slurm reports for `jobs` (plain ids or array tasks `ARRAY_K`), by id; a job
    /// missing from the answer is no longer queued or running. nil when `squeue` fails, as it
    /// does for a list of jobs it has all forgotten.
    public static func states(of jobs: [String]) -> [String: String]? {
        // an array's tasks are asked for by the array's id, each task on its line (-r)
        let ids = Set(jobs.map { $0.split(separator: "_").first.map(String.init) ?? $0 }).sorted()
        let (status, out, _) = command(["squeue", "-h", "-r", "-o", "%i %T", "-j", ids.joined(separator: ",")])
        guard status == 0 else { return nil }
        var states: [String: String] = [:]
        for line in out.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count >= 2 { states[String(f[0])] = String(f[1]) }
        }
        return states
    }

    /// Cancels jobs (plain ids or array tasks).
    public static func cancel(_ jobs: [String]) {
        if !jobs.isEmpty { _ = command(["scancel"] + jobs) }
    }

    /// A word for `/bin/sh`, quoted.
    public static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a Slurm command; its exit status (127 when it cannot start), output and error.
    public static func command(_ args: [String]) -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return (127, "", "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
