import Driver
import Execution
import Foundation
import Testing

/// `enm sweep`: a model run once per scenario, in processes of the local pool or as the tasks
/// of one Slurm job array (`--grid-submit slurm`, against the real one-node Slurm; skipped,
/// saying why, when it is not up), the results in one table.
@Suite(.serialized) struct SweepTests {
    static let model = """
    Positive Variable x; Variable z;
    Equation e, c;
    e.. z =e= %price%*x;
    c.. x =g= 5;
    x.up = %cap%;
    Scalar w;
    w = sleep(%wait%);
    Model m / all /;
    solve m using lp minimizing z;
    """

    /// A fresh folder with the model in it and an empty grid directory inside.
    static func folder() throws -> (URL, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-sweep-\(UUID().uuidString)")
        let grid = dir.appendingPathComponent("grid")
        try FileManager.default.createDirectory(at: grid, withIntermediateDirectories: true)
        try model.write(to: dir.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        return (dir, grid)
    }

    /// Six scenarios (cap × price), two infeasible: the report names those two, the table has
    /// the other four optimal at price × 5, through `submit`; the sweep's folder under the grid
    /// directory is gone afterwards.
    static func infeasibleScenariosAreReported(submit: String) throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (dir, grid) = try SweepTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ExplainCommandTests.runEnm(binary, ["sweep", "m.gms", "--over", "cap=10,3,20", "--over", "price=1,2", "--wait=0",
                                                        "--grid-submit", submit, "--grid-dir", grid.path, "--out", "results"], in: dir)
        #expect(r.status == 3, "\(r.out)\(r.err)")
        #expect(r.out == """
        sweep: 6 scenarios, 4 ran cleanly, 2 did not
          scenario 3 (--cap=3 --price=1): exit code 3, model status 4 Infeasible
          scenario 4 (--cap=3 --price=2): exit code 3, model status 4 Infeasible

        """)
        let csv = try String(contentsOf: dir.appendingPathComponent("results/sweep.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["scenario", "cap", "price", "exitCode", "solves", "modelStatus", "solverStatus", "objective", "seconds", "problem"])
        #expect(rows.count == 7)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results/scenario-6.json").path))
        let done = rows.dropFirst().filter { $0[3] == "0" }
        #expect(done.map { [$0[1], $0[2], $0[5], $0[7]] } == [["10", "1", "1 Optimal", "5.0"], ["10", "2", "1 Optimal", "10.0"],
                                                              ["20", "1", "1 Optimal", "5.0"], ["20", "2", "1 Optimal", "10.0"]])
        #expect(try FileManager.default.contentsOfDirectory(atPath: grid.path).isEmpty)
    }

    @Test func infeasibleScenariosOnTheLocalPool() throws {
        try SweepTests.infeasibleScenariosAreReported(submit: "local")
    }

    @Test(.enabled(if: GridTests.slurmIsUp, GridTests.noSlurm)) func infeasibleScenariosThroughSlurm() throws {
        try SweepTests.infeasibleScenariosAreReported(submit: "slurm")
    }

    /// A scenario whose Slurm task is cancelled while it runs (as when its node goes away) is
    /// reported lost (exit code 4, naming the Slurm task and the scenario's folder, which is
    /// kept); the other scenario finishes, and the sweep ends long before the lost one's run
    /// would have.
    @Test(.enabled(if: GridTests.slurmIsUp, GridTests.noSlurm)) func lostScenarioIsReportedAndTheOtherFinishes() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (dir, grid) = try SweepTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        final class Box: @unchecked Sendable { var r: (out: String, err: String, status: Int32)? }
        let box = Box(), done = DispatchSemaphore(value: 0), start = Date()
        Thread.detachNewThread {
            box.r = try? ExplainCommandTests.runEnm(binary, ["sweep", "m.gms", "--over", "wait=0,900", "--cap=10", "--price=1",
                                                             "--grid-submit", "slurm", "--grid-dir", grid.path], in: dir)
            done.signal()
        }
        // the second scenario's task id appears in its folder once the array is submitted; the
        // one-node Slurm may first run other tests' arrays (tests run in parallel, and it starts
        // about two tasks every 3 s), so the task may wait minutes for a slot
        var cancelled = false, taskID: String?
        defer { if let taskID { _ = Slurm.command(["scancel", "--full", taskID]) } }
        while !cancelled && Date().timeIntervalSince(start) < 400 {
            if let sweep = try? FileManager.default.contentsOfDirectory(atPath: grid.path).first,
               let text = try? String(contentsOf: grid.appendingPathComponent("\(sweep)/scenario-2/slurm.job"), encoding: .utf8) {
                // killed once it runs (a signal to a pending task would end its whole array)
                let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
                taskID = id
                if Slurm.states(of: [id])?[id] == "RUNNING" {
                    cancelled = Slurm.command(["scancel", "--signal=KILL", "--full", id]).0 == 0
                }
            }
            usleep(100_000)
        }
        #expect(cancelled)
        let cancelledAt = Date()
        #expect(done.wait(timeout: .now() + 120) == .success, "the sweep did not end")
        let r = try #require(box.r)
        #expect(r.status == 4, "\(r.out)\(r.err)")
        #expect(r.out.hasPrefix("sweep: 2 scenarios, 1 ran cleanly, 1 did not\n  scenario 2 (--wait=900): exit code 4: Slurm job "), "\(r.out)")
        #expect(r.out.contains("without a result; its folder is \(grid.path)/enm-sweep-"), "\(r.out)")
        #expect(r.out.contains("/scenario-2\n"))
        #expect(Date().timeIntervalSince(cancelledAt) < 60)
    }
}
