import Diagnostics

extension Parser {
    /// A piece of a table line: text and byte columns (after tab expansion).
    struct Cell {
        var text: String
        var start: Int
        var end: Int
        var quoted: Bool
    }

    /// tableDeclaration = "table" name [ "(" domainList ")" ] [ text ] tableBody tableEnd ;
    func parseTableDeclaration(_ start: SourceSpan) throws -> Statement {
        let nameTok = lx.peek()
        let name = try expectNewName("for the table")
        var domain: [Name]? = nil
        if lx.peek().isSymbol("(") {
            lx.next()
            domain = try parseDomainList()
        }
        // the explanatory text runs to the end of the line
        var text = ""
        let t = lx.peek()
        if t.kind == .string, t.lineIndex == nameTok.lineIndex {
            lx.next()
            text = t.text
        } else if t.kind != .eof, t.kind != .csvRow, t.lineIndex == nameTok.lineIndex {
            text = lx.rawText(from: t, stops: [59])
        }
        let bodyStart = nameTok.lineIndex + 1
        let block: DataBlock
        var cutShort = false
        if bodyStart < lx.lines.count, lx.lines[bodyStart].isDelimited {
            block = try parseDelimitedTable(dimension: domain?.count, nameSpan: name.span)
        } else {
            (block, cutShort) = try parseTableBody(from: bodyStart, name: name, dimension: domain?.count)
        }
        if !cutShort { try endStatement() }
        let decl = Declaration(name: name, domain: domain, text: text, data: block, span: name.span,
                               redefinition: redefinitionMode(at: nameTok))
        return .declare(.table, nil, [decl], start)
    }

