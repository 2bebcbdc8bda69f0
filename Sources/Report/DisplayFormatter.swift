import Foundation
import IR

/// Writes `display` items in the layout GAMS uses in its listing (`.lst`) file.
///
/// The layout was taken from real GAMS listings (GAMS 23.x and 38.x runs of the transport,
/// ABEL, Shoven–Whalley and 1-2-3 CGE models, with page widths 80 and wider) and from the GAMS
/// documentation; each rule below says where it comes from. Rules marked *decision* had no
/// documentary evidence and follow the closest GAMS layout that was found.
///
/// **Item layout.** Every item starts with a header line
/// `----` + the line number right-aligned in 7 columns + ` ` + kind word + ` ` + name + `  ` +
/// explanatory text, e.g. `----     68 VARIABLE x.L  shipment quantities in cases`.
/// GAMS keeps the two spaces before the text even when there is no text
/// (`----    205 PARAMETER SAM  `), and so does this formatter. A blank line follows, then
/// the body, then two blank lines; a quoted text item is its header line and one blank line;
/// a scalar is a single `=` line and one blank line.
///
/// **Numbers** go in fields 12 wide (11 characters of content and at least one space); see
/// ``formatValue(_:decimals:)`` for the fixed/exponent rule. Zeros are never shown (records
/// hold no plain zeros); `EPS`, `+INF`, `-INF`, `NA` and `UNDF` are shown by name.
///
/// **Page width.** Lists wrap and matrices split into column blocks at the page width
/// (GAMS's `PageWidth`: 32767 in GAMS 54, so lists and matrices stay whole; older versions
/// used 255, the old listings 80). Use
/// ``format(_:pageWidth:)`` to choose another width.
public enum DisplayFormatter {
    /// GAMS's default listing page width (`PageWidth`/`pw`).
    public static let defaultPageWidth = 32767

    /// Width of a value column: 11 characters of content plus one separating space.
    static let fieldWidth = 12
    /// Largest number of characters a formatted number may take.
    static let contentWidth = 11
    /// The separator between entries of a 1-D list: GAMS writes `label value,    label value`.
    static let listSeparator = ",    "
    /// Width of `----` plus the line-number field and the following space.
    static let prefixWidth = 12
    /// Width of the `KIND name` field of a scalar line, before ` =`.
    static let scalarNameWidth = 30
    /// Leading spaces of the `( ALL 0.000 )` and `( EMPTY )` lines (*decision*: GAMS indents
    /// these lines, but no listing showing the exact indentation was found).
    static let allZeroIndent = 22

    // MARK: - Public entry points

    /// The text GAMS writes for one displayed item, at the default page width of 32767.
    ///
    /// The result starts with the `----` header line and ends with the blank line(s) GAMS
    /// writes after the item, so concatenating the results of several items reproduces the
    /// listing. Scalars of one `display` statement are grouped by the array form
    /// `format(_ items:pageWidth:)`; this single-item form always writes the `----` prefix.
    public static func format(_ item: DisplayItem) -> String {
        format(item, pageWidth: defaultPageWidth)
    }

    /// The text GAMS writes for one displayed item at the given page width.
    ///
    /// Page widths below 1 are treated as 1; no input makes this function trap.
    public static func format(_ item: DisplayItem, pageWidth: Int) -> String {
        let width = max(pageWidth, 1)
        if item.kind == .text {
            return header(line: item.line, rest: item.symbol) + "\n\n"
        }
        if isScalarLike(item) {
            return scalarLines(item, prefix: linePrefix(item.line), pageWidth: width)
                .map { $0 + "\n" }.joined() + "\n"
        }
        var out = header(item) + "\n\n"
        out += body(item, pageWidth: width)
        return out
    }

    /// The text GAMS writes for a sequence of displayed items, in order.
    ///
    /// Consecutive scalar items (scalar parameters, attributes of scalar variables and
    /// equations, model attributes) from the same line are grouped as GAMS groups the
    /// scalars of one `display` statement: the first line carries the `----     NN ` prefix,
    /// the following ones 12 spaces, and one blank line ends the group, e.g.
    ///
    ///     ----    252 PARAMETER WAGES                =       60.000  Wages
    ///                 PARAMETER CAPINC               =        0.250  Capital income
    ///                 VARIABLE TAX.L                 =        2.131  Tax collections
    public static func format(_ items: [DisplayItem], pageWidth: Int = defaultPageWidth) -> String {
        let width = max(pageWidth, 1)
        var out = ""
        var index = 0
        while index < items.count {
            let item = items[index]
            guard isScalarLike(item) else {
                out += format(item, pageWidth: width)
                index += 1
                continue
            }
            var lines = scalarLines(item, prefix: linePrefix(item.line), pageWidth: width)
            index += 1
            while index < items.count, isScalarLike(items[index]), items[index].line == item.line {
                lines += scalarLines(items[index], prefix: String(repeating: " ", count: prefixWidth),
                                     pageWidth: width)
                index += 1
            }
            out += lines.map { $0 + "\n" }.joined() + "\n"
        }
        return out
    }

