import Diagnostics
import Driver
import Foundation
import IR
import Testing

/// CBC's searches (and Bonmin, Siconos) in solver processes of their own (`enm solver-job`):
/// a library that aborts ends one solve with status 13/13 and W4053, not the run; results
/// through the process equal those of a solve in the run's own process; the run stops a child
/// at the memory limit.
@Suite struct SolverProcessTests {
    /// CBC 2.10 fails `CglProbing::probe` "up>down" on this model (found by generating
    /// infeasible integer models with coefficients 1e9 apart).
    static let aborting = """
        Integer Variable n0, n1, n2, n3, n4;
        Variable z;
        n0.lo = -10; n1.lo = -1e9; n2.lo = -1e9; n3.up = 100; n4.lo = 0;
        Equation obj, r0, r3;
        obj.. z =e= 2*n0 + 2*n1 - n2 - n3 - n4;
        r0.. 3*n0 - n4 - 2.5*n1 - n2 =e= -1e9;
        r3.. 3*n1 + 1e-9*n2 + 3*n3 + n4 =e= 7;
        Model m / all /;
        option mip = cbc;
        solve m using mip minimizing z;
        display m.modelStat, m.solveStat;

        """

    static let knapsack = """
        Set i / i1*i8 /;
        Parameter w(i) / i1 3, i2 4, i3 5, i4 8, i5 9, i6 2, i7 7, i8 6 /
                  v(i) / i1 4, i2 5, i3 7, i4 9, i5 12, i6 2, i7 8, i8 7 /;
        Binary Variable y(i); Variable z;
        Equation cap, val;
        cap.. sum(i, w(i)*y(i)) =l= 20;
        val.. z =e= sum(i, v(i)*y(i));
        Model k / cap, val /;
        option mip = cbc, optCr = 0;
        solve k using mip maximizing z;
        display y.l, z.l, k.modelStat;

        """

