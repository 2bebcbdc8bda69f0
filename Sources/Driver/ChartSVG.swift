import Foundation
import Report

/// Draws a `ChartPlan` of a `ChartGrid` as inline SVG, as wide as the page (the view box is
/// `width` units wide and scales to the page). Every plotted element carries its data in
/// attributes (`data-series`, the panel's plot box and scale), so that tests can check what is
/// drawn from the SVG alone.
enum ChartSVG {
    /// View-box width; the picture scales to the page's width.
    static let width = 1000.0
    static let colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
    static let gridColor = "#e6e6e6", axisColor = "#999"

    /// One panel's box in view-box units and the members it shows.
    struct Panel {
        var title: String
        var key: [Int]
        var left: Double, top: Double, width: Double, height: Double
    }

    /// The SVG of a chart; `scale` fixes log or linear when a directive asks.
    static func render(_ grid: ChartGrid, _ plan: ChartPlan, scale: ChartDirective.Scale?, id: String) -> String {
        switch plan.kind {
        case .lines: return lines(grid, plan, scale: scale, id: id)
        case .bars: return bars(grid, plan, scale: scale, id: id)
        case .heatmap: return heatmap(grid, plan, id: id)
        }
    }

    // MARK: - Lines (and stacked areas)

    static func lines(_ grid: ChartGrid, _ plan: ChartPlan, scale forced: ChartDirective.Scale?, id: String) -> String {
        let xs = grid.members[plan.x]
        let seriesKeys = keys(grid, plan.series), panelKeys = keys(grid, plan.panels)
        let names = seriesKeys.map { plan.series.isEmpty ? grid.name : grid.label(of: $0, indices: plan.series) }
        // each series' values over the whole x set: a missing record is a zero
        func values(_ panel: [Int], _ series: [Int]) -> [Double] {
            xs.indices.map { x in grid.values[fullKey(grid, plan, x: x, series: series, panel: panel)] ?? 0 }
        }
        func drawn(_ panel: [Int]) -> [[Double]] {
            let raw = seriesKeys.map { values(panel, $0) }
            return plan.stacked ? cumulative(raw) : raw
        }
        let all: [Double] = panelKeys.flatMap { (key: [Int]) -> [Double] in drawn(key).flatMap { $0 } } + (plan.stacked ? [0] : [])
        let shared = ValueScale(values: all, log: forced.map { $0 == .log }, fromZero: plan.stacked)
        let legendHeight = seriesKeys.count > 1 ? legendRows(names) * 16 + 6 : 0
        let (titles, panels, height) = layout(panelKeys, plan: plan, grid: grid, top: legendHeight + 8, panelHeight: panelKeys.count > 1 ? 170 : 250,
                                              leftMargin: yAxisMargin(shared))
        var svg = header(grid, plan, id: id, height: height, series: names.count, panels: panelKeys.count) + titles
        if seriesKeys.count > 1 { svg += legend(names, top: 8) }
        for p in panels {
            let scale = plan.sharedScale ? shared : ValueScale(values: drawn(p.key).flatMap { $0 }, log: forced.map { $0 == .log }, fromZero: plan.stacked)
            svg += panelFrame(p, scale: scale, grid: grid, plan: plan)
            let zeros = scale.isLog && drawn(p.key).contains { $0.contains { $0 <= 0 } }
            svg += valueAxis(p, scale, note: zeros ? "log scale, zeros not drawn" : "log scale")
            svg += xAxis(p, labels: xs, title: grid.indexNames[plan.x], banded: false)
            let pitch = xs.count > 1 ? p.width / Double(xs.count - 1) : 0
            var below = [Double](repeating: scale.isLog ? scale.low : 0, count: xs.count)
            let panelSeries = drawn(p.key)
            var ends: [EndLabel] = []
            for (k, series) in panelSeries.enumerated() {
                let color = colors[k % colors.count]
                // a series that lies on an earlier one is dashed, so that both show
                let hidden = panelSeries[..<k].contains { earlier in
                    zip(earlier, series).allSatisfy { abs($0 - $1) <= 0.002 * (scale.high - scale.low) || !($0 - $1).isFinite }
                }
                let dash = hidden ? " stroke-dasharray=\"7 5\"" : ""
                func point(_ i: Int, _ v: Double) -> String { "\(f(p.left + pitch * Double(i))),\(f(y(p, scale, v)))" }
                if plan.stacked {
                    let top = series.enumerated().map { point($0, $1) }
                    let base = below.enumerated().reversed().map { point($0, $1) }
                    svg += "<polygon class=\"series\" data-series=\"\(esc(names[k]))\" fill=\"\(color)\" fill-opacity=\"0.75\" stroke=\"\(color)\" "
                        + "points=\"\((top + base).joined(separator: " "))\"/>\n"
                    below = series
                    continue
                }
                // a value that is not a number (INF, NA, UNDF), or a zero on a log scale, breaks the line
                let series = scale.isLog ? series.map { $0 > 0 ? $0 : .nan } : series
                for run in finiteRuns(series) {
                    if run.count == 1 {
                        let (cx, cy) = (p.left + pitch * Double(run[0]), y(p, scale, series[run[0]]))
                        svg += "<circle class=\"series\" data-series=\"\(esc(names[k]))\" data-from=\"\(run[0])\" cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"2.5\" fill=\"\(color)\"/>\n"
                        continue
                    }
                    svg += "<polyline class=\"series\" data-series=\"\(esc(names[k]))\" data-from=\"\(run[0])\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash) "
                        + "points=\"\(run.map { point($0, series[$0]) }.joined(separator: " "))\"/>\n"
                }
                // on a log scale (a convergence history) the last value is what the reader wants
                // and the axis cannot give it to more than a digit: write it at the line's end
                if scale.isLog, let last = series.lastIndex(where: { $0.isFinite }) {
                    ends.append(EndLabel(series: names[k], value: series[last], color: color,
                                         x: p.left + pitch * Double(last), y: y(p, scale, series[last])))
                }
            }
            svg += endLabels(ends, panel: p)
            svg += "</g>\n"
        }
        return svg + "</svg>\n"
    }

