import Diagnostics
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Dollar-control processing: `$include`, `$set`, `$if`, `%name%` substitution, comments,
/// `$onText`, `$onDelim`, `$eolCom`, `$exit`; produces the lines the lexer reads.
public final class Preprocessor {
    /// Compile-time variables (`$set`, `--name=value`), keyed by lower-cased name.
    public private(set) var variables: [String: String] = [:]
    public let diagnostics: DiagnosticBag
    /// Every file read, main file first.
    public private(set) var files: [SourceFile] = []
    private var lines: [SourceLine] = []
    private var eolMarker: [UInt8]? = nil
    private var delimited = false
    private var includeDepth = 0

    /// Dollar options accepted and ignored because they only affect listing layout.
    static let ignoredOptions: Set<String> = [
        "title", "stitle", "double", "single", "offlisting", "onlisting", "offsymxref", "onsymxref",
        "offsymlist", "onsymlist", "offuellist", "onuellist", "offuelxref", "onuelxref", "eject",
        "lines", "hidden", "log", "onempty", "offempty", "onmulti", "offmulti", "ondigit", "offdigit",
        "onupper", "offupper", "inlinecom", "oninline", "offinline", "onend", "offend", "ondollar",
        "offdollar", "phantom", "onwarning", "offwarning", "stars", "maxcol", "mincol", "onmargin",
        "offmargin", "onnestcom", "offnestcom", "ononly", "offonly", "oneps", "offeps", "call", "echo",
        "show", "onglobal", "offglobal", "onrecurse", "offrecurse", "version", "ondotl", "offdotl",
    ]

    public init(defines: [String: String], diagnostics: DiagnosticBag) {
        for (k, v) in defines { variables[k.lowercased()] = v }
        self.diagnostics = diagnostics
    }

    /// Reads `path` and everything it includes; returns the processed lines.
    public func run(path: String) -> [SourceLine] {
        guard let text = Preprocessor.readFile(path) else {
            diagnostics.error("E0001", "cannot read file '\(path)'", at: .none)
            return []
        }
        let file = SourceFile(path: path, text: text)
        files.append(file)
        process(file)
        if delimited, let last = lines.last {
            diagnostics.error("E0104", "$onDelim block is not closed by $offDelim",
                              at: SourceSpan(file: last.file, line: last.line, column: 1))
        }
        return lines
    }

    /// Processes an in-memory main file (tests, embedders).
    public func run(file: SourceFile) -> [SourceLine] {
        files.append(file)
        process(file)
        return lines
    }

