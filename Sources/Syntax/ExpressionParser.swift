import Diagnostics
import IR

extension Parser {
    /// Built-in functions (called with parentheses): the callable rows of the function table, the
    /// set functions name resolution handles itself, and the handle functions of asynchronous
    /// solves (Semantics/SolveHandleFunctions.swift).
    public static let functionNames: Set<String> =
        Set(BuiltinFunction.table.filter(\.isCallable).map(\.name)).union(["ord", "card", "sameas"])
            .union(["handlecollect", "handlestatus", "handledelete", "handlesubmit", "readycollect", "sleep"])

    /// expression = orExpr ;  orExpr = xorExpr { ("or") xorExpr } ;
    func parseExpression() throws -> Expr {
        let first = try parseXor()
        var links: [ChainLink<Expr>] = []
        while lx.peek().isWord("or") {
            let t = lx.next()
            links.append(ChainLink(.or, try parseXor(), span(t)))
        }
        return .joining(first, links)
    }

    /// xorExpr = andExpr { ("xor" | "eqv" | "imp") andExpr } ;
    func parseXor() throws -> Expr {
        let first = try parseAnd()
        var links: [ChainLink<Expr>] = []
        while lx.peek().kind == .word, ["xor", "eqv", "imp"].contains(lx.peek().lower) {
            let t = lx.next()
            links.append(ChainLink(BinaryOp(rawValue: t.lower) ?? .xor, try parseAnd(), span(t)))
        }
        return .joining(first, links)
    }

    /// andExpr = notExpr { "and" notExpr } ;
    func parseAnd() throws -> Expr {
        let first = try parseNot()
        var links: [ChainLink<Expr>] = []
        while lx.peek().isWord("and") {
            let t = lx.next()
            links.append(ChainLink(.and, try parseNot(), span(t)))
        }
        return .joining(first, links)
    }

    /// notExpr = "not" notExpr | relation ;
    func parseNot() throws -> Expr {
        if lx.peek().isWord("not") {
            let t = lx.next()
            try enterNesting(at: t)
            defer { leaveNesting() }
            return .unary(.not, try parseNot(), span(t))
        }
        return try parseRelational()
    }

    static let relationalOps: [String: BinaryOp] = [
        "<": .lt, "<=": .le, "=": .eq, "==": .eq, "<>": .ne, ">=": .ge, ">": .gt,
        "lt": .lt, "le": .le, "eq": .eq, "ne": .ne, "ge": .ge, "gt": .gt,
    ]

    /// relation = additive [ relOp additive ] ;
    func parseRelational() throws -> Expr {
        let lhs = try parseAdditive()
        let t = lx.peek()
        if (t.kind == .symbol || t.kind == .word), let op = Parser.relationalOps[t.lower] {
            lx.next()
            let rhs = try parseAdditive()
            return .binary(op, lhs, rhs, span(t))
        }
        return lhs
    }

    /// additive = multiplicative { ("+" | "-") multiplicative } ;
    func parseAdditive() throws -> Expr {
        let first = try parseMultiplicative()
        var links: [ChainLink<Expr>] = []
        while true {
            let t = lx.peek()
            if t.isSymbol("+") || t.isSymbol("-") {
                lx.next()
                links.append(ChainLink(t.text == "+" ? .add : .sub, try parseMultiplicative(), span(t)))
            } else if t.isSymbol("--") || t.isSymbol("++") {
                // `a--b` is `a - (-b)` outside index positions
                lx.next()
                let rhs = try parseMultiplicative()
                links.append(ChainLink(t.text == "++" ? .add : .sub, .unary(t.text == "++" ? .plus : .minus, rhs, span(t)), span(t)))
            } else {
                return .joining(first, links)
            }
        }
    }

    /// multiplicative = unary { ("*" | "/") unary } ;
    func parseMultiplicative() throws -> Expr {
        let first = try parseUnary()
        var links: [ChainLink<Expr>] = []
        while true {
            let t = lx.peek()
            guard t.isSymbol("*") || t.isSymbol("/") else { return .joining(first, links) }
            lx.next()
            links.append(ChainLink(t.text == "*" ? .mul : .div, try parseUnary(), span(t)))
        }
    }

    /// unary = ("-" | "+") unary | conditional ;
    func parseUnary() throws -> Expr {
        let t = lx.peek()
        if t.isSymbol("-") || t.isSymbol("+") {
            lx.next()
            try enterNesting(at: t)
            defer { leaveNesting() }
            let e = try parseUnary()
            if t.text == "-", case .number(let v, let s) = e, v != 0 { return .number(-v, span(t).through(s)) }
            return .unary(t.text == "-" ? .minus : .plus, e, span(t))
        }
        return try parseConditional()
    }

    /// conditional = power { "$" operand } ;
    func parseConditional() throws -> Expr {
        var e = try parsePower()
        // each further `$` nests the condition so far inside another, and counts as a level
        var levels = 0
        defer { for _ in 0..<levels { leaveNesting() } }
        while lx.peek().isSymbol("$") {
            let t = lx.next()
            if case .dollar = e {
                try enterNesting(at: t)
                levels += 1
            }
            let c = try parseDollarOperand()
            e = .dollar(e, c, span(t))
        }
        return e
    }

