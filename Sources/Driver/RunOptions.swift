import Diagnostics
import Execution
import IR
import Syntax

/// Everything a run is asked to do besides the model file: compile-time values, the mode, what
/// dollar control may do and the command line's solve switches.
public struct RunOptions {
    /// Compile-time variables (`--key=value`).
    public var defines: [String: String]
    public var mode: RunMode
    /// What dollar control may do (`--allow-shell`) and where `$log` writes.
    public var preprocessing: PreprocessorSettings
    /// Generate and load models but do not solve them (`--generate-only`).
    public var generateOnly: Bool
    /// Look for what makes an infeasible model infeasible (`--no-iis` switches it off).
    public var explainInfeasibility: Bool
    /// Print equation and column listings for every solve (`--listing`).
    public var listing: Bool
    /// Solve a model that splits into independent blocks block by block (`--no-blocks`).
    public var blocks: Bool
    /// Generate linear rows with compiled row code; false walks the expression trees (the
    /// reference for tests).
    public var compiledRows: Bool
    /// Leave lower bounds that equalities imply out of nonlinear solves (`--no-implied-bounds`).
    public var impliedBounds: Bool
    /// Where the backends write their own logs (`--log`, `--log-file`); nil: nowhere.
    public var solverLog: SolverLog? = nil
    /// Whether the backends report their progress to `onSolvePhase` (a live line shows it).
    public var reportsProgress = false
    /// Where `solveLink` 3 sends its jobs; without a worker executable they run on threads.
    public var grid = GridSettings()

    public init(defines: [String: String] = [:], mode: RunMode = .solve,
                preprocessing: PreprocessorSettings = PreprocessorSettings(), generateOnly: Bool = false,
                explainInfeasibility: Bool = true, listing: Bool = false, blocks: Bool = true,
                compiledRows: Bool = true, impliedBounds: Bool = true) {
        self.defines = defines
        self.mode = mode
        self.preprocessing = preprocessing
        self.generateOnly = generateOnly
        self.explainInfeasibility = explainInfeasibility
        self.listing = listing
        self.blocks = blocks
        self.compiledRows = compiledRows
        self.impliedBounds = impliedBounds
    }

    /// The interpreter's settings for a run of the model file in `directory`.
    func execution(modelDirectory directory: String) -> ExecutionSettings {
        var s = ExecutionSettings()
        s.generateOnly = generateOnly
        s.solverLog = solverLog
        s.reportsProgress = reportsProgress
        s.explainInfeasibility = explainInfeasibility
        s.listingAlways = listing
        s.decomposeBlocks = blocks
        s.compiledRows = compiledRows
        s.relaxImpliedBounds = impliedBounds
        s.allowShell = preprocessing.allowShell
        s.stopAtFirstSolve = mode == .firstModel
        s.hasEffects = mode == .solve
        s.modelDirectory = directory
        s.grid = grid
        s.memoryLimit = preprocessing.memoryLimit
        return s
    }
}

/// The memory a run may take (`--memory-limit`), for the command line.
public typealias MemoryLimit = Diagnostics.MemoryLimit
