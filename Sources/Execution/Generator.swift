import Diagnostics
import Foundation
import IR
import Semantics
import Solvers

/// Accumulates one row's linear terms without per-term allocation.
struct RowAccumulator {
    var coefficient: [Double] = []
    var touched: [Int32] = []
    var constant: Double = 0

    mutating func add(_ col: Int32, _ v: Double) {
        let c = Int(col)
        if c >= coefficient.count { coefficient.append(contentsOf: repeatElement(.nan, count: c + 1 - coefficient.count + 1024)) }
        if coefficient[c].isNaN {
            coefficient[c] = v
            touched.append(col)
        } else {
            coefficient[c] += v
        }
    }

    /// Moves the row's terms out (dropping exact zeros) and resets.
    mutating func take() -> ([Int32], [Double]) {
        var cols: [Int32] = []
        var vals: [Double] = []
        cols.reserveCapacity(touched.count)
        vals.reserveCapacity(touched.count)
        for c in touched {
            let v = coefficient[Int(c)]
            coefficient[Int(c)] = .nan
            if v != 0 { cols.append(c); vals.append(v) }
        }
        touched.removeAll(keepingCapacity: true)
        constant = 0
        return (cols, vals)
    }
}

/// Thrown when generation cannot go on (a nonlinear term, an invalid coefficient).
struct GenerationFailure: Error {}

