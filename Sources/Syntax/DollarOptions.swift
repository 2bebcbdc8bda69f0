import Diagnostics
import Foundation

/// The dollar control options enm knows: those it acts on, those that change only GAMS's
/// listing file (accepted), and the GAMS options it refuses with a located error (E0112) that
/// says what to write instead. docs/gams-support.md lists the three groups.
extension Preprocessor {
    /// Dollar options enm acts on, spelled as in the GAMS documentation.
    static let handledSpellings = [
        "onText", "offText", "include", "batInclude", "set", "setGlobal", "setLocal", "setEnv", "drop",
        "dropGlobal", "dropLocal", "dropEnv", "setNames", "if", "ifI", "ifE", "eolCom", "onEolCom", "offEolCom",
        "onDelim", "offDelim", "onMulti", "onMultiR", "offMulti", "exit", "stop", "abort", "error", "warning",
        "terminate", "eval", "evalGlobal", "evalLocal",
        "ifThen", "ifThenI", "ifThenE", "elseIf", "elseIfI", "elseIfE", "else", "endIf",
        "echo", "echoN", "onEcho", "onEchoS", "onEchoV", "offEcho", "log", "show", "call", "hiddenCall", "execute",
        "onEmpty", "offEmpty", "onEps", "offEps", "inlineCom", "onInline", "offInline", "onNestCom", "offNestCom",
        "minCol", "maxCol", "onGlobal", "offGlobal", "onRecurse", "offRecurse", "version", "title", "sTitle",
        "offDotL", "offEnd", "offWarning", "onDigit", "offDigit",
        "gdxIn", "load", "loadDC", "loadR", "loadDCR", "loadM", "loadDCM", "gdxOut", "unload",
    ]

    /// The compile-time GDX options: the parser reads them (`$gdxIn file`, `$load a b=c`), and
    /// the compiler loads the data in statement order, as data statements are loaded.
    static let gdxLoadOptions: Set<String> = ["gdxin", "load", "loaddc", "loadr", "loaddcr", "loadm", "loaddcm",
                                               "gdxout", "unload"]

    /// Dollar options accepted because they change only the listing file, which enm does not write.
    static let ignoredSpellings = [
        "double", "single", "offListing", "onListing", "offSymXRef", "onSymXRef",
        "offSymList", "onSymList", "offUElList", "onUElList", "offUElXRef", "onUElXRef", "eject",
        "lines", "hidden", "onUpper", "offUpper", "onDollar", "offDollar", "stars", "onMargin", "offMargin",
        "onOnly", "offOnly",
    ]

    /// Dollar options accepted and ignored, in lower case.
    static let ignoredOptions = Set(ignoredSpellings.map { $0.lowercased() })

    /// GAMS dollar options that enm refuses, each with what to do instead.
    static let refusedOptions: [String: String] = {
        let notYet = "not supported yet"
        var help: [String: String] = [:]
        for name in ["onfiltered", "offfiltered"] {
            help[name] = notYet + ": $load drops records outside the domain (with a warning), $loadDC reports them"
        }
        help["macro"] = "enm has no macros: write the expression out, or set a compile-time variable with $set and use %name%"
        help["libinclude"] = "use $include or $batInclude with the file's path"
        help["sysinclude"] = "use $include or $batInclude with the file's path"
        help["onput"] = "write the file with $onEcho > file ... $offEcho"
        help["offput"] = "write the file with $onEcho > file ... $offEcho"
        help["setargs"] = "use %1, %2, ... in the $batInclude file"
        help["shift"] = "use %1, %2, ... in the $batInclude file"
        help["funclibin"] = "enm has no extrinsic function libraries"
        help["goto"] = "write the alternatives with $ifThen ... $else ... $endIf"
        help["label"] = "write the alternatives with $ifThen ... $else ... $endIf"
        help["setddlist"] = notYet + ": enm does not check the --name=value switches against a list"
        help["kill"] = notYet + ": give the symbol its data once"
        help["clear"] = notYet + ": give the symbol its data once"
        help["onembeddedcode"] = "enm runs no embedded code"
        help["offembeddedcode"] = "enm runs no embedded code"
        help["onundf"] = notYet
        help["offundf"] = notYet
        help["ondotl"] = notYet + ": write the level as x.l"
        help["onend"] = "enm reads the standard syntax only: 'loop(i, ...);', 'if(c, ...);', not 'endLoop' or 'endIf'"
        help["onwarning"] = notYet + ": fix the data that fall outside their domain"
        help["phantom"] = notYet + ": declare the set without data after $onEmpty"
        help["split"] = notYet + ": use $setNames FILE pathVar nameVar extVar"
        for name in ["onorder", "offorder", "onstrictsingleton", "offstrictsingleton", "onverbatim", "offverbatim",
                     "onexpand", "offexpand", "onlocal", "offlocal", "onlog", "offlog", "ondotscale", "offdotscale",
                     "onexternalinput", "offexternalinput", "onexternaloutput", "offexternaloutput", "expose", "hide",
                     "protect", "purge", "encrypt", "compress", "decompress", "setcomps", "prefixpath", "clearerror",
                     "clearerrors", "escape", "onsuffixdlvars", "offsuffixdlvars", "onsuffixalgebravars",
                     "offsuffixalgebravars", "onfold", "offfold"] {
            help[name] = notYet
        }
        return help
    }()

