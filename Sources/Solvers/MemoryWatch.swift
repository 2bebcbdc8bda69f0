import Diagnostics
import Foundation
import IR

/// The memory limit (`--memory-limit`) while a solver library works: the library allocates
/// outside enm's own checks (GLPK's search tree, MUMPS's factors under Ipopt), so the callbacks
/// a library calls as it goes look at the process's resident memory and stop the solve once
/// it passes the limit. A stop is a resource interrupt, never an optimum; `stop` words it.
final class MemoryWatch {
    let limit: MemoryLimit
    /// The resident bytes seen when the limit was passed; nil while it was not.
    private(set) var heldWhenStopped: Int?
    private let clock = ContinuousClock()
    private var lastLook: ContinuousClock.Instant?
    /// Looks at most this often (a look reads `/proc/self/statm`: a few microseconds, but
    /// GLPK's search calls back at every event).
    private let interval: Duration = .milliseconds(10)

    init(_ limit: MemoryLimit) {
        self.limit = limit
    }

    /// Whether the process holds more than the limit now (true from the first time on).
    func passed() -> Bool {
        if heldWhenStopped != nil { return true }
        guard let bytes = limit.bytes else { return false }
        let now = clock.now
        if let lastLook, now - lastLook < interval { return false }
        lastLook = now
        let held = MemoryLimit.residentBytes()
        guard held > bytes else { return false }
        heldWhenStopped = held
        return true
    }

    /// The stop as W4051 words it; nil when the limit was not passed.
    func stop(_ solver: String) -> MemoryStop? {
        heldWhenStopped.map {
            MemoryStop(message: "\(solver) was stopped at \(limit.phrase)",
                       note: "the run held \(MemoryLimit.describe($0)) when \(solver) was stopped")
        }
    }

    /// The result for a model whose solve is refused beforehand: the library would allocate
    /// about `estimate` bytes beside what the run holds, more than the limit leaves. Nil when
    /// it fits. Model status 14 (no solution returned), solver status 3 (resource interrupt).
    static func refusal(_ solver: String, needs estimate: Int, _ limit: MemoryLimit) -> SolveResult? {
        guard !limit.admits(estimate) else { return nil }
        var result = SolveResult(modelStatus: .noSolutionReturned, solverStatus: .resourceInterrupt)
        result.message = "model not passed to \(solver): it would pass \(limit.phrase)"
        result.memoryStop = MemoryStop(message: "\(solver) was not called: the model would pass \(limit.phrase)",
                                       note: "\(solver) would need about \(MemoryLimit.describe(estimate)) beside the "
                                           + "\(MemoryLimit.describe(MemoryLimit.residentBytes())) the run holds")
        return result
    }
}
