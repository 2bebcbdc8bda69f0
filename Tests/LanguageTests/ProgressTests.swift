import Driver
import Execution
import Foundation
import IR
import Testing

/// What a person sees while a run works: displays before a solve are out before it starts, and
/// a long solve has a live line on the terminal that is erased when it ends.
@Suite struct ProgressTests {
    @Test func displaysBeforeASolveArePrintedBeforeItStarts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try """
        Scalar before / 7 /;
        display before;
        Variable z;
        Equation e;
        e.. z =e= 1;
        Model m / e /;
        solve m using lp minimizing z;
        """.write(to: file, atomically: true, encoding: .utf8)
        var output = ""
        var seenAtStart: String? = nil
        let printer = TextPrinter(timing: false) { output += $0 }
        _ = Driver.run(path: file.path, onEvent: { printer.take($0) }, onSolvePhase: { phase in
            if case .started = phase {
                printer.flush()
                seenAtStart = output
            }
        })
        let atStart = try #require(seenAtStart)
        #expect(atStart.contains("PARAMETER before"))
        #expect(!atStart.contains("---- SOLVE"))
    }

    @Test func aLongSolveShowsALiveLineThatIsErasedAtItsEnd() {
        let lock = NSLock()
        var written: [String] = []
        let line = ProgressLine(write: { text in lock.lock(); written.append(text); lock.unlock() }, delay: 0.05, interval: 0.05)
        line.show(.started(model: "m", type: .lp, line: 12, loop: nil))
        Thread.sleep(forTimeInterval: 0.3)
        line.show(.ended)
        lock.lock()
        defer { lock.unlock() }
        #expect(written.contains { $0.hasPrefix("\r\u{1B}[Ksolving m using lp (line 12), ") && $0.hasSuffix(" s") })
        #expect(written.last == "\r\u{1B}[K")
    }

    @Test func aShortSolveLeavesNothing() {
        var written: [String] = []
        let line = ProgressLine(write: { written.append($0) }, delay: 5)
        line.show(.started(model: "m", type: .lp, line: 1, loop: nil))
        line.show(.ended)
        #expect(written.isEmpty)
    }

    /// The backend's progress and the loop's position are on the line: an interior point's
    /// iteration, objective and infeasibility; a search's incumbent, bound, gap and nodes; the
    /// loop's pass, the mean time per pass and the time left. A loop of short solves shows the
    /// line once the loop has run longer than the delay.
    @Test func theLineSaysWhatTheBackendAndTheLoopReport() {
        let lock = NSLock()
        var written: [String] = []
        let line = ProgressLine(write: { text in lock.lock(); written.append(text); lock.unlock() }, delay: 0.1, interval: 0.02)
        line.show(.started(model: "m", type: .nlp, line: 7, loop: LoopPosition(indices: "d", pass: 1, passes: 4)))
        line.show(.progress(SolveProgress(iteration: 12, objective: 1234.5, infeasibility: 1.5e-5)))
        Thread.sleep(forTimeInterval: 0.2)
        line.show(.ended)
        line.show(.started(model: "m", type: .nlp, line: 7, loop: LoopPosition(indices: "d", pass: 2, passes: 4)))
        Thread.sleep(forTimeInterval: 0.05)
        line.show(.ended)
        line.show(.started(model: "m", type: .mip, line: 7, loop: nil))
        line.show(.progress(SolveProgress(iteration: 300, objective: 100, bestBound: 90, nodes: 17)))
        Thread.sleep(forTimeInterval: 0.2)
        line.show(.ended)
        lock.lock()
        defer { lock.unlock() }
        #expect(written.contains { $0.contains("solving m using nlp (line 7), ") && $0.contains(" — iteration 12, objective 1234.5, infeasibility 1.5e-05 — solve 1 of 4 in loop d") })
        // the second pass is drawn at once (the loop has run longer than the delay), with its pace
        #expect(written.contains { $0.contains("— solve 2 of 4 in loop d, ") && $0.contains(" s each, ") && $0.hasSuffix(" s left") })
        #expect(written.contains { $0.contains("using mip") && $0.contains("— best integer 100, bound 90, gap 10.00%, 17 nodes — solve 3") })
        #expect(written.last == "\r\u{1B}[K")
    }

    /// End to end: the solves of a loop start with their pass of the loop, Ipopt's and GLPK's
    /// searches report progress through the run's solve phases, and so does the conflict search
    /// after an infeasible solve.
    @Test func solvesReportTheirLoopPassAndTheBackendsProgress() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try """
        Set d / d1*d3 /, k / k1*k12 /;
        Parameter w(k), v(k);
        w(k) = ord(k) + 3; v(k) = mod(ord(k)*7, 11) + 1;
        Variable x, z; Equation e;
        e.. z =e= sqr(x - 2) + exp(x);
        Model m / e /;
        loop(d, solve m using nlp minimizing z);
        Binary Variable y(k); Variable t; Equation cap, val;
        cap.. sum(k, w(k)*y(k)) =l= 31;
        val.. t =e= sum(k, v(k)*y(k));
        Model knap / cap, val /;
        solve knap using mip maximizing t;
        Positive Variable u; Variable q; Equation low, high, def;
        low.. u =g= 5; high.. u =l= 3; def.. q =e= u;
        Model clash / low, high, def /;
        solve clash using lp minimizing q;
        """.write(to: file, atomically: true, encoding: .utf8)
        let lock = NSLock()
        var loops: [LoopPosition?] = [], progress: [SolveProgress] = [], searches: [Int] = []
        var options = RunOptions()
        options.reportsProgress = true
        _ = Driver.run(path: file.path, options: options, onSolvePhase: { phase in
            lock.lock(); defer { lock.unlock() }
            switch phase {
            case .started(_, _, _, let loop): loops.append(loop)
            case .progress(let p): progress.append(p)
            case .conflictSearch(let resolves, _): searches.append(resolves)
            case .ended: break
            }
        })
        lock.lock(); defer { lock.unlock() }
        #expect(loops == [LoopPosition(indices: "d", pass: 1, passes: 3), LoopPosition(indices: "d", pass: 2, passes: 3),
                          LoopPosition(indices: "d", pass: 3, passes: 3), nil, nil])
        #expect(progress.contains { $0.iteration >= 1 && $0.objective != nil && $0.infeasibility != nil })
        #expect(progress.contains { $0.nodes != nil })
        // the infeasible LP's conflict search reports its re-solves, counting up
        #expect(searches.count >= 2 && searches == Array(1...searches.count))
        // without a front end that shows it, the backends report no progress
        let unaskedLock = NSLock()
        var unasked = 0
        _ = Driver.run(path: file.path, onSolvePhase: { phase in
            if case .progress = phase { unaskedLock.lock(); unasked += 1; unaskedLock.unlock() }
        })
        #expect(unasked == 0)
    }
}

