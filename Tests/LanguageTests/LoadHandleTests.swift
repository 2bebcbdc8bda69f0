import Driver
import Execution
import Foundation
import Testing

/// `execute_loadHandle m;`: the solution of the instance `m.handle` names is loaded as
/// `handleCollect` loads it, and the instance stays; a handle that names no solution is a
/// located execution error (E4094).
@Suite(.serialized) struct LoadHandleTests {
    /// The scenario LPs of AsyncSolveTests, collected with `execute_loadHandle` instead of
    /// `handleCollect`: each finished instance is loaded through `m.handle`, its handleStatus
    /// read after the load (still 2, ready: the instance stays), then deleted.
    static let loaded = AsyncSolveTests.scenarios
        .replacingOccurrences(of: "Parameter h(s),", with: "Parameter kept(s), h(s),")
        .replacingOccurrences(of: "display zs, ms, ss, xs, dm;", with: "display zs, ms, ss, xs, dm; display kept;")
        .replacingOccurrences(of: "loop(s$handleCollect(h(s)),", with: """
        loop(s$(h(s) and handleStatus(h(s)) = %handleStatus.ready%),
            m.handle = h(s);
            execute_loadHandle m;
            kept(s) = handleStatus(h(s));
        """)

    /// Fifty LPs under solveLink 6 (threads) and 3 (the grid's local pool): the values loaded
    /// by execute_loadHandle display exactly as handleCollect's, each solve is reported once,
    /// and every instance is still there (ready) after its load.
    @Test(arguments: ["6", "3"]) func loadsWhatHandleCollectLoads(link: String) throws {
        #expect(LoadHandleTests.loaded.contains("execute_loadHandle m;"))
        let collected = try GridTests.run(AsyncSolveTests.scenarios, defines: ["n": "50", "link": link])
        #expect(collected.result.exitCode.rawValue == 0, "\(collected.diagnostics)")
        let run = try GridTests.run(LoadHandleTests.loaded, defines: ["n": "50", "link": link])
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.count == 50)
        #expect(run.records("zs").count == 50)
        #expect(LoadHandleTests.values(run) == LoadHandleTests.values(collected))
        #expect(LoadHandleTests.unnumbered(run).hasPrefix(LoadHandleTests.unnumbered(collected)))
        let kept = run.records("kept")
        #expect(kept.count == 50 && kept.values.allSatisfy { $0 == 2 }, "\(kept)")
    }

    /// The displays without their line numbers (the collect loops differ in length).
    static func unnumbered(_ run: Run) -> String {
        AsyncSolveTests.displays(run).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("----") else { return String(line) }
            return "----" + line.dropFirst(4).drop { $0 == " " || $0.isNumber }
        }.joined(separator: "\n")
    }

    /// The displayed results a run loaded (objective, statuses, levels, marginals).
    static func values(_ run: Run) -> [String: [[String]: Double]] {
        Dictionary(uniqueKeysWithValues: ["zs", "ms", "ss", "xs", "dm"].map { ($0, run.records($0)) })
    }

    /// One LP; `%then%` is what happens to its handle before `execute_loadHandle m;`.
    static let one = """
    Positive Variable x; Variable z;
    Equation e, obj;
    e.. x =g= 2;
    obj.. z =e= 3*x;
    Model m / all /, n / e, obj /;
    m.solveLink = %solveLink.asyncThreads%;
    solve m using lp minimizing z;
    Scalar h, r;
    h = m.handle;
    r = readyCollect(h);
    %then%
    execute_loadHandle m;
    display x.l;
    """

    /// A deleted instance, a handle that never was one, a model without an asynchronous solve
    /// and a handle of another model: each is E4094 at the statement, and the levels stay as
    /// they were (x.l is 0: nothing was loaded).
    @Test func handleThatNamesNoSolutionIsAnError() {
        let cases: [(String, String)] = [
            ("r = handleDelete(h);", "execute_loadHandle m failed: no solve instance has handle 1"),
            ("m.handle = 7;", "execute_loadHandle m failed: no solve instance has handle 7"),
            ("m.handle = 0.5;", "execute_loadHandle m failed: m.handle is 0.5, not a handle"),
            ("n.solveLink = 6; solve n using lp minimizing z; h = n.handle; r = readyCollect(h); m.handle = h;",
             "execute_loadHandle m failed: handle 2 is a solve of model n"),
        ]
        for (then, message) in cases {
            let run = runSource(LoadHandleTests.one.replacingOccurrences(of: "%then%", with: then))
            #expect(run.result.exitCode.rawValue == 2, "\(then): \(run.diagnostics)")
            #expect(run.diagnostics.contains("error[E4094]: \(message)\n  --> model.gms:12:1\n"), "\(then): \(run.diagnostics)")
            #expect(run.records("x", "l")[[]] == nil, "\(then): nothing is loaded")
        }
    }

    /// A model whose `handle` was never set (no asynchronous solve): E4094 with GAMS's 0.
    @Test func modelWithoutAsynchronousSolveIsAnError() {
        let run = runSource("""
        Variable z; Equation obj; obj.. z =e= 1;
        Model m / obj /;
        execute_loadHandle m;
        """)
        #expect(run.diagnostics == """
        error[E4094]: execute_loadHandle m failed: m.handle is 0, not a handle
         --> model.gms:3:1
          |
        3 | execute_loadHandle m;
          | ^^^^^^^^^^^^^^^^^^
          = help: solve m with solveLink 3 or 6 first, or set m.handle to a handle it gave out

        """)
    }

    /// The name must be a model (E2033), and the statement needs one (E0011).
    @Test func statementIsCheckedWhenCompiled() {
        let notModel = runSource("Scalar p; execute_loadHandle p;")
        #expect(codes(notModel) == ["E2033"], "\(notModel.diagnostics)")
        #expect(notModel.diagnostics.contains("'p' is a parameter, not a model"))
        let missing = runSource("Scalar p; execute_loadHandle;")
        #expect(codes(missing) == ["E0011"], "\(missing.diagnostics)")
    }

    /// A solve still queued (one grid worker, busy with a longer NLP) is E4094 at once:
    /// the statement never waits; its solution is loaded once it has finished.
    @Test func runningSolveIsAnErrorNotAWait() throws {
        let run = try GridTests.run("""
        Set i / i1*i2000 /;
        Variable x(i), z;
        Equations obj, link(i);
        obj.. z =e= sum(i, sqr(x(i) - ord(i)/1000) + exp(x(i)/10));
        link(i)$(ord(i) > 1).. x(i) - x(i-1) =l= 0.01*ord(i);
        Model m / all /;
        m.solveLink = 3;
        option threadsAsync = 1;
        Scalar h1, h2, r, z1;
        solve m using nlp minimizing z;
        h1 = m.handle;
        solve m using nlp minimizing z;
        h2 = m.handle;
        execute_loadHandle m;
        r = readyCollect(h2, 60);
        execute_loadHandle m;
        z1 = z.l;
        display r, z1;
        """, defines: [:])
        #expect(run.diagnostics.contains("error[E4094]: execute_loadHandle m failed: the solve of handle 2 is still running\n  --> model.gms:14:1"), "\(run.diagnostics)")
        #expect(codes(run) == ["E4094"])
        #expect((run.records("z1")[[]] ?? 0) != 0, "\(run.output)")
    }
}