    /// The last value of a series on a log-scaled chart, written at the end of its line.
    struct EndLabel {
        var series: String
        var value: Double
        var color: String
        var x: Double, y: Double
    }

    /// The end labels of a panel: a dot on each last point and its value (four significant
    /// digits) left of it, moved apart vertically so that no two overlap, with a white halo so
    /// that a line under the text does not hide it.
    static func endLabels(_ ends: [EndLabel], panel p: Panel) -> String {
        var out = "", lastY = -Double.infinity
        for e in ends.sorted(by: { $0.y < $1.y }) {
            let textY = max(e.y - 6, lastY + 13)
            lastY = textY
            out += "<circle class=\"end\" cx=\"\(f(e.x))\" cy=\"\(f(e.y))\" r=\"3\" fill=\"\(e.color)\"/>\n"
            out += "<text class=\"value end\" data-series=\"\(esc(e.series))\" x=\"\(f(max(e.x - 6, p.left + 60)))\" y=\"\(f(textY))\" text-anchor=\"end\" "
                + "style=\"fill:\(e.color);stroke:#fff;stroke-width:3;paint-order:stroke\">\(esc(String(format: "%.4g", e.value)))</text>\n"
        }
        return out
    }

    /// The positions of the runs of numbers between non-numbers.
    static func finiteRuns(_ values: [Double]) -> [[Int]] {
        var runs: [[Int]] = [], run: [Int] = []
        for (i, v) in values.enumerated() {
            if v.isFinite { run.append(i) } else if !run.isEmpty { runs.append(run); run = [] }
        }
        return run.isEmpty ? runs : runs + [run]
    }

    /// Running sums of the series, for stacking (a non-number counts as 0).
    static func cumulative(_ series: [[Double]]) -> [[Double]] {
        var out: [[Double]] = [], sum = [Double](repeating: 0, count: series.first?.count ?? 0)
        for s in series {
            for i in s.indices where s[i].isFinite { sum[i] += s[i] }
            out.append(sum)
        }
        return out
    }

    // MARK: - Horizontal bars

