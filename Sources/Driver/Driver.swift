import Diagnostics
import Execution
import Foundation
import IR
import Report
import Semantics
import Solvers
import Syntax

/// Exit codes of a run (see docs/cli.md, "Exit codes").
public enum ExitCode: Int32, Comparable {
    case solved = 0, compileError = 1, dataError = 2, infeasibleOrUnbounded = 3, solverLimit = 4, usage = 64
    /// An output file (a put file) could not be written; replaces the run's own code.
    case outputFailed = 5

    /// The code of one solve: 3 when it proved the model infeasible or unbounded, 4 when the
    /// solver stopped short of an answer (a limit, a failure), 0 otherwise.
    init(modelStatus: ModelStatus, solverStatus: SolverStatus) {
        if solverStatus != .normalCompletion {
            self = .solverLimit
        } else if modelStatus.isInfeasible || modelStatus.isUnbounded || modelStatus == .intermediateInfeasible {
            self = .infeasibleOrUnbounded
        } else {
            self = .solved
        }
    }

    public static func < (a: ExitCode, b: ExitCode) -> Bool { a.rawValue < b.rawValue }
}

/// What a run lets dollar control do (`--allow-shell`) and where `$log` writes.
public typealias PreprocessorSettings = Syntax.PreprocessorSettings

/// How a run goes: solve everything, or only parse and check.
public enum RunMode {
    case solve
    case check
    /// Run up to the first `solve` and keep its generated model (`RunResult.firstModel`).
    case firstModel
}

/// What a run produced: events in order, diagnostics, the exit code, the program's files.
public struct RunResult {
    public var events: [RunEvent]
    public var diagnostics: [Diagnostic]
    public var exitCode: ExitCode
    /// Symbols and equation counts of the checked program (for `enm check`).
    public var program: Program?
    /// How the run went (a check adds the equations' classes to the JSON object).
    public var mode: RunMode = .solve
    /// The first solve's generated model (mode `.firstModel`), nil when there was none.
    public var firstModel: CapturedModel? = nil
    /// The first solve's model in numbers (`enm check`), nil when no solve was reached.
    public var statistics: ModelStatistics? = nil
    /// Every source file the preprocessor read, main file first, as it was read (for the ledger).
    public var sourceFiles: [SourceFile] = []
}

