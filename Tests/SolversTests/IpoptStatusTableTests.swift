import IR
@testable import Solvers
import Testing

@Suite("Ipopt status table")
struct IpoptStatusTableTests {
    typealias Table = IpoptStatusTable
    typealias Code = IpoptReturnCode

    private func pair(_ code: Code, _ point: Table.Point, deadline: Bool = false) -> [Int] {
        let outcome = Table.outcome(code: code.rawValue, point: point, stoppedByDeadline: deadline)
        return [outcome.model.rawValue, outcome.solver.rawValue]
    }

    private func hasPoint(_ code: Code, _ point: Table.Point) -> Bool {
        Table.outcome(code: code.rawValue, point: point).hasPoint
    }

    @Test func success() {
        #expect(pair(.solveSucceeded, .feasible) == [2, 1])
        #expect(pair(.solveSucceeded, .infeasible) == [2, 1])
        #expect(pair(.solveSucceeded, .unavailable) == [13, 10])
        #expect(pair(.solvedToAcceptableLevel, .feasible) == [2, 1])
        #expect(pair(.solvedToAcceptableLevel, .infeasible) == [6, 4])
        #expect(hasPoint(.solveSucceeded, .feasible))
        #expect(!hasPoint(.solveSucceeded, .unavailable))
    }

    @Test func infeasibleAndUnbounded() {
        #expect(pair(.infeasibleProblemDetected, .infeasible) == [5, 1])
        #expect(hasPoint(.infeasibleProblemDetected, .infeasible))
        #expect(pair(.infeasibleProblemDetected, .unavailable) == [5, 1])
        #expect(!hasPoint(.infeasibleProblemDetected, .unavailable))
        #expect(pair(.divergingIterates, .feasible) == [3, 1])
        #expect(pair(.divergingIterates, .infeasible) == [18, 1])
        #expect(!hasPoint(.divergingIterates, .infeasible))
    }

    /// A solve stopped by a limit is never (locally) optimal: 7 at a feasible point, 6 at an
    /// infeasible one, 13 without a point.
    @Test func limits() {
        #expect(pair(.maximumIterationsExceeded, .feasible) == [7, 2])
        #expect(pair(.maximumIterationsExceeded, .infeasible) == [6, 2])
        #expect(pair(.maximumIterationsExceeded, .unavailable) == [13, 2])
        #expect(pair(.maximumCpuTimeExceeded, .feasible) == [7, 3])
        #expect(pair(.maximumCpuTimeExceeded, .infeasible) == [6, 3])
        #expect(pair(.userRequestedStop, .feasible, deadline: true) == [7, 3])
        #expect(pair(.userRequestedStop, .infeasible, deadline: true) == [6, 3])
        #expect(pair(.userRequestedStop, .feasible) == [7, 8])
        let memory = Table.outcome(code: Code.userRequestedStop.rawValue, point: .infeasible, stoppedByMemory: true)
        #expect([memory.model.rawValue, memory.solver.rawValue] == [6, 3] && memory.message.contains("memory limit"), "\(memory)")
        #expect(pair(.userRequestedStop, .infeasible) == [6, 8])
        for code in Code.allCases where code != .solveSucceeded && code != .solvedToAcceptableLevel {
            for point in [Table.Point.feasible, .infeasible, .unavailable] {
                let model = Table.outcome(code: code.rawValue, point: point).model
                #expect(model != .optimal && model != .locallyOptimal, "\(code) \(point)")
            }
        }
    }

    @Test func solverTrouble() {
        for code in [Code.searchDirectionBecomesTooSmall, .restorationFailed, .errorInStepComputation] {
            #expect(pair(code, .feasible) == [7, 4])
            #expect(pair(code, .infeasible) == [6, 4])
            #expect(pair(code, .unavailable) == [13, 4])
        }
        #expect(pair(.invalidNumberDetected, .feasible) == [7, 5])
        #expect(pair(.invalidNumberDetected, .infeasible) == [6, 5])
        #expect(pair(.invalidNumberDetected, .unavailable) == [13, 5])
        #expect(pair(.feasiblePointFound, .feasible) == [7, 1])
        #expect(pair(.feasiblePointFound, .infeasible) == [6, 1])
    }

    @Test func failures() {
        for code in [Code.notEnoughDegreesOfFreedom, .invalidProblemDefinition, .invalidOption] {
            #expect(pair(code, .feasible) == [13, 9])
            #expect(!hasPoint(code, .feasible))
        }
        #expect(pair(.insufficientMemory, .feasible) == [13, 10])
        for code in [Code.internalError, .unrecoverableException, .nonIpoptExceptionThrown] {
            #expect(pair(code, .feasible) == [13, 11])
        }
        let unknown = Table.outcome(code: 42, point: .feasible)
        #expect([unknown.model.rawValue, unknown.solver.rawValue] == [13, 10])
        #expect(unknown.message.contains("42"))
    }

    @Test func messagesNameIpoptsCode() {
        for code in Code.allCases {
            let outcome = Table.outcome(code: code.rawValue, point: .feasible)
            if code != .userRequestedStop {
                #expect(outcome.message.contains(code.ipoptName), "\(code): \(outcome.message)")
            }
        }
    }

    @Test func classification() {
        let model = IpoptTestProblems.model(columns: [(0, 1, 0), (-.infinity, .infinity, 0)],
                                            rows: [(1, 1), (-.infinity, 10)])
        #expect(Table.classify(model, columnLevel: [0.5, 3], rowLevel: [1, 10]) == .feasible)
        #expect(Table.classify(model, columnLevel: [1 + 1e-9, 3], rowLevel: [1, 10]) == .feasible)
        #expect(Table.classify(model, columnLevel: [1.1, 3], rowLevel: [1, 10]) == .infeasible)
        #expect(Table.classify(model, columnLevel: [0.5, 3], rowLevel: [1.01, 10]) == .infeasible)
        #expect(Table.classify(model, columnLevel: [0.5, 3], rowLevel: [1, 10.5]) == .infeasible)
        #expect(Table.classify(model, columnLevel: [0.5, .nan], rowLevel: [1, 10]) == .unavailable)
        #expect(Table.classify(model, columnLevel: [0.5, 3], rowLevel: nil) == .unavailable)
        #expect(Table.classify(model, columnLevel: [0.5], rowLevel: [1, 10]) == .unavailable)
        let worst = model.worstViolation(columnLevel: [1.1, 3], rowLevel: [1.5, 10])
        #expect(worst?.what == "row e(1)")
    }
}
