import IR
import Semantics
import Syntax

/// Chains (Syntax/Chain.swift) in generation, each walked in a loop that gives what the tree of
/// binary operations gives: the same accumulator entries in the same order and the same DAG.
///
/// `P(j)` below is the chain's first operand with its first `j` links, the operations the tree's
/// node at link `j` holds; the tree takes a `P(j)` without variables as one value.
extension ModelGenerator {
    /// The operand number (0 the first, `k` that of link `k - 1`) of the first operand with a
    /// variable; `P(j)` holds no variable exactly when `j` is below it.
    static func firstVariableOperand(_ first: Node, _ links: [ChainLink<Node>]) -> Int {
        if first.hasVariable { return 0 }
        return (links.firstIndex { $0.operand.hasVariable } ?? links.count) + 1
    }

    /// `P(j)` of the chain `n` as a node (for a term the chain hands on whole).
    static func prefix(_ n: Node, _ first: Node, _ links: [ChainLink<Node>], _ j: Int) -> Node {
        j == links.count ? n : Node.joining(first, Array(links[..<j]))
    }

    /// `linear` of a chain with a variable.
    func linearChain(_ n: Node, _ first: Node, _ links: [ChainLink<Node>], _ scale: Double) throws {
        let free = Self.firstVariableOperand(first, links)
        if links.allSatisfy({ $0.op == .add || $0.op == .sub }) {
            var start = 0
            if free > 0 {
                start = free - 1
                let v = interpreter.fold(first, links[..<start])
                if v != 0 { accumulator.constant += scale * v }
            } else {
                try linear(first, scale)
            }
            for link in links[start...] { try linear(link.operand, link.op == .add ? scale : -scale) }
            return
        }
        // `*`, `/`, `**`: from the last link down, while the tree would pass its left side on
        var j = links.count, scale = scale
        while j > 0 {
            if j < free {
                let v = interpreter.fold(first, links[..<j])
                if v != 0 { accumulator.constant += scale * v }
                return
            }
            let b = links[j - 1].operand
            switch links[j - 1].op {
            case .mul where j - 1 < free:
                let v = interpreter.fold(first, links[..<(j - 1)])
                if v != 0 { try linear(b, scale * v) }
                return
            case .mul where !b.hasVariable:
                let v = interpreter.eval(b)
                if v == 0 { return }
                scale *= v
            case .pow where !b.hasVariable:
                let e = interpreter.eval(b)
                if e == 0 { accumulator.constant += scale; return }
                if e != 1 { return try nonlinear(Self.prefix(n, first, links, j), scale) }
            case .div where !b.hasVariable:
                let v = interpreter.eval(b)
                if v == 0 {
                    interpreter.runtimeError(.E4001, "division by zero", at: b.span)
                    throw GenerationFailure()
                }
                scale /= v
            default:
                return try nonlinear(Self.prefix(n, first, links, j), scale)
            }
            j -= 1
        }
        try linear(first, scale)
    }

    /// `sumTerms` of a chain of `+` and `-`.
    func sumChainTerms(_ first: Node, _ links: [ChainLink<Node>], negative: Bool, into terms: inout [Int32]) throws {
        try sumTerms(first, negative: negative, into: &terms)
        for link in links { try sumTerms(link.operand, negative: link.op == .sub ? !negative : negative, into: &terms) }
    }

    /// `productFactors` of a chain of `*` and `/`: the tree flattens the products after the last
    /// division and takes what ends in it as one factor.
    func productChainFactors(_ n: Node, _ first: Node, _ links: [ChainLink<Node>], into factors: inout [Int32]) throws {
        guard let d = links.lastIndex(where: { $0.op == .div }) else {
            try productFactors(first, into: &factors)
            for link in links { try productFactors(link.operand, into: &factors) }
            return
        }
        factors.append(try lower(Self.prefix(n, first, links, d + 1)))
        for link in links[(d + 1)...] { try productFactors(link.operand, into: &factors) }
    }

    /// `lower` of a chain with a variable.
    func lowerChain(_ n: Node, _ first: Node, _ links: [ChainLink<Node>]) throws -> Int32 {
        if links.allSatisfy({ $0.op == .add || $0.op == .sub }) {
            var terms: [Int32] = []
            try sumChainTerms(first, links, negative: false, into: &terms)
            return terms.isEmpty ? pool.constant(0) : terms.count == 1 ? terms[0] : pool.add(.sum, terms)
        }
        if links.allSatisfy({ $0.op == .mul || $0.op == .div }) {
            if links[links.count - 1].op == .mul {
                var factors: [Int32] = []
                try productChainFactors(n, first, links, into: &factors)
                return packed(factors)
            }
            return try lowerQuotientChain(first, links)
        }
        // `**` and logic, left to right from the last operations without a variable
        let free = Self.firstVariableOperand(first, links)
        let start = Swift.max(free - 1, 0)
        var x: Int32
        if free == 0 {
            x = try lower(first)
        } else {
            let head = Array(links[..<start]), span = start == 0 ? first.span : links[start - 1].span
            let link = links[start]
            x = try lowered(link.op, { try self.constant(self.interpreter.fold(first, head[...]), at: span) },
                            value: { self.interpreter.fold(first, head[...]) }, link.operand)
        }
        for link in links[(free == 0 ? 0 : start + 1)...] {
            let a = x
            x = try lowered(link.op, { a }, value: nil, link.operand)
        }
        return x
    }

    /// A chain of `*` and `/` ending in `/`, folded left to right: the factors of a product so far,
    /// or the one node a division made.
    private func lowerQuotientChain(_ first: Node, _ links: [ChainLink<Node>]) throws -> Int32 {
        let free = Self.firstVariableOperand(first, links)
        var factors: [Int32] = []
        var start = 0
        if free == 0 {
            if links[0].op == .mul { try productFactors(first, into: &factors) } else { factors = [try lower(first)] }
        } else {
            // P(start) holds no variable: one value, or the factors of its last product
            start = free - 1
            let span = start == 0 ? first.span : links[start - 1].span
            if links[start].op == .mul {
                if let d = links[..<start].lastIndex(where: { $0.op == .div }) {
                    factors = [try constant(interpreter.fold(first, links[...d]), at: links[d].span)]
                    for link in links[(d + 1)..<start] { try productFactors(link.operand, into: &factors) }
                } else {
                    try productFactors(first, into: &factors)
                    for link in links[..<start] { try productFactors(link.operand, into: &factors) }
                }
            } else {
                factors = [try constant(interpreter.fold(first, links[..<start]), at: span)]
            }
        }
        for link in links[start...] {
            if link.op == .mul {
                try productFactors(link.operand, into: &factors)
            } else {
                try checkDivisor(link.operand)
                factors = [pool.add(.divide, [packed(factors), try lower(link.operand)])]
            }
        }
        return packed(factors)
    }

    /// The factors as one node.
    func packed(_ factors: [Int32]) -> Int32 {
        factors.count == 1 ? factors[0] : pool.add(.product, factors)
    }

    /// A constant divisor of zero is an error.
    func checkDivisor(_ b: Node) throws {
        guard !b.hasVariable, interpreter.eval(b) == 0 else { return }
        interpreter.runtimeError(.E4001, "division by zero", at: b.span)
        throw GenerationFailure()
    }
}