    /// operand = [ "not" ] primary ;  (the right side of `$`)
    func parseDollarOperand() throws -> Expr {
        if lx.peek().isWord("not") {
            let t = lx.next()
            try enterNesting(at: t)
            defer { leaveNesting() }
            return .unary(.not, try parseDollarOperand(), span(t))
        }
        return try parsePrimary()
    }

    /// power = primary { "**" [ "-" ] primary } ;
    func parsePower() throws -> Expr {
        let first = try parsePrimary()
        var links: [ChainLink<Expr>] = []
        while lx.peek().isSymbol("**") {
            let t = lx.next()
            var rhs: Expr
            if lx.peek().isSymbol("-") {
                let m = lx.next()
                rhs = .unary(.minus, try parsePrimary(), span(m))
                if case .unary(_, .number(let v, let s), _) = rhs { rhs = .number(-v, s) }
            } else {
                rhs = try parsePrimary()
            }
            links.append(ChainLink(.pow, rhs, span(t)))
        }
        return .joining(first, links)
    }

    /// primary = number | string | "(" expression ")" | reduction | call | reference ;
    func parsePrimary() throws -> Expr {
        let t = lx.peek()
        switch t.kind {
        case .number:
            lx.next()
            checkNumberRange(t)
            return .number(t.value, span(t))
        case .string:
            lx.next()
            return .string(t.text, span(t))
        case .symbol where t.text == "(" || t.text == "[" || t.text == "{":
            lx.next()
            try enterNesting(at: t)
            defer { leaveNesting() }
            let e = try parseExpression()
            _ = try expectSymbol(t.text == "(" ? ")" : (t.text == "[" ? "]" : "}"), "to close the parenthesis")
            return e
        case .word:
            let w = t.lower
            // a reserved word the file declared as a symbol (already reported) reads as one
            if isDeclaredReservedName(t) || shadowedBuiltins.contains(w), let r = speculate({ try parseReference() }) {
                return .ref(r)
            }
            switch w {
            case "inf": lx.next(); return .number(.infinity, span(t))
            case "eps": lx.next(); return .number(-0.0, span(t))
            case "na": lx.next(); return .call(Name("na", span(t)), [], span(t))
            case "undf": lx.next(); return .call(Name("undf", span(t)), [], span(t))
            case "yes": lx.next(); return .number(1, span(t))
            case "no": lx.next(); return .number(0, span(t))
            case "pi": lx.next(); return .number(Double.pi, span(t))
            default: break
            }
            if isStatementStart(t) && !["free"].contains(w) {
                throw fail(.E0031, "expected an expression, found keyword '\(t.text)'", at: t, label: "expected an expression")
            }
            if ["sum", "prod", "smin", "smax"].contains(w) {
                lx.next()
                let open = lx.peek()
                if open.isSymbol("(") || open.isSymbol("{") || open.isSymbol("[") {
                    lx.next()
                    try enterNesting(at: t)
                    defer { leaveNesting() }
                    let dom = try parseIndexDomain()
                    _ = try expectSymbol(",", "after the index domain of '\(t.text)'")
                    let body = try parseExpression()
                    _ = try expectSymbol(open.text == "(" ? ")" : (open.text == "{" ? "}" : "]"), "to close '\(t.text)'")
                    return .reduce(ReduceOp(rawValue: w) ?? .sum, dom, body, span(t))
                }
                throw fail(.E0032, "expected '(' after '\(t.text)'", at: open)
            }
            if Parser.functionNames.contains(w) {
                let save = lx.next()
                if lx.peek().isSymbol("(") { return try parseCallArguments(save) }
                throw fail(.E0033, "function '\(t.text)' needs arguments in parentheses", at: lx.peek())
            }
            if let r = speculate({ try parseReference() }) { return .ref(r) }
            // `name(expression, ...)` that is no reference: a call of an unknown function,
            // reported by name resolution (with a suggestion) instead of as a syntax error
            if let call = speculate({ try parseCallOfUnknownFunction() }) { return call }
            return .ref(try parseReference())
        case .eof:
            throw fail(.E0034, "expected an expression, found end of file", at: t)
        default:
            throw fail(.E0031, "expected an expression, found \(describe(t))", at: t, label: "expected an expression")
        }
    }

    /// `name ( expression { , expression } )` for a name that is not a built-in function.
    func parseCallOfUnknownFunction() throws -> Expr {
        let t = lx.next()
        guard t.kind == .word, lx.peek().isSymbol("(") else { throw fail(.E0031, "expected a call", at: t) }
        return try parseCallArguments(t)
    }