    /// Formats one value as GAMS's display does, without padding.
    ///
    /// - Special values: `EPS` (negative zero), `+INF`, `-INF`, `NA`, `UNDF` (any other NaN).
    /// - Otherwise the value is printed with `decimals` decimals (clamped to 0...8, GAMS's
    ///   range for `option decimals`) if that takes at most 11 characters and does not round
    ///   to zero; `option decimals=0` prints no decimal point (`350`).
    /// - Else it is printed in exponent format filling 11 characters, with as many mantissa
    ///   digits as fit and the exponent without padding: `1.000000E+7`, `4.634081E-4`,
    ///   `-1.1102E-16` (GAMS listings show exactly these forms; the McCarl guide shows
    ///   `1.000000E-5` and `1.000000E+7` next to `3.720`, and `10000000.0` with one decimal).
    /// - A plain zero prints as zero with the decimals (`0.000`), as GAMS prints zero scalars.
    /// A record's value as shown: an acronym by its name, any other value by `formatValue`.
    static func formatValue(_ record: DisplayRecord, decimals: Int) -> String {
        if SpecialValue.acronymIndex(record.value) != nil, let name = record.text { return name }
        return formatValue(record.value, decimals: decimals)
    }

    public static func formatValue(_ value: Double, decimals: Int) -> String {
        if let name = SpecialValue.name(of: value) { return name }
        if value.isNaN { return "UNDF" }
        let places = min(max(decimals, 0), 8)
        if value == 0 { return fixed(0, places: places) }
        if abs(value) < 1e12 {
            let text = fixed(value, places: places)
            if text.count <= contentWidth, text.contains(where: { $0 >= "1" && $0 <= "9" }) {
                return text
            }
        }
        return exponent(value)
    }

    // MARK: - Headers and scalars

    /// `----` followed by the line number right-aligned in 7 columns and a space.
    static func linePrefix(_ line: Int) -> String {
        "----" + padLeft(String(line), 7) + " "
    }

    /// A header line whose content after the prefix is `rest`.
    static func header(line: Int, rest: String) -> String {
        linePrefix(line) + rest
    }

    /// The `----     NN KIND name  text` header line of a symbol.
    static func header(_ item: DisplayItem) -> String {
        header(line: item.line, rest: item.kind.rawValue + " " + displayName(item) + "  " + item.text)
    }

    /// The name with its attribute suffix as GAMS writes it: `x.L`, `x.LO`, `eq.M`,
    /// `transport.modelStat`.
    static func displayName(_ item: DisplayItem) -> String {
        guard let attribute = item.attribute, !attribute.isEmpty else { return item.symbol }
        if item.kind == .model {
            return item.symbol + "." + modelAttributeSpelling(attribute)
        }
        return item.symbol + "." + attribute.uppercased()
    }

    /// Model attributes in the mixed-case spelling of the GAMS documentation
    /// (*decision*: no listing of a displayed model attribute was found; GAMS's
    /// documentation spells them this way, so the display uses the same spelling).
    static func modelAttributeSpelling(_ attribute: String) -> String {
        ModelAttribute(spelling: attribute)?.documentedSpelling ?? attribute
    }

    /// Whether the item is shown on one `=` line: a model attribute, or a parameter,
    /// variable or equation attribute without indices.
    static func isScalarLike(_ item: DisplayItem) -> Bool {
        switch item.kind {
        case .model: return true
        case .parameter, .variable, .equation: return item.dimension == 0
        case .set, .text: return false
        }
    }

    /// The line(s) of a scalar: `prefix` + `KIND name` padded to 30 + ` = ` + the value
    /// right-aligned in 12 + two spaces + text, e.g.
    /// `----     12 PARAMETER s                    =        5.000  text`.
    ///
    /// A text running past the page width is cut at the page width and continued on lines
    /// indented to the text's column, as GAMS does (`Welfare loss as a per` /
    /// `cent of GDP` at width 80). Model attributes use the same layout (*decision*: no
    /// listing with a displayed model attribute was found; `MODEL m.modelStat = 1.000`
    /// follows GAMS's scalar style, with the model's text).
    static func scalarLines(_ item: DisplayItem, prefix: String, pageWidth: Int) -> [String] {
        let record = item.records.first ?? DisplayRecord(labels: [], ids: [], value: 0)
        let name = item.kind.rawValue + " " + displayName(item)
        var line = prefix + padRight(name, scalarNameWidth) + " = "
        line += padLeft(formatValue(record, decimals: item.decimals), fieldWidth) + "  "
        let textColumn = line.count
        let room = pageWidth - textColumn
        let text = Array(item.text)
        guard room > 0, text.count > room else { return [line + item.text] }
        var lines = [line + String(text[0..<room])]
        var start = room
        while start < text.count {
            let end = min(start + room, text.count)
            lines.append(String(repeating: " ", count: textColumn) + String(text[start..<end]))
            start = end
        }
        return lines
    }

