import Execution
import IR
import Testing

/// `option lp = clp;`, `option mip = cbc;` and their option files, end to end: the same
/// optimum, levels and marginals as GLPK, and the same statuses and analyses.
@Suite("CLP and CBC from GAMS source")
struct CoinSolverTests {
    /// GAMS's transport model; `%pick%` chooses the backend.
    static let transport = """
        Sets i / seattle, san-diego /, j / new-york, chicago, topeka /;
        Parameters a(i) / seattle 350, san-diego 600 /, b(j) / new-york 325, chicago 300, topeka 275 /;
        Table d(i,j)
                      new-york   chicago   topeka
        seattle          2.5       1.7       1.8
        san-diego        2.5       1.8       1.4 ;
        Scalar f / 90 /;
        Parameter c(i,j); c(i,j) = f*d(i,j)/1000;
        Variables x(i,j), z; Positive Variable x;
        Equations cost, supply(i), demand(j);
        cost.. z =e= sum((i,j), c(i,j)*x(i,j));
        supply(i).. sum(j, x(i,j)) =l= a(i);
        demand(j).. sum(i, x(i,j)) =g= b(j);
        Model transport / all /;
        %pick%
        Solve transport using lp minimizing z;
        Scalar stat; stat = transport.modelStat;
        display x.l, x.m, supply.m, demand.m, z.l, stat;
        """

    private func transport(_ pick: String) -> Run {
        runSource(CoinSolverTests.transport.replacingOccurrences(of: "%pick%", with: pick))
    }

    @Test(arguments: ["option lp = clp;", "option lp = cbc;"])
    func lpMatchesGLPK(_ pick: String) {
        let glpk = transport(""), coin = transport(pick)
        #expect(coin.diagnostics.isEmpty, "\(coin.diagnostics)")
        #expect(coin.solves.first?.solver == (pick.hasSuffix("clp;") ? "clp" : "cbc"))
        #expect(coin.records("stat") == [[]: 1])
        for (symbol, attribute) in [("x", "l"), ("x", "m"), ("supply", "m"), ("demand", "m"), ("z", "l")] {
            let expected = glpk.records(symbol, attribute), actual = coin.records(symbol, attribute)
            #expect(!expected.isEmpty, "\(symbol).\(attribute)")
            expectSame(actual, expected, "\(symbol).\(attribute)")
        }
        #expect(coin.records("demand", "m")[["new-york"]] == 0.225)
    }

    /// A small facility location: the optimum is unique (open the second site only).
    static let facilities = """
        Sets s / s1*s3 /, k / k1*k4 /;
        Parameters fix(s) / s1 100, s2 80, s3 120 /, cap(s) / s1 50, s2 70, s3 60 /,
                   dem(k) / k1 15, k2 20, k3 10, k4 18 /;
        Table ship(s,k)
              k1  k2  k3  k4
        s1     4   6   9   5
        s2     5   4   7   6
        s3     6   3   4   8 ;
        Binary Variable open(s); Positive Variable y(s,k); Variable cost;
        Equations total, serve(k), limit(s);
        total.. cost =e= sum(s, fix(s)*open(s)) + sum((s,k), ship(s,k)*y(s,k));
        serve(k).. sum(s, y(s,k)) =g= dem(k);
        limit(s).. sum(k, y(s,k)) =l= cap(s)*open(s);
        Model loc / all /;
        loc.optCr = 0;
        %pick%
        Solve loc using mip minimizing cost;
        Scalar stat, bound; stat = loc.modelStat; bound = loc.objEst;
        display open.l, y.l, cost.l, stat;
        """

    @Test func mipMatchesGLPK() {
        let glpk = runSource(CoinSolverTests.facilities.replacingOccurrences(of: "%pick%", with: ""))
        let cbc = runSource(CoinSolverTests.facilities.replacingOccurrences(of: "%pick%", with: "option mip = cbc;"))
        #expect(cbc.diagnostics.isEmpty, "\(cbc.diagnostics)")
        #expect(cbc.solves.first?.solver == "cbc" && cbc.solves.first?.modelStatus == .optimal)
        #expect(cbc.records("stat") == [[]: 1])
        for symbol in ["cost", "open", "y"] { expectSame(cbc.records(symbol, "l"), glpk.records(symbol, "l"), symbol) }
        #expect(cbc.records("open", "l") == [["s2"]: 1])
        #expect(abs((cbc.solves.first?.bestBound ?? 0) - 413) < 1e-9 && abs((cbc.solves.first?.objective ?? 0) - 413) < 1e-9)
    }

