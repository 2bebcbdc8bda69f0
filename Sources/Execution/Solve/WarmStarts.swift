import IR

/// What each solve statement's last solve leaves for its next one, by statement (`file:line`):
/// a loop re-solving an LP starts from the previous basis, as GAMS does unless
/// `option bratio = 1`; a nonlinear one from the previous point's multipliers when its rows and
/// columns are the same ones.
struct WarmStarts {
    private var bases: [String: SimplexBasis] = [:]
    private var multipliers: [String: (identity: SolveIdentity, multipliers: InteriorPointMultipliers)] = [:]

    /// Sets the starts of `options` for `statement`'s solve of `solved` (the model the backend
    /// gets, after the reductions). A basis is used when `basis` allows it and its sizes match;
    /// multipliers when `identity` (nonlinear solves only) is the previous solve's.
    func prime(_ options: inout SolveOptions, statement: String, solved: ScalarModel, basis: Bool, identity: SolveIdentity?) {
        if basis, let previous = bases[statement],
           previous.rows.count == solved.rowCount, previous.columns.count == solved.columnCount {
            options.startBasis = previous
        }
        if let identity, let previous = multipliers[statement], previous.identity == identity {
            options.startMultipliers = previous.multipliers
        }
    }

    /// Keeps what `result` offers for `statement`'s next solve.
    mutating func record(_ result: SolveResult, statement: String, identity: SolveIdentity?) {
        if let b = result.basis { bases[statement] = b }
        if let identity { multipliers[statement] = result.multipliers.map { (identity, $0) } }
    }
}
