import Diagnostics
import Execution
import GDX
import GDXBridge
import Semantics

extension Driver {
    /// What `enm gdx dump FILE` prints and how it exits.
    public struct GDXDumpResult {
        /// The dump (empty when the file could not be read).
        public var text: String
        public var diagnostics: [Diagnostic]
        /// 0, 2 for a file that is not a readable GDX file, 5 for one that cannot be opened.
        public var exitCode: Int32
    }

    /// Reads the GDX file at `path` and renders it as GAMS's gdxdump does.
    public static func gdxDump(path: String) -> GDXDumpResult {
        do {
            return GDXDumpResult(text: GDXDump.text(try GDXReader.read(path: path)), diagnostics: [], exitCode: 0)
        } catch let e as GDXError {
            return GDXDumpResult(text: "", diagnostics: [gdxDiagnostic(e, path: path)], exitCode: gdxExitCode(e))
        } catch {
            return GDXDumpResult(text: "", diagnostics: [Diagnostic(.error, GDXError(.unreadable, "").diagnosticCode, "cannot read '\(path)': \(error)", at: .none)],
                                 exitCode: 5)
        }
    }

    /// A GDX failure as a diagnostic: the reader's and writer's messages name the file already
    /// when it cannot be opened; the others get it in front.
    static func gdxDiagnostic(_ e: GDXError, path: String) -> Diagnostic {
        switch e.kind {
        case .unreadable, .unwritable:
            return Diagnostic(.error, e.diagnosticCode, e.message, at: .none)
        case .notGDX, .malformed, .unsupported, .invalidData:
            return Diagnostic(.error, e.diagnosticCode, "'\(path)': \(e.message)", at: .none)
        }
    }

    /// Exit code 5 when the file cannot be opened or written, 2 when its contents are at fault.
    static func gdxExitCode(_ e: GDXError) -> Int32 {
        e.kind == .unreadable || e.kind == .unwritable ? 5 : 2
    }
}

extension Driver {
    /// The GDX equation type of each equation the program defines, by lower-cased name.
    public static func gdxEquationTypes(_ program: Program) -> [String: GDXEquationType] {
        program.gdxEquationTypes
    }

    /// The program's symbols (all but models when `names` is empty, else those named) as a GDX file.
    public static func gdxFile(_ program: Program, names: [String] = []) -> GDXFile {
        let wanted = Set(names.map { $0.lowercased() })
        let symbols = program.symbols.filter { wanted.isEmpty || wanted.contains($0.name.lowercased()) }
        return GDXBridge.export(symbols, labels: program.labels, equationTypes: gdxEquationTypes(program))
    }
}
