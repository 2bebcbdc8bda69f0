import Driver
import Execution
import Foundation
import Testing

/// GAMS's asynchronous solves (`solveLink` 3, 4, 6, 7): handles, the collect loop, the handle
/// functions' return values, and results identical to synchronous solves.
@Suite struct AsyncSolveTests {
    /// The displays of a run as `enm solve` prints them, without the solve summaries (their
    /// place differs: an asynchronous solve reports when it is collected).
    static func displays(_ run: Run) -> String {
        var text = ""
        let printer = TextPrinter(timing: false) { text += $0 }
        for case .display(let d) in run.result.events { printer.take(.display(d)) }
        printer.flush()
        return text
    }

    /// A transport LP per scenario, the scenario scaling the demand: `%link%` is the solveLink;
    /// synchronous solves store their results in the loop, asynchronous ones in GAMS's collect
    /// loop (the form without parentheses, as GAMS's grid examples write it).
    static let scenarios = """
    Set s / s1*s%n% /, i / i1*i4 /, j / j1*j3 /;
    Parameter cap(i) / i1 30, i2 45, i3 25, i4 40 /, dem(j) / j1 40, j2 35, j3 30 /;
    Parameter c(i,j), d(j), scale(s);
    c(i,j) = 1 + mod(ord(i)*7 + ord(j)*3, 11);
    scale(s) = 0.503 + ord(s)/100;
    Positive Variable x(i,j); Variable z;
    Equations obj, supply(i), demand(j);
    obj.. z =e= sum((i,j), c(i,j)*x(i,j));
    supply(i).. sum(j, x(i,j)) =l= cap(i);
    demand(j).. sum(i, x(i,j)) =g= d(j);
    Model m / all /;
    m.solveLink = %link%;
    Parameter h(s), zs(s), ms(s), ss(s), xs(s,i,j), dm(s,j);
    loop(s,
      d(j) = dem(j)*scale(s);
      solve m using lp minimizing z;
      h(s) = m.handle;
      if(m.solveLink = 0, zs(s) = z.l; ms(s) = m.modelStat; ss(s) = m.solveStat; xs(s,i,j) = x.l(i,j); dm(s,j) = demand.m(j));
    );
    if(m.solveLink <> 0,
    repeat
      loop(s$handleCollect(h(s)),
        zs(s) = z.l; ms(s) = m.modelStat; ss(s) = m.solveStat; xs(s,i,j) = x.l(i,j); dm(s,j) = demand.m(j);
        display$handleDelete(h(s)) 'trouble deleting handles';
        h(s) = 0;
      );
      display$(card(h) and readyCollect(h, 100)) 'waiting for the next solve failed';
    until card(h) = 0 or timeElapsed > 100;
    );
    display zs, ms, ss, xs, dm;
    """

    /// Fifty independent LPs display the same under solveLink 0 (synchronous), 3 (grid, on the
    /// local pool), 4 (simulated grid), 6 (threads) and 7 (simulated threads), and each is
    /// reported once, when it is collected.
    @Test func fiftyLPsDisplayTheSameUnderEverySolveLink() {
        let reference = runSource(AsyncSolveTests.scenarios, defines: ["n": "50", "link": "0"])
        #expect(reference.result.exitCode.rawValue == 0, "\(reference.diagnostics)")
        #expect(reference.solves.count == 50)
        #expect(abs((reference.records("zs")[["s50"]] ?? 0) - 311.86) < 1e-9)
        #expect(reference.records("ms").count == 50)
        let expected = AsyncSolveTests.displays(reference)
        for link in ["3", "4", "6", "7"] {
            let run = runSource(AsyncSolveTests.scenarios, defines: ["n": "50", "link": link])
            #expect(run.result.exitCode.rawValue == 0, "solveLink \(link): \(run.diagnostics)")
            #expect(run.solves.count == 50, "solveLink \(link)")
            #expect(AsyncSolveTests.displays(run) == expected, "solveLink \(link)")
        }
    }

    /// A small NLP per scenario (a sum of squares to a moving target under a nonlinear budget):
    /// twenty of them display the same under solveLink 0, 3 and 6.
    @Test func twentyNLPsDisplayTheSameUnderEverySolveLink() {
        let model = GridTests.nlps
        let reference = runSource(model, defines: ["link": "0"])
        #expect(reference.result.exitCode.rawValue == 0, "\(reference.diagnostics)")
        #expect(reference.records("ms").values.allSatisfy { $0 == 2 })
        #expect(reference.records("zs").count == 20)
        let expected = AsyncSolveTests.displays(reference)
        for link in ["3", "6"] {
            let run = runSource(model, defines: ["link": link])
            #expect(run.result.exitCode.rawValue == 0, "solveLink \(link): \(run.diagnostics)")
            #expect(run.solves.count == 20, "solveLink \(link)")
            #expect(AsyncSolveTests.displays(run) == expected, "solveLink \(link)")
        }
    }

