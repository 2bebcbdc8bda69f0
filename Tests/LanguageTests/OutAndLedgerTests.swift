import Driver
import Foundation
import Testing

/// The package's root folder.
private let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

/// The built `enm` executable: next to the test bundle, or in `.build/debug`.
private let enmExecutable: String? = {
    let fm = FileManager.default
    var candidates: [String] = []
    if let first = CommandLine.arguments.first {
        candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("enm").path)
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("enm").path)
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("enm").path)
    candidates.append(packageRoot.appendingPathComponent(".build/debug/enm").path)
    return candidates.first { fm.isExecutableFile(atPath: $0) }
}()

/// What a run of `enm` printed and how it ended.
private struct CLIRun {
    var stdout: String
    var stderr: String
    var status: Int32
}

/// Runs the built `enm` with `arguments` in `folder`.
private func enm(_ arguments: [String], in folder: String) throws -> CLIRun {
    guard let exe = enmExecutable else {
        Issue.record("the enm executable is not built (swift build first)")
        return CLIRun(stdout: "", stderr: "", status: -1)
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: folder)
    // standard error goes to a file, so only one pipe has to be drained
    let out = Pipe()
    let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("enm-stderr-\(UUID().uuidString)").path
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    let err = FileHandle(forWritingAtPath: errPath)!
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    try? err.close()
    let errData = FileManager.default.contents(atPath: errPath) ?? Data()
    return CLIRun(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                  status: p.terminationStatus)
}

/// A new empty folder for one test, removed by the caller.
private func scratch() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-out-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return URL(fileURLWithPath: dir).standardizedFileURL.path
}

private func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

