import Foundation

/// Where text goes on a chart so that it never overlaps or leaves the picture. Widths are
/// estimated, generously, from the number of characters; the charts draw text at `fontSize`.
public enum LabelLayout {
    /// Font size of chart text in SVG units.
    public static let fontSize = 11.0
    /// Estimated advance of one character: wider than the average sans-serif glyph, so labels
    /// placed by it do not touch.
    public static let characterWidth = 6.6

    /// The estimated width of a text.
    public static func width(_ text: String) -> Double {
        Double(text.count) * characterWidth
    }

    /// Which of `labels`, centred at equal spacing `pitch` along the x axis, to print so that
    /// neighbours keep a gap.
    public static func visibleTicks(_ labels: [String], pitch: Double, gap: Double = 8) -> [Int] {
        visibleTicks(count: labels.count, pitch: pitch, size: labels.map(width).max() ?? 0, gap: gap)
    }

    /// Which of `count` labels of extent `size`, at equal spacing `pitch`, to print: every k-th
    /// one, k as small as keeps a `gap` between neighbours, and the last (the first and the last
    /// name the range), dropping the one before it when the two would touch.
    public static func visibleTicks(count: Int, pitch: Double, size: Double, gap: Double = 8) -> [Int] {
        guard count > 0 else { return [] }
        let every = niceCount(Int(((size + gap) / Swift.max(pitch, 1e-9)).rounded(.up)))
        var shown = Array(stride(from: 0, to: count, by: every))
        let last = count - 1
        if shown.last != last {
            if let previous = shown.last, Double(last - previous) * pitch < size + gap, shown.count > 1 { shown.removeLast() }
            if let previous = shown.last, Double(last - previous) * pitch >= size + gap { shown.append(last) }
        }
        return shown
    }

    /// The least of 1, 2, 5, 10, 20, 50, 100, ... that is at least `n`, so that labels fall on
    /// round positions (every 5th hour, every 10th iteration).
    public static func niceCount(_ n: Int) -> Int {
        var power = 1
        while true {
            for m in [1, 2, 5] where m * power >= n { return m * power }
            power *= 10
        }
    }

    /// The angle of turned category labels, in degrees.
    public static let slant = 40.0
    /// Turned labels longer than this are cut.
    public static let maxSlantedWidth = 160.0

    /// Whether category labels at `pitch` should be turned: they do not fit side by side, and
    /// turned their spacing across the slant (pitch × sin) still clears the font's height.
    public static func slantedLabels(_ labels: [String], pitch: Double) -> Bool {
        let widest = labels.map(width).max() ?? 0
        return widest + 8 > pitch && pitch * sin(slant * .pi / 180) >= fontSize + 2
    }

    /// How far turned labels reach below the axis.
    public static func slantedDepth(_ labels: [String]) -> Double {
        let widest = min(labels.map(width).max() ?? 0, maxSlantedWidth)
        return widest * sin(slant * .pi / 180) + fontSize
    }

    /// One legend entry's place: row and x offset.
    public struct Entry: Sendable, Equatable {
        public var row: Int
        public var x: Double
    }

    /// Legend entries (swatch, gap, name) laid out in rows no wider than `width`.
    public static func legend(_ names: [String], width: Double, swatch: Double = 12) -> [Entry] {
        var entries: [Entry] = [], x = 0.0, row = 0
        for name in names {
            let w = swatch + 4 + LabelLayout.width(name) + 14
            if x > 0 && x + w > width { row += 1; x = 0 }
            entries.append(Entry(row: row, x: x))
            x += w
        }
        return entries
    }

    /// A label cut to `maxWidth` with an ellipsis when it is longer.
    public static func fit(_ text: String, maxWidth: Double) -> String {
        let most = Int(maxWidth / characterWidth + 1e-9)
        guard text.count > most, most >= 2 else { return text }
        return String(text.prefix(most - 1)) + "…"
    }
}
