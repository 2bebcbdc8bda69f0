import Diagnostics

/// One file of a `File` statement: `f 'text' / report.txt /`.
public struct FileDeclaration {
    public var name: Name
    public var text: String
    /// The external file name as written between the slashes; nil when left out (`f.put`).
    public var path: String?
}

/// How a put item sits in its field: `:<` left, `:>` right, `:<>` centred.
public enum PutAlignment {
    case left, right, center
}

/// A put item's local format: `:width`, `:width:decimals`, each optionally after `<`, `>`, `<>`.
public struct PutFormat {
    public var alignment: PutAlignment?
    public var width: Int?
    public var decimals: Int?
}

/// One item of a put statement.
public struct PutItem {
    public enum Kind {
        /// A quoted text.
        case text(String)
        /// A number, an expression, a file name, a set value or a text attribute
        /// (`i.tl`, `i.te(i)`, `x.ts`, `system.date`): the compiler tells which.
        case value(Expr)
        /// `/`: the cursor to the start of the next line.
        case newLine
        /// `@col`: the cursor to a column of the current line.
        case column(Expr)
        /// `#row`: the cursor to a line of the current page.
        case row(Expr)
    }
    public var kind: Kind
    public var format: PutFormat?
    /// `item$cond`: the item is written only where the condition holds.
    public var condition: Expr?
    public var span: SourceSpan
}

/// `put[$cond] items;` or `putclose items;`.
public struct PutStatement {
    /// Whether the statement is `putclose`: the current file is closed at its end.
    public var closes: Bool
    public var condition: Expr?
    public var items: [PutItem]
    public var span: SourceSpan
}

extension Parser {
    /// fileStatement = ("file" | "files") fileItem { [","] fileItem } ;
    /// fileItem = name [ text ] [ "/" ( quotedString | unquotedPath ) "/" ] ;
    func parseFileStatement(_ start: SourceSpan) throws -> Statement {
        var files: [FileDeclaration] = []
        repeat {
            let name = try expectNewName("for the file")
            let text = parseText(after: name)
            var path: String? = nil
            if lx.peek().isSymbol("/") {
                let open = lx.next()
                let t = lx.peek()
                if t.kind == .string {
                    lx.next()
                    path = t.text
                } else if !t.isSymbol("/") && t.kind != .eof && lx.span(t).line == span(open).line {
                    path = lx.rawText(from: t, stops: [47])
                }
                if path?.isEmpty ?? true {
                    throw fail(.E0062, "expected the external file name between the slashes of file '\(name.text)'",
                               at: t, label: "expected a file name", help: ["write e.g. 'File \(name.text) / report.txt /;'"])
                }
                _ = try expectSymbol("/", "to end the external file name")
            }
            files.append(FileDeclaration(name: name, text: text, path: path))
            if acceptSymbol(",") { continue }
        } while lx.peek().kind == .word && !isStatementStart(lx.peek())
        try endStatement()
        return .file(files, start)
    }

    /// putStatement = ("put" | "putclose") [ "$" operand ] { [","] putItem } ;
    func parsePutStatement(_ start: SourceSpan, closes: Bool) throws -> Statement {
        var condition: Expr? = nil
        if acceptSymbol("$") { condition = try parseDollarOperand() }
        var items: [PutItem] = []
        while true {
            let t = lx.peek()
            if t.isSymbol(",") { lx.next(); continue }
            if t.isSymbol(";") || t.isSymbol(")") || t.kind == .eof || isStatementStart(t) { break }
            items.append(try parsePutItem())
        }
        try endStatement()
        return .put(PutStatement(closes: closes, condition: condition, items: items, span: start))
    }

    /// putItem = "/" | "@" operand | "#" operand | ( quotedString | putExpression ) [ "$" operand ] [ putFormat ] [ "$" operand ] ;
    func parsePutItem() throws -> PutItem {
        let t = lx.peek()
        let at = span(t)
        if t.isSymbol("/") {
            lx.next()
            return PutItem(kind: .newLine, span: at)
        }
        if t.isSymbol("@") || t.isSymbol("#") {
            lx.next()
            let position = try parsePrimary()
            return PutItem(kind: t.text == "@" ? .column(position) : .row(position), span: at)
        }
        var item: PutItem
        if t.kind == .string {
            lx.next()
            item = PutItem(kind: .text(t.text), span: at)
        } else if t.kind == .word || t.kind == .number || t.isSymbol("(") || t.isSymbol("-") || t.isSymbol("+") {
            var e = try parsePutExpression()
            var condition: Expr? = nil
            // a `$` on the whole item decides whether it is written at all
            if case .dollar(let value, let c, _) = e {
                e = value
                condition = c
            }
            item = PutItem(kind: .value(e), condition: condition, span: at.through(e.span))
        } else {
            throw fail(.E0060, "expected a put item (a quoted text, a value, '/', '@' or '#'), found \(describe(t))", at: t,
                       label: "expected a put item")
        }
        if item.condition == nil, acceptSymbol("$") { item.condition = try parseDollarOperand() }
        if lx.peek().isSymbol(":") { item.format = try parsePutFormat() }
        if item.condition == nil, acceptSymbol("$") { item.condition = try parseDollarOperand() }
        return item
    }

    /// putExpression = unary { ("+" | "-" | "*") unary } ;  (`/` starts a new line; divide in parentheses)
    func parsePutExpression() throws -> Expr {
        let first = try parseUnary()
        var links: [ChainLink<Expr>] = []
        while true {
            let t = lx.peek()
            guard t.isSymbol("+") || t.isSymbol("-") || t.isSymbol("*") else { return .joining(first, links) }
            lx.next()
            let op: BinaryOp = t.text == "+" ? .add : (t.text == "-" ? .sub : .mul)
            links.append(ChainLink(op, try parseUnary(), span(t)))
        }
    }

    /// putFormat = ":" [ "<" | ">" | "<>" ] integer [ ":" integer ] ;
    func parsePutFormat() throws -> PutFormat {
        _ = try expectSymbol(":", "before the item's width")
        var format = PutFormat()
        let a = lx.peek()
        if a.isSymbol("<") || a.isSymbol(">") || a.isSymbol("<>") {
            lx.next()
            format.alignment = a.text == "<" ? .left : (a.text == ">" ? .right : .center)
        }
        format.width = try expectPutCount("as the item's width")
        if acceptSymbol(":") { format.decimals = try expectPutCount("as the item's decimals") }
        return format
    }

    /// A width or a number of decimals: a whole number, 0 or more.
    func expectPutCount(_ context: String) throws -> Int {
        let t = lx.peek()
        guard t.kind == .number, t.value >= 0, t.value == t.value.rounded(), t.value < 100_000 else {
            throw fail(.E0061, "expected a whole number \(context), found \(describe(t))", at: t,
                       label: "expected a number", help: ["put items are formatted as 'x:12:3' (width 12, 3 decimals) or 'i.tl:<10'"])
        }
        lx.next()
        return Int(t.value)
    }
}
