import CCoin
import Foundation
import Formats
import IR
@testable import Solvers
import Testing

/// The conformance suite's models exported (`enm export`'s writers) and read back through
/// COIN-OR's C interfaces: `Clp_readMps` for LPs and QPs (CLP solves convex QPs), CBC's
/// `Cbc_readMps`/`Cbc_readLp` for MIPs and LP files. Each file comes to the model's known
/// answer; models with nonlinear rows are refused (E5002).
@Suite("Conformance models exported and read by CLP and CBC")
struct ConformanceExportTests {
    @Test(arguments: ConformanceModel.all)
    func exportedFileReachesTheKnownAnswer(_ conformance: ConformanceModel) throws {
        let type = try #require(ModelType(rawValue: conformance.type))
        let prepared: ExportModel
        do {
            prepared = try ModelExport.prepare(conformance.model, modelName: "m", modelType: type)
        } catch let e as ExportError {
            #expect(e.code == .E5002 && !conformance.model.nonlinearRows.isEmpty, "\(conformance.name): \(e)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in ExportFormat.allCases {
            // CLP and CBC read quadratic objectives from MPS files only
            if format == .lp && !prepared.quadratic.isEmpty { continue }
            let path = folder.appendingPathComponent("m.\(format.fileExtension)").path
            let written = try format.writer(name: "m").write(prepared)
            try ModelExport.writeAtomically(written.text, to: path)
            let (outcome, objective) = try solve(path, format: format, integer: prepared.linear.hasIntegers)
            let what = "\(conformance.name) as \(format)"
            switch conformance.answer.outcome {
            case .optimal:
                #expect(outcome == .optimal, "\(what)")
                let value = objective.map { written.objectiveNegated ? -$0 : $0 }
                if let expected = conformance.answer.objective, let value {
                    #expect(abs(value - expected) <= 1e-6 * max(1, abs(expected)), "\(what): \(value), known \(expected)")
                }
            case .infeasible: #expect(outcome == .infeasible, "\(what)")
            case .unbounded:
                // CBC's C interface reports an unbounded LP as infeasible ("infeasible or
                // unbounded"); CLP, which reads the MPS file, tells the two apart
                let usesCBC = format == .lp || prepared.linear.hasIntegers
                #expect(outcome == .unbounded || usesCBC && outcome == .infeasible, "\(what): \(String(describing: outcome))")
            }
        }
    }

    /// Reads and solves `path` through the C interfaces: CLP for continuous MPS files, CBC
    /// otherwise. The outcome and the file's own objective (as the file states its sense).
    private func solve(_ path: String, format: ExportFormat, integer: Bool) throws -> (KnownAnswer.Outcome?, Double?) {
        if format == .mps && !integer {
            let model = try #require(Clp_newModel())
            defer { Clp_deleteModel(model) }
            Clp_setLogLevel(model, 0)
            try #require(Clp_readMps(model, path, 1, 0) == 0, "Clp_readMps refuses \(path)")
            Clp_initialSolve(model)
            switch Clp_status(model) {
            case 0: return (.optimal, Clp_objectiveValue(model))
            case 1: return (.infeasible, nil)
            case 2: return (.unbounded, nil)
            default: return (nil, nil)
            }
        }
        let model = try #require(Cbc_newModel())
        defer { Cbc_deleteModel(model) }
        Cbc_setLogLevel(model, 0)
        let read = format == .mps ? Cbc_readMps(model, path) : Cbc_readLp(model, path)
        try #require(read == 0, "CBC refuses \(path)")
        // CBC's driver keeps static state: searches elsewhere in this process must not overlap
        CBCSolver.searchLock.withLock { _ = Cbc_solve(model) }
        if Cbc_isProvenOptimal(model) != 0 { return (.optimal, Cbc_getObjValue(model)) }
        // secondary status 7: the linear relaxation is unbounded
        if Cbc_isContinuousUnbounded(model) != 0 || Cbc_secondaryStatus(model) == 7 { return (.unbounded, nil) }
        if Cbc_isProvenInfeasible(model) != 0 { return (.infeasible, nil) }
        return (nil, nil)
    }
}
