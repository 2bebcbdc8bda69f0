import Diagnostics
import Foundation
import IR
@testable import Semantics
@testable import Syntax
import Testing

/// The TextMate grammar `grammar/enm.tmLanguage.json` (VS Code and most editors).
///
/// The grammar is checked with a small TextMate tokenizer written here: it honours `match`,
/// `begin`/`end` (with `patterns`, captures, `include` of `#repository` rules and `$self`), picks
/// the leftmost match and lets a region's `end` win ties, as TextMate engines do. Its regexes run
/// on ICU (NSRegularExpression) instead of Oniguruma, so the grammar avoids the constructs in
/// which the two differ (`\h`, `\K`, POSIX brackets, absent operators); a test rejects them.
///
/// The token lists come from the sources: the parser's statement keywords, reserved words,
/// function names and attributes, the preprocessor's dollar options, the compiler's model
/// attributes. Every bundled model is run through enm's own preprocessor and lexer, and every
/// keyword token the lexer reports must carry the scope its kind calls for.
///
/// A real TextMate engine: node's vscode-textmate comes from npm, which this project's machines
/// cannot reach; PyPI has a port of it, `textmate-grammar-python` (with Oniguruma through
/// `onigurumacffi`). When a Python that can import it is found (`ENM_TEXTMATE_PYTHON`, else
/// `python3`), the bundled models are also tokenized by it and checked the same way; otherwise
/// that test passes without running (install it with `pip install textmate-grammar-python`).
@Suite struct EditorGrammarTests {
    // MARK: - the grammar file

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let grammarURL = root.appendingPathComponent("grammar/enm.tmLanguage.json")

    static func loadGrammar() throws -> [String: Any] {
        let data = try Data(contentsOf: grammarURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every regex of the grammar with where it sits.
    static func regexes(in value: Any, path: String = "") -> [(String, String)] {
        var out: [(String, String)] = []
        if let d = value as? [String: Any] {
            for (k, v) in d.sorted(by: { $0.key < $1.key }) {
                if ["match", "begin", "end"].contains(k), let s = v as? String { out.append(("\(path)/\(k)", s)) }
                out += regexes(in: v, path: "\(path)/\(k)")
            }
        } else if let a = value as? [Any] {
            for (i, v) in a.enumerated() { out += regexes(in: v, path: "\(path)[\(i)]") }
        }
        return out
    }

    @Test func grammarIsNamedForEnmFiles() throws {
        let g = try Self.loadGrammar()
        #expect(g["scopeName"] as? String == "source.enm")
        let types = g["fileTypes"] as? [String] ?? []
        #expect(types.contains("enm") && types.contains("gms"), "fileTypes: \(types)")
        #expect((g["patterns"] as? [Any])?.isEmpty == false)
        #expect(g["repository"] is [String: Any])
    }

    @Test func everyRegexCompilesAndAvoidsEngineDifferences() throws {
        let all = Self.regexes(in: try Self.loadGrammar())
        #expect(all.count > 30)
        // constructs whose meaning differs between Oniguruma and ICU, or that only one knows
        let different = ["\\h", "\\H", "\\K", "[[:", "(?~", "\\p{^", "\\A", "\\Z", "\\z", "\\O", "(?W", "(?y"]
        for (path, pattern) in all {
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                Issue.record("regex at \(path) does not compile: \(pattern)\n\(error)")
            }
            for d in different where pattern.contains(d) {
                Issue.record("regex at \(path) uses '\(d)', which Oniguruma and ICU read differently: \(pattern)")
            }
            // backreferences into a begin's captures from other rules are not portable either
            if !path.hasSuffix("/end"), pattern.range(of: #"\\[1-9]"#, options: .regularExpression) != nil {
                Issue.record("regex at \(path) uses a backreference: \(pattern)")
            }
        }
    }

    // MARK: - token lists from the sources

    /// Words the parser matches by spelling besides its keyword sets (Parser.parseSolveStatement,
    /// parseForStatement).
    static let parserSpellings: Set<String> = ["using", "use", "minimizing", "maximizing", "minimize", "maximize", "to",
                                               "downto", "by"]

    /// The scope a keyword must carry, by kind.
    static func expectedScope(_ word: String) -> String {
        let w = word.lowercased()
        if ["set", "sets", "singleton", "parameter", "parameters", "scalar", "scalars", "table", "tables", "variable",
            "variables", "equation", "equations", "model", "models", "alias", "acronym", "acronyms", "file", "files"]
            .contains(w) { return "storage.type" }
        if ["free", "positive", "nonnegative", "negative", "binary", "integer", "sos1", "sos2", "semicont", "semiint"].contains(w) {
            return "storage.modifier"
        }
        if ["and", "or", "not", "xor", "eqv", "imp"].contains(w) { return "keyword.operator.logical" }
        if ["sum", "prod", "smin", "smax"].contains(w) { return "support.function.reduction" }
        if ["inf", "eps", "na", "undf", "yes", "no", "pi", "all"].contains(w) { return "constant.language" }
        if w == "system" { return "variable.language" }
        if Parser.functionNames.contains(w) { return "support.function.builtin" }
        return "keyword.control"
    }

    /// Every word that must be highlighted as a keyword of some kind.
    static var keywordWords: Set<String> {
        Parser.statementKeywords.union(Parser.reservedWords).union(Parser.functionNames).union(parserSpellings)
    }

    @Test func statementKeywordsReservedWordsAndFunctionsAreHighlighted() throws {
        let t = try Tokenizer(grammar: Self.loadGrammar())
        #expect(Self.keywordWords.count > 90)
        for word in Self.keywordWords.sorted() {
            for spelled in [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()] {
                let line = "  \(spelled) "
                let scopes = t.tokenize([line])[0]
                let expected = Self.expectedScope(word)
                let ok = scopes.has(expected, at: 2, length: word.utf16.count)
                #expect(ok,
                        "'\(spelled)' is \(scopes.names(at: 2)), expected \(expected)")
            }
        }
    }

