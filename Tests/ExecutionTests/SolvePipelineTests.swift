import Execution
import IR
import Testing

/// A small LP: two columns x(a), x(b), the objective variable z; rows obj, limit(a), limit(b), need.
let smallLP = """
Set i / a, b /;
Parameter cost(i) / a 2, b 3 /, cap(i) / a 4, b 5 /;
Variable z;
Positive Variable x(i);
Equation obj, limit(i), need;
obj.. z =e= sum(i, cost(i)*x(i));
limit(i).. x(i) =l= cap(i);
need.. sum(i, x(i)) =g= 6;
Model m / all /;
m.iterLim = 55;
m.optCr = 0.01;

"""

/// A point of `smallLP` that satisfies every row (enm checks a linear backend's point against
/// the model: an infeasible point reported optimal is refused, W4071).
let feasiblePoint: [String: Double] = ["x(a)": 4, "x(b)": 2, "z": 14]

/// A registry with `backends`, each serving `types`.
func registry(_ backends: [(RecordingSolver, String)], types: Set<ModelType> = [.lp, .mip, .rmip]) -> SolverRegistry {
    var solvers = SolverRegistry()
    for (b, title) in backends { solvers.register(b, title: title, modelTypes: types) }
    return solvers
}

@Suite struct SolvePipelineTests {
    @Test func theBackendGetsTheGeneratedModelAndTheOptions() throws {
        let fake = RecordingSolver(name: "fake", answer: RecordingSolver.optimum(feasiblePoint))
        let run = runPipeline(smallLP + "solve m using lp minimizing z;", solvers: registry([(fake, "Fake")]))
        #expect(run.messages == [])
        let (model, options) = try #require(fake.calls.first)
        #expect(fake.calls.count == 1)
        #expect(model.rowOrigin.map(\.displayName).sorted() == ["limit(a)", "limit(b)", "need", "obj"])
        #expect(Set(model.columnOrigin.map(\.displayName)) == ["x(a)", "x(b)", "z"])
        #expect(model.nonzeroCount == 7)
        let rows = Dictionary(uniqueKeysWithValues: model.rowOrigin.enumerated().map { ($1.displayName, $0) })
        #expect(model.rowUpper[rows["limit(a)"]!] == 4)
        #expect(model.rowUpper[rows["limit(b)"]!] == 5)
        #expect(model.rowLower[rows["need"]!] == 6)
        #expect(model.rowUpper[rows["need"]!] == .infinity)
        #expect(options.iterLim == 55)
        #expect(options.optCr == 0.01)
        #expect(options.relaxIntegrality)
        #expect(!options.loadOnly)
        #expect(options.startBasis == nil)
        #expect(run.solves.map(\.solver) == ["fake"])
    }

    @Test func theBackendsAnswerIsWrittenBack() {
        let fake = RecordingSolver(name: "fake", answer: RecordingSolver.optimum(
            ["x(a)": 4, "x(b)": 2, "z": 14, "limit(a)": -1, "need": 3], objective: 14))
        let run = runPipeline(smallLP + """
            solve m using lp minimizing z;
            display x.l, z.l, limit.m, need.m;
            scalar stat; stat = m.modelStat;
            display stat;
            """, solvers: registry([(fake, "Fake")]))
        #expect(run.messages == [])
        #expect(run.records("x", "l") == [["a"]: 4, ["b"]: 2])
        #expect(run.records("z", "l") == [[]: 14])
        #expect(run.records("limit", "m") == [["a"]: -1])
        #expect(run.records("need", "m") == [[]: 3])
        #expect(run.records("stat") == [[]: 1])
        #expect(run.solves.first?.objective == 14)
    }

    @Test func aResolveStartsFromTheBasisTheBackendReturned() throws {
        let basis = SimplexBasis(rows: [1, 2, 2, 1], columns: [1, 1, 2])
        let fake = RecordingSolver(name: "fake", answer: RecordingSolver.optimum(["x(a)": 1], basis: basis))
        _ = runPipeline(smallLP + """
            Set k / 1*2 /;
            loop(k, solve m using lp minimizing z);
            """, solvers: registry([(fake, "Fake")]))
        try #require(fake.calls.count == 2)
        #expect(fake.calls[0].options.startBasis == nil)
        #expect(fake.calls[1].options.startBasis == basis)
    }

    @Test func anOptionPicksARegisteredBackendByName() {
        let alpha = RecordingSolver(name: "alpha", answer: RecordingSolver.optimum(feasiblePoint))
        let beta = RecordingSolver(name: "beta", answer: RecordingSolver.optimum(feasiblePoint))
        let run = runPipeline(smallLP + """
            option lp = beta;
            solve m using lp minimizing z;
            option lp = nosuch;
            solve m using lp minimizing z;
            option lp = default;
            solve m using lp minimizing z;
            solve m using mip minimizing z;
            """, solvers: registry([(alpha, "Alpha"), (beta, "Beta")]))
        #expect(run.solves.map(\.solver) == ["beta", "beta", "alpha", "alpha"])
        #expect(run.messages == ["W4001 solver 'nosuch' is not available; Beta is used for lp"])
        #expect(alpha.calls.map(\.options.relaxIntegrality) == [true, false])
    }

