import ArgumentParser
import Driver
import Execution
import Formats
import Foundation
import Platform

/// Writes to standard error.
func writeError(_ s: String) {
    FileHandle.standardError.write(s.data(using: .utf8) ?? Data())
}

/// Writes to standard output without buffering surprises.
func writeOut(_ s: String) {
    FileHandle.standardOutput.write(s.data(using: .utf8) ?? Data())
}

/// Splits `--name=value` scenario switches from the other arguments.
func scenarioDefines(_ args: [String]) throws -> [String: String] {
    var out: [String: String] = [:]
    for a in args {
        guard a.hasPrefix("--"), let eq = a.firstIndex(of: "=") else {
            throw ValidationError("unexpected argument '\(a)'; scenario switches are written --name=value")
        }
        let name = String(a[a.index(a.startIndex, offsetBy: 2)..<eq])
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ValidationError("invalid switch name in '\(a)'")
        }
        out[name] = String(a[a.index(after: eq)...])
    }
    return out
}

/// `--allow-shell` and `--memory-limit`, shared by the commands that read a model file.
struct ShellOption: ParsableArguments {
    @Flag(name: .customLong("allow-shell"), help: "Let the file run programs with $call, $hiddenCall and $execute (off: each is an error, E0122).")
    var allowShell = false

    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("The memory the run may take, such as 8G or 500M (0: no limit; default: 80 % of the machine's memory). Work that would pass it stops with E4050.", valueName: "size"),
            transform: { text in
                guard let limit = MemoryLimit.parse(text) else {
                    throw ValidationError("invalid --memory-limit '\(text)'; write a size such as 8G, 500M or 0 for no limit")
                }
                return limit
            })
    var memoryLimit: MemoryLimit = .standard

    /// The preprocessor's settings for this run.
    var preprocessing: PreprocessorSettings { PreprocessorSettings(allowShell: allowShell, memoryLimit: memoryLimit) }
}

struct Enm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enm",
        abstract: "A GAMS-like modeling language for energy-community optimization.",
        version: EnmVersion.current,
        subcommands: [Solve.self, Check.self, Ledger.self, Export.self, TexCommand.self, ExplainCommand.self, GDXCommand.self,
                      GridJobCommand.self, SolverJobCommand.self, SweepCommand.self])

    /// `enm` without a command: the usage on standard error and exit code 64, as for any other
    /// usage error (a script that forgot the command must not pass).
    func run() throws {
        writeError(Enm.helpMessage() + "\n")
        throw ExitCode(usageExitCode)
    }
}

/// The exit code of a usage error (sysexits' EX_USAGE), as ArgumentParser gives for bad options.
let usageExitCode: Int32 = 64

struct Solve: ParsableCommand {
    // command names spelled out: deriving them from the type names costs a run-time type
    // lookup per command at each start
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Run a model file: data, assignments, solves and displays.")

    @Argument(help: "The model file (.enm or .gms).")
    var file: String

    @Flag(help: "Print one JSON object with solves, displays, diagnostics and the exit code.")
    var json = false

    @Flag(name: .customLong("generate-only"), help: "Generate each solve's model and load it into the solver, but do not solve.")
    var generateOnly = false

    @Flag(name: .customLong("no-iis"), help: "Do not search for the conflicting constraints of an infeasible model.")
    var noIIS = false

    @Flag(name: .customLong("no-blocks"), help: "Solve a linear or mixed-integer model whole even when its matrix splits into independent blocks.")
    var noBlocks = false

    @Flag(name: .customLong("no-implied-bounds"), help: "Give Ipopt every bound, also the lower bounds that an equality implies.")
    var noImpliedBounds = false

    @Flag(help: "Print GAMS-style equation and column listings before each solve (limRow/limCol entries per symbol, default 3).")
    var listing = false

