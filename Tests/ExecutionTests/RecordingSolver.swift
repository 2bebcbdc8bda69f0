import Diagnostics
import Execution
import Foundation
import IR
import Semantics
import Syntax

/// A fake backend for pipeline tests: it records each model and options it is given and answers
/// with what `answer` makes of the model (levels and marginals by row or column name).
final class RecordingSolver: Solver, @unchecked Sendable {
    let name: String
    private let answer: (ScalarModel) -> SolveResult
    private let lock = NSLock()
    private var received: [(model: ScalarModel, options: SolveOptions)] = []

    init(name: String, answer: @escaping (ScalarModel) -> SolveResult = RecordingSolver.optimum([:])) {
        self.name = name
        self.answer = answer
    }

    /// Every solve so far: the model and options, in order.
    var calls: [(model: ScalarModel, options: SolveOptions)] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    func solve(_ model: ScalarModel, options: SolveOptions) -> SolveResult {
        lock.lock()
        received.append((model, options))
        lock.unlock()
        return answer(model)
    }

    /// An optimal answer whose levels (columns) and marginals (rows) come from `values` by
    /// display name (`x(a)`); everything else is 0.
    static func optimum(_ values: [String: Double], objective: Double = 0,
                        basis: SimplexBasis? = nil) -> (ScalarModel) -> SolveResult {
        { model in
            var r = SolveResult(modelStatus: .optimal, solverStatus: .normalCompletion)
            r.objective = objective
            r.columnLevel = model.columnOrigin.map { values[$0.displayName] ?? 0 }
            r.columnMarginal = Array(repeating: 0, count: model.columnCount)
            r.rowLevel = Array(repeating: 0, count: model.rowCount)
            r.rowMarginal = model.rowOrigin.map { values[$0.displayName] ?? 0 }
            r.basis = basis
            return r
        }
    }
}

/// What running a program with fake backends produced.
struct PipelineRun {
    var events: [RunEvent]
    var diagnostics: [Diagnostic]

    /// The solves in order.
    var solves: [SolveReport] {
        events.compactMap { if case .solve(let s) = $0 { return s } else { return nil } }
    }

    /// The last display of `symbol` (and attribute): label tuples to values.
    func records(_ symbol: String, _ attribute: String? = nil) -> [[String]: Double] {
        var out: [[String]: Double] = [:]
        for case .display(let d) in events where d.symbol == symbol && d.attribute == attribute {
            out = Dictionary(uniqueKeysWithValues: d.records.map { ($0.labels, $0.value) })
        }
        return out
    }

    /// The warnings and errors as `CODE message`.
    var messages: [String] { diagnostics.map { "\($0.code) \($0.message)" } }
}

/// Compiles `source` and runs it with the backends of `solvers` (no Driver, no real solver).
func runPipeline(_ source: String, solvers: SolverRegistry) -> PipelineRun {
    let bag = DiagnosticBag()
    let lines = Preprocessor(defines: [:], diagnostics: bag).run(file: SourceFile(path: "model.gms", text: source))
    let program = Compiler(diagnostics: bag).compile(Parser(lines: lines, diagnostics: bag).parseProgram())
    guard !bag.hasErrors else { return PipelineRun(events: [], diagnostics: bag.items) }
    let interpreter = Interpreter(program: program, diagnostics: bag, solvers: solvers)
    interpreter.run()
    return PipelineRun(events: interpreter.events, diagnostics: bag.items)
}
