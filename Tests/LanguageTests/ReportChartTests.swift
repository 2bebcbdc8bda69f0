import Driver
import Foundation
import Testing

/// What the report's charts draw, read back from the SVG: the set on the x axis, the series,
/// that every value of the symbol is plotted where its value says, and that no tick labels
/// overlap or leave the picture.
@Suite struct ReportChartTests {
    /// One `<svg>` of a page, with its elements' attributes.
    struct Chart {
        var text: String
        var attributes: [String: String]
        var x: String? { attributes["data-x"] }
        var kind: String? { attributes["data-kind"] }

        /// Every element `<name ...>` with its attributes and text (for `<text>`).
        func elements(_ name: String) -> [(attributes: [String: String], text: String)] {
            let pattern = "<\(name)\\b([^>]*?)/?>(?:([^<]*)</\(name)>)?"
            let regex = try! NSRegularExpression(pattern: pattern)
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
                let attrs = Range(m.range(at: 1), in: text).map { String(text[$0]) } ?? ""
                let inner = Range(m.range(at: 2), in: text).map { String(text[$0]) } ?? ""
                return (ReportChartTests.attributes(attrs), inner)
            }
        }

        /// Lines and single points of a series, as x, y pairs in order.
        func points(of series: String) -> [(Double, Double)] {
            var out: [(Int, [(Double, Double)])] = []
            for e in elements("polyline") + elements("circle") where e.attributes["data-series"] == series {
                let from = Int(e.attributes["data-from"] ?? "0") ?? 0
                if let p = e.attributes["points"] {
                    out.append((from, p.split(separator: " ").map { pair in
                        let xy = pair.split(separator: ",").map { Double($0)! }
                        return (xy[0], xy[1])
                    }))
                } else {
                    out.append((from, [(Double(e.attributes["cx"]!)!, Double(e.attributes["cy"]!)!)]))
                }
            }
            return out.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }

        /// The plot box and value scale of the first panel.
        var plot: (left: Double, top: Double, width: Double, height: Double, low: Double, high: Double, log: Bool) {
            let g = elements("g").first { $0.attributes["data-plot"] != nil }!.attributes
            let box = g["data-plot"]!.split(separator: " ").map { Double($0)! }
            let scale = g["data-scale"]!.split(separator: " ")
            return (box[0], box[1], box[2], box[3], Double(scale[0])!, Double(scale[1])!, scale[2] == "log")
        }

