import Foundation
import IR
@testable import Solvers
import Testing

/// CLP's iteration messages reach a solve's progress (the live line of `enm solve`).
@Suite("CLP: progress")
struct CLPProgressTests {
    /// Collects what a backend reports, from the solving thread.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [SolveProgress] = []
        func add(_ p: SolveProgress) { lock.lock(); list.append(p); lock.unlock() }
        var all: [SolveProgress] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test(arguments: ["primal", "dual", "automatic"])
    func everyMethodReportsIterations(_ method: String) {
        let model = TestModels.sharing(steps: 12, producers: 6, consumers: 12)
        let reports = Reports()
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "startalg", value: method)]
        options.progress = { reports.add($0) }
        let result = CLPSolver().solve(model, options: options)
        let reference = GLPKSolver().solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, reference.objective ?? .nan, 1e-7))
        #expect(!reports.all.isEmpty)
        #expect(reports.all.allSatisfy { $0.iteration >= 0 && $0.objective != nil })
    }

    /// The barrier reports its iterations and primal objective (no infeasibility: its lines
    /// have none), and prints nothing itself (`OptionFileLogTests` looks at the terminal).
    @Test func barrierReportsIterations() {
        let reports = Reports()
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "startalg", value: "barrier")]
        options.progress = { reports.add($0) }
        let model = TestModels.sharing(steps: 4, producers: 4, consumers: 6)
        let result = CLPSolver().solve(model, options: options)
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, GLPKSolver().solve(model, options: SolveOptions()).objective ?? .nan, 1e-7))
        let barrier = reports.all.filter { $0.infeasibility == nil && $0.objective != nil }
        #expect(barrier.count >= 3, "\(reports.all)")
        #expect(barrier.map(\.iteration) == Array(0 ..< barrier.count))
    }
}
