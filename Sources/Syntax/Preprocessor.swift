import Diagnostics
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Dollar-control processing: `$include`, `$set`, `$if`, `%name%` substitution, comments,
/// `$onText`, `$onDelim`, `$eolCom`, `$exit`; produces the lines the lexer reads.
public final class Preprocessor {
    /// Compile-time variables (`$set`, `--name=value`), keyed by lower-cased name.
    public internal(set) var variables: [String: String] = [:]
    /// Variables whose value holds an unset `%name%` (already reported): lines using them are
    /// marked damaged without a second report.
    var damagedVariables: Set<String> = []
    public let diagnostics: DiagnosticBag
    /// Every file read, main file first.
    public private(set) var files: [SourceFile] = []
    var lines: [SourceLine] = []
    var eolMarker: CommentMarker? = nil
    private var delimited = false
    /// The lines read so far, of every file, in the order `$include` expands them.
    private var expandedLines = 0
    /// `$onMulti`/`$onMultiR`/`$offMulti` in force.
    private var redefinition = DataRedefinition.refused
    /// Where the open `$onDelim` block started: its directive and its first line's index.
    private var delimitedStart: (span: SourceSpan, lineIndex: Int)? = nil
    private var includeDepth = 0
    /// Whether an `$include` went past the depth limit: no further file is included then.
    private var includeLimitReached = false
    /// Open `$ifThen` blocks, innermost last.
    private var blocks: [ConditionalBlock] = []

    /// One `$ifThen ... [$elseIf ...] [$else] $endIf` block.
    private struct ConditionalBlock {
        /// Whether the lines around the block are used.
        var enclosingActive: Bool
        /// Whether a branch of this block has been taken already.
        var taken: Bool
        /// Whether the current branch's lines are used.
        var active: Bool
        /// Whether `$else` has been seen (no `$elseIf`/`$else` may follow).
        var sawElse: Bool
        var span: SourceSpan
    }

    /// Whether lines are used: every open `$ifThen` block is in a taken branch.
    private var active: Bool { blocks.last?.active ?? true }

    /// What the run allows and where `$log` and `$show` write.
    public let settings: PreprocessorSettings
    /// The sizes of sets whose data came before a line (`card(s)` in `$eval`); the driver,
    /// which can compile the lines read so far, provides it. Nil: `card` is refused.
    public var setCardinality: ((_ name: String, _ linesSoFar: [SourceLine]) -> Int?)? = nil
    /// Whether `$terminate` was met: the program is compiled but not run.
    public internal(set) var terminated = false
    /// Whether `$stop`, `$abort` or `$terminate` ended reading all input.
    var stopped = false
    /// The open `$onEcho` block.
    var echo: EchoBlock? = nil
    /// `$onInline`/`$inlineCom`/`$onNestCom` state.
    var inline = InlineComments()
    /// `$onEmpty`, `$onEps` in force.
    var dataOptions: DataOptions = []
    /// `$onGlobal`: option changes made in an include file stay after it.
    var globalOptions = false
    /// `$onRecurse`: a file may include itself.
    var recursion = false
    /// `$minCol`/`$maxCol`: the first and last source columns read (1-based; 0: no limit).
    var columnWindow = (min: 0, max: 0)
    /// The files being read, the main file first, and the `$batInclude` arguments of each.
    var includeStack: [(path: String, arguments: [String])] = []
    /// The main file's path (`%system.fn%`, the folder of `$echo` files and `$call`).
    var mainPath = ""
    /// Whether the next statement line follows an include file that could not be read.
    var damageNextLine = false
    /// The exit status of the last `$call` (`%system.errorLevel%`).
    var errorLevel = 0
    /// `$title` text, for `%system.title%`.
    var title = ""

    /// The command line's `--NAME=VALUE` names, lower case → as given, and the names the model
    /// read (`%NAME%`, `$if set NAME`).
    private var commandLineNames: [String: String] = [:]
    private var readNames = Set<String>()

    /// The command line's `--NAME=VALUE` switches the model never read, as given, sorted: a
    /// mistyped switch (`--itres=5000`) would otherwise change nothing without a word.
    public var unreadDefines: [String] {
        commandLineNames.filter { !readNames.contains($0.key) }.map(\.value).sorted()
    }

