import Driver
import Foundation
import Syntax
import Testing

/// Issue 23: deep and long input, include recursion, readers of non-regular files, input
/// hygiene, worded failures and the fuzzing corpus, each tested at its limit.
@Suite("Reliability")
struct ReliabilityTests {
    /// Runs the built `enm` with `arguments` in a fresh folder holding `files`.
    func enm(_ arguments: [String], files: [String: String]) throws -> (out: String, err: String, status: Int32, folder: URL) {
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let r = try ExplainCommandTests.runEnm(binary, arguments, in: folder)
        return (r.out, r.err, r.status, folder)
    }

    static let flatSum = (["1"] + Array(repeating: "1", count: 99_999)).joined(separator: "+")
    static let flatModel = """
        Scalar a; a = \(flatSum);
        display a;
        Variable x, z; Equation e, o;
        e.. x =e= \(flatSum);
        o.. z =e= x;
        Model m /all/;
        solve m using lp minimizing z;
        display x.l;
        """

    @Test func flatChainOf100000TermsInEveryMode() throws {
        let solve = try enm(["solve", "m.gms", "--json"], files: ["m.gms": Self.flatModel])
        #expect(solve.status == 0, "\(solve.err.prefix(500))")
        #expect(solve.out.contains("\"objective\":100000"))
        #expect(solve.out.contains("[100000]"))
        let check = try enm(["check", "m.gms"], files: ["m.gms": Self.flatModel])
        #expect(check.status == 0 && check.out.contains("1 models"), "\(check.err.prefix(500))")
        let export = try enm(["export", "m.gms", "--format", "lp", "--output", "m.lp"], files: ["m.gms": Self.flatModel])
        #expect(export.status == 0 && export.out.hasPrefix("wrote m.lp: 2 rows, 2 columns, 3 nonzeros\n"), "\(export.err.prefix(500))")
        let tex = try enm(["tex", "m.gms", "--output", "m.tex"], files: ["m.gms": Self.flatModel])
        #expect(tex.status == 0, "\(tex.err.prefix(500))")
        let text = try String(contentsOf: tex.folder.appendingPathComponent("m.tex"), encoding: .utf8)
        #expect(text.contains("1 + 1 + 1"))
    }

    static func nested(_ depth: Int) -> String {
        "Scalar a;\na = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + ";\ndisplay a;\n"
    }

