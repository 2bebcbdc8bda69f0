import CGLPK
import Formats
import Foundation
import IR
import Solvers
import Testing

/// Builders of small models that exercise one feature of the writers each.
enum Models {
    static func p(_ symbol: String, _ labels: String...) -> Provenance { Provenance(symbol: symbol, labels: labels) }

    /// The golden model: maximization, an objective constant, a ranged row, a label with a blank,
    /// integer, binary and bounded columns.
    static func tiny() -> ScalarModel {
        var m = ScalarModel()
        m.sense = .maximize
        let x = m.addColumn(lower: 0, upper: .infinity, origin: p("x"))
        let y = m.addColumn(lower: -.infinity, upper: 10, origin: p("y", "a b"))
        let b = m.addColumn(lower: 0, upper: 1, isInteger: true, origin: p("b"))
        let k = m.addColumn(lower: 2, upper: 7, isInteger: true, origin: p("k"))
        m.objective[x] = 3; m.objective[y] = 2; m.objective[b] = 5; m.objective[k] = -1
        m.objectiveConstant = 1.5
        m.addRow(columns: [Int32(x), Int32(y)], values: [1, 2], lower: -.infinity, upper: 12, origin: p("cap"))
        m.addRow(columns: [Int32(x), Int32(y)], values: [1, -1], lower: 1, upper: 4, origin: p("mix", "a-1"))
        m.addRow(columns: [Int32(x), Int32(b)], values: [1, -10], lower: -.infinity, upper: 0, origin: p("link"))
        m.addRow(columns: [Int32(x), Int32(k)], values: [1, 1], lower: 6, upper: 6, origin: p("bal"))
        return m
    }

    /// Every kind of column bound, continuous and integer.
    static func bounds(sense: ObjectiveSense) -> ScalarModel {
        var m = ScalarModel()
        m.sense = sense
        let s: Double = sense == .minimize ? 1 : -1
        let cols: [(Double, Double, Bool, String)] = [
            (-.infinity, .infinity, false, "free"), (-.infinity, -2, false, "negative"),
            (-3, .infinity, false, "lowered"), (4.25, 4.25, false, "fixed"), (1, 8, false, "boxed"),
            (0, 1, false, "unit"), (0, .infinity, true, "count"), (-5, 3, true, "shift"),
            (0, 1, true, "pick"), (-.infinity, .infinity, true, "anyint"), (2, 2, true, "fixint"),
            (0, .infinity, false, "plain"), (-.infinity, 6, true, "capint"), (0.5, 9.5, true, "halfint"),
        ]
        var j: [Int32] = []
        for (lo, up, integer, name) in cols {
            j.append(Int32(m.addColumn(lower: lo, upper: up, isInteger: integer, origin: p(name))))
        }
        // bounded objective: each column in a row that keeps it finite
        for (k, col) in j.enumerated() {
            m.objective[Int(col)] = s * Double(k % 3 + 1) * (k % 2 == 0 ? 1 : -1)
        }
        m.addRow(columns: [j[0], j[2]], values: [1, 1], lower: -10, upper: 10, origin: p("r", "1"))
        m.addRow(columns: [j[0], j[1]], values: [1, -1], lower: -.infinity, upper: 20, origin: p("r", "2"))
        m.addRow(columns: [j[1]], values: [1], lower: -9, upper: .infinity, origin: p("r", "3"))
        m.addRow(columns: [j[2], j[5], j[6]], values: [1, 2, 1], lower: -.infinity, upper: 15, origin: p("r", "4"))
        m.addRow(columns: [j[9], j[7]], values: [1, 1], lower: -4, upper: 4, origin: p("r", "5"))
        m.addRow(columns: [j[9], j[12], j[8]], values: [1, -1, 3], lower: -6, upper: 6, origin: p("r", "6"))
        m.addRow(columns: [j[11], j[13], j[0]], values: [1, 1, 0.5], lower: -.infinity, upper: 30, origin: p("r", "7"))
        m.addRow(columns: [j[12]], values: [1], lower: -7, upper: .infinity, origin: p("r", "8"))
        return m
    }

    /// Ranged rows (one whose range does not come back exactly from the lower side), a free
    /// row, an empty row, an equation and an objective constant.
    static func rows(sense: ObjectiveSense, constant: Double) -> ScalarModel {
        var m = ScalarModel()
        m.sense = sense
        let x = Int32(m.addColumn(lower: 0, upper: 100, origin: p("x")))
        let y = Int32(m.addColumn(lower: 0, upper: 100, origin: p("y")))
        let z = Int32(m.addColumn(lower: -.infinity, upper: .infinity, origin: p("z")))
        let idle = m.addColumn(lower: 0, upper: 3, origin: p("idle"))
        m.objective[Int(z)] = 1
        m.objective[idle] = sense == .minimize ? 0.25 : -0.25
        m.objectiveConstant = constant
        m.addRow(columns: [z, x, y], values: [1, -2, -3], lower: 0, upper: 0, origin: p("def"))
        m.addRow(columns: [x], values: [1], lower: 0.1, upper: 0.3, origin: p("narrow"))
        m.addRow(columns: [x, y], values: [1, 1], lower: 2, upper: 7.5, origin: p("wide"))
        m.addRow(columns: [x, y], values: [1, -1], lower: -.infinity, upper: .infinity, origin: p("free"))
        m.addRow(columns: [], values: [], lower: -.infinity, upper: 5, origin: p("empty"))
        m.addRow(columns: [y], values: [1], lower: -1e-7, upper: 1e15 + 0.5, origin: p("tiny"))
        m.addRow(columns: [x, y], values: [0.5, 0.05], lower: 0.03, upper: 0.29, origin: p("odd"))
        return m
    }
}

