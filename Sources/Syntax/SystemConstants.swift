import Diagnostics
import Foundation

/// The predefined `%system.NAME%`, `%gams.NAME%` and `%sysEnv.NAME%` values.
extension Preprocessor {
    /// The GAMS version whose language enm follows (`%system.gamsVersion%`, `$version`).
    public static let gamsVersion = 470
    /// The system constants enm defines, lower-cased, as the GAMS names are spelled.
    static let systemConstantNames = [
        "date", "time", "dirSep", "fileSys", "fn", "fp", "fe", "incName", "incLine", "incParent", "title",
        "gamsVersion", "gamsRelease", "platform", "hostPlatform", "nullFile", "tempDir", "errorLevel", "userName",
    ]
    /// The `%gams.NAME%` command-line parameters enm defines.
    static let gamsParameterNames = ["input", "inputDir", "workDir", "curDir"]

    /// The value of a predefined name, nil when it is not one or is not defined.
    func predefinedValue(_ name: String, file: SourceFile, line: Int) -> String? {
        let lower = name.lowercased()
        if let constant = Preprocessor.compileTimeConstants[lower] { return constant }
        if lower.hasPrefix("sysenv.") {
            return ProcessInfo.processInfo.environment[String(name.dropFirst("sysenv.".count))]
        }
        if lower.hasPrefix("gams.") { return gamsParameter(String(lower.dropFirst("gams.".count))) }
        guard lower.hasPrefix("system.") else { return nil }
        return systemConstant(String(lower.dropFirst("system.".count)), file: file, line: line)
    }

    private func systemConstant(_ key: String, file: SourceFile, line: Int) -> String? {
        let main = mainPath
        let base = Paths.lastComponent(of: main)
        let dot = base.lastIndex(of: ".")
        switch key {
        case "date": return Preprocessor.timestamp("MM/dd/yy")
        case "time": return Preprocessor.timestamp("HH:mm:ss")
        case "dirsep": return "/"
        case "filesys": return "UNIX"
        case "fn": return dot.map { String(base[..<$0]) } ?? base
        case "fe": return dot.map { String(base[$0...]) } ?? ""
        case "fp": return Preprocessor.folder(of: main)
        case "incname": return file.path
        case "incline": return String(line)
        case "incparent": return includeStack.count > 1 ? includeStack[includeStack.count - 2].path : ""
        case "title": return title
        case "gamsversion": return String(Preprocessor.gamsVersion)
        case "gamsrelease": return "\(Preprocessor.gamsVersion / 10).\(Preprocessor.gamsVersion % 10).0"
        case "platform", "hostplatform":
            #if os(macOS)
            return "DEX"
            #else
            return "LEX"
            #endif
        case "nullfile": return "/dev/null"
        case "tempdir": return FileManager.default.temporaryDirectory.path + "/"
        case "errorlevel": return String(errorLevel)
        case "username": return ProcessInfo.processInfo.environment["USER"] ?? ""
        default: return nil
        }
    }

    private func gamsParameter(_ key: String) -> String? {
        switch key {
        case "input": return mainPath
        case "inputdir": return Preprocessor.folder(of: mainPath)
        case "workdir", "curdir": return FileManager.default.currentDirectoryPath + "/"
        default: return nil
        }
    }

    /// The absolute folder of `path`, with a trailing `/` (as GAMS writes `%system.fp%`).
    static func folder(of path: String) -> String {
        let dir = Paths.directory(of: path)
        let absolute = dir.hasPrefix("/") ? dir : Paths.join(FileManager.default.currentDirectoryPath, dir)
        let standard = URL(fileURLWithPath: absolute.isEmpty ? "." : absolute).standardizedFileURL.path
        return standard.hasSuffix("/") ? standard : standard + "/"
    }

    static func timestamp(_ format: String) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = format
        return f.string(from: Date())
    }

    /// `system` or `gams` when `name` is in a predefined namespace.
    static func predefinedScope(of name: String) -> String? {
        let lower = name.lowercased()
        if lower.hasPrefix("system.") { return "system" }
        if lower.hasPrefix("gams.") { return "gams" }
        return nil
    }

    static func predefinedHelp(_ scope: String) -> String {
        let names = scope == "system" ? systemConstantNames : gamsParameterNames
        return "enm defines " + names.map { "%\(scope).\($0)%" }.joined(separator: ", ")
    }
}