    static func bars(_ grid: ChartGrid, _ plan: ChartPlan, scale forced: ChartDirective.Scale?, id: String) -> String {
        let rows = grid.members[plan.x]
        let seriesKeys = keys(grid, plan.series), panelKeys = keys(grid, plan.panels)
        let names = seriesKeys.map { plan.series.isEmpty ? grid.name : grid.label(of: $0, indices: plan.series) }
        func value(_ panel: [Int], _ row: Int, _ series: [Int]) -> Double {
            grid.values[fullKey(grid, plan, x: row, series: series, panel: panel)] ?? 0
        }
        func panelValues(_ panel: [Int]) -> [Double] {
            rows.indices.flatMap { r in
                plan.stacked ? [seriesKeys.reduce(0) { $0 + value(panel, r, $1) }] : seriesKeys.map { value(panel, r, $0) }
            }
        }
        let groups = plan.stacked ? 1 : seriesKeys.count
        let rowHeight = rows.count > 60 ? max(2, 600 / Double(rows.count)) : max(20, Double(groups) * 7 + 6)
        let labelWidth = min(220, (rows.map(LabelLayout.width).max() ?? 0) + 10)
        let legendHeight = seriesKeys.count > 1 ? legendRows(names) * 16 + 6 : 0
        let (titles, panels, height) = layout(panelKeys, plan: plan, grid: grid, top: legendHeight + 8,
                                              panelHeight: rowHeight * Double(rows.count), leftMargin: labelWidth, bottomMargin: 26)
        var svg = header(grid, plan, id: id, height: height, series: names.count, panels: panelKeys.count) + titles
        if seriesKeys.count > 1 { svg += legend(names, top: 8) }
        let shared = ValueScale(values: panelKeys.flatMap(panelValues), log: forced.map { $0 == .log } ?? false,
                                targetTicks: panels.count > 1 ? 4 : 8)
        for p in panels {
            let s = plan.sharedScale ? shared : ValueScale(values: panelValues(p.key), log: forced.map { $0 == .log } ?? false,
                                                          targetTicks: panels.count > 1 ? 4 : 8)
            svg += panelFrame(p, scale: s, grid: grid, plan: plan)
            svg += horizontalValueAxis(p, s)
            // category labels down the left, thinned when the rows are too close
            for r in LabelLayout.visibleTicks(count: rows.count, pitch: rowHeight, size: LabelLayout.fontSize, gap: 2) {
                svg += "<text class=\"tick y\" x=\"\(f(p.left - 6))\" y=\"\(f(p.top + rowHeight * (Double(r) + 0.5) + 4))\" text-anchor=\"end\">"
                    + "\(esc(LabelLayout.fit(rows[r], maxWidth: labelWidth - 10)))</text>\n"
            }
            func at(_ v: Double) -> Double { p.left + p.width * s.fraction(v) }
            let band = rowHeight * 0.8 / Double(groups)
            for r in rows.indices {
                // stacked bars start where the one before ends
                var base = s.isLog ? s.low : 0
                for (k, key) in seriesKeys.enumerated() {
                    let number = value(p.key, r, key), v = number.isFinite ? number : 0
                    let from = plan.stacked ? base : (s.isLog ? s.low : 0), to = plan.stacked ? base + v : v
                    let top = p.top + rowHeight * (Double(r) + 0.1) + (plan.stacked ? 0 : band * Double(k))
                    svg += "<rect class=\"mark\" data-series=\"\(esc(names[k]))\" data-label=\"\(esc(rows[r]))\" data-value=\"\(number)\" "
                        + "x=\"\(f(min(at(from), at(to))))\" y=\"\(f(top))\" width=\"\(f(abs(at(to) - at(from))))\" height=\"\(f(max(band, 1)))\" fill=\"\(colors[k % colors.count])\"/>\n"
                    if !plan.stacked && number.isFinite && band >= 9 {
                        svg += valueLabel(number, decimals: grid.decimals, at: at(to), negative: to < from, y: top + band / 2 + 4, panel: p)
                    }
                    if plan.stacked { base = to }
                }
            }
            svg += "</g>\n"
        }
        return svg + "</svg>\n"
    }