/// Writes `model` in `format` to `folder`, reads it back with GLPK and checks names, bounds,
/// kinds, coefficients and the optimum against the model (and against GLPK's solve of the
/// model itself, through the project's GLPK backend).
func checkRoundTrip(_ model: ScalarModel, _ format: ExportFormat, in folder: TemporaryFolder,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    let written = try format.writer(name: "test").write(model)
    let path = folder.path("model.\(format.fileExtension)")
    try ModelExport.writeAtomically(written.text, to: path)
    let back = try #require(readBack(path, format: format), "GLPK cannot read the \(format) file:\n\(written.text)",
                            sourceLocation: sourceLocation)
    let negate = written.objectiveNegated
    #expect(back.maximize == (model.sense == .maximize && !negate), sourceLocation: sourceLocation)
    #expect(back.objectiveConstant == 0, "the constant goes through a fixed column", sourceLocation: sourceLocation)

    // rows: the model's rows but free ones, in order and with the exported names
    let kept = (0..<model.rowCount).filter { model.rowLower[$0] > -.infinity || model.rowUpper[$0] < .infinity }
    #expect(back.rowNames == kept.map { written.rowNames[$0] }, sourceLocation: sourceLocation)
    for i in kept {
        guard let row = back.rows[written.rowNames[i]] else { continue }
        var expected: [String: Double] = [:]
        for k in model.rowStart[i]..<model.rowStart[i + 1] {
            expected[written.columnNames[Int(model.entryColumn[k])]] = model.entryValue[k]
        }
        var lo = model.rowLower[i], up = model.rowUpper[i]
        if let r = written.rangeColumns[i] {
            expected[r] = -1
            lo = 0; up = 0
            let range = try #require(back.columns[r], sourceLocation: sourceLocation)
            #expect(range.lower == model.rowLower[i] && range.upper == model.rowUpper[i], sourceLocation: sourceLocation)
        }
        #expect(row.entries == expected, "entries of \(written.rowNames[i])", sourceLocation: sourceLocation)
        // an MPS range may be one unit in the last place off (0.03 + (0.29 - 0.03) > 0.29)
        let slack = format == .mps && lo > -.infinity && up < .infinity && lo != up ? max(lo.ulp, up.ulp) : 0
        #expect(abs(glpkBound(row.lower) - lo) <= slack && abs(glpkBound(row.upper) - up) <= slack
                    || glpkBound(row.lower) == lo && glpkBound(row.upper) == up,
                "bounds of \(written.rowNames[i]): [\(row.lower), \(row.upper)] for [\(lo), \(up)]", sourceLocation: sourceLocation)
    }

    // columns: every model column under its exported name, plus the format's extra columns
    var expectedNames = Set(written.columnNames)
    if let c = written.constantColumn { expectedNames.insert(c) }
    expectedNames.formUnion(written.rangeColumns.values)
    #expect(Set(back.columnNames) == expectedNames, sourceLocation: sourceLocation)
    #expect(back.columnNames.count == expectedNames.count, sourceLocation: sourceLocation)
    for j in 0..<model.columnCount {
        guard let col = back.columns[written.columnNames[j]] else { continue }
        let name = written.columnNames[j]
        #expect(col.integer == model.columnIsInteger[j], "kind of \(name)", sourceLocation: sourceLocation)
        #expect(glpkBound(col.lower) == model.columnLower[j] && glpkBound(col.upper) == model.columnUpper[j],
                "bounds of \(name): [\(col.lower), \(col.upper)]", sourceLocation: sourceLocation)
        #expect(col.cost == (negate ? -model.objective[j] : model.objective[j]), "cost of \(name)", sourceLocation: sourceLocation)
    }
    if let c = written.constantColumn, let col = back.columns[c] {
        #expect(col.lower == 1 && col.upper == 1 && col.type == GLP_FX, sourceLocation: sourceLocation)
        #expect(col.cost == (negate ? -model.objectiveConstant : model.objectiveConstant), sourceLocation: sourceLocation)
    }

    // the optimum: the file's, sign restored, against the project's GLPK solve of the model
    let own = GLPKSolver().solve(model, options: SolveOptions())
    let optimum = back.objective.map { negate ? -$0 : $0 }
    #expect(own.modelStatus == .optimal || own.modelStatus == .integerSolution, sourceLocation: sourceLocation)
    #expect(close(optimum, own.objective), "optimum \(String(describing: optimum)) of the \(format) file, \(String(describing: own.objective)) of the model",
            sourceLocation: sourceLocation)

    // and CLP (CBC for integer columns) reads the file whole to the same optimum
    let program = model.hasIntegers ? "cbc" : "clp"
    let coin = try runCoin(program, path, in: folder)
    #expect(coin.readCleanly, "\(program): \(coin.output)", sourceLocation: sourceLocation)
    let coinOptimum = coin.objective.map { negate ? -$0 : $0 }
    #expect(close(coinOptimum, own.objective), "\(program): optimum \(String(describing: coinOptimum)) of the \(format) file, \(String(describing: own.objective)) of the model",
            sourceLocation: sourceLocation)
}

