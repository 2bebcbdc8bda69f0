import Diagnostics
import Foundation
import IR
import Semantics

extension Interpreter {
    /// Runs a `solve`: generation (ModelGenerator), the backend through the reductions of
    /// SolvePipeline, write-back of levels and marginals, the model attributes and the report.
    /// Under `solveLink` 3, 4, 6 or 7 the backend's run is submitted instead and the rest waits
    /// for the collect (AsyncSolves.swift).
    func solve(_ sv: SolveR) {
        onSolvePhase?(.started(model: sv.model.name, type: sv.type, line: sv.span.line, loop: loopPositions.last))
        defer { onSolvePhase?(.ended) }
        let link = SolveLink(attribute(sv.model, .solveLink))
        countInstance(of: sv.model)
        guard let prepared = prepareSolve(sv, startsFromPrevious: link == .synchronous) else {
            if link != .synchronous { modelAttributes[sv.model.id, default: [:]][ModelAttribute.handle.rawValue] = 0 }
            return refuseSolve(sv)
        }
        guard link == .synchronous else { return submit(prepared, link) }
        finishSolve(prepared, prepared.job.run())
    }

    /// Generates the solve's model, reduces it and readies its backend run: everything of a
    /// solve that happens before the backend, on the interpreter's thread. `startsFromPrevious`:
    /// the run starts from where the statement's previous solve ended and leaves its end for
    /// the next (synchronous solves; an asynchronous one starts cold, so that its result does
    /// not depend on which solves were collected before it was submitted). Nil after a
    /// located error.
    func prepareSolve(_ sv: SolveR, startsFromPrevious: Bool) -> PreparedSolve? {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard let generated = ModelGenerator(interpreter: self, solve: sv).run() else { return nil }
        let model = generated.model
        let genSeconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard let (backend, solveOptions) = prepareBackend(for: sv, model), let reductions = pipelineSettings(for: sv, model) else {
            return nil
        }
        // (a complementarity problem has no objective column; no reduction that reads one runs for it)
        let pipeline = SolvePipeline(model, objectiveColumn: generated.objectiveColumn ?? -1, settings: reductions,
                                     loadOnly: solveOptions.loadOnly)
        guard heldRowsAreFeasible(pipeline, sv) else { return nil }
        let columns = ModelElements(origins: model.columnOrigin), rows = ModelElements(origins: model.rowOrigin)
        let listing = equationListing(sv, model, rows: rows, columns: columns)
        let statement = "\(sv.span.path):\(sv.span.line)"
        // a loop re-solving an LP starts from the previous basis unless bRatio is 1, as in GAMS
        let basisRestarts = attribute(sv.model, .bRatio) < 1
        let identity = sv.type.isNonlinear ? SolveIdentity(rows: rows, columns: columns) : nil
        var started = solveOptions
        let basisStarts = pipeline.blocks == nil && !sv.type.isNonlinear && basisRestarts
            && (!model.hasIntegers || solveOptions.relaxIntegrality)
        if startsFromPrevious {
            warmStarts.prime(&started, statement: statement, solved: pipeline.model, basis: basisStarts, identity: identity)
        }
        let job = SolveJob(pipeline: pipeline, backend: backend, modelType: sv.type, options: started, threads: settings.blockThreads,
                           chainBases: basisRestarts)
        return PreparedSolve(statement: sv, model: model, job: job, options: solveOptions, rows: rows, columns: columns,
                             listing: listing, statementKey: statement, identity: startsFromPrevious ? identity : nil,
                             recordsStarts: startsFromPrevious, basisStarts: basisStarts, generationSeconds: genSeconds)
    }

    /// Everything of a solve after its backend's run, on the interpreter's thread: the
    /// statement's warm starts, conflict analysis, write-back of levels and marginals, the
    /// model attributes and (with `report`) the solve's report. A collected asynchronous solve
    /// finishes here exactly as a synchronous one does.
    func finishSolve(_ p: PreparedSolve, _ outcome: SolveJobOutcome, report: Bool = true) {
        let sv = p.statement, model = p.model
        let result = verified(outcome.result, of: model, for: sv, backend: p.job.backend, warn: report)
        if p.recordsStarts { warmStarts.record(result, statement: p.statementKey, identity: p.identity) }
        // with --generate-only the backend reports the load alone, without freeing its problem
        let solverSeconds = settings.generateOnly && result.solverSeconds > 0 ? result.solverSeconds : outcome.measuredSeconds
        var conflict: Conflict? = nil, message = result.message
        if report {
            for w in result.warnings + result.notes.map(\.text) { diagnostics.warning(.W4004, w, at: sv.span) }
            if let stop = result.memoryStop {
                diagnostics.warning(.W4051, stop.message, at: sv.span, notes: [stop.note], help: [MemoryLimit.solverHelp])
            }
            if let end = result.processEnd {
                diagnostics.warning(.W4053, end, at: sv.span, notes: ["the solve has model status \(result.modelStatus.rawValue), solver status \(result.solverStatus.rawValue); the run goes on"])
            }
            (conflict, message) = explain(result, of: model, for: sv, backend: p.job.backend, options: p.options,
                                          statement: p.statementKey)
        }
        if result.hasSolution { writeBack(result, model, rows: p.rows, columns: p.columns) }
        if report && (result.modelStatus == .optimal || result.modelStatus == .locallyOptimal) && model.complementarity != nil {
            warnRedefined(result, model, sv)
        }
        recordAttributes(of: sv, model, result, solverSeconds: solverSeconds)
        guard report else { return }
        emit(.solve(SolveReport(model: sv.model.name, type: sv.type, solver: p.job.backend.name,
                                direction: sv.maximize ? .maximize : .minimize, objectiveVariable: sv.objective?.name ?? "", modelStatus: result.modelStatus,
                                solverStatus: result.solverStatus, objective: result.objective,
                                bestBound: sv.type.keepsIntegers && model.hasIntegers ? result.bestBound : nil, rows: model.rowCount,
                                columns: model.columnCount, nonzeros: nonzeros(model), iterations: result.iterations,
                                generationSeconds: p.generationSeconds, solverSeconds: solverSeconds,
                                elapsedSeconds: Double(outcome.startedAt &- runStart) / 1e9 + solverSeconds,
                                evaluationSeconds: sv.type.isNonlinear ? result.evaluationSeconds : nil, line: sv.span.line,
                                listing: p.listing, conflict: conflict, message: message, blocks: p.job.pipeline.blocks?.count ?? 1,
                                impliedBounds: result.impliedBounds, silent: attribute(sv.model, .solPrint) != 1)))
    }

