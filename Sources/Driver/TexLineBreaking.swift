import Syntax

/// A stretch of a formula that `enm tex` keeps on one line; a line may break before a piece
/// whose `breaksBefore` is set: a `+` or `-` term, the relation, the quantifier.
struct TexPiece {
    var tex: String
    var breaksBefore: Bool
}

/// Lines of at most `width` ems made of pieces; lines after the first are indented by `indent`
/// ems. Each line ends at the break, among those that keep it within the width, that is least
/// deep inside brackets (the latest of those), so that `(a + b)` stays whole when a break
/// outside it will do; a break that leaves a line less than half full is taken only when there
/// is no other.
func texLines(_ pieces: [TexPiece], width: Double, indent: Double) -> [String] {
    let widths = pieces.map { TexWidth.of($0.tex) }
    var depths: [Int] = [], depth = 0
    for p in pieces {
        depths.append(depth)
        depth += p.tex.filter(TexBracket.isOpen).count - p.tex.filter(TexBracket.isClose).count
    }
    func text(_ r: Range<Int>) -> String {
        r.map { k in k == r.lowerBound || pieces[k].tex.hasPrefix(" ") ? pieces[k].tex : " " + pieces[k].tex }.joined()
    }
    var lines: [String] = []
    var start = 0
    while start < pieces.count {
        let limit = lines.isEmpty ? width : width - indent
        var end = start, used = 0.0   // pieces[start..<end] fit on the line
        while end < pieces.count, end == start || used + widths[end] <= limit {
            used += widths[end]
            end += 1
        }
        if end == pieces.count {
            lines.append(text(start..<end))
            break
        }
        let fill = { (b: Int) in widths[start..<b].reduce(0, +) }
        let candidates = (start + 1...end).filter { pieces[$0].breaksBefore }
        let well = candidates.filter { fill($0) >= limit / 2 }
        let next = (well.isEmpty ? candidates : well).min { (depths[$0], -$0) < (depths[$1], -$1) }
            ?? (end..<pieces.count).first { pieces[$0].breaksBefore } ?? pieces.count
        lines.append(text(start..<next))
        start = next
    }
    return lines
}

extension TexRenderer {
    /// The printed width the document gives a formula, in ems: the 500 pt text width less a
    /// margin for the estimate.
    static let formulaWidth = 47.0
    /// How far lines after an equation's first are indented (`\qquad`), in ems.
    static let continuationIndent = 2.0

    /// `e` cut into pieces at its `+` and `-` terms, at any depth: a term too wide for a line
    /// is itself broken inside its brackets (sized ones, `\bigl(`...`\bigr)`, which unlike
    /// `\left(`...`\right)` may end on another line than they start). An expression with
    /// no such terms is one piece, as `expr` writes it.
    func pieces(_ e: Expr, _ context: Int) -> [TexPiece] {
        let whole = [TexPiece(tex: expr(e, context), breaksBefore: false)]
        let parts: [TexPiece]
        let strength: Int
        switch e {
        case .binary(let op, let a, let b, _) where !isSetExpression(a) || !isSetExpression(b):
            switch op {
            case .add, .sub:
                guard let chain = termPieces(e) else { return whole }
                (parts, strength) = (chain, 4)
            case .mul:
                (parts, strength) = (joined(pieces(a, 5), " \\cdot ", pieces(b, 5)), 5)
            case .pow:
                var base = pieces(a, 7)
                guard base.count > 1 else { return whole }
                base[base.count - 1].tex += "^{\(expr(b, 0))}"
                (parts, strength) = (base, 6)
            default: return whole
            }
        case .chain(let first, let links) where !isSetExpression(first) || !isSetExpression(links[0].operand):
            guard let chain = chainPieces(first, links) else { return whole }
            (parts, strength) = chain
        case .reduce(let op, let domain, let body, _):
            let big = ["sum": "\\sum", "prod": "\\prod", "smin": "\\min", "smax": "\\max"][op.rawValue] ?? "\\sum"
            (parts, strength) = (prefixed("\(big)_{\(domainText(domain))} ", pieces(body, 5)), 4)
        case .dollar(let x, let cond, _):
            (parts, strength) = (prefixed("[" + expr(cond, 0) + "]\\, ", pieces(x, 5)), 5)
        case .unary(.minus, let x, _):
            (parts, strength) = (prefixed("-", pieces(x, 5)), 4)
        default:
            return whole
        }
        guard parts.count > 1 else { return whole }
        return strength < context ? bracketed(parts) : parts
    }

    /// The terms of a chain of `+` and `-`, each a piece a line may start with (nil when the
    /// chain is a set operation).
    func termPieces(_ e: Expr) -> [TexPiece]? {
        guard let (rest, terms) = plusMinusTerms(e) else { return nil }
        var out = pieces(rest, 4)
        for term in terms {
            var next = term.op == .add ? prefixed("+ ", pieces(term.operand, 4)) : prefixed("- ", pieces(term.operand, 5))
            next[0].breaksBefore = true
            out += next
        }
        return out
    }

