import Diagnostics
import Driver
import Foundation
import Testing

/// Defects found in use, each pinned by a test.
@Suite struct RegressionTests {
    /// Path arithmetic must not trap on one-character names (Foundation's does on Linux).
    @Test func pathsOfShortNames() {
        #expect(Paths.directory(of: "r") == "")
        #expect(Paths.directory(of: "r/") == "")
        #expect(Paths.directory(of: "/x") == "/")
        #expect(Paths.directory(of: "a/b.gms") == "a")
        #expect(Paths.directory(of: "a/b/") == "a")
        #expect(Paths.directory(of: "") == "")
        #expect(Paths.join("", "inc.gms") == "inc.gms")
        #expect(Paths.join("a", "inc.gms") == "a/inc.gms")
        #expect(Paths.join("a/", "inc.gms") == "a/inc.gms")
        #expect(Paths.join("a", "/abs/inc.gms") == "/abs/inc.gms")
    }

    /// A model file with a one-letter name in the working folder runs (it used to trap).
    @Test func oneLetterModelFileName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-short-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Scalar a / 2 /;\n$include i\ndisplay a, b;\n".write(to: dir.appendingPathComponent("r"), atomically: true, encoding: .utf8)
        try "Scalar b / 3 /;\n".write(to: dir.appendingPathComponent("i"), atomically: true, encoding: .utf8)
        let previous = FileManager.default.currentDirectoryPath
        #expect(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let result = Driver.run(path: "r")
        #expect(result.exitCode.rawValue == 0)
        #expect(result.diagnostics.isEmpty)
    }

    /// `$eval` computes numbers at compile time: integers without a fraction, operators and
    /// functions as GAMS's, and the result usable wherever `%name%` is.
    @Test func evalComputesCompileTimeNumbers() {
        let run = runSource("""
        $set aamem 5
        $eval n %aamem% + 1
        $eval half max(2**3, 7) / 2
        $evalGlobal flag (mod(17, 5) = 2) and not 0
        $evalLocal r round(10/3, 2) + floor(-1.5) + sqrt(16) - abs(-2) + 3^2
        Set h / h1*h%n% /;
        Scalars half / %half% /, flag / %flag% /, r / %r% /, cardh;
        cardh = card(h);
        display cardh, half, flag, r;
        """)
        #expect(run.diagnostics.isEmpty)
        #expect(run.records("cardh")[[]] == 6)
        #expect(run.records("half")[[]] == 4)
        #expect(run.records("flag")[[]] == 1)
        let expected: Double = 3.33 - 2 + 4 - 2 + 9
        #expect(abs((run.records("r")[[]] ?? 0) - expected) < 1e-12)
    }

    /// `$ifThen/$elseIf/$else/$endIf` blocks: the first branch whose condition holds is used,
    /// blocks nest (a tag after a dot is ignored), skipped branches are not read at all.
    @Test(arguments: [("a", 1.0, 6.0), ("b", 2.0, 6.0), ("c", 3.0, 6.0), ("B", 2.0, 6.0)])
    func ifThenBlocksChooseOneBranch(_ mode: String, _ x: Double, _ y: Double) {
        let run = runSource("""
        $ifThenI %mode% == a
        Scalar x / 1 /;
        $elseIfI %mode% == b
        Scalar x / 2 /;
        $else
        Scalar x / 3 /;
        $endIf
        $ifThen.outer set nothing
        this line is never read %unset% ;
        $ifThen.inner 1 == 1
        neither is this one
        $endIf.inner
        $elseIf not set nothing
        $ifThen exist model.gms
        Scalar y / 6 /;
        $else
        Scalar y / 7 /;
        $endIf
        $endIf.outer
        display x, y;
        """, defines: ["mode": mode])
        #expect(run.diagnostics.isEmpty)
        #expect(run.records("x")[[]] == x)
        #expect(run.records("y")[[]] == y)
    }

    /// `$ifThenE`, `$elseIfE` and `$ifE` take numeric conditions (true when not 0).
    @Test(arguments: [("3", 1.0), ("2", 2.0), ("0", 3.0)])
    func numericConditions(_ n: String, _ x: Double) {
        let run = runSource("""
        Scalars x, y / 0 /;
        $ifThenE %n% > 2
        x = 1;
        $elseIfE %n% = 2
        x = 2;
        $else
        x = 3;
        $endIf
        $ifE (%n%*2 = 6) y = 5;
        display x, y;
        """, defines: ["n": n])
        #expect(run.diagnostics.isEmpty)
        #expect(run.records("x")[[]] == x)
        #expect(run.records("y")[[]] ?? 0 == (n == "3" ? 5 : 0))
    }

    /// `option p:d` sets the display decimals of one symbol, over `option decimals`.
    @Test func perSymbolDecimals() {
        let run = runSource("""
        Set i / a, b /; Parameter p(i) / a 1.23456, b 2 /, q(i);
        q(i) = p(i);
        option decimals = 2, p:1;
        display p, q;
        """)
        #expect(run.diagnostics.isEmpty)
        #expect(run.output.contains("a 1.2,    b 2.0"))
        #expect(run.output.contains("a 1.23,    b 2.00"))
    }

    /// A loop re-solving an LP starts each solve from the previous basis (GAMS's default): the same
    /// optima as cold starts (`option bratio = 1`), in fewer simplex iterations.
    @Test func loopResolvesStartFromThePreviousBasis() {
        func run(_ bratio: String) -> Run {
            runSource("""
            Sets k scenarios / k1*k6 /, i plants / p1*p4 /, j markets / m1*m6 /;
            Parameters a(i), b(j), c(i,j), obj(k), iters(k);
            a(i) = 100 + 20*ord(i);
            c(i,j) = 1 + mod(3*ord(i) + 7*ord(j), 11)/3 + sqrt(ord(i)*ord(j))/50;
            Positive Variable x(i,j); Variable z;
            Equations cost, supply(i), demand(j);
            cost.. z =e= sum((i,j), c(i,j)*x(i,j));
            supply(i).. sum(j, x(i,j)) =l= a(i);
            demand(j).. sum(i, x(i,j)) =g= b(j);
            Model m / all /;
            \(bratio)
            loop(k,
               b(j) = 40 + 3*ord(k) + 5*ord(j) + sqrt(ord(k) + ord(j));
               Solve m using lp minimizing z;
               obj(k) = z.l;
               iters(k) = m.iterUsd;
            );
            display obj, iters;
            """, blocks: false)
        }
        let warm = run(""), cold = run("option bratio = 1;")
        #expect(warm.diagnostics.isEmpty && cold.diagnostics.isEmpty)
        let w = warm.records("obj"), c = cold.records("obj")
        #expect(w.count == 6)
        for (k, v) in c { #expect(abs((w[k] ?? 0) - v) < 1e-9 * max(1, abs(v)), "\(k)") }
        let warmIterations = warm.records("iters").values.reduce(0, +), coldIterations = cold.records("iters").values.reduce(0, +)
        #expect(warmIterations < coldIterations, "warm \(warmIterations), cold \(coldIterations)")
    }

    /// A loop re-solving a nonlinear model of unchanged structure starts Ipopt from the previous
    /// point's multipliers: the same optima as cold starts (`warm_start_init_point no` in the
    /// option file turns the warm start off), in fewer interior-point iterations.
    @Test func loopResolvesStartIpoptFromThePreviousMultipliers() {
        func run(_ optionFile: String) -> Run {
            let model = """
            Sets k rounds / k1*k8 /, t hours / t1*t24 /;
            Parameters price(t), target(t), obj(k), iters(k), stat(k);
            price(t) = 30 + 20*sin(ord(t)/4);
            Positive Variables ch(t), dis(t);
            Variables soc(t), net(t), u;
            ch.up(t) = 2; dis.up(t) = 2; soc.lo(t) = 1; soc.up(t) = 8;
            Equations bal(t), defnet(t), defu;
            bal(t).. soc(t) =e= soc(t-1) + 4$(ord(t) = 1) + 0.9*ch(t) - dis(t)/0.9;
            defnet(t).. net(t) =e= dis(t) - ch(t);
            defu.. u =e= sum(t, price(t)*net(t) - 5*sqr(net(t) - target(t)));
            Model m / all /;
            m.optFile = 1;
            target(t) = 0;
            loop(k,
               Solve m using qcp maximizing u;
               obj(k) = u.l;
               iters(k) = m.iterUsd;
               stat(k) = m.modelStat;
               target(t) = 0.5*target(t) + 0.5*net.l(t) + 0.5*cos(ord(t) + ord(k))/sqr(ord(k));
            );
            display obj, iters, stat;
            """
            return runFiles(["model.gms": model, "ipopt.opt": optionFile], main: "model.gms")
        }
        expectWarmStartsPay(solves: 8, run)
    }

    /// One solve statement that solves one agent after another (a dynamic set picks the agent,
    /// so the rows differ from solve to solve) starts each agent's solve from that agent's own
    /// previous multipliers: the same optima as cold starts, in fewer interior-point iterations.
    @Test func loopOverAgentsStartsEachAgentFromItsOwnPreviousSolve() {
        func run(_ optionFile: String) -> Run {
            let model = """
            Sets k rounds / k1*k6 /, a agents / a1*a3 /, t hours / t1*t24 /, act(a) agents solved;
            Alias (a, ag);
            Parameters price(t), ref(a,t), obj(k,a), iters(k,a), stat(k,a);
            price(t) = 30 + 20*sin(ord(t)/4);
            ref(a,t) = 0;  act(a) = yes;
            Positive Variables ch(a,t), dis(a,t);
            Variables soc(a,t), net(a,t), u;
            ch.up(a,t) = ord(a); dis.up(a,t) = ord(a); soc.lo(a,t) = 1; soc.up(a,t) = 4*ord(a);
            Equations bal(a,t), defnet(a,t), defu;
            bal(a,t)$act(a).. soc(a,t) =e= soc(a,t-1) + 2$(ord(t) = 1) + 0.9*ch(a,t) - dis(a,t)/0.9;
            defnet(a,t)$act(a).. net(a,t) =e= dis(a,t) - ch(a,t);
            defu.. u =e= sum(act(a), sum(t, price(t)*net(a,t) - 5*sqr(net(a,t) - ref(a,t))));
            Model m / all /;
            m.optFile = 1;
            loop(k,
               loop(ag,
                  act(a) = no; act(ag) = yes;
                  Solve m using qcp maximizing u;
                  obj(k,ag) = u.l;
                  iters(k,ag) = m.iterUsd;
                  stat(k,ag) = m.modelStat;
               );
               ref(a,t) = 0.5*ref(a,t) + 0.5*net.l(a,t) + 0.5*cos(ord(t) + ord(k) + ord(a))/sqr(ord(k));
            );
            display obj, iters, stat;
            """
            return runFiles(["model.gms": model, "ipopt.opt": optionFile], main: "model.gms")
        }
        expectWarmStartsPay(solves: 18, run)
    }

    /// Runs a model with Ipopt's warm starts (the default) and without (`warm_start_init_point
    /// no`): every solve optimal, the same objectives, and fewer iterations in all with warm starts.
    private func expectWarmStartsPay(solves: Int, _ run: (String) -> Run) {
        let warm = run("tol 1e-9\n"), cold = run("tol 1e-9\nwarm_start_init_point no\n")
        #expect(warm.diagnostics.isEmpty && cold.diagnostics.isEmpty, "\(warm.diagnostics)\(cold.diagnostics)")
        #expect(warm.records("stat").values.allSatisfy { $0 == 2 } && cold.records("stat").values.allSatisfy { $0 == 2 })
        let w = warm.records("obj"), c = cold.records("obj")
        #expect(w.count == solves && c.count == solves)
        for (k, v) in c { #expect(abs((w[k] ?? 0) - v) < 1e-6 * max(1, abs(v)), "\(k): warm \(w[k] ?? 0), cold \(v)") }
        let warmIterations = warm.records("iters").values.reduce(0, +), coldIterations = cold.records("iters").values.reduce(0, +)
        #expect(warmIterations < coldIterations, "warm \(warmIterations), cold \(coldIterations)")
    }

    /// A name declared again names the included file of its first declaration.
    @Test func redeclarationNamesTheIncludedFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-redecl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let main = dir.appendingPathComponent("main.enm"), part = dir.appendingPathComponent("part.enm")
        try "Set a / x /;\n".write(to: part, atomically: true, encoding: .utf8)
        try "$include part.enm\nParameter a / y 1 /;\n".write(to: main, atomically: true, encoding: .utf8)
        let result = Driver.run(path: main.path)
        #expect(result.diagnostics.map(\.code) == ["E1002"])
        #expect(result.diagnostics.first?.notes == ["'a' was declared as a set at \(part.path):1"])
    }

    /// Equation bounds written back after a solve are 0, not EPS, when the constants cancel.
    @Test func equationBoundsAreNotEPS() {
        let run = runSource("""
        Variable z; Positive Variable x;
        Equation cost, c;
        cost.. z =e= x;
        c.. x =g= 1;
        Model m / all /;
        Solve m using lp minimizing z;
        display cost.lo, cost.up;
        """)
        #expect(run.output.contains("EQUATION cost.LO               =        0.000"))
        #expect(!run.output.contains("EPS"))
    }

    /// Terms the model-type check counts as linear are generated as linear terms.
    @Test func linearPowersAndDataIfThenInLP() {
        let run = runSource("""
        Positive Variable x, y;
        Variable z;
        Scalar flag / 1 /;
        Equation cost, cap;
        cost.. z =e= 3*x**1 + ifThen(flag > 0, y, 2*y) + power(x, 1) + x**0;
        cap..  x + y =l= 4;
        Model m / all /;
        solve m using lp maximizing z;
        """)
        #expect(run.result.exitCode.rawValue == 0)
        #expect(run.solves.first?.objective == 17)
    }

    /// `$if set x ... %x%`: an unset variable in the skipped part of a conditional line is no
    /// error (as in GAMS); in the part that is used it is.
    @Test func unsetVariableOnSkippedConditionalLine() {
        let source = """
        Scalar a / 1 /;
        $if set opt a = %opt%;
        $if not set opt a = 2 + %missing%;
        display a;
        """
        let unset = runSource(source)
        #expect(unset.result.diagnostics.map(\.code) == ["E0103"])
        #expect(unset.diagnostics.contains("3:25"))
        let set = runSource(source, defines: ["opt": "5"])
        #expect(set.result.diagnostics.isEmpty)
        #expect(set.output.contains("PARAMETER a                    =        5.000"))
    }

    /// Equation domains conditioned on a set walk only its members (sparse), still in the
    /// plain nested order of the domain, whatever the order the members were entered in.
    @Test func sparseEquationDomainKeepsDomainOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try """
        Set n / n1*n4 /, t / t1*t2 /;
        Alias (n, i, j);
        Set br(n,n) / n3.n4, n1.n2, n2.n3, n1.n3 /;
        Positive Variable f(i,j,t);
        Variable z;
        Equation cap(i,j,t), back(i,j,t), cost;
        cap(i,j,t)$br(i,j)..  f(i,j,t) =l= ord(t);
        back(i,j,t)$br(j,i).. f(j,i,t) =g= 0;
        cost.. z =e= sum((i,j,t)$br(i,j), f(i,j,t));
        Model m / all /;
        Solve m using lp maximizing z;
        """.write(to: file, atomically: true, encoding: .utf8)
        let r = Driver.run(path: file.path, options: RunOptions(mode: .firstModel))
        let rows = try #require(r.firstModel?.model.rowOrigin.map(\.displayName))
        #expect(rows == [
            "cap(n1,n2,t1)", "cap(n1,n2,t2)", "cap(n1,n3,t1)", "cap(n1,n3,t2)", "cap(n2,n3,t1)", "cap(n2,n3,t2)",
            "cap(n3,n4,t1)", "cap(n3,n4,t2)",
            "back(n2,n1,t1)", "back(n2,n1,t2)", "back(n3,n1,t1)", "back(n3,n1,t2)", "back(n3,n2,t1)", "back(n3,n2,t2)",
            "back(n4,n3,t1)", "back(n4,n3,t2)",
            "cost",
        ])
    }

    /// The same with the linked pair in the middle of the domain and reversed.
    @Test func sparseEquationDomainBlockInTheMiddle() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try """
        Set n / n1*n3 /, t / t1*t2 /, k / k1*k2 /;
        Alias (n, i, j);
        Set br(n,n) / n3.n1, n2.n1, n1.n3 /;
        Positive Variable f(t,i,j,k);
        Variable z;
        Equation mid(t,i,j,k);
        mid(t,i,j,k)$br(j,i)..  z =g= f(t,i,j,k);
        Model m / all /;
        Solve m using lp minimizing z;
        """.write(to: file, atomically: true, encoding: .utf8)
        let r = Driver.run(path: file.path, options: RunOptions(mode: .firstModel))
        let rows = try #require(r.firstModel?.model.rowOrigin.map(\.displayName))
        var expected: [String] = []
        for t in ["t1", "t2"] {
            for (i, j) in [("n1", "n2"), ("n1", "n3"), ("n3", "n1")] {
                for k in ["k1", "k2"] { expected.append("mid(\(t),\(i),\(j),\(k))") }
            }
        }
        #expect(rows == expected)
    }
}