/// The façade over the pipeline: preprocess, parse, compile, execute, report.
public enum Driver {
    /// Runs the model file at `path` as `options` ask; `onEvent` sees each display and solve as
    /// it happens, `onSolvePhase` each solve statement's start and end.
    public static func run(path: String, options: RunOptions = RunOptions(), onEvent: ((RunEvent) -> Void)? = nil,
                           onSolvePhase: ((SolvePhase) -> Void)? = nil) -> RunResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let bag = DiagnosticBag()
        let mode = options.mode
        let pre = makePreprocessor(defines: options.defines, bag: bag, settings: options.preprocessing)
        let program: Program
        switch compileFile(path: path, mode: mode, preprocessor: pre, bag: bag) {
        case .finished(let result): return result
        case .compiled(let compiled): program = compiled
        }
        let interpreter = makeInterpreter(program, bag: bag, path: path, isolatedBy: options.grid.worker)
        interpreter.settings = options.execution(modelDirectory: interpreter.settings.modelDirectory)
        interpreter.runStart = start
        interpreter.onEvent = onEvent
        interpreter.onSolvePhase = onSolvePhase
        if mode == .solve { enablePutFiles(interpreter, path: path) }
        let errorsBefore = bag.errorCount
        let completed = interpreter.run()
        interpreter.finishPutFiles()
        let putFailed = interpreter.putOutput.failed
        var code = ExitCode.solved
        if !options.generateOnly {
            for case .solve(let s) in interpreter.events { code = max(code, ExitCode(modelStatus: s.modelStatus, solverStatus: s.solverStatus)) }
        }
        if bag.errorCount > errorsBefore || !completed {
            // a model refused because its data make it infeasible (E4015 rows, E4016 bounds) is infeasible
            let newErrors = bag.items.filter { $0.severity == .error }.dropFirst(errorsBefore)
            let infeasible = !newErrors.isEmpty && newErrors.allSatisfy { Driver.infeasibilityCodes.contains($0.code) }
            if code == .solved { code = infeasible ? .infeasibleOrUnbounded : .dataError }
        }
        // a put file that could not be written replaces the run's own code, as --out does
        if putFailed { code = .outputFailed }
        return RunResult(events: interpreter.events, diagnostics: bag.items, exitCode: code, program: program,
                         mode: mode, firstModel: interpreter.capturedModel, sourceFiles: pre.files)
    }

    /// What the front end made of a file: a program to run, or already the run's result.
    enum FrontEnd {
        case finished(RunResult)
        case compiled(Program)
    }

    /// Preprocesses, parses and compiles the file at `path`: a function of its own, so that the
    /// preprocessed lines and the syntax tree (megabytes for data-heavy models) are released
    /// before the program runs.
    static func compileFile(path: String, mode: RunMode, preprocessor pre: Preprocessor, bag: DiagnosticBag) -> FrontEnd {
        let lines = pre.run(path: path)
        for name in pre.unreadDefines {
            bag.warning(.W0090, "--\(name) is not used by the model: no %\(name)% or $if set \(name) reads it", at: .none)
        }
        let parser = Parser(lines: lines, diagnostics: bag, memoryLimit: pre.settings.memoryLimit)
        let statements = parser.parseProgram()
        if pre.terminated && !bag.hasErrors {
            // `$terminate`: the program compiled so far is checked, and not run
            _ = Compiler(diagnostics: bag).compile(statements)
            return .finished(RunResult(events: [], diagnostics: bag.items, exitCode: bag.hasErrors ? exitCodeForCompile(bag) : .solved,
                                       program: nil, mode: mode, sourceFiles: pre.files))
        }
        if bag.hasErrors {
            // the statements that parsed are still checked, so that every independent error of
            // the file shows in one run; names of the abandoned statements raise no cascades
            let compiler = Compiler(diagnostics: bag)
            compiler.unreliableNames = parser.namesInAbandonedStatements
            _ = compiler.compile(statements)
            let ordered = bag.items.enumerated().sorted { a, b in
                let (x, y) = (a.element.span, b.element.span)
                if x.path != y.path { return a.offset < b.offset }
                return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
            }.map(\.element)
            return .finished(RunResult(events: [], diagnostics: ordered, exitCode: exitCodeForCompile(bag), program: nil,
                                       sourceFiles: pre.files))
        }
        let compiler = Compiler(diagnostics: bag)
        let program = compiler.compile(statements)
        if mode == .check && !bag.hasErrors {
            compiler.lint()
            return .finished(checkRun(program, bag: bag, path: path, sourceFiles: pre.files))
        }
        if bag.hasErrors || mode == .check {
            return .finished(RunResult(events: [], diagnostics: bag.items, exitCode: bag.hasErrors ? exitCodeForCompile(bag) : .solved,
                                       program: program, mode: mode, sourceFiles: pre.files))
        }
        return .compiled(program)
    }

    /// A preprocessor whose `$eval card(s)` counts the members of sets given in the lines read so far.
    static func makePreprocessor(defines: [String: String], bag: DiagnosticBag, settings: PreprocessorSettings) -> Preprocessor {
        let pre = Preprocessor(defines: defines, diagnostics: bag, settings: settings)
        pre.setCardinality = { name, linesSoFar in
            // the lines so far are compiled on their own: their diagnostics come again later
            let scratch = DiagnosticBag()
            let statements = Parser(lines: linesSoFar, diagnostics: scratch).parseProgram()
            let program = Compiler(diagnostics: scratch).compile(statements)
            guard let symbol = program.symbols.first(where: { $0.name.lowercased() == name.lowercased() }),
                  symbol.kind == .set else { return nil }
            let set = symbol.aliasOf ?? symbol
            return set.hasData ? set.setData.count : nil
        }
        return pre
    }

    /// Lets the run write its put files: atomically, relative names in the model file's folder
    /// (where enm also writes GDX files and `$echo` files, and finds `$include` files).
    static func enablePutFiles(_ interpreter: Interpreter, path: String) {
        interpreter.putOutput.inputFile = absolutePath(path)
        interpreter.putOutput.directory = interpreter.settings.modelDirectory
        interpreter.putOutput.writer = { target, bytes in
            do {
                try ResultsWriter.writeAtomically(bytes, to: target)
            } catch let e as ResultsWriteError {
                throw PutWriteFailure(reason: e.reason)
            }
        }
        interpreter.putOutput.ledgerSealer = { lines, prefix in
            do {
                return try RunLedger.seal(lines, after: prefix)
            } catch let e as LedgerSealError {
                throw PutWriteFailure(reason: e.reason, help: [
                    "every line put to a file with .ledger = 1 is one JSON object without seq, prev and hash, "
                        + "e.g. put '{\"step\":' ord(t):0:0 '}' /;"])
            }
        }
    }

    /// The backends a run solves with: GLPK for linear and mixed-integer models, Ipopt for
    /// nonlinear ones, Bonmin for mixed-integer nonlinear ones (and, when picked, their relaxations).
    ///
    /// With `executable` (the running `enm`), CBC's searches, Ipopt's nonlinear programs, Bonmin
    /// and Siconos solve in processes of their own (`IsolatedSolver`): those libraries can abort
    /// the process on some models, or run on past `resLim`, and a child's end is then one failed
    /// solve, not the end of the run.
    public static func standardSolvers(isolatedBy executable: String? = nil) -> SolverRegistry {
        let processes = executable.map { SolverProcesses(executable: $0) }
        func isolated(_ backend: Solver, _ title: String,
                      when isolates: @escaping @Sendable (ScalarModel, SolveOptions) -> Bool = { _, _ in true }) -> Solver {
            processes.map { IsolatedSolver(backend, title: title, processes: $0, isolates: isolates) } ?? backend
        }
        var solvers = SolverRegistry()
        solvers.register(GLPKSolver(), title: "GLPK", modelTypes: [.lp, .mip, .rmip])
        solvers.register(CLPSolver(), title: "CLP", modelTypes: [.lp, .rmip])
        // CBC's LPs are CLP's, in this process
        let cbc = isolated(CBCSolver(), "CBC") { model, options in model.hasIntegers && !options.relaxIntegrality }
        solvers.register(cbc, title: "CBC", modelTypes: [.lp, .mip, .rmip])
        // Ipopt looks at resLim between iterations only: a step that does not end (MUMPS's
        // factorization on coefficients of 1e300) is bounded by its process. (A solver process
        // serves "ipopt" with this backend, the first of that name; the MCP and MPEC programs
        // stay in this process.)
        solvers.register(isolated(IpoptSolver(), "Ipopt"), title: "Ipopt", modelTypes: [.nlp, .qcp, .dnlp, .rminlp, .rmiqcp])
        solvers.register(isolated(BonminSolver(), "Bonmin"), title: "Bonmin", modelTypes: [.minlp, .miqcp, .rminlp, .rmiqcp])
        // the Ipopt program is the default for mcp: Siconos's dense Newton stalls from about a
        // thousand pairs (benchmarks/mcp, docs/complementarity.md)
        solvers.register(IpoptMCPSolver(), title: "Ipopt", modelTypes: [.mcp])
        solvers.register(isolated(SiconosMCPSolver(), "Siconos"), title: "Siconos", modelTypes: [.mcp])
        solvers.register(IpoptMPECSolver(), title: "Ipopt", modelTypes: [.mpec, .rmpec])
        return solvers
    }

    /// Runs the solves sent on standard input (`enm solver-job --serve`, a solver process of a
    /// run) with the standard backends, in this process; the exit status.
    public static func serveSolverJobs() -> Int32 {
        var backends: [String: Solver] = [:]
        for entry in standardSolvers().entries where backends[entry.backend.name] == nil {
            backends[entry.backend.name] = entry.backend
        }
        return SolverJob.serve(backends: backends)
    }

    /// Runs the grid job in `folder` (`enm grid-job`) with the standard backends; the exit
    /// status.
    public static func runGridJob(_ folder: String) -> Int32 {
        GridWorker.run(directory: folder, solvers: standardSolvers())
    }

    /// Runs the job folders named on standard input (`enm grid-job --serve`, a worker of the
    /// local pool); the exit status.
    public static func serveGridJobs() -> Int32 {
        GridWorker.serve(solvers: standardSolvers())
    }

    /// The running executable's path (the worker grid jobs start); nil when unknown.
    public static func executablePath() -> String? {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return Bundle.main.executablePath
    }

    /// An interpreter with the standard backends that looks for option files beside the model file.
    /// `executable`: the running `enm`, which solver processes run (`standardSolvers`).
    static func makeInterpreter(_ program: Program, bag: DiagnosticBag, path: String, isolatedBy executable: String? = nil) -> Interpreter {
        let interpreter = Interpreter(program: program, diagnostics: bag, solvers: standardSolvers(isolatedBy: executable))
        let folder = Paths.directory(of: path)
        interpreter.settings.modelDirectory = folder.isEmpty ? "." : folder
        return interpreter
    }

    /// `enm check` past the compiler: runs the program up to its first solve (assignments and
    /// loops, no solve) to report the generated model's statistics and coefficient lints.
    static func checkRun(_ program: Program, bag: DiagnosticBag, path: String, sourceFiles: [SourceFile]) -> RunResult {
        let interpreter = makeInterpreter(program, bag: bag, path: path)
        interpreter.settings.stopAtFirstSolve = true
        interpreter.settings.hasEffects = false
        let errorsBefore = bag.errorCount
        interpreter.run()
        var statistics: ModelStatistics? = nil
        if let captured = interpreter.capturedModel {
            statistics = ModelStatistics(captured)
            coefficientLints(captured.model, program: program, bag: bag)
        }
        let code: ExitCode = bag.errorCount > errorsBefore ? .dataError : .solved
        var r = RunResult(events: [], diagnostics: bag.items, exitCode: code, program: program, mode: .check,
                          sourceFiles: sourceFiles)
        r.statistics = statistics
        return r
    }

    /// Coefficients whose magnitude is above 1e9 or below 1e-9 (W4101), at their equation; at
    /// most ten, then a count.
    static func coefficientLints(_ model: ScalarModel, program: Program, bag: DiagnosticBag) {
        var spans: [String: SourceSpan] = [:]
        for s in program.symbols where s.kind == .equation {
            if let d = program.definitions[s.id] { spans[s.name] = d.span }
        }
        var found = 0
        for i in 0..<model.rowCount {
            for k in model.rowStart[i]..<model.rowStart[i + 1] {
                let a = abs(model.entryValue[k])
                guard a > 1e9 || a < 1e-9 else { continue }
                found += 1
                guard found <= 10 else { continue }
                let row = model.rowOrigin[i], column = model.columnOrigin[Int(model.entryColumn[k])]
                bag.warning(.W4101, "coefficient \(String(format: "%.6g", model.entryValue[k])) of \(column.displayName) in \(row.displayName) is \(a > 1e9 ? "above 1e9" : "below 1e-9") in magnitude",
                            at: spans[row.symbol] ?? .none, label: "badly scaled",
                            help: ["rescale the variable or the equation (change its units) so coefficients stay within about 1e-6 to 1e6"])
            }
        }
        if found > 10 {
            bag.warning(.W4101, "\(found - 10) more coefficients are above 1e9 or below 1e-9 in magnitude", at: .none)
        }
    }

    /// An objective as the summary writes it: plain digits with six decimals (E-notation only
    /// beyond 1e15), special values by name.
    static func summaryNumber(_ v: Double) -> String {
        if let name = SpecialValue.name(of: v) { return name == "EPS" ? String(format: "%.6f", 0.0) : name }
        if v.isNaN { return "UNDF" }
        if abs(v) >= 1e15 { return String(format: "%.6e", v) }
        return String(format: "%.6f", v == 0 ? 0 : v)
    }

    /// One equation's class as `enm check` reports it.
    public struct EquationClass {
        public var name: String
        public var kind: ExpressionClass
        /// Why (the culprit term's reason), empty for linear equations.
        public var reason: String
        /// Line of the definition, and line/column of the culprit term.
        public var line: Int
        public var termLine: Int
        public var termColumn: Int
    }

    /// The class of every defined equation, in declaration order.
    public static func equationClasses(_ program: Program) -> [EquationClass] {
        program.symbols.compactMap { s in
            guard s.kind == .equation, let d = program.definitions[s.id] else { return nil }
            let c = Compiler.classify(d)
            return EquationClass(name: s.name, kind: c.kind == .constant ? .linear : c.kind, reason: c.reason,
                                 line: d.span.line, termLine: c.culprit?.span.line ?? d.span.line,
                                 termColumn: c.culprit.map { Compiler.extent(of: $0).column } ?? d.span.column)
        }
    }

    /// The `enm check` text: one line per equation with its class and, when not linear, why.
    public static func classesText(_ program: Program) -> String {
        let classes = equationClasses(program)
        let width = classes.map(\.name.count).max() ?? 0
        return classes.map { c in
            let pad = String(repeating: " ", count: width - c.name.count)
            let why = c.reason.isEmpty ? "" : "  (\(c.reason), line \(c.termLine):\(c.termColumn))"
            return "  \(c.name)\(pad)  \(c.kind.name)\(why)\n"
        }.joined()
    }

    /// Run-time errors that mean the model's data make it infeasible.
    static let infeasibilityCodes: Set<String> = [DiagnosticCode.E4015.rawValue, DiagnosticCode.E4016.rawValue]

    static func exitCodeForCompile(_ bag: DiagnosticBag) -> ExitCode {
        let errors = bag.items.filter { $0.severity == .error }
        if !errors.isEmpty && errors.allSatisfy({ $0.code.hasPrefix("E3") }) { return .dataError }
        return .compileError
    }

    // MARK: - rendering

    /// The `--json` object: `{"solves": [...], "displays": [...], "diagnostics": [...], "exitCode": N}`.
    public static func json(_ r: RunResult) -> String {
        var solves: [JSONValue] = []
        var displays: [JSONValue] = []
        for e in r.events {
            switch e {
            case .solve(let s): solves.append(solveJSON(s))
            case .display(let d): displays.append(JSONValue.displayRecordsJSON(d))
            }
        }
        let diags: [JSONValue] = r.diagnostics.map { d in
            .object([
                ("severity", .string(d.severity.rawValue)), ("code", .string(d.code)), ("message", .string(d.message)),
                ("file", d.span.file == nil ? .null : .string(d.span.path)), ("line", .int(d.span.line)),
                ("column", .int(d.span.characterColumn)),
            ])
        }
        var fields: [(String, JSONValue)] = [
            ("solves", .array(solves)), ("displays", .array(displays)), ("diagnostics", .array(diags)),
            ("exitCode", .int(Int(r.exitCode.rawValue))),
        ]
        if r.mode == .check, let p = r.program {
            fields.append(("equations", .array(equationClasses(p).map { c in
                .object([("name", .string(c.name)), ("class", .string(c.kind.name)), ("modelType", .string(c.kind.modelType)),
                         ("reason", c.reason.isEmpty ? .null : .string(c.reason)), ("line", .int(c.line))])
            })))
            if let s = r.statistics {
                func range(_ r: (Double, Double)?) -> JSONValue {
                    r.map { .array([.number($0.0), .number($0.1)]) } ?? .null
                }
                fields.append(("statistics", .object([
                    ("model", .string(s.model)), ("type", .string(s.type.rawValue)), ("rows", .int(s.rows)),
                    ("columns", .int(s.columns)), ("nonzeros", .int(s.nonzeros)),
                    ("integerColumns", .int(s.integerColumns)), ("nonlinearRows", .int(s.nonlinearRows)),
                    ("coefficientRange", range(s.coefficientRange)), ("rightHandSideRange", range(s.rightHandSideRange)),
                ])))
            }
        }
        return JSONValue.object(fields).render()
    }

    static func solveJSON(_ s: SolveReport) -> JSONValue {
        .object([
            ("model", .string(s.model)), ("type", .string(s.type.rawValue)), ("solver", .string(s.solver)),
            ("direction", .string(s.direction.rawValue)), ("modelStatus", .int(s.modelStatus.rawValue)),
            ("modelStatusText", .string(s.modelStatus.text)), ("solverStatus", .int(s.solverStatus.rawValue)),
            ("solverStatusText", .string(s.solverStatus.text)),
            ("objective", s.objective.map { $0.isFinite ? JSONValue.number($0) : .null } ?? .null),
        ] + (s.bestBound.map { b in [("bestBound", b.isFinite ? JSONValue.number(b) : .null)] } ?? []) + [
            ("rows", .int(s.rows)), ("columns", .int(s.columns)), ("nonzeros", .int(s.nonzeros)),
            ("iterations", .int(s.iterations)),
            ("blocks", .int(s.blocks)),
            ("impliedBounds", .int(s.impliedBounds)),
            ("seconds", .object([("generation", .number(s.generationSeconds)), ("solver", .number(s.solverSeconds)),
                                 ("elapsed", .number(s.elapsedSeconds))]
                                + (s.evaluationSeconds.map { [("evaluation", JSONValue.number($0))] } ?? []))),
            ("line", .int(s.line)),
        ] + (s.conflict.map { [("conflict", conflictJSON($0))] } ?? []))
    }

    static func conflictJSON(_ c: Conflict) -> JSONValue {
        .object([
            ("method", .string(c.method.rawValue)), ("complete", .bool(c.complete)),
            ("members", .array(c.members.map { m in
                .object([("kind", .string(m.kind.rawValue)), ("symbol", .string(m.symbol)),
                         ("labels", .array(m.labels.map { .string($0) })), ("line", .int(m.line)),
                         ("file", m.file.isEmpty ? .null : .string(m.file)), ("column", .int(m.column)),
                         ("detail", .string(m.detail))])
            })),
        ])
    }

    /// The lines explaining an infeasible model, below its solve summary.
    static func conflictText(_ c: Conflict) -> String {
        guard !c.members.isEmpty else { return "" }
        var out: String
        switch c.method {
        case .deletionFilter:
            out = "     infeasible: these \(c.members.count) constraints cannot hold together"
                + (c.complete ? " (an irreducible infeasible subset):\n" : " (the search stopped on its time limit, or a re-solve failed; the set may not be minimal):\n")
        case .elastic:
            out = "     infeasible: relaxing the rows shows where the violation sits"
                + (c.complete ? ":\n" : " (the elastic re-solve did not finish):\n")
        }
        let width = c.members.map(\.detail.count).max() ?? 0
        for m in c.members {
            let pad = String(repeating: " ", count: max(0, width - m.detail.count))
            let place = Provenance.location(file: m.file, line: m.line, column: m.column)
            out += "       \(m.detail)\(pad)  \(m.kind == .row ? "equation" : "variable") at \(place)\n"
        }
        return out
    }

    /// The short text summary printed after each solve.
    public static func summary(_ s: SolveReport, timing: Bool = true) -> String {
        let obj = s.objective.map(summaryNumber) ?? "none"
        return """
        ---- SOLVE \(s.model) using \(s.type.rawValue)\(s.objectiveVariable.isEmpty ? "" : " \(s.direction == .maximize ? "maximizing" : "minimizing") \(s.objectiveVariable)") (line \(s.line))
             solver \(s.solver): model status \(s.modelStatus.rawValue) \(s.modelStatus.text), solver status \(s.solverStatus.rawValue) \(s.solverStatus.text)
             objective \(obj), \(s.rows) rows, \(s.columns) columns, \(s.nonzeros) nonzeros\(s.blocks > 1 ? ", \(s.blocks) independent blocks" : "")\(s.impliedBounds > 0 ? ", \(s.impliedBounds) implied bound\(s.impliedBounds == 1 ? "" : "s") left to the equalities" : "")\(timing ? ", \(s.iterations) iterations" : "")

        """ + (s.bestBound.map { b in
            guard let o = s.objective, b.isFinite else { return "     best bound \(summaryNumber(b))\n" }
            let gap = abs(o - b) / Swift.max(abs(o), 1e-10)
            return "     best bound \(summaryNumber(b)), relative gap \(String(format: "%.4g", gap * 100))%\n"
        } ?? "")
            + ((s.solverStatus != .normalCompletion || (s.modelStatus.isInfeasible && s.conflict == nil))
               && !s.message.isEmpty ? "     \(s.message)\n" : "")
            + (s.conflict.map(conflictText) ?? "") + (timing ? "     time \(String(format: "%.3f", s.generationSeconds)) s generation, \(String(format: "%.3f", s.solverSeconds)) s solver"
               + (s.evaluationSeconds.map { " (\(String(format: "%.3f", $0)) s in function and derivative evaluations)" } ?? "")
               + ", \(String(format: "%.3f", s.elapsedSeconds)) s since reading began"
               + "\n\n\n" : "\n\n")
    }

    /// Renders diagnostics as caret text.
    public static func renderDiagnostics(_ ds: [Diagnostic], color: Bool = false) -> String {
        let (shown, omitted) = DiagnosticLimit.shown(ds)
        let text = shown.map { $0.rendered(color: color) }.joined(separator: "\n")
        return omitted.isEmpty ? text : text + "\n" + omitted.joined()
    }
}