    public init(defines: [String: String], diagnostics: DiagnosticBag, settings: PreprocessorSettings = PreprocessorSettings()) {
        for (k, v) in defines {
            variables[k.lowercased()] = v
            commandLineNames[k.lowercased()] = k
        }
        self.diagnostics = diagnostics
        self.settings = settings
    }

    /// Reads `path` and everything it includes; returns the processed lines.
    public func run(path: String) -> [SourceLine] {
        if let why = InputFile.problem(path: path) {
            diagnostics.error(.E0001, "cannot read file '\(path)': it \(why)", at: .none)
            return []
        }
        guard let text = Preprocessor.readFile(path) else {
            diagnostics.error(.E0001, "cannot read file '\(path)'", at: .none)
            return []
        }
        return run(file: SourceFile(path: path, text: text))
    }

    /// Processes an in-memory main file (tests, embedders).
    public func run(file: SourceFile) -> [SourceLine] {
        files.append(file)
        mainPath = file.path
        includeStack.append((file.path, []))
        process(file)
        includeStack.removeLast()
        closeOpenDelimitedBlock()
        return takeLines()
    }

    /// `card(s)` for `$eval`: the size of set `s` from the lines read so far.
    func cardinalityResolver() -> ((String) -> Int?)? {
        guard let hook = setCardinality else { return nil }
        let linesSoFar = lines
        return { name in hook(name, linesSoFar) }
    }

    /// Hands the processed lines over: the preprocessor, which lives on for its `files`, does
    /// not keep them (they can be many megabytes of data lines, no longer needed once parsed).
    private func takeLines() -> [SourceLine] {
        defer { lines = [] }
        return lines
    }

    /// Reports an `$onDelim` block left open at the end of the input and guesses where it was
    /// meant to end: before the first line that cannot be comma-separated data (one starting
    /// with `/` or `;`, which end a data list). Lines from there on are read as statements again,
    /// so the rest of the file is checked as usual; without such a line the block runs to the end.
    private func closeOpenDelimitedBlock() {
        guard delimited, let open = delimitedStart else { return }
        diagnostics.error(.E0104, "$onDelim block is not closed by $offDelim", at: open.span,
                          label: "this $onDelim has no matching $offDelim")
        var k = open.lineIndex
        while k < lines.count {
            if let first = lines[k].text.first(where: { $0 != 32 && $0 != 9 }), first == 47 || first == 59 { break }
            k += 1
        }
        if k < lines.count {
            for j in k..<lines.count { lines[j].isDelimited = false }
        } else {
            // nothing else ends the block: what follows is unreadable, so say nothing more about it
            for j in open.lineIndex..<lines.count { lines[j].damaged = true }
        }
        delimited = false
        delimitedStart = nil
    }

    /// Reads a whole file as UTF-8 text (invalid bytes replaced), nil if it cannot be read.
    public static func readFile(_ path: String) -> String? {
        guard case .success(let data) = InputFile.read(path) else { return nil }
        // a byte order mark (files saved by Windows editors and spreadsheets) is no text
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = data.starts(with: bom) ? data.dropFirst(bom.count) : data[...]
        return String(decoding: body, as: UTF8.self)
    }

