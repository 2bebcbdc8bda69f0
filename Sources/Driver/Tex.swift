import Diagnostics
import Foundation
import IR
import Semantics
import Syntax

/// `enm tex FILE`: the model's declarations and equations as LaTeX, the template and not the
/// instance. Sums, domains and `$` conditions are written in standard notation:
///
/// - an index is italic (`i`), the set it runs over upright (`\mathrm{I}`; a one-letter set name
///   in capitals);
/// - variables are italic (`x_{i,j}`), parameters and scalars upright (`\mathrm{c}_{i,j}`);
/// - `sum(i$cond, e)` is `\sum_{i \in \mathrm{I} : cond} e`, a term `e$cond` is `[cond]\, e`
///   (Iverson's bracket: 1 when the condition holds, else 0);
/// - an equation `eq(i)$cond.. a =l= b` is `a \le b \quad \forall i \in \mathrm{I} : cond`.
public enum Tex {
    /// The LaTeX document of the model file at `path`, or the diagnostics that stop it.
    public static func render(path: String, defines: [String: String] = [:],
                              preprocessing: PreprocessorSettings = PreprocessorSettings()) -> (text: String?, diagnostics: [Diagnostic]) {
        let bag = DiagnosticBag()
        let lines = Driver.makePreprocessor(defines: defines, bag: bag, settings: preprocessing).run(path: path)
        let statements = Parser(lines: lines, diagnostics: bag, memoryLimit: preprocessing.memoryLimit).parseProgram()
        if bag.hasErrors { return (nil, bag.items) }
        let program = Compiler(diagnostics: bag).compile(statements)
        if bag.hasErrors { return (nil, bag.items) }
        var r = TexRenderer(program: program)
        return (r.document(statements, title: Paths.lastComponent(of: path)), bag.items)
    }
}

/// Writes a compiled model's statements as LaTeX (see `Tex`).
struct TexRenderer {
    var symbols: [String: Symbol] = [:]

    init(program: Program) {
        for s in program.symbols { symbols[s.name.lowercased()] = s }
    }

    // MARK: - Document

    mutating func document(_ statements: [Statement], title: String) -> String {
        var sets: [[String]] = [], parameters: [[String]] = []
        // variables by name, in order of first declaration; a later `Positive Variable x;` sets the type
        var variableOrder: [String] = [], variableRows: [String: (name: String, domain: [Name]?, type: VariableType, text: String)] = [:]
        var equations: [String] = [], models: [(key: String, entry: String)] = []
        var texts: [String: String] = [:]
        var solves: [String: [String]] = [:]
        walk(statements) { st in
            switch st {
            case .declare(let kind, let type, let decls, _):
                for d in decls {
                    texts[d.name.key] = d.text
                    let entry = ["$\(symbolTeX(d.name.text, kind: kind))$", domainTeX(d.domain), escapeText(d.text)]
                    switch kind {
                    case .set: sets.append(entry)
                    case .parameter, .scalar, .table: parameters.append(entry)
                    case .variable:
                        if var row = variableRows[d.name.key] {
                            if let t = type { row.type = t }
                            if row.domain == nil { row.domain = d.domain }
                            if row.text.isEmpty { row.text = d.text }
                            variableRows[d.name.key] = row
                        } else {
                            variableOrder.append(d.name.key)
                            variableRows[d.name.key] = (d.name.text, d.domain, type ?? .free, d.text)
                        }
                    case .equation: break
                    }
                }
            case .alias(let groups, _):
                for g in groups where g.count > 1 {
                    sets.append(["$\(g.dropFirst().map { index($0.text) }.joined(separator: ", "))$", "alias of $\(setTeX(g[0].text))$", ""])
                }
            case .equationDefinition(let e):
                equations.append(equation(e, text: texts[e.name.key] ?? ""))
            case .model(let ms, _):
                for m in ms {
                    let members = m.terms.enumerated().map { k, t in
                        (t.removes ? " $-$ " : (k == 0 ? "" : ", ")) + (t.isAll ? "all equations" : "\\texttt{\(escapeText(t.name.text))}")
                    }.joined()
                    models.append((m.name.key, "\\texttt{\(escapeText(m.name.text))}: \(members)" + (m.text.isEmpty ? "" : " (\(escapeText(m.text)))")))
                }
            case .solve(let s):
                let direction = s.maximize ? "\\max" : "\\min"
                let objective = s.objective.map { "$\(direction)\\ \(symbolRef($0.text, args: nil))$" } ?? "(feasibility)"
                solves[s.model.key, default: []].append("solved as \\textsc{\(escapeText(s.type.text))}, \(objective)")
            default: break
            }
        }
        var out = """
        \\documentclass{article}
        \\usepackage[margin=2cm]{geometry}
        \\usepackage{amsmath,amssymb,longtable,array}
        \\begin{document}
        \\section*{\(escapeText(title))}

        """
        out += TexTable(heading: "Sets", header: ["set", "domain", "meaning"], rows: sets).latex
        out += TexTable(heading: "Parameters", header: ["parameter", "domain", "meaning"], rows: parameters).latex
        let variables = variableOrder.compactMap { variableRows[$0] }.map { v in
            ["$\(symbolTeX(v.name, kind: .variable))$", domainTeX(v.domain), v.type.rawValue, escapeText(v.text)]
        }
        out += TexTable(heading: "Variables", header: ["variable", "domain", "type", "meaning"], rows: variables).latex
        if !equations.isEmpty {
            out += "\\subsection*{Equations}\n" + equations.joined(separator: "\n") + "\n"
        }
        if !models.isEmpty {
            out += "\\subsection*{Models}\n\\begin{itemize}\n"
            for m in models {
                let how = solves[m.key]?.uniqued().joined(separator: "; ") ?? ""
                out += "\\item \(m.entry)\(how.isEmpty ? "" : "; " + how)\n"
            }
            out += "\\end{itemize}\n"
        }
        out += "\\end{document}\n"
        return out
    }