/// Groups display items of one statement so scalars print together, as GAMS does.
public final class TextPrinter {
    private var pending: [DisplayItem] = []
    private let write: (String) -> Void
    private let timing: Bool

    /// `timing: false` leaves out times and iteration counts (golden tests).
    public init(timing: Bool = true, write: @escaping (String) -> Void) {
        self.write = write
        self.timing = timing
    }

    /// Takes the next event.
    public func take(_ e: RunEvent) {
        switch e {
        case .display(let d):
            if let last = pending.last, last.line != d.line { flush() }
            pending.append(d)
        case .solve(let s):
            flush()
            if let l = s.listing { write(l) }
            // `m.solPrint` off or silent asks for no solution output
            if !s.silent { write(Driver.summary(s, timing: timing)) }
        }
    }

    /// Prints what is pending.
    public func flush() {
        guard !pending.isEmpty else { return }
        write(DisplayFormatter.format(pending))
        pending = []
    }
}

// MARK: - results folder and run ledger

extension Driver {
    /// Code of the error when `--out DIR` cannot be written.
    public static let resultsWriteCode = DiagnosticCode.E6001
    /// Code of the error when `--ledger FILE` cannot be appended to.
    public static let ledgerWriteCode = DiagnosticCode.E6002

    /// The sets and parameters a run displayed (model attributes, texts and variable or
    /// equation attributes are not among them).
    public static func displayedSymbols(_ r: RunResult) -> Set<String> {
        var names: Set<String> = []
        for case .display(let d) in r.events where d.kind == .set || d.kind == .parameter { names.insert(d.symbol) }
        return names
    }

