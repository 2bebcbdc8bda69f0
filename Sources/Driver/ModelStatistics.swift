import Execution
import IR

/// What `enm check` reports of the model of the first solve.
public struct ModelStatistics {
    public var model: String
    public var type: ModelType
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    public var integerColumns: Int
    public var nonlinearRows: Int
    /// Smallest and largest magnitude of the matrix's coefficients and of the finite
    /// right-hand sides (nil when there are none).
    public var coefficientRange: (Double, Double)?
    public var rightHandSideRange: (Double, Double)?

    init(_ captured: CapturedModel) {
        let m = captured.model
        model = captured.modelName
        type = captured.type
        rows = m.rowCount
        columns = m.columnCount
        nonzeros = m.nonzeroCount
        integerColumns = m.columnIsInteger.filter { $0 }.count
        nonlinearRows = m.nonlinearRows.count
        coefficientRange = ModelStatistics.range(m.entryValue.map(abs))
        var sides: [Double] = []
        for i in 0..<m.rowCount {
            for v in [m.rowLower[i], m.rowUpper[i]] where v.isFinite && v != 0 { sides.append(abs(v)) }
        }
        rightHandSideRange = ModelStatistics.range(sides)
    }

    static func range(_ values: [Double]) -> (Double, Double)? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return (lo, hi)
    }

    /// One line: `first solve: model m (lp): 6 rows, 7 columns, 19 nonzeros; |coefficients| 0.126 to 1; ...`.
    public var text: String {
        func g(_ v: Double) -> String { String(format: "%.6g", v) }
        var parts = ["\(rows) rows", "\(columns) columns", "\(nonzeros) nonzeros"]
        if integerColumns > 0 { parts.append("\(integerColumns) integer columns") }
        if nonlinearRows > 0 { parts.append("\(nonlinearRows) nonlinear rows") }
        var out = "first solve: model \(model) (\(type.rawValue)): " + parts.joined(separator: ", ")
        if let (lo, hi) = coefficientRange { out += "; |coefficients| \(g(lo)) to \(g(hi))" }
        if let (lo, hi) = rightHandSideRange { out += "; |right-hand sides| \(g(lo)) to \(g(hi))" }
        return out
    }
}