    /// Visits statements, descending into loops and branches.
    func walk(_ statements: [Statement], _ visit: (Statement) -> Void) {
        for st in statements {
            visit(st)
            switch st {
            case .loop(_, let body, _), .whileLoop(_, let body, _), .repeatLoop(let body, _, _),
                 .forLoop(_, _, _, _, _, let body, _):
                walk(body, visit)
            case .ifStatement(let branches, let elseBody, _):
                for (_, body) in branches { walk(body, visit) }
                if let e = elseBody { walk(e, visit) }
            default: break
            }
        }
    }

    func equation(_ e: EquationDefinition, text: String) -> String {
        let relation: String
        switch e.relation {
        case .eq: relation = "="
        case .le: relation = "\\le"
        case .ge: relation = "\\ge"
        case .free: relation = "\\ \\text{(free)}\\ "
        }
        // a set-qualified subscript (`lim(arc(n,m))..`) quantifies its indices over its set
        var domain = e.qualifiers.map(domainItemText)
        let qualified = Set(e.qualifiers.flatMap { ($0.args ?? []).compactMap { a -> String? in
            if case .name(let n) = a.kind { return n.key } else { return nil }
        } })
        for a in e.indices {
            if case .name(let n) = a.kind, !qualified.contains(n.key) {
                domain.append("\(index(n.text)) \\in \(setTeX(domainSet(of: n.text)))")
            }
        }
        var quantifier = domain.isEmpty ? "" : "\\forall " + domain.joined(separator: ",\\ ")
        if let c = e.condition { quantifier += (quantifier.isEmpty ? "\\text{if } " : " : ") + expr(c, 0) }
        let label = "\\textbf{\(escapeText(e.name.text))}" + (text.isEmpty ? "" : " --- \(escapeText(text))")
        if let broken = brokenEquation(e, relation: relation, quantifier: quantifier) {
            return label + "\n" + broken + "\n"
        }
        return """
        \(label)
        \\begin{equation*}
        \(expr(e.lhs, 0)) \(relation) \(expr(e.rhs, 0))\(quantifier.isEmpty ? "" : "\\qquad " + quantifier)
        \\end{equation*}

        """
    }

    // MARK: - Names

    /// The set an index name runs over: the set itself, an alias's set, or the name.
    func domainSet(of name: String) -> String {
        guard let s = symbols[name.lowercased()] else { return name }
        return s.aliasOf?.root.name ?? s.name
    }