    @Option(name: .customLong("out"), help: ArgumentHelp("Write displayed sets and parameters, all variables and equations (CSV) and summary.json into this folder.", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Write a self-contained HTML report (summaries, tables, charts) to this file.", valueName: "file.html"))
    var report: String?

    @Option(name: .customLong("ledger"), help: ArgumentHelp("Append a hash-chained record of this run to this JSON Lines file.", valueName: "file"))
    var ledger: String?

    @Flag(name: .customLong("progress"), help: "Show progress also when standard error is not a terminal: a plain line every 5 seconds of a long solve.")
    var showProgress = false

    @Flag(name: .customLong("log"), help: "Write the solvers' own logs (GLPK's, CLP's, CBC's, Ipopt's) to standard error, as GAMS's logOption=3 shows them.")
    var log = false

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Append the solvers' own logs to this file (GAMS's logOption=2 with logFile).", valueName: "file"))
    var logFile: String?

    @OptionGroup var shell: ShellOption

    @OptionGroup var grid: GridOptions

    @Argument(parsing: .allUnrecognized, help: "Scenario switches --name=value, as with gams model.gms --name=value.")
    var switches: [String] = []

    func run() throws {
        let defines = try scenarioDefines(switches)
        var printer: TextPrinter? = nil
        if !json { printer = TextPrinter(write: writeOut) }
        var options = RunOptions(defines: defines, mode: .solve, preprocessing: shell.preprocessing, generateOnly: generateOnly,
                                 explainInfeasibility: !noIIS, listing: listing, blocks: !noBlocks, impliedBounds: !noImpliedBounds)
        options.solverLog = logFile.map { .file($0) } ?? (log ? .standardError : nil)
        options.grid = try grid.settings()
        // a long solve shows a live line on a terminal; what was displayed before it shows first
        let progress = isatty(2) != 0 ? ProgressLine(write: writeError)
            : showProgress ? ProgressLine(write: writeError, delay: 1, interval: 5, plain: true) : nil
        options.reportsProgress = progress != nil
        let result = Driver.run(path: file, options: options, onEvent: { e in printer?.take(e) }, onSolvePhase: { phase in
            if case .started = phase { printer?.flush() }
            progress?.show(phase)
        })
        printer?.flush()
        if !result.diagnostics.isEmpty {
            writeError(Driver.renderDiagnostics(result.diagnostics, color: isatty(2) != 0 && !json))
        }
        if json { writeOut(Driver.json(result) + "\n") }
        // results or a ledger record that cannot be written: exit code 5, whatever the run gave
        var outputFailed = false
        if let out {
            let problems = Driver.writeResults(result, to: out)
            if !problems.isEmpty {
                writeError(Driver.renderDiagnostics(problems, color: isatty(2) != 0 && !json))
                outputFailed = true
            }
        }
        if let report {
            let problems = HTMLReport.write(result, to: report, title: file)
            if !problems.isEmpty {
                writeError(Driver.renderDiagnostics(problems, color: isatty(2) != 0 && !json))
                // a chart directive the report cannot apply is a warning, not a failed output
                if problems.contains(where: { $0.severity == .error }) { outputFailed = true }
            }
        }
        if let ledger {
            let problems = Driver.appendLedger(result, to: ledger, file: file, defines: defines)
            if !problems.isEmpty {
                writeError(Driver.renderDiagnostics(problems, color: isatty(2) != 0 && !json))
                outputFailed = true
            }
        }
        throw ExitCode(outputFailed ? outputFailureExitCode : result.exitCode.rawValue)
    }
}

/// Where `solveLink` 3 sends its jobs: GAMS's grid directory and the scheduler.
struct GridOptions: ParsableArguments {
    @Option(name: .customLong("grid-dir"), help: ArgumentHelp("The grid directory (GAMS's gridDir): solveLink 3 jobs (a sweep's scenarios) go to a folder of the run inside it (default: a temporary one). It must exist; with Slurm, on a file system the nodes share.", valueName: "dir"))
    var directory: String?

    @Option(name: .customLong("grid-submit"), help: ArgumentHelp("Who runs solveLink 3 jobs (and a sweep's scenarios): local (worker processes, at most threadsAsync at once; the default) or slurm (sbatch job arrays).", valueName: "local|slurm"))
    var submit: String = "local"

    @Option(name: .customLong("grid-template"), help: ArgumentHelp("A Slurm batch script template for solveLink 3 jobs and sweeps ({{name}}, {{log}}, {{minutes}}, {{folder}}, {{command}} are filled in).", valueName: "file"))
    var template: String?

