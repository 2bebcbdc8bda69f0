import Diagnostics
import Execution
import Foundation
import IR
import Report

/// `enm solve FILE --report report.html`: one self-contained HTML page (no network, no scripts)
/// with the run's solve summaries, every display as a table, and for every displayed symbol
/// indexed by a set a chart (inline SVG) chosen from its data (`ChartPlan`): lines over its
/// time-like index, small multiples, a heatmap, or bars for categories; a `* @chart` comment in
/// the model overrides the choice (docs/report-charts.md). A state of charge, a price path or a
/// convergence history is seen, not read.
public enum HTMLReport {
    /// Rows beyond this many are left out of a table (with a note).
    static let maxRows = 400

    public static func render(_ r: RunResult, title: String) -> String {
        page(r, title: title).html
    }

    /// The page and the warnings about its `* @chart` comments (W5101, W5102).
    public static func page(_ r: RunResult, title: String) -> (html: String, warnings: [Diagnostic]) {
        var charts = ReportCharts(sourceFiles: r.sourceFiles)
        let displays = r.events.compactMap { e -> DisplayItem? in if case .display(let d) = e { return d } else { return nil } }
        let outcomes = charts.outcomes(displays)
        var body = "<h1>\(escape(title))</h1>\n"
        let solves = r.events.compactMap { e -> SolveReport? in if case .solve(let s) = e { return s } else { return nil } }
        body += "<p class=\"meta\">exit code \(r.exitCode.rawValue) · \(solves.count) solve\(solves.count == 1 ? "" : "s") · "
            + "\(r.events.filter { if case .display = $0 { return true } else { return false } }.count) displays</p>\n"
        if !solves.isEmpty { body += solveTable(solves) }
        if !r.diagnostics.isEmpty {
            body += "<h2>Diagnostics</h2>\n<pre>\(escape(Driver.renderDiagnostics(r.diagnostics)))</pre>\n"
        }
        // scalars of one display statement share a table
        var scalars: [DisplayItem] = []
        func flushScalars() {
            guard !scalars.isEmpty else { return }
            body += "<h2>Scalars (display at line \(scalars[0].line))</h2>\n<table>\n"
            for d in scalars {
                body += "<tr><th>\(escape(name(d)))</th><td class=\"n\">\(escape(DisplayFormatter.formatValue(d.records.first?.value ?? 0, decimals: d.decimals)))</td>"
                    + "<td>\(escape(d.text))</td></tr>\n"
            }
            body += "</table>\n"
            scalars = []
        }
        for (d, outcome) in zip(displays, outcomes) {
            if d.kind != .text && d.domain.isEmpty {
                if let first = scalars.first, first.line != d.line { flushScalars() }
                scalars.append(d)
                continue
            }
            flushScalars()
            body += display(d, chart: outcome)
        }
        flushScalars()
        let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: sans-serif; margin: 2em; color: #222; max-width: 76em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
        .meta { color: #666; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; display: block; overflow-x: auto; max-width: 100%; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; white-space: nowrap; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #f3f3f3; text-align: left; }
        .bad { color: #b00; font-weight: bold; }
        svg { display: block; margin: 0.5em 0; }
        svg text { font-size: 11px; fill: #333; }
        svg text.axis-title, svg text.unit, svg text.note { fill: #666; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
        return (html, charts.diagnostics)
    }

    /// Writes the page atomically; E6001 when it cannot be written, W5101/W5102 for `* @chart`
    /// comments it cannot apply.
    public static func write(_ r: RunResult, to path: String, title: String) -> [Diagnostic] {
        do {
            let (html, warnings) = page(r, title: title)
            try ResultsWriter.writeAtomically(Array(html.utf8), to: path)
            return warnings
        } catch let e as ResultsWriteError {
            return [Diagnostic(.error, Driver.resultsWriteCode, "cannot write the report '\(path)': \(e.reason)", at: .none)]
        } catch {
            return [Diagnostic(.error, Driver.resultsWriteCode, "cannot write the report '\(path)': \(error)", at: .none)]
        }
    }

    // MARK: - Parts

    /// Solves in a table; a run with many solves (a loop) gets one row per solve statement.
    static func solveTable(_ solves: [SolveReport]) -> String {
        guard solves.count > 12 else { return solveRows(solves) }
        var order: [Int] = [], byLine: [Int: [SolveReport]] = [:]
        for s in solves {
            if byLine[s.line] == nil { order.append(s.line) }
            byLine[s.line, default: []].append(s)
        }
        var out = "<h2>Solves</h2>\n<p class=\"meta\">\(solves.count) solves, one row per solve statement</p>\n<table>\n"
            + "<tr><th>line</th><th>model</th><th>type</th><th>solver</th><th>solves</th><th>model statuses</th>"
            + "<th>last objective</th><th>rows</th><th>columns</th><th>iterations</th><th>generation s</th><th>solver s</th></tr>\n"
        for line in order {
            let group = byLine[line]!, last = group[group.count - 1]
            var counts: [String: Int] = [:], statusOrder: [String] = []
            for s in group {
                let key = "\(s.modelStatus.rawValue) \(s.modelStatus.text)" + (s.solverStatus == .normalCompletion ? "" : " / \(s.solverStatus.text)")
                if counts[key] == nil { statusOrder.append(key) }
                counts[key, default: 0] += 1
            }
            let good = group.allSatisfy { [ModelStatus.optimal, .locallyOptimal, .integerSolution].contains($0.modelStatus) && $0.solverStatus == .normalCompletion }
            out += "<tr><td class=\"n\">\(line)</td><td>\(escape(last.model))</td><td>\(last.type.rawValue)</td><td>\(last.solver)</td>"
                + "<td class=\"n\">\(group.count)</td><td\(good ? "" : " class=\"bad\"")>"
                + statusOrder.map { "\(counts[$0]!)× \(escape($0))" }.joined(separator: "<br>") + "</td>"
                + "<td class=\"n\">\(last.objective.map { Driver.summaryNumber($0) } ?? "none")</td>"
                + "<td class=\"n\">\(last.rows)</td><td class=\"n\">\(last.columns)</td>"
                + "<td class=\"n\">\(group.reduce(0) { $0 + $1.iterations })</td>"
                + "<td class=\"n\">\(String(format: "%.3f", group.reduce(0) { $0 + $1.generationSeconds }))</td>"
                + "<td class=\"n\">\(String(format: "%.3f", group.reduce(0) { $0 + $1.solverSeconds }))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    static func solveRows(_ solves: [SolveReport]) -> String {
        var out = "<h2>Solves</h2>\n<table>\n<tr><th>line</th><th>model</th><th>type</th><th>solver</th><th>model status</th>"
            + "<th>solver status</th><th>objective</th><th>best bound</th><th>rows</th><th>columns</th><th>nonzeros</th>"
            + "<th>blocks</th><th>iterations</th><th>generation s</th><th>solver s</th></tr>\n"
        for s in solves {
            let good = [ModelStatus.optimal, .locallyOptimal, .integerSolution].contains(s.modelStatus) && s.solverStatus == .normalCompletion
            out += "<tr><td class=\"n\">\(s.line)</td><td>\(escape(s.model))</td><td>\(s.type.rawValue)</td><td>\(s.solver)</td>"
                + "<td\(good ? "" : " class=\"bad\"")>\(s.modelStatus.rawValue) \(escape(s.modelStatus.text))</td>"
                + "<td\(s.solverStatus == .normalCompletion ? "" : " class=\"bad\"")>\(s.solverStatus.rawValue) \(escape(s.solverStatus.text))</td>"
                + "<td class=\"n\">\(s.objective.map { Driver.summaryNumber($0) } ?? "none")</td>"
                + "<td class=\"n\">\(s.bestBound.map { Driver.summaryNumber($0) } ?? "")</td>"
                + "<td class=\"n\">\(s.rows)</td><td class=\"n\">\(s.columns)</td><td class=\"n\">\(s.nonzeros)</td>"
                + "<td class=\"n\">\(s.blocks)</td><td class=\"n\">\(s.iterations)</td>"
                + "<td class=\"n\">\(String(format: "%.3f", s.generationSeconds))</td><td class=\"n\">\(String(format: "%.3f", s.solverSeconds))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    static func name(_ d: DisplayItem) -> String {
        d.symbol + (d.attribute.map { "." + $0 } ?? "")
    }

    static func display(_ d: DisplayItem, chart: ReportCharts.Outcome) -> String {
        if d.kind == .text { return "<p><em>\(escape(d.symbol))</em> (line \(d.line))</p>\n" }
        var out = "<h2>\(escape(name(d)))\(d.domain.isEmpty ? "" : "(" + escape(d.domain.joined(separator: ",")) + ")")"
            + "\(d.text.isEmpty ? "" : " — " + escape(d.text))</h2>\n<p class=\"meta\">display at line \(d.line)</p>\n"
        if d.domain.isEmpty {
            let v = d.records.first?.value ?? 0
            return out + "<p><strong>\(escape(DisplayFormatter.formatValue(v, decimals: d.decimals)))</strong></p>\n"
        }
        if d.records.isEmpty { return out + "<p>(no records: all zero or empty)</p>\n" }
        switch chart {
        case .chart(let svg): out += svg
        case .drawnWith(let other): out += "<p class=\"meta\">drawn on the chart of \(escape(other)) above</p>\n"
        case .none: break
        }
        return out + table(d)
    }

    /// The records as a table: the last index across (as GAMS displays), the others down.
    static func table(_ d: DisplayItem) -> String {
        let dim = d.domain.count
        var columns: [String] = [], rows: [String] = [], cells: [String: [String: String]] = [:]
        var seenColumn = Set<String>(), seenRow = Set<String>()
        for rec in d.records {
            let col = dim == 1 ? "value" : rec.labels[dim - 1]
            let row = dim == 1 ? rec.labels[0] : rec.labels.prefix(dim - 1).joined(separator: ".")
            if seenColumn.insert(col).inserted { columns.append(col) }
            if seenRow.insert(row).inserted { rows.append(row) }
            let text = d.kind == .set ? (rec.text ?? "yes") : DisplayFormatter.formatValue(rec.value, decimals: d.decimals)
            cells[row, default: [:]][col] = text
        }
        var out = "<table>\n<tr><th></th>" + columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows.prefix(maxRows) {
            out += "<tr><th>\(escape(row))</th>" + columns.map { "<td class=\"n\">\(escape(cells[row]?[$0] ?? ""))</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n"
        if rows.count > maxRows { out += "<p class=\"meta\">\(rows.count - maxRows) more rows not shown</p>\n" }
        return out
    }


    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
