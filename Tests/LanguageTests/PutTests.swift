import Driver
import Foundation
import Testing

/// Runs `source` with `DIR` replaced by a fresh folder; the run and the folder (left in place
/// for the caller to read, removed by `cleanUp`).
private func runPut(_ source: String) -> (run: Run, dir: URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-put-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (runSource(source.replacingOccurrences(of: "DIR", with: dir.path)), dir)
}

/// The text of file `name` in `dir` (nil when missing).
private func contents(_ dir: URL, _ name: String) -> String? {
    try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
}

private func cleanUp(_ dir: URL) { try? FileManager.default.removeItem(at: dir) }

@Suite struct PutTests {
    @Test func labelsNumbersAndTextsInTheirDefaultFields() {
        let (run, dir) = runPut("""
        Set i 'plants' / seattle 'Seattle WA', san-diego /;
        Parameter d(i) 'supply' / seattle 350.456, san-diego 600 /;
        File f 'the report' / 'DIR/report.txt' /;
        put f 'Plant' @15 'Supply' /;
        loop(i, put i.tl, d(i) /);
        loop(i, put i.tl:10, d(i):8:1, i.te(i):>12 /);
        put d.ts:<>16 '|' i.ts /;
        putclose;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        #expect(contents(dir, "report.txt") == """
        Plant         Supply
        seattle           350.46
        san-diego         600.00
        seattle      350.5  Seattle WA
        san-diego    600.0   san-diego
             supply     |plants

        """)
    }

    @Test func numberRepresentationsWidthsAndSpecialValues() {
        let (run, dir) = runPut("""
        Scalar big / 1e9 /, tiny / 1e-6 /, neg / -2.75 /;
        File f / 'DIR/num.txt' /;
        put f big / tiny / neg:6:0 / eps / inf / (-inf) / na /;
        f.nr = 2; put big /;
        f.nw = 0; f.nr = 1; f.nd = 3; put neg /;
        f.nw = 4; put big /;
        f.nw = 12; f.nd = 2; f.nz = 0; put tiny:0:6 ' ' tiny /;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        #expect(contents(dir, "num.txt") == """
        1000000000.0
                0.00
            -3
                 EPS
                +INF
                -INF
                  NA
            1.00E+09
        -2.750
        ****
        0.000001         0.00

        """)
    }

    @Test func commaDelimitedFileQuotesTextsAndLabels() {
        let (run, dir) = runPut("""
        Set i / a, b /;
        Parameter v(i) / a 1.5, b -2 /;
        File csv / 'DIR/data.csv' /;
        csv.pc = 5;
        put csv 'name', 'value' /;
        loop(i, put i.tl, v(i) /);
        put 'say "hi"' @40 3:20:0 /;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        #expect(contents(dir, "data.csv") == "\"name\",\"value\"\n\"a\",1.50\n\"b\",-2.00\n\"say \"\"hi\"\"\",3\n")
    }

    @Test func cursorControlAndConditions() {
        let (run, dir) = runPut("""
        Scalar on / 1 /, off / 0 /;
        File f / 'DIR/cursor.txt' /;
        put f '1' / '2' / '3' #2 @3 'X' #4;
        put$off 'never' /;
        put$(on) 'a' 'b'$off 'c'$on:3 '|' 7$off 8$on:2:0 /;
        put 'abcdef' @3 'Z' @9 f.cc:0:0 /;
        Scalar cr; cr = f.cr;
        put cr:0:0 /;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        #expect(contents(dir, "cursor.txt") == "1\n2 X\n3\nac  | 8\nabZdef  9\n6\n")
    }

    @Test func putcloseWritesTheFileAndALaterPutStartsItAgainUnlessAppending() throws {
        let (run, dir) = runPut("""
        Scalar k;
        File opt / 'DIR/opt.txt' /, log / 'DIR/log.txt' /;
        for(k = 1 to 3, putclose opt 'iterlim ' k:0:0 /);
        log.ap = 1;
        put log 'new' /;
        putclose log;
        put log 'again' /;
        """.replacingOccurrences(of: "\n        ", with: "\n"))
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        #expect(contents(dir, "opt.txt") == "iterlim 3\n")
        #expect(contents(dir, "log.txt") == "new\nagain\n")
        // a file that exists is extended when .ap = 1, replaced otherwise
        try "old\n".write(to: dir.appendingPathComponent("keep.txt"), atomically: true, encoding: .utf8)
        try "old\n".write(to: dir.appendingPathComponent("replace.txt"), atomically: true, encoding: .utf8)
        let again = runSource("""
        File a / '\(dir.path)/keep.txt' /, b / '\(dir.path)/replace.txt' /;
        a.ap = 1;
        put a 'added' /;
        put b 'only' /;
        """)
        #expect(again.diagnostics == "")
        #expect(contents(dir, "keep.txt") == "old\nadded\n")
        #expect(contents(dir, "replace.txt") == "only\n")
    }

    @Test func reportOfAnLPSolvedInTheRun() {
        let (run, dir) = runPut("""
        Set j / x1, x2 /;
        Parameter c(j) / x1 3, x2 2 /;
        Positive Variable x(j);
        Variable z;
        Equation obj, r1, r2;
        obj.. z =e= sum(j, c(j)*x(j));
        r1.. sum(j, x(j)) =l= 4;
        r2.. x('x1') + 3*x('x2') =l= 7;
        x.up('x1') = 3;
        Model m / all /;
        solve m using lp maximizing z;
        File rep / 'DIR/levels.txt' /;
        put rep 'status ' m.modelStat:0:0 ' objective ' z.l:0:2 ' rows ' card(j):0:0 /;
        loop(j, put ord(j):2:0 ' ' j.tl:4, x.l(j):8:3, x.m(j):8:3 /);
        putclose;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        #expect(run.solves.first?.objective == 11)
        #expect(contents(dir, "levels.txt") == """
        status 1 objective 11.00 rows 2
         1 x1     3.000   1.000
         2 x2     1.000   0.000

        """)
    }

    @Test func fileIsCompleteWhenTheRunStopsWithAnErrorLater() {
        let (run, dir) = runPut("""
        File f / 'DIR/partial.txt' /;
        put f 'before the error' /;
        abort 'stop here';
        put 'never' /;
        """)
        defer { cleanUp(dir) }
        #expect(run.result.exitCode == .dataError)
        #expect(contents(dir, "partial.txt") == "before the error\n")
    }

    @Test func fileWithoutANameIsWrittenAsNameDotPutInTheWorkingDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-put-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { cleanUp(dir) }
        let model = dir.appendingPathComponent("model.gms")
        try "File results;\nput results 'hello' /;\n".write(to: model, atomically: true, encoding: .utf8)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir.path)
        let result = Driver.run(path: model.path)
        FileManager.default.changeCurrentDirectoryPath(previous)
        #expect(result.diagnostics.isEmpty)
        #expect(contents(dir, "results.put") == "hello\n")
    }

    @Test func checkAcceptsPutStatementsAndWritesNothing() throws {
        let (run, dir) = runPut("""
        Set i / a /;
        File f / 'DIR/checked.txt' /;
        f.nd = 3;
        loop(i, put f i.tl:8 card(i):4:0 /);
        putclose f;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        let model = dir.appendingPathComponent("check.gms")
        try "File g / '\(dir.path)/never.txt' /;\nput g 'x' /;\n".write(to: model, atomically: true, encoding: .utf8)
        let checked = Driver.run(path: model.path, options: RunOptions(mode: .check))
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(checked.exitCode == .solved)
        #expect(contents(dir, "never.txt") == nil)
        #expect(contents(dir, "checked.txt") == "a          1\n")
    }

    @Test func fileThatCannotBeWrittenIsALocatedErrorWithExitCode5() {
        let run = runSource("""
        File f / '/nonexistent-enm-folder/x.txt' /;
        put f 'x' /;
        """)
        #expect(run.result.exitCode == .outputFailed)
        #expect(run.diagnostics == """
        error[E6010]: cannot write put file '/nonexistent-enm-folder/x.txt' of file 'f': No such file or directory
         --> model.gms:1:6
          |
        1 | File f / '/nonexistent-enm-folder/x.txt' /;
          |      ^
          = help: check that the folder exists and can be written

        """)
    }

    @Test func aLedgerFileChainsTheObjectsPutToIt() {
        let (run, dir) = runPut("""
        Set t / 1*2 /;
        File f / 'DIR/log.jsonl' /;
        f.ledger = 1;
        put f;
        loop(t, put '{"step":' ord(t):0:0 ',"kWh":' (ord(t)/4):0:2 '}' /);
        putclose f;
        f.ap = 1;
        put f '{"step":3}' /;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics == "")
        let lines = (contents(dir, "log.jsonl") ?? "").split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("{\"seq\":1,\"step\":1,\"kWh\":0.25,\"prev\":\"0000") == true)
        #expect(lines.last?.hasPrefix("{\"seq\":3,\"step\":3,\"prev\":") == true, "the appended record continues the chain")
        #expect(Driver.verifyLedger(path: dir.appendingPathComponent("log.jsonl").path).intact)
    }

