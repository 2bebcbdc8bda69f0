import Diagnostics

extension Parser {
    /// dataList = "/" [ dataEntry { [","] dataEntry } ] "/" ;  (scalars: "/" value "/")
    func parseDataList(kind: DeclarationKind, dimension: Int?) throws -> DataBlock {
        let open = lx.next()
        var entries: [DataEntry] = []
        var scalarValue: Double? = nil
        if kind == .scalar || (kind == .parameter && dimension == nil && isScalarData()) {
            if !lx.peek(data: true).isSymbol("/") {
                scalarValue = try parseDataValue()
            }
            _ = try expectDataSymbol("/", "to close the scalar's data")
            return DataBlock(entries: [], scalarValue: scalarValue ?? 0, span: span(open))
        }
        if kind == .variable || kind == .equation {
            throw fail("E0040", "\(kind.rawValue)s take no '/ ... /' data in enm", at: open)
        }
        while true {
            let t = lx.peek(data: true)
            if t.isSymbol("/") { lx.next(data: true); break }
            if t.isSymbol(",") { lx.next(data: true); continue }
            if t.kind == .eof || t.isSymbol(";") {
                diagnostics.error("E0041", "data list is not closed by '/'", at: span(open), label: "this '/' is not closed")
                throw ParseAbort()
            }
            if t.kind == .csvRow {
                lx.next(data: true)
                entries.append(contentsOf: parseCSVListRow(t, kind: kind, dimension: dimension))
                continue
            }
            if let e = try parseDataEntry(kind: kind) { entries.append(e) }
        }
        return DataBlock(entries: entries, scalarValue: nil, span: span(open))
    }

    /// Whether a parameter declared without a domain has a single value as data (`/ 5 /`).
    private func isScalarData() -> Bool {
        let t = lx.peek(data: true)
        if t.kind == .number { return true }
        if t.isSymbol("-") || t.isSymbol("+") { return true }
        return false
    }

    func expectDataSymbol(_ s: String, _ context: String) throws -> Token {
        let t = lx.peek(data: true)
        guard t.isSymbol(s) else {
            throw fail("E0010", "expected '\(s)' \(context), found \(describe(t))", at: t, label: "expected '\(s)'")
        }
        return lx.next(data: true)
    }

    /// value = [ "+" | "-" ] ( number | "inf" | "eps" | "na" | "undf" | "yes" | "no" ) ;
    func parseDataValue() throws -> Double {
        var t = lx.next(data: true)
        var sign = 1.0
        if t.isSymbol("-") || t.isSymbol("+") {
            if t.text == "-" { sign = -1 }
            t = lx.next(data: true)
        }
        switch t.kind {
        case .number:
            let v = sign * t.value
            return v == 0 ? 0 : v
        case .word:
            switch t.lower {
            case "inf", "+inf": return sign * .infinity
            case "-inf": return -.infinity
            case "eps": return -0.0
            case "na": return Double(nan: 0x4E41, signaling: false)
            case "undf": return Double(nan: 0x554E, signaling: false)
            case "yes": return 1
            case "no": return 0
            default: break
            }
        default: break
        }
        throw fail("E3001", "expected a number, found \(describe(t))", at: t, label: "expected a number")
    }