    /// call = name "(" [ expression { "," expression } ] ")" ;  (the name `t` already read)
    func parseCallArguments(_ t: Token) throws -> Expr {
        lx.next()
        try enterNesting(at: t)
        defer { leaveNesting() }
        var args: [Expr] = []
        if !lx.peek().isSymbol(")") {
            repeat { args.append(try parseExpression()) } while acceptSymbol(",")
        }
        let close = try expectSymbol(")", "to close the arguments of '\(t.text)'")
        return .call(Name(t.text, span(t)), args, span(t).through(span(close)))
    }

    /// reference = name [ "." attribute ] [ "(" indexArg { "," indexArg } ")" ] ;
    /// With `qualifiers` (the target of an assignment or equation definition), an argument may
    /// also be a set-qualified subscript `name "(" indexArg { "," indexArg } ")"`: its indices
    /// take its place in the list and the item is appended to `qualifiers`.
    func parseReference() throws -> Reference {
        var plain: [IndexDomain.Item]? = nil
        return try parseReference(qualifiers: &plain)
    }

    func parseReference(qualifiers: inout [IndexDomain.Item]?) throws -> Reference {
        let n = try expectName("as a symbol reference")
        var attribute: Name? = nil
        var end = n.span
        let d = lx.peek()
        if d.isSymbol("."), !d.spaceBefore {
            lx.next()
            let a = lx.peek()
            guard a.kind == .word else {
                throw fail(.E0035, "expected an attribute after '.', found \(describe(a))", at: a)
            }
            lx.next()
            attribute = Name(a.text, span(a))
            end = span(a)
        }
        var args: [IndexArg]? = nil
        let p = lx.peek()
        if p.isSymbol("(") || p.isSymbol("[") {
            lx.next()
            var list: [IndexArg] = []
            repeat {
                if qualifiers != nil, let item = try parseQualifiedSubscript() {
                    list.append(contentsOf: item.args ?? [])
                    qualifiers?.append(item)
                } else {
                    list.append(try parseIndexArg())
                }
            } while acceptSymbol(",")
            end = span(try expectSymbol(p.text == "(" ? ")" : "]", "to close the index list of '\(n.text)'"))
            args = list
        }
        return Reference(name: n, attribute: attribute, args: args, span: n.span.through(end))
    }

    /// A set-qualified subscript `sub(p)`, `arc(n,m)`; nil (nothing read) when the next
    /// tokens are no name followed by `(`.
    func parseQualifiedSubscript() throws -> IndexDomain.Item? {
        let t = lx.peek()
        guard t.kind == .word else { return nil }
        lx.next()
        let qualified = lx.peek().isSymbol("(")
        lx.seek(line: t.lineIndex, column: t.column)
        return qualified ? try parseDomainItem() : nil
    }

    /// indexArg = ( name | string ) [ ("+" | "-" | "++" | "--") shiftAmount ] ;
    func parseIndexArg() throws -> IndexArg {
        let t = lx.peek()
        var kind: IndexArg.Kind
        switch t.kind {
        case .string:
            lx.next()
            kind = .label(LabelText(text: t.text, span: span(t)))
        case .word:
            lx.next()
            kind = .name(Name(t.text, span(t)))
        case .number:
            throw fail(.E0036, "a label used as an index must be quoted: '\"\(t.text)\"'", at: t,
                       label: "write \"\(t.text)\"")
        default:
            throw fail(.E0037, "expected an index or a quoted label, found \(describe(t))", at: t)
        }
        var shift: IndexArg.Shift? = nil
        let s = lx.peek()
        if s.kind == .symbol, ["+", "-", "++", "--"].contains(s.text) {
            lx.next()
            let amount = try parseMultiplicative()
            shift = IndexArg.Shift(circular: s.text.count == 2, negative: s.text.hasPrefix("-"), amount: amount)
        }
        return IndexArg(kind: kind, shift: shift, span: span(t))
    }

    /// indexDomain = domainItem | "(" domainItem { "," domainItem } ")" ; followed by [ "$" operand ]
    func parseIndexDomain() throws -> IndexDomain {
        let t = lx.peek()
        var items: [IndexDomain.Item] = []
        if t.isSymbol("(") {
            lx.next()
            repeat { items.append(try parseDomainItem()) } while acceptSymbol(",")
            _ = try expectSymbol(")", "to close the index list")
        } else {
            items.append(try parseDomainItem())
        }
        var cond: Expr? = nil
        if acceptSymbol("$") { cond = try parseDollarOperand() }
        return IndexDomain(items: items, condition: cond, span: span(t))
    }

    /// domainItem = name [ "(" indexArg { "," indexArg } ")" ] ;
    func parseDomainItem() throws -> IndexDomain.Item {
        let n = try expectName("as a controlling index")
        if lx.peek().isSymbol("(") {
            lx.next()
            var args: [IndexArg] = []
            repeat { args.append(try parseIndexArg()) } while acceptSymbol(",")
            _ = try expectSymbol(")", "to close the index list of '\(n.text)'")
            return IndexDomain.Item(name: n, args: args)
        }
        return IndexDomain.Item(name: n, args: nil)
    }
}