    @Test func aLineOfALedgerFileThatIsNotAnObjectIsE6010() {
        let (run, dir) = runPut("""
        File f / 'DIR/log.jsonl' /;
        f.ledger = 1;
        put f 'step 1' /;
        putclose f;
        """)
        defer { cleanUp(dir) }
        #expect(run.result.exitCode == .outputFailed)
        #expect(contents(dir, "log.jsonl") == nil)
        #expect(run.diagnostics.replacingOccurrences(of: dir.path, with: "DIR") == """
        error[E6010]: cannot write put file 'DIR/log.jsonl' of file 'f': line 1 written to it is not a JSON object: step 1
         --> model.gms:4:1
          |
        4 | putclose f;
          | ^^^^^^^^
          = help: every line put to a file with .ledger = 1 is one JSON object without seq, prev and hash, e.g. put '{"step":' ord(t):0:0 '}' /;

        """)
    }

    @Test func compileErrorsOfPutStatements() {
        let run = runSource("""
        Scalar p / 1 /;
        File f / out.txt /;
        put 'no file yet' /;
        p = f.zz;
        f.ll = 3;
        put f p.tl /;
        put system.nothing /;
        Parameter f;
        """)
        #expect(run.result.exitCode == .compileError)
        #expect(run.diagnostics.contains("error[E2061]: no put file is selected\n --> model.gms:3:5"))
        #expect(run.diagnostics.contains("error[E2063]: 'zz' is not an attribute of file 'f'\n --> model.gms:4:7"))
        #expect(run.diagnostics.contains("error[E2064]: 'f.ll' cannot be assigned\n --> model.gms:5:1"))
        #expect(run.diagnostics.contains("error[E2062]: '.tl' needs a set, but 'p' is a parameter\n --> model.gms:6:9"))
        #expect(run.diagnostics.contains("error[E2065]: unknown system item 'system.nothing'\n --> model.gms:7:5"))
        #expect(run.diagnostics.contains("error[E1002]: 'f' is already declared\n --> model.gms:8:11"))
    }

    @Test func syntaxErrorsOfFileAndPutStatements() {
        let run = runSource("""
        File f / /;
        File g / g.txt /;
        put g 'a':x /;
        put g ; ;
        put g ) /;
        """)
        #expect(run.diagnostics.contains("error[E0062]: expected the external file name between the slashes of file 'f'\n --> model.gms:1:10"))
        #expect(run.diagnostics.contains("error[E0061]: expected a whole number as the item's width, found 'x'\n --> model.gms:3:11"))
    }

    @Test func lineLongerThanThePageWidthIsCutWithAWarning() {
        let (run, dir) = runPut("""
        File f / 'DIR/narrow.txt' /;
        f.pw = 8;
        put f 'abcdef' 'ghijkl' /;
        """)
        defer { cleanUp(dir) }
        #expect(run.diagnostics.hasPrefix("warning[W4040]: put file 'f': a line is longer than the page width 8; the rest is cut"))
        #expect(contents(dir, "narrow.txt") == "abcdefgh\n")
    }
}