    /// The run's grid settings; a usage error for a directory that is not one, an unknown
    /// scheduler or an unreadable template.
    func settings() throws -> GridSettings {
        var g = GridSettings()
        guard let scheduler = GridSettings.Scheduler(rawValue: submit) else {
            throw ValidationError("--grid-submit takes local or slurm, not '\(submit)'")
        }
        g.scheduler = scheduler
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("the grid directory '\(directory)' does not exist")
            }
            g.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        }
        if let template {
            guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
                throw ValidationError("cannot read the grid template '\(template)'")
            }
            g.slurmTemplate = text
        }
        g.worker = Driver.executablePath()
        return g
    }
}

/// `enm grid-job DIR`: runs one grid job (a solve written by a run under solveLink 3) and
/// writes its result into the folder. Started by the local pool or a Slurm batch script.
struct GridJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid-job", abstract: "Run one solveLink 3 job folder (started by enm itself).", shouldDisplay: false)

    @Argument(help: "The job folder.")
    var folder: String?

    @Flag(help: "Run the job folders named on standard input, one a line (the local pool's workers).")
    var serve = false

    func run() throws {
        if serve { throw ExitCode(Driver.serveGridJobs()) }
        guard let folder else { throw ValidationError("grid-job needs a job folder or --serve") }
        throw ExitCode(Driver.runGridJob(folder))
    }
}

/// `enm solver-job --serve`: a solver process of a run (CBC's searches, Bonmin, Siconos), which
/// solves the models the run sends on standard input and answers there.
struct SolverJobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solver-job", abstract: "Serve a run's solves in a process of their own (started by enm itself).",
        shouldDisplay: false)

    @Flag(help: "Serve the solves sent on standard input (the only mode).")
    var serve = false

    func run() throws {
        guard serve else { throw ValidationError("solver-job is started by enm itself, with --serve") }
        throw ExitCode(Driver.serveSolverJobs())
    }
}

/// The exit code when `--out` or `--ledger` could not be written (see docs/cli.md).
let outputFailureExitCode: Int32 = 5

struct Ledger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Work with run ledgers written by enm solve --ledger FILE and put files with .ledger = 1.",
        subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that no record of a ledger was edited, removed or reordered.")

        @Argument(help: "The ledger file.")
        var file: String

        @Option(help: ArgumentHelp("The number of records the ledger must hold (a count kept elsewhere): records cut off at the end leave a shorter chain that is intact in itself.", valueName: "n"))
        var records: Int?

        func run() throws {
            let verdict = Driver.verifyLedger(path: file, records: records)
            writeOut(verdict.message + "\n")
            throw ExitCode(verdict.intact ? 0 : 1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Parse and check a model file without solving.")

    @Argument(help: "The model file (.enm or .gms).")
    var file: String

    @Flag(help: "Print one JSON object with the diagnostics and the exit code.")
    var json = false

    @OptionGroup var shell: ShellOption

    @Argument(parsing: .allUnrecognized, help: "Scenario switches --name=value.")
    var switches: [String] = []

    func run() throws {
        let defines = try scenarioDefines(switches)
        let result = Driver.run(path: file, options: RunOptions(defines: defines, mode: .check, preprocessing: shell.preprocessing))
        if !result.diagnostics.isEmpty {
            writeError(Driver.renderDiagnostics(result.diagnostics, color: isatty(2) != 0 && !json))
        }
        if json {
            writeOut(Driver.json(result) + "\n")
        } else if let p = result.program, result.exitCode == .solved {
            let count = { (k: String) in p.symbols.filter { $0.kind.rawValue == k }.count }
            writeOut("\(file): ok — \(count("set")) sets, \(count("parameter")) parameters, \(count("variable")) variables, \(count("equation")) equations, \(count("model")) models\n")
            let classes = Driver.classesText(p)
            if !classes.isEmpty { writeOut("equations:\n" + classes) }
            writeOut((result.statistics?.text ?? "no solve statement is reached") + "\n")
        }
        throw ExitCode(result.exitCode.rawValue)
    }
}

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the model of the file's first solve as free MPS or CPLEX LP.")

    @Argument(help: "The model file (.enm or .gms).")
    var file: String

    @Option(help: "The file format.")
    var format: ExportFormat

    @Option(help: ArgumentHelp("The file to write (default: FILE with the format's extension).", valueName: "path"))
    var output: String?

    @OptionGroup var shell: ShellOption

    @Argument(parsing: .allUnrecognized, help: "Scenario switches --name=value.")
    var switches: [String] = []

    func run() throws {
        let defines = try scenarioDefines(switches)
        let color = isatty(2) != 0
        let result = Driver.run(path: file, options: RunOptions(defines: defines, mode: .firstModel, preprocessing: shell.preprocessing))
        if !result.diagnostics.isEmpty {
            writeError(Driver.renderDiagnostics(result.diagnostics, color: color))
        }
        guard result.exitCode == .solved else { throw ExitCode(result.exitCode.rawValue) }
        // E5001 and E5002 exit like data errors (2), a file that cannot be written with 5
        guard let captured = result.firstModel else {
            writeError(ExportError.noSolve(file).rendered(file: file, color: color))
            throw ExitCode(2)
        }
        let path = output ?? ModelExport.defaultOutputPath(for: file, format: format)
        do {
            writeOut(try ModelExport.export(captured.model, modelName: captured.modelName, modelType: captured.type,
                                            objectiveVariable: captured.objectiveVariable, source: file,
                                            format: format, to: path) + "\n")
        } catch let e as ExportError {
            writeError(e.rendered(file: file, color: color))
            throw ExitCode(e.code == .E5003 ? 5 : 2)
        }
    }
}