    private func process(_ file: SourceFile) {
        let count = file.lineStarts.count
        // room for the file's lines at once: growing by doubling would copy them all again
        lines.reserveCapacity(lines.count + count)
        var lineNo = 1
        var inText = false
        var textStart = SourceSpan.none
        while lineNo <= count, !stopped {
            defer { lineNo += 1 }
            var bytes = Array(file.lineBytes(lineNo))
            if lineNo == count && bytes.isEmpty { continue }
            expandedLines += 1
            file.noteExpanded(line: lineNo, expanded: expandedLines)
            if inText {
                if bytes.first == UInt8(ascii: "$") {
                    let (name, _) = Preprocessor.splitDirective(bytes, from: 1)
                    if name == "offtext" { inText = false }
                }
                continue
            }
            if echo != nil {
                echoLine(bytes, file: file, line: lineNo)
                continue
            }
            if bytes.first == UInt8(ascii: "$") {
                let (dname, _) = Preprocessor.splitDirective(bytes, from: 1)
                if Preprocessor.blockDirectives.contains(Preprocessor.baseName(dname)) {
                    blockDirective(bytes, name: Preprocessor.baseName(dname), file: file, line: lineNo)
                    continue
                }
            }
            if !active { continue }
            applyCommentsAndColumns(&bytes, file: file, line: lineNo)
            if bytes.first == UInt8(ascii: "*") { continue }
            if bytes.first == UInt8(ascii: "$") {
                // `$if set x ... %x% ...`: an unset variable matters only in the part of a
                // conditional line that is used, as in GAMS
                let (dname, _) = Preprocessor.splitDirective(bytes, from: 1)
                let conditional = dname == "if" || dname == "ifi" || dname == "ife"
                let sub = substitute(bytes, file: file, line: lineNo, report: !conditional)
                let r = directive(sub, from: 1, file: file, line: lineNo)
                switch r {
                case .none: break
                case .startText(let span):
                    inText = true
                    textStart = span
                case .exit: return
                case .line(let skipped):
                    var rest = sub
                    rest.bytes = Array(sub.bytes[skipped...])
                    rest.map = sub.map.dropping(skipped)
                    if conditional {
                        let from = sub.map.sourceColumn(skipped)
                        if from < bytes.count {
                            rest.damaged = substitute(Array(bytes[from...]), file: file, line: lineNo, columnOffset: from).damaged
                        }
                    }
                    emit(rest, file: file, line: lineNo)
                }
                continue
            }
            emit(substitute(bytes, file: file, line: lineNo), file: file, line: lineNo)
        }
        if inText {
            diagnostics.error(.E0105, "$onText is not closed by $offText", at: textStart,
                              label: "this $onText has no matching $offText")
        }
        closeFileScopedBlocks(file)
    }

    /// Reports the blocks a file opened and did not close: a block must end in its file.
    private func closeFileScopedBlocks(_ file: SourceFile) {
        while let open = blocks.last, open.span.file?.path == file.path {
            diagnostics.error(.E0117, "$ifThen is not closed by $endIf", at: open.span,
                              label: "this $ifThen has no matching $endIf")
            blocks.removeLast()
        }
        if let open = echo, open.span.file?.path == file.path, open.name.isEmpty {
            echo = nil
        } else if let open = echo, open.span.file?.path == file.path {
            diagnostics.error(.E0121, "$\(open.spelled) is not closed by $offEcho", at: open.span,
                              label: "this $\(open.spelled) has no matching $offEcho", help: ["nothing was written to '\(open.name)'"])
            echo = nil
        }
        if let open = inline.openedAt, open.file?.path == file.path {
            diagnostics.error(.E0127, "inline comment is not closed", at: open,
                              label: "this comment has no matching '\(String(decoding: inline.close, as: UTF8.self))'")
            inline.depth = 0
            inline.openedAt = nil
        }
    }

    /// `$ifThen`, `$elseIf`, `$else`, `$endIf` (and the I/E forms; a `.tag` after the name is
    /// accepted and ignored).
    static let blockDirectives: Set<String> = ["ifthen", "iftheni", "ifthene", "elseif", "elseifi", "elseife", "else", "endif"]

