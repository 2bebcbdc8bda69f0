import Driver
import Foundation
import IR
import Testing

/// Independent blocks: a linear or mixed-integer model whose matrix splits (once the objective
/// variable's defining row is substituted out) is solved block by block, and the assembled
/// solution is the solution of the whole model.
@Suite struct BlockTests {
    /// Three regions, each a small transport problem with distinct costs (a unique, non-degenerate
    /// optimum), tied together only by the objective.
    static func regions(_ sense: String = "minimizing", extra: String = "") -> String {
        """
        Sets r regions / r1*r3 /, i plants / a, b /, j markets / m1*m3 /;
        Parameters cap(r,i), dem(r,j), c(r,i,j);
        cap(r,i) = 40 + 10*ord(r) + 15*ord(i) + sqrt(ord(r) + 2*ord(i));
        dem(r,j) = 20 + 5*ord(j) + 3*ord(r) + sqrt(3*ord(r) + ord(j))/7;
        c(r,i,j) = 1 + mod(7*ord(r) + 3*ord(i) + 5*ord(j), 11)/4 + sqrt(9*ord(r) + 3*ord(i) + ord(j))/100;
        Positive Variable x(r,i,j);
        Variable z;
        Equations obj, supply(r,i), demand(r,j);
        obj..          z =e= \(sense == "minimizing" ? "" : "-")sum((r,i,j), c(r,i,j)*x(r,i,j));
        supply(r,i)..  sum(j, x(r,i,j)) =l= cap(r,i);
        demand(r,j)..  sum(i, x(r,i,j)) =g= dem(r,j);
        \(extra)
        Model m / all /;
        Solve m using lp \(sense) z;
        display z.l, x.l, x.m, supply.m, demand.m, obj.m, obj.l;
        """
    }

