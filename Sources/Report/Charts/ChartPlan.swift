/// How a symbol is drawn, chosen from its data as a person would: the time-like index along the
/// x axis, the other indices as series when they are few, small multiples when they are more,
/// a heatmap when there are too many for either; categorical data as horizontal bars.
public struct ChartPlan: Sendable, Equatable {
    /// The kind of chart.
    public enum Kind: String, Sendable {
        /// Lines over an ordered x index (stacked areas when `stacked`).
        case lines
        /// Horizontal bars, one row per member of the x index (grouped or stacked by series).
        case bars
        /// A coloured x × y grid with a colour scale.
        case heatmap
    }

    public var kind: Kind
    /// The index along the x axis (for bars: the categories).
    public var x: Int
    /// The indices whose combinations are series (lines, bar groups), or the heatmap's rows.
    public var series: [Int]
    /// The indices whose combinations are small multiples, one panel each.
    public var panels: [Int]
    /// Series stacked on each other (areas or bars) instead of drawn side by side.
    public var stacked: Bool
    /// Panels share one value scale (false when they may carry different units).
    public var sharedScale: Bool

    public init(kind: Kind, x: Int, series: [Int] = [], panels: [Int] = [], stacked: Bool = false, sharedScale: Bool = true) {
        self.kind = kind
        self.x = x
        self.series = series
        self.panels = panels
        self.stacked = stacked
        self.sharedScale = sharedScale
    }

    /// Most series drawn as lines or bar groups in one chart.
    public static let maxSeries = 8
    /// Most small multiples before a heatmap is drawn instead.
    public static let maxPanels = 16

    /// The chart for a grid, or nil when there is nothing to draw; `directive` (a `* @chart`
    /// comment) overrides the choice where it says something.
    public static func choose(for grid: ChartGrid, directive: ChartDirective? = nil) -> ChartPlan? {
        guard grid.dimension >= 1, !grid.values.isEmpty, directive?.kind != ChartDirective.Kind.none else { return nil }
        let forcedX = directive?.over.flatMap { grid.indexNames.firstIndex(of: $0) }
        let x = forcedX ?? timeLikeIndex(grid)
        var plan: ChartPlan
        if let x {
            plan = ordered(grid, x: x)
        } else if let categories = categorical(grid) {
            plan = categories
        } else {
            return nil
        }
        if let d = directive { plan.apply(d, grid: grid) }
        if plan.kind == .lines && grid.members[plan.x].count < 2 { plan.kind = .bars }
        if !plan.panels.isEmpty && !comparableMagnitudes(grid, over: plan.panels) { plan.sharedScale = false }
        return plan
    }

    /// Whether the panels' largest magnitudes are within a factor of ten of each other, so that
    /// one scale shows them all (`steps(t,h,item)` has a percentage next to kWh: it does not).
    static func comparableMagnitudes(_ grid: ChartGrid, over panels: [Int]) -> Bool {
        var largest: [[Int]: Double] = [:]
        for (key, v) in grid.values where v.isFinite && v != 0 {
            let panel = panels.map { key[$0] }
            largest[panel] = max(largest[panel] ?? 0, abs(v))
        }
        guard let lo = largest.values.min(), let hi = largest.values.max() else { return true }
        return hi <= 10 * lo
    }

    /// The index that runs like time, nil when none: one the model steps along with lags or
    /// leads, else one of at least six ordered labels (`t1*t96`, `2020*2050`), preferring one whose positions the model reads (`ord`), then
    /// the one with the most members. `ord` alone does not make a
    /// set of names (`school, bakery`) time: models use it to rank and to break ties too.
    public static func timeLikeIndex(_ grid: ChartGrid) -> Int? {
        func rank(_ k: Int) -> (Int, Int, Int) {
            // a few numbered names (households h1*h5) are categories, even when the model ranks them with ord
            let ordered = hasOrderedLabels(grid.members[k]) && grid.members[k].count >= 6
            return (grid.sequenced[k] == .lagLead ? 1 : 0, ordered ? grid.sequenced[k].rawValue + 1 : 0, grid.members[k].count)
        }
        let candidates = grid.indexNames.indices.filter { rank($0).0 + rank($0).1 > 0 }
        return candidates.max { rank($0) < rank($1) }
    }

