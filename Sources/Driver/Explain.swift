import Foundation

/// `enm explain CODE`: the documentation page of a diagnostic code.
///
/// The pages live in `docs/diagnostics/CODE.md` and are compiled into the program
/// (`DiagnosticPages.swift`, written by `scripts/embed-diagnostic-pages.sh`), so an installed
/// binary has them without the source tree.
public enum Explain {
    /// What `enm explain` prints and how it exits.
    public struct Outcome: Equatable {
        /// Text for standard output.
        public var output: String
        /// Text for standard error.
        public var error: String
        /// The process exit code (0, or 64 for a usage error).
        public var exitCode: Int32
    }

    /// Every code with a page, sorted.
    public static var codes: [String] { pages.keys.sorted() }

    /// The page of `code` (case-insensitive, blanks around it ignored), nil when there is none.
    public static func page(for code: String) -> String? {
        pages[normalized(code)]
    }

    /// The title of a page: its first line without `# CODE: `.
    public static func title(for code: String) -> String? {
        guard let page = page(for: code) else { return nil }
        let first = page.prefix { $0 != "\n" }
        let prefix = "# \(normalized(code)): "
        return first.hasPrefix(prefix) ? String(first.dropFirst(prefix.count)) : String(first)
    }

    /// One line per code: `E1001  unknown symbol`.
    public static func listing() -> String {
        codes.map { "\($0)  \(title(for: $0) ?? "")\n" }.joined()
    }

    /// The command: the page of `code`, or the list with `list`.
    public static func run(code: String?, list: Bool) -> Outcome {
        if list {
            return Outcome(output: listing(), error: "", exitCode: 0)
        }
        guard let code, !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            return Outcome(output: "", error: "give a diagnostic code (such as E1001) or --list\n", exitCode: 64)
        }
        guard let text = page(for: code) else {
            return Outcome(output: "", error: "no page for '\(normalized(code))'; codes are listed by 'enm explain --list'\n",
                           exitCode: 64)
        }
        return Outcome(output: text, error: "", exitCode: 0)
    }

    /// `e1001` → `E1001`.
    static func normalized(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }
}
