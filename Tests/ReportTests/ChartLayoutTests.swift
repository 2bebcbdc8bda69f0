import Foundation
import IR
import Testing
@testable import Report

/// The pure parts of the report's charts: nice ticks, log axes, label thinning, the choice of the
/// x axis and of the chart, and `* @chart` directives.
@Suite struct ChartLayoutTests {
    @Test func linearTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(ValueScale(values: [0, 7.3]).ticks == [0, 2, 4, 6, 8])
        #expect(ValueScale(values: [-0.3, 0.55]).ticks == [-0.4, -0.2, 0, 0.2, 0.4, 0.6])
        let big = ValueScale(values: [12_000, 218_000])
        #expect(big.ticks == [0, 50_000, 100_000, 150_000, 200_000, 250_000])
        #expect(big.label(250_000) == "250000" && big.label(0) == "0")
        #expect(ValueScale.niceStep(0.013) == 0.02 && ValueScale.niceStep(0.03) == 0.05 && ValueScale.niceStep(5.1) == 10)
        // one value: a range around it, still from 0
        #expect(ValueScale(values: [3, 3]).low == 0 && ValueScale(values: [3, 3]).high >= 3)
    }

    /// A log axis covers every positive value, the smallest included (the old charts stopped
    /// above the data, so that the last values of a convergence history could not be read).
    @Test func logAxesCoverEveryValue() {
        let history = (0..<60).map { 12 * pow(10, -Double($0) / 8) }
        let s = ValueScale(values: history)
        #expect(s.isLog)
        #expect(s.low <= history.min()! && s.high >= history.max()!)
        #expect(s.ticks.first == s.low && s.ticks.last == s.high)
        #expect(s.ticks.map { s.label($0) }.contains("1e-7") && s.label(0.01) == "0.01")
        // a third of zeros or fewer keeps a log axis; negatives never
        #expect(ValueScale(values: [0, 1e-5, 1e-3, 1, 10]).isLog)
        #expect(!ValueScale(values: [0, 0, 0, 1e-5, 10]).isLog)
        #expect(!ValueScale(values: [-1, 1e-5, 10]).isLog)
        #expect(ValueScale(values: [1, 2], log: true).isLog)
    }

    @Test func tickLabelsAreThinnedToRoundStepsThatDoNotTouch() {
        let hours = (1...96).map { "t\($0)" }
        let shown = LabelLayout.visibleTicks(hours, pitch: 9)
        #expect(shown.prefix(3) == [0, 5, 10])
        #expect(shown.last == 95)
        for (a, b) in zip(shown, shown.dropFirst()) {
            #expect(Double(b - a) * 9 >= LabelLayout.width(hours[a]) / 2 + LabelLayout.width(hours[b]) / 2 + 2)
        }
        #expect(LabelLayout.niceCount(3) == 5 && LabelLayout.niceCount(11) == 20 && LabelLayout.niceCount(1) == 1)
        #expect(LabelLayout.fit("family", maxWidth: LabelLayout.width("family")) == "family")
        #expect(LabelLayout.fit("parkovaci_dum", maxWidth: 40) == "parko…")
    }

    static func grid(_ names: [String], _ members: [[String]], sequenced: [SetSequenceUse]? = nil,
                     values: [[Int]: Double], unit: String? = nil) -> ChartGrid {
        ChartGrid(name: "p", indexNames: names, members: members, sequenced: sequenced ?? names.map { _ in .none },
                  unit: unit, values: values, decimals: 3)
    }

    /// The x axis is the time-like index wherever it stands, the others series, panels or a heatmap.
    @Test func theTimeLikeIndexIsTheXAxis() {
        let hours = (1...24).map { "h\($0)" }, agents = ["school", "bakery", "family"]
        var values: [[Int]: Double] = [:]
        for a in 0..<3 { for t in 0..<24 where t % 3 == a { values[[a, t]] = Double(t) } }
        // ordered labels, second index
        #expect(ChartPlan.choose(for: Self.grid(["a", "t"], [agents, hours], values: values))
                == ChartPlan(kind: .lines, x: 1, series: [0]))
        // names the model steps through with lags are time too
        let steps = Self.grid(["a", "t"], [agents, ["night", "morning", "noon", "evening"]], sequenced: [.none, .lagLead], values: [[0, 1]: 1])
        #expect(ChartPlan.choose(for: steps)?.x == 1)
        // ord alone does not make names time: categories, drawn as bars
        let ranked = Self.grid(["a", "b"], [agents, ["x", "y"]], sequenced: [.position, .none], values: [[0, 1]: 1, [2, 0]: 2])
        #expect(ChartPlan.choose(for: ranked)?.kind == .bars)
        #expect(ChartPlan.hasOrderedLabels(["2020", "2021", "2030"]) && !ChartPlan.hasOrderedLabels(["t1", "t3", "t2"]))
        #expect(!ChartPlan.hasOrderedLabels(["a1", "b2", "c3"]))
    }

    @Test func manySeriesBecomePanelsThenAHeatmap() {
        let hours = (1...48).map { "t\($0)" }
        func nodes(_ n: Int) -> ChartGrid {
            var values: [[Int]: Double] = [:]
            for i in 0..<n { values[[0, i]] = Double(i + 1) }
            return Self.grid(["t", "n"], [hours, (1...n).map { "node\($0)" }], values: values)
        }
        #expect(ChartPlan.choose(for: nodes(8))?.series == [1])
        #expect(ChartPlan.choose(for: nodes(12)).map { ($0.kind, $0.panels) } ?? (.bars, []) == (.lines, [1]))
        #expect(ChartPlan.choose(for: nodes(40)).map { ($0.kind, $0.x, $0.series) } ?? (.bars, 0, []) == (.heatmap, 0, [1]))
    }

    /// `summary(s,*)`: one bar chart per column, each with its own scale; never a line.
    @Test func mixedUnitColumnsAreBarsPerColumn() {
        let g = Self.grid(["s", "*"], [["baseline", "greedy"], ["cost", "gini", "share"]],
                          values: [[0, 0]: 6.1, [1, 0]: 4.1, [0, 1]: 0.007, [1, 1]: 0.008, [0, 2]: 55, [1, 2]: 100])
        #expect(ChartPlan.choose(for: g) == ChartPlan(kind: .bars, x: 0, series: [], panels: [1], sharedScale: false))
        // a list of unrelated quantities over the universe is not charted
        let report = Self.grid(["*"], [["objective", "residual", "lowest v2"]], values: [[0]: 89_698, [1]: 4.5e-13, [2]: 1])
        #expect(ChartPlan.choose(for: report) == nil)
        let shares = Self.grid(["*"], [["pv", "wind"]], values: [[0]: 0.4, [1]: 0.6])
        #expect(ChartPlan.choose(for: shares)?.kind == .bars)
    }

    @Test func unitsComeFromTheExplanatoryText() {
        #expect(ChartGrid.unit(of: "cleared price of the current iteration (EUR/MWh)") == "EUR/MWh")
        #expect(ChartGrid.unit(of: "battery power of bus i (kW; positive: discharging)") == "kW")
        #expect(ChartGrid.unit(of: "primal residual norm(x - z) over agents and hours (kW)") == "kW")
        #expect(ChartGrid.unit(of: "preference matrix used (5 = first choice)") == nil)
        #expect(ChartGrid.unit(of: "cost of group g on day d") == nil)
    }

    @Test func directivesAreReadFromComments() throws {
        let d = try #require(try ChartDirective.parse(line: "* @chart dispatch over t, by i stacked", number: 4)?.get())
        #expect(d.symbol == "dispatch" && d.over == "t" && d.by == "i" && d.stacked && d.line == 4 && d.column == 10)
        let none = try #require(try ChartDirective.parse(line: "*@chart gap as none log", number: 1)?.get())
        #expect(none.kind == ChartDirective.Kind.none && none.scale == .log)
        #expect(ChartDirective.parse(line: "* an ordinary comment", number: 1) == nil)
        #expect(ChartDirective.parse(line: "display x; * @chart", number: 1) == nil)
        guard case .failure(let p)? = ChartDirective.parse(line: "* @chart price as columns", number: 2) else {
            Issue.record("a bad kind must be a problem")
            return
        }
        #expect(p.message == "unknown chart kind 'columns' (lines, bars, heatmap, panels or none)" && p.column == 19 && p.length == 7)
    }

    /// A sweep that filled a few points of a long set is drawn over those points; zeros in a
    /// schedule's last hours are kept.
    @Test func emptyEndsAreTrimmedOnlyWhenMostOfTheSetIsEmpty() {
        let points = (1...201).map { "p\($0)" }
        let sweep = Self.grid(["pt"], [points], values: [[0]: 1, [3]: 2, [10]: 3]).trimmingEmptyEnds(of: 0)
        #expect(sweep.members[0] == Array(points[0...10]) && sweep.values[[10]] == 3)
        let hours = (1...24).map { "t\($0)" }
        let schedule = Self.grid(["t"], [hours], values: [[2]: 1, [15]: 2])
        #expect(schedule.trimmingEmptyEnds(of: 0).members[0] == hours)
    }
}