    /// handleStatus, handleCollect and handleDelete return GAMS's codes; a collected instance
    /// stays ready (and can be collected again) until it is deleted; `m.number` counts solves.
    @Test func handleFunctionsReturnGAMSCodes() {
        let run = runSource("""
        Variable z; Positive Variable x;
        Equation e, obj;
        e.. x =g= 2;
        obj.. z =e= 3*x;
        Model m / all /;
        option solveLink = %solveLink.asyncThreads%;
        solve m using lp minimizing z;
        Scalar h, ready, st1, got, st2, again, del, st3, unknown, gone, n1, lvl;
        h = m.handle;
        n1 = m.number;
        ready = readyCollect(h, 60);
        st1 = handleStatus(h);
        got = handleCollect(h);
        lvl = x.l;
        x.l = 0;
        st2 = handleStatus(h);
        again = handleCollect(h);
        del = handleDelete(h);
        st3 = handleStatus(h);
        unknown = handleStatus(h + 1000);
        gone = handleCollect(h);
        display h, n1, ready, st1, got, lvl, st2, again, del, st3, unknown, gone, x.l;
        """)
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        let expected: [String: Double] = ["h": 1, "n1": 1, "ready": 0, "st1": 2, "got": 1, "lvl": 2, "st2": 2, "again": 1,
                                          "del": 0, "st3": 0, "unknown": 0, "gone": 0]
        for (name, value) in expected {
            #expect(run.records(name)[[]] ?? 0 == value, "\(name)")
        }
        // the second collect loaded the solution again, without a second report
        #expect(run.records("x", "l")[[]] == 2)
        #expect(run.solves.count == 1)
    }