    // MARK: - Bodies

    /// The body of an indexed item (or a set), followed by two blank lines.
    static func body(_ item: DisplayItem, pageWidth: Int) -> String {
        let dimension = max(item.dimension, 1)
        let isSet = item.kind == .set
        let records = item.records.filter { isSet || SpecialValue.isStored($0.value) }
        if records.isEmpty {
            let zero = formatValue(0, decimals: item.decimals)
            let text = isSet ? "( EMPTY )" : "( ALL" + padLeft(zero, fieldWidth) + " )"
            return String(repeating: " ", count: allZeroIndent) + text + "\n\n\n"
        }
        let lines: [String]
        if dimension == 1 {
            lines = isSet ? setList(records, pageWidth: pageWidth)
                          : valueList(records, decimals: item.decimals, pageWidth: pageWidth)
        } else {
            lines = matrix(records, dimension: dimension, isSet: isSet,
                           decimals: item.decimals, pageWidth: pageWidth)
        }
        return lines.map { $0 + "\n" }.joined() + "\n\n"
    }

    /// A 1-D set: labels padded to the longest, separated by `,    `, wrapped at the page
    /// width (`1964-i  ,    1964-ii ,    1964-iii` — the padding stays, also at line ends).
    static func setList(_ records: [DisplayRecord], pageWidth: Int) -> [String] {
        let labels = records.map { $0.labels.first ?? "" }
        let width = labels.map(\.count).max() ?? 0
        return wrapList(labels.map { padRight($0, width) }, pageWidth: pageWidth)
    }

    /// A 1-D parameter: `label value` entries with labels padded to the longest and values
    /// right-aligned to the widest, separated by `,    ` and wrapped at the page width with
    /// no comma at a line's end (`2004 0.185,    2005 0.188, ...`; `RICH  1.102,    POOR 61.278`).
    static func valueList(_ records: [DisplayRecord], decimals: Int, pageWidth: Int) -> [String] {
        let labels = records.map { $0.labels.first ?? "" }
        let values = records.map { formatValue($0, decimals: decimals) }
        let labelWidth = labels.map(\.count).max() ?? 0
        let valueWidth = values.map(\.count).max() ?? 0
        let entries = zip(labels, values).map { padRight($0, labelWidth) + " " + padLeft($1, valueWidth) }
        return wrapList(entries, pageWidth: pageWidth)
    }

    /// Joins equal-width entries with `,    ` into lines no wider than the page (at least one
    /// entry a line).
    static func wrapList(_ entries: [String], pageWidth: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var length = 0
        var started = false
        for entry in entries {
            let width = entry.count
            if !started {
                current = entry
                length = width
                started = true
            } else if length + listSeparator.count + width <= pageWidth {
                current += listSeparator + entry
                length += listSeparator.count + width
            } else {
                lines.append(current)
                current = entry
                length = width
            }
        }
        lines.append(current)
        return lines
    }

    /// One row or column key: label ids when the record has them, else the labels.
    struct TupleKey: Hashable {
        var ids: [Label]
        var labels: [String]
    }

