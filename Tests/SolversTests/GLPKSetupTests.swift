import Foundation
import IR
import Solvers
import Testing

@Suite("GLPK: model checks, loading and threads")
struct GLPKSetupTests {
    let solver = GLPKSolver()

    /// GLPK aborts the process on a duplicate index: the backend must refuse the model first.
    @Test func duplicateColumnInRowIsRefused() {
        var model = TestModels.smallLP()
        model.entryColumn[1] = model.entryColumn[0] // c1: x + x
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.solverStatus == .setupFailure)
        #expect(result.modelStatus == .errorNoSolution)
        #expect(!result.hasSolution)
        #expect(result.message.contains("twice"))
    }

    @Test func columnIndexOutOfRangeIsRefused() {
        for bad in [Int32(9), Int32(4), Int32(-1)] {
            var model = TestModels.smallLP()
            model.entryColumn[1] = bad
            let result = solver.solve(model, options: SolveOptions())
            #expect(result.solverStatus == .setupFailure)
            #expect(result.modelStatus == .errorNoSolution)
        }
    }

    @Test func inconsistentArraysAreRefused() {
        var rows = TestModels.smallLP()
        rows.rowStart[1] = 7 // beyond the entries
        #expect(solver.solve(rows, options: SolveOptions()).solverStatus == .setupFailure)

        var columns = TestModels.smallLP()
        columns.columnUpper.removeLast()
        #expect(solver.solve(columns, options: SolveOptions()).solverStatus == .setupFailure)

        var values = TestModels.smallLP()
        values.entryValue[0] = .nan
        #expect(solver.solve(values, options: SolveOptions()).solverStatus == .setupFailure)

        var bounds = TestModels.smallLP()
        bounds.rowUpper[0] = SpecialValue.na
        #expect(solver.solve(bounds, options: SolveOptions()).solverStatus == .setupFailure)
    }

    @Test func crossingColumnBoundsAreInfeasible() {
        var model = TestModels.smallLP()
        model.columnLower[0] = 5
        model.columnUpper[0] = 2
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)
        #expect(result.message.contains("x"))

        var mip = TestModels.knapsack()
        mip.columnLower[1] = 1
        mip.columnUpper[1] = 0
        let mipResult = solver.solve(mip, options: SolveOptions())
        #expect(mipResult.modelStatus == .infeasible)
    }

    @Test func crossingRowBoundsAreInfeasible() {
        var model = TestModels.smallLP()
        model.rowLower[1] = 7 // c2: 7 <= 2x + y <= 6
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .infeasible)
        #expect(result.solverStatus == .normalCompletion)

        var infinite = TestModels.smallLP()
        infinite.columnLower[3] = .infinity
        #expect(solver.solve(infinite, options: SolveOptions()).modelStatus == .infeasible)
    }

    @Test func loadOnly() {
        var options = SolveOptions()
        options.loadOnly = true
        for model in [TestModels.transport(), TestModels.knapsack()] {
            let result = solver.solve(model, options: options)
            #expect(result.modelStatus == .noSolutionReturned)
            #expect(result.solverStatus == .solveProcessingSkipped)
            #expect(result.modelStatus.rawValue == 14 && result.solverStatus.rawValue == 12)
            #expect(!result.hasSolution)
        }
    }

    /// GLPK aborts on names over 255 bytes or with control characters; such labels must pass.
    @Test func awkwardNamesDoNotAbort() {
        var model = TestModels.smallLP()
        let long = String(repeating: "é", count: 300) + "\n\t\u{0}"
        model.columnOrigin[0] = Provenance(symbol: "x", labels: [long, "a\u{7F}b"])
        model.rowOrigin[0] = Provenance(symbol: String(repeating: "c", count: 1000), labels: [])
        let result = solver.solve(model, options: SolveOptions())
        #expect(result.modelStatus == .optimal)
        #expect(close(result.objective, 14))
    }

    /// Debian's GLPK keeps its environment per thread: concurrent solves must not interfere.
    @Test func concurrentSolves() {
        let count = 16
        let objectives = ObjectiveBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { k in
            let model = k.isMultiple(of: 2) ? TestModels.transport() : TestModels.knapsack()
            objectives.set(k, GLPKSolver().solve(model, options: SolveOptions()).objective)
        }
        for k in 0..<count {
            #expect(close(objectives.values[k], k.isMultiple(of: 2) ? 153.675 : 29))
        }
    }

    /// The estimate of GLPK's memory that decides whether a load's heap is faulted in ahead
    /// (the CLI test `largeLoadArrivesWhole` runs such a load) saturates instead of trapping.
    @Test func heapEstimate() {
        #expect(GLPKSolver.heapBytes(rows: 417_141, columns: 417_141, nonzeros: 1_455_696) > 180_000_000)
        #expect(GLPKSolver.heapBytes(rows: Int.max / 2, columns: 1, nonzeros: 1) == Int.max)
        #expect(GLPKSolver.heapBytes(rows: 1, columns: 1, nonzeros: Int.max / 50) == Int.max)
    }
}

/// Objective values written from several threads.
private final class ObjectiveBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double?]

    init(count: Int) {
        stored = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Double?) {
        lock.lock()
        defer { lock.unlock() }
        stored[index] = value
    }

    var values: [Double?] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
