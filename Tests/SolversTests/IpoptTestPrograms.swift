#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IR
@testable import Solvers

/// A `NonlinearProgram` made of closures over plain arrays; a closure answering nil is an
/// evaluation failure. Counts evaluations and failures, so tests can see Ipopt backtrack.
final class IpoptClosureProgram: NonlinearProgram {
    let variableCount: Int
    let constraintCount: Int
    let jacobianRows: [Int32]
    let jacobianColumns: [Int32]
    let hessianRows: [Int32]
    let hessianColumns: [Int32]

    var f: ([Double]) -> Double? = { _ in 0 }
    var gradient: ([Double]) -> [Double]? = { _ in nil }
    var g: ([Double]) -> [Double]? = { _ in [] }
    var jacobian: ([Double]) -> [Double]? = { _ in [] }
    /// (x, objective factor, multipliers) → lower-triangle values.
    var hessian: ([Double], Double, [Double]) -> [Double]? = { _, _, _ in [] }

    private(set) var evaluations = 0
    private(set) var failures = 0

    init(variables: Int, constraints: Int, jacobian: [(Int32, Int32)] = [],
         hessian: [(Int32, Int32)] = []) {
        variableCount = variables
        constraintCount = constraints
        jacobianRows = jacobian.map(\.0)
        jacobianColumns = jacobian.map(\.1)
        hessianRows = hessian.map(\.0)
        hessianColumns = hessian.map(\.1)
    }

    private func record<T>(_ value: T?) -> T? {
        evaluations += 1
        if value == nil { failures += 1 }
        return value
    }

    private func copy(_ values: [Double]?, into buffer: UnsafeMutableBufferPointer<Double>) -> Bool {
        guard let values = record(values), values.count == buffer.count else { return false }
        for k in 0..<values.count { buffer[k] = values[k] }
        return true
    }

    func objective(_ x: UnsafeBufferPointer<Double>, into value: inout Double) -> Bool {
        guard let result = record(f(Array(x))) else { return false }
        value = result
        return true
    }

    func objectiveGradient(_ x: UnsafeBufferPointer<Double>,
                           into gradient: UnsafeMutableBufferPointer<Double>) -> Bool {
        copy(self.gradient(Array(x)), into: gradient)
    }

    func constraints(_ x: UnsafeBufferPointer<Double>,
                     into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        copy(g(Array(x)), into: values)
    }

    func jacobianValues(_ x: UnsafeBufferPointer<Double>,
                        into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        copy(jacobian(Array(x)), into: values)
    }

    func hessianValues(_ x: UnsafeBufferPointer<Double>, objectiveFactor: Double,
                       multipliers: UnsafeBufferPointer<Double>,
                       into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        copy(hessian(Array(x), objectiveFactor, Array(multipliers)), into: values)
    }
}

/// The linear rows and objective of a `ScalarModel` as a `NonlinearProgram`, plus an optional
/// separable quadratic objective term `½ Σ quadratic[j]·x[j]²` (zero Hessian without it).
final class IpoptLinearProgram: NonlinearProgram {
    let variableCount: Int
    let constraintCount: Int
    let jacobianRows: [Int32]
    let jacobianColumns: [Int32]
    let hessianRows: [Int32]
    let hessianColumns: [Int32]
    private let model: ScalarModel
    private let quadratic: [Double]

    init(_ model: ScalarModel, quadratic: [Double] = []) {
        self.model = model
        self.quadratic = quadratic
        variableCount = model.columnCount
        constraintCount = model.rowCount
        var rows: [Int32] = []
        for i in 0..<model.rowCount {
            rows += Array(repeating: Int32(i), count: model.rowStart[i + 1] - model.rowStart[i])
        }
        jacobianRows = rows
        jacobianColumns = model.entryColumn
        let diagonal = quadratic.indices.filter { quadratic[$0] != 0 }.map { Int32($0) }
        hessianRows = diagonal
        hessianColumns = diagonal
    }

    func objective(_ x: UnsafeBufferPointer<Double>, into value: inout Double) -> Bool {
        value = model.objectiveConstant
        for j in 0..<variableCount { value += model.objective[j] * x[j] }
        for (j, q) in quadratic.enumerated() { value += 0.5 * q * x[j] * x[j] }
        return true
    }