    @Test func optionFileSettingCBCCannotTakeIsALocatedError() {
        let source = CoinSolverTests.facilities.replacingOccurrences(of: "%pick%", with: "option mip = cbc; loc.optFile = 1;")
        let run = runFiles(["model.gms": source, "cbc.opt": "cuts off\nnodelimit 5\n"], main: "model.gms")
        #expect(run.diagnostics.contains("error[E4024]: cbc.opt: unknown CBC option 'nodelimit'; CBC's options are cutoff, cuts,"),
                "\(run.diagnostics)")
        #expect(run.diagnostics.contains("model.gms:17:1"))
    }

    @Test func optionFileReachesCLP() {
        let source = CoinSolverTests.transport.replacingOccurrences(of: "%pick%", with: "option lp = clp; transport.optFile = 1;")
        let run = runFiles(["model.gms": source, "clp.opt": "startalg barrier\npresolve off\n"], main: "model.gms")
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.records("stat") == [[]: 1])
        #expect(run.records("z", "l") == [[]: 153.675])
    }

    @Test func infeasibleLPIsExplainedThroughCLP() {
        let source = CoinSolverTests.transport
            .replacingOccurrences(of: "%pick%", with: "option lp = clp; b('topeka') = 1000;")
        let glpk = runSource(source.replacingOccurrences(of: "option lp = clp;", with: ""))
        let coin = runSource(source)
        let solve = try! #require(coin.solves.first)
        #expect(solve.modelStatus == .infeasible && solve.solver == "clp")
        let conflict = try! #require(solve.conflict)
        #expect(conflict.members.contains { $0.symbol == "supply" } && conflict.members.contains { $0.symbol == "demand" })
        #expect(conflict.members.map(\.detail) == glpk.solves.first?.conflict?.members.map(\.detail))
    }

    @Test func loopRestartsFromThePreviousBasis() {
        let source = CoinSolverTests.transport
            .replacingOccurrences(of: "%pick%", with: "option lp = clp; Set k / k1*k3 /; Parameter it(k), obj(k);")
            .replacingOccurrences(of: "Solve transport using lp minimizing z;", with: """
                loop(k, b('chicago') = 300 + ord(k); Solve transport using lp minimizing z; it(k) = transport.iterUsd; obj(k) = z.l;);
                display it, obj;
                """)
        let run = runSource(source)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        let iterations = run.records("it"), objectives = run.records("obj")
        // a display leaves zeros out: the second and third solves start at the optimal basis
        #expect(iterations[["k1"]] != nil && iterations[["k2"]] == nil && iterations[["k3"]] == nil, "\(iterations)")
        let glpk = runSource(source.replacingOccurrences(of: "option lp = clp;", with: ""))
        expectSame(objectives, glpk.records("obj"), "obj")
        #expect(objectives.count == 3)
    }

    /// Independent blocks (one per period) solved in parallel give the whole model's answer.
    @Test(arguments: ["option lp = clp;", "option mip = cbc;"])
    func blocksSolveThroughCOIN(_ pick: String) {
        let type = pick.contains("mip") ? "mip" : "lp"
        let source = """
            Set t / t1*t6 /;
            Parameter d(t); d(t) = 3 + mod(ord(t)*7, 5) + 0.5;
            \(type == "mip" ? "Integer" : "Positive") Variable n(t); Positive Variable spare(t); Variable z;
            n.up(t) = 10;
            Equations meet(t), total;
            meet(t).. 2*n(t) - spare(t) =e= d(t);
            total.. z =e= sum(t, 5*n(t) + spare(t));
            Model m / all /;
            \(pick)
            Solve m using \(type) minimizing z;
            display z.l;
            """
        let glpk = runSource(source.replacingOccurrences(of: pick, with: ""), blocks: true)
        let coin = runSource(source, blocks: true)
        #expect(coin.diagnostics.isEmpty, "\(coin.diagnostics)")
        #expect(coin.solves.first?.modelStatus == .optimal)
        let expected = glpk.records("z", "l")[[]] ?? .nan
        #expect(abs((coin.records("z", "l")[[]] ?? 0) - expected) < 1e-9)
    }

    /// The same records, values within 1e-9 (relative beyond 1).
    private func expectSame(_ actual: [[String]: Double], _ expected: [[String]: Double], _ what: String) {
        #expect(actual.keys == expected.keys, "\(what): \(actual) vs \(expected)")
        for (k, v) in expected {
            #expect(abs((actual[k] ?? .nan) - v) <= 1e-9 * max(1, abs(v)), "\(what)\(k): \(actual[k] ?? .nan) vs \(v)")
        }
    }
}