    /// Splits a table line into cells: runs of non-blank characters or quoted strings.
    func tableCells(_ bytes: ArraySlice<UInt8>) -> [Cell] {
        var cells: [Cell] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 32 { i += 1; continue }
            let s = i
            var quoted = false
            var text: [UInt8] = []
            while i < bytes.endIndex, bytes[i] != 32 {
                let c = bytes[i]
                if c == 39 || c == 34 {
                    quoted = true
                    var j = i + 1
                    while j < bytes.endIndex, bytes[j] != c { j += 1 }
                    text.append(contentsOf: bytes[(i + 1)..<min(j, bytes.endIndex)])
                    i = min(j + 1, bytes.endIndex)
                    continue
                }
                text.append(c)
                i += 1
            }
            cells.append(Cell(text: String(decoding: text, as: UTF8.self), start: s - bytes.startIndex,
                              end: i - bytes.startIndex, quoted: quoted))
        }
        return cells
    }

    /// Expands tabs to stops of 8 so that positions match what the user sees.
    static func expandTabs(_ b: ArraySlice<UInt8>) -> [UInt8] {
        guard b.contains(9) else { return Array(b) }
        var out: [UInt8] = []
        for c in b {
            if c == 9 {
                repeat { out.append(32) } while out.count % 8 != 0
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// tableBody = headerLine { rowLine | "+" headerLine } ;  values match columns by position.
    /// Returns the data and whether the table was cut short by a statement line after its rows
    /// (its missing `;` is then reported, and parsing goes on with that statement).
    func parseTableBody(from first: Int, name: Name, dimension: Int?) throws -> (DataBlock, Bool) {
        let nameSpan = name.span
        var entries: [DataEntry] = []
        var lastContentLine = -1
        var cutShort = false
        var columns = TableColumns()
        var haveHeader = false
        var lineIdx = first
        var endLine = -1, endCol = 0
        while lineIdx < lx.lines.count {
            let line = lx.lines[lineIdx]
            lx.noteDamage(line: lineIdx)
            if line.isDelimited { break }
            let end = lx.effectiveEnd(line)
            var content = line.text[0..<end]
            // a statement keyword, in any column, ends a table whose ';' is missing
            if Parser.startsWithStatementKeyword(Parser.expandTabs(content)) {
                endLine = lineIdx
                endCol = 0
                break
            }
            // a statement such as `c(i,j) = ...` after the rows: the table's ';' is missing
            if haveHeader, let extent = Parser.statementLead(Parser.expandTabs(content)) {
                diagnostics.error(.E0043, "table is not ended by ';'",
                                  at: tableSpan(line: lineIdx, from: extent.lowerBound, to: extent.upperBound),
                                  label: "this is not a row of table '\(name.text)'",
                                  help: lastContentLine >= 0
                                      ? ["end the table with ';' after its last row (line \(lx.lines[lastContentLine].line))"]
                                      : [])
                endLine = lineIdx
                endCol = 0
                cutShort = true
                break
            }
            // find a terminating ';' outside quotes
            var quote: UInt8 = 0
            for k in content.indices {
                let c = content[k]
                if quote != 0 { if c == quote { quote = 0 } } else if c == 39 || c == 34 { quote = c } else if c == 59 {
                    endLine = lineIdx
                    endCol = k + 1
                    content = content[content.startIndex..<k]
                    break
                }
            }
            let bytes = Parser.expandTabs(content)
            let cells = tableCells(bytes[...])
            func cellSpan(_ c: Cell) -> SourceSpan { tableSpan(line: lineIdx, from: c.start, to: c.end) }
            if !cells.isEmpty {
                if cells[0].text == "+" || (cells[0].text.hasPrefix("+") && !haveHeader) {
                    columns = TableColumns()
                    var rest = cells
                    if rest[0].text == "+" { rest.removeFirst() } else {
                        rest[0].text.removeFirst()
                        rest[0].start += 1
                    }
                    for c in rest {
                        columns.append(TableColumns.Column(labels: splitDotted(c, span: cellSpan(c)), text: c.text, start: c.start, end: c.end))
                    }
                    haveHeader = true
                } else if !haveHeader {
                    for c in cells {
                        columns.append(TableColumns.Column(labels: splitDotted(c, span: cellSpan(c)), text: c.text, start: c.start, end: c.end))
                    }
                    haveHeader = true
                } else {
                    entries.append(contentsOf: parseTableRow(bytes, lineIdx: lineIdx, columns: columns))
                }
                lastContentLine = lineIdx
            }
            if endLine == lineIdx { break }
            lineIdx += 1
        }
        if endLine < 0 {
            diagnostics.error(.E0043, "table is not ended by ';'", at: nameSpan, label: "table starts here")
            lx.seek(line: lx.lines.count, column: 0)
            throw ParseAbort()
        }
        lx.seek(line: endLine, column: endCol)
        if endCol > 0 {
            // put the ';' back for endStatement
            lx.seek(line: endLine, column: endCol - 1)
        }
        if !haveHeader {
            diagnostics.warning(.W3001, "table has no column headers and no data", at: nameSpan)
        }
        return (DataBlock(entries: entries, scalarValue: nil, span: nameSpan), cutShort)
    }

    /// The byte range of the leading reference of a line that is a statement, not a table row:
    /// one holding `=` (assignments, `=e=`, ...) outside quotes, or starting with a name directly
    /// followed by `(` (`c(i,j)`). Labels of a row can be neither.
    static func statementLead(_ bytes: [UInt8]) -> Range<Int>? {
        var quote: UInt8 = 0
        var hasEquals = false
        for b in bytes {
            if quote != 0 { if b == quote { quote = 0 } } else if b == 39 || b == 34 { quote = b } else if b == 61 {
                hasEquals = true
                break
            }
        }
        var i = 0
        while i < bytes.count, bytes[i] == 32 { i += 1 }
        let start = i
        func isNameByte(_ b: UInt8) -> Bool { Lexer.isLetter(b) || Lexer.isDigit(b) }
        guard i < bytes.count, Lexer.isLetter(bytes[i]) else { return nil }
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        if i + 1 < bytes.count, bytes[i] == 46, Lexer.isLetter(bytes[i + 1]) {
            i += 1
            while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        }
        let calls = i < bytes.count && bytes[i] == 40
        guard hasEquals || calls else { return nil }
        if calls {
            var depth = 0
            while i < bytes.count {
                if bytes[i] == 40 { depth += 1 }
                if bytes[i] == 41 { depth -= 1; if depth == 0 { i += 1; break } }
                i += 1
            }
        }
        return start..<i
    }

    /// The span of positions `from ..< to` of a table line after tab expansion.
    func tableSpan(line: Int, from: Int, to: Int) -> SourceSpan {
        guard line < lx.lines.count, lx.lines[line].text.contains(9) else {
            return lx.span(line: line, column: from, length: max(1, to - from))
        }
        let start = Parser.byteColumn(ofExpanded: from, in: lx.lines[line].text)
        let end = Parser.byteColumn(ofExpanded: to, in: lx.lines[line].text)
        return lx.span(line: line, column: start, length: max(1, end - start))
    }

    /// The byte column of position `expanded` of a line whose tabs are expanded to stops of 8
    /// (a position inside a tab's blanks maps to the tab).
    static func byteColumn(ofExpanded expanded: Int, in text: [UInt8]) -> Int {
        var position = 0
        for (k, b) in text.enumerated() {
            let next = b == 9 ? (position / 8 + 1) * 8 : position + 1
            if expanded < next { return k }
            position = next
        }
        return text.count + max(0, expanded - position)
    }

    /// Splits a header cell `a.b` into labels.
    func splitDotted(_ c: Cell, span: SourceSpan) -> [LabelText] {
        if c.quoted { return [LabelText(text: Parser.normalizeQuotedLabel(c.text), span: span)] }
        return c.text.split(separator: ".", omittingEmptySubsequences: false).map { LabelText(text: String($0), span: span) }
    }

    /// rowLine = rowLabelSpec { value } ;
    func parseTableRow(_ bytes: [UInt8], lineIdx: Int, columns: TableColumns) -> [DataEntry] {
        var i = 0
        func skipBlank() { while i < bytes.count, bytes[i] == 32 { i += 1 } }
        func sp(_ s: Int, _ e: Int) -> SourceSpan { tableSpan(line: lineIdx, from: s, to: max(e, s + 1)) }
        func readLabel() -> LabelText? {
            skipBlank()
            guard i < bytes.count else { return nil }
            let s = i
            if bytes[i] == 39 || bytes[i] == 34 {
                let q = bytes[i]
                var j = i + 1
                while j < bytes.count, bytes[j] != q { j += 1 }
                let text = String(decoding: bytes[(i + 1)..<min(j, bytes.count)], as: UTF8.self)
                i = min(j + 1, bytes.count)
                return LabelText(text: Parser.normalizeQuotedLabel(text), span: sp(s, i))
            }
            while i < bytes.count, bytes[i] != 32, bytes[i] != 46, bytes[i] != 44, bytes[i] != 41, bytes[i] != 40 { i += 1 }
            guard i > s else { return nil }
            return LabelText(text: String(decoding: bytes[s..<i], as: UTF8.self), span: sp(s, i))
        }
        var positions: [[LabelText]] = []
        while true {
            skipBlank()
            if i < bytes.count, bytes[i] == 40 {
                i += 1
                var group: [LabelText] = []
                while let l = readLabel() {
                    group.append(l)
                    skipBlank()
                    if i < bytes.count, bytes[i] == 44 { i += 1; continue }
                    break
                }
                skipBlank()
                if i < bytes.count, bytes[i] == 41 { i += 1 } else {
                    diagnostics.error(.E0044, "label group is not closed by ')'", at: sp(i, i + 1))
                    return []
                }
                positions.append(group)
            } else if let l = readLabel() {
                positions.append([l])
            } else {
                diagnostics.error(.E0042, "expected a row label", at: sp(i, i + 1))
                return []
            }
            // a dot (possibly with blanks around) continues the row label
            var k = i
            while k < bytes.count, bytes[k] == 32 { k += 1 }
            if k < bytes.count, bytes[k] == 46, !(k + 1 < bytes.count && bytes[k + 1] >= 48 && bytes[k + 1] <= 57 && positions.count > 0 && k > i) {
                i = k + 1
                continue
            }
            break
        }
        let valueCells = tableCells(bytes[i...]).map { c -> Cell in
            var c = c
            c.start += i
            c.end += i
            return c
        }
        return tableValues(valueCells, row: positions, lineIdx: lineIdx, columns: columns)
    }

    /// A table given as `$onDelim` lines: a header line of column labels, then rows.
    func parseDelimitedTable(dimension: Int?, nameSpan: SourceSpan) throws -> DataBlock {
        var rows: [Token] = []
        while lx.peek(data: true).kind == .csvRow { rows.append(lx.next(data: true)) }
        guard let header = rows.first else { return DataBlock(entries: [], scalarValue: nil, span: nameSpan) }
        let hf = Parser.csvFields(header.text)
        let colDim = max(1, hf.last.map { $0.0.split(separator: ".").count } ?? 1)
        var rowDim = 1
        if let d = dimension { rowDim = max(1, d - colDim) } else {
            rowDim = max(1, hf.prefix(while: { $0.0.isEmpty }).count)
        }
        var entries: [DataEntry] = []
        let colLabels: [[String]] = hf.map { $0.0.split(separator: ".").map(String.init) }
        for r in rows.dropFirst() {
            let f = Parser.csvFields(r.text)
            func sp(_ k: Int) -> SourceSpan { lx.span(line: r.lineIndex, column: f[k].1, length: max(1, f[k].0.utf8.count)) }
            guard f.count >= rowDim else {
                diagnostics.error(.E3005, "expected \(rowDim) row labels in this delimited table line", at: lx.span(r))
                continue
            }
            if f.count > hf.count {
                diagnostics.error(.E3007, "this table line has \(f.count) fields but the header has \(hf.count)",
                                  at: sp(hf.count))
            }
            let rowPos = (0..<rowDim).map { [LabelText(text: f[$0].0, span: sp($0))] }
            for k in rowDim..<min(f.count, hf.count) where !f[k].0.isEmpty {
                guard let v = parseCSVNumber(f[k].0, at: sp(k)) else { continue }
                let colPos = colLabels[k].map { [LabelText(text: $0, span: sp(k))] }
                entries.append(DataEntry(positions: rowPos + colPos, value: v, text: nil, span: sp(k)))
            }
        }
        return DataBlock(entries: entries, scalarValue: nil, span: nameSpan)
    }
}
