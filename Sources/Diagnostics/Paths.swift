/// Path arithmetic on plain strings (Foundation's `NSString` path methods trap on some
/// one-character paths on Linux).
public enum Paths {
    /// The folder part of `path`: "" when it has none, "/" for an entry of the root folder
    /// (repeated slashes count as one: the folder of `a//b/` is `a`).
    public static func directory(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var folder = p[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// `name` inside `directory` (an absolute `name` stays as it is).
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || name.hasPrefix("/") { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// A GDX file's name as a model writes it, made a path: `\` is a folder separator (a model
    /// written on Windows), and `.gdx` is added when the file name has no extension, as GAMS does.
    public static func gdxFileName(_ written: String) -> String {
        let name = written.replacingOccurrences(of: "\\", with: "/")
        return lastComponent(of: name).contains(".") ? name : name + ".gdx"
    }

    /// The last component of `path` (the file name), `path` itself when it has no folder
    /// (and `/` for the root).
    public static func lastComponent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/"), p.count > 1 else { return String(p) }
        return String(p[p.index(after: slash)...])
    }
}
