import Driver
import Foundation
import Testing

/// A run of `model.gms` with other files beside it in a fresh folder.
struct FolderRun {
    var run: Run
    /// The lines `$log` and `$show` wrote.
    var log: [String]
    /// Every file of the folder after the run, by name.
    var files: [String: String]
}

/// Writes `files` (`model.gms` is the main file) into a temporary folder and runs the model.
func runFolder(_ files: [String: String], allowShell: Bool = false, mode: RunMode = .solve) -> FolderRun {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-dollar-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
        let url = dir.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
    }
    final class Lines { var items: [String] = [] }
    let log = Lines()
    var output = ""
    let printer = TextPrinter(timing: false) { output += $0 }
    let settings = PreprocessorSettings(allowShell: allowShell, log: { log.items.append($0) })
    let result = Driver.run(path: dir.appendingPathComponent("model.gms").path, options: RunOptions(mode: mode, preprocessing: settings), onEvent: { printer.take($0) })
    printer.flush()
    let diagnostics = Driver.renderDiagnostics(result.diagnostics).replacingOccurrences(of: dir.path + "/", with: "")
    var after: [String: String] = [:]
    if let names = FileManager.default.subpaths(atPath: dir.path) {
        for name in names { after[name] = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
    }
    return FolderRun(run: Run(result: result, output: output, diagnostics: diagnostics), log: log.items, files: after)
}

@Suite struct DollarControlOptionTests {
    // MARK: - Files written at compile time

