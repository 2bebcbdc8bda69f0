import Driver
import Execution
import Foundation
import Testing

/// GAMS's grid facility (`solveLink` 3): each solve a job folder run by `enm grid-job` in a
/// worker process of the local pool or through a real Slurm (`scripts/slurm-up.sh` starts a
/// one-node cluster; the Slurm tests are skipped, saying why, when it is not up). Results are
/// those of synchronous solves; killed and lost jobs end with solver status 13 within the
/// collect loop's time limit.
@Suite(.serialized) struct GridTests {
    /// Whether a Slurm cluster answers and has a node that takes jobs.
    static let slurmIsUp: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sinfo", "-h", "-N", "-o", "%t"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 && ["idle", "mix", "alloc"].contains { text.hasPrefix($0) }
    }()
    static let noSlurm: Comment = "Slurm is not up on this machine (scripts/slurm-up.sh, as root, starts a one-node cluster)"

    /// Runs `source` with the grid's worker executable set (the built `enm`), jobs under a
    /// fresh grid directory (given back for a look inside).
    static func run(_ source: String, defines: [String: String], scheduler: GridSettings.Scheduler = .local,
                    grid: URL? = nil) throws -> Run {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-grid-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.gms")
        try source.write(to: file, atomically: true, encoding: .utf8)
        var options = RunOptions(defines: defines)
        options.grid.worker = binary.path
        options.grid.scheduler = scheduler
        options.grid.directory = (grid ?? dir).path
        var text = ""
        let printer = TextPrinter(timing: false) { text += $0 }
        let result = Driver.run(path: file.path, options: options, onEvent: { printer.take($0) })
        printer.flush()
        let diags = Driver.renderDiagnostics(result.diagnostics).replacingOccurrences(of: dir.path + "/", with: "")
        return Run(result: result, output: text, diagnostics: diags)
    }

    /// Fifty LPs display the same under solveLink 0, 3 on the local pool, and 6; each grid job
    /// folder is removed when its handle is deleted.
    @Test func fiftyLPsOnTheLocalPool() throws {
        let reference = runSource(AsyncSolveTests.scenarios, defines: ["n": "50", "link": "0"])
        #expect(reference.result.exitCode.rawValue == 0, "\(reference.diagnostics)")
        let expected = AsyncSolveTests.displays(reference)
        let grid = FileManager.default.temporaryDirectory.appendingPathComponent("enm-grid-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: grid, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: grid) }
        let run = try GridTests.run(AsyncSolveTests.scenarios, defines: ["n": "50", "link": "3"], grid: grid)
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.count == 50)
        #expect(AsyncSolveTests.displays(run) == expected)
        let runFolders = try FileManager.default.contentsOfDirectory(atPath: grid.path)
        #expect(runFolders.count == 1 && runFolders[0].hasPrefix("enm-grid-"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: grid.appendingPathComponent(runFolders[0]).path).isEmpty)
        let threads = runSource(AsyncSolveTests.scenarios, defines: ["n": "50", "link": "6"])
        #expect(AsyncSolveTests.displays(threads) == expected)
    }

    /// Fifty LPs through Slurm display as the synchronous loop does; the solves of the loop,
    /// submitted in a burst, went to Slurm as job arrays (`array-N.sh`), far fewer than one
    /// `sbatch` per job, and every job folder is gone after its handle was deleted.
    @Test(.enabled(if: GridTests.slurmIsUp, GridTests.noSlurm)) func fiftyLPsThroughSlurm() throws {
        let reference = runSource(AsyncSolveTests.scenarios, defines: ["n": "50", "link": "0"])
        let grid = FileManager.default.temporaryDirectory.appendingPathComponent("enm-grid-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: grid, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: grid) }
        let run = try GridTests.run(AsyncSolveTests.scenarios, defines: ["n": "50", "link": "3"], scheduler: .slurm, grid: grid)
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.count == 50)
        #expect(AsyncSolveTests.displays(run) == AsyncSolveTests.displays(reference))
        let runFolder = try #require(try FileManager.default.contentsOfDirectory(atPath: grid.path).first)
        let files = try FileManager.default.contentsOfDirectory(atPath: grid.appendingPathComponent(runFolder).path)
        let arrays = files.filter { $0.hasPrefix("array-") && $0.hasSuffix(".sh") && !$0.hasSuffix(".tasks.sh") }
        #expect(arrays.count >= 1 && arrays.count <= 10, "\(files.sorted())")
        #expect(!files.contains { $0.hasPrefix("job-") }, "\(files.sorted())")
    }

    /// Twenty NLPs display the same under solveLink 0, 3 (local pool), 3 through Slurm when it
    /// is up, and 6 (worker processes: Ipopt runs on one thread at a time).
    @Test func twentyNLPsOnTheGrid() throws {
        let reference = runSource(GridTests.nlps, defines: ["link": "0"])
        #expect(reference.result.exitCode.rawValue == 0, "\(reference.diagnostics)")
        #expect(reference.records("ms").count == 20 && reference.records("ms").values.allSatisfy { $0 == 2 })
        let expected = AsyncSolveTests.displays(reference)
        var settings: [(String, GridSettings.Scheduler)] = [("3", .local), ("6", .local)]
        if GridTests.slurmIsUp { settings.append(("3", .slurm)) }
        for (link, scheduler) in settings {
            let run = try GridTests.run(GridTests.nlps, defines: ["link": link], scheduler: scheduler)
            #expect(run.result.exitCode.rawValue == 0, "solveLink \(link) \(scheduler): \(run.diagnostics)")
            #expect(run.solves.count == 20, "solveLink \(link) \(scheduler)")
            #expect(AsyncSolveTests.displays(run) == expected, "solveLink \(link) \(scheduler)")
        }
    }

    /// A MIP (GLPK), a MIP through CBC, a scaled LP with held-fixed columns and an MCP, each
    /// solved in a loop under `%link%` and collected: everything a job folder carries (integer
    /// columns, solver choice, scale factors, `holdFixed`, complementarity pairs) comes back as
    /// from a synchronous solve.
    static let otherTypes = """
    Set s / s1*s4 /, i / i1*i5 /, f / f1, f2 /;
    Parameter v(i), w(i), c(f) / f1 1, f2 2 /, h(s), zk(s), yk(s,i), zc(s), zl(s), xl(s,i), qm(s,f), pm(s);
    Scalar capy, a;
    v(i) = ord(i)*3 + 1; w(i) = ord(i) + 2;
    Binary Variable y(i); Variable z, zz, p; Positive Variable x(i), q(f);
    Equations obj, cap, lobj, lcap, foc(f), price;
    obj.. z =e= sum(i, v(i)*y(i));
    cap.. sum(i, w(i)*y(i)) =l= capy;
    lobj.. zz =e= sum(i, v(i)*x(i));
    lcap.. sum(i, w(i)*x(i)) =l= 10*capy;
    foc(f).. c(f) - p + q(f) =g= 0;
    price.. p =e= a - sum(f, q(f));
    Model knap / obj, cap /, lin / lobj, lcap /, cournot / foc.q, price.p /;
    knap.solveLink = %link%; lin.solveLink = %link%; cournot.solveLink = %link%;
    lin.scaleOpt = 1; lcap.scale = 10; x.scale(i) = 2; lin.holdFixed = 1;
    x.up(i) = 3; x.fx('i2') = 1;
    Parameter hk(s), hc(s), hl(s), hm(s);
    loop(s,
      capy = 8 + 2*ord(s); a = 8 + ord(s);
      solve knap using mip maximizing z; hk(s) = knap.handle;
      if(knap.solveLink = 0, zk(s) = z.l; yk(s,i) = y.l(i));
      option mip = cbc;
      solve knap using mip maximizing z; hc(s) = knap.handle;
      if(knap.solveLink = 0, zc(s) = z.l);
      option mip = default;
      solve lin using lp maximizing zz; hl(s) = lin.handle;
      if(lin.solveLink = 0, zl(s) = zz.l; xl(s,i) = x.l(i));
      solve cournot using mcp; hm(s) = cournot.handle;
      if(cournot.solveLink = 0, qm(s,f) = q.l(f); pm(s) = p.l);
    );
    repeat
      loop(s$handleCollect(hk(s)), zk(s) = z.l; yk(s,i) = y.l(i); hk(s) = 0);
      loop(s$handleCollect(hc(s)), zc(s) = z.l; hc(s) = 0);
      loop(s$handleCollect(hl(s)), zl(s) = zz.l; xl(s,i) = x.l(i); hl(s) = 0);
      loop(s$handleCollect(hm(s)), qm(s,f) = q.l(f); pm(s) = p.l; hm(s) = 0);
    until card(hk) + card(hc) + card(hl) + card(hm) = 0 or timeElapsed > 60;
    display zk, yk, zc, zl, xl, qm, pm;
    """

    @Test func otherModelTypesOnTheGrid() throws {
        let reference = runSource(GridTests.otherTypes, defines: ["link": "0"])
        #expect(reference.result.exitCode.rawValue == 0, "\(reference.diagnostics)")
        #expect(reference.records("zk").count == 4 && reference.records("pm").count == 4)
        let run = try GridTests.run(GridTests.otherTypes, defines: ["link": "3"])
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.count == 16)
        #expect(AsyncSolveTests.displays(run) == AsyncSolveTests.displays(reference))
    }

    static let nlps = """
    Set s / s1*s20 /, i / i1*i3 /;
    Parameter t(s,i), h(s), xs(s,i), zs(s), ms(s), bm(s);
    t(s,i) = 1 + ord(i) + ord(s)/10;
    Parameter target(i);
    Variable x(i), z;
    Equations obj, budget;
    obj.. z =e= sum(i, sqr(x(i) - target(i)));
    budget.. sum(i, sqr(x(i))) =l= 10;
    Model m / all /;
    m.solveLink = %link%;
    loop(s,
      target(i) = t(s,i);
      x.l(i) = 1;
      solve m using nlp minimizing z;
      h(s) = m.handle;
      if(m.solveLink = 0, xs(s,i) = x.l(i); zs(s) = z.l; ms(s) = m.modelStat; bm(s) = budget.m);
    );
    repeat
      loop(s$handleCollect(h(s)),
        xs(s,i) = x.l(i); zs(s) = z.l; ms(s) = m.modelStat; bm(s) = budget.m;
        h(s) = 0;
      );
      display$(card(h) and readyCollect(h, 60)) 'waiting failed';
    until card(h) = 0 or timeElapsed > 60;
    display xs, zs, ms, bm;
    """

    /// One NLP of a few thousand columns (long enough to be stopped while it runs), collected
    /// in a loop bounded by `%limit%` seconds; the statuses and the handle's status are shown.
    static let oneJob = """
    Set i / i1*i3000 /;
    Variable x(i), z;
    Equations obj, link(i);
    obj.. z =e= sum(i, sqr(x(i) - ord(i)/1000) + exp(x(i)/10));
    link(i)$(ord(i) > 1).. x(i) - x(i-1) =l= 0.01*ord(i);
    Model m / all /;
    m.solveLink = 3;
    m.resLim = %reslim%;
    Scalar h, stat, mstat / -1 /, sstat / -1 /, collected / 0 /;
    solve m using nlp minimizing z;
    h = m.handle;
    repeat
      if(handleCollect(h), collected = 1; mstat = m.modelStat; sstat = m.solveStat);
      display$(not collected and readyCollect(h, 1) = 8) 'still waiting';
    until collected or timeElapsed > %limit%;
    stat = handleStatus(h);
    display stat, mstat, sstat;
    """

    /// Runs `oneJob` on a thread while `interfere` gets the job's folder as soon as the job
    /// is handed out (its `worker.pid` or `slurm.job` file is there); the run and its seconds.
    static func runInterfered(scheduler: GridSettings.Scheduler, resLim: Int, limit: Int,
                              marker: String, interfere: @escaping @Sendable (URL) -> Void) throws -> (Run, Double) {
        let grid = FileManager.default.temporaryDirectory.appendingPathComponent("enm-grid-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: grid, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: grid) }
        final class Box: @unchecked Sendable { var run: Run?; var error: Error? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        let start = Date()
        Thread.detachNewThread {
            do {
                box.run = try GridTests.run(GridTests.oneJob, defines: ["reslim": "\(resLim)", "limit": "\(limit)"],
                                            scheduler: scheduler, grid: grid)
            } catch { box.error = error }
            done.signal()
        }
        // the job folder appears under the run's folder; hand it over once its marker is there
        let deadline = Date(timeIntervalSinceNow: 60)
        var handed = false
        while !handed && Date() < deadline {
            if let run = try? FileManager.default.contentsOfDirectory(atPath: grid.path).first {
                let job = grid.appendingPathComponent(run).appendingPathComponent("job-1")
                if FileManager.default.fileExists(atPath: job.appendingPathComponent(marker).path) {
                    interfere(job)
                    handed = true
                }
            }
            usleep(500)
        }
        #expect(handed, "the job's \(marker) never appeared")
        #expect(done.wait(timeout: .now() + 120) == .success, "the run did not end")
        if let e = box.error { throw e }
        return (try #require(box.run), Date().timeIntervalSince(start))
    }

    /// Sends `signal` to the worker of the job in `job` (its pid is in `worker.pid`).
    static func signalWorker(of job: URL, _ signal: Int32) {
        let pid = (try? String(contentsOf: job.appendingPathComponent("worker.pid"), encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if let pid { kill(pid, signal) }
    }

    /// A worker killed while it runs: the collect gives solver status 13 (System Failure),
    /// model status 13 (Error No Solution), handleStatus 3, and W4092 names the job's folder and
    /// log, within the loop's time limit.
    @Test func killedWorkerFailsTheSolve() throws {
        let (run, seconds) = try GridTests.runInterfered(scheduler: .local, resLim: 100, limit: 60, marker: "worker.pid") { GridTests.signalWorker(of: $0, SIGKILL) }
        #expect(run.records("stat")[[]] == 3, "\(run.output)")
        #expect(run.records("sstat")[[]] == 13)
        #expect(run.records("mstat")[[]] == 13)
        #expect(run.diagnostics.contains("warning[W4092]: the grid job of handle 1 was killed by signal 9; its job folder is "), "\(run.diagnostics)")
        #expect(run.diagnostics.contains("/job-1/log.txt"))
        #expect(seconds < 60)
    }

    /// A worker that stops answering (stopped, as on a node that hangs): after its resLim and
    /// 5 seconds' grace it is killed and the solve collected as solver status 13, model status
    /// 14 (No Solution Returned).
    @Test func hungWorkerIsLostAfterItsTimeLimit() throws {
        let (run, seconds) = try GridTests.runInterfered(scheduler: .local, resLim: 1, limit: 60, marker: "worker.pid") { GridTests.signalWorker(of: $0, SIGSTOP) }
        #expect(run.records("stat")[[]] == 3, "\(run.output)")
        #expect(run.records("sstat")[[]] == 13)
        #expect(run.records("mstat")[[]] == 14)
        #expect(run.diagnostics.contains("returned no result within resLim + 5 s and was stopped"), "\(run.diagnostics)")
        #expect(seconds >= 6 && seconds < 30)
    }

    /// A Slurm job that disappears (cancelled, as when its node goes away) without a result:
    /// collected as solver status 13, model status 14, naming the Slurm job.
    @Test(.enabled(if: GridTests.slurmIsUp, GridTests.noSlurm)) func slurmJobThatDisappearsIsLost() throws {
        let (run, seconds) = try GridTests.runInterfered(scheduler: .slurm, resLim: 100, limit: 60, marker: "slurm.job") { job in
            if let id = try? String(contentsOf: job.appendingPathComponent("slurm.job"), encoding: .utf8) {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = ["scancel", "--signal=KILL", "--full", id.trimmingCharacters(in: .whitespacesAndNewlines)]
                try? p.run()
                p.waitUntilExit()
            }
        }
        #expect(run.records("stat")[[]] == 3, "\(run.output)")
        #expect(run.records("sstat")[[]] == 13)
        #expect(run.records("mstat")[[]] == 14)
        #expect(run.diagnostics.contains("without a result; its job folder is"), "\(run.diagnostics)")
        #expect(seconds < 60)
    }

    /// A loop whose job never ends is bounded by its time limit: readyCollect returns 8 and the
    /// handle is still running (1) when the loop gives up.
    @Test func collectLoopEndsAtItsTimeLimit() throws {
        let (run, seconds) = try GridTests.runInterfered(scheduler: .local, resLim: 100, limit: 2, marker: "worker.pid") { GridTests.signalWorker(of: $0, SIGSTOP) }
        #expect(run.records("stat")[[]] == 1, "\(run.output)")
        #expect(run.records("sstat")[[]] == -1)
        #expect(seconds < 20)
    }

    /// A damaged job folder is an error of `enm grid-job` (exit code 2, the reason on standard
    /// error), never a crash.
    @Test func damagedJobIsReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-grid-damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"format": "enm grid job", "version": 2, "byteOrder": "little"}"#.write(to: dir.appendingPathComponent("job.json"), atomically: true, encoding: .utf8)
        try Data([0x45, 0x4e, 0x4d, 0x4a, 0x4f, 0x42, 0x31, 0, 5, 0, 0]).write(to: dir.appendingPathComponent("model.bin"))
        let binary = try #require(ExplainCommandTests.enmBinary())
        let r = try ExplainCommandTests.runEnm(binary, ["grid-job", dir.path])
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("enm grid-job: \(dir.path): the file ends early"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("result.bin").path))
    }
}