    static func expectSameSolution(_ a: Run, _ b: Run, _ symbols: [(String, String?)],
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        for (symbol, attribute) in symbols {
            let x = a.records(symbol, attribute), y = b.records(symbol, attribute)
            #expect(Set(x.keys) == Set(y.keys), "\(symbol).\(attribute ?? "")", sourceLocation: sourceLocation)
            for (k, v) in x {
                #expect(abs(v - (y[k] ?? .nan)) <= 1e-9 * max(1, abs(v)), "\(symbol).\(attribute ?? "")\(k): \(v) vs \(String(describing: y[k]))",
                        sourceLocation: sourceLocation)
            }
        }
    }

    static let all: [(String, String?)] = [("z", "l"), ("x", "l"), ("x", "m"), ("supply", "m"), ("demand", "m"), ("obj", "m"), ("obj", "l")]

    @Test func aSplittingLPIsSolvedByBlocksWithTheWholeModelsSolution() {
        let split = runSource(Self.regions()), whole = runSource(Self.regions(), blocks: false)
        #expect(split.diagnostics.isEmpty)
        #expect(split.solves.map(\.blocks) == [3])
        #expect(whole.solves.map(\.blocks) == [1])
        #expect(split.solves.first?.modelStatus == .optimal)
        #expect(abs((split.solves.first?.objective ?? 0) - (whole.solves.first?.objective ?? 1)) < 1e-9)
        Self.expectSameSolution(split, whole, Self.all)
        #expect(split.records("obj", "m")[[]] == 1)
        #expect(split.output.contains("3 independent blocks"))
    }

    /// Blocks of the same shape start from each other's bases: the same solution as cold starts
    /// (`option bratio = 1`) and as the whole model, in fewer simplex iterations.
    @Test func blocksOfTheSameShapeStartFromEachOthersBasis() {
        let model = Self.regions().replacingOccurrences(of: "r1*r3", with: "r1*r40")
        let warm = runSource(model), cold = runSource(model.replacingOccurrences(of: "Model m", with: "option bratio = 1;\nModel m")),
            whole = runSource(model, blocks: false)
        #expect(warm.diagnostics.isEmpty && cold.diagnostics.isEmpty)
        #expect(warm.solves.map(\.blocks) == [40] && cold.solves.map(\.blocks) == [40])
        Self.expectSameSolution(warm, whole, Self.all)
        Self.expectSameSolution(cold, whole, Self.all)
        let warmIterations = warm.solves.first?.iterations ?? 0, coldIterations = cold.solves.first?.iterations ?? 0
        #expect(warmIterations < coldIterations, "warm \(warmIterations), cold \(coldIterations)")
    }

    @Test func maximizingGivesTheSameMarginalsAsTheWholeModel() {
        let split = runSource(Self.regions("maximizing")), whole = runSource(Self.regions("maximizing"), blocks: false)
        #expect(split.solves.map(\.blocks) == [3])
        #expect(split.solves.first?.modelStatus == .optimal)
        Self.expectSameSolution(split, whole, Self.all)
    }

    @Test func theJSONSaysHowManyBlocks() {
        let run = runSource(Self.regions())
        #expect(Driver.json(run.result).contains("\"blocks\":3"))
    }

    @Test func anInfeasibleBlockMakesTheModelInfeasibleAndItsConflictIsFound() {
        let run = runSource(Self.regions(extra: "x.up('r2',i,j) = 1;"))
        let s = run.solves.first
        #expect(s?.blocks == 3)
        #expect(s?.modelStatus == .infeasible)
        #expect(run.result.exitCode == .infeasibleOrUnbounded)
        let members = s?.conflict?.members.map(\.displayName) ?? []
        #expect(!members.isEmpty)
        #expect(members.allSatisfy { $0.contains("r2") })
    }

    @Test func anUnboundedBlockMakesTheModelUnbounded() {
        let source = """
        Set k / k1*k3 /;
        Positive Variable y(k);
        Variable z;
        Equations obj, up(k), low;
        obj..    z =e= sum(k, y(k));
        up(k)$(ord(k) <> 2).. y(k) =l= ord(k);
        low..    y('k2') =g= 1;
        Model m / all /;
        Solve m using lp maximizing z;
        """
        let run = runSource(source)
        #expect(run.solves.first?.blocks == 3)
        #expect(run.solves.first?.modelStatus == .unbounded)
        #expect(run.result.exitCode == .infeasibleOrUnbounded)
    }

    @Test func aMIPSplitsAndItsBoundIsTheSumOfTheBlocksBounds() {
        let source = """
        Sets k blocks / k1*k4 /, i items / i1*i6 /;
        Parameters v(k,i), wt(k,i);
        v(k,i)  = 3 + mod(5*ord(k) + 7*ord(i), 13);
        wt(k,i) = 2 + mod(3*ord(k) + 11*ord(i), 9);
        Binary Variable pick(k,i);
        Variable z;
        Equations obj, cap(k);
        obj..    z =e= sum((k,i), v(k,i)*pick(k,i));
        cap(k).. sum(i, wt(k,i)*pick(k,i)) =l= 15;
        Model m / all /;
        m.optCr = 0;
        Solve m using mip maximizing z;
        display z.l, pick.l;
        """
        let split = runSource(source), whole = runSource(source, blocks: false)
        #expect(split.solves.map(\.blocks) == [4])
        #expect(split.solves.first?.modelStatus == .optimal)
        #expect(split.solves.first?.objective == whole.solves.first?.objective)
        #expect(split.solves.first?.bestBound == split.solves.first?.objective)
        #expect(split.records("z", "l") == whole.records("z", "l"))
    }

    @Test func aModelThatDoesNotSplitIsSolvedWhole() {
        let linked = Self.regions(extra: "Equation link; link.. sum((r,i,j), x(r,i,j)) =l= 1000;")
        let run = runSource(linked)
        #expect(run.solves.map(\.blocks) == [1])
        #expect(!run.output.contains("independent blocks"))
    }

    @Test func anObjectiveVariableWithBoundsIsNotSubstitutedSoTheModelStaysWhole() {
        let run = runSource(Self.regions(extra: "z.lo = -1e6;"))
        #expect(run.solves.map(\.blocks) == [1])
        #expect(run.solves.first?.modelStatus == .optimal)
    }
}
