import IR

/// Mathematical programs with equilibrium constraints (`solve m using mpec`): an objective, the
/// ordinary constraints of the rows listed without a variable, and complementarity pairs
/// (`equation.variable`), solved by Scholtes's relaxation through Ipopt.
///
/// The pairs become equalities with slacks and rows `product <= t` (`ComplementarityProgram`);
/// Ipopt solves the relaxed program for t = 1, 1e-2, 1e-4, ... down to 1e-10, each solve
/// starting where the previous one ended, and stops as soon as every pair is within 1e-6 of
/// complementarity (`MCPEvaluation`'s measure). An MPEC is nonconvex: a solution is 2 Locally
/// Optimal, never 1. What comes back: levels; for the ordinary rows and the columns without a
/// pair Ipopt's multipliers, as for an NLP; for the pairs GAMS's MCP convention (a paired
/// column's marginal is its function F, a paired row's marginal its column's level).
public struct IpoptMPECSolver: Solver {
    public let name = "ipopt"
    private let ipopt = IpoptSolver()
    /// The relaxation parameter's sequence.
    static let steps: [Double] = [1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10]

    public init() {}

    public func optionProblems(_ settings: [SolverOptionSetting]) -> [String] { ipopt.optionProblems(settings) }

    public func releaseThreadState() { ipopt.releaseThreadState() }

    public func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        guard let pairs = model.complementarity?.pairedColumn, pairs.count == model.rowCount else {
            return ipopt.solve(model, options: options)
        }
        let layout = MCPLayout(model, pairedColumn: pairs)
        let evaluation = MCPEvaluation(model, layout: layout)
        var program = ComplementarityProgram(model, layout: layout, evaluation: evaluation, products: .constraints)
        let tight = ComplementarityProgram.tightened(options)
        var answer = SolveResult(modelStatus: .noSolutionReturned, solverStatus: .normalCompletion)
        var iterations = 0, seconds = 0.0
        for t in Self.steps {
            program.relax(to: t)
            answer = ipopt.solve(program.model, options: tight)
            iterations += answer.iterations
            seconds += answer.solverSeconds
            guard answer.hasSolution, !answer.modelStatus.isInfeasible,
                  answer.solverStatus == .normalCompletion else { break }
            program.start(at: answer.columnLevel)
            evaluation.x = Array(answer.columnLevel.prefix(model.columnCount))
            if let f = evaluation.functions(), layout.violation(evaluation.x, f) <= MCPEvaluation.tolerance { break }
        }
        var result = outcome(answer, model, evaluation: evaluation, iterations: iterations)
        result.solverSeconds = seconds
        result.warnings = answer.warnings
        return result
    }

    /// The result of the last relaxed solve `answer` in the model's terms.
    private func outcome(_ answer: SolveResult, _ model: ScalarModel, evaluation: MCPEvaluation, iterations: Int) -> SolveResult {
        guard answer.hasSolution else { return answer }
        evaluation.x = Array(answer.columnLevel.prefix(model.columnCount))
        let stop: SolverStatus? = answer.solverStatus == .normalCompletion ? nil : answer.solverStatus
        var r = evaluation.judged(iterations: iterations, stop: stop, failure: "the relaxation ended at t = 1e-10")
        let pairs = model.complementarity?.pairedColumn ?? []
        let pairedColumns = Set(pairs.filter { $0 >= 0 }.map(Int.init))
        for row in 0 ..< Swift.min(model.rowCount, answer.rowMarginal.count) where pairs[row] < 0 {
            r.rowMarginal[row] = answer.rowMarginal[row]
        }
        for c in 0 ..< Swift.min(model.columnCount, answer.columnMarginal.count) where !pairedColumns.contains(c) {
            r.columnMarginal[c] = answer.columnMarginal[c]
        }
        r.objective = answer.objective
        if answer.modelStatus.isInfeasible {
            r.modelStatus = answer.modelStatus
            r.message = answer.message
        } else if r.modelStatus == .optimal {
            r.modelStatus = .locallyOptimal
        }
        return r
    }
}
