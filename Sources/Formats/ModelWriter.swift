import Diagnostics
import IR

/// A file format a linear or mixed-integer model can be written in.
public enum ExportFormat: String, CaseIterable, Sendable {
    case mps, lp

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The writer of this format.
    public func writer(name: String, comments: [String] = []) -> any ModelWriter {
        switch self {
        case .mps: return MPSWriter(name: name, comments: comments)
        case .lp: return LPWriter(name: name, comments: comments)
        }
    }
}

/// Writes a `ScalarModel` as the text of a model file.
public protocol ModelWriter: Sendable {
    /// The file's text and the names it gave to the model's rows and columns; `quadratic`, when
    /// not empty, is the Hessian of a quadratic objective added to the model's linear one.
    func write(_ model: ScalarModel, quadratic: [QuadraticEntry]) throws -> WrittenModel
}

extension ModelWriter {
    /// The file of a linear or mixed-integer model.
    public func write(_ model: ScalarModel) throws -> WrittenModel { try write(model, quadratic: []) }

    /// The file of a model prepared for export (`ModelExport.prepare`).
    public func write(_ model: ExportModel) throws -> WrittenModel { try write(model.linear, quadratic: model.quadratic) }
}

/// The unique names of a model's rows, objective and columns, with the two
/// tables further names (the constant column, range columns) are claimed from.
struct ModelNaming {
    var rowTable: NameTable
    var columnTable: NameTable
    let rows: [String]
    let objective: String
    let columns: [String]

    init(_ model: ScalarModel) {
        var rowTable = NameTable(), columnTable = NameTable()
        rows = model.rowOrigin.map { rowTable.claim($0.displayName) }
        objective = rowTable.claim("obj")
        columns = model.columnOrigin.map { columnTable.claim($0.displayName) }
        self.rowTable = rowTable
        self.columnTable = columnTable
    }
}

/// A model file's text and how the model's rows and columns are named in it.
public struct WrittenModel: Sendable {
    public var text: String
    /// The name of each row of the model, in the model's order.
    public var rowNames: [String]
    /// The name of each column of the model, in the model's order.
    public var columnNames: [String]
    /// The name of the objective (the N row of an MPS file, the objective's label in LP).
    public var objectiveName: String
    /// An extra column fixed at 1 whose objective coefficient is the model's objective constant,
    /// nil when the file needs none.
    public var constantColumn: String?
    /// LP files: for each ranged row (by model row index), the extra column that carries its range.
    public var rangeColumns: [Int: String] = [:]
    /// Rows the file leaves out (free rows in LP files, which have no way to state them).
    public var omittedRows: [Int] = []
    /// LP files of a model without rows: the always-true row written because readers want one.
    public var placeholderRow: String? = nil
    /// Whether the file minimizes the negated objective of a maximization (MPS).
    public var objectiveNegated = false
}

/// Why a model cannot be exported: a code in the E5xxx range and a message.
public struct ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: DiagnosticCode
    public var message: String
    public var help: [String]

    public init(_ code: DiagnosticCode, _ message: String, help: [String] = []) {
        self.code = code
        self.message = message
        self.help = help
    }

    public var description: String { "error[\(code.rawValue)]: \(message)" }

    /// The error in the style of the project's diagnostics, naming `file` when given.
    public func rendered(file: String? = nil, color: Bool = false) -> String {
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : ""
        let blue = color ? "\u{1B}[1;34m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = "\(red)error[\(code.rawValue)]\(reset)\(bold): \(message)\(reset)\n"
        if let file { out += " \(blue)-->\(reset) \(file)\n" }
        for h in help { out += " \(blue)=\(reset) help: \(h)\n" }
        return out
    }

    /// E5001: the run ended without reaching a `solve`.
    public static func noSolve(_ file: String) -> ExportError {
        ExportError(.E5001, "no solve statement was reached in '\(file)': there is no model to export",
                    help: ["`enm export` writes the model of the first `solve` the file executes"])
    }

    /// E5002: the first solve's model has nonlinear terms that are not a quadratic objective.
    public static func nonlinear(model: String, type: String, reason: String) -> ExportError {
        ExportError(.E5002, "model '\(model)' (solved using \(type)) cannot be written as MPS/LP: \(reason)",
                    help: ["MPS and LP files hold linear rows with a linear or quadratic objective"])
    }

    /// E5003: the file could not be written, or the model holds something the format cannot state.
    public static func cannotWrite(_ what: String, help: [String] = []) -> ExportError {
        ExportError(.E5003, what, help: help)
    }
}

