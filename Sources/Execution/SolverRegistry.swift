import Diagnostics
import IR

/// The backends a run may solve with: each under its name, with the model types it solves.
///
/// The interpreter knows backends only through this registry. The Driver registers the real
/// ones; tests register fakes. `option lp = name;` picks the backend registered as `name` for
/// model type `lp`; a solve uses the backend picked for its model type, else the first one
/// registered for it. A new backend is one `register` call.
public struct SolverRegistry {
    /// One registered backend.
    public struct Entry {
        /// The backend; `option <type> = <backend.name>` picks it.
        public let backend: Solver
        /// How messages name it ("GLPK").
        public let title: String
        /// The model types it solves.
        public let modelTypes: Set<ModelType>
    }

    /// The backends in the order registered.
    public private(set) var entries: [Entry] = []

    /// A registry without backends (every solve is then skipped).
    public init() {}

    /// Adds `backend` for `modelTypes`; `title` names it in messages. The first backend
    /// registered for a model type is that type's default.
    public mutating func register(_ backend: Solver, title: String, modelTypes: Set<ModelType>) {
        entries.append(Entry(backend: backend, title: title, modelTypes: modelTypes))
    }

    /// The backend registered as `name` (lower case) that solves `modelType`; nil when none.
    public func entry(named name: String, serving modelType: ModelType) -> Entry? {
        entries.first { $0.backend.name == name && $0.modelTypes.contains(modelType) }
    }

    /// The backend a solve of `modelType` uses unless an option picks another; nil when no
    /// backend solves that type.
    public func defaultEntry(for modelType: ModelType) -> Entry? {
        entries.first { $0.modelTypes.contains(modelType) }
    }
}

extension Interpreter {
    /// The backend a solve of `modelType` uses: the one an option picked, else the default.
    func backend(for modelType: ModelType) -> SolverRegistry.Entry? {
        pickedSolvers[modelType] ?? solvers.defaultEntry(for: modelType)
    }

    /// `option <modelType> = <name>;`: picks the backend registered as `name` for the type;
    /// `default` goes back to the type's default. An unknown name, or one that does not solve
    /// the type, keeps the current backend with W4001; the option of a type no backend
    /// solves is ignored.
    func pickSolver(_ name: String, for modelType: ModelType, at span: SourceSpan) {
        guard let current = backend(for: modelType) else { return }
        if name == "default" {
            pickedSolvers[modelType] = nil
        } else if let entry = solvers.entry(named: name, serving: modelType) {
            pickedSolvers[modelType] = entry
        } else {
            diagnostics.warning(.W4001, "solver '\(name)' is not available; \(current.title) is used for \(modelType.rawValue)", at: span)
        }
    }
}