    /// A directive name without its `.tag` (`$ifThen.two` is `$ifThen`).
    static func baseName(_ name: String) -> String {
        name.firstIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    private func blockDirective(_ bytes: [UInt8], name: String, file: SourceFile, line: Int) {
        let (_, after) = Preprocessor.splitDirective(bytes, from: 1)
        let nameStart = Preprocessor.nameColumn(bytes, from: 1) - 1
        let span = SourceSpan(file: file, line: line, column: nameStart + 1, length: max(1, after - nameStart))
        let spelled = String(decoding: bytes[nameStart..<max(nameStart, after)], as: UTF8.self)
        func condition() -> Bool {
            let sub = substitute(bytes, file: file, line: line)
            let evaluated = name.hasSuffix("e")
                ? expressionCondition(sub, from: min(after, sub.bytes.count), wholeLine: true, file: file, line: line, span: span)
                : evaluateCondition(sub, from: min(after, sub.bytes.count), caseInsensitive: name.hasSuffix("i"),
                                    file: file, line: line, span: span)
            guard let (holds, next) = evaluated else { return false }
            let textStart = Preprocessor.skipBlanks(sub.bytes, from: next)
            if textStart < sub.bytes.count {
                let start = sub.span(file: file, line: line, column: textStart, length: sub.bytes.count - textStart)
                diagnostics.error(.E0117, "$\(spelled) takes a condition only; put the lines it guards below it",
                                  at: start, label: "unexpected text after the condition")
            }
            return holds
        }
        switch name {
        case "ifthen", "iftheni", "ifthene":
            let enclosing = active
            let holds = enclosing ? condition() : false
            blocks.append(ConditionalBlock(enclosingActive: enclosing, taken: holds, active: holds, sawElse: false, span: span))
        case "elseif", "elseifi", "elseife":
            guard var b = blocks.last, !b.sawElse else {
                diagnostics.error(.E0117, blocks.isEmpty ? "$\(spelled) without $ifThen" : "$\(spelled) after $else",
                                  at: span, label: blocks.isEmpty ? "no open $ifThen" : "the block's $else came before")
                return
            }
            if b.enclosingActive && !b.taken {
                b.active = condition()
                b.taken = b.active
            } else {
                b.active = false
            }
            blocks[blocks.count - 1] = b
        case "else":
            guard var b = blocks.last, !b.sawElse else {
                diagnostics.error(.E0117, blocks.isEmpty ? "$\(spelled) without $ifThen" : "$\(spelled) after $else",
                                  at: span, label: blocks.isEmpty ? "no open $ifThen" : "the block has an $else already")
                return
            }
            b.active = b.enclosingActive && !b.taken
            b.taken = true
            b.sawElse = true
            blocks[blocks.count - 1] = b
        default: // endif
            if blocks.isEmpty {
                diagnostics.error(.E0117, "$\(spelled) without $ifThen", at: span, label: "no open $ifThen")
            } else {
                blocks.removeLast()
            }
        }
    }

    private func emit(_ sub: Substituted, file: SourceFile, line: Int) {
        var source = SourceLine(text: sub.bytes, file: file, line: line, isDelimited: delimited,
                                substituted: !sub.map.replacements.isEmpty, commentMarker: eolMarker,
                                damaged: sub.damaged, origin: sub.map)
        source.redefinition = redefinition
        source.dataOptions = dataOptions
        if damageNextLine {
            source.damaged = true
            damageNextLine = false
        }
        lines.append(source)
    }

    /// What a dollar control line asks for; `.line(k)` passes its substituted text from byte
    /// `k` on to the parser (`$if cond statement`).
    enum DirectiveResult { case none, startText(SourceSpan), exit, line(Int) }

    /// The index of the first byte at or after `from` that is not a space or tab.
    static func skipBlanks(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        return i
    }

    static func splitDirective(_ bytes: [UInt8], from: Int) -> (String, Int) {
        var i = skipBlanks(bytes, from: from)
        let start = i
        while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
        let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        return (name, i)
    }

    /// The 1-based column of the option name after the `$` at `from - 1`.
    static func nameColumn(_ bytes: [UInt8], from: Int) -> Int {
        skipBlanks(bytes, from: from) + 1
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95 || b == 46
    }

    /// Handles one dollar control option; `raw[from - 1]` is its `$`, and `raw[0]` sits at byte
    /// `base` of the source line.
    func directive(_ sub: Substituted, from: Int, file: SourceFile, line: Int) -> DirectiveResult {
        let bytes = sub.bytes
        let (name, after) = Preprocessor.splitDirective(bytes, from: from)
        let restBytes = Array(bytes[min(after, bytes.count)...])
        let rest = String(decoding: restBytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let span = sub.span(file: file, line: line, column: Preprocessor.nameColumn(bytes, from: from) - 1,
                            length: name.count)
        if Preprocessor.gdxLoadOptions.contains(name) { return .line(from - 1) }
        switch name {
        case "ontext": return .startText(span)
        case "offtext":
            diagnostics.error(.E0106, "$offText without $onText", at: span)
        case "include", "batinclude":
            let (target, arguments) = Preprocessor.includeTarget(rest, withArguments: name == "batinclude")
            if target.isEmpty {
                diagnostics.error(.E0107, "$include needs a file name", at: span)
            } else {
                include(target, arguments: arguments, from: file, line: line,
                        span: sub.span(file: file, line: line, column: Preprocessor.nameColumn(bytes, from: after) - 1,
                                       length: rest.utf8.count))
            }
        case "set", "setglobal", "setlocal", "setenv":
            let (var_, value) = Preprocessor.splitNameValue(rest)
            if var_.isEmpty {
                diagnostics.error(.E0108, "$\(name) needs a name", at: span)
            } else {
                // `$setEnv` sets the variable for the commands `$call` runs as well
                if name == "setenv" { setenv(var_, value, 1) }
                variables[var_.lowercased()] = value
                if sub.damaged { damagedVariables.insert(var_.lowercased()) } else { damagedVariables.remove(var_.lowercased()) }
            }
        case "eval", "evalglobal", "evallocal":
            let (var_, expression) = Preprocessor.splitNameValue(rest)
            if var_.isEmpty {
                diagnostics.error(.E0108, "$\(name) needs a name", at: span)
            } else {
                switch CompileTimeExpression.evaluate(expression, cardinality: cardinalityResolver()) {
                case .success(let value):
                    variables[var_.lowercased()] = CompileTimeExpression.format(value)
                    if sub.damaged { damagedVariables.insert(var_.lowercased()) } else { damagedVariables.remove(var_.lowercased()) }
                case .failure(let problem):
                    // set, but damaged: the lines that use it are not reported again
                    variables[var_.lowercased()] = "0"
                    damagedVariables.insert(var_.lowercased())
                    // the expression's place in the line: its last occurrence after the name
                    let wanted = Array(expression.utf8)
                    var valueColumn = Preprocessor.nameColumn(bytes, from: after) - 1
                    if !wanted.isEmpty, bytes.count >= wanted.count {
                        for i in stride(from: bytes.count - wanted.count, through: after, by: -1)
                        where Array(bytes[i..<(i + wanted.count)]) == wanted {
                            valueColumn = i
                            break
                        }
                    }
                    diagnostics.error(.E0116, "cannot evaluate '\(expression)': \(problem.message)",
                                      at: sub.span(file: file, line: line, column: valueColumn + problem.offset,
                                                   length: max(1, problem.length)),
                                      label: problem.label)
                }
            }
        case "drop", "dropglobal", "droplocal", "dropenv":
            if name == "dropenv" { unsetenv(rest) }
            variables[rest.lowercased()] = nil
            damagedVariables.remove(rest.lowercased())
        case "if", "ifi", "ife":
            return conditional(sub, from: min(after, bytes.count), caseInsensitive: name == "ifi", numeric: name == "ife",
                               file: file, line: line, span: span)
        case "eolcom":
            let marker = rest.split(separator: " ").first.map(String.init) ?? ""
            if marker.isEmpty || marker.count > 2 || marker.utf8.count > CommentMarker.capacity {
                diagnostics.error(.E0109, "$eolCom needs a marker of one or two characters", at: span)
            } else {
                eolMarker = CommentMarker(Array(marker.utf8))
            }
        case "oneolcom": if eolMarker == nil { eolMarker = CommentMarker(Array("!!".utf8)) }
        case "offeolcom": eolMarker = nil
        case "ondelim":
            if !delimited { delimitedStart = (span, lines.count) }
            delimited = true
        case "offdelim":
            delimited = false
            delimitedStart = nil
        case "onmulti": redefinition = .merged
        case "onmultir": redefinition = .replaced
        case "offmulti": redefinition = .refused
        case "":
            diagnostics.error(.E0111, "'$' in column 1 must start a dollar control option", at: span)
        default:
            return otherDirective(name, rest: rest, sub: sub, from: from, after: after, file: file, line: line, span: span)
        }
        return .none
    }

    private func conditional(_ sub: Substituted, from: Int, caseInsensitive: Bool, numeric: Bool = false,
                             file: SourceFile, line: Int, span: SourceSpan) -> DirectiveResult {
        let bytes = sub.bytes
        let evaluated = numeric
            ? expressionCondition(sub, from: from, wholeLine: false, file: file, line: line, span: span)
            : evaluateCondition(sub, from: from, caseInsensitive: caseInsensitive, file: file, line: line, span: span)
        guard let (result, next) = evaluated, result else { return .none }
        let restStart = Preprocessor.skipBlanks(bytes, from: next)
        if restStart >= bytes.count { return .none }
        if bytes[restStart] == UInt8(ascii: "$") {
            return directive(sub, from: restStart + 1, file: file, line: line)
        }
        return .line(restStart)
    }

    /// The numeric condition of `$ifE` (a parenthesized expression or one word, then the guarded
    /// text) or of `$ifThenE`/`$elseIfE` (the rest of the line): it holds when its value is not 0.
    private func expressionCondition(_ sub: Substituted, from: Int, wholeLine: Bool, file: SourceFile, line: Int,
                                     span: SourceSpan) -> (Bool, Int)? {
        let bytes = sub.bytes
        let start = Preprocessor.skipBlanks(bytes, from: from)
        var end = start
        if wholeLine {
            end = bytes.count
        } else if start < bytes.count, bytes[start] == UInt8(ascii: "(") {
            var depth = 0
            while end < bytes.count {
                if bytes[end] == UInt8(ascii: "(") { depth += 1 }
                if bytes[end] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { end += 1; break } }
                end += 1
            }
        } else {
            while end < bytes.count, bytes[end] != 32, bytes[end] != 9 { end += 1 }
        }
        guard start < end else {
            diagnostics.error(.E0113, "$if needs a condition", at: span)
            return nil
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        switch CompileTimeExpression.evaluate(text, cardinality: cardinalityResolver()) {
        case .success(let v): return (v != 0, end)
        case .failure(let problem):
            diagnostics.error(.E0116, "cannot evaluate '\(text.trimmingCharacters(in: .whitespaces))': \(problem.message)",
                              at: sub.span(file: file, line: line, column: start + problem.offset, length: max(1, problem.length)),
                              label: problem.label)
            return nil
        }
    }

    /// The condition of a `$if`/`$ifThen` starting at byte `from`: whether it holds and where the
    /// text after it starts; nil (reported) when it cannot be read.
    private func evaluateCondition(_ sub: Substituted, from: Int, caseInsensitive: Bool, file: SourceFile, line: Int,
                                   span: SourceSpan) -> (Bool, Int)? {
        let bytes = sub.bytes
        var c = ConditionScanner(bytes: bytes)
        c.index = from
        var negate = false
        if c.peekWord()?.lowercased() == "not" { _ = c.word(); negate = true }
        guard let first = c.peekToken() else {
            diagnostics.error(.E0113, "$if needs a condition", at: span)
            return nil
        }
        var result: Bool
        switch first.lowercased() {
        case "set", "setglobal", "setlocal", "setenv":
            _ = c.word()
            let n = c.token() ?? ""
            readNames.insert(n.lowercased())
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
                diagnostics.error(.E0114, "$if condition not understood; use 'set NAME', 'exist FILE' or 'A == B'",
                                  at: span)
                return nil
            }
        }
        if negate { result.toggle() }
        return (result, c.index)
    }

    /// The file `name` names, looked up next to `file`, then in the working directory; a `\\`
    /// in the name is a folder separator (a model written on Windows reads on Linux).
    func resolvePath(_ name: String, from file: SourceFile) -> String? {
        let fm = FileManager.default
        let name = name.replacingOccurrences(of: "\\", with: "/")
        if name.hasPrefix("/") { return fm.fileExists(atPath: name) ? name : nil }
        let dir = Paths.directory(of: file.path)
        let candidates = dir.isEmpty ? [name] : [Paths.join(dir, name), name]
        for c in candidates where fm.fileExists(atPath: c) { return c }
        return nil
    }

    private func include(_ name: String, arguments: [String]? = nil, from file: SourceFile, line: Int, span: SourceSpan) {
        // after one recursion ran into the limit, its siblings are not expanded: a file that
        // includes itself twice would otherwise be read 2^40 times
        guard !includeLimitReached else { return }
        guard includeDepth < 40 else {
            diagnostics.error(.E0115, "$include nested more than 40 deep (recursive include?)", at: span,
                              help: ["with $onRecurse, end the recursion with a $if condition"])
            includeLimitReached = true
            return
        }
        if let path = resolvePath(name, from: file), let why = InputFile.problem(path: path) {
            diagnostics.error(.E0072, "include file '\(name)' \(why)", at: span, label: "not read",
                              notes: ["enm reads regular files of up to \(InputFile.readLimit >> 20) MiB"])
            damageNextLine = true
            return
        }
        guard let path = resolvePath(name, from: file), let text = Preprocessor.readFile(path) else {
            diagnostics.error(.E0102, "cannot open include file '\(name)'", at: span, label: "file not found",
                              notes: ["relative paths are looked up next to the including file, then in the working directory"])
            // the statement around the missing lines is incomplete: the parser says nothing more of it
            damageNextLine = true
            return
        }
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        if !recursion, includeStack.contains(where: { URL(fileURLWithPath: $0.path).standardizedFileURL.path == standard }) {
            diagnostics.error(.E0115, "'\(name)' includes itself", at: span, label: "already being read",
                              help: ["GAMS reads a file inside itself only after '$onRecurse'"])
            return
        }
        let inc = SourceFile(path: path, text: text)
        files.append(inc)
        includeDepth += 1
        includeStack.append((path, arguments ?? includeStack.last?.arguments ?? []))
        let saved = scopedOptions
        process(inc)
        if !globalOptions { scopedOptions = saved }
        includeStack.removeLast()
        includeDepth -= 1
    }

    /// The options an include file changes for itself only, unless `$onGlobal` is in force.
    private var scopedOptions: ScopedOptions {
        get { ScopedOptions(eolMarker: eolMarker, inline: inline.settings, dataOptions: dataOptions, columnWindow: columnWindow) }
        set {
            eolMarker = newValue.eolMarker
            inline.settings = newValue.inline
            dataOptions = newValue.dataOptions
            columnWindow = newValue.columnWindow
        }
    }

    /// A line after `%name%` substitution: its bytes, the way back to source columns, and
    /// whether an unset variable was met (reported once, here).
    struct Substituted {
        var bytes: [UInt8]
        var map = ColumnMap()
        var damaged = false

        /// The source span of 0-based byte `column` (and `length` bytes) of `bytes`.
        func span(file: SourceFile, line: Int, column: Int, length: Int) -> SourceSpan {
            let (c, l) = map.sourceRange(column, max(1, length))
            return SourceSpan(file: file, line: line, column: c + 1, length: l)
        }
    }

    /// Replaces `%name%` by the value of compile-time variable `name`; an unset one is
    /// reported and left in place, and the line is marked damaged.
    /// With `report: false` unset variables are only left in place (a conditional line whose
    /// used part is checked separately); `columnOffset` places reports in a line's tail.
    func substitute(_ bytes: [UInt8], file: SourceFile, line: Int, report: Bool = true,
                            columnOffset: Int = 0) -> Substituted {
        guard bytes.contains(37) else { return Substituted(bytes: bytes) }
        var result = Substituted(bytes: [])
        result.bytes.reserveCapacity(bytes.count)
        var i = 0
        let arguments = includeStack.last?.arguments ?? []
        while i < bytes.count {
            if bytes[i] == 37, !arguments.isEmpty, let (n, end) = Preprocessor.argumentReference(bytes, at: i) {
                // `%1` in a `$batInclude` file: its first argument (`%0` is the file's name)
                let value = n == 0 ? (includeStack.last?.path ?? "") : (n <= arguments.count ? arguments[n - 1] : "")
                let start = result.bytes.count
                result.bytes.append(contentsOf: Array(value.utf8))
                result.map.replacements.append(ColumnMap.Replacement(text: start..<result.bytes.count, source: i..<end))
                i = end
                continue
            }
            if bytes[i] == 37 {
                var j = i + 1
                while j < bytes.count, Preprocessor.isWordByte(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == 37, j > i + 1 {
                    let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    readNames.insert(name.lowercased())
                    if let v = variables[name.lowercased()] ?? predefinedValue(name, file: file, line: line) {
                        if damagedVariables.contains(name.lowercased()) { result.damaged = true }
                        let start = result.bytes.count
                        result.bytes.append(contentsOf: Array(v.utf8))
                        result.map.replacements.append(
                            ColumnMap.Replacement(text: start..<result.bytes.count, source: i..<(j + 1)))
                        i = j + 1
                        continue
                    } else {
                        if report {
                            let at = SourceSpan(file: file, line: line, column: columnOffset + i + 1, length: j - i + 1)
                            if let scope = Preprocessor.predefinedScope(of: name) {
                                diagnostics.error(.E0103, "'%\(name)%' is not a \(scope) constant enm defines", at: at,
                                                  label: "unknown", help: [Preprocessor.predefinedHelp(scope)])
                            } else {
                                diagnostics.error(.E0103, "compile-time variable '\(name)' is not set", at: at, label: "not set",
                                                  help: ["set it with '--\(name)=value' on the command line or '$set \(name) value'"])
                            }
                            result.damaged = true
                        }
                        result.bytes.append(contentsOf: bytes[i...j])
                        i = j + 1
                        continue
                    }
                }
            }
            result.bytes.append(bytes[i])
            i += 1
        }
        return result
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