    func write(_ source: String) throws -> (folder: URL, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-solverprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("model.gms")
        try source.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    @Test func anAbortInCBCEndsOneSolveAndTheRunGoesOn() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (folder, file) = try write(Self.aborting + Self.knapsack)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ExplainCommandTests.runEnm(binary, ["solve", file.lastPathComponent], in: folder)
        // model status 13 is the worst of the run's solves: exit code 4 (solver failure)
        #expect(run.status == 4)
        #expect(run.err.contains("""
            warning[W4053]: CBC failed: its process was ended by signal 6 (SIGABRT) without a result; \
            it wrote: enm: CglProbing.cpp:3386: int CglProbing::probe(...): Assertion `up>down' failed.
              --> model.gms:10:1
               |
            10 | solve m using mip minimizing z;
               | ^^^^^^^
               = note: the solve has model status 13, solver status 13; the run goes on
            """))
        #expect(run.out.contains("solver cbc: model status 13 Error No Solution, solver status 13 System Failure"))
        #expect(run.out.contains("MODEL m.modelStat              =       13.000"))
        // the next search gets a fresh process and finds the knapsack's optimum
        #expect(run.out.contains("VARIABLE z.L                   =       26.000"))
        #expect(run.out.contains("MODEL k.modelStat              =        1.000"))
    }

    @Test func anExplanationGoesOnWhenOneOfItsReSolvesAborts() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        // infeasible (r2 and r3 leave no integer n1); dropping n0.up and n2.up makes the abort above
        let (folder, file) = try write("""
            Integer Variable n0, n1, n2, n3, n4;
            Variable z;
            n0.lo = -10; n0.up = 1e9; n1.lo = -1e9; n2.lo = -1e9; n2.up = 10; n3.up = 100; n4.lo = 0;
            Equation obj, r0, r1, r2, r3;
            obj.. z =e= 2*n0 + 2*n1 - n2 - n3 - n4;
            r0.. 3*n0 - n4 - 2.5*n1 - n2 =e= -1e9;
            r1.. 1e-5*n1 + 1e-5*n3 - n0 =e= 1e9;
            r2.. 1e5*n1 =g= 7;
            r3.. 3*n1 + 1e-9*n2 + 3*n3 + n4 =e= 7;
            Model m / all /;
            option mip = cbc;
            solve m using mip minimizing z;

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try ExplainCommandTests.runEnm(binary, ["solve", file.lastPathComponent], in: folder)
        #expect(run.status == 3)
        #expect(run.out.contains("solver cbc: model status 4 Infeasible, solver status 1 Normal Completion"))
        #expect(run.out.contains("(the search stopped on its time limit, or a re-solve failed; the set may not be minimal):"))
        #expect(!run.err.contains("W4053"), "the failed re-solve is the explanation's, not the solve's")
    }

    @Test func aSearchInItsOwnProcessGivesWhatTheRunsProcessGives() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (folder, file) = try write(Self.knapsack)
        defer { try? FileManager.default.removeItem(at: folder) }
        let isolated = try ExplainCommandTests.runEnm(binary, ["solve", file.lastPathComponent], in: folder)
        let inProcess = runSource(Self.knapsack)
        #expect(isolated.status == 0)
        #expect(inProcess.diagnostics.isEmpty)
        let display = isolated.out.components(separatedBy: "----     11").dropFirst().joined(separator: "----     11")
        #expect(display.contains("i2 1.000,    i3 1.000,    i5 1.000,    i6 1.000"))
        #expect(inProcess.output.hasSuffix(display))
    }

    /// CBC's search reports its incumbent, bound and nodes in the model's sense (a maximization
    /// is searched as a minimization of the negated objective), from a solver process as from
    /// the run's own.
    @Test(arguments: [true, false]) func cbcsSearchReportsItsProgress(_ isolated: Bool) throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (folder, file) = try write(Self.knapsack)
        defer { try? FileManager.default.removeItem(at: folder) }
        let captured = Driver.run(path: file.path, options: RunOptions(mode: .firstModel))
        let model = try #require(captured.firstModel?.model)
        let cbc = try #require(Driver.standardSolvers(isolatedBy: isolated ? binary.path : nil).entry(named: "cbc", serving: .mip))
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var updates: [SolveProgress] = []
        }
        let seen = Seen()
        var options = SolveOptions()
        options.optCr = 0
        options.progress = { p in seen.lock.withLock { seen.updates.append(p) } }
        let solved = cbc.backend.solve(model, options: options)
        #expect(solved.objective == 26)
        let updates = seen.lock.withLock { seen.updates }
        #expect(!updates.isEmpty)
        for u in updates {
            if let incumbent = u.objective { #expect(incumbent > 0 && incumbent <= 26, "\(u)") }
            if let bound = u.bestBound { #expect(bound >= 26 - 1e-6, "\(u)") }
            #expect(u.nodes != nil)
        }
        #expect(updates.contains { $0.objective != nil })
    }

    /// Ipopt looks at the clock between iterations only; on this model (found by the adapter
    /// fuzzer) one step stays in MUMPS's factorization for minutes. Its process is stopped at
    /// resLim + 5 s.
    @Test func anIpoptStepThatDoesNotEndIsStoppedAfterResLim() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (folder, file) = try write("""
            Variable a, zobj;
            a.lo = 1; a.up = 1e20;
            Equation obj, r0, r1, r2;
            obj.. zobj =e= -151002*a;
            r0.. 0.631766*a =g= 1e300;
            r1.. -1e300*a =g= 9.54382e+06;
            r2.. -1*a =g= 487.739;
            Model mdl / all /;
            mdl.optFile = 1; mdl.resLim = 1;
            solve mdl using nlp minimizing zobj;
            display mdl.modelStat, mdl.solveStat;

            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "hessian_approximation limited-memory\nmax_iter 20\n".write(to: folder.appendingPathComponent("ipopt.opt"), atomically: true, encoding: .utf8)
        let run = try ExplainCommandTests.runEnm(binary, ["solve", file.lastPathComponent], in: folder)
        #expect(run.err.contains("warning[W4053]: Ipopt returned nothing within resLim + 5 s; its process was stopped"), "\(run.err)")
        #expect(run.out.contains("solver ipopt: model status 14 No Solution Returned, solver status 3 Resource Interrupt"), "\(run.out)")
        #expect(run.out.contains("MODEL mdl.modelStat            =       14.000"), "\(run.out)")
    }

    @Test func theRunStopsASolverProcessAtTheMemoryLimit() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let (folder, file) = try write(Self.knapsack)
        defer { try? FileManager.default.removeItem(at: folder) }
        let captured = Driver.run(path: file.path, options: RunOptions(mode: .firstModel))
        let model = try #require(captured.firstModel?.model)
        let cbc = try #require(Driver.standardSolvers(isolatedBy: binary.path).entry(named: "cbc", serving: .mip))
        var options = SolveOptions()
        options.optCr = 0
        let solved = cbc.backend.solve(model, options: options)
        #expect(solved.modelStatus == .optimal)
        #expect(solved.objective == 26)
        // a child takes some 20 MiB; the limit leaves it 1 MiB beside the test's process
        options.memoryLimit = MemoryLimit(bytes: MemoryLimit.residentBytes() + (1 << 20))
        let stopped = cbc.backend.solve(model, options: options)
        #expect(stopped.modelStatus == .noSolutionReturned)
        #expect(stopped.solverStatus == .resourceInterrupt)
        #expect(stopped.memoryStop?.message.hasPrefix("CBC was stopped at the memory limit") == true)
    }
}

/// `--log` and `--log-file` carry CLP's messages (through a message handler in the run's
/// process) and CBC's search (its standard output, in its solver process); standard output keeps
/// the results alone.
@Suite struct COINLogTests {
    static let lp = """
        Set a / a1*a30 /, b / b1*b30 /;
        Parameter cost(a,b); cost(a,b) = mod(ord(a)*7 + ord(b)*13, 17) + 1;
        Positive Variable f(a,b); Variable tc;
        Equation sup(a), dem(b), tot;
        sup(a).. sum(b, f(a,b)) =l= 10;
        dem(b).. sum(a, f(a,b)) =g= 9;
        tot.. tc =e= sum((a,b), cost(a,b)*f(a,b));
        Model t / sup, dem, tot /;
        option lp = clp;
        solve t using lp minimizing tc;

        """

    @Test func clpAndCBCLogToStandardErrorWithLog() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-coinlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try (Self.lp + SolverProcessTests.knapsack).write(to: folder.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        let quiet = try ExplainCommandTests.runEnm(binary, ["solve", "m.gms"], in: folder)
        #expect(quiet.status == 0 && quiet.err.isEmpty, "\(quiet.err)")
        let logged = try ExplainCommandTests.runEnm(binary, ["solve", "--log", "--json", "m.gms"], in: folder)
        #expect(logged.status == 0)
        #expect(logged.err.contains("Clp0032I Optimal objective 306 - 53 iterations"), "\(logged.err)")
        #expect(logged.err.contains("Cgl0004I processed model has 1 rows, 8 columns (8 integer (8 of which binary)) and 8 elements"))
        #expect(logged.err.contains("Cbc0038I"))
        let json = try JSONSerialization.jsonObject(with: Data(logged.out.utf8)) as? [String: Any]
        let solves = try #require(json?["solves"] as? [[String: Any]])
        #expect(solves.map { $0["objective"] as? Double } == [306, 26])
        let file = folder.appendingPathComponent("solvers.log")
        let filed = try ExplainCommandTests.runEnm(binary, ["solve", "--log-file", file.path, "m.gms"], in: folder)
        #expect(filed.status == 0 && filed.err.isEmpty, "\(filed.err)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Clp0032I Optimal objective 306 - 53 iterations"))
        #expect(text.contains("Cgl0004I processed model has 1 rows, 8 columns (8 integer (8 of which binary)) and 8 elements"))
    }
}

/// A log level in an option file (`loglevel`, `print_level`, Bonmin's levels) without `--log`
/// sends the library's log to standard error: standard output holds the run's results alone,
/// so `--json` stays one JSON object. CLP's barrier logs through enm's message handler too,
/// without the Cholesky size CLP would write on standard output itself.
@Suite struct OptionFileLogTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String, options: String, model: String, objective: Double, marker: String
        var testDescription: String { "\(file): \(options.split(separator: "\n").joined(separator: ", "))" }
    }

    static let nlp = """
        Variable x, y, z;
        Equation obj, c;
        obj.. z =e= sqr(x - 1) + sqr(y - 2);
        c.. x + y =l= 1;
        Model m / all /; m.optFile = 1;
        solve m using nlp minimizing z;

        """

    static let minlp = """
        Variable x, z; Integer Variable n; n.up = 5;
        Equation obj, c;
        obj.. z =e= sqr(x - 1.5) + sqr(n - 2.6);
        c.. x + n =l= 4;
        Model m / all /; m.optFile = 1;
        solve m using minlp minimizing z;

        """

    static let cases = [
        Case(file: "clp.opt", options: "loglevel 1", model: COINLogTests.lp.replacingOccurrences(of: "option lp", with: "t.optFile = 1; option lp"),
             objective: 306, marker: "Clp0032I Optimal objective 306"),
        Case(file: "clp.opt", options: "startalg barrier\nloglevel 1", model: COINLogTests.lp.replacingOccurrences(of: "option lp", with: "t.optFile = 1; option lp"),
             objective: 306, marker: "Clp0035I 0 Primal"),
        Case(file: "cbc.opt", options: "loglevel 1", model: SolverProcessTests.knapsack.replacingOccurrences(of: "option mip", with: "k.optFile = 1; option mip"),
             objective: 26, marker: "Cbc0012I Integer solution of -26"),
        Case(file: "ipopt.opt", options: "print_level 5", model: nlp, objective: 2, marker: "EXIT: Optimal Solution Found."),
        Case(file: "bonmin.opt", options: "bonmin.bb_log_level 2", model: minlp, objective: 0.36,
             marker: "Cbc0001I Search completed - best objective 0.36"),
    ]

    @Test(arguments: cases) func theLogGoesToStandardErrorAndTheJSONStaysWhole(_ c: Case) throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-optlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try c.model.write(to: folder.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        try (c.options + "\n").write(to: folder.appendingPathComponent(c.file), atomically: true, encoding: .utf8)
        let run = try ExplainCommandTests.runEnm(binary, ["solve", "--json", "m.gms"], in: folder)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.err.contains(c.marker), "\(run.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any], "\(run.out)")
        let solves = try #require(json["solves"] as? [[String: Any]])
        let objective = try #require(solves.first?["objective"] as? Double)
        #expect(abs(objective - c.objective) < 1e-6)
    }

    @Test func clpsBarrierLogsToTheLogFile() throws {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-optlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try COINLogTests.lp.replacingOccurrences(of: "option lp", with: "t.optFile = 1; option lp")
            .write(to: folder.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        try "startalg barrier\nloglevel 1\n".write(to: folder.appendingPathComponent("clp.opt"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("solvers.log")
        let filed = try ExplainCommandTests.runEnm(binary, ["solve", "--log-file", file.path, "m.gms"], in: folder)
        #expect(filed.status == 0 && filed.err.isEmpty, "\(filed.err)")
        #expect(filed.out.contains("objective 306"), "\(filed.out)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Clp0035I 0 Primal"), "\(text)")
        #expect(text.contains("Clp0032I Optimal objective 306"), "\(text)")
        #expect(!(filed.out + text).contains("Cholesky"))
    }
}
