import Diagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Parser {
    /// dataList = "/" [ dataEntry { [","] dataEntry } ] "/" ;  (scalars: "/" value "/")
    /// `headerNames` are the names a header line of `$onDelim` data would carry (the symbol's own
    /// and its domain's), by which a set's header line is told from data.
    func parseDataList(kind: DeclarationKind, dimension: Int?, headerNames: [String] = []) throws -> DataBlock {
        let open = lx.next()
        var entries: [DataEntry] = []
        var scalarValue: Double? = nil
        if kind == .scalar || (kind == .parameter && dimension == nil && isScalarData()) {
            if !lx.peek(data: true).isSymbol("/") {
                scalarValue = try parseDataValue()
            }
            let close = try expectDataSymbol("/", "to close the scalar's data")
            if scalarValue == nil { reportEmptyData(open: open, close: close) }
            return DataBlock(entries: [], scalarValue: scalarValue ?? 0, span: span(open))
        }
        if kind == .variable || kind == .equation {
            throw fail(.E0040, "\(kind.rawValue)s take no '/ ... /' data in enm", at: open)
        }
        while true {
            let t = lx.peek(data: true)
            if t.isSymbol("/") {
                lx.next(data: true)
                if entries.isEmpty { reportEmptyData(open: open, close: t) }
                break
            }
            if t.isSymbol(",") { lx.next(data: true); continue }
            if t.kind == .eof || t.isSymbol(";") {
                diagnostics.error(.E0041, "data list is not closed by '/'", at: span(open), label: "this '/' is not closed")
                throw ParseAbort()
            }
            if t.kind == .csvRow {
                lx.seek(line: t.lineIndex, column: 0)
                entries.append(contentsOf: parseDelimitedLines(kind: kind, dimension: dimension, headerNames: headerNames))
                continue
            }
            if let e = try parseDataEntry(kind: kind) { entries.append(e) }
        }
        return DataBlock(entries: entries, scalarValue: nil, span: span(open))
    }

    /// An empty data list `/ /` is an error unless `$onEmpty` is in force (GAMS's rule).
    private func reportEmptyData(open: Token, close: Token) {
        guard open.lineIndex < lx.lines.count, !lx.lines[open.lineIndex].dataOptions.contains(.emptyAllowed),
              !lx.hasTrouble(since: TokenPosition(line: open.lineIndex, column: open.column)) else { return }
        let start = span(open)
        let end = span(close)
        let length = start.line == end.line && start.path == end.path ? max(1, end.column + end.length - start.column) : 1
        diagnostics.error(.E0124, "empty data list", at: SourceSpan(file: start.file, line: start.line, column: start.column, length: length),
                          label: "no entries", help: ["GAMS accepts an empty data list only after '$onEmpty'; add it above, or leave out the '/ /'"])
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
            throw fail(.E0010, "expected '\(s)' \(context), found \(describe(t))", at: t, label: "expected '\(s)'")
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
            checkNumberRange(t)
            let v = sign * t.value
            if v == 0, t.lineIndex < lx.lines.count, lx.lines[t.lineIndex].dataOptions.contains(.zeroIsEps) { return -0.0 }
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
        throw fail(.E3001, "expected a number, found \(describe(t))", at: t, label: "expected a number")
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
        if first.kind == .number, positions.count == 1 || dottedNumberLabels(first)?.count == positions.count,
           positions.allSatisfy({ $0.count == 1 }),
           next.isSymbol(",") || next.isSymbol("/") || next.lineIndex != first.lineIndex {
            return DataEntry(positions: [], value: first.value, text: nil, span: startSpan)
        }
        let valueToken = lx.peek(data: true)
        if valueToken.kind == .word, acronymNames.contains(valueToken.lower) {
            lx.next(data: true)
            var entry = DataEntry(positions: positions, value: 0, text: nil, span: startSpan)
            entry.acronym = valueToken.text
            return entry
        }
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
    /// A number token such as `1.2` or `3.` stands for numeric labels joined by dots (`1.2` is
    /// labels `1` and `2`; in `R1.T1.3. 2030` the `3.` is label `3` and its dot).
    func parseLabelSpec() throws -> [[LabelText]] {
        var positions: [[LabelText]] = []
        while true {
            let t = lx.peek(data: true)
            if t.isSymbol("(") {
                lx.next(data: true)
                var group: [LabelText] = []
                repeat { group.append(contentsOf: try parseLabelOrRange()) } while acceptDataSymbol(",")
                _ = try expectDataSymbol(")", "to close the label group")
                positions.append(group)
            } else if t.kind == .number, let parts = dottedNumberLabels(t) {
                lx.next(data: true)
                positions.append(contentsOf: parts.map { [$0] })
                // a trailing dot belongs to the tuple: the next label follows
                if t.text.hasSuffix(".") { continue }
            } else {
                positions.append(try parseLabelOrRange())
            }
            if !acceptDataSymbol(".") { break }
        }
        return positions
    }

    /// The labels of a number token written with dots between digits (`2.2030`, `3.`); nil for
    /// any other token, or one starting a range (`1.5*2.5` is not a label list).
    func dottedNumberLabels(_ t: Token) -> [LabelText]? {
        guard t.text.contains("."), t.text.allSatisfy({ $0.isNumber || $0 == "." }), !t.text.hasPrefix(".") else { return nil }
        let whole = span(t)
        var labels: [LabelText] = []
        var column = whole.column
        for part in t.text.split(separator: ".", omittingEmptySubsequences: false) {
            if !part.isEmpty {
                labels.append(LabelText(text: String(part), span: SourceSpan(file: whole.file, line: whole.line,
                                                                             column: column, length: part.count)))
            }
            column += part.count + 1
        }
        return labels.count > 1 || t.text.hasSuffix(".") ? labels : nil
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
            throw fail(.E0042, "expected a label, found \(describe(t))", at: t, label: "expected a label")
        }
    }

    /// Quoted labels drop trailing blanks; leading blanks count (as in GAMS).
    static func normalizeQuotedLabel(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    /// About the bytes a label of a range takes until the run ends: its text in the syntax
    /// tree, the label table and the set (measured: 1,000,000 labels, 200 MB).
    static let bytesPerRangeLabel = 200

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
                diagnostics.error(.E3002, "label range '\(a.text)*\(b.text)' runs backwards", at: span)
                return [a]
            }
            guard y - x <= 10_000_000 else {
                diagnostics.error(.E3003, "label range '\(a.text)*\(b.text)' is too long", at: span)
                return [a]
            }
            let bytes = (y - x + 1) * Parser.bytesPerRangeLabel
            guard memoryLimit.admits(bytes) else {
                diagnostics.error(.E4050, "label range '\(a.text)*\(b.text)' has \(MemoryLimit.count(y - x + 1)) labels (about \(MemoryLimit.describe(bytes))): more than fits under \(memoryLimit.phrase)",
                                  at: span, help: [MemoryLimit.help])
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
        diagnostics.error(.E3004, "cannot expand label range '\(a.text)*\(b.text)'", at: span,
                          label: "both ends need the same prefix and a number at the end")
        return [a]
    }

    // MARK: - delimited rows

    /// Splits a delimited line into fields with the byte columns where they start (quotes
    /// removed).
    static func csvFields(_ text: String) -> [(String, Int)] {
        let bytes = Array(text.utf8)[...]
        var fields = DelimitedFields()
        fields.split(bytes)
        return (0..<fields.count).map { (fields.text($0, of: bytes), fields[$0].start) }
    }

    func parseCSVNumber(_ s: String, at span: SourceSpan) -> Double? {
        if let v = Parser.csvNumber(s) { return v }
        diagnostics.error(.E3001, "expected a number, found '\(s)'", at: span, label: "expected a number")
        return nil
    }

    /// The value a delimited field spells (a number or a special value), nil for anything else.
    static func csvNumber(_ s: String) -> Double? {
        if let v = Double(s), v.isFinite { return v == 0 ? 0 : v }
        switch s.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "eps": return -0.0
        case "na": return Double(nan: 0x4E41, signaling: false)
        case "yes": return 1
        case "no": return 0
        default: return nil
        }
    }

    /// The fields of a delimited line, each as a byte range of the line (unquoted fields,
    /// blanks around them trimmed) or as text (quoted fields), with its 0-based byte column.
    struct DelimitedFields {
        /// One field; plain data, so that keeping one costs no reference counting.
        struct Field {
            var lower: Int
            var upper: Int
            /// Where the field starts (after the separator before it), relative to the line.
            var start: Int
            /// Where its label is: the first byte after leading blanks of an unquoted field,
            /// `start` for a quoted one.
            var column: Int
            /// For a quoted field, its text's index in `quotedTexts`; -1 for a byte range.
            var quotedIndex: Int
            var isQuoted: Bool { quotedIndex >= 0 }
        }
        private var fields: [Field] = []
        /// The texts of the quoted fields of the line (quotes removed, label spelling normalised).
        private var quotedTexts: [String] = []
        private(set) var count = 0

        subscript(k: Int) -> Field { fields[k] }

        /// The text of field `k` if it is quoted, nil for a byte range.
        func quoted(_ k: Int) -> String? {
            let q = fields[k].quotedIndex
            return q >= 0 ? quotedTexts[q] : nil
        }

        private mutating func add(_ f: Field) {
            if count < fields.count { fields[count] = f } else { fields.append(f) }
            count += 1
        }

        /// Splits `bytes` at commas and tabs outside quotes. A quote opens where the field so
        /// far is only spaces; the bytes after its closing quote stay part of the field. Blanks
        /// and carriage returns around an unquoted field are not part of it.
        mutating func split(_ bytes: ArraySlice<UInt8>) {
            count = 0
            if !quotedTexts.isEmpty { quotedTexts.removeAll(keepingCapacity: true) }
            if splitPlain(bytes) { return }
            count = 0
            let base = bytes.startIndex, end = bytes.endIndex
            var start = base
            while true {
                var quote: UInt8 = 0
                // the field's bytes once a quote has been seen (nil: a plain byte range)
                var quoted: [UInt8]? = nil
                var j = start
                while j < end {
                    let c = bytes[j]
                    if quote != 0 {
                        if c == quote { quote = 0 } else { quoted?.append(c) }
                    } else if c == 44 || c == 9 {
                        break
                    } else if (c == 34 || c == 39), quoted.map({ $0.allSatisfy { $0 == 32 } }) ?? bytes[start..<j].allSatisfy({ $0 == 32 }) {
                        quote = c
                        quoted = []
                    } else {
                        quoted?.append(c)
                    }
                    j += 1
                }
                if let quoted {
                    quotedTexts.append(Parser.normalizeQuotedLabel(String(decoding: quoted, as: UTF8.self)))
                    add(Field(lower: j, upper: j, start: start - base, column: start - base, quotedIndex: quotedTexts.count - 1))
                } else {
                    var lo = start, hi = j
                    while lo < hi && (bytes[lo] == 32 || bytes[lo] == 13) { lo += 1 }
                    while hi > lo && (bytes[hi - 1] == 32 || bytes[hi - 1] == 13) { hi -= 1 }
                    add(Field(lower: lo, upper: hi, start: start - base, column: (lo < hi ? lo : start) - base, quotedIndex: -1))
                }
                if j >= end { return }
                start = j + 1
            }
        }

        /// `split` for a line without quotes (the usual data line), in one pass over its bytes;
        /// false, with fields half made, when the line has a quote.
        private mutating func splitPlain(_ bytes: ArraySlice<UInt8>) -> Bool {
            let base = bytes.startIndex
            return bytes.withUnsafeBufferPointer { b in
                let n = b.count
                var start = 0, j = 0
                while true {
                    while j < n {
                        let c = b[j]
                        if c == 44 || c == 9 { break }
                        if c == 34 || c == 39 { return false }
                        j += 1
                    }
                    var lo = start, hi = j
                    while lo < hi && (b[lo] == 32 || b[lo] == 13) { lo += 1 }
                    while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 13) { hi -= 1 }
                    add(Field(lower: base + lo, upper: base + hi, start: start, column: lo < hi ? lo : start, quotedIndex: -1))
                    if j >= n { return true }
                    j += 1
                    start = j
                }
            }
        }

        func text(_ k: Int, of bytes: ArraySlice<UInt8>) -> String {
            quoted(k) ?? String(decoding: bytes[fields[k].lower..<fields[k].upper], as: UTF8.self)
        }

        func isEmpty(_ k: Int) -> Bool { quoted(k)?.isEmpty ?? (fields[k].lower == fields[k].upper) }

        func length(_ k: Int) -> Int { quoted(k)?.utf8.count ?? (fields[k].upper - fields[k].lower) }
    }

    /// A plain decimal `[+-]digits[.digits]` whose value is exactly the quotient (or product)
    /// of two doubles, so that one IEEE operation rounds it correctly (as `Double(String)`
    /// would); nil for anything else.
    static func plainDecimal(_ slice: ArraySlice<UInt8>) -> Double? {
        slice.withUnsafeBufferPointer { plainDecimal($0) }
    }

    /// `plainDecimal` over raw bytes.
    static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let end = b.count
        var negative = false
        if i < end, b[i] == 45 || b[i] == 43 { negative = b[i] == 45; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var dot = false
        while i < end {
            let c = b[i]
            if c >= 48 && c <= 57 {
                guard digits < 19 else { return nil }
                mantissa = mantissa * 10 + UInt64(c - 48)
                if mantissa != 0 { digits += 1 }
                if dot { fraction += 1 }
            } else if c == 46 && !dot {
                dot = true
            } else {
                return nil
            }
            i += 1
        }
        let body = b.count - (b.first == 45 || b.first == 43 ? 1 : 0) - (dot ? 1 : 0)
        guard body > 0, mantissa <= 1 << 53, fraction <= 22 else { return nil }
        let v = Double(mantissa) / Parser.powersOfTen[fraction]
        return negative ? -v : v
    }

    /// 10^0 ... 10^22, each exact in a double.
    static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// Distinct labels of a batch by their bytes, without making a string of each field.
    struct LabelBytes {
        private var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        private var slots = [Int32](repeating: -1, count: 64)
        /// The labels in order of first appearance.
        private(set) var texts: [String] = []

        /// The index of the label spelled `field`, adding it when new.
        mutating func index(_ field: ArraySlice<UInt8>) -> Int32 {
            // the lookup over raw buffers: this runs for every label of every data line
            let found: (found: Int32, slot: Int) = field.withUnsafeBufferPointer { f in
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for c in f { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
                return slots.withUnsafeBufferPointer { slots in
                    starts.withUnsafeBufferPointer { starts in
                        bytes.withUnsafeBufferPointer { bytes in
                            let mask = slots.count - 1
                            var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                            while slots[s] >= 0 {
                                let k = Int(slots[s]), from = starts[k]
                                if starts[k + 1] - from == f.count
                                    && (f.isEmpty || memcmp(bytes.baseAddress! + from, f.baseAddress!, f.count) == 0) {
                                    return (slots[s], s)
                                }
                                s = (s + 1) & mask
                            }
                            return (-1, s)
                        }
                    }
                }
            }
            if found.found >= 0 { return found.found }
            let s = found.slot
            let k = Int32(texts.count)
            slots[s] = k
            bytes.append(contentsOf: field)
            starts.append(bytes.count)
            texts.append(String(decoding: field, as: UTF8.self))
            if texts.count * 2 > slots.count { grow() }
            return k
        }

        /// The index of a quoted label's text.
        mutating func index(text: String) -> Int32 {
            var copy = text
            return copy.withUTF8 { index(ArraySlice($0)) }
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for k in 0..<texts.count {
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for c in bytes[starts[k]..<starts[k + 1]] { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
                var s = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                while slots[s] >= 0 { s = (s + 1) & mask }
                slots[s] = Int32(k)
            }
        }
    }

    /// Consecutive lines of an `$onDelim` block inside `/ ... /` (labels, then a value for
    /// parameters), as compact batches of one width each.
    func parseDelimitedLines(kind: DeclarationKind, dimension: Int?, headerNames: [String] = []) -> [DataEntry] {
        var out: [DataEntry] = []
        // a header line can only be the first line of the block or of an included file
        var firstOfBlock = true
        var batch = DelimitedLines(width: -1, source: lx.lines)
        var distinct = LabelBytes()
        var fields = DelimitedFields()
        func flush() {
            if batch.count > 0 {
                batch.distinct = distinct.texts
                out.append(DataEntry(positions: [], value: nil, text: nil, span: batch.span(line: 0, field: 0), lines: batch))
            }
            distinct = LabelBytes()
        }
        lx.takeDelimitedLines { lineIndex, bytes in
            fields.split(bytes)
            let n = fields.count
            func wholeLine() -> SourceSpan { lx.span(line: lineIndex, column: 0, length: max(1, bytes.count)) }
            func sp(_ k: Int) -> SourceSpan { lx.span(line: lineIndex, column: fields[k].column, length: max(1, fields.length(k))) }
            let atTop = firstOfBlock || lx.lines[lineIndex].line == 1
            firstOfBlock = false
            if atTop, let header = CSVHeader(fields: fields, bytes: bytes, kind: kind, names: headerNames) {
                header.report(to: diagnostics, line: wholeLine())
                if header.isDropped { return }
            }
            let d: Int
            var value = 0.0
            var text: String? = nil
            if kind == .set {
                d = dimension ?? n
                guard n >= d, d > 0 else {
                    diagnostics.error(.E3005, "expected \(d) labels in this delimited line, found \(n)", at: wholeLine())
                    return
                }
                if n > d { text = (d..<n).map { fields.text($0, of: bytes) }.joined(separator: ",") }
            } else {
                d = dimension ?? (n - 1)
                guard n == d + 1, d >= 1 else {
                    diagnostics.error(.E3005, "expected \(d) labels and a value in this delimited line, found \(n) fields",
                                      at: wholeLine())
                    return
                }
                if fields.isEmpty(d) { return }
                if !fields[d].isQuoted, let v = Parser.plainDecimal(bytes[fields[d].lower..<fields[d].upper]) {
                    value = v == 0 ? 0 : v
                } else {
                    guard let v = parseCSVNumber(fields.text(d, of: bytes), at: sp(d)) else { return }
                    value = v
                }
            }
            if batch.width != d {
                flush()
                batch = DelimitedLines(width: d, source: lx.lines)
            }
            batch.lineIndices.append(Int32(truncatingIfNeeded: lineIndex))
            for k in 0..<d {
                let f = fields[k]
                let label = fields.quoted(k).map { distinct.index(text: $0) } ?? distinct.index(bytes[f.lower..<f.upper])
                batch.labelIndices.append(label)
                batch.fieldColumns.append(Int32(truncatingIfNeeded: f.column))
                batch.fieldLengths.append(Int32(truncatingIfNeeded: max(1, fields.length(k))))
            }
            if kind == .set { batch.texts.append(text) } else { batch.values.append(value) }
        }
        flush()
        return out
    }
}
