import IR

/// What each solve statement's last solve leaves for its next one, by statement (`file:line`):
/// a loop re-solving an LP starts from the previous basis, as GAMS does unless
/// `option bratio = 1`; a nonlinear one from the multipliers of the statement's last solve with
/// the same rows and columns. A statement keeps the last few structures it solved, so that a loop
/// that solves one agent after another through one statement (each a different set of rows)
/// starts each agent from its own previous solve.
struct WarmStarts {
    /// How many structures of one statement keep their multipliers (the most recent ones).
    static let structuresPerStatement = 8
    private var bases: [String: SimplexBasis] = [:]
    private var multipliers: [String: [(identity: SolveIdentity, multipliers: InteriorPointMultipliers)]] = [:]

    /// Sets the starts of `options` for `statement`'s solve of `solved` (the model the backend
    /// gets, after the reductions). A basis is used when `basis` allows it and its sizes match;
    /// multipliers when `identity` (nonlinear solves only) is the previous solve's.
    func prime(_ options: inout SolveOptions, statement: String, solved: ScalarModel, basis: Bool, identity: SolveIdentity?) {
        if basis, let previous = bases[statement],
           previous.rows.count == solved.rowCount, previous.columns.count == solved.columnCount {
            options.startBasis = previous
        }
        if let identity, let previous = multipliers[statement]?.last(where: { $0.identity == identity }) {
            options.startMultipliers = previous.multipliers
        }
    }

    /// Keeps what `result` offers for `statement`'s next solve.
    mutating func record(_ result: SolveResult, statement: String, identity: SolveIdentity?) {
        if let b = result.basis { bases[statement] = b }
        guard let identity else { return }
        var kept = multipliers[statement, default: []].filter { $0.identity != identity }
        if let m = result.multipliers { kept.append((identity, m)) }
        multipliers[statement] = Array(kept.suffix(WarmStarts.structuresPerStatement))
    }
}