extension Interpreter {
    /// Instantiates a model's equations into a `ScalarModel`, creating columns on first use.
    func generate(_ sv: SolveR) -> (ScalarModel, [(Symbol, LabelTuple)], [(Symbol, LabelTuple)])? {
        var model = ScalarModel()
        var columns: [(Symbol, LabelTuple)] = []
        var rows: [(Symbol, LabelTuple)] = []
        columnsOf = [:]
        var acc = RowAccumulator()
        var failed = false
        var infeasibleRows = 0

        func column(_ s: Symbol, _ t: LabelTuple) -> Int32 {
            if let c = columnsOf[s.id]?[t] { return c }
            let r = s.records[t] ?? s.defaultRecord()
            var lo = r.lower, up = r.upper
            let integer = s.variableKind == .binary || s.variableKind == .integer
            if s.variableKind == .binary { lo = Swift.max(lo, 0); up = Swift.min(up, 1) }
            let c = Int32(model.addColumn(lower: lo, upper: up, isInteger: integer, start: r.level,
                                          origin: Provenance(symbol: s.name, labels: labelNames(s, t), line: s.line)))
            columnsOf[s.id, default: [:]][t] = c
            columns.append((s, t))
            return c
        }

        func linear(_ n: Node, _ scale: Double) throws {
            if !n.hasVariable {
                let v = eval(n)
                if v != 0 { acc.constant += scale * v }
                return
            }
            switch n.kind {
            case .variable(let s, let args):
                guard let t = tuple(args) else { return }
                acc.add(column(s, t), scale)
            case .negate(let a):
                try linear(a, -scale)
            case .binary(let op, let a, let b):
                switch op {
                case .add: try linear(a, scale); try linear(b, scale)
                case .sub: try linear(a, scale); try linear(b, -scale)
                case .mul:
                    if !a.hasVariable {
                        let v = eval(a)
                        if v != 0 { try linear(b, scale * v) }
                    } else {
                        let v = eval(b)
                        if v != 0 { try linear(a, scale * v) }
                    }
                case .div:
                    let v = eval(b)
                    if v == 0 {
                        runtimeError("E4001", "division by zero", at: b.span)
                        throw GenerationFailure()
                    }
                    try linear(a, scale / v)
                default:
                    runtimeError("E4011", "nonlinear term in a linear model", at: n.span)
                    throw GenerationFailure()
                }
            case .dollar(let a, let c):
                if truth(eval(c)) { try linear(a, scale) }
            case .reduce(.sum, let d, let body):
                var inner: Error? = nil
                try iterate(d, ordered: false) {
                    do { try linear(body, scale) } catch { inner = error; return false }
                    return true
                }
                if let e = inner { throw e }
            default:
                runtimeError("E4011", "nonlinear term in a linear model", at: n.span)
                throw GenerationFailure()
            }
        }

        for eq in program.modelEquations[sv.model.id] ?? [] {
            guard let def = program.definitions[eq.id] else { continue }
            do {
                try iterate(def.domain, ordered: true) {
                    guard let t = tuple(def.args) else { return true }
                    context = name(eq, t)
                    do {
                        try linear(def.lhs, 1)
                        try linear(def.rhs, -1)
                    } catch {
                        failed = true
                        return false
                    }
                    let rhs = -acc.constant
                    let (cols, vals) = acc.take()
                    if let bad = vals.firstIndex(where: { !$0.isFinite }) {
                        let (vs, vt) = columns[Int(cols[bad])]
                        let row = context
                        context = ""
                        runtimeError("E4012", "coefficient of \(name(vs, vt)) is \(messageNumber(vals[bad])) in row \(row)",
                                     at: def.span)
                        failed = true
                        return false
                    }
                    if !rhs.isFinite && !rhs.isNaN && def.relation == .eq || rhs.isNaN {
                        runtimeError("E4013", "right-hand side \(rhs.isNaN ? "is undefined" : "is infinite") in row \(context)", at: def.span)
                        failed = true
                        return false
                    }
                    var lo = -Double.infinity, up = Double.infinity
                    switch def.relation {
                    case .eq: lo = rhs; up = rhs
                    case .le: up = rhs
                    case .ge: lo = rhs
                    case .free: break
                    }
                    if cols.isEmpty && (lo > Interpreter.emptyRowTolerance || up < -Interpreter.emptyRowTolerance) {
                        // GAMS refuses a row whose terms all vanished when its data make it infeasible
                        let row = context
                        context = ""
                        runtimeError("E4015", "equation \(row) is infeasible: all its terms are zero and 0 \(def.relation.rawValue) \(messageNumber(rhs)) does not hold",
                                     at: def.span)
                        context = row
                        infeasibleRows += 1
                        return true
                    }
                    model.addRow(columns: cols, values: vals, lower: lo, upper: up,
                                 origin: Provenance(symbol: eq.name, labels: labelNames(eq, t), line: def.span.line))
                    rows.append((eq, t))
                    return true
                }
            } catch {
                failed = true
            }
            context = ""
            if failed { break }
        }
        context = ""
        if failed || infeasibleRows > 0 { return nil }
        guard let objCol = columnsOf[sv.objective.id]?[LabelTuple(repeating: 0)] else {
            runtimeError("E4014", "objective variable '\(sv.objective.name)' does not appear in any equation of model '\(sv.model.name)'",
                         at: sv.objectiveSpan)
            return nil
        }
        var badBounds = 0
        for (k, (s, t)) in columns.enumerated() where model.columnLower[k] > model.columnUpper[k] {
            badBounds += 1
            runtimeError("E4016", "variable \(name(s, t)) has lower bound \(messageNumber(model.columnLower[k])) above its upper bound \(messageNumber(model.columnUpper[k]))",
                         at: sv.modelSpan)
        }
        if badBounds > 0 { return nil }
        model.objective[Int(objCol)] = 1
        model.sense = sv.maximize ? .maximize : .minimize
        return (model, columns, rows)
    }

    /// Rows with no terms left are refused when their bounds miss 0 by more than this.
    static let emptyRowTolerance = 1e-9

