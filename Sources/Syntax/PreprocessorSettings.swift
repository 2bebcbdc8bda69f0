import Diagnostics
import Foundation

/// What a run lets the preprocessor do, where its messages go, and the memory the run may take.
public struct PreprocessorSettings {
    /// Whether `$call`, `$hiddenCall` and `$execute` may run programs (`--allow-shell`).
    public var allowShell: Bool
    /// Where `$log` and `$show` write a line (standard error by default).
    public var log: (String) -> Void

    /// The memory the run may take (`--memory-limit`): label ranges are refused past it, and
    /// the run's execution settings take it from here.
    public var memoryLimit: MemoryLimit

    public init(allowShell: Bool = false, memoryLimit: MemoryLimit = .standard,
                log: @escaping (String) -> Void = PreprocessorSettings.standardError) {
        self.allowShell = allowShell
        self.memoryLimit = memoryLimit
        self.log = log
    }

    /// Writes a line to standard error.
    public static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// The options an include file sets for itself alone (GAMS's `$offGlobal`, the default).
struct ScopedOptions {
    var eolMarker: CommentMarker?
    var inline: InlineComments.Settings
    var dataOptions: DataOptions
    var columnWindow: (min: Int, max: Int)
}
