import Diagnostics
import IR

extension Compiler {
    /// Warnings `enm check` adds to a program that compiled: symbols never used (W2101),
    /// assigned but never used (W2102), equations without variables (W2103).
    public func lint() {
        for s in program.symbols where !referenced.contains(s.id) {
            guard let span = declarationSpans[s.id] else { continue }
            if s.kind == .model {
                diagnostics.warning(.W2101, "model '\(s.name)' is declared but never solved", at: span,
                                    label: "not used")
            } else if assigned.contains(s.id) {
                diagnostics.warning(.W2102, "\(s.kind.rawValue) '\(s.name)' is assigned but never used", at: span,
                                    label: "assigned, never read")
            } else if s.aliasOf == nil {
                diagnostics.warning(.W2101, "\(s.kind.rawValue) '\(s.name)' is declared but never used", at: span,
                                    label: "not used")
            }
        }
        for s in program.symbols where s.kind == .equation {
            guard let d = program.definitions[s.id], Compiler.classify(d).kind == .constant else { continue }
            diagnostics.warning(.W2103, "equation '\(s.name)' has no variables", at: d.span,
                                label: "only data", help: ["a row without variables is either always satisfied or always violated"])
        }
    }
}