    /// A number as messages write it: special values by name, integers without a fraction.
    func messageNumber(_ v: Double) -> String {
        if SpecialValue.isNA(v) { return "NA" }
        if v.isNaN { return "UNDF" }
        if v == .infinity { return "+INF" }
        if v == -.infinity { return "-INF" }
        if SpecialValue.isEps(v) { return "EPS" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    func labelNames(_ s: Symbol, _ t: LabelTuple) -> [String] {
        (0..<s.dimension).map { labels.name(t[$0]) }
    }

    /// Runs a `solve`: generation, the backend, write-back of levels and marginals.
    func solve(_ sv: SolveR) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard let (model, columns, rows) = generate(sv) else {
            modelAttributes[sv.model.id, default: [:]]["modelStat"] = Double(ModelStatus.errorNoSolution.rawValue)
            modelAttributes[sv.model.id, default: [:]]["solveStat"] = Double(SolverStatus.solveProcessingSkipped.rawValue)
            return
        }
        let genSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        var opts = SolveOptions()
        opts.optCr = modelAttribute(sv.model, "optCr")
        opts.optCa = modelAttribute(sv.model, "optCa")
        opts.resLim = modelAttribute(sv.model, "resLim")
        let il = modelAttribute(sv.model, "iterLim")
        opts.iterLim = il >= 2e9 || il.isNaN ? 2_000_000_000 : Int(Swift.max(0, il))
        opts.relaxIntegrality = sv.type == "rmip" || sv.type == "lp"
        opts.loadOnly = generateOnly
        if sv.type == "lp" && model.hasIntegers {
            diagnostics.warning("W4003", "model '\(sv.model.name)' has integer variables; 'using lp' relaxes them (use 'mip' to keep them integer)",
                                at: sv.span)
        }
        let t1 = DispatchTime.now().uptimeNanoseconds
        let result = solver.solve(model, options: opts)
        let solverSeconds = Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9

        if result.hasSolution {
            for (k, (s, t)) in columns.enumerated() where k < result.columnLevel.count {
                var r = s.records[t] ?? s.defaultRecord()
                r.level = result.columnLevel[k] + 0
                r.marginal = k < result.columnMarginal.count ? result.columnMarginal[k] : 0
                s.records[t] = r
            }
            for (k, (s, t)) in rows.enumerated() where k < result.rowLevel.count {
                var r = s.records[t] ?? VarRecord(lower: model.rowLower[k], upper: model.rowUpper[k])
                r.level = result.rowLevel[k] + 0
                r.marginal = k < result.rowMarginal.count ? result.rowMarginal[k] : 0
                r.lower = model.rowLower[k]
                r.upper = model.rowUpper[k]
                s.records[t] = r
            }
        }
        var attrs = modelAttributes[sv.model.id] ?? [:]
        attrs["modelStat"] = Double(result.modelStatus.rawValue)
        attrs["solveStat"] = Double(result.solverStatus.rawValue)
        attrs["objVal"] = result.objective ?? SpecialValue.na
        attrs["objEst"] = result.bestBound ?? SpecialValue.na
        attrs["numEqu"] = Double(model.rowCount)
        attrs["numVar"] = Double(model.columnCount)
        attrs["numNZ"] = Double(model.nonzeroCount)
        attrs["numDVar"] = Double(model.columnIsInteger.filter { $0 }.count)
        attrs["iterUsd"] = Double(result.iterations)
        attrs["nodUsd"] = Double(result.nodes)
        attrs["resUsd"] = result.solverSeconds > 0 ? result.solverSeconds : solverSeconds
        modelAttributes[sv.model.id] = attrs
        emit(.solve(SolveReport(model: sv.model.name, type: sv.type, solver: solver.name,
                                direction: sv.maximize ? .maximize : .minimize, objectiveVariable: sv.objective.name, modelStatus: result.modelStatus,
                                solverStatus: result.solverStatus, objective: result.objective, rows: model.rowCount,
                                columns: model.columnCount, nonzeros: model.nonzeroCount, iterations: result.iterations,
                                generationSeconds: genSeconds, solverSeconds: solverSeconds, line: sv.span.line,
                                message: result.message)))
    }
}
