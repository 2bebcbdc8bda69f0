import Foundation

/// Runs shell commands for `$call` and `execute` (only when the user allows it with
/// `--allow-shell`): through `/bin/sh`, in a given folder, with the command's output on standard
/// error, since standard output carries enm's results.
public enum Shell {
    /// The exit status of `command`; nil when `/bin/sh` cannot start.
    public static func run(_ command: String, in folder: String) -> Int32? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        if !folder.isEmpty { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
        p.standardOutput = FileHandle.standardError
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
