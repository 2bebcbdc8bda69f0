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
        var code: String
        var message: String
        init(_ code: String, _ message: String) {
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
        let imported = try translated { try GDXBridge.importSymbols(file, labels: program.labels) }
        var byName: [String: Symbol] = [:]
        for s in imported.symbols { byName[s.name.lowercased()] = s }
        for (k, target) in symbols.enumerated() {
            let sourceName = (k < sources.count ? sources[k] : nil) ?? target.name
            guard let source = byName[sourceName.lowercased()] else {
                throw Failure("E4032", "'\(name)' has no symbol '\(sourceName)'")
            }
            try checkFits(source, into: target, path: name, labels: program.labels)
            copy(source, into: target, levelsOnly: levelsOnly)
        }
    }

    /// A symbol of the file may replace `target`'s data when it is of the same kind and
    /// dimension and every label lies in `target`'s domain sets (nothing is filtered silently).
    private static func checkFits(_ source: Symbol, into target: Symbol, path: String, labels: LabelTable) throws {
        guard source.kind == target.kind, source.dimension == target.dimension else {
            throw Failure("E4032", "'\(target.name)' is a \(target.dimension)-dimensional \(target.kind.rawValue), but '\(path)' holds '\(source.name)' as a \(source.dimension)-dimensional \(source.kind.rawValue)")
        }
        for t in tuples(of: source) {
            for k in 0..<target.dimension {
                guard let d = target.domain[k], !d.setData.contains(LabelTuple(labels: [t[k]])) else { continue }
                let names = (0..<target.dimension).map { labels.name(t[$0]) }.joined(separator: ",")
                throw Failure("E4033", "'\(target.name)(\(names))' of '\(path)': '\(labels.name(t[k]))' is not in set '\(d.name)'")
            }
        }
    }

    private static func tuples(of s: Symbol) -> [LabelTuple] {
        switch s.kind {
        case .set: return s.setData.sorted
        case .parameter: return s.values.map(\.key)
        case .variable, .equation: return s.records.map(\.key)
        case .model: return []
        }
    }

    private static func copy(_ source: Symbol, into target: Symbol, levelsOnly: Bool) {
        switch target.kind {
        case .set:
            target.setData.removeAll()
            for t in source.setData.sorted { target.setData.insert(t, text: source.setData.texts[t]) }
        case .parameter:
            target.values = source.values
        case .variable, .equation:
            guard levelsOnly else { target.records = source.records; return }
            for (t, r) in source.records {
                var record = target.records[t] ?? target.defaultRecord()
                record.level = r.level
                record.marginal = r.marginal
                target.records[t] = record
            }
        case .model:
            break
        }
        target.hasData = true
    }

    /// Runs `body`, turning the GDX layer's errors into transfer failures.
    private static func translated<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as GDXError {
            throw Failure(e.code, e.message)
        }
    }
}

extension Interpreter {
    /// Runs a GDX transfer statement. A relative file name is taken from the model file's
    /// folder (as enm finds `$include` and option files); `.gdx` is added when the name has no
    /// extension, as GAMS does. A failure is an execution error; the run goes on.
    func transfer(_ g: GDXTransferR) {
        let name = Paths.gdxFileName(g.file)
        let path = Paths.join(modelDirectory, name)
        let symbols = g.symbols.isEmpty ? program.symbols.filter { $0.kind != .model } : g.symbols
        do {
            if g.kind == .unload {
                guard hasEffects else { return }
                try GDXTransfers.unload(symbols, program: program, to: path)
            } else {
                try GDXTransfers.load(symbols, sources: g.sources, program: program, from: path, named: name,
                                      levelsOnly: g.kind == .loadPoint)
            }
        } catch let e as GDXTransfers.Failure {
            runtimeError(e.code, "\(g.kind.rawValue): \(e.message)", at: g.span)
        } catch {
            runtimeError("E4032", "\(g.kind.rawValue): \(error)", at: g.span)
        }
    }
}