    @Test func echoWritesAndAppendsWithSubstitution() {
        let r = runFolder(["model.gms": """
        $set who world
        $echo hello %who% > out.txt
        $echo 'second line' >> out.txt
        $echoN no break >> out.txt
        Scalar x / 1 /;
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.files["out.txt"] == "hello world\nsecond line\nno break")
    }

    @Test func onEchoBlocksSubstituteExceptOnEchoV() {
        let r = runFolder(["model.gms": """
        $set n 3
        $onEcho > a.txt
        n is %n%
          kept as written
        $offEcho
        $onEchoV > b.txt
        n is %n%
        $offEcho
        $onEchoS >> a.txt
        again %n%
        $offEcho
        Scalar x / %n% /;
        display x;
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.files["a.txt"] == "n is 3\n  kept as written\nagain 3\n")
        #expect(r.files["b.txt"] == "n is %n%\n")
        #expect(r.run.records("x") == [[]: 3])
    }

    @Test func echoedFileCanBeIncluded() {
        let r = runFolder(["model.gms": """
        $onEcho > data.inc
        Set i / a, b, c /;
        $offEcho
        $include data.inc
        $eval n card(i)
        Scalar n / %n% /;
        display n;
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("n") == [[]: 3])
    }

    @Test func echoErrors() {
        let r = runFolder(["model.gms": "$echo hello\n$onEcho\nx y z\n$offEcho\n$offEcho\n$onEcho > a.txt\nnever written\n"])
        #expect(r.run.diagnostics == """
        error[E0120]: $echo needs '> file' or '>> file' after its text
         --> model.gms:1:2
          |
        1 | $echo hello
          |  ^^^^ no file to write
          = help: write '$echo text > file.txt' (or '>>' to append)

        error[E0120]: $onEcho needs '> file' or '>> file'
         --> model.gms:2:2
          |
        2 | $onEcho
          |  ^^^^^^ no file to write
          = help: write '$onEcho > file.txt' (or '>>' to append)

        error[E0121]: $offEcho without $onEcho
         --> model.gms:5:2
          |
        5 | $offEcho
          |  ^^^^^^^ no open $onEcho

        error[E0121]: $onEcho is not closed by $offEcho
         --> model.gms:6:2
          |
        6 | $onEcho > a.txt
          |  ^^^^^^ this $onEcho has no matching $offEcho
          = help: nothing was written to 'a.txt'

        """)
        #expect(r.files["a.txt"] == nil)
    }

    @Test func echoToAFolderThatDoesNotExist() {
        let r = runFolder(["model.gms": "$echo x > missing/f.txt\n"])
        #expect(r.run.diagnostics.hasPrefix("error[E6015]: cannot write 'missing/f.txt'\n --> model.gms:1:6\n"))
        #expect(r.run.result.exitCode == .compileError)
    }

    // MARK: - Log and show

    @Test func logAndShowWriteToTheLog() {
        let r = runFolder(["model.gms": "$set b two\n$set a one\n$log a is %a%\n$show\nScalar x / 1 /;\n"])
        #expect(r.run.diagnostics == "")
        #expect(r.log == ["a is one", "compile-time variables:", "  a = one", "  b = two"])
        #expect(!r.run.output.contains("a is one"), "the log is not the program's output")
    }

    // MARK: - Stopping

    @Test func stopInAnIncludeEndsAllInputAndRunsTheRest() {
        let r = runFolder([
            "model.gms": "Scalar x / 1 /;\n$include part.gms\nScalar z / 3 /;\ndisplay z;\n",
            "part.gms": "display x;\n$stop the rest is not read\nScalar y / 2 /;\n",
        ])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("x") == [[]: 1])
        #expect(r.run.result.exitCode == .solved)
        #expect(r.run.records("z").isEmpty)
    }

    @Test func exitInAnIncludeEndsOnlyThatFile() {
        let r = runFolder([
            "model.gms": "$include part.gms\nScalar z / 3 /;\ndisplay z;\n",
            "part.gms": "Scalar x / 1 /;\n$exit\nnot GAMS at all\n",
        ])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("z") == [[]: 3])
    }

    @Test func terminateCompilesAndDoesNotRun() {
        let r = runFolder(["model.gms": "Scalar x / 1 /;\ndisplay x;\n$terminate\ndisplay y;\n"])
        #expect(r.run.diagnostics == "")
        #expect(r.run.output == "")
        #expect(r.run.result.exitCode == .solved)
    }

    @Test func abortStopsWithAnErrorAndErrorGoesOn() {
        let abort = runFolder(["model.gms": "$abort stop here\nnot read ((\n"])
        #expect(abort.run.diagnostics == """
        error[E0110]: stop here
         --> model.gms:1:2
          |
        1 | $abort stop here
          |  ^^^^^

        """)
        let error = runFolder(["model.gms": "$error bad thing\nScalar x / 1 /;\nx = ;\n"])
        #expect(error.run.diagnostics.hasPrefix("error[E0110]: bad thing\n"))
        #expect(error.run.diagnostics.contains("--> model.gms:3:"), "compilation goes on after $error")
        let quiet = runFolder(["model.gms": "Scalar x / 1 /;\ndisplay x;\n$abort.noError\nnot read ((\n"])
        #expect(quiet.run.diagnostics == "")
        #expect(quiet.run.records("x") == [[]: 1])
    }

    @Test func warningGoesOn() {
        let r = runFolder(["model.gms": "$warning careful\nScalar x / 1 /;\ndisplay x;\n"])
        #expect(r.run.diagnostics == """
        warning[W0120]: careful
         --> model.gms:1:2
          |
        1 | $warning careful
          |  ^^^^^^^

        """)
        #expect(r.run.records("x") == [[]: 1])
    }

    // MARK: - Data options

    @Test func emptyDataListsNeedOnEmpty() {
        let refused = runFolder(["model.gms": "Set i / /;\nScalar s / /;\n"])
        #expect(refused.run.diagnostics == """
        error[E0124]: empty data list
         --> model.gms:1:7
          |
        1 | Set i / /;
          |       ^^^ no entries
          = help: GAMS accepts an empty data list only after '$onEmpty'; add it above, or leave out the '/ /'

        error[E0124]: empty data list
         --> model.gms:2:10
          |
        2 | Scalar s / /;
          |          ^^^ no entries
          = help: GAMS accepts an empty data list only after '$onEmpty'; add it above, or leave out the '/ /'

        """)
        let allowed = runFolder(["model.gms": "$onEmpty\nSet i(*) / /;\nParameter p(i) / /;\n$offEmpty\nSet j / /;\n"])
        #expect(allowed.run.diagnostics.hasPrefix("error[E0124]: empty data list\n --> model.gms:5:7\n"))
        #expect(allowed.run.diagnostics.components(separatedBy: "E0124").count == 2)
    }

    @Test func onEpsStoresZerosAsEps() {
        let r = runFolder(["model.gms": """
        Set i / a, b /;
        $onEps
        Parameter p(i) / a 0, b 2 /;
        Table t(i, i)
            a   b
        a   0   1 ;
        $offEps
        Parameter q(i) / a 0 /;
        display p, t, q;
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("p")[["a"]]?.sign == .minus)
        #expect(r.run.records("p")[["a"]] == 0)
        #expect(r.run.records("t")[["a", "a"]]?.sign == .minus)
        #expect(r.run.records("q")[["a"]] == nil)
    }

    // MARK: - Comments

    @Test func inlineCommentsAcrossLinesAndNested() {
        let r = runFolder(["model.gms": """
        Scalar a / 1 /;
        $onInline
        Scalar b / 2 / /* two, /* not nested */;
        Scalar c /* a comment
        over lines */ / 3 /;
        $onNestCom
        Scalar d / 4 / /* outer /* inner */ still comment */;
        $inlineCom {{ }}
        Scalar e {{ braces }} / 5 /;
        Set f / '/* kept */' /;
        display a, b, c, d, e;
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("b") == [[]: 2])
        #expect(r.run.records("c") == [[]: 3])
        #expect(r.run.records("d") == [[]: 4])
        #expect(r.run.records("e") == [[]: 5])
        let unclosed = runFolder(["model.gms": "$onInline\nScalar x / 1 /;  /* open\nScalar y;\n"])
        #expect(unclosed.run.diagnostics == """
        error[E0127]: inline comment is not closed
         --> model.gms:2:18
          |
        2 | Scalar x / 1 /;  /* open
          |                  ^^ this comment has no matching '*/'

        """)
    }

    @Test func withoutOnInlineSlashStarIsNotAComment() {
        let r = runFolder(["model.gms": "Scalar a / 6 /, b;\nb = a /* 2 */ 3;\n"])
        #expect(r.run.diagnostics.contains("error["), "GAMS reads '/*' as division without $onInline")
    }

    @Test func columnWindow() {
        let r = runFolder(["model.gms": "$maxCol 20\nScalar x / 1 /;     this is ignored\n$minCol 4\nxx Scalar y / 2 /;\n$minCol 0\ndisplay x, y;\n"])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("y") == [[]: 2])
    }

    // MARK: - Include files

    @Test func includeNamesWithBlanksSemicolonAndBackslashes() {
        let r = runFolder([
            "model.gms": "$include \"my data.gms\" ;\n$include sub\\part.gms\n$include 'sub/part two.gms';\ndisplay a, b, c;\n",
            "my data.gms": "Scalar a / 1 /;\n",
            "sub/part.gms": "Scalar b / 2 /;\n",
            "sub/part two.gms": "Scalar c / 3 /;\n",
        ])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("c") == [[]: 3])
    }

    @Test func batIncludeArguments() {
        let r = runFolder([
            "model.gms": "$batInclude def.gms x 5\n$batInclude def.gms \"y\" 7\ndisplay x, y;\n",
            "def.gms": "Scalar %1 / %2 /;\n",
        ])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("x") == [[]: 5])
        #expect(r.run.records("y") == [[]: 7])
    }

    @Test func selfIncludeNeedsOnRecurse() {
        let refused = runFolder(["model.gms": "Scalar x / 1 /;\n$include model.gms\n"])
        #expect(refused.run.diagnostics == """
        error[E0115]: 'model.gms' includes itself
         --> model.gms:2:10
          |
        2 | $include model.gms
          |          ^^^^^^^^^ already being read
          = help: GAMS reads a file inside itself only after '$onRecurse'

        """)
        let allowed = runFolder([
            "model.gms": "$onRecurse\n$set n 0\n$include count.gms\nScalar x / %n% /;\ndisplay x;\n",
            "count.gms": "$eval n %n%+1\n$if not %n% == 3 $include count.gms\n",
        ])
        #expect(allowed.run.diagnostics == "")
        #expect(allowed.run.records("x") == [[]: 3])
    }

    @Test func onGlobalKeepsAnIncludeFilesOptions() {
        let local = runFolder([
            "model.gms": "$include opts.gms\nScalar x / 1 / # not a comment here\n;\n",
            "opts.gms": "$eolCom #\n",
        ])
        #expect(local.run.diagnostics.contains("error["))
        let global = runFolder([
            "model.gms": "$onGlobal\n$include opts.gms\nScalar x / 1 /; # a comment now\ndisplay x;\n",
            "opts.gms": "$eolCom #\n",
        ])
        #expect(global.run.diagnostics == "")
        #expect(global.run.records("x") == [[]: 1])
    }

    // MARK: - Compile-time values

    @Test func systemConstants() {
        let r = runFolder([
            "model.gms": """
            $title Costs
            $echo %system.fn%|%system.fe%|%system.fileSys%|%system.dirSep%|%system.title%|%system.gamsVersion% > out.txt
            $echo %system.fp% > fp.txt
            $include inc.gms
            $echo %gams.input% > input.txt
            """,
            "inc.gms": "$echo %system.incName% > inc.txt\n",
        ])
        #expect(r.run.diagnostics == "")
        #expect(r.files["out.txt"] == "model|.gms|UNIX|/|Costs|470\n")
        let fp = r.files["fp.txt"] ?? ""
        #expect(fp.hasPrefix("/") && fp.hasSuffix("/\n"))
        #expect(r.files["inc.txt"] == fp.dropLast() + "inc.gms\n")
        #expect(r.files["input.txt"] == fp.dropLast() + "model.gms\n")
        let unknown = runFolder(["model.gms": "Scalar x / %system.nope% /;\n"])
        #expect(unknown.run.diagnostics.hasPrefix("""
        error[E0103]: '%system.nope%' is not a system constant enm defines
         --> model.gms:1:12
        """))
    }

    @Test func setNamesAndEnvironment() {
        let r = runFolder(["model.gms": """
        $setNames "data/prices.csv" fp fn fe
        $setEnv ENM_DOLLAR_TEST hello
        $echo %fp%|%fn%|%fe%|%sysEnv.ENM_DOLLAR_TEST% > out.txt
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.files["out.txt"] == "data/|prices|.csv|hello\n")
    }

    @Test func evalCardOfASetGivenBefore() {
        let r = runFolder(["model.gms": """
        Set t / t1*t24 /;
        Alias (t, tt);
        $eval n card(tt) * 2
        $ifE card(t)=24 Scalar ok / 1 /;
        Scalar n / %n% /;
        display n, ok;
        """])
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("n") == [[]: 48])
        #expect(r.run.records("ok") == [[]: 1])
        let unknown = runFolder(["model.gms": "Set i;\n$eval n card(i)\n"])
        #expect(unknown.run.diagnostics == """
        error[E0116]: cannot evaluate 'card(i)': 'i' is not a set whose members are given in a data statement before this line
         --> model.gms:2:14
          |
        2 | $eval n card(i)
          |              ^ size not known at compile time

        """)
    }

    @Test func versionChecksAgainstTheGamsVersionEnmFollows() {
        #expect(runFolder(["model.gms": "$version 240\n"]).run.diagnostics == "")
        #expect(runFolder(["model.gms": "$version 999\n"]).run.diagnostics == """
        error[E0125]: this file needs GAMS version 999; enm follows GAMS 470
         --> model.gms:1:2
          |
        1 | $version 999
          |  ^^^^^^^ newer than 470

        """)
    }

    // MARK: - Shell escapes

    @Test func callIsRefusedWithoutAllowShell() {
        let r = runFolder(["model.gms": "$call 'touch made.txt'\n$hiddenCall gdxxrw data.xlsx\n$call =gdxdump x.gdx\n"])
        #expect(r.run.diagnostics == """
        error[E0122]: $call runs a program; enm runs none unless --allow-shell is given
         --> model.gms:1:2
          |
        1 | $call 'touch made.txt'
          |  ^^^^ not run
          = help: run enm with --allow-shell to let the file run 'touch made.txt'

        error[E0122]: $hiddenCall runs a program; enm runs none unless --allow-shell is given
         --> model.gms:2:2
          |
        2 | $hiddenCall gdxxrw data.xlsx
          |  ^^^^^^^^^^ not run
          = help: gdxxrw converts spreadsheets, which enm does not read: save the data as CSV and read it between $onDelim and $offDelim with $include (enm reads GDX files with $gdxIn and $load)

        error[E0122]: $call runs a program; enm runs none unless --allow-shell is given
         --> model.gms:3:2
          |
        3 | $call =gdxdump x.gdx
          |  ^^^^ not run
          = help: to look into a GDX file use 'enm gdx dump FILE'

        """)
        #expect(r.files["made.txt"] == nil)
    }

    @Test func callRunsInTheModelsFolderWithAllowShell() {
        let r = runFolder(["model.gms": """
        $call 'printf "Scalar x / 4 /;" > made.inc'
        $include made.inc
        $call exit 3
        Scalar level / %system.errorLevel% /;
        $execute 'true'
        display x, level;
        """], allowShell: true)
        #expect(r.run.diagnostics == "")
        #expect(r.run.records("x") == [[]: 4])
        #expect(r.run.records("level") == [[]: 3])
        let checked = runFolder(["model.gms": "$call.checkErrorLevel exit 3\n"], allowShell: true)
        #expect(checked.run.diagnostics == """
        error[E0123]: 'exit 3' exited with status 3
         --> model.gms:1:2
          |
        1 | $call.checkErrorLevel exit 3
          |  ^^^^^^^^^^^^^^^^^^^^ $call.checkErrorLevel stops on a nonzero status

        """)
    }

    // MARK: - Accepted and refused options

    @Test func layoutOnlyOptionsAreAccepted() {
        for name in ["title Report", "sTitle Part", "offListing", "onListing", "eject", "lines 5", "hidden note", "onUpper",
                     "onDollar", "offDollar", "stars ####", "onMargin", "double", "single", "onSymXRef", "onUElList",
                     "offDotL", "offEnd", "offWarning", "onDigit", "offDigit"] {
            let r = runFolder(["model.gms": "$\(name)\nScalar x / 1 /;\n"])
            #expect(r.run.diagnostics == "", "$\(name)")
        }
    }

    @Test func refusedOptionsSayWhatToDoInstead() {
        let cases = [
            ("onDotL", "not supported yet: write the level as x.l"),
            ("onEnd", "enm reads the standard syntax only: 'loop(i, ...);', 'if(c, ...);', not 'endLoop' or 'endIf'"),
            ("onFiltered", "not supported yet: $load drops records outside the domain (with a warning), $loadDC reports them"),
            ("onWarning", "not supported yet: fix the data that fall outside their domain"),
            ("phantom", "not supported yet: declare the set without data after $onEmpty"),
            ("macro", "enm has no macros: write the expression out, or set a compile-time variable with $set and use %name%"),
        ]
        for (name, help) in cases {
            let r = runFolder(["model.gms": "$\(name) x\n"])
            #expect(r.run.diagnostics == """
            error[E0112]: dollar control option '$\(name)' is not supported by enm
             --> model.gms:1:2
              |
            1 | $\(name) x
              |  \(String(repeating: "^", count: name.count)) not supported
              = help: \(help)

            """)
        }
    }
}