    @Test func eachModelTypeGoesToTheBackendThatSolvesIt() {
        let linear = RecordingSolver(name: "lin", answer: RecordingSolver.optimum(feasiblePoint))
        let nonlinear = RecordingSolver(name: "nonlin", answer: RecordingSolver.optimum(feasiblePoint, objective: 14))
        var solvers = SolverRegistry()
        solvers.register(linear, title: "Lin", modelTypes: [.lp])
        solvers.register(nonlinear, title: "Nonlin", modelTypes: [.nlp])
        let run = runPipeline(smallLP + """
            x.l(i) = 1;
            option nlp = lin;
            option minlp = lin;
            solve m using nlp minimizing z;
            solve m using lp minimizing z;
            """, solvers: solvers)
        #expect(run.messages == ["W4001 solver 'lin' is not available; Nonlin is used for nlp"])
        #expect(run.solves.map(\.solver) == ["nonlin", "lin"])
        #expect(nonlinear.calls.count == 1 && linear.calls.count == 1)
    }

    @Test func aModelTypeWithoutABackendIsSkipped() {
        let fake = RecordingSolver(name: "fake")
        let run = runPipeline(smallLP + """
            solve m using nlp minimizing z;
            scalar stat; stat = m.solveStat;
            display stat;
            """, solvers: registry([(fake, "Fake")]))
        #expect(fake.calls.isEmpty)
        #expect(run.solves.isEmpty)
        #expect(run.records("stat") == [[]: 12])
    }

    /// With scaling the backend gets `a·s_j / r_i` and `rhs / r_i`, and its answer in scaled
    /// units comes back in the model's: x = s·x', marginal of a row y = y' / r.
    @Test func scalingTransformsTheModelAndItsAnswer() throws {
        let fake = RecordingSolver(name: "fake", answer: RecordingSolver.optimum(["x(a)": 0.4, "x(b)": 2, "z": 14, "need": 6]))
        let run = runPipeline(smallLP + """
            m.scaleOpt = 1;
            x.scale('a') = 10;
            need.scale = 2;
            solve m using lp minimizing z;
            display x.l, need.m;
            """, solvers: registry([(fake, "Fake")]))
        #expect(run.messages == [])
        let (model, _) = try #require(fake.calls.first)
        let rows = Dictionary(uniqueKeysWithValues: model.rowOrigin.enumerated().map { ($1.displayName, $0) })
        let columns = Dictionary(uniqueKeysWithValues: model.columnOrigin.enumerated().map { ($1.displayName, Int32($0)) })
        func coefficient(_ row: String, _ column: String) -> Double? {
            let i = rows[row]!
            return (model.rowStart[i]..<model.rowStart[i + 1]).first { model.entryColumn[$0] == columns[column] }
                .map { model.entryValue[$0] }
        }
        #expect(coefficient("need", "x(a)") == 5)
        #expect(coefficient("need", "x(b)") == 0.5)
        #expect(model.rowLower[rows["need"]!] == 3)
        #expect(coefficient("limit(a)", "x(a)") == 10)
        #expect(model.rowUpper[rows["limit(a)"]!] == 4)
        #expect(run.records("x", "l") == [["a"]: 4, ["b"]: 2])
        #expect(run.records("need", "m") == [[]: 3])
    }

    /// With holdFixed a fixed column keeps no entries: its value moves to the rows' bounds, and
    /// the rows' levels get it back.
    @Test func holdFixedMovesFixedColumnsIntoTheBounds() throws {
        let fake = RecordingSolver(name: "fake", answer: RecordingSolver.optimum(["x(b)": 4, "z": 16]))
        let run = runPipeline(smallLP + """
            m.holdFixed = 1;
            x.fx('a') = 2;
            solve m using lp minimizing z;
            display x.l, x.m, need.l;
            """, solvers: registry([(fake, "Fake")]))
        #expect(run.messages == [])
        let (model, _) = try #require(fake.calls.first)
        let rows = Dictionary(uniqueKeysWithValues: model.rowOrigin.enumerated().map { ($1.displayName, $0) })
        let held = try #require(model.columnOrigin.firstIndex { $0.displayName == "x(a)" })
        #expect(!model.entryColumn.contains(Int32(held)))
        #expect(model.rowLower[rows["need"]!] == 4)
        #expect(model.rowUpper[rows["limit(a)"]!] == 2)
        #expect(run.records("x", "l") == [["a"]: 2, ["b"]: 4])
        #expect(run.records("x", "m") == [:])
        // the fake answers 0 for every row level; the held column's 2 is added back
        #expect(run.records("need", "l") == [[]: 2])
    }

    /// A backend that calls an infeasible point optimal is not believed: statuses 6 and 10 and
    /// W4071 naming the worst row.
    @Test func anInfeasiblePointReportedOptimalIsRefused() {
        let fake = RecordingSolver(name: "fake", answer: RecordingSolver.optimum(["x(a)": 1, "x(b)": 2, "z": 8]))
        let run = runPipeline(smallLP + """
            solve m using lp minimizing z;
            scalar ms, ss; ms = m.modelStat; ss = m.solveStat;
            display ms, ss;
            """, solvers: registry([(fake, "Fake")]))
        #expect(run.messages == ["W4071 fake reported 'Optimal' for a point that violates need by 3 (its coefficients range from 1 to 1); the solve is reported as model status 6, solver status 10"])
        #expect(run.records("ms") == [[]: 6])
        #expect(run.records("ss") == [[]: 10])
    }
}