private func write(_ text: String, to path: String) {
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

private let transportPath = packageRoot.appendingPathComponent("examples/transport/transport.enm").path

/// A model reading its data from an include file and its demand from a switch.
private let ledgerModel = """
    $include data.inc
    Variable z;
    Positive Variable x(i);
    Equation obj, need;
    obj .. z =e= sum(i, cost(i)*x(i));
    need .. sum(i, x(i)) =g= %need%;
    Model m /all/;
    Solve m using lp minimizing z;

    """
private let ledgerData = """
    Set i / a, b /;
    Parameter cost(i) / a 2, b 3 /;

    """
/// SHA-256 of the two texts above.
private let ledgerModelSHA = "14699d24360fa0c82450a6c2cbfb7df1cb85df2b84fb16ca690993819093e403"
private let ledgerDataSHA = "98d2d4a4e54359c1691c243133d1220ee94e4dd187dba9b49102523dbdf08856"

@Suite(.serialized) struct OutAndLedgerTests {

    // MARK: enm tex, --report (through the command line)

    @Test func texThroughTheCommandLine() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let toStdout = try enm(["tex", transportPath], in: dir)
        #expect(toStdout.status == 0)
        #expect(toStdout.stdout.hasPrefix("\\documentclass{article}"))
        #expect(toStdout.stdout.contains("\\sum_{j \\in \\mathrm{J}} x_{i,j} \\le \\mathrm{a}_{i}"))
        let toFile = try enm(["tex", transportPath, "--output", "t.tex"], in: dir)
        #expect(toFile.status == 0)
        #expect(toFile.stdout == "wrote t.tex\n")
        #expect(read(dir + "/t.tex") == toStdout.stdout)
        // an unwritable path: exit code 5, nothing half-written
        let unwritable = try enm(["tex", transportPath, "--output", "missing/t.tex"], in: dir)
        #expect(unwritable.status == 5)
        #expect(unwritable.stderr.hasPrefix("error[E5003]: cannot write 'missing/t.tex'"))
        // a model with an error: its diagnostic, exit code 1, no document
        write("Set i / a /;\nParameter p(j);\n", to: dir + "/bad.gms")
        let bad = try enm(["tex", "bad.gms"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr.contains("error[E1001]: unknown symbol 'j'"))
    }

    @Test func reportThroughTheCommandLine() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try enm(["solve", transportPath, "--report", "out/report.html"], in: dir)
        // the folder of the report is not created: E6001, exit code 5
        #expect(run.status == 5)
        #expect(run.stderr.contains("error[E6001]: cannot write the report 'out/report.html'"))
        let ok = try enm(["solve", transportPath, "--report", "report.html"], in: dir)
        #expect(ok.status == 0)
        let page = read(dir + "/report.html") ?? ""
        #expect(page.contains("<td>transport</td><td>lp</td><td>glpk</td><td>1 Optimal</td>"))
        #expect(page.contains("<h2>x.l(i,j) — shipment quantities in cases</h2>"))
        #expect(page.contains("<svg"))
        // an infeasible model still gets its report, with the status marked
        write("Variable z; Positive Variable x; Equation e, f; e.. z =e= x; f.. x =l= -1;\nModel m /all/;\nSolve m using lp minimizing z;\n",
              to: dir + "/inf.gms")
        let inf = try enm(["solve", "inf.gms", "--report", "inf.html"], in: dir)
        #expect(inf.status == 3)
        #expect((read(dir + "/inf.html") ?? "").contains("<td class=\"bad\">4 Infeasible</td>"))
    }

    // MARK: --out

    @Test func transportResultsFolder() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try enm(["solve", transportPath, "--json", "--out", "results/transport"], in: dir)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let out = dir + "/results/transport"
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["c.csv", "cost.csv", "demand.csv", "summary.json", "supply.csv", "x.csv", "z.csv"])
        // the displayed parameter
        #expect(read(out + "/c.csv") == """
            i,j,value
            seattle,new-york,0.225
            seattle,chicago,0.153
            seattle,topeka,0.162
            san-diego,new-york,0.225
            san-diego,chicago,0.162
            san-diego,topeka,0.12599999999999997

            """)
        // every variable and equation, displayed or not
        #expect(read(out + "/x.csv") == """
            i,j,level,lower,upper,marginal
            seattle,new-york,50,0,INF,0
            seattle,chicago,300,0,INF,0
            seattle,topeka,0,0,INF,0.03600000000000003
            san-diego,new-york,275,0,INF,0
            san-diego,chicago,0,0,INF,0.009000000000000008
            san-diego,topeka,275,0,INF,0

            """)
        #expect(read(out + "/z.csv") == "level,lower,upper,marginal\n153.675,-INF,INF,0\n")
        #expect(read(out + "/cost.csv") == "level,lower,upper,marginal,slack\n0,0,0,1,0\n")
        #expect(read(out + "/supply.csv") == """
            i,level,lower,upper,marginal,slack
            seattle,350,-INF,350,EPS,0
            san-diego,550,-INF,600,0,50

            """)
        #expect(read(out + "/demand.csv") == """
            j,level,lower,upper,marginal,slack
            new-york,325,325,INF,0.225,0
            chicago,300,300,INF,0.153,0
            topeka,275,275,INF,0.12599999999999997,0

            """)
        // summary.json is exactly what --json printed
        #expect(read(out + "/summary.json") == run.stdout)
        #expect(run.stdout.hasPrefix("{\"solves\":[{\"model\":\"transport\""))
    }

    @Test func textOutputIsUnchangedByOut() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = try enm(["solve", transportPath], in: dir)
        let withOut = try enm(["solve", transportPath, "--out", "r"], in: dir)
        let untimed = { (s: String) in s.split(separator: "\n").filter { !$0.contains(" time ") && !$0.contains("iterations") } }
        #expect(untimed(plain.stdout) == untimed(withOut.stdout))
        #expect(read(dir + "/r/summary.json")?.contains("\"exitCode\":0") == true)
    }

    @Test func unwritableFolderIsAnErrorWithExitCode5() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("not a folder\n", to: dir + "/plain")
        let run = try enm(["solve", transportPath, "--out", dir + "/plain/results"], in: dir)
        #expect(run.status == 5)
        #expect(run.stderr == """
            error[E6001]: cannot write results to '\(dir)/plain/results': '\(dir)/plain': it exists and is not a folder
             --> <command line>

            """)
        #expect(run.stdout.contains("---- SOLVE transport"))
        #expect(read(dir + "/plain") == "not a folder\n")
        let onFile = try enm(["solve", transportPath, "--out", "plain"], in: dir)
        #expect(onFile.status == 5)
        #expect(onFile.stderr.hasPrefix("error[E6001]: cannot write results to 'plain': it exists and is not a folder\n"))
    }

    @Test func infeasibleModelStillWritesItsResults() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = read(transportPath)!.replacingOccurrences(of: "seattle     350", with: "seattle     35")
        write(text, to: dir + "/short.enm")
        let run = try enm(["solve", "short.enm", "--json", "--out", "r"], in: dir)
        #expect(run.status == 3)
        #expect(read(dir + "/r/summary.json") == run.stdout)
        #expect(run.stdout.contains("\"modelStatus\":4"))
        #expect(run.stdout.contains("\"exitCode\":3"))
        for name in ["c", "x", "z", "cost", "supply", "demand"] {
            #expect(read(dir + "/r/\(name).csv") != nil, "\(name).csv")
        }
        #expect(read(dir + "/r/x.csv")?.hasPrefix("i,j,level,lower,upper,marginal\n") == true)
        #expect(read(dir + "/r/c.csv")?.hasPrefix("i,j,value\nseattle,new-york,0.225\n") == true)
    }

    @Test func compileErrorWritesTheSummaryOnly() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("Parameter p / 1 /\ndisplay q;\n", to: dir + "/bad.gms")
        let run = try enm(["solve", "bad.gms", "--json", "--out", "r"], in: dir)
        #expect(run.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/r") == ["summary.json"])
        #expect(read(dir + "/r/summary.json") == run.stdout)
    }

    @Test func displayedSymbolsKeepTheirLastStateAndSetsTheirText() {
        let run = runSource("""
            Set t / t1*t3 /;
            Set k / a 'first, of two', b /;
            Parameter p(t);
            Scalar n / 0 /, hidden / 7 /;
            Variable never;
            loop(t, n = n + 1; p(t) = n * 1.5; display p;);
            display k, n;
            """)
        #expect(run.result.exitCode == .solved)
        let files = Driver.resultFiles(run.result)
        #expect(files.map(\.name) == ["k.csv", "p.csv", "n.csv", "summary.json"])
        #expect(files[0].contents == "dim1,value,text\na,1,\"first, of two\"\nb,1,\n")
        #expect(files[1].contents == "t,value\nt1,1.5\nt2,3\nt3,4.5\n")
        #expect(files[2].contents == "value\n3\n")
        #expect(files[3].contents == Driver.json(run.result) + "\n")
    }

    // MARK: --ledger

    /// Writes the ledger model and its include file into `dir`.
    private func ledgerFixture(_ dir: String) {
        write(ledgerModel, to: dir + "/model.gms")
        write(ledgerData, to: dir + "/data.inc")
    }

    private func records(_ path: String) throws -> [[String: Any]] {
        try read(path)!.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    @Test func twoRunsAppendTwoChainedRecords() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        ledgerFixture(dir)
        let first = try enm(["solve", "model.gms", "--ledger", "runs.jsonl", "--need=10"], in: dir)
        #expect(first.status == 0)
        #expect(first.stderr == "")
        let second = try enm(["solve", "model.gms", "--need=20", "--ledger", "runs.jsonl"], in: dir)
        #expect(second.status == 0)
        let r = try records(dir + "/runs.jsonl")
        #expect(r.count == 2)
        #expect(r.map { $0["seq"] as? Int } == [1, 2])
        #expect(r[0]["file"] as? String == dir + "/model.gms")
        #expect(r[0]["fileSHA256"] as? String == ledgerModelSHA)
        let includes = r[0]["includes"] as? [[String: String]]
        #expect(includes == [["path": dir + "/data.inc", "sha256": ledgerDataSHA]])
        #expect(r.map { ($0["switches"] as? [String: String]) ?? [:] } == [["need": "10"], ["need": "20"]])
        let solves = r.map { ($0["solves"] as? [[String: Any]])?.first }
        #expect(solves.map { $0?["model"] as? String } == ["m", "m"])
        #expect(solves.map { $0?["type"] as? String } == ["lp", "lp"])
        #expect(solves.map { $0?["modelStatus"] as? Int } == [1, 1])
        #expect(solves.map { $0?["solverStatus"] as? Int } == [1, 1])
        #expect(solves.map { $0?["objective"] as? Double } == [20, 40])
        #expect(r[0]["prev"] as? String == String(repeating: "0", count: 64))
        #expect((r[0]["time"] as? String)?.hasSuffix("Z") == true)
        let verify = try enm(["ledger", "verify", "runs.jsonl"], in: dir)
        #expect(verify.stdout == "ledger runs.jsonl: 2 records, intact\n")
        #expect(verify.status == 0)
    }

    /// A ledger of three runs in `dir`, and its lines.
    private func threeRuns(_ dir: String) throws -> [String] {
        ledgerFixture(dir)
        for need in ["10", "20", "30"] {
            #expect(try enm(["solve", "model.gms", "--need=\(need)", "--ledger", "runs.jsonl"], in: dir).status == 0)
        }
        let lines = read(dir + "/runs.jsonl")!.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        return lines
    }

    @Test func anEditedByteIsNamed() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = try threeRuns(dir)
        let edited = lines[0].replacingOccurrences(of: "\"need\":\"10\"", with: "\"need\":\"19\"")
        #expect(edited != lines[0])
        write(([edited] + lines.dropFirst()).map { $0 + "\n" }.joined(), to: dir + "/runs.jsonl")
        let verify = try enm(["ledger", "verify", "runs.jsonl"], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout == "ledger runs.jsonl: record 1: edited: its content does not match its hash\n")
    }

    @Test func aRemovedRecordIsNamed() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = try threeRuns(dir)
        write(lines[0] + "\n" + lines[2] + "\n", to: dir + "/runs.jsonl")
        let verify = try enm(["ledger", "verify", "runs.jsonl"], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout == "ledger runs.jsonl: record 2: seq is 3 where 2 was expected: a record before it was removed, or records were reordered\n")
    }

    @Test func aTruncatedLastLineIsNamed() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = try threeRuns(dir)
        write(lines[0] + "\n" + lines[1] + "\n" + lines[2].prefix(100), to: dir + "/runs.jsonl")
        let verify = try enm(["ledger", "verify", "runs.jsonl"], in: dir)
        #expect(verify.status == 1)
        #expect(verify.stdout == "ledger runs.jsonl: record 3: truncated: the last line is incomplete\n")
        // a run refuses to extend a damaged ledger
        let more = try enm(["solve", "model.gms", "--need=5", "--ledger", "runs.jsonl"], in: dir)
        #expect(more.status == 5)
        #expect(more.stderr.hasPrefix("error[E6002]: cannot append to the ledger 'runs.jsonl': its last record is incomplete"))
    }

    @Test func unwritableLedgerAndMissingModel() throws {
        let dir = scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        ledgerFixture(dir)
        let run = try enm(["solve", "model.gms", "--need=1", "--ledger", "model.gms/runs.jsonl"], in: dir)
        #expect(run.status == 5)
        #expect(run.stderr.hasPrefix("error[E6002]: cannot append to the ledger 'model.gms/runs.jsonl': Not a directory\n"))
        // a run that cannot read its model is recorded too, with no hash
        let missing = try enm(["solve", "absent.gms", "--ledger", "runs.jsonl"], in: dir)
        #expect(missing.status == 1)
        let r = try records(dir + "/runs.jsonl")
        #expect(r.count == 1)
        #expect(r[0]["fileSHA256"] is NSNull)
        #expect(r[0]["exitCode"] as? Int == 1)
        #expect((r[0]["solves"] as? [Any])?.isEmpty == true)
        let verify = try enm(["ledger", "verify", "runs.jsonl"], in: dir)
        #expect(verify.stdout == "ledger runs.jsonl: 1 record, intact\n")
        let absent = try enm(["ledger", "verify", "nothing.jsonl"], in: dir)
        #expect(absent.status == 1)
        #expect(absent.stdout == "ledger nothing.jsonl: cannot be read: No such file or directory\n")
    }
}