    /// dataEntry = labelSpec [ value | text ] ;
    /// Returns nil for an entry whose value is a misspelt word (reported; the list goes on, so
    /// every data error of the list shows in one run).
    func parseDataEntry(kind: DeclarationKind) throws -> DataEntry? {
        let first = lx.peek(data: true)
        if first.isSymbol(")") { throw unbalancedParen(first) }
        let positions = try parseLabelSpec()
        let startSpan = span(first)
        if kind == .set {
            let t = lx.peek(data: true)
            var text: String? = nil
            if t.kind == .string {
                lx.next(data: true)
                text = t.text
            } else if t.kind != .eof, t.kind != .csvRow, !t.isSymbol(","), !t.isSymbol("/"), t.lineIndex == first.lineIndex {
                text = lx.rawText(from: t, stops: [47, 44, 59])
            }
            return DataEntry(positions: positions, value: nil, text: text, span: startSpan)
        }
        // `/ 350, 600 /`: a number with nothing after it is a value without a label; the
        // compiler reports it (it knows the symbol's domain)
        let next = lx.peek(data: true)
        if first.kind == .number, positions.count == 1, positions[0].count == 1,
           next.isSymbol(",") || next.isSymbol("/") || next.lineIndex != first.lineIndex {
            return DataEntry(positions: [], value: first.value, text: nil, span: startSpan)
        }
        let valueToken = lx.peek(data: true)
        let value: Double
        do {
            value = try parseDataValue()
        } catch {
            // a word where the value belongs was consumed and reported: drop the entry only
            if valueToken.kind == .word && valueToken.lineIndex == first.lineIndex { return nil }
            throw error
        }
        return DataEntry(positions: positions, value: value, text: nil, span: startSpan)
    }

    /// labelSpec = labelGroup { "." labelGroup } ;
    /// labelGroup = labelOrRange | "(" labelOrRange { "," labelOrRange } ")" ;
    func parseLabelSpec() throws -> [[LabelText]] {
        var positions: [[LabelText]] = []
        repeat {
            let t = lx.peek(data: true)
            if t.isSymbol("(") {
                lx.next(data: true)
                var group: [LabelText] = []
                repeat { group.append(contentsOf: try parseLabelOrRange()) } while acceptDataSymbol(",")
                _ = try expectDataSymbol(")", "to close the label group")
                positions.append(group)
            } else {
                positions.append(try parseLabelOrRange())
            }
        } while acceptDataSymbol(".")
        return positions
    }

    func acceptDataSymbol(_ s: String) -> Bool {
        if lx.peek(data: true).isSymbol(s) { lx.next(data: true); return true }
        return false
    }

    /// labelOrRange = label [ "*" label ] ;
    func parseLabelOrRange() throws -> [LabelText] {
        let a = try parseLabel()
        if lx.peek(data: true).isSymbol("*") {
            lx.next(data: true)
            let b = try parseLabel()
            return expandRange(a, b)
        }
        return [a]
    }

    /// label = word | number | quotedString ;
    func parseLabel() throws -> LabelText {
        let t = lx.peek(data: true)
        switch t.kind {
        case .word, .number:
            lx.next(data: true)
            return LabelText(text: t.text, span: span(t))
        case .string:
            lx.next(data: true)
            return LabelText(text: Parser.normalizeQuotedLabel(t.text), span: span(t))
        default:
            throw fail("E0042", "expected a label, found \(describe(t))", at: t, label: "expected a label")
        }
    }