    /// A matrix: all positions but the last form the row label (joined by `.`, each position
    /// padded to its longest label: `invest  .invest`), the last position the columns.
    ///
    /// Columns are the distinct last labels in label-id order; rows the distinct leading
    /// tuples in record order. Values are right-aligned in fields 12 wide (*decision*: a
    /// column whose label is 12 characters or longer is widened to the label plus one
    /// space). Columns that do not fit in the page width go to further blocks, each
    /// introduced by a header line with `+` right-aligned in the row-label field and
    /// separated by one blank line. A row with no entry in a block is left out of that block
    /// (*decision*: the listings seen had entries in every row of every block). Rows end at
    /// their last entry.
    static func matrix(_ records: [DisplayRecord], dimension: Int, isSet: Bool,
                       decimals: Int, pageWidth: Int) -> [String] {
        let leading = dimension - 1
        var rowKeys: [TupleKey] = []
        var rowLabels: [[String]] = []
        var rowIndex: [TupleKey: Int] = [:]
        var columnKeys: [TupleKey] = []
        var columnLabels: [String] = []
        var columnIndex: [TupleKey: Int] = [:]
        var cells: [[Int: String]] = []
        for record in records {
            let labels = normalized(record.labels, count: dimension, filler: "")
            let hasIds = record.ids.count == record.labels.count && record.ids.count == dimension
            let ids = hasIds ? record.ids : []
            let rowKey = TupleKey(ids: hasIds ? Array(ids[0..<leading]) : [],
                                  labels: Array(labels[0..<leading]))
            let columnKey = TupleKey(ids: hasIds ? [ids[leading]] : [], labels: [labels[leading]])
            let row: Int
            if let existing = rowIndex[rowKey] {
                row = existing
            } else {
                row = rowKeys.count
                rowIndex[rowKey] = row
                rowKeys.append(rowKey)
                rowLabels.append(Array(labels[0..<leading]))
                cells.append([:])
            }
            let column: Int
            if let existing = columnIndex[columnKey] {
                column = existing
            } else {
                column = columnKeys.count
                columnIndex[columnKey] = column
                columnKeys.append(columnKey)
                columnLabels.append(labels[leading])
            }
            cells[row][column] = isSet ? "YES" : formatValue(record, decimals: decimals)
        }

        // Column order: by label id; columns without ids keep their order of appearance after them.
        let order = columnKeys.indices.sorted { a, b in
            let ka = columnKeys[a].ids.first, kb = columnKeys[b].ids.first
            switch (ka, kb) {
            case let (x?, y?): return x != y ? x < y : a < b
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a < b
            }
        }
        let columnWidths = columnLabels.map { max(fieldWidth, $0.count + 1) }

        var positionWidths = [Int](repeating: 0, count: leading)
        for labels in rowLabels {
            for (position, label) in labels.enumerated() {
                positionWidths[position] = max(positionWidths[position], label.count)
            }
        }
        let rowTexts = rowLabels.map { labels in
            zip(labels, positionWidths).map { padRight($0, $1) }.joined(separator: ".")
        }
        let rowWidth = positionWidths.reduce(0, +) + max(leading - 1, 0)

        var blocks: [[Int]] = []
        var current: [Int] = []
        var used = rowWidth
        for column in order {
            let width = columnWidths[column]
            if !current.isEmpty && used + width > pageWidth {
                blocks.append(current)
                current = []
                used = rowWidth
            }
            current.append(column)
            used += width
        }
        if !current.isEmpty { blocks.append(current) }

        var lines: [String] = []
        for (blockNumber, block) in blocks.enumerated() {
            if blockNumber > 0 { lines.append("") }
            var head = blockNumber == 0 ? String(repeating: " ", count: rowWidth) : padLeft("+", rowWidth)
            for column in block { head += padLeft(columnLabels[column], columnWidths[column]) }
            lines.append(head)
            lines.append("")
            for row in rowKeys.indices {
                guard let last = block.lastIndex(where: { cells[row][$0] != nil }) else { continue }
                var line = padRight(rowTexts[row], rowWidth)
                for column in block[...last] {
                    line += padLeft(cells[row][column] ?? "", columnWidths[column])
                }
                lines.append(line)
            }
        }
        return lines
    }

    // MARK: - Helpers

    /// `labels` cut or padded with `filler` to `count` entries.
    static func normalized(_ labels: [String], count: Int, filler: String) -> [String] {
        if labels.count >= count { return Array(labels.prefix(count)) }
        return labels + [String](repeating: filler, count: count - labels.count)
    }

    /// `text` left-aligned in a field of `width` characters (never cut).
    static func padRight(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// `text` right-aligned in a field of `width` characters (never cut).
    static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `value` with `places` decimals (`%.Nf`, C locale).
    static func fixed(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// `value` in GAMS's exponent form filling at most 11 characters: as many mantissa
    /// digits as fit, the exponent with its sign and no leading zeros (`1.234568E+7`).
    static func exponent(_ value: Double) -> String {
        let sign = value < 0 ? "-" : ""
        var candidate = ""
        for digits in stride(from: 9, through: 0, by: -1) {
            let printed = String(format: "%.\(digits)E", abs(value))
            let parts = printed.split(separator: "E", maxSplits: 1)
            guard parts.count == 2, let power = Int(parts[1]) else { continue }
            candidate = sign + parts[0] + "E" + (power < 0 ? "-" : "+") + String(abs(power))
            if candidate.count <= contentWidth { return candidate }
        }
        return candidate
    }
}