    /// GAMS dollar options that enm does not implement (named as such rather than as unknown).
    static let unsupportedOptions = Set(refusedOptions.keys)

    /// The shell escapes: they run a program only with `--allow-shell`.
    static let shellOptions: Set<String> = ["call", "hiddencall", "execute"]

    /// Options other than the core ones `directive` handles itself.
    func otherDirective(_ name: String, rest: String, sub: Substituted, from: Int, after: Int, file: SourceFile,
                        line: Int, span: SourceSpan) -> DirectiveResult {
        switch name {
        case "exit": return .exit
        case "stop", "terminate":
            // the rest of the line is a comment
            stopped = true
            if name == "terminate" { terminated = true }
            return .exit
        case "abort", "abort.noerror":
            if name == "abort" {
                diagnostics.error(.E0110, rest.isEmpty ? "$abort reached" : Preprocessor.unquote(rest), at: span)
            }
            stopped = true
            return .exit
        case "error":
            diagnostics.error(.E0110, rest.isEmpty ? "$error reached" : Preprocessor.unquote(rest), at: span)
        case "warning":
            diagnostics.warning(.W0120, rest.isEmpty ? "$warning reached" : Preprocessor.unquote(rest), at: span)
        case "log": settings.log(rest)
        case "show": showVariables()
        case "echo", "echon":
            echoDirective(rest, newline: name == "echo", sub: sub, after: after, file: file, line: line, span: span)
        case "onecho", "onechos", "onechov":
            startEcho(rest, name: name, sub: sub, from: from, after: after, file: file, line: line, span: span)
        case "offecho":
            diagnostics.error(.E0121, "$offEcho without $onEcho", at: span, label: "no open $onEcho")
        case "onempty": dataOptions.insert(.emptyAllowed)
        case "offempty": dataOptions.remove(.emptyAllowed)
        case "oneps": dataOptions.insert(.zeroIsEps)
        case "offeps": dataOptions.remove(.zeroIsEps)
        case "onglobal": globalOptions = true
        case "offglobal": globalOptions = false
        case "onrecurse": recursion = true
        case "offrecurse": recursion = false
        case "inlinecom", "oninline", "offinline", "onnestcom", "offnestcom":
            inlineCommentDirective(name, rest: rest, span: span)
        case "mincol", "maxcol": columnDirective(name, rest: rest, span: span)
        case "version": versionDirective(rest, span: span)
        case "title", "stitle": if name == "title" { title = Preprocessor.unquote(rest) }
        case "setnames": setNames(rest, span: span)
        // the defaults of options whose other setting enm refuses: restating them changes nothing
        case "offdotl", "offend", "offwarning", "ondigit", "offdigit": break
        default:
            if Preprocessor.shellOptions.contains(Preprocessor.baseName(name)) {
                shellDirective(name, rest: rest, file: file, span: span)
            } else if !Preprocessor.ignoredOptions.contains(name) {
                refuse(name, sub: sub, from: from, span: span)
            }
        }
        return .none
    }