    /// Quoted labels drop trailing blanks; leading blanks count (as in GAMS).
    static func normalizeQuotedLabel(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    /// Expands `t1*t96`, `1990*2000`, `q-1*q-4`, `a*i`.
    func expandRange(_ a: LabelText, _ b: LabelText) -> [LabelText] {
        func split(_ s: String) -> (String, String) {
            let chars = Array(s)
            var i = chars.count
            while i > 0, chars[i - 1].isASCII, chars[i - 1].isNumber { i -= 1 }
            return (String(chars[..<i]), String(chars[i...]))
        }
        let (pa, na) = split(a.text), (pb, nb) = split(b.text)
        let span = a.span.through(b.span)
        if !na.isEmpty, !nb.isEmpty, pa.lowercased() == pb.lowercased(), let x = Int(na), let y = Int(nb) {
            guard x <= y else {
                diagnostics.error("E3002", "label range '\(a.text)*\(b.text)' runs backwards", at: span)
                return [a]
            }
            guard y - x <= 10_000_000 else {
                diagnostics.error("E3003", "label range '\(a.text)*\(b.text)' is too long", at: span)
                return [a]
            }
            let width = na.hasPrefix("0") && na.count > 1 ? na.count : 0
            return (x...y).map { n in
                var digits = String(n)
                if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
                return LabelText(text: pa + digits, span: span)
            }
        }
        if a.text.count == 1, b.text.count == 1, let ca = a.text.unicodeScalars.first, let cb = b.text.unicodeScalars.first,
           ca.properties.isAlphabetic, cb.properties.isAlphabetic, ca.value <= cb.value {
            return (ca.value...cb.value).compactMap { UnicodeScalar($0).map { LabelText(text: String(Character($0)), span: span) } }
        }
        diagnostics.error("E3004", "cannot expand label range '\(a.text)*\(b.text)'", at: span,
                          label: "both ends need the same prefix and a number at the end")
        return [a]
    }

    // MARK: - delimited rows

    /// Splits a delimited line into fields with their byte columns (quotes removed).
    static func csvFields(_ text: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        let b = Array(text.utf8)
        var i = 0
        var field: [UInt8] = []
        var start = 0
        var quote: UInt8 = 0
        var sawQuote = false
        while i <= b.count {
            if i == b.count || (quote == 0 && (b[i] == 44 || b[i] == 9)) {
                let s: String
                if sawQuote {
                    s = normalizeQuotedLabel(String(decoding: field, as: UTF8.self))
                } else {
                    // blanks and carriage returns around an unquoted field are not part of it
                    var lo = 0, hi = field.count
                    while lo < hi && (field[lo] == 32 || field[lo] == 13) { lo += 1 }
                    while hi > lo && (field[hi - 1] == 32 || field[hi - 1] == 13) { hi -= 1 }
                    s = String(decoding: field[lo..<hi], as: UTF8.self)
                }
                out.append((s, start))
                field.removeAll(keepingCapacity: true)
                sawQuote = false
                start = i + 1
                i += 1
                continue
            }
            let c = b[i]
            if quote != 0 {
                if c == quote { quote = 0 } else { field.append(c) }
            } else if (c == 34 || c == 39) && field.allSatisfy({ $0 == 32 }) {
                quote = c
                sawQuote = true
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(c)
            }
            i += 1
        }
        return out
    }

    func parseCSVNumber(_ s: String, at span: SourceSpan) -> Double? {
        if let v = Double(s), v.isFinite { return v == 0 ? 0 : v }
        switch s.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "eps": return -0.0
        case "na": return Double(nan: 0x4E41, signaling: false)
        case "yes": return 1
        case "no": return 0
        default: break
        }
        diagnostics.error("E3001", "expected a number, found '\(s)'", at: span, label: "expected a number")
        return nil
    }

    /// One line of an `$onDelim` block inside `/ ... /`: labels, then a value (parameters).
    func parseCSVListRow(_ t: Token, kind: DeclarationKind, dimension: Int?) -> [DataEntry] {
        let fields = Parser.csvFields(t.text)
        func sp(_ k: Int) -> SourceSpan { lx.span(line: t.lineIndex, column: fields[k].1, length: max(1, fields[k].0.utf8.count)) }
        if kind == .set {
            let d = dimension ?? fields.count
            guard fields.count >= d, d > 0 else {
                diagnostics.error("E3005", "expected \(d) labels in this delimited line, found \(fields.count)",
                                  at: lx.span(t))
                return []
            }
            let positions = (0..<d).map { [LabelText(text: fields[$0].0, span: sp($0))] }
            let text = fields.count > d ? fields[d...].map { $0.0 }.joined(separator: ",") : nil
            return [DataEntry(positions: positions, value: nil, text: text, span: sp(0))]
        }
        let d = dimension ?? (fields.count - 1)
        guard fields.count == d + 1, d >= 1 else {
            diagnostics.error("E3005", "expected \(d) labels and a value in this delimited line, found \(fields.count) fields",
                              at: lx.span(t))
            return []
        }
        if fields[d].0.isEmpty { return [] }
        guard let v = parseCSVNumber(fields[d].0, at: sp(d)) else { return [] }
        let positions = (0..<d).map { [LabelText(text: fields[$0].0, span: sp($0))] }
        return [DataEntry(positions: positions, value: v, text: nil, span: sp(0))]
    }
}