    func objectiveGradient(_ x: UnsafeBufferPointer<Double>,
                           into gradient: UnsafeMutableBufferPointer<Double>) -> Bool {
        for j in 0..<variableCount {
            gradient[j] = model.objective[j] + (j < quadratic.count ? quadratic[j] * x[j] : 0)
        }
        return true
    }

    func constraints(_ x: UnsafeBufferPointer<Double>,
                     into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        for i in 0..<constraintCount {
            var sum = 0.0
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                sum += model.entryValue[k] * x[Int(model.entryColumn[k])]
            }
            values[i] = sum
        }
        return true
    }

    func jacobianValues(_ x: UnsafeBufferPointer<Double>,
                        into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        for k in 0..<model.entryValue.count { values[k] = model.entryValue[k] }
        return true
    }

    func hessianValues(_ x: UnsafeBufferPointer<Double>, objectiveFactor: Double,
                       multipliers: UnsafeBufferPointer<Double>,
                       into values: UnsafeMutableBufferPointer<Double>) -> Bool {
        for (k, j) in hessianRows.enumerated() {
            values[k] = objectiveFactor * quadratic[Int(j)]
        }
        return true
    }
}

/// Small nonlinear test problems with known solutions.
enum IpoptTestProblems {
    /// A model with the given column bounds and starts and row bounds (no linear entries: the
    /// program supplies every function).
    static func model(columns: [(lower: Double, upper: Double, start: Double)],
                      rows: [(lower: Double, upper: Double)],
                      sense: ObjectiveSense = .minimize) -> ScalarModel {
        var model = ScalarModel()
        model.sense = sense
        for (j, column) in columns.enumerated() {
            model.addColumn(lower: column.lower, upper: column.upper, start: column.start,
                            origin: Provenance(symbol: "x", labels: ["\(j + 1)"]))
        }
        for (i, row) in rows.enumerated() {
            model.addRow(columns: [], values: [], lower: row.lower, upper: row.upper,
                         origin: Provenance(symbol: "e", labels: ["\(i + 1)"]))
        }
        return model
    }

    /// Hock–Schittkowski problem 71: `min x1·x4·(x1 + x2 + x3) + x3` subject to
    /// `x1·x2·x3·x4 ≥ 25`, `Σ xᵢ² = 40`, `1 ≤ x ≤ 5`, from (1, 5, 5, 1). f* = 17.0140173.
    static func hs71() -> (ScalarModel, IpoptClosureProgram) {
        let model = self.model(columns: [(1, 5, 1), (1, 5, 5), (1, 5, 5), (1, 5, 1)],
                               rows: [(25, .infinity), (40, 40)])
        var jacobian: [(Int32, Int32)] = []
        for i in 0..<2 { for j in 0..<4 { jacobian.append((Int32(i), Int32(j))) } }
        var hessian: [(Int32, Int32)] = []
        for i in 0..<4 { for j in 0...i { hessian.append((Int32(i), Int32(j))) } }
        let program = IpoptClosureProgram(variables: 4, constraints: 2, jacobian: jacobian,
                                          hessian: hessian)
        program.f = { x in x[0] * x[3] * (x[0] + x[1] + x[2]) + x[2] }
        program.gradient = { x in
            [x[0] * x[3] + x[3] * (x[0] + x[1] + x[2]), x[0] * x[3], x[0] * x[3] + 1,
             x[0] * (x[0] + x[1] + x[2])]
        }
        program.g = { x in [x[0] * x[1] * x[2] * x[3], x.reduce(0) { $0 + $1 * $1 }] }
        program.jacobian = { x in
            [x[1] * x[2] * x[3], x[0] * x[2] * x[3], x[0] * x[1] * x[3], x[0] * x[1] * x[2],
             2 * x[0], 2 * x[1], 2 * x[2], 2 * x[3]]
        }
        program.hessian = { x, sigma, lambda in
            // Lower triangle row by row: (0,0) (1,0) (1,1) (2,0) (2,1) (2,2) (3,0) ... (3,3).
            var h = [Double](repeating: 0, count: 10)
            h[0] = sigma * 2 * x[3]
            h[1] = sigma * x[3]
            h[3] = sigma * x[3]
            h[6] = sigma * (2 * x[0] + x[1] + x[2])
            h[7] = sigma * x[0]
            h[8] = sigma * x[0]
            h[1] += lambda[0] * x[2] * x[3]
            h[3] += lambda[0] * x[1] * x[3]
            h[4] += lambda[0] * x[0] * x[3]
            h[6] += lambda[0] * x[1] * x[2]
            h[7] += lambda[0] * x[0] * x[2]
            h[8] += lambda[0] * x[0] * x[1]
            h[0] += lambda[1] * 2
            h[2] += lambda[1] * 2
            h[5] += lambda[1] * 2
            h[9] += lambda[1] * 2
            return h
        }
        return (model, program)
    }

