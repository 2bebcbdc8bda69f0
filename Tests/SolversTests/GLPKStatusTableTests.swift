import CGLPK
import IR
@testable import Solvers
import Testing

@Suite("GLPK status table")
struct GLPKStatusTableTests {
    typealias Table = GLPKStatusTable

    private func pair(_ outcome: Table.Outcome) -> [Int] {
        [outcome.model.rawValue, outcome.solver.rawValue]
    }

    @Test func simplexCodes() {
        #expect(pair(Table.simplex(returnCode: 0, status: GLP_OPT, primalFeasible: true)) == [1, 1])
        #expect(pair(Table.simplex(returnCode: 0, status: GLP_NOFEAS, primalFeasible: false)) == [4, 1])
        #expect(pair(Table.simplex(returnCode: 0, status: GLP_UNBND, primalFeasible: true)) == [3, 1])
        #expect(pair(Table.simplex(returnCode: GLP_EITLIM, status: GLP_FEAS, primalFeasible: true)) == [7, 2])
        #expect(pair(Table.simplex(returnCode: GLP_EITLIM, status: GLP_INFEAS, primalFeasible: false)) == [6, 2])
        #expect(pair(Table.simplex(returnCode: GLP_ETMLIM, status: GLP_FEAS, primalFeasible: true)) == [7, 3])
        #expect(pair(Table.simplex(returnCode: GLP_ETMLIM, status: GLP_INFEAS, primalFeasible: false)) == [6, 3])
        #expect(pair(Table.simplex(returnCode: GLP_ESING, status: GLP_UNDEF, primalFeasible: false)) == [13, 10])
        #expect(pair(Table.simplex(returnCode: 0, status: GLP_FEAS, primalFeasible: true)) == [13, 10])
    }

    @Test func intoptCodes() {
        func intopt(_ code: Int32, _ status: Int32, closed: Bool = false, optCa: Bool = false,
                    iterations: Bool = false, relaxation: Table.Relaxation = .unknown) -> [Int] {
            pair(Table.intopt(returnCode: code, mipStatus: status, gapClosed: closed,
                              stoppedByOptCa: optCa, stoppedByIterations: iterations,
                              relaxation: relaxation))
        }
        #expect(intopt(0, GLP_OPT) == [1, 1])
        #expect(intopt(0, GLP_NOFEAS) == [10, 1])
        #expect(intopt(GLP_EMIPGAP, GLP_FEAS) == [8, 1])
        #expect(intopt(GLP_EMIPGAP, GLP_FEAS, closed: true) == [1, 1])
        #expect(intopt(GLP_ESTOP, GLP_FEAS, optCa: true) == [8, 1])
        #expect(intopt(GLP_ESTOP, GLP_FEAS, closed: true, optCa: true) == [1, 1])
        #expect(intopt(GLP_ESTOP, GLP_FEAS, iterations: true) == [8, 2])
        #expect(intopt(GLP_ESTOP, GLP_UNDEF, iterations: true) == [14, 2])
        #expect(intopt(GLP_ESTOP, GLP_FEAS) == [13, 10])
        // the memory limit (--memory-limit) ended the search: a resource interrupt
        let memory = Table.intopt(returnCode: GLP_ESTOP, mipStatus: GLP_FEAS, gapClosed: false, stoppedByOptCa: false,
                                  stoppedByIterations: false, stoppedByMemory: true, relaxation: .unknown)
        #expect(pair(memory) == [8, 3] && memory.message.contains("memory limit (--memory-limit) reached"), "\(memory)")
        #expect(pair(Table.intopt(returnCode: GLP_ESTOP, mipStatus: GLP_UNDEF, gapClosed: false, stoppedByOptCa: false,
                                  stoppedByIterations: false, stoppedByMemory: true, relaxation: .unknown)) == [14, 3])
        #expect(intopt(GLP_ETMLIM, GLP_FEAS) == [8, 3])
        #expect(intopt(GLP_ETMLIM, GLP_FEAS, closed: true) == [8, 3])
        #expect(intopt(GLP_ETMLIM, GLP_UNDEF) == [14, 3])
        #expect(intopt(GLP_ENOPFS, GLP_UNDEF, relaxation: .infeasible) == [4, 1])
        #expect(intopt(GLP_ENOPFS, GLP_UNDEF, relaxation: .feasible) == [10, 1])
        #expect(intopt(GLP_ENOPFS, GLP_UNDEF, relaxation: .unknown) == [10, 1])
        #expect(intopt(GLP_ENODFS, GLP_UNDEF, relaxation: .unbounded) == [3, 1])
        #expect(intopt(GLP_ENODFS, GLP_UNDEF, relaxation: .infeasible) == [4, 1])
        #expect(intopt(GLP_EFAIL, GLP_UNDEF) == [13, 10])
    }
}
