import Diagnostics

/// Turns preprocessed lines into tokens on demand; the parser picks expression or data mode.
public final class Lexer {
    public let lines: [SourceLine]
    let diagnostics: DiagnosticBag
    /// Current position: line index and byte column.
    public private(set) var lineIndex = 0
    public private(set) var column = 0
    private var peeked: (Token, Bool, Int, Int)? = nil  // token, data mode, position after it
    /// Positions (line index, byte column) where a lexical error was reported or a damaged
    /// line was entered; the parser stays quiet about statements holding one.
    public private(set) var troubleSpots: [TokenPosition] = []
    private var reportedSpots: Set<TokenPosition> = []

    public init(lines: [SourceLine], diagnostics: DiagnosticBag) {
        self.lines = lines
        self.diagnostics = diagnostics
    }

    /// The span of a token in its source file.
    public func span(_ t: Token) -> SourceSpan {
        guard t.lineIndex < lines.count else {
            if let last = lines.last {
                return SourceSpan(file: last.file, line: last.line, column: last.text.count + 1)
            }
            return .none
        }
        return lines[t.lineIndex].span(column: t.column, length: t.length)
    }

    /// The span of a column range on a preprocessed line.
    public func span(line: Int, column: Int, length: Int) -> SourceSpan {
        guard line < lines.count else { return .none }
        return lines[line].span(column: column, length: length)
    }

    /// Whether a lexical error was reported, or a damaged line met, at or after `start`.
    public func hasTrouble(since start: TokenPosition) -> Bool {
        guard let last = troubleSpots.last else { return false }
        if last >= start { return true }
        return troubleSpots.contains { $0 >= start }
    }

    /// Notes a damaged line read directly by the parser (table rows are not lexed).
    public func noteDamage(line: Int) {
        if line < lines.count, lines[line].damaged { _ = noteTrouble(TokenPosition(line: line, column: 0)) }
    }

    /// Records a trouble spot once (tokens are scanned again after a peek in another mode).
    private func noteTrouble(_ p: TokenPosition) -> Bool {
        guard reportedSpots.insert(p).inserted else { return false }
        troubleSpots.append(p)
        return true
    }

    /// Consumes the delimited lines from the start of the one at the current position up to the
    /// first line that is not delimited (the `.csvRow` tokens `next(data: true)` would return
    /// one by one); `body` gets each nonblank line's index and its bytes before an end-of-line
    /// comment.
    public func takeDelimitedLines(_ body: (Int, ArraySlice<UInt8>) -> Void) {
        peeked = nil
        column = 0
        // the lines' fields are read in place: a copy of each line would retain its references
        lines.withUnsafeBufferPointer { lines in
            while lineIndex < lines.count, lines[lineIndex].isDelimited {
                if lines[lineIndex].damaged { _ = noteTrouble(TokenPosition(line: lineIndex, column: 0)) }
                let text = lines[lineIndex].text
                let data = text[0..<Lexer.effectiveEnd(text, lines[lineIndex].commentMarker)]
                if Lexer.hasData(data) { body(lineIndex, data) }
                lineIndex += 1
            }
        }
    }

    /// The bytes of a delimited line before its end-of-line comment; nil when they are blank.
    private func delimitedData(_ line: SourceLine) -> ArraySlice<UInt8>? {
        let data = line.text[0..<effectiveEnd(line)]
        return Lexer.hasData(data) ? data : nil
    }

    /// Whether `data` has a byte that is not blank.
    @inline(__always) static func hasData(_ data: ArraySlice<UInt8>) -> Bool {
        data.contains(where: { !Lexer.isBlank($0) })
    }

    /// Moves the lexer to a position, dropping any peeked token.
    public func seek(line: Int, column: Int) {
        lineIndex = line
        self.column = column
        peeked = nil
    }

    /// Looks at the next token without consuming it.
    public func peek(data: Bool = false) -> Token {
        if let p = peeked, p.1 == data { return p.0 }
        if let p = peeked { lineIndex = p.0.lineIndex; column = p.0.column; peeked = nil }
        let savedLine = lineIndex, savedCol = column
        let t = scan(data: data)
        peeked = (t, data, lineIndex, column)
        lineIndex = savedLine
        column = savedCol
        return t
    }

    /// Consumes and returns the next token.
    @discardableResult
    public func next(data: Bool = false) -> Token {
        let t = peek(data: data)
        if let p = peeked { lineIndex = p.2; column = p.3 }
        peeked = nil
        return t
    }