    /// A bar's value at its end: outside the bar, or inside in white when it would leave the panel.
    static func valueLabel(_ v: Double, decimals: Int, at x: Double, negative: Bool, y: Double, panel p: Panel) -> String {
        let text = DisplayFormatter.formatValue(v, decimals: decimals), w = LabelLayout.width(text)
        let fits = negative ? x - 4 - w >= p.left - 2 : x + 4 + w <= p.left + p.width + 10
        let outward = negative ? -1.0 : 1.0, direction = fits ? outward : -outward
        let anchor = direction > 0 ? "start" : "end", color = fits ? "#333" : "#fff"
        return "<text class=\"value\" x=\"\(f(x + 4 * direction))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" style=\"fill:\(color)\">\(esc(text))</text>\n"
    }

    // MARK: - Heatmap

    static func heatmap(_ grid: ChartGrid, _ plan: ChartPlan, id: String) -> String {
        // one row index: every member is a row, zeros as zeros
        let xs = grid.members[plan.x]
        let rowKeys = plan.series.count == 1 ? grid.members[plan.series[0]].indices.map { [$0] } : keys(grid, plan.series)
        let rowNames = rowKeys.map { grid.label(of: $0, indices: plan.series) }
        let rowHeight = min(16, max(2, 480 / Double(max(rowKeys.count, 1))))
        let labelWidth = min(220, (rowNames.map(LabelLayout.width).max() ?? 0) + 10)
        let values = grid.values.values.filter(\.isFinite)
        let lo = min(values.min() ?? 0, 0), hi = max(values.max() ?? 0, 0)
        let colorLegend = 40.0
        // names across a grid's columns are turned when they do not fit side by side
        let plotWidth = width - labelWidth - 22
        let slanted = LabelLayout.slantedLabels(xs, pitch: plotWidth / Double(xs.count))
        let bottom = slanted ? LabelLayout.slantedDepth(xs) + 26 : 38
        let (titles, panels, height) = layout([[]], plan: plan, grid: grid, top: 8 + colorLegend, panelHeight: rowHeight * Double(rowKeys.count),
                                              leftMargin: labelWidth, bottomMargin: bottom)
        var svg = header(grid, plan, id: id, height: height, series: rowKeys.count, panels: 1) + titles
        let p = panels[0], cell = p.width / Double(xs.count)
        let legendScale = ValueScale(values: [lo, hi], log: false, targetTicks: 5)
        svg += colorKey(legendScale, lo: lo, hi: hi, left: p.left, top: 8)
        svg += "<g class=\"panel\" data-plot=\"\(f(p.left)) \(f(p.top)) \(f(p.width)) \(f(p.height))\">\n"
        svg += slanted ? slantedXAxis(p, labels: xs, title: grid.indexNames[plan.x], depth: bottom - 26)
            : xAxis(p, labels: xs, title: grid.indexNames[plan.x], banded: true)
        for r in LabelLayout.visibleTicks(count: rowKeys.count, pitch: rowHeight, size: LabelLayout.fontSize, gap: 2) {
            svg += "<text class=\"tick y\" x=\"\(f(p.left - 6))\" y=\"\(f(p.top + rowHeight * (Double(r) + 0.5) + 4))\" text-anchor=\"end\">"
                + "\(esc(LabelLayout.fit(rowNames[r], maxWidth: labelWidth - 10)))</text>\n"
        }
        for (r, key) in rowKeys.enumerated() {
            for x in xs.indices {
                let v = grid.values[fullKey(grid, plan, x: x, series: key, panel: [])] ?? 0
                svg += "<rect class=\"mark\" data-value=\"\(v)\" x=\"\(f(p.left + cell * Double(x)))\" y=\"\(f(p.top + rowHeight * Double(r)))\" "
                    + "width=\"\(f(cell + 0.3))\" height=\"\(f(rowHeight + 0.3))\" fill=\"\(heat(v, lo: lo, hi: hi))\"/>\n"
            }
        }
        // a frame, so that cells of zero (white) still show where the grid is
        svg += "<rect x=\"\(f(p.left))\" y=\"\(f(p.top))\" width=\"\(f(p.width))\" height=\"\(f(p.height))\" fill=\"none\" stroke=\"#ccc\"/>\n"
        return svg + "</g>\n</svg>\n"
    }