    func index(_ name: String) -> String {
        name.count == 1 ? name : "\\mathit{\(escapeMath(name))}"
    }

    func setTeX(_ name: String) -> String {
        name.count == 1 ? "\\mathrm{\(name.uppercased())}" : "\\mathrm{\(escapeMath(name))}"
    }

    func symbolTeX(_ name: String, kind: DeclarationKind) -> String {
        switch kind {
        case .set: return setTeX(name)
        case .variable: return name.count == 1 ? name : "\\mathit{\(escapeMath(name))}"
        default: return "\\mathrm{\(escapeMath(name))}"
        }
    }

    func domainTeX(_ domain: [Name]?) -> String {
        guard let d = domain, !d.isEmpty else { return "" }
        return "$" + d.map { $0.text == "*" ? "*" : setTeX(domainSet(of: $0.text)) }.joined(separator: " \\times ") + "$"
    }

    /// A symbol with its index arguments as subscripts.
    func symbolRef(_ name: String, args: [IndexArg]?, attribute: String? = nil) -> String {
        let s = symbols[name.lowercased()]
        var base: String
        switch s?.kind {
        case .variable?: base = name.count == 1 ? name : "\\mathit{\(escapeMath(name))}"
        case .set?: base = setTeX(name)
        default: base = "\\mathrm{\(escapeMath(name))}"
        }
        if let a = attribute { base = "\(base)^{\\mathrm{\(escapeMath(a))}}" }
        guard let args = args, !args.isEmpty else { return base }
        return "\(base)_{\(indexList(args).joined(separator: ","))}"
    }

    /// Index arguments as written: `i`, `t-1`, a quoted label as text.
    func indexList(_ args: [IndexArg]) -> [String] {
        args.map { a -> String in
            var t: String
            switch a.kind {
            case .name(let n): t = index(n.text)
            case .label(let l): t = "\\text{\(escapeText(l.text))}"
            }
            if let sh = a.shift {
                let op = sh.circular ? (sh.negative ? "\\ominus" : "\\oplus") : (sh.negative ? "-" : "+")
                t += op + expr(sh.amount, 6)
            }
            return t
        }
    }

    // MARK: - Expressions

    /// `e` in LaTeX; `context` is the binding strength around it (parentheses when weaker).
    func expr(_ e: Expr, _ context: Int) -> String {
        switch e {
        case .number(let v, _):
            return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        case .string(let s, _):
            return "\\text{`\(escapeText(s))'}"
        case .ref(let r):
            if let s = symbols[r.name.key], s.kind == .set, let a = r.attribute {
                // a set attribute is a function of the index: val(t), pos(i)
                return "\\operatorname{\(escapeMath(a.key))}(\(index(r.name.text)))"
            }
            if let s = symbols[r.name.key], s.kind == .set, r.attribute == nil {
                // a set used as a condition is a membership: t \in tw, (i,j) \in link
                guard let args = r.args, !args.isEmpty else { return index(r.name.text) }
                let inner = indexList(args).joined(separator: ",")
                return wrap((args.count == 1 ? inner : "(\(inner))") + " \\in " + setTeX(r.name.text), 3, context)
            }
            return symbolRef(r.name.text, args: r.args, attribute: r.attribute?.text)
        case .unary(let op, let x, _):
            switch op {
            case .minus: return wrap("-" + expr(x, 5), 4, context)
            case .plus: return expr(x, context)
            case .not: return wrap("\\neg " + expr(x, 5), 3, context)
            }
        case .binary(let op, let a, let b, _):
            if op == .add || op == .sub, let text = sumChain(e, context) { return text }
            if let text = setOperation(op, a, b, context) { return text }
            let form = binaryForm(op, b)
            return wrap(form.open + expr(a, form.leftContext) + form.middle, form.strength, context)
        case .chain(let first, let links):
            if let text = sumChain(e, context) { return text }
            // a set operation joins the set expressions the chain starts with (short in practice)
            if isSetExpression(first), isSetExpression(links[0].operand) { return expr(leftDeep(first, links), context) }
            return chainText(first, links, context)
        case .dollar(let x, let cond, _):
            return wrap("[" + expr(cond, 0) + "]\\, " + expr(x, 5), 5, context)
        case .call(let name, let args, _):
            return call(name.key, args, context)
        case .reduce(let op, let domain, let body, _):
            let big = ["sum": "\\sum", "prod": "\\prod", "smin": "\\min", "smax": "\\max"][op.rawValue] ?? "\\sum"
            return wrap("\(big)_{\(domainText(domain))} " + expr(body, 5), 4, context)
        }
    }

