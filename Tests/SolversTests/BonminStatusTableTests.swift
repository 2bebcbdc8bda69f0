import CBonminShim
import IR
@testable import Solvers
import Testing

/// Bonmin's outcomes as GAMS statuses, and the curvature rules that decide whether "optimal"
/// is a proof.
@Suite struct BonminStatusTableTests {
    private func outcome(_ status: EnmBonminStatus, limit: EnmBonminLimit = ENM_BONMIN_LIMIT_NONE, solution: Bool = true,
                         gapClosed: Bool = true, convex: Bool = true, integers: Bool = true) -> BonminStatusTable.Outcome {
        BonminStatusTable.outcome(.init(status: status, limit: limit, hasSolution: solution, gapClosed: gapClosed,
                                        convex: convex, integers: integers))
    }

    @Test func optimalOnlyForAConvexModelWithTheGapClosed() {
        #expect(outcome(ENM_BONMIN_OPTIMAL).model == .optimal)
        #expect(outcome(ENM_BONMIN_OPTIMAL, convex: false).model == .integerSolution)
        #expect(outcome(ENM_BONMIN_OPTIMAL, convex: false, integers: false).model == .locallyOptimal)
        #expect(outcome(ENM_BONMIN_OPTIMAL, gapClosed: false).model == .integerSolution)
    }

    @Test func infeasibleIsAProofOnlyForAConvexModel() {
        #expect(outcome(ENM_BONMIN_INFEASIBLE, solution: false).model == .integerInfeasible)
        #expect(outcome(ENM_BONMIN_INFEASIBLE, solution: false, convex: false).model == .infeasibleNoSolution)
        #expect(!outcome(ENM_BONMIN_INFEASIBLE, solution: false).hasPoint)
    }

    @Test func limitsNameTheirSolverStatus() {
        let nodes = outcome(ENM_BONMIN_FEASIBLE, limit: ENM_BONMIN_LIMIT_NODES)
        #expect(nodes.model == .integerSolution && nodes.solver == .iterationInterrupt && nodes.hasPoint)
        let time = outcome(ENM_BONMIN_NO_SOLUTION, limit: ENM_BONMIN_LIMIT_TIME, solution: false)
        #expect(time.model == .noSolutionReturned && time.solver == .resourceInterrupt && !time.hasPoint)
        #expect(outcome(ENM_BONMIN_FAILURE, solution: false).solver == .solverFailure)
    }

    @Test func curvatureRulesProveOnlyWhatTheyShould() {
        var pool = NLExpressionPool()
        let x = pool.variable(0), y = pool.variable(1), two = pool.constant(2), minus = pool.constant(-1)
        let square = pool.add(.sqr, [x])                          // convex
        let negatedSquare = pool.add(.product, [minus, square])   // concave
        let bilinear = pool.add(.product, [x, y])                 // neither
        let logarithm = pool.add(.log, [pool.add(.sum, [x, two])]) // concave
        let exponential = pool.add(.exp, [square])                 // convex
        let root = pool.add(.powerConstant, [y], value: 0.5)       // concave
        let curvature = Curvature.of(pool)
        #expect(curvature[Int(square)] == .convex && curvature[Int(negatedSquare)] == .concave)
        #expect(curvature[Int(bilinear)] == .unknown && curvature[Int(logarithm)] == .concave)
        #expect(curvature[Int(exponential)] == .convex && curvature[Int(root)] == .concave)
    }
}
