import Diagnostics
import Foundation
import IR

/// The grid on Slurm: each job's folder gets a batch script from a template (`slurm.sh`),
/// submitted with `sbatch --parsable`; the job's end is its `result.bin` appearing in the
/// folder (a shared file system), or Slurm no longer running it without one: a job that
/// failed, was cancelled, timed out or whose node went away is lost (model status 14) once
/// `graceSeconds` have passed without its result (a shared file system may show it late).
final class SlurmSubmitter: SolveSubmitter {
    /// The batch script when no `--grid-template` is given. `{{name}}`, `{{log}}`,
    /// `{{minutes}}` (the job's `resLim` plus a minute, rounded up), `{{folder}}` and
    /// `{{command}}` are filled in.
    static let defaultTemplate = """
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
    static let graceSeconds = 3.0
    /// The least time between two `squeue` calls.
    static let pollSeconds = 0.5

    let folder: GridFolder
    private let executable: String
    private let template: String
    private struct Job {
        var slurmID: String?
        var started: UInt64
        var end: SolveJobEnd?
        /// When Slurm was first seen not running the job while no result was there.
        var goneSince: UInt64?
    }
    private var jobs: [Int: Job] = [:]
    private var lastQuery: UInt64 = 0

    init(folder: GridFolder, executable: String, template: String) {
        self.folder = folder
        self.executable = executable
        self.template = template
    }

    func submit(_ job: SolveJob, id: Int, after predecessor: Int?) {
        let now = DispatchTime.now().uptimeNanoseconds
        let dir = folder.job(id)
        do {
            try? FileManager.default.removeItem(atPath: Paths.join(dir, GridJob.result))
            try GridJob.write(job.forWorker(), to: dir, handle: id)
            let script = Paths.join(dir, "slurm.sh")
            try AtomicFile.write(Array(render(id: id, resLim: job.options.resLim).utf8), to: script, durable: false)
            let (status, out, err) = SlurmSubmitter.command(["sbatch", "--parsable", script])
            let slurmID = out.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            guard status == 0, !slurmID.isEmpty else {
                let why = err.trimmingCharacters(in: .whitespacesAndNewlines)
                jobs[id] = Job(started: now, end: .failed(folder.failure(id, "could not be submitted: sbatch \(status == 127 ? "is not installed" : "said: \(why)")"), .errorNoSolution))
                return
            }
            try? (slurmID + "\n").write(toFile: Paths.join(dir, "slurm.job"), atomically: true, encoding: .utf8)
            jobs[id] = Job(slurmID: slurmID, started: now)
        } catch {
            let why = (error as? AtomicFile.Failure).map { "\($0.path): \($0.reason)" } ?? "\(error)"
            jobs[id] = Job(started: now, end: .failed(folder.failure(id, "could not be written (\(why))"), .errorNoSolution))
        }
    }

    /// The batch script of job `id`.
    private func render(id: Int, resLim: Double) -> String {
        let minutes = Int((Swift.min(resLim, 1e7) + 60) / 60) + 1
        let command = [executable, "grid-job", folder.job(id)].map(SlurmSubmitter.quoted).joined(separator: " ")
        return template.replacingOccurrences(of: "{{name}}", with: "enm-\(id)")
            .replacingOccurrences(of: "{{log}}", with: folder.log(id))
            .replacingOccurrences(of: "{{minutes}}", with: String(minutes))
            .replacingOccurrences(of: "{{folder}}", with: folder.job(id))
            .replacingOccurrences(of: "{{command}}", with: command)
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    func end(of id: Int) -> SolveJobEnd? {
        guard jobs[id] != nil else { return nil }
        refresh()
        return jobs[id]?.end
    }

    func waitForAny(of ids: Set<Int>, seconds: Double) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds &+ UInt64(Swift.min(Swift.max(seconds, 0), 1e9) * 1e9)
        while true {
            refresh()
            if ids.contains(where: { jobs[$0]?.end != nil }) { return true }
            if DispatchTime.now().uptimeNanoseconds >= deadline { return false }
            usleep(20_000)
        }
    }

    func discard(_ id: Int) {
        guard let job = jobs.removeValue(forKey: id) else { return }
        if job.end == nil, let s = job.slurmID { _ = SlurmSubmitter.command(["scancel", s]) }
        if case .finished = job.end { try? FileManager.default.removeItem(atPath: folder.job(id)) }
    }

    /// Cancels the jobs still queued or running (the run ends).
    func stopAll() {
        let open = jobs.values.filter { $0.end == nil }.compactMap(\.slurmID)
        if !open.isEmpty { _ = SlurmSubmitter.command(["scancel"] + open) }
    }

    /// Reads the results that arrived and, at most every `pollSeconds`, which jobs Slurm still
    /// has queued or running.
    private func refresh() {
        let open = jobs.filter { $0.value.end == nil }
        guard !open.isEmpty else { return }
        for (id, job) in open {
            do {
                if let outcome = try GridJob.readResult(folder.job(id), startedAt: job.started) { jobs[id]?.end = .finished(outcome) }
            } catch let e as ByteSourceError {
                jobs[id]?.end = .failed(folder.failure(id, "left a damaged result (\(e.reason))"), .errorNoSolution)
            } catch {}
        }
        let now = DispatchTime.now().uptimeNanoseconds
        guard Double(now &- lastQuery) / 1e9 >= SlurmSubmitter.pollSeconds else { return }
        lastQuery = now
        let waiting = jobs.filter { $0.value.end == nil && $0.value.slurmID != nil }
        guard !waiting.isEmpty else { return }
        let (status, out, _) = SlurmSubmitter.command(["squeue", "-h", "-o", "%i %T", "-j", waiting.values.compactMap(\.slurmID).joined(separator: ",")])
        // squeue fails for a list of jobs it has all forgotten; then none of them runs
        var states: [String: String] = [:]
        if status == 0 {
            for line in out.split(separator: "\n") {
                let f = line.split(separator: " ")
                if f.count >= 2 { states[String(f[0])] = String(f[1]) }
            }
        }
        let alive: Set<String> = ["PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT"]
        for (id, job) in waiting {
            let state = states[job.slurmID!]
            if let state, alive.contains(state) {
                jobs[id]?.goneSince = nil
                continue
            }
            let since = job.goneSince ?? now
            jobs[id]?.goneSince = since
            guard Double(now &- since) / 1e9 >= SlurmSubmitter.graceSeconds else { continue }
            let what = state.map { "ended in Slurm state \($0)" } ?? "is no longer known to Slurm"
            jobs[id]?.end = .failed(folder.failure(id, "(Slurm job \(job.slurmID!)) \(what) without a result"), .noSolutionReturned)
        }
    }

    /// Runs a Slurm command; its exit status (127 when it cannot start), output and error.
    static func command(_ args: [String]) -> (Int32, String, String) {
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
