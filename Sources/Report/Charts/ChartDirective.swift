/// A chart override written in the model as a GAMS comment, so that GAMS still runs the model:
///
///     * @chart dispatch over t by i stacked
///     * @chart summary as bars
///     * @chart lamDev as none
///
/// `over SET` puts that index on the x axis, `by SET` makes its members the series (the other
/// indices become small multiples), `as lines|bars|heatmap|panels|none` picks the chart (none:
/// no chart), `stacked` stacks the series, `log` or `linear` fixes the value scale.
public struct ChartDirective: Sendable, Equatable {
    /// The chart kinds a directive can ask for.
    public enum Kind: String, Sendable, CaseIterable {
        case lines, bars, heatmap, panels, none
    }

    /// The value scale a directive can ask for.
    public enum Scale: String, Sendable {
        case log, linear
    }

    /// The symbol, with an attribute for variables and equations (`soc.l`); a bare variable or
    /// equation name stands for every attribute.
    public var symbol: String
    public var over: String?
    public var by: String?
    public var kind: Kind?
    public var stacked = false
    public var scale: Scale?
    /// 1-based line of the comment and byte column of the symbol name (for diagnostics).
    public var line: Int
    public var column: Int

    public init(symbol: String, line: Int, column: Int) {
        self.symbol = symbol
        self.line = line
        self.column = column
    }

    /// The marker that starts a directive after the comment star.
    public static let marker = "@chart"

    /// Something a directive line says that cannot be read: a message and the byte range of the word.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public var line: Int
        public var column: Int
        public var length: Int
    }

    /// The directive on one source line (1-based `line`), nil when the line is not one; a line
    /// that is a directive but cannot be read gives a problem instead.
    public static func parse(line text: String, number line: Int) -> Result<ChartDirective, Problem>? {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "*") else { return nil }
        let words = splitWords(bytes)
        guard let first = words.first, first.text.lowercased() == marker else { return nil }
        guard words.count >= 2 else {
            return .failure(Problem(message: "'@chart' needs the name of a displayed symbol", line: line, column: first.column, length: first.text.utf8.count))
        }
        var d = ChartDirective(symbol: words[1].text, line: line, column: words[1].column)
        var i = 2
        func problem(_ message: String, _ w: (text: String, column: Int)) -> Result<ChartDirective, Problem> {
            .failure(Problem(message: message, line: line, column: w.column, length: w.text.utf8.count))
        }
        while i < words.count {
            let w = words[i], key = w.text.lowercased()
            switch key {
            case "over", "by", "as":
                guard i + 1 < words.count else { return problem("'\(w.text)' needs a word after it", w) }
                let value = words[i + 1]
                if key == "over" { d.over = value.text } else if key == "by" { d.by = value.text } else {
                    guard let k = Kind(rawValue: value.text.lowercased()) else {
                        return problem("unknown chart kind '\(value.text)' (lines, bars, heatmap, panels or none)", value)
                    }
                    d.kind = k
                }
                i += 2
            case "stacked": d.stacked = true; i += 1
            case "log", "linear": d.scale = Scale(rawValue: key); i += 1
            default:
                return problem("unknown word '\(w.text)' in a chart directive (over, by, as, stacked, log or linear)", w)
            }
        }
        return .success(d)
    }

    /// The words after the comment star with their 1-based byte columns; commas separate too.
    static func splitWords(_ bytes: [UInt8]) -> [(text: String, column: Int)] {
        var words: [(String, Int)] = [], start: Int? = nil
        for i in 1...bytes.count {
            let separator = i == bytes.count || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: "\r")].contains(bytes[i])
            if separator, let s = start {
                words.append((String(decoding: bytes[s..<i], as: UTF8.self), s + 1))
                start = nil
            } else if !separator && start == nil {
                start = i
            }
        }
        return words
    }
}
