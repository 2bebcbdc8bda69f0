#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IR
@testable import Solvers
import Testing

@Suite("Ipopt: options")
struct IpoptOptionTests {
    let solver = IpoptSolver()

    private func solveHS71(_ settings: [(String, String)], iterLim: Int? = nil) -> SolveResult {
        let (model, program) = IpoptTestProblems.hs71()
        var options = SolveOptions()
        options.solverOptions = settings.map { SolverOptionSetting(name: $0.0, value: $0.1) }
        if let iterLim { options.iterLim = iterLim }
        return solver.solve(model, program: program, options: options)
    }

    @Test func unknownOptionIsAWarningOnly() {
        let result = solveHS71([("foo", "bar")])
        #expect(result.modelStatus == .locallyOptimal)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.hasPrefix("ipopt option 'foo' = 'bar' not accepted") == true)
        // Ipopt's own words come along (they are kept off the terminal).
        #expect(result.warnings.first?.contains("not a valid option") == true)
    }

    @Test func numberIntegerAndStringOptionsAreAccepted() {
        let result = solveHS71([("tol", "1e-9"), ("acceptable_tol", "1"), ("mu_strategy", "adaptive"),
                                ("Max_Iter", " 500 "), ("print_level", "0")])
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.modelStatus == .locallyOptimal)
        #expect(close(result.objective, 17.0140173, 1e-7))
    }

    @Test func invalidValueIsAWarningWithIpoptsReason() {
        let result = solveHS71([("max_iter", "-5"), ("mu_strategy", "bogus"), ("tol", "small")])
        #expect(result.modelStatus == .locallyOptimal)
        #expect(result.warnings.count == 3)
        #expect(result.warnings[0].hasPrefix("ipopt option 'max_iter' = '-5' not accepted"))
        #expect(result.warnings[0].contains("not a valid setting"))
        #expect(result.warnings[1].contains("mu_strategy"))
        #expect(result.warnings[2].contains("'tol' = 'small'"))
    }

    /// Pass-through options come after the adapter's own, so they win over `iterLim`.
    @Test func passThroughOverridesIterLim() {
        let result = solveHS71([("max_iter", "3")])
        #expect(result.solverStatus == .iterationInterrupt)
        #expect(result.iterations == 3)
        #expect(result.modelStatus != .locallyOptimal)
    }

    /// An option Ipopt accepts when set but cannot honour at the start of the solve.
    @Test func unavailableLinearSolverIsSetupFailure() {
        let result = solveHS71([("linear_solver", "ma27")])
        #expect(result.modelStatus == .errorNoSolution)
        #expect(result.solverStatus == .setupFailure)
        #expect(!result.hasSolution)
    }

    @Test func reasonSkipsTypeComplaints() {
        let outputs = [
            "Tried to set Option: max_iter. It is a valid option, but it is of type  Integer, not of type Number.\n",
            "Setting: \"-5\" is not a valid setting for Option: max_iter. Check the option documentation.\n\n### max_iter (Integer) ###\n",
        ]
        #expect(IpoptOptions.reason(from: outputs)?.hasPrefix("Setting: \"-5\" is not a valid setting") == true)
        #expect(IpoptOptions.reason(from: ["", ""]) == nil)
    }

    @Test func cpuTimeLimit() {
        #expect(IpoptOptions.cpuTimeLimit(1000) == 1000)
        #expect(IpoptOptions.cpuTimeLimit(0) == 1e-6)
        #expect(IpoptOptions.cpuTimeLimit(-3) == 1e-6)
        #expect(IpoptOptions.cpuTimeLimit(.nan) == nil)
        #expect(IpoptOptions.cpuTimeLimit(.infinity) == nil)
    }

    /// Text written to file descriptor 1 while a capture is active is read back, not shown.
    /// Captures redirect a process-wide descriptor, so they run under the Ipopt lock only.
    @Test func outputCaptureReadsBackStandardOutput() {
        let (first, second) = IpoptLock.shared.withLock {
            var capture = IpoptOutputCapture()
            _ = "captured line\n".withCString { write(1, $0, strlen($0)) }
            let first = capture.take()
            _ = "second\n".withCString { write(1, $0, strlen($0)) }
            let second = capture.take()
            capture.finish()
            return (first, second)
        }
        #expect(first == "captured line\n")
        #expect(second == "second\n")
    }
}