struct TexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tex",
        abstract: "Write the model's declarations and equations (the template, not the instance) as LaTeX.")

    @Argument(help: "The model file (.enm or .gms).")
    var file: String

    @Option(help: ArgumentHelp("The .tex file to write (default: standard output).", valueName: "path"))
    var output: String?

    @OptionGroup var shell: ShellOption

    @Argument(parsing: .allUnrecognized, help: "Scenario switches --name=value.")
    var switches: [String] = []

    func run() throws {
        let defines = try scenarioDefines(switches)
        let (text, diagnostics) = Tex.render(path: file, defines: defines, preprocessing: shell.preprocessing)
        if !diagnostics.isEmpty {
            writeError(Driver.renderDiagnostics(diagnostics, color: isatty(2) != 0))
        }
        guard let text else { throw ExitCode(1) }
        guard let output else { return writeOut(text) }
        do {
            // written whole or not at all, as export writes its files (no temporary left behind)
            try ModelExport.writeAtomically(text, to: output)
            writeOut("wrote \(output)\n")
        } catch let e as ExportError {
            writeError(e.rendered(file: file, color: isatty(2) != 0))
            throw ExitCode(5)
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the documentation page of a diagnostic code, such as E1001.")

    @Argument(help: "The diagnostic code (upper or lower case).")
    var code: String?

    @Flag(help: "List every code with its title.")
    var list = false

    func run() throws {
        let outcome = Explain.run(code: code, list: list)
        writeOut(outcome.output)
        writeError(outcome.error)
        throw ExitCode(outcome.exitCode)
    }
}

ensureLargeStack()
// helper threads and malloc tuning for large runs, unless ENM_PREFAULT=0
PlatformMemory.install(environment: ProcessInfo.processInfo.environment)
Enm.main()

struct GDXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdx",
        abstract: "Work with GAMS data exchange (GDX) files.",
        subcommands: [Dump.self])

    struct Dump: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dump",
            abstract: "Print a GDX file's symbols as GAMS data statements, as GAMS's gdxdump does.")

        @Argument(help: "The GDX file.")
        var file: String

        func run() throws {
            let result = Driver.gdxDump(path: file)
            writeOut(result.text)
            if !result.diagnostics.isEmpty {
                writeError(Driver.renderDiagnostics(result.diagnostics, color: isatty(2) != 0))
            }
            throw ExitCode(result.exitCode)
        }
    }
}
