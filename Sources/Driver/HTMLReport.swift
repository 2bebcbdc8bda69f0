import Diagnostics
import Execution
import Foundation
import IR
import Report

/// `enm solve FILE --report report.html`: one self-contained HTML page (no network, no scripts)
/// with the run's solve summaries, every display as a table, and for every displayed symbol
/// indexed by a set a chart (inline SVG) over its last index: a line chart, or bars for a short
/// one-dimensional series. A state of charge, a price path or a convergence history is seen, not
/// read.
public enum HTMLReport {
    /// Series beyond this many are left out of a chart (the table has them all).
    static let maxSeries = 10
    /// Rows beyond this many are left out of a table (with a note).
    static let maxRows = 400

    public static func render(_ r: RunResult, title: String) -> String {
        var body = "<h1>\(escape(title))</h1>\n"
        let solves = r.events.compactMap { e -> SolveReport? in if case .solve(let s) = e { return s } else { return nil } }
        body += "<p class=\"meta\">exit code \(r.exitCode.rawValue) · \(solves.count) solve\(solves.count == 1 ? "" : "s") · "
            + "\(r.events.filter { if case .display = $0 { return true } else { return false } }.count) displays</p>\n"
        if !solves.isEmpty { body += solveTable(solves) }
        if !r.diagnostics.isEmpty {
            body += "<h2>Diagnostics</h2>\n<pre>\(escape(Driver.renderDiagnostics(r.diagnostics)))</pre>\n"
        }
        var chartNumber = 0
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
        for case .display(let d) in r.events {
            if d.kind != .text && d.domain.isEmpty {
                if let first = scalars.first, first.line != d.line { flushScalars() }
                scalars.append(d)
                continue
            }
            flushScalars()
            body += display(d, chartNumber: &chartNumber)
        }
        flushScalars()
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: sans-serif; margin: 2em; color: #222; max-width: 70em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
        .meta { color: #666; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; white-space: nowrap; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #f3f3f3; text-align: left; }
        .bad { color: #b00; font-weight: bold; }
        svg { display: block; margin: 0.5em 0; }
        svg text { font-size: 11px; fill: #333; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// Writes the page atomically; E6001 when it cannot be written.
    public static func write(_ r: RunResult, to path: String, title: String) -> [Diagnostic] {
        do {
            try ResultsWriter.writeAtomically(Array(render(r, title: title).utf8), to: path)
            return []
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

    static func display(_ d: DisplayItem, chartNumber: inout Int) -> String {
        if d.kind == .text { return "<p><em>\(escape(d.symbol))</em> (line \(d.line))</p>\n" }
        var out = "<h2>\(escape(name(d)))\(d.domain.isEmpty ? "" : "(" + escape(d.domain.joined(separator: ",")) + ")")"
            + "\(d.text.isEmpty ? "" : " — " + escape(d.text))</h2>\n<p class=\"meta\">display at line \(d.line)</p>\n"
        let dim = d.domain.count
        if dim == 0 {
            let v = d.records.first?.value ?? 0
            return out + "<p><strong>\(escape(DisplayFormatter.formatValue(v, decimals: d.decimals)))</strong></p>\n"
        }
        if d.records.isEmpty { return out + "<p>(no records: all zero or empty)</p>\n" }
        if dim >= 1 && d.kind != .set, let chart = chart(d, number: chartNumber) {
            chartNumber += 1
            out += chart
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

    /// A chart of the records over the last index, one series per combination of the others;
    /// nil when there is nothing to draw (fewer than two points, or no finite values).
    static func chart(_ d: DisplayItem, number: Int) -> String? {
        let dim = d.domain.count
        // the x axis runs over the last index's labels in GAMS's label order (a series that lacks
        // the first labels must not move them to the end)
        var labelOf: [Label: String] = [:]
        for rec in d.records where rec.value.isFinite { labelOf[rec.ids[dim - 1]] = rec.labels[dim - 1] }
        let xIds = labelOf.keys.sorted()
        let xs = xIds.map { labelOf[$0]! }
        var xIndex: [Label: Int] = [:]
        for (i, id) in xIds.enumerated() { xIndex[id] = i }
        var seriesNames: [String] = [], series: [String: [(Int, Double)]] = [:]
        for rec in d.records where rec.value.isFinite {
            let s = dim == 1 ? name(d) : rec.labels.prefix(dim - 1).joined(separator: ".")
            if series[s] == nil { seriesNames.append(s) }
            series[s, default: []].append((xIndex[rec.ids[dim - 1]]!, rec.value))
        }
        guard xs.count >= 2 else { return nil }
        // a display leaves zeros out: every series is 0 where it has no record
        for name in seriesNames {
            var byX = [Double](repeating: 0, count: xs.count)
            for (i, v) in series[name]! { byX[i] = v }
            series[name] = Array(byX.enumerated())
        }
        let shown = Array(seriesNames.prefix(maxSeries))
        let values = shown.flatMap { series[$0]!.map(\.1) }
        guard var lo = values.min(), var hi = values.max() else { return nil }
        // positive values over more than three decades (a convergence history) on a log scale
        let logScale = lo > 0 && hi / lo > 1e3
        if logScale {
            lo = Foundation.log10(lo); hi = Foundation.log10(hi)
        } else {
            lo = min(lo, 0); hi = max(hi, 0)
        }
        if hi - lo < 1e-300 { hi = lo + 1 }
        let width = 760.0, height = 260.0, left = 70.0, right = 150.0, top = 12.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let bars = dim == 1 && xs.count <= 24
        // bars sit in the middle of equal bands, line points span the axis
        func px(_ i: Int) -> Double {
            bars ? left + plotW * (Double(i) + 0.5) / Double(xs.count) : left + plotW * Double(i) / Double(xs.count - 1)
        }
        func py(_ v: Double) -> Double {
            let y = logScale ? Foundation.log10(max(v, 1e-300)) : v
            return top + plotH * (hi - y) / (hi - lo)
        }
        let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"chart of \(escape(name(d))) over \(escape(d.domain[dim - 1]))\" id=\"chart\(number)\">\n"
        // axes, zero line and value labels
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"#999\"/>\n"
        if logScale {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#999\"/>\n"
            for e in stride(from: Int(lo.rounded(.up)), through: Int(hi.rounded(.down)), by: max(1, Int(((hi - lo) / 6).rounded(.up)))) {
                let y = top + plotH * (hi - Double(e)) / (hi - lo)
                svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y))\" stroke=\"#eee\"/>"
                    + "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">1e\(e)</text>\n"
            }
            svg += "<text x=\"\(f(left))\" y=\"\(f(top - 2))\">log scale</text>\n"
        } else {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(0)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(0)))\" stroke=\"#999\"/>\n"
            for v in [hi, lo] where v != 0 {
                svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">\(escape(DisplayFormatter.formatValue(v, decimals: d.decimals)))</text>\n"
            }
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(py(0) + 4))\" text-anchor=\"end\">0</text>\n"
        }
        // x labels: at most about 12
        let step = max(1, Int((Double(xs.count) / 12).rounded(.up)))
        for (i, x) in xs.enumerated() where i % step == 0 || i == xs.count - 1 {
            svg += "<text x=\"\(f(px(i)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(escape(x))</text>\n"
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 4))\" text-anchor=\"middle\">\(escape(d.domain[dim - 1]))</text>\n"
        if bars {
            let w = plotW / Double(xs.count) * 0.7
            for (i, v) in series[shown[0]]! {
                let y0 = py(max(v, 0)), y1 = py(min(v, 0))
                svg += "<rect x=\"\(f(px(i) - w / 2))\" y=\"\(f(y0))\" width=\"\(f(w))\" height=\"\(f(max(y1 - y0, 0.5)))\" fill=\"\(colors[0])\"/>\n"
            }
        } else {
            for (k, s) in shown.enumerated() {
                let pts = series[s]!.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(colors[k % colors.count])\" stroke-width=\"2\" points=\"\(pts)\"/>\n"
                svg += "<rect x=\"\(f(left + plotW + 12))\" y=\"\(f(top + 16 * Double(k)))\" width=\"10\" height=\"10\" fill=\"\(colors[k % colors.count])\"/>"
                    + "<text x=\"\(f(left + plotW + 26))\" y=\"\(f(top + 16 * Double(k) + 9))\">\(escape(s))</text>\n"
            }
            if seriesNames.count > shown.count {
                svg += "<text x=\"\(f(left + plotW + 12))\" y=\"\(f(top + 16 * Double(shown.count) + 9))\">+\(seriesNames.count - shown.count) more</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

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