    /// The files `enm solve --out DIR` writes, in writing order: a CSV per displayed set or
    /// parameter and per variable and equation with records (their values at the end of the
    /// run), then `summary.json`, the `--json` object with a line end.
    public static func resultFiles(_ r: RunResult) -> [(name: String, contents: String)] {
        var files: [ResultFile] = []
        if let p = r.program {
            files = ResultsWriter.csvFiles(symbols: p.symbols, labels: p.labels, displayed: displayedSymbols(r),
                                           acronyms: p.acronyms)
        }
        files.append(ResultFile(name: "summary.json", contents: json(r) + "\n"))
        return files.map { ($0.name, $0.contents) }
    }

    /// Writes ``resultFiles(_:)`` into `directory` (created if missing), each file atomically.
    /// Returns the error (E6001) when that fails, nothing when all files were written.
    public static func writeResults(_ r: RunResult, to directory: String) -> [Diagnostic] {
        do {
            try ResultsWriter.write(resultFiles(r).map { ResultFile(name: $0.name, contents: $0.contents) }, to: directory)
            return []
        } catch let e as ResultsWriteError {
            let reason = e.path == directory ? e.reason : "'\(e.path)': \(e.reason)"
            return [Diagnostic(.error, resultsWriteCode, "cannot write results to '\(directory)': \(reason)", at: .none)]
        } catch {
            return [Diagnostic(.error, resultsWriteCode, "cannot write results to '\(directory)': \(error)", at: .none)]
        }
    }