    /// Reads a whole file as UTF-8 text (invalid bytes replaced), nil if it cannot be read.
    public static func readFile(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private func process(_ file: SourceFile) {
        let count = file.lineStarts.count
        var lineNo = 1
        var inText = false
        while lineNo <= count {
            defer { lineNo += 1 }
            var bytes = Array(file.lineText(lineNo).utf8)
            if lineNo == count && bytes.isEmpty { continue }
            if inText {
                if bytes.first == UInt8(ascii: "$") {
                    let (name, _) = Preprocessor.splitDirective(bytes, from: 1)
                    if name == "offtext" { inText = false }
                }
                continue
            }
            if bytes.first == UInt8(ascii: "*") { continue }
            if bytes.first == UInt8(ascii: "$") {
                let r = directive(bytes, from: 1, file: file, line: lineNo)
                switch r {
                case .none: break
                case .startText: inText = true
                case .exit: return
                case .line(let rest): bytes = rest; emit(bytes, file: file, line: lineNo)
                }
                continue
            }
            emit(bytes, file: file, line: lineNo)
        }
        if inText {
            diagnostics.error("E0105", "$onText is not closed by $offText",
                              at: SourceSpan(file: file, line: count, column: 1))
        }
    }

    private func emit(_ raw: [UInt8], file: SourceFile, line: Int) {
        let (text, changed) = substitute(raw, file: file, line: line)
        lines.append(SourceLine(text: text, file: file, line: line, isDelimited: delimited,
                                substituted: changed, eolComment: eolMarker))
    }

    enum DirectiveResult { case none, startText, exit, line([UInt8]) }

    static func splitDirective(_ bytes: [UInt8], from: Int) -> (String, Int) {
        var i = from
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        let start = i
        while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
        let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        return (name, i)
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95 || b == 46
    }

    private func directive(_ raw: [UInt8], from: Int, file: SourceFile, line: Int) -> DirectiveResult {
        let (sub, _) = substitute(raw, file: file, line: line)
        let bytes = sub
        let (name, after) = Preprocessor.splitDirective(bytes, from: from)
        let restBytes = Array(bytes[min(after, bytes.count)...])
        let rest = String(decoding: restBytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let span = SourceSpan(file: file, line: line, column: from + 1, length: max(1, name.count))
        switch name {
        case "ontext": return .startText
        case "offtext":
            diagnostics.error("E0106", "$offText without $onText", at: span)
        case "include", "batinclude":
            let target = Preprocessor.unquote(rest)
            if target.isEmpty {
                diagnostics.error("E0107", "$include needs a file name", at: span)
            } else {
                include(target, from: file, line: line, column: after + 2)
            }
        case "set", "setglobal", "setlocal", "setenv":
            let (var_, value) = Preprocessor.splitNameValue(rest)
            if var_.isEmpty {
                diagnostics.error("E0108", "$\(name) needs a name", at: span)
            } else {
                variables[var_.lowercased()] = value
            }
        case "drop", "dropglobal", "droplocal", "dropenv":
            variables[rest.lowercased()] = nil
        case "if", "ifi", "ife":
            return conditional(restBytes, caseInsensitive: name == "ifi", file: file, line: line,
                               column: after + 1, span: span)
        case "eolcom":
            let marker = rest.split(separator: " ").first.map(String.init) ?? ""
            if marker.isEmpty || marker.count > 2 {
                diagnostics.error("E0109", "$eolCom needs a marker of one or two characters", at: span)
            } else {
                eolMarker = Array(marker.utf8)
            }
        case "oneolcom": if eolMarker == nil { eolMarker = Array("!!".utf8) }
        case "offeolcom": eolMarker = nil
        case "ondelim":
            delimited = true
        case "offdelim":
            delimited = false
        case "exit": return .exit
        case "abort", "error", "terminate":
            diagnostics.error("E0110", rest.isEmpty ? "$\(name) reached" : Preprocessor.unquote(rest), at: span)
            return .exit
        case "":
            diagnostics.error("E0111", "'$' in column 1 must start a dollar control option", at: span)
        default:
            if Preprocessor.ignoredOptions.contains(name) { return .none }
            diagnostics.error("E0112", "unknown dollar control option '$\(name)'", at: span,
                              label: "not a dollar control option enm knows")
        }
        return .none
    }

    private func conditional(_ bytes: [UInt8], caseInsensitive: Bool, file: SourceFile, line: Int,
                             column: Int, span: SourceSpan) -> DirectiveResult {
        var c = ConditionScanner(bytes: bytes)
        var negate = false
        if c.peekWord()?.lowercased() == "not" { _ = c.word(); negate = true }
        guard let first = c.peekToken() else {
            diagnostics.error("E0113", "$if needs a condition", at: span)
            return .none
        }
        var result: Bool
        switch first.lowercased() {
        case "set", "setglobal", "setlocal", "setenv":
            _ = c.word()
            let n = c.token() ?? ""
            result = variables[n.lowercased()] != nil
        case "exist":
            _ = c.word()
            let n = Preprocessor.unquote(c.token() ?? "")
            result = resolvePath(n, from: file) != nil
        default:
            let lhs = Preprocessor.unquote(c.token() ?? "")
            c.skipSpaces()
            if c.consume("==") {
                let rhs = Preprocessor.unquote(c.token() ?? "")
                result = caseInsensitive ? lhs.lowercased() == rhs.lowercased() : lhs == rhs
            } else {
                diagnostics.error("E0114", "$if condition not understood; use 'set NAME', 'exist FILE' or 'A == B'",
                                  at: span)
                return .none
            }
        }
        if negate { result.toggle() }
        guard result else { return .none }
        var rest = Array(bytes[c.index...])
        while let f = rest.first, f == 32 || f == 9 { rest.removeFirst() }
        if rest.isEmpty { return .none }
        if rest.first == UInt8(ascii: "$") {
            return directive(rest, from: 1, file: file, line: line)
        }
        return .line(rest)
    }

    private func resolvePath(_ name: String, from file: SourceFile) -> String? {
        let fm = FileManager.default
        if name.hasPrefix("/") { return fm.fileExists(atPath: name) ? name : nil }
        let dir = (file.path as NSString).deletingLastPathComponent
        let candidates = dir.isEmpty ? [name] : [(dir as NSString).appendingPathComponent(name), name]
        for c in candidates where fm.fileExists(atPath: c) { return c }
        return nil
    }

    private func include(_ name: String, from file: SourceFile, line: Int, column: Int) {
        let span = SourceSpan(file: file, line: line, column: column, length: name.count)
        guard includeDepth < 40 else {
            diagnostics.error("E0115", "$include nested more than 40 deep (recursive include?)", at: span)
            return
        }
        guard let path = resolvePath(name, from: file), let text = Preprocessor.readFile(path) else {
            diagnostics.error("E0102", "cannot open include file '\(name)'", at: span, label: "file not found",
                              notes: ["relative paths are looked up next to the including file, then in the working directory"])
            return
        }
        let inc = SourceFile(path: path, text: text)
        files.append(inc)
        includeDepth += 1
        let savedEol = eolMarker
        process(inc)
        eolMarker = savedEol
        includeDepth -= 1
    }

    /// Replaces `%name%` by the value of compile-time variable `name`.
    private func substitute(_ bytes: [UInt8], file: SourceFile, line: Int) -> ([UInt8], Bool) {
        guard bytes.contains(37) else { return (bytes, false) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, changed = false
        while i < bytes.count {
            if bytes[i] == 37 {
                var j = i + 1
                while j < bytes.count, Preprocessor.isWordByte(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == 37, j > i + 1 {
                    let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    if let v = variables[name.lowercased()] {
                        out.append(contentsOf: Array(v.utf8))
                        changed = true
                        i = j + 1
                        continue
                    } else if !name.lowercased().hasPrefix("system.") && !name.lowercased().hasPrefix("gams.") {
                        diagnostics.error("E0103", "compile-time variable '\(name)' is not set",
                                          at: SourceSpan(file: file, line: line, column: i + 1, length: j - i + 1),
                                          label: "not set",
                                          help: ["set it with '--\(name)=value' on the command line or '$set \(name) value'"])
                    }
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return (out, changed)
    }

    static func unquote(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, let f = t.first, let l = t.last, (f == "\"" || f == "'"), f == l {
            return String(t.dropFirst().dropLast())
        }
        return t
    }

    static func splitNameValue(_ s: String) -> (String, String) {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard let sp = t.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (t, "") }
        let name = String(t[..<sp])
        let value = unquote(String(t[sp...]))
        return (name, value)
    }
}

/// Scans the words and quoted strings of a `$if` condition.
struct ConditionScanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpaces() { while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 } }

    mutating func peekWord() -> String? {
        let save = index
        defer { index = save }
        return word()
    }

    mutating func word() -> String? {
        skipSpaces()
        let s = index
        while index < bytes.count, Preprocessor.isWordByte(bytes[index]) { index += 1 }
        return index > s ? String(decoding: bytes[s..<index], as: UTF8.self) : nil
    }

    mutating func peekToken() -> String? {
        let save = index
        defer { index = save }
        return token()
    }

    /// A quoted string or a run of non-blank characters up to `==`.
    mutating func token() -> String? {
        skipSpaces()
        guard index < bytes.count else { return nil }
        let q = bytes[index]
        if q == 34 || q == 39 {
            let s = index
            index += 1
            while index < bytes.count, bytes[index] != q { index += 1 }
            if index < bytes.count { index += 1 }
            return String(decoding: bytes[s..<index], as: UTF8.self)
        }
        let s = index
        while index < bytes.count, bytes[index] != 32, bytes[index] != 9 {
            if bytes[index] == 61, index + 1 < bytes.count, bytes[index + 1] == 61, index > s { break }
            index += 1
        }
        return index > s ? String(decoding: bytes[s..<index], as: UTF8.self) : nil
    }

    mutating func consume(_ s: String) -> Bool {
        skipSpaces()
        let b = Array(s.utf8)
        guard index + b.count <= bytes.count, Array(bytes[index..<(index + b.count)]) == b else { return false }
        index += b.count
        return true
    }
}