    /// A sequential blue scale from 0, or blue below 0 and red above when there are both signs.
    static func heat(_ v: Double, lo: Double, hi: Double) -> String {
        guard v.isFinite else { return "#bbbbbb" }
        func mix(_ t: Double, _ to: (Double, Double, Double)) -> String {
            let t = max(0, min(1, t))
            let c = [(1 - t) * 255 + t * to.0, (1 - t) * 255 + t * to.1, (1 - t) * 255 + t * to.2].map { Int($0.rounded()) }
            return String(format: "#%02x%02x%02x", c[0], c[1], c[2])
        }
        let blue = (8.0, 69.0, 148.0), red = (165.0, 15.0, 21.0)
        if lo < 0 && hi > 0 {
            let m = max(-lo, hi)
            return v < 0 ? mix(-v / m, blue) : mix(v / m, red)
        }
        if hi > 0 { return mix(v / hi, blue) }
        return lo < 0 ? mix(v / lo, blue) : mix(0, blue)
    }

    /// The colour scale's legend: ten steps with nice ticks under them.
    static func colorKey(_ s: ValueScale, lo: Double, hi: Double, left: Double, top: Double) -> String {
        let w = 300.0, steps = 20
        var out = "<g class=\"color-key\">\n"
        for k in 0..<steps {
            let v = s.low + (s.high - s.low) * (Double(k) + 0.5) / Double(steps)
            out += "<rect x=\"\(f(left + w * Double(k) / Double(steps)))\" y=\"\(f(top))\" width=\"\(f(w / Double(steps) + 0.3))\" height=\"12\" fill=\"\(heat(v, lo: lo, hi: hi))\"/>"
        }
        out += "\n<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(w))\" height=\"12\" fill=\"none\" stroke=\"\(axisColor)\"/>\n"
        for t in s.ticks {
            out += "<text class=\"tick key\" x=\"\(f(left + w * s.fraction(t)))\" y=\"\(f(top + 25))\" text-anchor=\"middle\">\(esc(s.label(t)))</text>\n"
        }
        return out + "</g>\n"
    }

    // MARK: - Shared parts

    /// The combinations of the indices that carry records ([[]] when there are no indices).
    static func keys(_ grid: ChartGrid, _ indices: [Int]) -> [[Int]] {
        indices.isEmpty ? [[]] : grid.combinations(of: indices)
    }

    /// The grid key of an x position, a series and a panel combination.
    static func fullKey(_ grid: ChartGrid, _ plan: ChartPlan, x: Int, series: [Int], panel: [Int]) -> [Int] {
        var key = [Int](repeating: 0, count: grid.dimension)
        key[plan.x] = x
        for (i, k) in plan.series.enumerated() { key[k] = series[i] }
        for (i, k) in plan.panels.enumerated() { key[k] = panel[i] }
        return key
    }

    /// The `<svg>` start tag; its data attributes say what is drawn.
    static func header(_ grid: ChartGrid, _ plan: ChartPlan, id: String, height: Double, series: Int, panels: Int) -> String {
        let x = grid.indexNames[plan.x]
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"100%\" viewBox=\"0 0 \(Int(width)) \(Int(height.rounded(.up)))\" "
            + "role=\"img\" aria-label=\"chart of \(esc(grid.name)) over \(esc(x))\" id=\"\(id)\" data-kind=\"\(plan.kind.rawValue)\(plan.stacked ? " stacked" : "")\" "
            + "data-x=\"\(esc(x))\" data-series-count=\"\(series)\" data-panels=\"\(panels)\">\n"
    }