    /// How `a op b` is written: `open`, then `a` at `leftContext`, then `middle` (the operator and
    /// `b`); the whole binds with `strength` (a fraction is never bracketed).
    func binaryForm(_ op: BinaryOp, _ b: Expr) -> (open: String, leftContext: Int, middle: String, strength: Int) {
        switch op {
        case .add: return ("", 4, " + " + expr(b, 4), 4)
        case .sub: return ("", 4, " - " + expr(b, 5), 4)
        case .mul: return ("", 5, " \\cdot " + expr(b, 5), 5)
        case .div: return ("\\frac{", 0, "}{\(expr(b, 0))}", Int.max)
        case .pow: return ("{", 7, "}^{" + expr(b, 0) + "}", 6)
        case .lt, .le, .eq, .ne, .ge, .gt:
            let sym = [BinaryOp.lt: "<", .le: "\\le", .eq: "=", .ne: "\\ne", .ge: "\\ge", .gt: ">"][op] ?? "="
            return ("", 4, " \(sym) " + expr(b, 4), 3)
        case .and: return ("", 2, " \\wedge " + expr(b, 2), 2)
        case .or: return ("", 1, " \\vee " + expr(b, 1), 1)
        case .xor: return ("", 1, " \\oplus " + expr(b, 1), 1)
        case .eqv: return ("", 1, " \\Leftrightarrow " + expr(b, 1), 1)
        case .imp: return ("", 1, " \\Rightarrow " + expr(b, 1), 1)
        }
    }

    /// A chain as the binary rule writes the tree, in one pass: what a step puts before the text
    /// so far (a bracket, `\frac{`) is collected and put in front once at the end.
    func chainText(_ first: Expr, _ links: [ChainLink<Expr>], _ context: Int) -> String {
        let forms = links.map { binaryForm($0.op, $0.operand) }
        var openings: [String] = []
        var body = expr(first, forms[0].leftContext), strength = Int.max
        for k in forms.indices {
            if strength < forms[k].leftContext {
                openings.append("\\left(")
                body += "\\right)"
            }
            if !forms[k].open.isEmpty { openings.append(forms[k].open) }
            body += forms[k].middle
            strength = forms[k].strength
        }
        return wrap(openings.reversed().joined() + body, strength, context)
    }

    /// A chain as the left-leaning tree of binary operations (for the rare rule that needs it).
    func leftDeep(_ first: Expr, _ links: [ChainLink<Expr>]) -> Expr {
        links.reduce(first) { .binary($1.op, $0, $1.operand, $1.span) }
    }

    /// A chain of `+` and `-` of numbers (`a + b - c + ...`, generated with 100,000 terms) in
    /// one pass over its terms, as the recursive rule would write it; nil when it is no such
    /// chain of two or more links or holds a set operation.
    func sumChain(_ e: Expr, _ context: Int) -> String? {
        guard let (rest, terms) = plusMinusTerms(e), terms.count > 1 else { return nil }
        var parts = [expr(rest, 4)]
        for term in terms {
            parts.append(term.op == .add ? " + " + expr(term.operand, 4) : " - " + expr(term.operand, 5))
        }
        return wrap(parts.joined(), 4, context)
    }

    /// The first operand of a chain of `+` and `-` and the other terms in order (no terms for
    /// any other expression); nil when a term is a set expression.
    func plusMinusTerms(_ e: Expr) -> (first: Expr, terms: [(op: BinaryOp, operand: Expr)])? {
        guard let (first, links) = e.chainParts, links.allSatisfy({ $0.op == .add || $0.op == .sub }) else {
            return (e, [])
        }
        if links.contains(where: { isSetExpression($0.operand) }) { return nil }
        return (first, links.map { ($0.op, $0.operand) })
    }