    @Test(arguments: ["check", "solve", "export", "tex"])
    func nestingPastTheLimitIsOneLocatedError(_ mode: String) throws {
        var args = [mode, "m.gms"]
        if mode == "export" { args += ["--format", "lp"] }
        let r = try enm(args, files: ["m.gms": Self.nested(Parser.nestingLimit + 1)])
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("error[E0070]: expression or statement nested more than 200 levels deep\n --> m.gms:2:205\n"))
        #expect(r.err.components(separatedBy: "error[").count == 2, "\(r.err)")
    }

    @Test func nestingAtTheLimitRunsOnAnEightMegabyteStack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sums = "Scalar a;\na = " + String(repeating: "abs(", count: Parser.nestingLimit / 2)
            + String(repeating: "(", count: Parser.nestingLimit / 2) + "1" + String(repeating: ")", count: Parser.nestingLimit)
            + ";\ndisplay a;\n"
        let path = folder.appendingPathComponent("m.gms").path
        try sums.write(toFile: path, atomically: true, encoding: .utf8)
        final class Box: @unchecked Sendable { var codes: [String] = []; var exit = -1 }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let r = Driver.run(path: path)
            box.codes = r.diagnostics.map(\.code)
            box.exit = Int(r.exitCode.rawValue)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        #expect(box.codes.isEmpty && box.exit == 0, "\(box.codes)")
    }

    @Test func unaryMinusPastTheLimit() {
        let run = runSource("Scalar a;\na = " + String(repeating: "- ", count: 300) + "1;\n")
        #expect(run.result.diagnostics.map(\.code) == ["E0070"])
    }

    @Test func selfIncludeTwiceUnderOnRecurseStopsAtTheDepthLimit() throws {
        let start = Date()
        let r = try enm(["check", "self.gms"], files: ["self.gms": "$onRecurse\n$include self.gms\n$include self.gms\nScalar a;\n"])
        #expect(r.status == 1)
        #expect(r.err.components(separatedBy: "error[E0115]").count == 2, "\(r.err.prefix(800))")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func readersRefuseDevicesAndFIFOs() throws {
        let inc = try enm(["check", "m.gms"], files: ["m.gms": "Scalar n;\n$include /dev/zero\n"])
        #expect(inc.status == 1)
        #expect(inc.err.hasPrefix("error[E0072]: include file '/dev/zero' is a device, not a regular file\n --> m.gms:2:10\n"))
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("enm-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let verify = try enm(["ledger", "verify", fifo], files: [:])
        #expect(verify.status == 1 && verify.out == "ledger \(fifo): cannot be read: it is a pipe (FIFO), not a regular file\n")
        let zero = try enm(["ledger", "verify", "/dev/zero"], files: [:])
        #expect(zero.out == "ledger /dev/zero: cannot be read: it is a device, not a regular file\n")
        let full = try enm(["solve", "m.gms", "--ledger", "/dev/full"], files: ["m.gms": "Scalar a /1/;\n"])
        #expect(full.status == 5)
        #expect(full.err.contains("error[E6002]: cannot append to the ledger '/dev/full': it is a device, not a regular file"))
        let model = try enm(["check", "/dev/zero"], files: [:])
        #expect(model.status == 1 && model.err.hasPrefix("error[E0001]: cannot read file '/dev/zero': it is a device, not a regular file"))
    }

    @Test func byteOrderMarksOfModelAndCSVAreSkipped() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-bom-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try? "\u{FEFF}q1,3\nq2,4\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let model = "\u{FEFF}Set q /q1, q2/;\nParameter p(q) /\n$onDelim\n$include d.csv\n$offDelim\n/;\ndisplay p;\n"
        try? model.write(to: dir.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        let run = runModel(dir.appendingPathComponent("m.gms").path)
        #expect(run.result.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.records("p") == [["q1"]: 3, ["q2"]: 4])
    }

    @Test func controlCharactersAreEscapedAndLongLinesClipped() {
        let long = "Scalar a; a = 1 " + String(repeating: "x", count: 1_000_000) + "\u{1B}[2J;\n"
        let run = runSource(long)
        let lines = run.diagnostics.split(separator: "\n")
        #expect(!run.diagnostics.contains("\u{1B}"))
        #expect(lines.allSatisfy { $0.count < 1200 })
        #expect(run.diagnostics.contains("\\x1b"))
    }

    @Test func atMostFiftyErrorsPerFileArePrinted() {
        let run = runSource(String(repeating: "Scalar ^;\n", count: 80))
        #expect(run.diagnostics.components(separatedBy: "error[").count == 51)
        #expect(run.diagnostics.hasSuffix("errors of 'model.gms' not shown (the first 50 are)\n"))
    }

    @Test func overflowIsLocated() {
        let literal = runSource("Scalar big / 1e999 /;\nScalar c;\nc = 2e400;\n")
        #expect(literal.result.diagnostics.map(\.code) == ["E0071", "E0071"])
        let power = runSource("Scalar b, c / 2 /;\nb = 10**400;\nc = inf * c;\ndisplay c;\n")
        #expect(power.result.diagnostics.map(\.code) == ["E2070"])
        #expect(power.result.diagnostics.first?.span.line == 2)
        #expect(power.records("c") == [[]: .infinity])
    }

    @Test func texOutputErrorIsWordedAndLeavesNoTemporary() throws {
        let r = try enm(["tex", "m.gms", "--output", "missing/m.tex"], files: ["m.gms": "Scalar a /1/;\n"])
        #expect(r.status == 5)
        #expect(r.err.hasPrefix("error[E5003]: cannot write 'missing/m.tex': No such file or directory\n"))
        #expect(!r.err.contains("NSCocoaErrorDomain"))
        let ok = try enm(["tex", "m.gms", "--output", "m.tex"], files: ["m.gms": "Scalar a /1/;\n"])
        #expect(ok.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ok.folder.path).sorted() == ["m.gms", "m.tex"])
    }

    @Test func outRemovesTemporariesOfKilledRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        // no process has the largest pid the kernel can give
        let stale = folder.appendingPathComponent("out/.a.csv.tmp-4194304").path
        FileManager.default.createFile(atPath: stale, contents: Data("partial".utf8))
        let binary = try #require(ExplainCommandTests.enmBinary())
        try "Scalar a /1/;\ndisplay a;\n".write(to: folder.appendingPathComponent("m.gms"), atomically: true, encoding: .utf8)
        let r = try ExplainCommandTests.runEnm(binary, ["solve", "m.gms", "--out", "out"], in: folder)
        #expect(r.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
                == ["a.csv", "summary.json"])
    }

    /// Inputs the fuzzer (scripts/fuzz.py) found crashing enm: each now ends with located
    /// diagnostics in every mode.
    @Test(arguments: (try? FileManager.default.contentsOfDirectory(atPath: testsDirectory.appendingPathComponent("FuzzCorpus").path))?
        .filter { $0.hasSuffix(".gms") }.sorted() ?? [])
    func fuzzCorpusEndsCleanly(_ name: String) throws {
        let source = try String(contentsOf: testsDirectory.appendingPathComponent("FuzzCorpus/\(name)"), encoding: .utf8)
        for mode in ["check", "solve", "tex"] {
            let r = try enm([mode, "m.gms"], files: ["m.gms": source])
            #expect((0...5).contains(r.status), "\(name) \(mode): exit \(r.status)")
            for header in r.err.split(separator: "\n") where header.hasPrefix("error[") {
                #expect(r.err.contains(" --> m.gms:"), "\(name) \(mode): \(header)")
            }
        }
    }
}
