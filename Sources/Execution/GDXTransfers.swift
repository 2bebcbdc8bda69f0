import Diagnostics
import Foundation
import GDX
import GDXBridge
import IR
import Semantics

/// `execute_unload`, `execute_load` and `execute_loadpoint`: the symbol store written to and
/// read from GDX files through ``GDXBridge``.
public enum GDXTransfers {
    /// A transfer that failed: its diagnostic code and the reason in words.
    struct Failure: Error {
        var code: DiagnosticCode
        var message: String
        init(_ code: DiagnosticCode, _ message: String) {
            self.code = code
            self.message = message
        }
    }

    static func unload(_ symbols: [Symbol], program: Program, to path: String) throws {
        let file = GDXBridge.export(symbols, labels: program.labels, equationTypes: program.gdxEquationTypes)
        try translated { try GDXWriter.write(file, to: path) }
    }

    /// Replaces the data of `symbols` with the file's, or (`levelsOnly`) merges the file's
    /// levels and marginals into the records of variables and equations.
    static func load(_ symbols: [Symbol], sources: [String?], program: Program, from path: String, named name: String,
                     levelsOnly: Bool) throws {
        let file = try translated { try GDXReader.read(path: path) }
        let byName = try translated { try GDXBridge.symbolsByName(file, labels: program.labels) }
        for (k, target) in symbols.enumerated() {
            let sourceName = (k < sources.count ? sources[k] : nil) ?? target.name
            guard let source = byName[sourceName.lowercased()] else {
                throw Failure(.E4032, "'\(name)' has no symbol '\(sourceName)'")
            }
            try checkFits(source, into: target, path: name, labels: program.labels)
            if !levelsOnly { GDXBridge.clearData(target) }
            GDXBridge.copyRecords(source, into: target, levelsOnly: levelsOnly)
            target.hasData = true
        }
    }

    /// A symbol of the file may replace `target`'s data when it is of the same kind and
    /// dimension and every label lies in `target`'s domain sets (nothing is filtered silently).
    private static func checkFits(_ source: Symbol, into target: Symbol, path: String, labels: LabelTable) throws {
        guard source.kind == target.kind, source.dimension == target.dimension else {
            throw Failure(.E4032, "'\(target.name)' is a \(target.dimension)-dimensional \(target.kind.rawValue), but '\(path)' holds '\(source.name)' as a \(source.dimension)-dimensional \(source.kind.rawValue)")
        }
        for t in GDXBridge.tuples(of: source) {
            guard let (k, d) = GDXBridge.outsideDomain(t, of: target) else { continue }
            let names = (0..<target.dimension).map { labels.name(t[$0]) }.joined(separator: ",")
            throw Failure(.E4033, "'\(target.name)(\(names))' of '\(path)': '\(labels.name(t[k]))' is not in set '\(d.name)'")
        }
    }

    /// Runs `body`, turning the GDX layer's errors into transfer failures.
    private static func translated<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as GDXError {
            throw Failure(e.diagnosticCode, e.message)
        }
    }
}

extension Interpreter {
    /// Runs a GDX transfer statement. A relative file name is taken from the model file's
    /// folder (as enm finds `$include` and option files); `.gdx` is added when the name has no
    /// extension, as GAMS does. A failure is an execution error; the run goes on.
    func transfer(_ g: GDXTransferR) {
        let name = Paths.gdxFileName(g.file)
        let path = Paths.join(settings.modelDirectory, name)
        let symbols = g.symbols.isEmpty ? program.symbols.filter { $0.kind != .model } : g.symbols
        do {
            if g.kind == .unload {
                guard settings.hasEffects else { return }
                try GDXTransfers.unload(symbols, program: program, to: path)
            } else {
                try GDXTransfers.load(symbols, sources: g.sources, program: program, from: path, named: name,
                                      levelsOnly: g.kind == .loadPoint)
            }
        } catch let e as GDXTransfers.Failure {
            runtimeError(e.code, "\(g.kind.rawValue): \(e.message)", at: g.span)
        } catch {
            runtimeError(.E4032, "\(g.kind.rawValue): \(error)", at: g.span)
        }
    }
}
