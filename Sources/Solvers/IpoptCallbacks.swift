import CIpopt
import IR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Swift state of one Ipopt solve, reached from the C callbacks through the user-data
/// pointer.
///
/// Ipopt always minimizes: for a maximization the callbacks hand it `-f`, `-∇f` and a Hessian
/// with the objective factor negated, so its multipliers belong to `min -f`.
final class IpoptSession {
    let program: NonlinearProgram
    /// +1 to minimize, -1 to maximize: Ipopt sees `sense · f`.
    let sense: Double
    let variableCount: Int
    let constraintCount: Int
    private let jacobianRows: [Int32]
    private let jacobianColumns: [Int32]
    private let hessianRows: [Int32]
    private let hessianColumns: [Int32]
    private let clock = ContinuousClock()
    /// When the time limit passes (nil: no limit).
    private let deadline: ContinuousClock.Instant?

    /// Time spent inside the program's evaluation functions.
    private(set) var evaluationTime: Duration = .zero
    /// The last iteration count the intermediate callback saw.
    private(set) var iterations = 0
    /// Whether the intermediate callback stopped the solve at the deadline.
    private(set) var stoppedByDeadline = false
    /// The memory limit, looked at once per iteration (MUMPS's factors grow inside Ipopt).
    var memory: MemoryWatch?
    /// Whether the intermediate callback stopped the solve at the memory limit.
    private(set) var stoppedByMemory = false

    init(program: NonlinearProgram, sense: ObjectiveSense, timeLimit: Double) {
        self.program = program
        self.sense = sense == .maximize ? -1 : 1
        variableCount = program.variableCount
        constraintCount = program.constraintCount
        jacobianRows = program.jacobianRows
        jacobianColumns = program.jacobianColumns
        hessianRows = program.hessianRows
        hessianColumns = program.hessianColumns
        if timeLimit.isNaN || timeLimit >= 1e15 {
            deadline = nil
        } else {
            deadline = clock.now + .milliseconds(Int64(max(0, timeLimit) * 1000))
        }
    }

    var evaluationSeconds: Double {
        Double(evaluationTime.components.seconds)
            + Double(evaluationTime.components.attoseconds) * 1e-18
    }

    var jacobianCount: Int { jacobianRows.count }
    var hessianCount: Int { hessianRows.count }

    /// Runs `body`, adding its duration to `evaluationTime`.
    func timed(_ body: () -> Bool) -> Bool {
        let start = clock.now
        let ok = body()
        evaluationTime += clock.now - start
        return ok
    }

    // MARK: - Callbacks (x has `variableCount` entries)

    func objective(_ x: UnsafePointer<Double>, into value: UnsafeMutablePointer<Double>) -> Bool {
        var f = 0.0
        let ok = timed { program.objective(point(x), into: &f) }
        value.pointee = sense * f
        return ok
    }

    func gradient(_ x: UnsafePointer<Double>, into values: UnsafeMutablePointer<Double>) -> Bool {
        let buffer = UnsafeMutableBufferPointer(start: values, count: variableCount)
        let ok = timed { program.objectiveGradient(point(x), into: buffer) }
        if sense < 0 {
            for j in 0..<variableCount { values[j] = -values[j] }
        }
        return ok
    }

    func constraints(_ x: UnsafePointer<Double>, into values: UnsafeMutablePointer<Double>) -> Bool {
        let buffer = UnsafeMutableBufferPointer(start: values, count: constraintCount)
        return timed { program.constraints(point(x), into: buffer) }
    }

    func jacobianStructure(rows: UnsafeMutablePointer<Int32>, columns: UnsafeMutablePointer<Int32>) {
        for k in 0..<jacobianRows.count {
            rows[k] = jacobianRows[k]
            columns[k] = jacobianColumns[k]
        }
    }

    func jacobian(_ x: UnsafePointer<Double>, into values: UnsafeMutablePointer<Double>) -> Bool {
        let buffer = UnsafeMutableBufferPointer(start: values, count: jacobianRows.count)
        return timed { program.jacobianValues(point(x), into: buffer) }
    }

    func hessianStructure(rows: UnsafeMutablePointer<Int32>, columns: UnsafeMutablePointer<Int32>) {
        for k in 0..<hessianRows.count {
            rows[k] = hessianRows[k]
            columns[k] = hessianColumns[k]
        }
    }

