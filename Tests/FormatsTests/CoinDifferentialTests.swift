import Driver
import Foundation
import IR
import Solvers
import Testing

/// Every bundled LP or MIP's first solve, by GLPK and by CLP/CBC: the same verdict and
/// objective, and the same levels where the optimum is unique.
@Suite("Bundled models: GLPK against CLP and CBC")
struct CoinDifferentialTests {
    /// The first solve of each bundled model that is linear; nonlinear ones are skipped.
    private func firstLinearModel(_ bundled: BundledModel) throws -> ScalarModel {
        let path = packageRoot.appendingPathComponent(bundled.file).path
        let first = Driver.run(path: path, options: RunOptions(defines: bundled.defines, mode: .firstModel))
        try #require(first.exitCode == .solved, "\(bundled.file) does not run: \(Driver.renderDiagnostics(first.diagnostics))")
        guard let captured = first.firstModel else { try skip("\(bundled.file): no solve statement") }
        if captured.model.isNonlinear { try skip("\(bundled.file): the first solve is nonlinear (\(captured.type))") }
        return captured.model
    }

    /// The relaxation (the LP itself for an LP) by GLPK and by CLP.
    @Test(arguments: bundledModels)
    func clpAgreesWithGLPK(_ bundled: BundledModel) throws {
        let model = try firstLinearModel(bundled)
        var options = SolveOptions()
        options.relaxIntegrality = true
        let glpk = GLPKSolver().solve(model, options: options), clp = CLPSolver().solve(model, options: options)
        compare(clp, glpk, bundled.file + " (CLP)", levels: !model.hasIntegers && Self.hasUniqueOptimum(glpk))
    }

    /// The MIP (or LP) by GLPK and by CBC, to optimality; models with more than 100 integer
    /// columns are left to the relaxation's comparison (their searches take minutes).
    @Test(arguments: bundledModels)
    func cbcAgreesWithGLPK(_ bundled: BundledModel) throws {
        let model = try firstLinearModel(bundled)
        let integers = model.columnIsInteger.filter { $0 }.count
        if integers > 100 { try skip("\(bundled.file): \(integers) integer columns") }
        var options = SolveOptions()
        options.optCr = 0
        let glpk = GLPKSolver().solve(model, options: options), cbc = CBCSolver().solve(model, options: options)
        compare(cbc, glpk, bundled.file + " (CBC)", levels: integers == 0 && Self.hasUniqueOptimum(glpk))
    }

    private func compare(_ coin: SolveResult, _ glpk: SolveResult, _ what: String, levels: Bool) {
        #expect(coin.modelStatus == glpk.modelStatus, "\(what): \(coin.message) / GLPK: \(glpk.message)")
        #expect(coin.solverStatus == .normalCompletion, "\(what): \(coin.message)")
        guard glpk.modelStatus == .optimal else { return }
        #expect(close(coin.objective, glpk.objective), "\(what): objective \(String(describing: coin.objective)), GLPK \(String(describing: glpk.objective))")
        guard levels else { return }
        #expect(coin.columnLevel.count == glpk.columnLevel.count)
        let differing = zip(coin.columnLevel, glpk.columnLevel).enumerated().filter { !close($0.element.0, $0.element.1) }
        #expect(differing.isEmpty, "\(what): \(differing.count) levels differ, first at column \(differing.first?.offset ?? -1)")
    }

    /// Whether an optimal basic solution is the only optimum: no nonbasic row or column has a
    /// zero reduced cost (GAMS's EPS, -0.0), so the optimum is dual nondegenerate.
    static func hasUniqueOptimum(_ result: SolveResult) -> Bool {
        guard result.modelStatus == .optimal, result.hasSolution else { return false }
        let isEPS: (Double) -> Bool = { $0 == 0 && $0.sign == .minus }
        return !result.columnMarginal.contains(where: isEPS) && !result.rowMarginal.contains(where: isEPS)
    }
}
