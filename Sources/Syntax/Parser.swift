import Diagnostics

/// Raised inside the parser to abandon the current statement after reporting an error.
struct ParseAbort: Error {}

/// The recovering parser: turns preprocessed lines into statements, reporting every syntax
/// error of the file in one run. Functions are named after the productions of
/// `grammar/enm.ebnf` they implement.
public final class Parser {
    let lx: Lexer
    let bag: DiagnosticBag
    /// Where the statement being parsed starts (the innermost one inside loop bodies).
    var statementStart = TokenPosition(line: 0, column: 0)
    /// Reserved words the file declared as symbols anyway (reported once, at the declaration),
    /// so that their later uses are read as references where they can be, not as cascades.
    var reservedNamesDeclared: Set<String> = []
    /// Built-in function and constant names the file declared as symbols: from their
    /// declaration on they read as references to the symbol.
    var shadowedBuiltins: Set<String> = []
    /// The acronyms the file declared: in data lists such a word is a value.
    var acronymNames: Set<String> = []
    /// While above zero, errors are not reported (a speculative parse).
    var muted = 0
    /// How many bodies (`loop(... , body)`, `if(...)`, ...) enclose the current statement.
    var bodyDepth = 0
    /// How many parentheses, reductions, calls, signs and bodies enclose the current token
    /// (bounded by `Parser.nestingLimit`, so that deep input is an error, not a stack overflow).
    var nestingDepth = 0
    /// The last `)` reported as unbalanced (recovery steps over it instead of closing a body).
    var lastUnbalancedParen: TokenPosition? = nil

    /// Words that start a statement; a missing `;` before one of them is accepted, as in GAMS.
    static let statementKeywords: Set<String> = [
        "set", "sets", "singleton", "alias", "parameter", "parameters", "scalar", "scalars", "table", "tables",
        "variable", "variables", "positive", "nonnegative", "negative", "free", "binary", "integer", "equation", "equations",
        "model", "models", "solve", "display", "option", "options", "loop", "while", "repeat", "for", "if",
        "abort", "break", "continue", "else", "elseif", "until", "sos1", "sos2", "semicont", "semiint",
        "acronym", "acronyms", "file", "files", "put", "putclose", "execute", "execute_unload", "execute_load",
        "execute_loadpoint", "execute_unloaddi", "execute_loadhandle",
    ]

    /// Words that cannot name a symbol: GAMS's reserved words (statement keywords, logical
    /// operators, reductions, special values, `ord`, `card`, `sameAs`). Built-in functions and
    /// the constant `pi` are not reserved: a symbol of that name shadows them, as in GAMS. The
    /// relational words `lt le eq ne ge gt` are not reserved either (`Scalar ne` is a valid name).
    public static let reservedWords: Set<String> = statementKeywords.union([
        "sum", "prod", "smin", "smax", "inf", "eps", "na", "undf", "yes", "no", "all", "and", "or",
        "not", "xor", "eqv", "imp", "system", "ord", "card", "sameas", "diag", "do", "then", "sand", "sor",
        "endfor", "endif", "endloop", "endwhile", "function", "functions", "logic", "put_utility",
        "putpage", "puttl", "puthd", "putclear", "putfmcl", "putheader", "puttitle", "gdxload",
        "execute_unloadidx",
    ])

    /// Built-in names that a declared symbol shadows (functions and constants).
    static let shadowableNames: Set<String> = functionNames.union(["pi"]).subtracting(reservedWords)

    /// Attributes of variables and equations.
    public static let symbolAttributes: Set<String> = ["l", "m", "lo", "up", "fx", "scale", "prior", "range", "slack", "slacklo", "slackup", "infeas"]

    /// The memory the run may take: a label range that would pass it is refused (E4050).
    let memoryLimit: MemoryLimit

    public init(lines: [SourceLine], diagnostics: DiagnosticBag, memoryLimit: MemoryLimit = .standard) {
        self.lx = Lexer(lines: lines, diagnostics: diagnostics)
        self.bag = diagnostics
        self.memoryLimit = memoryLimit
    }

    /// Reports the parser's errors, leaving out those of a statement that already holds a
    /// lexical error (a stray character, an unclosed string) or a line the preprocessor found
    /// damaged (an unset `%name%`): what follows such a spot in the statement is a cascade.
    struct Reporter {
        let parser: Parser

        /// Whether errors are left out for the current statement.
        var isQuiet: Bool { parser.muted > 0 || parser.lx.hasTrouble(since: parser.statementStart) }

        func error(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, label: String = "",
                   notes: [String] = [], help: [String] = []) {
            if isQuiet { return }
            parser.bag.error(code, message, at: span, label: label, notes: notes, help: help)
        }

        func warning(_ code: DiagnosticCode, _ message: String, at span: SourceSpan, label: String = "",
                     notes: [String] = [], help: [String] = []) {
            parser.bag.warning(code, message, at: span, label: label, notes: notes, help: help)
        }
    }