    func hessian(_ x: UnsafePointer<Double>, objectiveFactor: Double,
                 multipliers: UnsafePointer<Double>?,
                 into values: UnsafeMutablePointer<Double>) -> Bool {
        let lambda = UnsafeBufferPointer(start: multipliers,
                                         count: multipliers == nil ? 0 : constraintCount)
        let buffer = UnsafeMutableBufferPointer(start: values, count: hessianRows.count)
        return timed {
            program.hessianValues(point(x), objectiveFactor: sense * objectiveFactor,
                                  multipliers: lambda, into: buffer)
        }
    }

    /// Receives each iteration's progress (the solve's options), if anyone listens.
    var progress: (@Sendable (SolveProgress) -> Void)?

    /// Called once per iteration: records the count, reports progress and stops the solve at
    /// the deadline. `objective` is Ipopt's (minimized) value, `infeasibility` its primal one.
    func intermediate(iteration: Int, objective: Double, infeasibility: Double) -> Bool {
        iterations = max(iterations, iteration)
        progress?(SolveProgress(iteration: iteration, objective: sense * objective, infeasibility: infeasibility))
        if let deadline, clock.now >= deadline {
            stoppedByDeadline = true
            return false
        }
        if memory?.passed() == true {
            stoppedByMemory = true
            return false
        }
        return true
    }

    private func point(_ x: UnsafePointer<Double>) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: x, count: variableCount)
    }

    static func from(_ user: UnsafeMutableRawPointer) -> IpoptSession {
        Unmanaged<IpoptSession>.fromOpaque(user).takeUnretainedValue()
    }
}

// MARK: - C entry points
//
// Non-capturing closures: all state comes through `user_data`. Every callback answers FALSE
// (0) when the program cannot evaluate at `x`, so Ipopt cuts its step and tries again.

let ipoptEvalF: Eval_F_CB = { _, x, _, value, user in
    guard let x, let value, let user else { return 0 }
    return IpoptSession.from(user).objective(x, into: value) ? 1 : 0
}

let ipoptEvalGradF: Eval_Grad_F_CB = { _, x, _, gradient, user in
    guard let x, let gradient, let user else { return 0 }
    return IpoptSession.from(user).gradient(x, into: gradient) ? 1 : 0
}

let ipoptEvalG: Eval_G_CB = { _, x, _, m, values, user in
    guard let user else { return 0 }
    if m == 0 { return 1 }
    guard let x, let values else { return 0 }
    return IpoptSession.from(user).constraints(x, into: values) ? 1 : 0
}

let ipoptEvalJacG: Eval_Jac_G_CB = { _, x, _, _, count, rows, columns, values, user in
    guard let user else { return 0 }
    if count == 0 { return 1 }
    let session = IpoptSession.from(user)
    if let values {
        guard let x else { return 0 }
        return session.jacobian(x, into: values) ? 1 : 0
    }
    guard let rows, let columns else { return 0 }
    session.jacobianStructure(rows: rows, columns: columns)
    return 1
}

let ipoptEvalH: Eval_H_CB = { _, x, _, objectiveFactor, _, lambda, _, count, rows, columns, values, user in
    guard let user else { return 0 }
    if count == 0 { return 1 }
    let session = IpoptSession.from(user)
    if let values {
        guard let x else { return 0 }
        return session.hessian(x, objectiveFactor: objectiveFactor, multipliers: lambda,
                               into: values) ? 1 : 0
    }
    guard let rows, let columns else { return 0 }
    session.hessianStructure(rows: rows, columns: columns)
    return 1
}

let ipoptIntermediate: Intermediate_CB = { _, iteration, objective, infeasibility, _, _, _, _, _, _, _, user in
    guard let user else { return 1 }
    return IpoptSession.from(user).intermediate(iteration: Int(iteration), objective: objective, infeasibility: infeasibility) ? 1 : 0
}

/// The process-wide lock around Ipopt: Ipopt 3.11 with MUMPS is not safe to run on two threads
/// at once.
final class IpoptLock: @unchecked Sendable {
    static let shared = IpoptLock()

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    private init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