    /// The raw text from the start of `token` to the first byte in `stops` or the end of the
    /// line, trimmed; consumes it.
    public func rawText(from token: Token, stops: Set<UInt8>) -> String {
        peeked = nil
        guard token.lineIndex < lines.count else { return "" }
        let line = lines[token.lineIndex]
        let end = effectiveEnd(line)
        var i = token.column
        while i < end, !stops.contains(line.text[i]) { i += 1 }
        lineIndex = token.lineIndex
        column = i
        var lo = token.column, hi = i
        while lo < hi && Lexer.isBlank(line.text[lo]) { lo += 1 }
        while hi > lo && Lexer.isBlank(line.text[hi - 1]) { hi -= 1 }
        return String(decoding: line.text[lo..<hi], as: UTF8.self)
    }

    /// Space, tab or carriage return.
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 }

    /// The byte index where the line's code ends (before an end-of-line comment).
    func effectiveEnd(_ line: SourceLine) -> Int {
        Lexer.effectiveEnd(line.text, line.commentMarker)
    }

    /// The byte index where text `t` ends before an end-of-line comment marked by `marker`.
    static func effectiveEnd(_ t: [UInt8], _ marker: CommentMarker?) -> Int {
        guard let m = marker, t.count >= m.count else { return t.count }
        var quote: UInt8 = 0
        var i = 0
        while i + m.count <= t.count {
            let b = t[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 39 || b == 34 {
                quote = b
            } else if b == m[0] {
                var k = 1
                while k < m.count && t[i + k] == m[k] { k += 1 }
                if k == m.count { return i }
            }
            i += 1
        }
        return t.count
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isLabelByte(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == 45 || b == 43 || b == 35 || b == 64 || b == 38 || b == 124
    }

    /// Length of a number starting at `i` (0 if none): digits, fraction, exponent.
    static func numberLength(_ t: [UInt8], _ i: Int, _ end: Int) -> Int {
        var j = i
        var digits = 0
        while j < end, isDigit(t[j]) { j += 1; digits += 1 }
        if j < end, t[j] == 46, !(j + 1 < end && t[j + 1] == 46) {
            // a dot followed by a letter that starts an attribute is not part of the number
            if j + 1 < end, isLetter(t[j + 1]), !(t[j + 1] == 101 || t[j + 1] == 69) { return digits > 0 ? j - i : 0 }
            j += 1
            while j < end, isDigit(t[j]) { j += 1; digits += 1 }
        }
        guard digits > 0 else { return 0 }
        if j < end, t[j] == 101 || t[j] == 69 {
            var k = j + 1
            if k < end, t[k] == 43 || t[k] == 45 { k += 1 }
            if k < end, isDigit(t[k]) {
                while k < end, isDigit(t[k]) { k += 1 }
                j = k
            }
        }
        return j - i
    }

    private func scan(data: Bool) -> Token {
        var spaceBefore = false
        while lineIndex < lines.count {
            let line = lines[lineIndex]
            if line.damaged { _ = noteTrouble(TokenPosition(line: lineIndex, column: 0)) }
            let end = effectiveEnd(line)
            if line.isDelimited {
                if column == 0 {
                    column = line.text.count
                    if let data = delimitedData(line) {
                        return Token(kind: .csvRow, text: String(decoding: data, as: UTF8.self), lineIndex: lineIndex, column: 0, length: max(1, end),
                                     spaceBefore: true)
                    }
                }
                lineIndex += 1
                column = 0
                continue
            }
            let t = line.text
            while column < end, t[column] == 32 || t[column] == 9 || t[column] == 13 { column += 1; spaceBefore = true }
            if column >= end {
                lineIndex += 1
                column = 0
                spaceBefore = true
                continue
            }
            if column == 0 { spaceBefore = true }
            let start = column
            let b = t[start]
            func make(_ kind: TokenKind, _ len: Int, _ text: String? = nil, value: Double = 0) -> Token {
                column = start + len
                let s = text ?? String(decoding: t[start..<(start + len)], as: UTF8.self)
                return Token(kind: kind, text: s, value: value, lineIndex: lineIndex, column: start, length: len,
                             spaceBefore: spaceBefore)
            }
            // strings
            if b == 39 || b == 34 {
                var j = start + 1
                while j < end, t[j] != b { j += 1 }
                if j >= end, noteTrouble(TokenPosition(line: lineIndex, column: start)), !line.damaged {
                    diagnostics.error(.E0002, "string is not closed on this line",
                                      at: span(line: lineIndex, column: start, length: end - start),
                                      label: "closing \(b == 39 ? "'" : "\"") missing")
                }
                if j >= end {
                    return make(.string, end - start, String(decoding: t[(start + 1)..<end], as: UTF8.self))
                }
                return make(.string, j - start + 1, String(decoding: t[(start + 1)..<j], as: UTF8.self))
            }
            if data {
                // numbers with sign, labels, dots
                var signLen = 0
                if (b == 45 || b == 43), start + 1 < end, Lexer.isDigit(t[start + 1]) || (t[start + 1] == 46 && start + 2 < end && Lexer.isDigit(t[start + 2])) {
                    signLen = 1
                }
                let dotIsSeparator = b == 46 && start > 0 && (Lexer.isLabelByte(t[start - 1]) || t[start - 1] == 41 || t[start - 1] == 39 || t[start - 1] == 34)
                if !dotIsSeparator {
                    let nl = Lexer.numberLength(t, start + signLen, end)
                    if nl > 0 || signLen == 0 {
                        var wl = 0
                        if signLen == 0 { while start + wl < end, Lexer.isLabelByte(t[start + wl]) { wl += 1 } }
                        if nl > 0 && nl + signLen >= wl {
                            let len = nl + signLen
                            let s = String(decoding: t[start..<(start + len)], as: UTF8.self)
                            return make(.number, len, s, value: Double(s) ?? 0)
                        }
                        if wl > 0 { return make(.word, wl) }
                    }
                }
            } else {
                if Lexer.isLetter(b) {
                    var j = start + 1
                    while j < end, Lexer.isLetter(t[j]) || Lexer.isDigit(t[j]) { j += 1 }
                    return make(.word, j - start)
                }
                if Lexer.isDigit(b) || (b == 46 && start + 1 < end && Lexer.isDigit(t[start + 1])
                                        && !(start > 0 && (Lexer.isLetter(t[start - 1]) || Lexer.isDigit(t[start - 1]) || t[start - 1] == 41))) {
                    let nl = Lexer.numberLength(t, start, end)
                    if nl > 0 {
                        let s = String(decoding: t[start..<(start + nl)], as: UTF8.self)
                        return make(.number, nl, s, value: Double(s) ?? 0)
                    }
                }
            }
            // operators
            func at(_ k: Int) -> UInt8 { start + k < end ? t[start + k] : 0 }
            if b == 61 {  // =
                let c = at(1) | 0x20
                if at(2) == 61, c == 101 || c == 108 || c == 103 || c == 110 || c == 120 || c == 99 || c == 98 {
                    return make(.symbol, 3, "=" + String(UnicodeScalar(c)) + "=")
                }
                if (at(1) == 60 || at(1) == 62), at(2) == 61 { return make(.symbol, 3) }
                if at(1) == 61 { return make(.symbol, 2, "==") }
                return make(.symbol, 1, "=")
            }
            if b == 42 && at(1) == 42 { return make(.symbol, 2, "**") }
            if b == 46 && at(1) == 46 { return make(.symbol, 2, "..") }
            if b == 60 && at(1) == 61 { return make(.symbol, 2, "<=") }
            if b == 60 && at(1) == 62 { return make(.symbol, 2, "<>") }
            if b == 62 && at(1) == 61 { return make(.symbol, 2, ">=") }
            if b == 45 && at(1) == 45 { return make(.symbol, 2, "--") }
            if b == 43 && at(1) == 43 { return make(.symbol, 2, "++") }
            if "()[]{},;.$+-*/<>:#@".utf8.contains(b) {
                return make(.symbol, 1)
            }
            let len = min(end - start, b >= 0x80 ? utf8Length(b) : 1)
            if noteTrouble(TokenPosition(line: lineIndex, column: start)), !line.damaged {
                diagnostics.error(.E0003, "unexpected character '\(String(decoding: t[start..<(start + len)], as: UTF8.self))'",
                                  at: span(line: lineIndex, column: start, length: len),
                                  help: Lexer.characterHelp(b, next: start + 1 < end ? t[start + 1] : 0))
            }
            column = start + len
            spaceBefore = true
        }
        return Token(kind: .eof, text: "", lineIndex: lines.count, column: 0, length: 1, spaceBefore: true)
    }

    /// What a stray ASCII character was probably meant as, in GAMS spelling.
    static func characterHelp(_ b: UInt8, next: UInt8) -> [String] {
        switch b {
        case UInt8(ascii: "^"): return ["powers are written '**', as in 'x**2'"]
        case UInt8(ascii: "!"): return [next == UInt8(ascii: "=") ? "'not equal' is written '<>' or 'ne'" : "negation is written 'not'"]
        case UInt8(ascii: "&"): return ["'and' is written as the word 'and'"]
        case UInt8(ascii: "|"): return ["'or' is written as the word 'or'"]
        default: return []
        }
    }

    private func utf8Length(_ b: UInt8) -> Int {
        if b >= 0xF0 { return 4 }
        if b >= 0xE0 { return 3 }
        if b >= 0xC0 { return 2 }
        return 1
    }
}