    /// Whether the labels count up: one prefix and increasing numbers (`t1, t2, …`, `2020, 2021, …`),
    /// at least three of them.
    public static func hasOrderedLabels(_ labels: [String]) -> Bool {
        guard labels.count >= 3 else { return false }
        var prefix: Substring? = nil, last = Int.min
        for label in labels {
            let digits = label.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let n = Int(String(digits.reversed())) else { return false }
            let head = label.dropLast(digits.count)
            if prefix == nil { prefix = head } else if head != prefix { return false }
            guard n > last else { return false }
            last = n
        }
        return true
    }

    /// An ordered x: the others as series when few, panels when more, else a heatmap.
    static func ordered(_ grid: ChartGrid, x: Int) -> ChartPlan {
        let others = grid.indexNames.indices.filter { $0 != x }
        if others.isEmpty { return ChartPlan(kind: .lines, x: x) }
        let count = grid.combinations(of: others).count
        // columns over the universe (`sweep(pt,*)`) are quantities of their own: panels with
        // their own scales when their sizes differ, series on one axis when they do not
        if let star = others.first(where: { grid.indexNames[$0] == "*" }), !comparableMagnitudes(grid, over: [star]) {
            return ChartPlan(kind: .lines, x: x, series: others.filter { $0 != star }, panels: [star], sharedScale: false)
        }
        if count <= maxSeries { return ChartPlan(kind: .lines, x: x, series: others) }
        // the fewest-valued other index as series, the rest as panels, when both stay small
        let bySize = others.sorted { grid.combinations(of: [$0]).count < grid.combinations(of: [$1]).count }
        if others.count >= 2, grid.combinations(of: [bySize[0]]).count <= maxSeries,
           grid.combinations(of: Array(bySize.dropFirst())).count <= maxPanels {
            return ChartPlan(kind: .lines, x: x, series: [bySize[0]], panels: Array(bySize.dropFirst()))
        }
        if count <= maxPanels { return ChartPlan(kind: .lines, x: x, panels: others) }
        return ChartPlan(kind: .heatmap, x: x, series: others)
    }

    /// Categories: bars. A two-index table over the universe (`summary(s,*)`) has a column per
    /// quantity, each in its own unit: one bar chart per column, each with its own scale. A list
    /// over the universe of quantities more than ten times apart (`rep(*)`: objectives next to
    /// residuals) has nothing to compare: no chart (nil), the table says it.
    static func categorical(_ grid: ChartGrid) -> ChartPlan? {
        let dim = grid.dimension
        if dim == 1 {
            if grid.indexNames[0] == "*" && !comparableMagnitudes(grid, over: [0]) { return nil }
            return ChartPlan(kind: .bars, x: 0)
        }
        let last = dim - 1, rows = Array(0..<last)
        let columns = grid.combinations(of: [last]).count, rowCount = grid.combinations(of: rows).count
        if grid.indexNames[last] == "*" && columns <= maxPanels * 2 {
            return ChartPlan(kind: .bars, x: 0, series: Array(rows.dropFirst()), panels: [last], sharedScale: false)
        }
        if columns <= maxSeries && rowCount * columns <= 120 {
            return ChartPlan(kind: .bars, x: 0, series: Array(1..<dim))
        }
        return ChartPlan(kind: .heatmap, x: last, series: rows)
    }

    /// What a `* @chart` comment says replaces what was chosen.
    mutating func apply(_ d: ChartDirective, grid: ChartGrid) {
        if d.stacked { stacked = true }
        if let by = d.by.flatMap({ grid.indexNames.firstIndex(of: $0) }), by != x {
            series = [by]
            panels = grid.indexNames.indices.filter { $0 != x && $0 != by }
            if kind == .heatmap { kind = .lines }
        }
        switch d.kind {
        case .lines?: kind = .lines
        case .bars?: kind = .bars
        case .heatmap?:
            kind = .heatmap
            series = grid.indexNames.indices.filter { $0 != x }
            panels = []
        case .panels?:
            kind = .lines
            panels = grid.indexNames.indices.filter { $0 != x }
            series = []
        case .none?, nil: break
        }
    }
}
