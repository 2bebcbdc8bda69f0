import Diagnostics
import IR
import Report

/// The charts of a report: for every display, the chart its data asks for (or the model's
/// `* @chart` comment), with the 1-dimensional series of one display statement that share an x
/// set and a unit drawn together.
struct ReportCharts {
    /// What the report shows for a display beside its table.
    enum Outcome {
        case chart(String)
        /// The series is drawn on the chart of the named symbol (same display, x set and unit).
        case drawnWith(String)
        case none
    }

    /// Directives by the symbol they name (`soc.l` or a bare name), the last one winning.
    private(set) var directives: [String: ChartDirective] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private var spans: [String: SourceSpan] = [:]
    private var used: Set<String> = []

    /// Reads the `* @chart` comments of every source file; unreadable ones are W5101.
    init(sourceFiles: [SourceFile]) {
        for file in sourceFiles {
            for line in 1..<max(file.lineStarts.count + 1, 1) {
                let text = file.lineText(line)
                guard text.hasPrefix("*"), let parsed = ChartDirective.parse(line: text, number: line) else { continue }
                switch parsed {
                case .success(let d):
                    directives[d.symbol.lowercased()] = d
                    spans[d.symbol.lowercased()] = SourceSpan(file: file, line: line, column: d.column, length: d.symbol.utf8.count)
                case .failure(let p):
                    diagnostics.append(Diagnostic(.warning, .W5101, p.message, at: SourceSpan(file: file, line: line, column: p.column, length: p.length),
                                                  help: ["write '* @chart NAME [over SET] [by SET] [as lines|bars|heatmap|panels|none] [stacked] [log|linear]'"]))
                }
            }
        }
    }

    /// The outcome for each display, in order; directives that name no displayed symbol, or an
    /// index the symbol does not have, are W5102.
    mutating func outcomes(_ displays: [DisplayItem]) -> [Outcome] {
        var out = [Outcome](repeating: .none, count: displays.count)
        var start = 0
        while start < displays.count {
            var end = start
            while end + 1 < displays.count && displays[end + 1].line == displays[start].line { end += 1 }
            chartStatement(displays, start...end, into: &out)
            start = end + 1
        }
        for (key, d) in directives.sorted(by: { $0.value.line < $1.value.line }) where !used.contains(key) {
            diagnostics.append(Diagnostic(.warning, .W5102, "the chart directive names '\(d.symbol)', which no display shows", at: spans[key] ?? .none,
                                          help: ["name a symbol of a display statement, with its attribute for a variable or equation ('x.l')"]))
        }
        return out
    }

    /// The directive for a display, checking that its indices are the symbol's.
    private mutating func directive(for d: DisplayItem) -> ChartDirective? {
        let full = (d.symbol + (d.attribute.map { "." + $0 } ?? "")).lowercased()
        let key = directives[full] != nil ? full : d.symbol.lowercased()
        guard let directive = directives[key] else { return nil }
        if used.insert(key).inserted {
            for index in [directive.over, directive.by].compactMap({ $0 }) where !d.domain.contains(index) {
                diagnostics.append(Diagnostic(.warning, .W5102, "'\(d.symbol)' has no index '\(index)'; the chart ignores it", at: spans[key] ?? .none,
                                              help: ["'\(d.symbol)' is displayed over (\(d.domain.joined(separator: ",")))"]))
            }
        }
        return directive
    }

    /// The charts of one display statement.
    private mutating func chartStatement(_ displays: [DisplayItem], _ range: ClosedRange<Int>, into out: inout [Outcome]) {
        var plans: [Int: (ChartGrid, ChartPlan, ChartDirective?)] = [:]
        for i in range where displays[i].kind != .set && displays[i].kind != .text && !displays[i].domain.isEmpty {
            let grid = ChartGrid(displays[i]), directive = directive(for: displays[i])
            if let plan = ChartPlan.choose(for: grid, directive: directive) {
                plans[i] = (plan.kind == .bars ? grid : grid.trimmingEmptyEnds(of: plan.x), plan, directive)
            }
        }
        var done = Set<Int>()
        for i in range.filter({ plans[$0] != nil }) where !done.contains(i) {
            let (grid, plan, directive) = plans[i]!
            let partners = range.filter { j in
                j > i && !done.contains(j) && plans[j].map { canShare(grid, plan, directive, $0.0, $0.1, $0.2) } == true
            }
            if partners.isEmpty {
                out[i] = .chart(ChartSVG.render(grid, plan, scale: directive?.scale, id: "chart\(i)"))
                continue
            }
            let combined = ChartGrid(together: [grid] + partners.map { plans[$0]!.0 })
            out[i] = .chart(ChartSVG.render(combined, ChartPlan(kind: .lines, x: 0, series: [1]), scale: directive?.scale, id: "chart\(i)"))
            for j in partners {
                out[j] = .drawnWith(grid.name)
                done.insert(j)
            }
        }
    }

    /// Whether two one-dimensional line charts can be one: same x set, same unit, no directive.
    private func canShare(_ a: ChartGrid, _ pa: ChartPlan, _ da: ChartDirective?,
                          _ b: ChartGrid, _ pb: ChartPlan, _ db: ChartDirective?) -> Bool {
        da == nil && db == nil && a.dimension == 1 && b.dimension == 1 && pa.kind == .lines && pb.kind == .lines
            && a.unit != nil && a.unit == b.unit && a.indexNames == b.indexNames && a.members == b.members
    }
}

extension ChartGrid {
    /// One-dimensional grids over the same set as one two-dimensional grid whose second index
    /// names the symbols, so that each is a series.
    init(together grids: [ChartGrid]) {
        var values: [[Int]: Double] = [:]
        for (k, g) in grids.enumerated() {
            for (key, v) in g.values { values[[key[0], k]] = v }
        }
        self.init(name: grids.map(\.name).joined(separator: ", "), indexNames: [grids[0].indexNames[0], "symbol"],
                  members: [grids[0].members[0], grids.map(\.name)], sequenced: [grids[0].sequenced[0], .none],
                  unit: grids[0].unit, values: values, decimals: grids[0].decimals)
    }
}
