import Diagnostics
import Foundation
import IR
import Memory
import Semantics

extension Interpreter {
    /// Runs a `solve`: generation (ModelGenerator), the backend through the reductions of
    /// SolvePipeline, write-back of levels and marginals, the model attributes and the report.
    func solve(_ sv: SolveR) {
        onSolvePhase?(.started(model: sv.model.name, type: sv.type, line: sv.span.line))
        defer { onSolvePhase?(.ended) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard let generated = ModelGenerator(interpreter: self, solve: sv).run() else { return refuseSolve(sv) }
        let model = generated.model
        let genSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard let (backend, solveOptions) = prepareBackend(for: sv, model), let reductions = pipelineSettings(for: sv, model) else {
            return refuseSolve(sv)
        }
        let pipeline = SolvePipeline(model, objectiveColumn: generated.objectiveColumn, settings: reductions,
                                     loadOnly: solveOptions.loadOnly)
        guard heldRowsAreFeasible(pipeline, sv) else { return refuseSolve(sv) }
        let columns = ModelElements(origins: model.columnOrigin), rows = ModelElements(origins: model.rowOrigin)
        let listing = equationListing(sv, model, rows: rows, columns: columns)
        let statement = "\(sv.span.path):\(sv.span.line)"
        #if canImport(Glibc)
        // a statement solving again keeps the memory its solves free (see MallocTuning)
        if !solvedStatements.insert(statement).inserted { MallocTuning.keepFreedMemoryForResolves() }
        #endif
        // a loop re-solving an LP starts from the previous basis unless bRatio is 1, as in GAMS
        let basisRestarts = attribute(sv.model, .bRatio) < 1
        let identity = sv.type.isNonlinear ? SolveIdentity(rows: rows, columns: columns) : nil
        var started = solveOptions
        warmStarts.prime(&started, statement: statement, solved: pipeline.model,
                         basis: pipeline.blocks == nil && !sv.type.isNonlinear && basisRestarts
                             && (!model.hasIntegers || solveOptions.relaxIntegrality),
                         identity: identity)
        let t1 = DispatchTime.now().uptimeNanoseconds
        let result = verified(pipeline.solve(with: backend, options: started, threads: settings.blockThreads, chainBases: basisRestarts),
                              of: model, for: sv, backend: backend)
        warmStarts.record(result, statement: statement, identity: identity)
        // with --generate-only the backend reports the load alone, without freeing its problem
        let solverSeconds = settings.generateOnly && result.solverSeconds > 0
            ? result.solverSeconds : Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e9
        for w in result.warnings { diagnostics.warning(.W4004, w, at: sv.span) }
        let (conflict, message) = explain(result, of: model, for: sv, backend: backend, options: solveOptions, statement: statement)
        if result.hasSolution { writeBack(result, model, rows: rows, columns: columns) }
        recordAttributes(of: sv, model, result, solverSeconds: solverSeconds)
        emit(.solve(SolveReport(model: sv.model.name, type: sv.type, solver: backend.name,
                                direction: sv.maximize ? .maximize : .minimize, objectiveVariable: sv.objective.name, modelStatus: result.modelStatus,
                                solverStatus: result.solverStatus, objective: result.objective,
                                bestBound: sv.type.keepsIntegers && model.hasIntegers ? result.bestBound : nil, rows: model.rowCount,
                                columns: model.columnCount, nonzeros: nonzeros(model), iterations: result.iterations,
                                generationSeconds: genSeconds, solverSeconds: solverSeconds,
                                elapsedSeconds: Double(t1 &- runStart) / 1e9 + solverSeconds,
                                evaluationSeconds: sv.type.isNonlinear ? result.evaluationSeconds : nil, line: sv.span.line,
                                listing: listing, conflict: conflict, message: message, blocks: pipeline.blocks?.count ?? 1,
                                impliedBounds: result.impliedBounds, silent: attribute(sv.model, .solPrint) != 1)))
    }

    /// The backend for the solve and the options it gets (limits, option file); nil after a
    /// located error (an option file's problems, a starting point the backend cannot use).
    private func prepareBackend(for sv: SolveR, _ model: ScalarModel) -> (Solver, SolveOptions)? {
        if !sv.type.keepsIntegers && model.hasIntegers {
            let hint = sv.type.isNonlinear ? "" : " (use 'mip' to keep them integer)"
            diagnostics.warning(.W4003, "model '\(sv.model.name)' has integer variables; 'using \(sv.type.rawValue)' relaxes them\(hint)",
                                at: sv.span)
        }
        // only a registry without a backend for the type (a test's) has none
        guard let backend = backend(for: sv.type)?.backend,
              let optionSettings = solverOptionFile(sv, backend: backend.name) else { return nil }
        let problems = backend.optionProblems(optionSettings)
        for p in problems {
            let file = Interpreter.optionFileName(solver: backend.name, number: Int(attribute(sv.model, .optFile)))
            diagnostics.error(.E4024, "\(file): \(p)", at: sv.span)
        }
        guard problems.isEmpty else { return nil }
        var opts = SolveOptions()
        opts.optCr = attribute(sv.model, .optCr)
        opts.optCa = attribute(sv.model, .optCa)
        opts.resLim = attribute(sv.model, .resLim)
        let il = attribute(sv.model, .iterLim)
        opts.iterLim = il >= 2e9 || il.isNaN ? 2_000_000_000 : Int(Swift.max(0, il))
        let nl = attribute(sv.model, .nodLim)
        opts.nodeLimit = nl >= 1 && nl.isFinite ? Int(Swift.min(nl, 2e9)) : 0
        opts.relaxIntegrality = !sv.type.keepsIntegers
        opts.loadOnly = settings.generateOnly
        opts.solverOptions = optionSettings
        if sv.type.isNonlinear && !settings.generateOnly
            && !startingPointIsUsable(model, rows: ModelElements(origins: model.rowOrigin)) { return nil }
        return (backend, opts)
    }

    /// A linear backend's feasible answer that violates the generated model (PointCheck) is
    /// not believed: model status 6 (Intermediate Infeasible), solver status 10 (Solver Failure),
    /// and W4071 naming the worst row or bound, its violation and the row's coefficients.
    private func verified(_ result: SolveResult, of model: ScalarModel, for sv: SolveR, backend: Solver) -> SolveResult {
        let claimsFeasible: Set<ModelStatus> = [.optimal, .locallyOptimal, .integerSolution, .feasible]
        guard !model.isNonlinear, result.hasSolution, claimsFeasible.contains(result.modelStatus),
              let v = PointCheck.worstViolation(model, levels: result.columnLevel) else { return result }
        var r = result
        r.modelStatus = .intermediateInfeasible
        r.solverStatus = .solverFailure
        let range = v.coefficients.map { " (its coefficients range from \(messageNumber($0.0)) to \(messageNumber($0.1)))" } ?? ""
        r.message = "\(backend.name) reported '\(result.modelStatus.text)' for a point that violates \(v.what) by \(messageNumber(v.amount))\(range)"
        diagnostics.warning(.W4071, r.message + "; the solve is reported as model status 6, solver status 10", at: sv.span)
        return r
    }

    /// The reductions the solve asks for (model attributes and run switches); nil after a
    /// located error in the scale factors.
    private func pipelineSettings(for sv: SolveR, _ model: ScalarModel) -> PipelineSettings? {
        var p = PipelineSettings()
        p.nonlinear = sv.type.isNonlinear
        p.projectionTolerance = attribute(sv.model, .tolProj)
        p.holdFixed = attribute(sv.model, .holdFixed) != 0
        p.relaxImpliedBounds = settings.relaxImpliedBounds
        p.decomposeBlocks = settings.decomposeBlocks
        if attribute(sv.model, .scaleOpt) != 0 {
            guard let factors = scaleFactors(model, for: sv) else { return nil }
            p.scaling = factors
        }
        return p
    }

    /// The scale factors of the model's variables and equations other than 1 (`.scale`); nil
    /// after E4070 for a factor that is not positive and finite. Integer variables keep their
    /// scale of 1 (W4070), as GAMS scales no integer variable.
    private func scaleFactors(_ model: ScalarModel, for sv: SolveR) -> ScaleFactors? {
        var factors = ScaleFactors()
        var valid = true
        func read(_ elements: ModelElements, isInteger: (Int) -> Bool, into table: inout [Int: Double]) {
            for (k, (s, t)) in elements.enumerated() {
                guard let scale = s.records[t]?.scale, scale != 1 else { continue }
                guard scale > 0 && scale.isFinite else {
                    diagnostics.error(.E4070, "scale factor of \(name(s, t)) is \(messageNumber(scale)); scale factors must be positive and finite",
                                      at: sv.modelSpan)
                    valid = false
                    continue
                }
                guard !isInteger(k) else {
                    diagnostics.warning(.W4070, "scale factor of integer variable \(name(s, t)) is ignored: integer variables are not scaled",
                                        at: sv.modelSpan)
                    continue
                }
                table[k] = scale
            }
        }
        read(ModelElements(origins: model.columnOrigin), isInteger: { model.columnIsInteger[$0] }, into: &factors.columns)
        read(ModelElements(origins: model.rowOrigin), isInteger: { _ in false }, into: &factors.rows)
        return valid ? factors : nil
    }

    /// Whether every row that `holdFixed` left without terms still holds (E4015 for each that
    /// does not, as generation refuses such rows).
    private func heldRowsAreFeasible(_ pipeline: SolvePipeline, _ sv: SolveR) -> Bool {
        guard let held = pipeline.heldFixed else { return true }
        let tolerance = emptyRowTolerance(sv.model)
        var feasible = true
        for i in held.emptyRows where pipeline.model.rowLower[i] > tolerance || pipeline.model.rowUpper[i] < -tolerance {
            let (s, t) = ModelElements(origins: pipeline.model.rowOrigin)[i]
            let bound = pipeline.model.rowLower[i] > tolerance ? pipeline.model.rowLower[i] : pipeline.model.rowUpper[i]
            diagnostics.error(.E4015, "equation \(name(s, t)) is infeasible: with the fixed variables held (holdFixed) all its terms are constant and 0 cannot be \(messageNumber(bound))",
                              at: sv.modelSpan)
            feasible = false
        }
        return feasible
    }

    /// The equation and column listings of the generated model, when asked for (`--listing`,
    /// or `limRow`/`limCol` set by the model); nil otherwise.
    private func equationListing(_ sv: SolveR, _ model: ScalarModel, rows: ModelElements, columns: ModelElements) -> String? {
        guard settings.listingAlways || listingRequested else { return nil }
        let limit = { (a: ModelAttribute) -> Int in
            let v = self.attribute(sv.model, a)
            return v.isFinite ? Int(Swift.max(0, Swift.min(v, 1e9))) : 0
        }
        let rowLimit = limit(.limRow), columnLimit = limit(.limCol)
        guard rowLimit > 0 || columnLimit > 0 else { return nil }
        let writer = ListingWriter(model: model, rows: rows, columns: columns, modelName: sv.model.name, type: sv.type,
                                   line: sv.span.line, infeasibilityTolerance: attribute(sv.model, .tolInfRep),
                                   labelName: { self.name($0, $1) })
        let text = (rowLimit > 0 ? writer.equationListing(limit: rowLimit) : "")
            + (columnLimit > 0 ? writer.columnListing(limit: columnLimit) : "")
        return text.isEmpty ? nil : text
    }

    /// What makes an infeasible model infeasible, at a solve statement's first infeasible solve
    /// (a sweep that expects infeasible steps is analysed once), and the solver's message.
    private func explain(_ result: SolveResult, of model: ScalarModel, for sv: SolveR, backend: Solver,
                         options: SolveOptions, statement: String) -> (Conflict?, String) {
        guard settings.explainInfeasibility && result.modelStatus.isInfeasible && result.solverStatus == .normalCompletion else {
            return (nil, result.message)
        }
        guard explainedSolveStatements.insert(statement).inserted else {
            let note = "conflict analysis runs at a solve statement's first infeasible solve only"
            return (nil, result.message.isEmpty ? note : result.message + "; " + note)
        }
        var quiet = options
        quiet.solverOptions = []
        let conflict = sv.type.isNonlinear ? elasticConflict(model, backend: backend, options: quiet)
                                           : deletionFilter(model, backend: backend, options: quiet)
        return (conflict, result.message)
    }

    /// Sets the model attributes a solve reports (`modelStat`, `objVal`, `numEqu`, ...).
    private func recordAttributes(of sv: SolveR, _ model: ScalarModel, _ result: SolveResult, solverSeconds: Double) {
        var attrs = modelAttributes[sv.model.id] ?? [:]
        func set(_ a: ModelAttribute, _ v: Double) { attrs[a.rawValue] = v }
        set(.modelStat, Double(result.modelStatus.rawValue))
        set(.solveStat, Double(result.solverStatus.rawValue))
        set(.objVal, result.objective ?? SpecialValue.na)
        set(.objEst, result.bestBound ?? SpecialValue.na)
        set(.numEqu, Double(model.rowCount))
        set(.numVar, Double(model.columnCount))
        set(.numNZ, Double(nonzeros(model)))
        set(.numDVar, Double(model.columnIsInteger.filter { $0 }.count))
        set(.iterUsd, Double(result.iterations))
        set(.nodUsd, Double(result.nodes))
        set(.resUsd, result.solverSeconds > 0 ? result.solverSeconds : solverSeconds)
        modelAttributes[sv.model.id] = attrs
    }

    /// The model's nonzeros as GAMS counts them (a nonlinear model's Jacobian entries).
    private func nonzeros(_ model: ScalarModel) -> Int {
        model.isNonlinear ? jacobianNonzeros(model) : model.nonzeroCount
    }

    /// A model's attribute: the value the program gave it, else the option that stands for it
    /// (`option optCr`), else GAMS's default.
    func attribute(_ m: Symbol, _ a: ModelAttribute) -> Double {
        if let v = modelAttributes[m.id]?[a.rawValue] { return v }
        if let option = a.option, let v = options[option] { return v }
        return a.defaultValue
    }

    /// Rows with no terms left are refused when their bounds miss 0 by more than this
    /// (`m.tolInfeas`; GAMS's default when it is not set: ten times the machine epsilon).
    func emptyRowTolerance(_ m: Symbol) -> Double {
        let v = attribute(m, .tolInfeas)
        return v > 0 && v.isFinite ? v : 10 * Double.ulpOfOne
    }
}