/// Numbers as the writers print them: integers without a fraction, everything else in Swift's
/// shortest form that reads back to the same `Double` (`0.1`, `1e-05`, `1.5e+20`).
func formatNumber(_ v: Double) -> String {
    if v == 0 { return "0" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
}

/// The checks both writers make before writing: consistent arrays, no nonlinear part, finite
/// coefficients and bounds that say something.
func checkWritable(_ model: ScalarModel, quadratic: [QuadraticEntry] = []) throws {
    let m = model.rowCount, n = model.columnCount
    guard model.columnUpper.count == n, model.columnIsInteger.count == n, model.objective.count == n,
          model.columnOrigin.count == n, model.rowUpper.count == m, model.rowOrigin.count == m,
          model.rowStart.count == m + 1, model.rowStart.first == 0, model.rowStart.last == model.entryColumn.count,
          model.entryValue.count == model.entryColumn.count
    else { throw ExportError.cannotWrite("the model's arrays are inconsistent") }
    if model.isNonlinear {
        throw ExportError(.E5002, "a nonlinear model cannot be written as MPS/LP")
    }
    for e in quadratic {
        guard e.row >= e.column, e.column >= 0, Int(e.row) < n else {
            throw ExportError.cannotWrite("a quadratic objective term refers to columns \(e.row), \(e.column) of \(n)")
        }
        if !e.value.isFinite {
            throw ExportError.cannotWrite("a quadratic objective coefficient of \(model.columnOrigin[Int(e.row)].displayName) is \(e.value)")
        }
    }
    if !model.objectiveConstant.isFinite {
        throw ExportError.cannotWrite("the objective constant is \(model.objectiveConstant)")
    }
    for j in 0..<n {
        let name = model.columnOrigin[j].displayName
        if !model.objective[j].isFinite {
            throw ExportError.cannotWrite("the objective coefficient of \(name) is \(model.objective[j])")
        }
        let lo = model.columnLower[j], up = model.columnUpper[j]
        if lo.isNaN || up.isNaN || lo == .infinity || up == -.infinity || lo > up {
            throw ExportError.cannotWrite("variable \(name) has bounds [\(lo), \(up)], which a model file cannot state")
        }
    }
    for i in 0..<m {
        let name = model.rowOrigin[i].displayName
        let lo = model.rowLower[i], up = model.rowUpper[i]
        if lo.isNaN || up.isNaN || lo == .infinity || up == -.infinity || lo > up {
            throw ExportError.cannotWrite("equation \(name) has bounds [\(lo), \(up)], which a model file cannot state")
        }
        for k in model.rowStart[i]..<model.rowStart[i + 1] {
            let c = Int(model.entryColumn[k])
            if c < 0 || c >= n { throw ExportError.cannotWrite("equation \(name) refers to column \(c) of \(n)") }
            if !model.entryValue[k].isFinite {
                throw ExportError.cannotWrite("the coefficient of \(model.columnOrigin[c].displayName) in \(name) is \(model.entryValue[k])")
            }
        }
    }
}

/// How a column's bounds look, for the writers' bound records.
enum ColumnBounds {
    case free, fixed(Double), binary
    /// `lower` nil means minus infinity, `upper` nil plus infinity.
    case range(lower: Double?, upper: Double?)

    init(lower: Double, upper: Double, integer: Bool) {
        if integer && lower == 0 && upper == 1 { self = .binary }
        else if lower == -.infinity && upper == .infinity { self = .free }
        else if lower == upper { self = .fixed(lower) }
        else { self = .range(lower: lower == -.infinity ? nil : lower, upper: upper == .infinity ? nil : upper) }
    }

    var isBinary: Bool {
        if case .binary = self { return true }
        return false
    }
}