    /// `path` made absolute against the working folder, with `.` and `..` resolved.
    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The ledger's record of a run of `file` with `defines` (before `seq`, `prev`, `hash`):
    /// the hashes are of the files' bytes as the run read them.
    public static func ledgerEntry(_ r: RunResult, file: String, defines: [String: String], date: Date = Date()) -> LedgerEntry {
        let main = absolutePath(file)
        let mainSource = r.sourceFiles.first.flatMap { absolutePath($0.path) == main ? $0 : nil }
        var seen: Set<String> = [main]
        var includes: [(path: String, sha256: String)] = []
        for f in r.sourceFiles.dropFirst(mainSource == nil ? 0 : 1) {
            let p = absolutePath(f.path)
            if seen.insert(p).inserted { includes.append((p, SHA256.hex(f.bytes))) }
        }
        var solves: [LedgerSolve] = []
        for case .solve(let s) in r.events {
            solves.append(LedgerSolve(model: s.model, type: s.type.rawValue, modelStatus: s.modelStatus.rawValue,
                                      solverStatus: s.solverStatus.rawValue, objective: s.objective))
        }
        return LedgerEntry(time: RunLedger.timestamp(date), file: main, fileSHA256: mainSource.map { SHA256.hex($0.bytes) },
                           includes: includes, switches: defines, solves: solves, exitCode: Int(r.exitCode.rawValue))
    }

    /// Appends the record of a run to the ledger at `path` (created if missing). Returns the
    /// error (E6002) when that fails, nothing when the record was appended.
    public static func appendLedger(_ r: RunResult, to path: String, file: String, defines: [String: String],
                                    date: Date = Date()) -> [Diagnostic] {
        do {
            try RunLedger.append(ledgerEntry(r, file: file, defines: defines, date: date), to: path)
            return []
        } catch let e as ResultsWriteError {
            return [Diagnostic(.error, ledgerWriteCode, "cannot append to the ledger '\(path)': \(e.reason)", at: .none)]
        } catch {
            return [Diagnostic(.error, ledgerWriteCode, "cannot append to the ledger '\(path)': \(error)", at: .none)]
        }
    }

    /// Checks the ledger at `path` (`enm ledger verify`): whether it is intact, and the verdict
    /// line (`ledger FILE: N records, intact`, or the first bad record and why).
    public static func verifyLedger(path: String, records: Int? = nil) -> (intact: Bool, message: String) {
        let v = RunLedger.verify(path: path).expecting(records: records)
        return (v.intact, v.message(path: path))
    }
}