    /// Rosenbrock's function `100(y − x²)² + (1 − x)²` from (−1.2, 1); minimum 0 at (1, 1).
    static func rosenbrock() -> (ScalarModel, IpoptClosureProgram) {
        let model = self.model(columns: [(-.infinity, .infinity, -1.2), (-.infinity, .infinity, 1)],
                               rows: [])
        let program = IpoptClosureProgram(variables: 2, constraints: 0,
                                          hessian: [(0, 0), (1, 0), (1, 1)])
        program.f = { x in 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]) }
        program.gradient = { x in
            [-400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), 200 * (x[1] - x[0] * x[0])]
        }
        program.hessian = { x, sigma, _ in
            [sigma * (1200 * x[0] * x[0] - 400 * x[1] + 2), sigma * (-400 * x[0]), sigma * 200]
        }
        return (model, program)
    }

    /// `max 3 − (x − 1)² − (y − 2)²` subject to `x + y ≤ b`: the projection of (1, 2) onto the
    /// half-plane. For b = 2 the optimum is (0.5, 1.5) with objective 2.5, and
    /// d objective / d b = 3 − b = 1.
    static func concaveMaximum(rhs: Double = 2) -> (ScalarModel, IpoptClosureProgram) {
        let model = self.model(columns: [(-.infinity, .infinity, 0), (-.infinity, .infinity, 0)],
                               rows: [(-.infinity, rhs)], sense: .maximize)
        let program = IpoptClosureProgram(variables: 2, constraints: 1,
                                          jacobian: [(0, 0), (0, 1)], hessian: [(0, 0), (1, 1)])
        program.f = { x in 3 - (x[0] - 1) * (x[0] - 1) - (x[1] - 2) * (x[1] - 2) }
        program.gradient = { x in [-2 * (x[0] - 1), -2 * (x[1] - 2)] }
        program.g = { x in [x[0] + x[1]] }
        program.jacobian = { _ in [1, 1] }
        program.hessian = { _, sigma, _ in [-2 * sigma, -2 * sigma] }
        return (model, program)
    }

    /// `min x + y` subject to `x² + y² ≤ 1` and `x + y ≥ 3`: no point satisfies both.
    static func infeasible() -> (ScalarModel, IpoptClosureProgram) {
        let model = self.model(columns: [(-10, 10, 0), (-10, 10, 0)],
                               rows: [(-.infinity, 1), (3, .infinity)])
        let program = IpoptClosureProgram(variables: 2, constraints: 2,
                                          jacobian: [(0, 0), (0, 1), (1, 0), (1, 1)],
                                          hessian: [(0, 0), (1, 1)])
        program.f = { x in x[0] + x[1] }
        program.gradient = { _ in [1, 1] }
        program.g = { x in [x[0] * x[0] + x[1] * x[1], x[0] + x[1]] }
        program.jacobian = { x in [2 * x[0], 2 * x[1], 1, 1] }
        program.hessian = { _, _, lambda in [2 * lambda[0], 2 * lambda[0]] }
        return (model, program)
    }

    /// `min 10x − log x` on `−10 ≤ x ≤ 10` from x = 1: the first Newton step (−9) lands where the
    /// logarithm is undefined, so Ipopt must shorten it. Optimum x = 0.1, f = 1 + log 10.
    static func logarithm() -> (ScalarModel, IpoptClosureProgram) {
        let model = self.model(columns: [(-10, 10, 1)], rows: [])
        let program = IpoptClosureProgram(variables: 1, constraints: 0, hessian: [(0, 0)])
        program.f = { x in x[0] > 0 ? 10 * x[0] - log(x[0]) : nil }
        program.gradient = { x in x[0] > 0 ? [10 - 1 / x[0]] : nil }
        program.hessian = { x, sigma, _ in x[0] > 0 ? [sigma / (x[0] * x[0])] : nil }
        return (model, program)
    }
}