    /// handleDelete and handleSubmit of a value that names no instance are execution errors
    /// (exit code 2) that return GAMS's codes; the run goes on.
    @Test func unknownHandlesAreExecutionErrors() {
        let run = runSource("""
        Scalar a, b, c, st;
        st = handleStatus(7);
        a = handleDelete(7);
        b = handleDelete(1.5);
        c = handleSubmit(7);
        display st, a, b, c;
        """)
        #expect(run.result.exitCode.rawValue == 2)
        #expect(run.records("st")[[]] ?? 0 == 0)
        #expect(run.records("a")[[]] == 2)
        #expect(run.records("b")[[]] == 1)
        #expect(run.records("c")[[]] == 2)
        #expect(run.diagnostics == """
        error[E4090]: handleDelete(7) failed with 2: no solve instance has handle 7 while evaluating a
         --> model.gms:3:5
          |
        3 | a = handleDelete(7);
          |     ^^^^^^^^^^^^^^^

        error[E4090]: handleDelete(1.5) failed with 1: 1.5 is not a handle while evaluating b
         --> model.gms:4:5
          |
        4 | b = handleDelete(1.5);
          |     ^^^^^^^^^^^^^^^^^

        error[E4091]: handleSubmit(7) failed with 2: no solve instance has handle 7 while evaluating c
         --> model.gms:5:5
          |
        5 | c = handleSubmit(7);
          |     ^^^^^^^^^^^^^^^
        """ + "\n")
    }

    /// Collecting an infeasible solve sets the model and solver status as the synchronous
    /// solve does (4 Infeasible, 1 Normal Completion), and the solve is reported infeasible.
    @Test func collectedInfeasibleSolveSetsTheStatuses() {
        let model = """
        Positive Variable x; Variable z;
        Equation e, obj;
        e.. x =l= -1;
        obj.. z =e= x;
        Model m / all /;
        m.solveLink = %link%;
        Scalar h, ms, ss, got;
        solve m using lp minimizing z;
        h = m.handle;
        got = handleCollect(h)$(m.solveLink <> 0 and readyCollect(h) = 0);
        ms = m.modelStat; ss = m.solveStat;
        display ms, ss;
        """
        for link in ["0", "6", "3"] {
            let run = runSource(model, defines: ["link": link])
            #expect(run.result.exitCode.rawValue == 3, "solveLink \(link)")
            #expect(run.records("ms")[[]] == 4, "solveLink \(link)")
            #expect(run.records("ss")[[]] == 1, "solveLink \(link)")
            #expect(run.solves.first?.modelStatus.rawValue == 4, "solveLink \(link)")
        }
    }

    /// readyCollect waits for a running solve: with one worker (`option threadsAsync = 1`) a
    /// small LP queued behind a large one is still running right after its solve statement
    /// (handleStatus 1), readyCollect with no time to wait gives 8, with time 0; when every
    /// handle was collected it gives 1, for no handle at all 2, for a value naming no
    /// instance 3.
    @Test func readyCollectWaits() {
        let run = runSource("""
        Set k / k1*k400 /, r / r1*r300 /;
        Parameter a(r,k), b(r), c(k);
        a(r,k) = 1 + mod(ord(r)*ord(k), 17);
        b(r) = 1000 + ord(r);
        c(k) = 1 + mod(ord(k), 13);
        Positive Variable y(k); Variable w;
        Equation rows(r), defw;
        rows(r).. sum(k, a(r,k)*y(k)) =g= b(r);
        defw.. w =e= sum(k, c(k)*y(k));
        Model big / rows, defw /;
        Positive Variable x; Variable z;
        Equation e, obj;
        e.. x =g= 2;
        obj.. z =e= 3*x;
        Model small / e, obj /;
        option threadsAsync = 1;
        big.solveLink = %solveLink.asyncGrid%;
        small.solveLink = %solveLink.asyncGrid%;
        Set hs / first, second /;
        Parameter h(hs), none(hs), bogus(hs);
        Scalar running, timedOut, waited, collected, allDone, empty, notHandles;
        solve big using lp minimizing w;
        h('first') = big.handle;
        solve small using lp minimizing z;
        h('second') = small.handle;
        running = handleStatus(h('second'));
        timedOut = readyCollect(h, 0)$(running = %handleStatus.running%);
        waited = readyCollect(h, 600);
        Parameter kept(hs);
        kept(hs) = h(hs);
        repeat
          loop(hs$handleCollect(h(hs)), collected = collected + 1; h(hs) = 0);
        until card(h) = 0;
        allDone = readyCollect(kept);
        empty = readyCollect(none);
        bogus('first') = 99;
        notHandles = readyCollect(bogus);
        display running, timedOut, waited, collected, allDone, empty, notHandles, x.l;
        """)
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        let expected: [String: Double] = ["running": 1, "timedOut": 8, "waited": 0, "collected": 2, "allDone": 1,
                                          "empty": 2, "notHandles": 3]
        for (name, value) in expected {
            #expect(run.records(name)[[]] ?? 0 == value, "\(name)")
        }
        #expect(run.records("x", "l")[[]] == 2)
    }

    /// handleSubmit runs a finished instance again (the model as generated): collected again,
    /// it gives the same solution and a second report.
    @Test func handleSubmitRunsTheInstanceAgain() {
        let run = runSource("""
        Positive Variable x; Variable z;
        Equation e, obj;
        e.. x =g= 2;
        obj.. z =e= 3*x;
        Model m / all /;
        m.solveLink = 6;
        Scalar h, first, resubmitted, second;
        solve m using lp minimizing z;
        h = m.handle;
        first = readyCollect(h, 60) + handleCollect(h);
        x.l = 0;
        resubmitted = handleSubmit(h);
        second = readyCollect(h, 60) + handleCollect(h);
        display first, resubmitted, second, x.l;
        """)
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.records("first")[[]] == 1)
        #expect(run.records("resubmitted")[[]] ?? 0 == 0)
        #expect(run.records("second")[[]] == 1)
        #expect(run.records("x", "l")[[]] == 2)
        #expect(run.solves.count == 2)
    }

    /// The handle functions cannot be part of an equation (E2090); readyCollect takes the
    /// name of a parameter of handles (E2091).
    @Test func handleFunctionsAreCheckedWhenCompiled() {
        let run = runSource("""
        Set s / a, b /;
        Parameter h(s);
        Variable x, z;
        Equation e;
        e.. z =e= x + handleStatus(1);
        Scalar r;
        r = readyCollect(h('a'));
        r = readyCollect(x);
        """)
        #expect(run.result.exitCode.rawValue == 1)
        #expect(run.diagnostics == """
        error[E2090]: 'handleStatus' cannot be part of an equation
         --> model.gms:5:15
          |
        5 | e.. z =e= x + handleStatus(1);
          |               ^^^^^^^^^^^^ handle functions act when the statement runs
          = help: assign its value to a parameter first, outside the equation

        error[E2091]: readyCollect needs the name of a parameter of handles as its first argument
         --> model.gms:7:18
          |
        7 | r = readyCollect(h('a'));
          |                  ^^^^^^
          = help: write 'readyCollect(h)' for handles kept in 'h(s) = m.handle'

        error[E2091]: readyCollect needs the name of a parameter of handles, and 'x' is a variable
         --> model.gms:8:18
          |
        8 | r = readyCollect(x);
          |                  ^
        """ + "\n")
    }
}