    /// Reports a refused or unknown option.
    private func refuse(_ name: String, sub: Substituted, from: Int, span: SourceSpan) {
        let bytes = sub.bytes
        let start = Preprocessor.nameColumn(bytes, from: from) - 1
        let spelled = String(decoding: bytes[start..<min(bytes.count, start + name.utf8.count)], as: UTF8.self)
        if let help = Preprocessor.refusedOptions[name] {
            diagnostics.error(.E0112, "dollar control option '$\(spelled)' is not supported by enm", at: span,
                              label: "not supported", help: [help])
        } else {
            let guess = Spelling.closest(to: name, among: Preprocessor.handledSpellings + Preprocessor.ignoredSpellings)
            diagnostics.error(.E0112, "unknown dollar control option '$\(spelled)'", at: span,
                              label: "not a dollar control option enm knows",
                              help: guess.map { ["did you mean '$\($0)'?"] } ?? [])
        }
    }

    /// `$version N`: an error when the file needs a newer GAMS than enm follows.
    private func versionDirective(_ rest: String, span: SourceSpan) {
        guard let wanted = Int(rest.trimmingCharacters(in: .whitespaces)) else {
            diagnostics.error(.E0125, "$version needs a GAMS version number such as \(Preprocessor.gamsVersion)", at: span)
            return
        }
        if wanted > Preprocessor.gamsVersion {
            diagnostics.error(.E0125, "this file needs GAMS version \(wanted); enm follows GAMS \(Preprocessor.gamsVersion)",
                              at: span, label: "newer than \(Preprocessor.gamsVersion)")
        }
    }

    /// `$show`: the compile-time variables, one `name = value` a line, to the log.
    private func showVariables() {
        settings.log("compile-time variables:")
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { settings.log("  \(name) = \(value)") }
    }

    /// `$setNames FILE pathVar nameVar extVar`: the file's folder, name and extension (`.` skips one).
    private func setNames(_ rest: String, span: SourceSpan) {
        let words = Preprocessor.words(rest)
        guard words.count == 4 else {
            diagnostics.error(.E0108, "$setNames needs a file and three names (a '.' skips one)", at: span)
            return
        }
        let path = words[0].replacingOccurrences(of: "\\", with: "/")
        let base = Paths.lastComponent(of: path)
        let dot = base.lastIndex(of: ".")
        let dir = Paths.directory(of: path)
        let parts = [dir.isEmpty ? "" : dir + "/", dot.map { String(base[..<$0]) } ?? base, dot.map { String(base[$0...]) } ?? ""]
        for (name, value) in zip(words[1...], parts) where name != "." {
            variables[name.lowercased()] = value
            damagedVariables.remove(name.lowercased())
        }
    }

    /// The blank-separated words of `text`, a quoted word taken whole without its quotes.
    static func words(_ text: String) -> [String] {
        var scanner = ConditionScanner(bytes: Array(text.utf8))
        var out: [String] = []
        while let t = scanner.token() { out.append(unquote(t)) }
        return out
    }

    /// The file an `$include` names (quoted, or the whole unquoted text; a trailing `;` is not
    /// part of it) and, for `$batInclude`, the arguments after it.
    static func includeTarget(_ rest: String, withArguments: Bool) -> (String, [String]?) {
        var text = rest.trimmingCharacters(in: .whitespaces)
        if withArguments {
            let words = words(text)
            return (words.first ?? "", Array(words.dropFirst()))
        }
        if text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        return (unquote(text), nil)
    }

    /// `%N` at byte `i` (N digits): the argument's number and the index after it.
    static func argumentReference(_ bytes: [UInt8], at i: Int) -> (Int, Int)? {
        var j = i + 1
        while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
        guard j > i + 1, let n = Int(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)) else { return nil }
        return (n, j)
    }
}