    /// The pieces of a chain as the tree of binary operations would cut it, and their strength;
    /// nil when it stays one piece.
    func chainPieces(_ first: Expr, _ links: [ChainLink<Expr>]) -> ([TexPiece], Int)? {
        switch links[0].op {
        case .add, .sub:
            return termPieces(.chain(first, links)).map { ($0, 4) }
        case .mul, .div:
            // a quotient is one piece; the products after the last one are cut at their factors
            let d = links.lastIndex { $0.op == .div }
            if d == links.count - 1 { return nil }
            var parts = d.map { [TexPiece(tex: expr(.joining(first, Array(links[...$0])), 5), breaksBefore: false)] } ?? pieces(first, 5)
            for link in links[(d.map { $0 + 1 } ?? 0)...] {
                // in place: a copy per factor would make a long product quadratic
                let next = pieces(link.operand, 5)
                parts[parts.count - 1].tex += " \\cdot " + next[0].tex
                parts += next.dropFirst()
            }
            return (parts, 5)
        case .pow:
            var parts = pieces(first, 7)
            guard parts.count > 1 else { return nil }
            for (k, link) in links.enumerated() {
                if k > 0 { parts = bracketed(parts) }
                parts[parts.count - 1].tex += "^{\(expr(link.operand, 0))}"
            }
            return (parts, 6)
        default:
            return nil
        }
    }

    func prefixed(_ prefix: String, _ parts: [TexPiece]) -> [TexPiece] {
        var out = parts
        out[0].tex = prefix + out[0].tex
        return out
    }

    /// Two piece lists side by side with `joiner` between them (no break there).
    func joined(_ a: [TexPiece], _ joiner: String, _ b: [TexPiece]) -> [TexPiece] {
        var out = a
        out[out.count - 1].tex += joiner + b[0].tex
        return out + b.dropFirst()
    }

    /// Pieces in parentheses, whose size is chosen when the lines are known (see `TexBracket`).
    func bracketed(_ parts: [TexPiece]) -> [TexPiece] {
        let tall = parts.contains { p in ["\\sum", "\\prod", "\\frac", TexBracket.tallOpen].contains { p.tex.contains($0) } }
        var out = prefixed(tall ? TexBracket.tallOpen : TexBracket.open, parts)
        out[out.count - 1].tex += tall ? TexBracket.tallClose : TexBracket.close
        return out
    }

    /// An equation too wide for one line, as `align*` lines broken at its terms; nil when it
    /// fits on one.
    func brokenEquation(_ e: EquationDefinition, relation: String, quantifier: String) -> String? {
        let oneLine = "\(expr(e.lhs, 0)) \(relation) \(expr(e.rhs, 0))" + (quantifier.isEmpty ? "" : "\\qquad " + quantifier)
        guard TexWidth.of(oneLine) > Self.formulaWidth else { return nil }
        var parts = pieces(e.lhs, 0)
        var right = prefixed("\(relation) ", pieces(e.rhs, 0))
        right[0].breaksBefore = true
        parts += right
        if !quantifier.isEmpty { parts.append(TexPiece(tex: "\\qquad " + quantifier, breaksBefore: true)) }
        let lines = texLines(parts, width: Self.formulaWidth, indent: Self.continuationIndent)
        let body = TexBracket.resolve(lines).enumerated().map { k, line in k == 0 ? "&" + line : "&\\qquad {}" + line }
        return "\\begin{align*}\n" + body.joined(separator: "\\\\\n") + "\n\\end{align*}"
    }
}

/// The parentheses of a broken formula. Until the lines are known they are markers; then a
/// pair on one line becomes `\left(`...`\right)`, sized to its contents like the rest of the
/// document, and a pair split over lines the fixed size `\bigl(`...`\bigr)` (`\biggl` around
/// sums and fractions), since `\left` and `\right` cannot be on different lines.
enum TexBracket {
    static let open = "\u{1}", tallOpen = "\u{2}", close = "\u{3}", tallClose = "\u{4}"

    /// The lines with their markers replaced.
    static func resolve(_ lines: [String]) -> [String] {
        lines.map { line in
            var closedHere = Set<Int>()   // offsets of the opening markers whose pair ends on this line
            var stack: [Int] = []
            for (k, c) in line.enumerated() {
                if isOpen(c) { stack.append(k) }
                if isClose(c), let o = stack.popLast() { closedHere.insert(o); closedHere.insert(k) }
            }
            var out = ""
            for (k, c) in line.enumerated() {
                switch c {
                case Character(open), Character(tallOpen):
                    out += closedHere.contains(k) ? "\\left(" : (String(c) == open ? "\\bigl(" : "\\biggl(")
                case Character(close), Character(tallClose):
                    out += closedHere.contains(k) ? "\\right)" : (String(c) == close ? "\\bigr)" : "\\biggr)")
                default: out.append(c)
                }
            }
            return out
        }
    }

    static func isOpen(_ c: Character) -> Bool { String(c) == open || String(c) == tallOpen }
    static func isClose(_ c: Character) -> Bool { String(c) == close || String(c) == tallClose }
}