    /// GAMS's set union, intersection and difference of two set expressions, as logic on
    /// memberships (nil: not a set operation).
    func setOperation(_ op: BinaryOp, _ a: Expr, _ b: Expr, _ context: Int) -> String? {
        guard isSetExpression(a), isSetExpression(b) else { return nil }
        switch op {
        case .add: return wrap(expr(a, 1) + " \\vee " + expr(b, 1), 1, context)
        case .mul: return wrap(expr(a, 2) + " \\wedge " + expr(b, 2), 2, context)
        case .sub: return wrap(expr(a, 2) + " \\wedge \\neg " + expr(b, 5), 2, context)
        default: return nil
        }
    }

    /// Whether an expression is a set expression (see `Compiler.isSetExpression`).
    func isSetExpression(_ e: Expr) -> Bool {
        switch e {
        case .ref(let r):
            return r.attribute == nil && !(r.args ?? []).isEmpty && symbols[r.name.key]?.kind == .set
        case .unary(.not, let x, _), .dollar(let x, _, _):
            return isSetExpression(x)
        case .binary(let op, let a, let b, _):
            return [.add, .sub, .mul, .and, .or].contains(op) && isSetExpression(a) && isSetExpression(b)
        case .chain(let first, let links):
            return isSetExpression(first) && links.allSatisfy { [.add, .sub, .mul, .and, .or].contains($0.op) && isSetExpression($0.operand) }
        default:
            return false
        }
    }

    /// One item of an index domain: `i \in I`, or `(i,j) \in link` for a set-qualified one.
    func domainItemText(_ item: IndexDomain.Item) -> String {
        if let args = item.args {
            let list = indexList(args)
            return (list.count == 1 ? list[0] : "(\(list.joined(separator: ",")))") + " \\in \(setTeX(item.name.text))"
        }
        return "\(index(item.name.text)) \\in \(setTeX(domainSet(of: item.name.text)))"
    }

    func domainText(_ d: IndexDomain) -> String {
        let items = d.items.map(domainItemText)
        var out = items.joined(separator: ",\\, ")
        if let c = d.condition { out += " : " + expr(c, 0) }
        return out
    }

    /// A call as its row of the function table writes it; `card(s)` is `|s|`.
    func call(_ name: String, _ args: [Expr], _ context: Int) -> String {
        func a(_ k: Int, _ c: Int = 0) -> String { k < args.count ? expr(args[k], c) : "" }
        func list() -> String { args.map { expr($0, 0) }.joined(separator: ", ") }
        if name == "card" && args.count == 1 { return "\\left|\(cardinalityArgument(args[0]))\\right|" }
        let row = BuiltinFunction(name: name)?.descriptor
        let form = row.flatMap { $0.arity.contains(args.count) ? $0.latex : nil } ?? .operatorName
        switch form {
        case .operatorName: return "\\operatorname{\(escapeMath(name))}\\left(\(list())\\right)"
        case .command(let command): return "\(command)\\left(\(list())\\right)"
        case .superscript(let exponent): return wrap("{\(a(0, 7))}^{\(exponent ?? a(1))}", 6, context)
        case .exponential: return "e^{\(a(0))}"
        case .squareRoot: return "\\sqrt{\(a(0))}"
        case .absoluteValue: return "\\left|\(a(0))\\right|"
        }
    }

    /// The argument of `card`: a set (or an alias of one) by the set's own symbol, `\mathrm{T}`
    /// for `card(t)`, not by the italic index of the same name.
    func cardinalityArgument(_ arg: Expr) -> String {
        if case .ref(let r) = arg, r.attribute == nil, (r.args ?? []).isEmpty, symbols[r.name.key]?.kind == .set {
            return setTeX(domainSet(of: r.name.text))
        }
        return expr(arg, 0)
    }

    func wrap(_ s: String, _ strength: Int, _ context: Int) -> String {
        strength < context ? "\\left(\(s)\\right)" : s
    }

    // MARK: - Escapes

    func escapeMath(_ s: String) -> String { s.replacingOccurrences(of: "_", with: "\\_") }

    func escapeText(_ s: String) -> String { TexText.escape(s) }
}

private extension Array where Element == String {
    func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