@Suite("Hand-built models read back with GLPK")
struct HandBuiltModelTests {
    @Test(arguments: ExportFormat.allCases)
    func tinyModel(_ format: ExportFormat) throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        try checkRoundTrip(Models.tiny(), format, in: folder)
    }

    @Test(arguments: ExportFormat.allCases, [ObjectiveSense.minimize, .maximize])
    func everyKindOfBound(_ format: ExportFormat, _ sense: ObjectiveSense) throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let model = try ModelExport.prepare(Models.bounds(sense: sense), modelName: "bounds", modelType: .mip).linear
        try checkRoundTrip(model, format, in: folder)
    }

    @Test(arguments: ExportFormat.allCases, [ObjectiveSense.minimize, .maximize])
    func rangedFreeAndEmptyRows(_ format: ExportFormat, _ sense: ObjectiveSense) throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        for constant in [0, 12.5, -0.1] {
            try checkRoundTrip(Models.rows(sense: sense, constant: constant), format, in: folder)
        }
    }

    /// Ranged rows are G rows with a RANGES entry.
    @Test func rangedRowsInMPS() throws {
        let text = try MPSWriter().write(Models.rows(sense: .minimize, constant: 0)).text
        #expect(text.contains(" G wide\n"))
        #expect(text.contains(" RHS wide 2\n"))
        #expect(text.contains(" RNG wide 5.5\n"))
    }

    /// Maximization in MPS: the objective is negated and a comment says so.
    @Test func maximizationIsNegatedInMPS() throws {
        let written = try MPSWriter().write(Models.tiny())
        #expect(written.objectiveNegated)
        #expect(written.text.hasPrefix("* objective sense: minimize the negated objective of a maximization"))
        #expect(!written.text.contains("OBJSENSE"))
        let lp = try LPWriter().write(Models.tiny())
        #expect(!lp.objectiveNegated)
        #expect(lp.text.contains("\nMaximize\n"))
    }

    /// A model without columns or rows still makes files GLPK reads.
    @Test(arguments: ExportFormat.allCases)
    func emptyModel(_ format: ExportFormat) throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        var model = ScalarModel()
        model.objectiveConstant = 4
        let written = try format.writer(name: "empty").write(model)
        let path = folder.path("empty.\(format.fileExtension)")
        try ModelExport.writeAtomically(written.text, to: path)
        let back = try #require(readBack(path, format: format), "\(written.text)")
        #expect(close(back.objective, 4))
    }

    /// Nonlinear models and bounds no file can state are refused.
    @Test func refusals() throws {
        var model = Models.tiny()
        model.objectiveRoot = 0
        #expect(throws: ExportError.self) { try MPSWriter().write(model) }
        #expect(throws: ExportError.self) { try ModelExport.prepare(model, modelName: "m", modelType: .nlp) }
        var bad = Models.tiny()
        bad.entryValue[0] = .nan
        #expect(throws: ExportError.self) { try LPWriter().write(bad) }
        bad = Models.tiny()
        bad.columnLower[0] = .infinity
        bad.columnUpper[0] = .infinity
        #expect(throws: ExportError.self) { try MPSWriter().write(bad) }
    }

    /// Model types other than mip relax integer columns, as their solves do.
    @Test func relaxedTypesWriteContinuousColumns() throws {
        let model = Models.tiny()
        let relaxed = try ModelExport.prepare(model, modelName: "m", modelType: .rmip).linear
        #expect(!relaxed.hasIntegers)
        let kept = try ModelExport.prepare(model, modelName: "m", modelType: .mip).linear
        #expect(kept.columnIsInteger == model.columnIsInteger)
        // integer bounds are rounded inward
        let half = try ModelExport.prepare(Models.bounds(sense: .minimize), modelName: "m", modelType: .mip).linear
        #expect(half.columnLower[13] == 1 && half.columnUpper[13] == 9)
        let text = try MPSWriter().write(relaxed).text
        #expect(!text.contains("MARKER"))
        #expect(!text.contains(" BV "))
    }
}