    @Test func dollarControlOptionsAreHighlighted() throws {
        let t = try Tokenizer(grammar: Self.loadGrammar())
        let known = Preprocessor.handledSpellings + Preprocessor.ignoredSpellings
        #expect(known.count > 50)
        for name in known {
            for spelled in [name, name.lowercased(), name.uppercased()] {
                let scopes = t.tokenize(["$\(spelled) x"])[0]
                #expect(scopes.has("keyword.control.directive", at: 1, length: name.utf16.count),
                        "$\(spelled): \(scopes.names(at: 1))")
                #expect(!scopes.any("invalid"), "$\(spelled) x is marked invalid: \(scopes.names(at: 1))")
            }
        }
        for name in Preprocessor.unsupportedOptions.sorted() {
            let scopes = t.tokenize(["$\(name) x"])[0]
            #expect(scopes.has("invalid.illegal", at: 1, length: name.utf16.count), "$\(name): \(scopes.names(at: 1))")
        }
        let unknown = t.tokenize(["$onTxt"])[0]
        #expect(unknown.has("invalid.illegal", at: 1, length: 5))
        // $if conditions, the option after them and the statement they guard
        let cond = t.tokenize(["$if not set scenario $set scenario base", "$ifI %mode% == 'full' display x;"])
        #expect(cond[0].has("keyword.control.directive", at: 1, length: 2))
        #expect(cond[0].has("keyword.other.directive-condition", at: 4, length: 3))
        #expect(cond[0].has("keyword.other.directive-condition", at: 8, length: 3))
        #expect(cond[0].has("keyword.control.directive", at: 22, length: 3))
        #expect(cond[1].has("variable.other.compile-time", at: 5, length: 6))
        #expect(cond[1].has("keyword.operator.comparison", at: 12, length: 2))
        #expect(cond[1].has("string.quoted.single", at: 15, length: 6))
        #expect(cond[1].has("keyword.control", at: 22, length: 7))
        let inc = t.tokenize(["$include data/%scenario%.inc"])[0]
        #expect(inc.has("keyword.control.directive", at: 1, length: 7))
        #expect(inc.has("string.unquoted.filename", at: 9, length: 5))
        #expect(inc.has("variable.other.compile-time", at: 14, length: 10))
        let title = t.tokenize(["$title Sum of costs"])[0]
        #expect(title.has("string.unquoted", at: 7, length: 3), "a title is text, not keywords")
    }

    @Test func commentsInAllTheirForms() throws {
        let t = try Tokenizer(grammar: Self.loadGrammar())
        let s = t.tokenize([
            "* a comment line: solve m using lp minimizing z;",   // 0
            "x = 1 * 2;",                                        // 1: '*' not in column 1
            "$onText",                                           // 2
            "solve m using lp minimizing z;",                    // 3
            "$offText",                                          // 4
            "display x;",                                        // 5
            "$onEolCom",                                         // 6
            "x = 1;  !! solve",                                  // 7
            "$eolCom //",                                        // 8
            "x = 4 / 2;  // display",                            // 9
            "$offEolCom",                                        // 10
            "$eolCom #",                                         // 11
            "x = 2;  # loop",                                    // 12
            "$ONTEXT",                                           // 13
            "display",                                           // 14
            "$OffText",                                          // 15
        ])
        #expect(s[0].has("comment.line", at: 0, length: 48))
        #expect(!s[1].any("comment"))
        #expect(s[1].has("keyword.operator.arithmetic", at: 6, length: 1))
        for k in 2...4 { #expect(s[k].has("comment.block", at: 0, length: 1), "line \(k): \(s[k].names(at: 0))") }
        #expect(s[3].has("comment.block", at: 0, length: 30) && !s[3].any("keyword.control"))
        #expect(s[5].has("keyword.control", at: 0, length: 7) && !s[5].any("comment"))
        #expect(s[7].has("comment.line", at: 8, length: 8))
        #expect(s[9].has("keyword.operator.arithmetic", at: 6, length: 1))
        #expect(s[9].has("comment.line", at: 12, length: 10) && !s[9].has("keyword.control", at: 15, length: 7))
        #expect(s[12].has("comment.line", at: 8, length: 6))
        for k in 13...15 { #expect(s[k].has("comment.block", at: 0, length: 1), "line \(k): \(s[k].names(at: 0))") }
    }

    @Test func operatorsRelationsNumbersStringsAndAttributes() throws {
        let t = try Tokenizer(grammar: Self.loadGrammar())
        func check(_ line: String, _ piece: String, _ scope: String, occurrence: Int = 0,
                   sourceLocation: SourceLocation = #_sourceLocation) {
            var from = line.startIndex
            var found: Range<String.Index>? = nil
            for _ in 0...occurrence {
                found = line.range(of: piece, range: from..<line.endIndex)
                guard let f = found else { break }
                from = f.upperBound
            }
            guard let r = found else {
                Issue.record("'\(piece)' not in '\(line)'", sourceLocation: sourceLocation)
                return
            }
            let at = line.utf16.distance(from: line.startIndex, to: r.lowerBound)
            let scopes = t.tokenize([line])[0]
            let ok = scopes.has(scope, at: at, length: piece.utf16.count)
            #expect(ok, "'\(piece)' in '\(line)' is \(scopes.names(at: at)), expected \(scope)", sourceLocation: sourceLocation)
        }
        for rel in ["=e=", "=l=", "=g=", "=n=", "=E=", "=L=", "=G=", "=N="] {
            let line = "supply(i)$cap(i).. sum(j, x(i,j)) \(rel) a(i);"
            check(line, rel, "keyword.operator.relation")
            check(line, "..", "keyword.operator.definition")
            check(line, "supply", "entity.name.function.equation")
            check(line, "$", "keyword.operator.conditional")
        }
        check("e.. x =x= 1;", "=x=", "invalid.illegal")
        let ops = "y = a ** 2 * b / c + d - e $ f;"
        for op in ["**", "*", "/", "+", "-"] { check(ops, op, "keyword.operator.arithmetic", occurrence: op == "*" ? 1 : 0) }
        check(ops, "=", "keyword.operator.assignment")
        check(ops, "$", "keyword.operator.conditional")
        let cmp = "if(a < b and c <= d or e <> f xor g >= h and not i > j and k == l, y = 1);"
        for op in ["<", "<=", "<>", ">=", ">", "=="] {
            let r = try #require(cmp.range(of: " \(op) "))
            let at = cmp.utf16.distance(from: cmp.startIndex, to: r.lowerBound) + 1
            let ok = t.tokenize([cmp])[0].has("keyword.operator.comparison", at: at, length: op.utf16.count)
            #expect(ok, "'\(op)' in '\(cmp)' is not a comparison")
        }
        for w in ["and", "or", "xor", "not"] { check(cmp, w, "keyword.operator.logical") }
        check("p(t) = p(t--1) + p(t++1);", "--", "keyword.operator.arithmetic")
        for n in ["1", "2.5", ".5", "1e-3", "3E+10", "7."] { check("x = \(n) ;", n, "constant.numeric") }
        check("x = 'a label' + \"a text\";", "'a label'", "string.quoted.single")
        check("x = 'a label' + \"a text\";", "\"a text\"", "string.quoted.double")
        check("display 'total cost;", "'total cost;", "invalid.illegal")
        check("Scalar d / %demand% /;", "%demand%", "variable.other.compile-time")
        check("solve transport using MIP minimizing z;", "MIP", "support.type.model-type")
        check("solve transport using lp max z;", "max", "support.function.builtin")
        let attributes = Array(Parser.symbolAttributes) + ModelAttribute.allCases.map(\.rawValue)
            + SetAttribute.allCases.map(\.rawValue) + Compiler.textSetAttributes
        #expect(attributes.count > 30)
        for a in Set(attributes).sorted() {
            check("x.\(a)(i) = y.\(a);", a, "support.variable.attribute")
            check("x.\(a)(i) = y.\(a);", a, "support.variable.attribute", occurrence: 1)
        }
        check("x = 1.5;", "1.5", "constant.numeric")
    }

    @Test func numberInsideALabelIsNotANumber() throws {
        let t = try Tokenizer(grammar: Self.loadGrammar())
        let s = t.tokenize(["Set t / t1*t24 /;"])[0]
        #expect(!s.has("constant.numeric", at: 9, length: 1))
    }

    // MARK: - bundled models

    /// The models shipped with the project.
    static func bundledModels() -> [URL] {
        var out: [URL] = []
        let fm = FileManager.default
        for folder in ["Tests/LanguageTests/Models", "Tests/LanguageTests/NLP", "examples", "models"] {
            let dir = root.appendingPathComponent(folder)
            guard let e = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            while let u = e.nextObject() as? URL {
                if ["gms", "enm"].contains(u.pathExtension) { out.append(u) }
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// A keyword token of a model, where enm's lexer found it in the source.
    struct KeywordToken {
        var word: String
        var line: Int       // 0-based
        var column: Int     // UTF-16 offset in the line
        var length: Int
    }

    /// The keyword tokens enm's preprocessor and lexer report in `url` itself (not in the files
    /// it includes), and the file's lines.
    static func keywordTokens(_ url: URL) -> (tokens: [KeywordToken], lines: [String]) {
        let bag = DiagnosticBag()
        let lines = Preprocessor(defines: [:], diagnostics: bag).run(path: url.path)
        let lexer = Lexer(lines: lines, diagnostics: bag)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let sourceLines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var out: [KeywordToken] = []
        let words = keywordWords
        while true {
            let tok = lexer.next()
            if tok.kind == .eof { break }
            guard tok.kind == .word, words.contains(tok.lower) else { continue }
            let span = lexer.span(tok)
            guard let file = span.file, file.path == url.path, span.line >= 1, span.line <= sourceLines.count else { continue }
            let bytes = Array(sourceLines[span.line - 1].utf8)
            let start = span.column - 1
            guard start >= 0, start + span.length <= bytes.count,
                  String(decoding: bytes[start..<(start + span.length)], as: UTF8.self).lowercased() == tok.lower
            else { continue }  // text that came from a %name% substitution
            let prefix = String(decoding: bytes[..<start], as: UTF8.self)
            out.append(KeywordToken(word: tok.lower, line: span.line - 1, column: prefix.utf16.count,
                                    length: tok.text.utf16.count))
        }
        return (out, sourceLines)
    }

    @Test func bundledModelsAreFound() {
        let models = Self.bundledModels()
        #expect(models.count >= 8, "\(models.map(\.lastPathComponent))")
        // the keyword scan finds something in nearly every file (an included block of plain
        // assignments has none)
        let withKeywords = models.filter { !Self.keywordTokens($0).0.isEmpty }
        #expect(withKeywords.count * 10 >= models.count * 9, "keywords found in \(withKeywords.count) of \(models.count) files")
    }

    @Test(arguments: bundledModels())
    func everyKeywordOfABundledModelIsHighlighted(_ url: URL) throws {
        let t = try Tokenizer(grammar: Self.loadGrammar())
        let (tokens, lines) = Self.keywordTokens(url)
        let scopes = t.tokenize(lines)
        for tok in tokens {
            let expected = Self.expectedScope(tok.word)
            let ok = scopes[tok.line].has(expected, at: tok.column, length: tok.length)
            #expect(ok, "\(url.lastPathComponent):\(tok.line + 1):\(tok.column + 1) '\(tok.word)' is \(scopes[tok.line].names(at: tok.column)), expected \(expected)")
        }
        for (k, line) in lines.enumerated() {
            if line.hasPrefix("*") {
                #expect(scopes[k].has("comment", at: 0, length: line.utf16.count), "\(url.lastPathComponent):\(k + 1)")
            }
            if let bad = (0..<line.utf16.count).first(where: { scopes[k].names(at: $0).contains { $0.hasPrefix("invalid") } }) {
                Issue.record("\(url.lastPathComponent):\(k + 1):\(bad + 1) is marked invalid: \(line)")
            }
        }
    }

    // MARK: - a real TextMate engine, when one is installed

    /// A Python that can import `textmate_grammar` (PyPI `textmate-grammar-python`), if any.
    static func textMatePython() -> String? {
        var candidates: [String] = []
        if let p = ProcessInfo.processInfo.environment["ENM_TEXTMATE_PYTHON"], !p.isEmpty { candidates.append(p) }
        candidates.append("python3")
        for c in candidates {
            if let r = try? runProgram(c, ["-c", "import textmate_grammar"]), r.status == 0 { return c }
        }
        return nil
    }

    /// Tokenizes each file with textmate_grammar and prints, per file, a JSON list of
    /// `[line, start, end, [scopes]]` (columns in characters; the models are ASCII).
    static let engineScript = """
    import json, sys
    from textmate_grammar.parsers.base import LanguageParser
    parser = LanguageParser(json.load(open(sys.argv[1])))
    out = {}
    for path in sys.argv[2:]:
        element = parser.parse_string(open(path).read())
        out[path] = [] if element is None else [[p[0], p[1], p[1] + len(text), scopes] for (p, text, scopes) in element.flatten()]
    print(json.dumps(out))
    """

    @Test func bundledModelsWithATextMateEngine() throws {
        guard let python = Self.textMatePython() else { return }  // no engine installed: see the type's comment
        let models = Self.bundledModels()
        let r = try runProgram(python, ["-c", Self.engineScript, Self.grammarURL.path] + models.map(\.path))
        #expect(r.status == 0, "the TextMate engine failed")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: [[Any]]])
        for url in models {
            let (tokens, lines) = Self.keywordTokens(url)
            let spans = json[url.path] ?? []
            var scopes = lines.map { LineScopes(length: $0.utf16.count) }
            for s in spans {
                guard s.count == 4, let line = s[0] as? Int, let a = s[1] as? Int, let b = s[2] as? Int,
                      let names = s[3] as? [String], line < scopes.count else { continue }
                for i in a..<min(b, scopes[line].length + 1) { scopes[line].add(names, at: i) }
            }
            for tok in tokens {
                let expected = Self.expectedScope(tok.word)
                let ok = scopes[tok.line].has(expected, at: tok.column, length: tok.length)
                #expect(ok, "engine: \(url.lastPathComponent):\(tok.line + 1):\(tok.column + 1) '\(tok.word)' is \(scopes[tok.line].names(at: tok.column)), expected \(expected)")
            }
        }
    }
}

// MARK: - a small TextMate tokenizer

/// The scopes of each UTF-16 position of one line.
struct LineScopes {
    let length: Int
    private var scopes: [[String]]

    init(length: Int) {
        self.length = length
        scopes = Array(repeating: [], count: length + 1)
    }

    mutating func add(_ names: [String], at i: Int) {
        guard i >= 0, i < scopes.count else { return }
        scopes[i] += names
    }

    mutating func add(_ name: String, from a: Int, to b: Int) {
        for i in max(0, a)..<min(b, scopes.count) { scopes[i].append(name) }
    }

    func names(at i: Int) -> [String] { i >= 0 && i < scopes.count ? scopes[i] : [] }

    /// Whether every position of `at..<at+length` has a scope starting with `prefix`.
    func has(_ prefix: String, at: Int, length: Int) -> Bool {
        (at..<(at + max(1, length))).allSatisfy { i in names(at: i).contains { $0 == prefix || $0.hasPrefix(prefix + ".") } }
    }

    /// Whether some position has a scope starting with `prefix`.
    func any(_ prefix: String) -> Bool {
        scopes.contains { $0.contains { $0 == prefix || $0.hasPrefix(prefix + ".") } }
    }
}

/// A TextMate grammar reduced to what enm's grammar uses: match rules, begin/end regions,
/// captures, includes of the repository and of `$self`.
final class Tokenizer {
    final class Rule {
        var name: String?
        var match: NSRegularExpression?
        var begin: NSRegularExpression?
        var end: NSRegularExpression?
        var captures: [Int: String] = [:]
        var beginCaptures: [Int: String] = [:]
        var endCaptures: [Int: String] = [:]
        var contentName: String?
        var patterns: [Rule] = []
        var include: String?
    }

    let root: Rule
    var repository: [String: Rule] = [:]

    init(grammar: [String: Any]) throws {
        root = Rule()
        for (key, value) in (grammar["repository"] as? [String: Any]) ?? [:] {
            repository[key] = try Tokenizer.rule(value as? [String: Any] ?? [:])
        }
        root.patterns = try ((grammar["patterns"] as? [Any]) ?? []).map { try Tokenizer.rule($0 as? [String: Any] ?? [:]) }
    }

    static func rule(_ d: [String: Any]) throws -> Rule {
        let r = Rule()
        r.name = d["name"] as? String
        r.contentName = d["contentName"] as? String
        r.include = d["include"] as? String
        if let m = d["match"] as? String { r.match = try NSRegularExpression(pattern: m) }
        if let b = d["begin"] as? String { r.begin = try NSRegularExpression(pattern: b) }
        if let e = d["end"] as? String { r.end = try NSRegularExpression(pattern: e) }
        func caps(_ key: String) -> [Int: String] {
            var out: [Int: String] = [:]
            for (k, v) in (d[key] as? [String: Any]) ?? [:] {
                if let i = Int(k), let n = (v as? [String: Any])?["name"] as? String { out[i] = n }
            }
            return out
        }
        r.captures = caps("captures")
        r.beginCaptures = caps("beginCaptures")
        if r.beginCaptures.isEmpty { r.beginCaptures = r.captures }
        r.endCaptures = caps("endCaptures")
        if r.endCaptures.isEmpty { r.endCaptures = r.captures }
        r.patterns = try ((d["patterns"] as? [Any]) ?? []).map { try rule($0 as? [String: Any] ?? [:]) }
        return r
    }

    /// The match and begin rules reachable from `patterns`, includes resolved, in order.
    func expand(_ patterns: [Rule], seen: Set<ObjectIdentifier> = []) -> [Rule] {
        var out: [Rule] = []
        for p in patterns {
            if let inc = p.include {
                let target: Rule? = inc == "$self" || inc == "$base" ? root
                    : (inc.hasPrefix("#") ? repository[String(inc.dropFirst())] : nil)
                guard let t = target, !seen.contains(ObjectIdentifier(t)) else { continue }
                out += expand(t.match != nil || t.begin != nil ? [t] : t.patterns, seen: seen.union([ObjectIdentifier(t)]))
            } else if p.match != nil || p.begin != nil {
                out.append(p)
            } else {
                out += expand(p.patterns, seen: seen)
            }
        }
        return out
    }

    static let options: NSRegularExpression.MatchingOptions = [.withoutAnchoringBounds, .withTransparentBounds]

    /// Tokenizes `lines` (without line ends), keeping open regions from line to line.
    func tokenize(_ lines: [String]) -> [LineScopes] {
        var stack: [Rule] = []
        var result: [LineScopes] = []
        var expanded: [ObjectIdentifier: [Rule]] = [:]
        func candidates(_ r: Rule?) -> [Rule] {
            let key = r.map(ObjectIdentifier.init) ?? ObjectIdentifier(root)
            if let c = expanded[key] { return c }
            let c = expand(r?.patterns ?? root.patterns)
            expanded[key] = c
            return c
        }
        for raw in lines {
            let line = raw + "\n"
            let ns = line as NSString
            let length = ns.length
            var scopes = LineScopes(length: raw.utf16.count)
            // regions open at the start of the line cover it up to where they end
            var regionStart: [Int] = stack.map { _ in 0 }
            var pos = 0
            var guardCount = 0
            func apply(_ m: NSTextCheckingResult, name: String?, captures: [Int: String]) {
                if let n = name { scopes.add(n, from: m.range.location, to: m.range.location + m.range.length) }
                for (i, n) in captures where i < m.numberOfRanges {
                    let r = m.range(at: i)
                    if r.location != NSNotFound { scopes.add(n, from: r.location, to: r.location + r.length) }
                }
            }
            func close(at end: Int) {
                let r = stack.removeLast()
                let start = regionStart.removeLast()
                if let n = r.name { scopes.add(n, from: start, to: end) }
                if let n = r.contentName { scopes.add(n, from: start, to: end) }
            }
            while pos <= length && guardCount < 10_000 {
                guardCount += 1
                let range = NSRange(location: pos, length: length - pos)
                var best: (m: NSTextCheckingResult, rule: Rule?)? = nil
                if let top = stack.last, let end = top.end, let m = end.firstMatch(in: line, options: Tokenizer.options, range: range) {
                    best = (m, nil)
                }
                for r in candidates(stack.last) {
                    guard let re = r.match ?? r.begin,
                          let m = re.firstMatch(in: line, options: Tokenizer.options, range: range) else { continue }
                    if best == nil || m.range.location < best!.m.range.location { best = (m, r) }
                }
                guard let (m, rule) = best else { break }
                let matchEnd = m.range.location + m.range.length
                if let rule {
                    if rule.begin != nil {
                        apply(m, name: rule.name, captures: rule.beginCaptures)
                        stack.append(rule)
                        regionStart.append(m.range.location)
                    } else {
                        apply(m, name: rule.name, captures: rule.captures)
                    }
                } else if let top = stack.last {
                    apply(m, name: nil, captures: top.endCaptures)
                    close(at: matchEnd)
                }
                if m.range.length > 0 {
                    pos = matchEnd
                } else if let rule, rule.begin == nil {
                    pos = matchEnd + 1  // an empty match: step over one position
                }
                // an empty begin or end: scan on from here with the new rules
            }
            // regions still open run to the end of the line
            for (k, r) in stack.enumerated() {
                if let n = r.name { scopes.add(n, from: regionStart[k], to: length) }
                if let n = r.contentName { scopes.add(n, from: regionStart[k], to: length) }
            }
            result.append(scopes)
        }
        return result
    }
}