/// `--log-file`: the solvers' own logs are appended to the file, GLPK's through its terminal
/// hook and Ipopt's from its own file; without it nothing is written.
@Suite struct SolverLogTests {
    @Test func glpkAndIpoptLogsGoToTheLogFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms"), log = dir.appendingPathComponent("solvers.log")
        try """
        Positive Variable x, y; Variable z; Equation c, o;
        c.. x + 2*y =g= 4;
        o.. z =e= 3*x + 5*y;
        Model lp / c, o /;
        solve lp using lp minimizing z;
        Variable w; Equation n; n.. w =e= sqr(x - 1) + sqr(y - 2);
        Model nl / n /;
        solve nl using nlp minimizing w;
        """.write(to: file, atomically: true, encoding: .utf8)
        var options = RunOptions()
        options.solverLog = .file(log.path)
        let result = Driver.run(path: file.path, options: options)
        #expect(result.exitCode.rawValue == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        // GLPK's simplex lines, the last at the optimum 10 (y = 2)
        #expect(text.contains("Scaling...") && text.contains(": obj =   1.000000000e+01 inf =   0.000e+00 (0)"), "\(text)")
        #expect(text.contains("iter    objective    inf_pr") && text.contains("EXIT: Optimal Solution Found."), "\(text)")
        // without a log, nothing is added to it
        _ = Driver.run(path: file.path)
        #expect(try String(contentsOf: log, encoding: .utf8) == text)
    }
}

@Suite struct ConflictSearchLineTests {
    @Test func theConflictSearchIsOnTheLine() {
        let lock = NSLock()
        var written: [String] = []
        let line = ProgressLine(write: { text in lock.lock(); written.append(text); lock.unlock() }, delay: 0.05, interval: 0.02)
        line.show(.started(model: "m", type: .lp, line: 3, loop: nil))
        line.show(.conflictSearch(resolves: 7, candidates: 40))
        Thread.sleep(forTimeInterval: 0.15)
        line.show(.ended)
        lock.lock()
        defer { lock.unlock() }
        #expect(written.contains { $0.contains(" — infeasible; looking for the conflict among 40 rows and bounds, 7 re-solves") })
    }
}

@Suite struct PlainProgressTests {
    /// `--progress` without a terminal: plain lines, never erased.
    @Test func plainLinesAreNeverErased() {
        let lock = NSLock()
        var written: [String] = []
        let line = ProgressLine(write: { text in lock.lock(); written.append(text); lock.unlock() }, delay: 0.05, interval: 0.05, plain: true)
        line.show(.started(model: "m", type: .lp, line: 3, loop: nil))
        Thread.sleep(forTimeInterval: 0.2)
        line.show(.ended)
        lock.lock()
        defer { lock.unlock() }
        #expect(!written.isEmpty && written.allSatisfy { $0.hasPrefix("solving m using lp (line 3), ") && $0.hasSuffix(" s\n") })
    }
}