    /// Panels in a grid (one column for one panel, two or three for more), their titles, and the
    /// picture's height.
    static func layout(_ keys: [[Int]], plan: ChartPlan, grid: ChartGrid, top: Double, panelHeight: Double,
                       leftMargin: Double, bottomMargin: Double = 38) -> (String, [Panel], Double) {
        let columns = keys.count == 1 ? 1 : keys.count <= 4 ? 2 : 3
        let gap = 24.0, titleHeight = keys.count > 1 ? 26.0 : 0
        let cellWidth = (width - gap * Double(columns - 1)) / Double(columns)
        let cellHeight = titleHeight + panelHeight + bottomMargin + 8
        var svg = "", panels: [Panel] = []
        for (n, key) in keys.enumerated() {
            let col = n % columns, row = n / columns
            let x0 = Double(col) * (cellWidth + gap), y0 = top + Double(row) * cellHeight
            let title = plan.panels.isEmpty ? "" : grid.label(of: key, indices: plan.panels)
            let p = Panel(title: title, key: key, left: x0 + leftMargin, top: y0 + titleHeight + 6,
                          width: cellWidth - leftMargin - 22, height: panelHeight)
            if !title.isEmpty {
                svg += "<text class=\"panel-title\" x=\"\(f(x0 + leftMargin))\" y=\"\(f(y0 + 12))\" font-weight=\"bold\">"
                    + "\(esc(LabelLayout.fit(title, maxWidth: cellWidth - leftMargin)))</text>\n"
            }
            panels.append(p)
        }
        let rows = (keys.count + columns - 1) / columns
        return (svg, panels, top + Double(rows) * cellHeight)
    }

    /// The left margin that holds the widest value label.
    static func yAxisMargin(_ s: ValueScale) -> Double {
        max(44, (s.ticks.map { LabelLayout.width(s.label($0)) }.max() ?? 0) + 14)
    }

    /// A panel's group start, with its plot box and value scale as data.
    static func panelFrame(_ p: Panel, scale: ValueScale, grid: ChartGrid, plan: ChartPlan) -> String {
        "<g class=\"panel\" data-panel=\"\(esc(p.title))\" data-plot=\"\(f(p.left)) \(f(p.top)) \(f(p.width)) \(f(p.height))\" "
            + "data-scale=\"\(scale.low) \(scale.high) \(scale.isLog ? "log" : "linear")\">\n"
            // panels with scales of their own hold different quantities: the text's unit is not theirs
            + ((plan.sharedScale ? grid.unit : nil).map { "<text class=\"unit\" x=\"\(f(p.left))\" y=\"\(f(p.top - 4))\">\(esc($0))</text>\n" } ?? "")
    }

    static func y(_ p: Panel, _ s: ValueScale, _ v: Double) -> Double {
        p.top + p.height * (1 - s.fraction(v))
    }

    /// Gridlines and labels at the scale's ticks, up the left of a panel.
    static func valueAxis(_ p: Panel, _ s: ValueScale, note: String) -> String {
        var out = ""
        let pitch = p.height / Double(max(s.ticks.count - 1, 1))
        let shown = Set(LabelLayout.visibleTicks(count: s.ticks.count, pitch: pitch, size: LabelLayout.fontSize, gap: 3))
        for (i, t) in s.ticks.enumerated() {
            let yy = y(p, s, t)
            out += "<line x1=\"\(f(p.left))\" y1=\"\(f(yy))\" x2=\"\(f(p.left + p.width))\" y2=\"\(f(yy))\" stroke=\"\(t == 0 && !s.isLog ? axisColor : gridColor)\"/>"
            if shown.contains(i) {
                out += "<text class=\"tick y\" x=\"\(f(p.left - 6))\" y=\"\(f(yy + 4))\" text-anchor=\"end\">\(esc(s.label(t)))</text>"
            }
            out += "\n"
        }
        out += "<line x1=\"\(f(p.left))\" y1=\"\(f(p.top))\" x2=\"\(f(p.left))\" y2=\"\(f(p.top + p.height))\" stroke=\"\(axisColor)\"/>\n"
        if s.isLog { out += "<text class=\"note\" x=\"\(f(p.left + p.width))\" y=\"\(f(p.top - 4))\" text-anchor=\"end\">\(note)</text>\n" }
        return out
    }

    /// Gridlines and labels at the scale's ticks, along the bottom of a bar panel.
    static func horizontalValueAxis(_ p: Panel, _ s: ValueScale) -> String {
        var out = ""
        let labels = s.ticks.map { s.label($0) }
        let pitch = p.width / Double(max(s.ticks.count - 1, 1))
        let shown = Set(LabelLayout.visibleTicks(labels, pitch: pitch))
        for (i, t) in s.ticks.enumerated() {
            let xx = p.left + p.width * s.fraction(t)
            out += "<line x1=\"\(f(xx))\" y1=\"\(f(p.top))\" x2=\"\(f(xx))\" y2=\"\(f(p.top + p.height))\" stroke=\"\(t == 0 && !s.isLog ? axisColor : gridColor)\"/>"
            if shown.contains(i) {
                out += "<text class=\"tick x\" x=\"\(f(xx))\" y=\"\(f(p.top + p.height + 15))\" text-anchor=\"middle\">\(esc(labels[i]))</text>"
            }
            out += "\n"
        }
        if s.isLog { out += "<text class=\"note\" x=\"\(f(p.left + p.width))\" y=\"\(f(p.top - 4))\" text-anchor=\"end\">log scale</text>\n" }
        return out
    }