    /// Counts a solve of model `m` in its `number` attribute (GAMS's instance serial number:
    /// 1 for its first solve).
    private func countInstance(of m: Symbol) {
        modelAttributes[m.id, default: [:]][ModelAttribute.number.rawValue, default: 0] += 1
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
        if settings.reportsProgress, let phase = onSolvePhase { opts.progress = { phase(.progress($0)) } }
        opts.solverLog = settings.solverLog
        opts.memoryLimit = settings.memoryLimit
        if sv.type.isNonlinear && !settings.generateOnly
            && !startingPointIsUsable(model, rows: ModelElements(origins: model.rowOrigin)) { return nil }
        return (backend, opts)
    }

    /// A linear backend's feasible answer that violates the generated model (PointCheck) is
    /// not believed: model status 6 (Intermediate Infeasible), solver status 10 (Solver Failure),
    /// and W4071 naming the worst row or bound, its violation and the row's coefficients (once:
    /// `warn` is false when a collected solve is loaded again).
    private func verified(_ result: SolveResult, of model: ScalarModel, for sv: SolveR, backend: Solver, warn: Bool) -> SolveResult {
        let claimsFeasible: Set<ModelStatus> = [.optimal, .locallyOptimal, .integerSolution, .feasible]
        // (a complementarity problem's rows need not hold in their stated sense: warnRedefined)
        guard !model.isNonlinear, model.complementarity == nil, result.hasSolution, claimsFeasible.contains(result.modelStatus),
              let v = PointCheck.worstViolation(model, levels: result.columnLevel) else { return result }
        var r = result
        r.modelStatus = .intermediateInfeasible
        r.solverStatus = .solverFailure
        let range = v.coefficients.map { " (its coefficients range from \(messageNumber($0.0)) to \(messageNumber($0.1)))" } ?? ""
        r.message = "\(backend.name) reported '\(result.modelStatus.text)' for a point that violates \(v.what) by \(messageNumber(v.amount))\(range)"
        if warn { diagnostics.warning(.W4071, r.message + "; the solve is reported as model status 6, solver status 10", at: sv.span) }
        return r
    }

    /// The reductions the solve asks for (model attributes and run switches); nil after a
    /// located error in the scale factors.
    private func pipelineSettings(for sv: SolveR, _ model: ScalarModel) -> PipelineSettings? {
        var p = PipelineSettings()
        p.nonlinear = sv.type.isNonlinear
        // a complementarity problem's pairs index its rows and columns: none of them is removed
        // or split (scaling is not applied to it either)
        guard !sv.type.hasComplementarity else {
            p.decomposeBlocks = false
            p.relaxImpliedBounds = false
            p.projectionTolerance = attribute(sv.model, .tolProj)
            return p
        }
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
        guard settings.explainInfeasibility && result.modelStatus.isInfeasible && result.solverStatus == .normalCompletion
                && model.complementarity == nil else {
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

extension Interpreter {
    /// W4120 for the rows of a complementarity problem's solution that do not hold in their
    /// stated sense (an `=e=` row paired with a variable at a bound, a `=g=` row with one at its
    /// upper bound): the pairs define the solution, so GAMS reports such rows as REDEF rather
    /// than infeasible, and so does enm, with their names.
    func warnRedefined(_ result: SolveResult, _ model: ScalarModel, _ sv: SolveR) {
        let tolerance = attribute(sv.model, .tolInfRep)
        let rows = ModelElements(origins: model.rowOrigin)
        let redefined = result.rowLevel.indices.filter { r in
            result.rowLevel[r] < model.rowLower[r] - tolerance || result.rowLevel[r] > model.rowUpper[r] + tolerance
        }
        guard !redefined.isEmpty else { return }
        let names = redefined.prefix(5).map { name(rows[$0].0, rows[$0].1) }.joined(separator: ", ")
        let more = redefined.count > 5 ? " and \(redefined.count - 5) more" : ""
        diagnostics.warning(.W4120, "\(redefined.count) equation\(redefined.count == 1 ? "" : "s") of model '\(sv.model.name)' \(redefined.count == 1 ? "does" : "do") not hold in \(redefined.count == 1 ? "its" : "their") stated sense at the solution (REDEF in GAMS's listing): \(names)\(more)",
                            at: sv.span)
    }
}
