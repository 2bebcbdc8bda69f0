import Diagnostics
import Foundation

/// An open `$onEcho > file` block: where its lines go and the lines so far.
struct EchoBlock {
    var span: SourceSpan
    /// The option as written (`onEcho`, `onEchoV`, ...).
    var spelled: String
    /// The file as written, and where it is on disk.
    var name: String
    var path: String
    var append: Bool
    /// Whether `%name%` is replaced in the lines (`$onEcho`, `$onEchoS`; not `$onEchoV`).
    var substitutes: Bool
    var text = ""
}

/// `$echo`, `$onEcho ... $offEcho`, and the shell escapes `$call`, `$hiddenCall`, `$execute`.
extension Preprocessor {
    /// Splits `text > file` or `text >> file` at its last `>` outside quotes.
    static func redirection(_ text: String) -> (text: String, append: Bool, file: String)? {
        let bytes = Array(text.utf8)
        var quote: UInt8 = 0
        var last: Int? = nil
        for (k, b) in bytes.enumerated() {
            if quote != 0 { if b == quote { quote = 0 } } else if b == 34 || b == 39 { quote = b } else if b == 62 { last = k }
        }
        guard let gt = last else { return nil }
        let append = gt > 0 && bytes[gt - 1] == 62
        let before = String(decoding: bytes[0..<(append ? gt - 1 : gt)], as: UTF8.self)
        let file = unquote(String(decoding: bytes[(gt + 1)...], as: UTF8.self))
        guard !file.isEmpty else { return nil }
        return (unquote(before), append, file)
    }

    /// Where a file written by `$echo` or `$onEcho` goes: a relative name is taken from the
    /// main file's folder (where GAMS users start GAMS).
    func outputPath(_ name: String) -> String {
        let name = name.replacingOccurrences(of: "\\", with: "/")
        if name.hasPrefix("/") { return name }
        let dir = Paths.directory(of: mainPath)
        return dir.isEmpty ? name : Paths.join(dir, name)
    }

    /// `$echo text > file` (`$echoN`: without a line break).
    func echoDirective(_ rest: String, newline: Bool, sub: Substituted, after: Int, file: SourceFile, line: Int,
                       span: SourceSpan) {
        guard let r = Preprocessor.redirection(rest) else {
            diagnostics.error(.E0120, "$echo needs '> file' or '>> file' after its text", at: span,
                              label: "no file to write", help: ["write '$echo text > file.txt' (or '>>' to append)"])
            return
        }
        write(r.text + (newline ? "\n" : ""), to: r.file, append: r.append,
              at: sub.span(file: file, line: line, column: after, length: max(1, sub.bytes.count - after)))
    }

    /// `$onEcho > file`: the lines up to `$offEcho` go to the file.
    func startEcho(_ rest: String, name: String, sub: Substituted, from: Int, after: Int, file: SourceFile, line: Int,
                   span: SourceSpan) {
        let start = Preprocessor.nameColumn(sub.bytes, from: from) - 1
        let spelled = String(decoding: sub.bytes[start..<min(sub.bytes.count, after)], as: UTF8.self)
        guard let r = Preprocessor.redirection(rest), r.text.isEmpty else {
            diagnostics.error(.E0120, "$\(spelled) needs '> file' or '>> file'", at: span,
                              label: "no file to write", help: ["write '$\(spelled) > file.txt' (or '>>' to append)"])
            // the block is still read to its $offEcho, so that its lines are not taken for statements
            echo = EchoBlock(span: span, spelled: spelled, name: "", path: "", append: true, substitutes: false)
            return
        }
        echo = EchoBlock(span: span, spelled: spelled, name: r.file, path: outputPath(r.file), append: r.append,
                         substitutes: name != "onechov")
    }

    /// One line inside an `$onEcho` block: collected, or the `$offEcho` that writes the block.
    func echoLine(_ bytes: [UInt8], file: SourceFile, line: Int) {
        guard var block = echo else { return }
        if bytes.first == UInt8(ascii: "$"), Preprocessor.splitDirective(bytes, from: 1).0 == "offecho" {
            echo = nil
            if !block.name.isEmpty { write(block.text, to: block.name, append: block.append, at: block.span) }
            return
        }
        let text = block.substitutes ? substitute(bytes, file: file, line: line).bytes : bytes
        block.text += String(decoding: text, as: UTF8.self) + "\n"
        echo = block
    }

    /// Writes (or appends) `text` to the file `name`; E6015 when it cannot be written.
    private func write(_ text: String, to name: String, append: Bool, at span: SourceSpan) {
        let path = outputPath(name)
        let data = Data(text.utf8)
        do {
            if append, let handle = FileHandle(forWritingAtPath: path) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: data)
            } else {
                try data.write(to: URL(fileURLWithPath: path))
            }
        } catch {
            diagnostics.error(.E6015, "cannot write '\(name)'", at: span, label: "not written",
                              notes: path == name ? [] : ["the file would be '\(path)'"])
        }
    }

    /// The help for a well-known GAMS utility that a shell escape calls.
    static func utilityHelp(_ command: String) -> String? {
        let first = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        var program = Paths.lastComponent(of: first.replacingOccurrences(of: "\\", with: "/")).lowercased()
        if program.hasPrefix("=") { program.removeFirst() }
        if program.hasSuffix(".exe") { program.removeLast(4) }
        switch program {
        case "gdxxrw", "csv2gdx", "xls2gms", "gdxrw":
            return "\(program) converts spreadsheets, which enm does not read: save the data as CSV and read it between $onDelim and $offDelim with $include (enm reads GDX files with $gdxIn and $load)"
        case "gdxdump":
            return "to look into a GDX file use 'enm gdx dump FILE'"
        default:
            return nil
        }
    }

    /// `$call cmd`, `$call.checkErrorLevel cmd`, `$hiddenCall cmd`, `$execute cmd`.
    func shellDirective(_ name: String, rest: String, file: SourceFile, span: SourceSpan) {
        let base = Preprocessor.baseName(name)
        let spelled = base == "hiddencall" ? "hiddenCall" : base
        var command = Preprocessor.unquote(rest)
        if command.hasPrefix("=") { command.removeFirst() }
        guard !command.isEmpty else {
            diagnostics.error(.E0122, "$\(spelled) needs a command", at: span)
            return
        }
        let utility = Preprocessor.utilityHelp(command)
        guard settings.allowShell else {
            diagnostics.error(.E0122, "$\(spelled) runs a program; enm runs none unless --allow-shell is given", at: span,
                              label: "not run", help: [utility ?? "run enm with --allow-shell to let the file run '\(command)'"])
            return
        }
        let status = Shell.run(command, in: Paths.directory(of: mainPath))
        errorLevel = Int(status ?? 127)
        if status == nil {
            diagnostics.error(.E0123, "$\(spelled) could not start '/bin/sh'", at: span, label: "not run")
        } else if name.hasSuffix(".checkerrorlevel"), let status, status != 0 {
            diagnostics.error(.E0123, "'\(command)' exited with status \(status)", at: span,
                              label: "$\(spelled).checkErrorLevel stops on a nonzero status", help: utility.map { [$0] } ?? [])
        }
    }

}