        /// Where a value falls on the first panel's y axis.
        func y(_ v: Double) -> Double {
            let p = plot
            let fraction = p.log ? (log10(v) - log10(p.low)) / (log10(p.high) - log10(p.low)) : (v - p.low) / (p.high - p.low)
            return p.top + p.height * (1 - fraction)
        }
    }

    static func attributes(_ s: String) -> [String: String] {
        let regex = try! NSRegularExpression(pattern: "([a-zA-Z-]+)=\"([^\"]*)\"")
        var out: [String: String] = [:]
        for m in regex.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            out[String(s[Range(m.range(at: 1), in: s)!])] = String(s[Range(m.range(at: 2), in: s)!])
        }
        return out
    }

    /// The charts of a model's report, by the symbol whose heading stands above each.
    static func charts(_ source: String) -> (charts: [String: Chart], html: String, warnings: String) {
        let run = runSource(source)
        let (html, warnings) = HTMLReport.page(run.result, title: "t")
        var out: [String: Chart] = [:]
        let regex = try! NSRegularExpression(pattern: "<h2>([A-Za-z0-9_.]+)[^\\n]*</h2>\\n<p class=\"meta\">[^\\n]*</p>\\n(<svg([^>]*)>.*?</svg>)", options: .dotMatchesLineSeparators)
        for m in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(m.range(at: 1), in: html)!])
            out[name] = Chart(text: String(html[Range(m.range(at: 2), in: html)!]),
                              attributes: attributes(String(html[Range(m.range(at: 3), in: html)!])))
        }
        let rendered = Driver.renderDiagnostics(warnings)
            .replacingOccurrences(of: #"--> [^\n]*/model\.gms"#, with: "--> model.gms", options: .regularExpression)
        return (out, html, rendered)
    }

    /// Conservative glyph advance for an 11px sans-serif label (the widest digits are ~6.1 px).
    static let glyph = 6.2

    /// No two tick labels of a chart overlap, and none leaves the picture (view box 0...1000).
    static func expectTicksApart(_ chart: Chart, sourceLocation: SourceLocation = #_sourceLocation) {
        let ticks = chart.elements("text").filter { ($0.attributes["class"] ?? "").hasPrefix("tick") }
        var boxes: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []
        for t in ticks where !(t.attributes["class"] ?? "").contains("slanted") {
            let x = Double(t.attributes["x"]!)!, y = Double(t.attributes["y"]!)!, w = Double(t.text.count) * glyph
            let x0: Double
            switch t.attributes["text-anchor"] {
            case "middle": x0 = x - w / 2
            case "end": x0 = x - w
            default: x0 = x
            }
            #expect(x0 >= 0 && x0 + w <= 1000, "tick '\(t.text)' leaves the picture", sourceLocation: sourceLocation)
            boxes.append((x0, x0 + w, y - 9, y + 2))
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i], b = boxes[j]
                let overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
                #expect(!overlap, "tick labels \(ticks[i].text) and \(ticks[j].text) overlap", sourceLocation: sourceLocation)
            }
        }
    }

    /// `dispatch(t,i)`: hours (stepped through with a lag) across, one line per agent, every
    /// value at its height, zeros drawn as zeros over all 24 hours.
    @Test func dispatchIsDrawnOverHoursWithALinePerAgent() throws {
        let (charts, _, _) = Self.charts("""
        Set t 'hours' / h0*h23 /, i 'agents' / grid, baker, school /;
        Parameter dispatch(t,i) 'dispatch (kW)', soc(t) 'state of charge (kWh)';
        dispatch(t,'grid')$(mod(ord(t),5) = 0) = ord(t)/4;
        dispatch(t,'baker') = -0.5;
        dispatch(t,'school')$(ord(t) > 12) = sin(ord(t));
        soc(t) = 1 + dispatch(t-1,'grid');
        display dispatch;
        """)
        let chart = try #require(charts["dispatch"])
        #expect(chart.x == "t" && chart.kind == "lines" && chart.attributes["data-series-count"] == "3")
        let legend = chart.elements("text").filter { $0.attributes["class"] == "legend-entry" }.map(\.text)
        #expect(legend == ["grid", "baker", "school"])
        let grid: [Double] = (1...24).map { $0 % 5 == 0 ? Double($0) / 4 : 0 }
        let baker = [Double](repeating: -0.5, count: 24)
        let school: [Double] = (1...24).map { $0 > 12 ? sin(Double($0)) : 0 }
        for (agent, values) in [("grid", grid), ("baker", baker), ("school", school)] {
            let points = chart.points(of: agent)
            #expect(points.count == 24, "\(agent): every hour is plotted")
            for (k, (_, y)) in points.enumerated() {
                #expect(abs(y - chart.y(values[k])) < 0.11, "\(agent) at hour \(k)")
            }
            // hours equally spaced, left to right
            #expect(zip(points, points.dropFirst()).allSatisfy { $1.0 > $0.0 })
        }
        Self.expectTicksApart(chart)
    }

    /// `dayGroup(d,g)`: the ordered days across and a line per group (not 10 of 122 lines
    /// across two groups); the days' labels thinned to round steps without overlapping.
    @Test func orderedLabelsAreTheXAxisWhereverTheyStand() throws {
        let (charts, _, _) = Self.charts("""
        Set d / d1*d122 /, g / g1, g2 /;
        Parameter dayGroup(d,g) 'cost of group g on day d';
        dayGroup(d,g) = 100 + 3*ord(d) + 50*ord(g);
        display dayGroup;
        """)
        let chart = try #require(charts["dayGroup"])
        #expect(chart.x == "d" && chart.attributes["data-series-count"] == "2")
        #expect(chart.points(of: "g1").count == 122 && chart.points(of: "g2").count == 122)
        let xTicks = chart.elements("text").filter { $0.attributes["class"] == "tick x" }.map(\.text)
        #expect(xTicks.prefix(3) == ["d1", "d6", "d11"] && xTicks.last == "d122")
        Self.expectTicksApart(chart)
    }

    /// `summary(s,*)`: a bar chart per column, each with its own scale, a bar per strategy
    /// carrying the value; no line.
    @Test func mixedUnitSummaryIsBarsPerColumn() throws {
        let (charts, _, _) = Self.charts("""
        Set s / baseline, greedy, optimized /;
        Parameter summary(s,*) 'summary of every strategy';
        summary(s,'cost') = 6 - ord(s);
        summary(s,'share') = 40*ord(s);
        summary(s,'gini') = 0.001*ord(s);
        display summary;
        """)
        let chart = try #require(charts["summary"])
        #expect(chart.kind == "bars" && chart.attributes["data-panels"] == "3")
        #expect(chart.elements("polyline").isEmpty)
        let titles = chart.elements("text").filter { $0.attributes["class"] == "panel-title" }.map(\.text)
        #expect(titles == ["cost", "share", "gini"])
        let bars = chart.elements("rect").filter { $0.attributes["class"] == "mark" }
        #expect(bars.count == 9)
        #expect(bars.map { Double($0.attributes["data-value"]!)! } == [5, 4, 3, 40, 80, 120, 0.001, 0.002, 0.003])
        let scales = chart.elements("g").compactMap { $0.attributes["data-scale"] }
        #expect(scales == ["0.0 6.0 linear", "0.0 150.0 linear", "0.0 0.003 linear"])
        Self.expectTicksApart(chart)
    }

    /// Two large indices: a heatmap with a cell for every pair (zeros included) and a colour key.
    @Test func twoLargeIndicesAreAHeatmap() throws {
        let (charts, _, _) = Self.charts("""
        Set t / t1*t30 /, n / n1*n20 /;
        Parameter load(n,t);
        load(n,t)$(mod(ord(n) + ord(t), 3) = 0) = ord(n) - ord(t)/2;
        display load;
        """)
        let chart = try #require(charts["load"])
        #expect(chart.kind == "heatmap" && chart.x == "t")
        let cells = chart.elements("rect").filter { $0.attributes["class"] == "mark" }
        #expect(cells.count == 600)
        #expect(chart.text.contains("class=\"color-key\""))
        // both signs: a diverging scale, white at zero
        #expect(cells.filter { $0.attributes["data-value"] == "0.0" }.allSatisfy { $0.attributes["fill"] == "#ffffff" })
        Self.expectTicksApart(chart)
    }

    /// A convergence history on a log axis that reaches below its smallest value.
    @Test func convergenceHistoryLogAxisCoversEveryValue() throws {
        let (charts, _, _) = Self.charts("""
        Set k / 1*60 /;
        Parameter res(k) 'residual';
        res(k) = 10*rPower(10, -ord(k)/8);
        display res;
        """)
        let chart = try #require(charts["res"])
        let plot = chart.plot
        #expect(plot.log && plot.low <= 10 * pow(10, -60.0 / 8) && plot.high >= 10 * pow(10, -1.0 / 8))
        let points = chart.points(of: "res")
        #expect(points.count == 60)
        #expect(points.allSatisfy { $0.1 >= plot.top - 0.1 && $0.1 <= plot.top + plot.height + 0.1 })
        Self.expectTicksApart(chart)
    }

    /// Prices in one display with the same unit over the same set share a chart.
    @Test func seriesWithOneUnitShareAChart() throws {
        let (charts, html, _) = Self.charts("""
        Set t / t1*t6 /;
        Parameter lamC(t) 'cleared price (EUR/MWh)', lamStar(t) 'centralized price (EUR/MWh)', g(t) 'grid (kW)';
        lamC(t) = 10*ord(t); lamStar(t) = 10*ord(t) + 1; g(t) = 1;
        display lamC, lamStar, g;
        """)
        let chart = try #require(charts["lamC"])
        #expect(chart.attributes["data-series-count"] == "2")
        #expect(chart.points(of: "lamC").count == 6 && chart.points(of: "lamStar").count == 6)
        #expect(charts["lamStar"] == nil && html.contains("drawn on the chart of lamC above"))
        #expect(charts["g"]?.attributes["data-series-count"] == "1")
    }

    /// `* @chart` comments override the choice: stacked by a named index, a kind, no chart;
    /// ones that cannot be applied are warnings with the comment's location.
    @Test func directivesOverrideTheChoice() throws {
        let (charts, _, warnings) = Self.charts("""
        * @chart flow over t by i stacked
        * @chart price as none
        * @chart cost as columns
        * @chart nothing over t
        * @chart share over h
        Set t / t1*t5 /, i / a, b, c /;
        Parameter flow(i,t), price(t), cost(i), share(i);
        flow(i,t) = ord(i) + ord(t); price(t) = ord(t); cost(i) = ord(i); share(i) = 1/ord(i);
        display flow, price, cost, share;
        """)
        let flow = try #require(charts["flow"])
        #expect(flow.kind == "lines stacked" && flow.x == "t" && flow.elements("polygon").count == 3)
        #expect(charts["price"] == nil)
        #expect(charts["cost"]?.kind == "bars")
        #expect(warnings == """
        warning[W5101]: unknown chart kind 'columns' (lines, bars, heatmap, panels or none)
         --> model.gms:3:18
          |
        3 | * @chart cost as columns
          |                  ^^^^^^^
          = help: write '* @chart NAME [over SET] [by SET] [as lines|bars|heatmap|panels|none] [stacked] [log|linear]'

        warning[W5102]: 'share' has no index 'h'; the chart ignores it
         --> model.gms:5:10
          |
        5 | * @chart share over h
          |          ^^^^^
          = help: 'share' is displayed over (i)

        warning[W5102]: the chart directive names 'nothing', which no display shows
         --> model.gms:4:10
          |
        4 | * @chart nothing over t
          |          ^^^^^^^
          = help: name a symbol of a display statement, with its attribute for a variable or equation ('x.l')

        """)
    }
}