    /// The x axis of a panel: labels of the members that fit, light gridlines at them, the set's name.
    static func xAxis(_ p: Panel, labels: [String], title: String, banded: Bool) -> String {
        let n = labels.count
        let pitch = banded ? p.width / Double(n) : p.width / Double(max(n - 1, 1))
        func at(_ i: Int) -> Double { p.left + pitch * (Double(i) + (banded ? 0.5 : 0)) }
        var out = "<line x1=\"\(f(p.left))\" y1=\"\(f(p.top + p.height))\" x2=\"\(f(p.left + p.width))\" y2=\"\(f(p.top + p.height))\" stroke=\"\(axisColor)\"/>\n"
        var shown = LabelLayout.visibleTicks(labels, pitch: pitch)
        // a label must not run past the ends of the picture
        shown = shown.filter { at($0) - LabelLayout.width(labels[$0]) / 2 >= 0 && at($0) + LabelLayout.width(labels[$0]) / 2 <= width - 1 }
        for i in shown {
            if !banded {
                out += "<line x1=\"\(f(at(i)))\" y1=\"\(f(p.top))\" x2=\"\(f(at(i)))\" y2=\"\(f(p.top + p.height))\" stroke=\"\(gridColor)\" stroke-dasharray=\"2 3\"/>"
            }
            out += "<text class=\"tick x\" x=\"\(f(at(i)))\" y=\"\(f(p.top + p.height + 15))\" text-anchor=\"middle\">\(esc(labels[i]))</text>\n"
        }
        out += "<text class=\"axis-title\" x=\"\(f(p.left + p.width / 2))\" y=\"\(f(p.top + p.height + 31))\" text-anchor=\"middle\">\(esc(title))</text>\n"
        return out
    }

    /// Category names turned by `LabelLayout.slant` degrees, each ending under its column.
    static func slantedXAxis(_ p: Panel, labels: [String], title: String, depth: Double) -> String {
        let pitch = p.width / Double(labels.count)
        var out = ""
        for (i, label) in labels.enumerated() {
            let x = p.left + pitch * (Double(i) + 0.5), y = p.top + p.height + 12
            out += "<text class=\"tick x slanted\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"end\" "
                + "transform=\"rotate(-\(Int(LabelLayout.slant)) \(f(x)) \(f(y)))\">\(esc(LabelLayout.fit(label, maxWidth: LabelLayout.maxSlantedWidth)))</text>\n"
        }
        out += "<text class=\"axis-title\" x=\"\(f(p.left + p.width / 2))\" y=\"\(f(p.top + p.height + depth + 20))\" text-anchor=\"middle\">\(esc(title))</text>\n"
        return out
    }

    static func legendRows(_ names: [String]) -> Double {
        Double((LabelLayout.legend(names, width: width).last?.row ?? 0) + 1)
    }

    /// A legend naming every series, in rows across the top.
    static func legend(_ names: [String], top: Double) -> String {
        var out = "<g class=\"legend\">\n"
        for (k, (name, e)) in zip(names, LabelLayout.legend(names, width: width)).enumerated() {
            let y0 = top + 16 * Double(e.row)
            out += "<rect x=\"\(f(e.x))\" y=\"\(f(y0))\" width=\"12\" height=\"12\" fill=\"\(colors[k % colors.count])\"/>"
                + "<text class=\"legend-entry\" x=\"\(f(e.x + 16))\" y=\"\(f(y0 + 10))\">\(esc(name))</text>\n"
        }
        return out + "</g>\n"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func esc(_ s: String) -> String { HTMLReport.escape(s) }
}
