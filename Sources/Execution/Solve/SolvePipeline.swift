import Foundation
import IR

/// One step between the generated model and the backend: a transformation of the model that
/// the backend solves instead, and the map of the backend's result back to the model before
/// the step. Each reduction is made by a `static func apply(_ model: inout ScalarModel, ...)`
/// that changes the model in place and returns the reduction (nil when it has nothing to do),
/// holding what `invert` needs. The mathematics of each is in its file's header
/// (Solve/Reductions/).
protocol Reduction {
    /// The result of the model before the reduction, from a result of the reduced model.
    func invert(_ result: SolveResult) -> SolveResult
}

/// What the solve statement asks of the pipeline (model attributes and run switches).
struct PipelineSettings {
    var nonlinear = false
    /// Levels within this distance of a bound are reported at the bound (`m.tolProj`).
    var projectionTolerance = BoundProjection.defaultTolerance
    /// Fixed columns become constants (`m.holdFixed = 1`).
    var holdFixed = false
    /// The scale factors of the columns and rows (`m.scaleOpt = 1` with `.scale`), when any
    /// differs from 1.
    var scaling: ScaleFactors? = nil
    /// Leave out lower bounds that equalities imply (nonlinear models; `--no-implied-bounds`).
    var relaxImpliedBounds = true
    /// Solve a model that splits into independent blocks block by block (linear models;
    /// `--no-blocks`).
    var decomposeBlocks = true
}

/// The solve step from the generated model to the result the interpreter writes back.
///
/// The order of the reductions, applied top to bottom and inverted bottom to top:
/// 1. `BoundProjection`: levels the backend returns within `tolProj` of a bound are set to
///    the bound (first applied, so its inversion comes last, on the user's own model).
/// 2. `HeldFixedColumns` (`holdFixed`): fixed variables become constants.
/// 3. `Scaling` (`scaleOpt` with `.scale`): the backend sees scaled columns and rows.
/// 4. `ObjectiveSubstitution` (nonlinear): the objective variable's defining row becomes the
///    objective function.
/// 5. `ImpliedBoundRelaxation` (nonlinear): bounds that equalities imply are left to them.
/// 6. `BlockPlan` (linear, last): a model whose matrix splits is solved block by block, and the
///    blocks' results are assembled into one.
struct SolvePipeline {
    /// The model the backend solves, after every reduction.
    private(set) var model: ScalarModel
    private(set) var blocks: BlockPlan?
    private var applied: [any Reduction] = []
    /// The reduction of `holdFixed`, when it applied (its rows are checked before the solve).
    private(set) var heldFixed: HeldFixedColumns?
    /// What the pipeline was made from: a grid job sends these and the worker process makes
    /// the same pipeline again.
    let generated: ScalarModel
    let objectiveColumn: Int
    let settings: PipelineSettings

    /// Applies the reductions `settings` ask for to `generated`; `objectiveColumn` is the
    /// objective variable's column. `loadOnly` (generation only) solves nothing, so the model
    /// is not split.
    init(_ generated: ScalarModel, objectiveColumn: Int, settings: PipelineSettings, loadOnly: Bool) {
        model = generated
        self.generated = generated
        self.objectiveColumn = objectiveColumn
        self.settings = settings
        applied.append(BoundProjection(model: generated, tolerance: settings.projectionTolerance))
        if settings.holdFixed, let r = HeldFixedColumns.apply(&model, keeping: objectiveColumn) {
            heldFixed = r
            applied.append(r)
        }
        if let factors = settings.scaling, let r = Scaling.apply(&model, factors) { applied.append(r) }
        if settings.nonlinear {
            if let r = ObjectiveSubstitution.apply(&model, column: objectiveColumn) { applied.append(r) }
            if settings.relaxImpliedBounds, let r = ImpliedBoundRelaxation.apply(&model) { applied.append(r) }
        } else if settings.decomposeBlocks && !loadOnly {
            blocks = BlockPlan.plan(model, objectiveColumn: objectiveColumn)
        }
    }

    /// Solves the reduced model with `backend` (block by block on `threads` threads when it
    /// splits, each run of same-shaped blocks from the previous one's basis when `chainBases`)
    /// and maps the result back to the generated model.
    func solve(with backend: Solver, options: SolveOptions, threads: Int, chainBases: Bool) -> SolveResult {
        let raw = blocks.map { $0.solve(model, backend: backend, options: options, threads: threads, warmStart: chainBases) }
            ?? backend.solve(model, options: options)
        return applied.reversed().reduce(raw) { result, reduction in reduction.invert(result) }
    }
}
