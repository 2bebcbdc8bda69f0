import Diagnostics

extension Parser {
    /// How deeply parentheses, reductions, calls, signs, successive `$` conditions and statement
    /// bodies may nest.
    ///
    /// Every pass recurses once per level, the parser by about a dozen frames; a debug build on an
    /// 8 MB stack overflows at about 700 nested parentheses and 600 nested sums, so 200 leaves room
    /// to spare (ChainTests runs 200 of each kind in every mode under an 8 MB hard limit). Flat
    /// chains (`1+1+...+1`, Chain.swift) do not nest.
    public static let nestingLimit = 200

    /// Enters one level of nesting at `t`; past the limit, error E0070 at `t` ends the statement.
    func enterNesting(at t: Token) throws {
        guard nestingDepth < Parser.nestingLimit else {
            throw fail(.E0070, "expression or statement nested more than \(Parser.nestingLimit) levels deep", at: t,
                       label: "level \(Parser.nestingLimit + 1)",
                       help: ["split the expression with intermediate parameters, or the statement into several"])
        }
        nestingDepth += 1
    }

    /// Leaves the level entered last.
    func leaveNesting() {
        nestingDepth -= 1
    }
}