    /// Where the parser's diagnostics go.
    var diagnostics: Reporter { Reporter(parser: self) }

    // MARK: - helpers

    func span(_ t: Token) -> SourceSpan { lx.span(t) }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of file"
        case .string: return "string '\(t.text)'"
        case .csvRow: return "delimited data line"
        case .number: return "number '\(t.text)'"
        default: return "'\(t.text)'"
        }
    }

    func fail(_ code: DiagnosticCode, _ message: String, at t: Token, label: String = "", help: [String] = []) -> ParseAbort {
        diagnostics.error(code, message, at: span(t), label: label, help: help)
        return ParseAbort()
    }

    func expectSymbol(_ s: String, _ context: String) throws -> Token {
        let t = lx.peek()
        guard t.isSymbol(s) else {
            throw fail(.E0010, "expected '\(s)' \(context), found \(describe(t))", at: t, label: "expected '\(s)'")
        }
        return lx.next()
    }

    func acceptSymbol(_ s: String) -> Bool {
        if lx.peek().isSymbol(s) { lx.next(); return true }
        return false
    }

    func expectName(_ context: String) throws -> Name {
        let t = lx.peek()
        guard t.kind == .word else {
            throw fail(.E0011, "expected a name \(context), found \(describe(t))", at: t, label: "expected a name")
        }
        lx.next()
        return Name(t.text, span(t))
    }

    /// A name being declared: like `expectName`, and a reserved word is reported (E1003) but
    /// taken, so that the declaration and the rest of the file are still read.
    func expectNewName(_ context: String) throws -> Name {
        let name = try expectName(context)
        newNames.append(name.key)
        if Parser.reservedWords.contains(name.key) {
            diagnostics.error(.E1003, "'\(name.text)' is a reserved word and cannot name a symbol", at: name.span)
            reservedNamesDeclared.insert(name.key)
        } else if Parser.shadowableNames.contains(name.key) {
            shadowedBuiltins.insert(name.key)
        }
        return name
    }

    /// Whether `t` is a reserved word this file declared as a symbol (built-in functions
    /// aside: their calls accept any arguments).
    func isDeclaredReservedName(_ t: Token) -> Bool {
        t.kind == .word && reservedNamesDeclared.contains(t.lower) && !Parser.functionNames.contains(t.lower)
    }

    /// Runs `body` without reporting; on failure puts the lexer back and returns nil.
    func speculate<T>(_ body: () throws -> T) -> T? {
        let line = lx.lineIndex, column = lx.column
        muted += 1
        defer { muted -= 1 }
        do {
            return try body()
        } catch {
            lx.seek(line: line, column: column)
            return nil
        }
    }

    func isStatementStart(_ t: Token) -> Bool {
        t.kind == .word && Parser.statementKeywords.contains(t.lower)
    }

    /// Statements given up after an error (their declarations and effects are missing).
    public private(set) var abandonedStatements = 0

    /// Skips to just after the next `;` (or to a statement keyword at a line start).
    func recover() {
        abandonedStatements += 1
        var first = true
        while true {
            let t = lx.peek()
            if t.kind == .eof { return }
            if t.isSymbol(";") { lx.next(); return }
            // stop before a keyword starting a line, but always make progress
            if !first, t.kind == .word, t.spaceBefore, t.column == 0, isStatementStart(t) { return }
            first = false
            lx.next()
        }
    }

    /// Ends a statement: `;`, or nothing before `)` closing a body / a keyword / end of file.
    func endStatement() throws {
        let t = lx.peek()
        if t.isSymbol(";") { lx.next(); return }
        if t.isSymbol(")") {
            if bodyDepth > 0 && !continuesAfterParen(t) { return }
            throw unbalancedParen(t)
        }
        if t.kind == .eof || isStatementStart(t) { return }
        throw fail(.E0012, "expected ';' to end the statement, found \(describe(t))", at: t, label: "expected ';'")
    }

    /// Reports `)` as having no matching `(`; recovery then skips the rest of the statement.
    func unbalancedParen(_ t: Token) -> ParseAbort {
        lastUnbalancedParen = t.position
        return fail(.E0013, "unbalanced ')'", at: t)
    }

    /// Whether the token after `)` shows that the `)` is a stray one inside an expression
    /// rather than the end of a body: an operator, a comma, a number or an opening bracket.
    func continuesAfterParen(_ close: Token) -> Bool {
        lx.next()
        let after = lx.peek()
        lx.seek(line: close.lineIndex, column: close.column)
        switch after.kind {
        case .number: return true
        case .symbol: return !after.isSymbol(";") && !after.isSymbol(")")
        default: return false
        }
    }

    // MARK: - program

    /// program = { statement } ;
    public func parseProgram() -> [Statement] {
        var out: [Statement] = []
        while lx.peek().kind != .eof {
            let t = lx.peek()
            if t.isSymbol(";") { lx.next(); continue }
            if t.isSymbol(")") {
                statementStart = t.position
                _ = unbalancedParen(t)
                recover()
                continue
            }
            let declaredBefore = newNames.count
            do {
                out.append(try parseStatement())
                // a statement holding a lexical error may have lost part of itself (a name or
                // data swallowed by an unclosed string, an unset `%name%`)
                if lx.hasTrouble(since: t.position) { noteWords(from: t.position, to: currentPosition) }
            } catch {
                let failure = lx.peek().position
                recover()
                noteAbandoned(t, failedAt: failure, declaredBefore: declaredBefore)
            }
        }
        return out
    }

    /// The names (lower case) that statements given up after a syntax error may have declared,
    /// defined or assigned: these are missing, so name resolution stays quiet about them.
    public private(set) var namesInAbandonedStatements: Set<String> = []
    /// The names read as new symbols so far (`expectNewName`), in order.
    var newNames: [String] = []

    var currentPosition: TokenPosition { TokenPosition(line: lx.lineIndex, column: lx.column) }

    /// Notes what the statement starting with `first` may have declared, defined or assigned
    /// before it was given up at `failure` (the lexer now after its end): the names it read as
    /// new ones, its first word (an assignment's target, a definition's equation) and every
    /// word from the failure on (what the rest would have declared or assigned); every word of
    /// a control statement (its body's targets).
    func noteAbandoned(_ first: Token, failedAt failure: TokenPosition, declaredBefore: Int) {
        if first.kind == .word, ["loop", "while", "for", "if", "repeat"].contains(first.lower) {
            noteWords(from: first.position, to: currentPosition)
            return
        }
        if first.kind == .word { namesInAbandonedStatements.insert(first.lower) }
        namesInAbandonedStatements.formUnion(newNames[declaredBefore...])
        // outside parentheses: the names a declaration list or a swallowed statement would have
        // declared or assigned, not the domains and indices they use
        noteWords(from: max(failure, first.position), to: currentPosition, outsideParentheses: true)
    }

    /// Collects the words from `start` to `end` (only those outside parentheses, if asked) into
    /// `namesInAbandonedStatements`.
    func noteWords(from start: TokenPosition, to end: TokenPosition, outsideParentheses: Bool = false) {
        var line = start.line
        var depth = 0
        while line <= end.line, line < lx.lines.count {
            let text = lx.lines[line].text
            var i = line == start.line ? start.column : 0
            let stop = line == end.line ? min(end.column, text.count) : text.count
            while i < stop {
                if text[i] == 40 { depth += 1 } else if text[i] == 41 { depth = max(0, depth - 1) }
                guard Lexer.isLetter(text[i]) else { i += 1; continue }
                let first = i
                while i < text.count, Lexer.isLetter(text[i]) || Lexer.isDigit(text[i]) || text[i] == 95 { i += 1 }
                if !outsideParentheses || depth == 0 {
                    namesInAbandonedStatements.insert(String(decoding: text[first..<i], as: UTF8.self).lowercased())
                }
            }
            line += 1
        }
    }

    /// statement = declaration | alias | modelStatement | equationDefinition | assignment
    ///           | solveStatement | displayStatement | optionStatement | controlStatement ;
    func parseStatement() throws -> Statement {
        let t = lx.peek()
        let outerStart = statementStart
        statementStart = t.position
        defer { statementStart = outerStart }
        if t.kind == .csvRow {
            throw fail(.E0014, "delimited data outside a '/ ... /' data list or table", at: t)
        }
        if t.isSymbol("$") { return try parseCompileTimeGDX() }
        guard t.kind == .word else {
            throw fail(.E0015, "expected a statement, found \(describe(t))", at: t, label: "a statement starts with a keyword or a name")
        }
        let start = span(t)
        if isDeclaredReservedName(t), isStatementStart(t), let statement = speculate({ try parseAssignmentOrDefinition() }) {
            return statement
        }
        switch t.lower {
        case "set", "sets", "singleton":
            lx.next()
            if t.lower == "singleton" { _ = lx.peek().isWord("set") || lx.peek().isWord("sets") ? lx.next() : t }
            return try parseDeclarations(.set, nil, start)
        case "parameter", "parameters": lx.next(); return try parseDeclarations(.parameter, nil, start)
        case "scalar", "scalars": lx.next(); return try parseDeclarations(.scalar, nil, start)
        case "table", "tables": lx.next(); return try parseTableDeclaration(start)
        case "variable", "variables": lx.next(); return try parseDeclarations(.variable, nil, start)
        case "free", "positive", "nonnegative", "negative", "binary", "integer":
            lx.next()
            let nt = lx.peek()
            guard nt.isWord("variable") || nt.isWord("variables") else {
                throw fail(.E0016, "expected 'variable' after '\(t.text)'", at: nt)
            }
            lx.next()
            // `nonnegative` is GAMS's other spelling of `positive`
            return try parseDeclarations(.variable, VariableType(rawValue: t.lower) ?? .positive, start)
        case "equation", "equations": lx.next(); return try parseDeclarations(.equation, nil, start)
        case "alias": lx.next(); return try parseAlias(start)
        case "model", "models": lx.next(); return try parseModelStatement(start)
        case "solve": lx.next(); return try parseSolveStatement(start)
        case "display": lx.next(); return try parseDisplayStatement(start)
        case "option", "options": lx.next(); return try parseOptionStatement(start)
        case "loop": lx.next(); return try parseLoopStatement(start)
        case "while": lx.next(); return try parseWhileStatement(start)
        case "repeat": lx.next(); return try parseRepeatStatement(start)
        case "for": lx.next(); return try parseForStatement(start)
        case "if": lx.next(); return try parseIfStatement(start)
        case "break", "continue":
            lx.next()
            var cond: Expr? = nil
            if acceptSymbol("$") { cond = try parseDollarOperand() }
            try endStatement()
            return t.lower == "break" ? .breakStatement(cond, start) : .continueStatement(cond, start)
        case "abort": lx.next(); return try parseAbortStatement(start)
        case "else", "elseif", "until":
            throw fail(.E0017, "'\(t.text)' outside of its statement", at: t)
        case "file", "files": lx.next(); return try parseFileStatement(start)
        case "put", "putclose": lx.next(); return try parsePutStatement(start, closes: t.lower == "putclose")
        case "execute_unload", "execute_unloaddi", "execute_load", "execute_loadpoint":
            lx.next()
            return try parseGDXTransfer(t, start)
        case "execute":
            lx.next()
            return try parseExecuteStatement(start)
        case "execute_loadhandle":
            // `execute_loadHandle m;`: GAMS's form names the model, whose `m.handle` says which solve
            lx.next()
            let model = try expectName("of the model whose handle to load")
            try endStatement()
            return .loadHandle(model, start)
        case "acronym", "acronyms":
            lx.next()
            var names: [Name] = []
            repeat {
                let n = try expectNewName("to declare as an acronym")
                acronymNames.insert(n.key)
                names.append(n)
            } while acceptSymbol(",") || (lx.peek().kind == .word && !isStatementStart(lx.peek()))
            try endStatement()
            return .acronym(names, start)
        case "sos1", "sos2", "semicont", "semiint":
            throw fail(.E0018, "'\(t.text)' statements are not supported by enm", at: t, label: "not supported")
        default:
            return try parseAssignmentOrDefinition()
        }
    }

    // MARK: - declarations

    /// declaration = declKeyword declItem { [","] declItem } ;
    func parseDeclarations(_ kind: DeclarationKind, _ vtype: VariableType?, _ start: SourceSpan) throws -> Statement {
        var decls: [Declaration] = []
        var afterComma: Token? = nil
        while true {
            let t = lx.peek()
            // a keyword ends the list (a missing ';'), unless a name must come: first, or after
            // a comma on the same line; it is then a reserved word used as a name
            let nameExpected = decls.isEmpty || (afterComma.map { lx.span($0).line == lx.span(t).line
                && lx.span($0).file === lx.span(t).file } ?? false)
            if t.kind != .word || (isStatementStart(t) && !nameExpected) {
                if decls.isEmpty {
                    throw fail(.E0011, "expected a name to declare, found \(describe(t))", at: t, label: "expected a name")
                }
                break
            }
            decls.append(try parseDeclItem(kind))
            afterComma = nil
            if lx.peek().isSymbol(",") { afterComma = lx.next(); continue }
            let n = lx.peek()
            if n.kind == .word && !isStatementStart(n) { continue }
            break
        }
        try endStatement()
        return .declare(kind, vtype, decls, start)
    }

    /// declItem = name [ "(" domainList ")" ] [ text ] [ "/" dataList "/" ] ;
    func parseDeclItem(_ kind: DeclarationKind) throws -> Declaration {
        let redefinition = redefinitionMode(at: lx.peek())
        let name = try expectNewName("to declare")
        var domain: [Name]? = nil
        if lx.peek().isSymbol("(") {
            lx.next()
            domain = try parseDomainList()
        }
        if lx.peek().isSymbol(")") { throw unbalancedParen(lx.peek()) }
        let text = parseText(after: name)
        var data: DataBlock? = nil
        if lx.peek().isSymbol("/") {
            data = try parseDataList(kind: kind, dimension: domain?.count, headerNames: [name.text] + (domain ?? []).map(\.text))
        }
        return Declaration(name: name, domain: domain, text: text, data: data, span: name.span, redefinition: redefinition)
    }

    /// The `$onMulti` mode in force on the line of token `t`.
    func redefinitionMode(at t: Token) -> DataRedefinition {
        t.lineIndex < lx.lines.count ? lx.lines[t.lineIndex].redefinition : .refused
    }

    /// domainList = domainName { "," domainName } ;
    func parseDomainList() throws -> [Name] {
        var out: [Name] = []
        while true {
            let t = lx.peek()
            if t.isSymbol("*") {
                lx.next()
                out.append(Name("*", span(t)))
            } else {
                out.append(try expectName("in the domain list"))
            }
            if acceptSymbol(",") { continue }
            _ = try expectSymbol(")", "to close the domain list")
            return out
        }
    }

    /// text = quotedString | unquotedText ;  (unquoted text runs to `/`, `,`, `;` or the line end)
    func parseText(after name: Name) -> String {
        let t = lx.peek()
        if t.kind == .string {
            lx.next()
            return t.text
        }
        let line = t.lineIndex
        guard t.kind != .eof, t.kind != .csvRow, !t.isSymbol("/"), !t.isSymbol(","), !t.isSymbol(";"),
              line < lx.lines.count, lx.span(t).line == name.span.line, lx.span(t).file === name.span.file else { return "" }
        if t.kind == .word && isStatementStart(t) && t.column == 0 { return "" }
        return lx.rawText(from: t, stops: [47, 44, 59])
    }

    /// alias = "alias" "(" name { "," name } ")" { "," "(" ... ")" } ;
    func parseAlias(_ start: SourceSpan) throws -> Statement {
        var groups: [[Name]] = []
        repeat {
            _ = try expectSymbol("(", "after 'alias'")
            var names: [Name] = []
            names.append(try expectName("in alias"))
            while acceptSymbol(",") { names.append(try expectNewName("in alias")) }
            _ = try expectSymbol(")", "to close the alias list")
            if names.count < 2 {
                diagnostics.error(.E0019, "an alias needs at least two names", at: names[0].span)
            }
            groups.append(names)
        } while acceptSymbol(",")
        try endStatement()
        return .alias(groups, start)
    }

    /// modelStatement = "model" modelItem { [","] modelItem } ;
    /// modelItem = name [ text ] "/" [ modelTerm { ( "," | "+" | "-" | lineBreak ) modelTerm } ] "/" ;
    /// modelTerm = "all" | name [ "." name ] ;  (a term after "-" is removed; terms apply left to
    /// right; `equation.variable` pairs them in a complementarity problem)
    func parseModelStatement(_ start: SourceSpan) throws -> Statement {
        var models: [ModelDeclaration] = []
        repeat {
            let name = try expectNewName("for the model")
            let text = parseText(after: name)
            _ = try expectSymbol("/", "to start the model's equation list")
            var terms: [ModelDeclaration.Term] = []
            var removes = false
            while !lx.peek().isSymbol("/") {
                if !terms.isEmpty {
                    // as in data lists, a line break separates terms as a comma does
                    let t = lx.peek()
                    if t.isSymbol(",") || t.isSymbol("+") || t.isSymbol("-") {
                        removes = t.isSymbol("-")
                        lx.next()
                    } else if !(t.kind == .word && lx.span(t).line != terms.last!.name.span.line) {
                        throw fail(.E0010, "expected ',', '+', '-' or '/' in the model's equation list, found \(describe(t))",
                                   at: t, label: "expected '/'")
                    }
                }
                var term = ModelDeclaration.Term(name: try expectName("in the model's equation list"), removes: removes)
                if lx.peek().isSymbol("."), !lx.peek().spaceBefore {
                    lx.next()
                    term.pairedVariable = try expectName("after '.' to pair a variable with the equation")
                }
                terms.append(term)
                removes = false
            }
            _ = try expectSymbol("/", "to end the model's equation list")
            models.append(ModelDeclaration(name: name, text: text, terms: terms))
            if acceptSymbol(",") { continue }
        } while lx.peek().kind == .word && !isStatementStart(lx.peek())
        try endStatement()
        return .model(models, start)
    }

    /// solveStatement = "solve" name ( using type sense name | sense name using type ) ;  using = "using" | "use" ;
    func parseSolveStatement(_ start: SourceSpan) throws -> Statement {
        let model = try expectName("to solve")
        var type: Name? = nil
        var maximize: Bool? = nil
        var objective: Name? = nil
        for _ in 0..<2 {
            let t = lx.peek()
            if t.isWord("using") || t.isWord("use") {
                lx.next()
                type = try expectName("after 'using'")
            } else if ["minimizing", "maximizing", "min", "max", "minimize", "maximize"].contains(t.lower) && t.kind == .word {
                lx.next()
                maximize = t.lower.hasPrefix("max")
                objective = try expectName("as the objective variable")
            }
        }
        guard let ty = type else {
            throw fail(.E0020, "solve needs 'using <model type>'", at: lx.peek(), label: "expected 'using lp', 'using mip', ...")
        }
        try endStatement()
        return .solve(SolveStatement(model: model, type: ty, maximize: maximize ?? false, objective: objective,
                                     span: start.through(model.span)))
    }

    /// compileTimeGDX = "$gdxIn" fileName | loadOption { name [ "=" name ] [ "," ] } ;  (on one line;
    /// the preprocessor passes these dollar lines on, the compiler loads the data)
    func parseCompileTimeGDX() throws -> Statement {
        let dollar = lx.next()
        let w = lx.peek()
        guard w.kind == .word, w.lineIndex == dollar.lineIndex, let kind = CompileTimeGDX.Kind.allCases.first(where: { $0.rawValue.dropFirst().lowercased() == w.lower }) else {
            throw fail(.E0015, "expected a statement, found '$'", at: dollar, label: "a statement starts with a keyword or a name")
        }
        lx.next()
        let at = span(dollar).through(span(w))
        if kind == .gdxIn || kind == .gdxOut {
            let f = lx.peek()
            // `$gdxIn` (`$gdxOut`) alone closes the file
            guard f.kind != .eof, f.lineIndex == w.lineIndex, !f.isSymbol(";") else {
                return .compileTimeGDX(CompileTimeGDX(kind: kind, file: "", items: [], span: at))
            }
            let raw = lx.rawText(from: f, stops: [59])
            if lx.peek().isSymbol(";") && lx.peek().lineIndex == w.lineIndex { lx.next() }
            let file = raw.count >= 2 && (raw.hasPrefix("'") || raw.hasPrefix("\"")) ? String(raw.dropFirst().dropLast()) : raw
            return .compileTimeGDX(CompileTimeGDX(kind: kind, file: file, items: [], span: at))
        }
        var items: [CompileTimeGDX.Item] = []
        while lx.peek().lineIndex == w.lineIndex, lx.peek().kind == .word {
            let n = try expectName("to load")
            var source: String? = nil
            if lx.peek().isSymbol("=") {
                lx.next()
                source = try expectName("as the file's symbol").text
            }
            items.append(.init(name: n, source: source))
            _ = acceptSymbol(",")
        }
        if lx.peek().isSymbol(";") && lx.peek().lineIndex == w.lineIndex { lx.next() }
        return .compileTimeGDX(CompileTimeGDX(kind: kind, file: "", items: items, span: at))
    }

    /// executeStatement = "execute" [ "." "checkErrorLevel" ] quotedString ;
    func parseExecuteStatement(_ start: SourceSpan) throws -> Statement {
        var check = false
        if lx.peek().isSymbol("."), !lx.peek().spaceBefore {
            lx.next()
            let suffix = try expectName("after 'execute.'")
            guard suffix.key == "checkerrorlevel" else {
                throw fail(.E0010, "expected 'checkErrorLevel' after 'execute.', found '\(suffix.text)'", at: lx.peek())
            }
            check = true
        }
        let c = lx.peek()
        guard c.kind == .string else {
            throw fail(.E0011, "expected the command in quotes after 'execute', found \(describe(c))", at: c,
                       label: "expected a quoted command")
        }
        lx.next()
        try endStatement()
        return .execute(command: c.text, checkErrorLevel: check, start)
    }

    /// gdxTransfer = ( "execute_unload" | "execute_load" | "execute_loadpoint" ) fileName [ "," ]
    ///               [ item { [ "," ] item } ] ;  item = name [ "=" name ] ;  (renames in loads only)
    func parseGDXTransfer(_ keyword: Token, _ start: SourceSpan) throws -> Statement {
        let f = lx.peek()
        guard f.kind == .string || f.kind == .word else {
            throw fail(.E0011, "expected the GDX file's name after '\(keyword.text)', found \(describe(f))", at: f,
                       label: "expected a file name", help: ["write the name in quotes: \(keyword.text) 'results.gdx' x, y;"])
        }
        lx.next()
        let kind: GDXTransfer.Kind = keyword.lower.hasPrefix("execute_unload") ? .unload
            : keyword.lower == "execute_loadpoint" ? .loadPoint : .load
        var names: [Name] = []
        var sources: [String?] = []
        _ = acceptSymbol(",")
        while lx.peek().kind == .word, !isStatementStart(lx.peek()) {
            names.append(try expectName("to transfer"))
            var source: String? = nil
            if lx.peek().isSymbol("=") {
                guard kind != .unload else {
                    throw fail(.E0010, "renaming a symbol in '\(keyword.text)' is not supported", at: lx.peek(), label: "not supported")
                }
                lx.next()
                source = try expectName("as the file's symbol").text
            }
            sources.append(source)
            _ = acceptSymbol(",")
        }
        try endStatement()
        return .gdxTransfer(GDXTransfer(kind: kind, file: f.text, fileSpan: span(f), names: names, sources: sources, span: start))
    }

    /// displayStatement = "display" [ "$" operand ] displayItem { "," displayItem } ;
    /// `display$c items;` is GAMS's conditional display: the same as `if(c, display items;);`.
    func parseDisplayStatement(_ start: SourceSpan) throws -> Statement {
        var cond: Expr? = nil
        if acceptSymbol("$") { cond = try parseDollarOperand() }
        var args: [DisplayArg] = []
        repeat {
            args.append(try parseDisplayItem())
        } while acceptSymbol(",")
        try endStatement()
        guard let c = cond else { return .display(args, start) }
        return .ifStatement([(c, [.display(args, start)])], nil, start)
    }

    func parseDisplayItem() throws -> DisplayArg {
        let t = lx.peek()
        if t.kind == .string {
            lx.next()
            return .text(t.text, span(t))
        }
        guard t.kind == .word else {
            throw fail(.E0021, "expected a symbol or a quoted text to display, found \(describe(t))", at: t)
        }
        return .ref(try parseReference())
    }

    /// optionStatement = "option" optionItem { "," optionItem } ;
    func parseOptionStatement(_ start: SourceSpan) throws -> Statement {
        var items: [OptionSetting] = []
        repeat {
            let name = try expectName("in the option statement")
            if lx.peek().isSymbol(":") {
                // per-symbol display layout `option x:d:r:c;`: the decimals are used, the
                // row/column split is not
                var numbers: [Double] = []
                while acceptSymbol(":") {
                    let v = lx.next()
                    guard v.kind == .number else {
                        throw fail(.E0022, "expected a number after ':' in option '\(name.text)'", at: v)
                    }
                    numbers.append(v.value)
                }
                if numbers.count > 1 {
                    diagnostics.warning(.W0001, "the row/column layout in option '\(name.text)' is ignored (its decimals are used)",
                                        at: name.span)
                }
                items.append(OptionSetting(name: name, number: numbers[0], word: nil, span: name.span, isSymbolDecimals: true))
                continue
            }
            _ = try expectSymbol("=", "after the option name")
            var sign = 1.0
            if acceptSymbol("-") { sign = -1 }
            let v = lx.next()
            switch v.kind {
            case .number:
                items.append(OptionSetting(name: name, number: sign * v.value, word: nil, span: name.span))
            case .word:
                items.append(OptionSetting(name: name, number: nil, word: v.text, span: name.span))
            default:
                throw fail(.E0022, "expected a number or a word as the value of option '\(name.text)'", at: v)
            }
        } while acceptSymbol(",")
        try endStatement()
        return .option(items, start)
    }

    /// body = { statement } ;  (statements up to the closing ")" or a stop word)
    func parseBody(stopWords: Set<String> = []) throws -> [Statement] {
        try enterNesting(at: lx.peek())
        bodyDepth += 1
        defer { bodyDepth -= 1; leaveNesting() }
        var out: [Statement] = []
        while true {
            let t = lx.peek()
            if t.isSymbol(")") || t.kind == .eof { return out }
            if t.kind == .word && stopWords.contains(t.lower) { return out }
            if t.isSymbol(";") { lx.next(); continue }
            do {
                out.append(try parseStatement())
            } catch {
                let failure = lx.peek().position
                defer { noteAbandoned(t, failedAt: failure, declaredBefore: newNames.count) }
                // skip to the end of the broken statement, staying inside the body
                if let stray = lastUnbalancedParen, lx.peek().position == stray { lx.next() }
                var depth = 0
                while true {
                    let u = lx.peek()
                    if u.kind == .eof { return out }
                    if u.isSymbol("(") { depth += 1 }
                    if u.isSymbol(")") { if depth == 0 { return out }; depth -= 1 }
                    if u.isSymbol(";") && depth == 0 { lx.next(); break }
                    lx.next()
                }
            }
        }
    }

    /// loopStatement = "loop" "(" indexDomain "," body ")" ;
    func parseLoopStatement(_ start: SourceSpan) throws -> Statement {
        let open = try expectSymbol("(", "after 'loop'")
        let dom = try parseIndexDomain()
        _ = try expectSymbol(",", "after the loop's index domain")
        let body = try parseBody()
        try closeParen(open, "loop")
        try endStatement()
        return .loop(dom, body, start)
    }

    func closeParen(_ open: Token, _ what: String) throws {
        let t = lx.peek()
        guard t.isSymbol(")") else {
            diagnostics.error(.E0023, "'\(what)' is not closed", at: span(open), label: "this '(' has no matching ')'")
            throw ParseAbort()
        }
        lx.next()
    }

    /// whileStatement = "while" "(" expression "," body ")" ;
    func parseWhileStatement(_ start: SourceSpan) throws -> Statement {
        let open = try expectSymbol("(", "after 'while'")
        let cond = try parseExpression()
        _ = try expectSymbol(",", "after the while condition")
        let body = try parseBody()
        try closeParen(open, "while")
        try endStatement()
        return .whileLoop(cond, body, start)
    }

    /// repeatStatement = "repeat" ( "(" body "until" expression ")" | body "until" expression ) ;
    /// (GAMS reads both; its collect loops of asynchronous solves use the second.)
    func parseRepeatStatement(_ start: SourceSpan) throws -> Statement {
        let open: Token? = lx.peek().isSymbol("(") ? lx.next() : nil
        let body = try parseBody(stopWords: ["until"])
        guard lx.peek().isWord("until") else {
            throw fail(.E0024, "expected 'until' in repeat", at: lx.peek())
        }
        lx.next()
        let cond = try parseExpression()
        if let open { try closeParen(open, "repeat") }
        try endStatement()
        return .repeatLoop(body, cond, start)
    }

    /// forStatement = "for" "(" reference "=" expression ("to"|"downto") expression ["by" expression] "," body ")" ;
    func parseForStatement(_ start: SourceSpan) throws -> Statement {
        let open = try expectSymbol("(", "after 'for'")
        let v = try parseReference()
        _ = try expectSymbol("=", "after the for variable")
        let from = try parseExpression()
        let dir = lx.peek()
        guard dir.isWord("to") || dir.isWord("downto") else {
            throw fail(.E0025, "expected 'to' or 'downto' in for", at: dir)
        }
        lx.next()
        let to = try parseExpression()
        var by: Expr? = nil
        if lx.peek().isWord("by") {
            lx.next()
            by = try parseExpression()
        }
        _ = try expectSymbol(",", "after the for range")
        let body = try parseBody()
        try closeParen(open, "for")
        try endStatement()
        return .forLoop(v, from, to, by, dir.isWord("downto"), body, start)
    }

    /// ifStatement = "if" "(" expression "," body { "elseif" expression "," body } [ "else" body ] ")" ;
    func parseIfStatement(_ start: SourceSpan) throws -> Statement {
        let open = try expectSymbol("(", "after 'if'")
        var branches: [(Expr, [Statement])] = []
        var elseBody: [Statement]? = nil
        let cond = try parseExpression()
        _ = try expectSymbol(",", "after the if condition")
        branches.append((cond, try parseBody(stopWords: ["else", "elseif"])))
        while true {
            let t = lx.peek()
            if t.isWord("elseif") {
                lx.next()
                let c = try parseExpression()
                _ = try expectSymbol(",", "after the elseif condition")
                branches.append((c, try parseBody(stopWords: ["else", "elseif"])))
            } else if t.isWord("else") {
                lx.next()
                elseBody = try parseBody(stopWords: ["else", "elseif"])
            } else {
                break
            }
        }
        try closeParen(open, "if")
        try endStatement()
        return .ifStatement(branches, elseBody, start)
    }

    /// abortStatement = "abort" [ "$" operand ] [ displayItem { "," displayItem } ] ;
    func parseAbortStatement(_ start: SourceSpan) throws -> Statement {
        var cond: Expr? = nil
        if acceptSymbol("$") { cond = try parseDollarOperand() }
        var items: [DisplayArg] = []
        let t = lx.peek()
        if t.kind == .string || (t.kind == .word && !isStatementStart(t)) {
            repeat { items.append(try parseDisplayItem()) } while acceptSymbol(",")
        }
        try endStatement()
        return .abort(cond, items, start)
    }

    /// assignment = reference [ "$" operand ] "=" expression ;
    /// equationDefinition = name [ "(" indexArgs ")" ] [ "$" operand ] ".." expression relation expression ;
    func parseAssignmentOrDefinition() throws -> Statement {
        let first = lx.peek()
        var found: [IndexDomain.Item]? = []
        let ref = try parseReference(qualifiers: &found)
        let qualifiers = found ?? []
        var cond: Expr? = nil
        if acceptSymbol("$") { cond = try parseDollarOperand() }
        let t = lx.peek()
        if t.isSymbol("..") {
            lx.next()
            if ref.attribute != nil {
                throw fail(.E0026, "an equation definition cannot name an attribute", at: first)
            }
            let lhs = try parseExpression()
            let r = lx.peek()
            guard r.kind == .symbol, let rel = Relation(rawValue: r.text) else {
                if r.kind == .symbol, ["=x=", "=c=", "=b=", "=<=", "=>="].contains(r.text) {
                    let hint = r.text == "=<=" ? ["did you mean '=l='?"] : (r.text == "=>=" ? ["did you mean '=g='?"] : [])
                    throw fail(.E0027, "relation '\(r.text)' is not supported", at: r, help: hint)
                }
                throw fail(.E0028, "expected =e=, =l=, =g= or =n= in the definition of '\(ref.name.text)', found \(describe(r))",
                           at: r, label: "expected a relation")
            }
            lx.next()
            let rhs = try parseExpression()
            try endStatement()
            return .equationDefinition(EquationDefinition(name: ref.name, indices: ref.args ?? [], condition: cond,
                                                          lhs: lhs, relation: rel, rhs: rhs, span: ref.name.span,
                                                          qualifiers: qualifiers))
        }
        if t.isSymbol("=") {
            lx.next()
            let value = try parseExpression()
            try endStatement()
            return .assignment(Assignment(target: ref, condition: cond, value: value, span: ref.span, qualifiers: qualifiers))
        }
        if t.isSymbol(")") { throw unbalancedParen(t) }
        if t.kind == .symbol, t.text.count == 3, t.text.hasPrefix("=") {
            throw fail(.E0029, "'\(t.text)' outside an equation definition; did you forget '..' after the equation name?", at: t)
        }
        throw fail(.E0030, "expected '=' or '..' after '\(ref.name.text)', found \(describe(t))", at: t,
                   label: "expected '=' or '..'")
    }
}
