import Formats
import Foundation
import Testing

/// `enm export` end to end: the executable run on model files in a temporary folder.
@Suite("enm export")
struct CommandLineTests {
    static let switched = """
        $if not set n $set n 3
        Set i / 1*%n% /;
        Positive Variable x(i);
        Variable z;
        Equation obj, lim(i);
        obj.. z =e= sum(i, x(i));
        lim(i).. x(i) =l= ord(i);
        Model m / all /;
        solve m using lp maximizing z;
        """

    /// A folder holding the transport model and `sources` by file name.
    func folder(_ sources: [String: String] = [:]) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let transport = packageRoot.appendingPathComponent("Tests/LanguageTests/Models/transport.gms")
        try FileManager.default.copyItem(atPath: transport.path, toPath: folder.path("transport.gms"))
        for (name, text) in sources { try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test(arguments: ExportFormat.allCases)
    func writesNextToTheModelByDefault(_ format: ExportFormat) throws {
        let f = try folder()
        defer { f.cleanup() }
        let run = try runEnm(["export", "transport.gms", "--format", format.rawValue], in: f.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote transport.\(format.fileExtension): 6 rows, 7 columns, 19 nonzeros\nwrote transport.names.csv: the model's names of the file's rows and columns\n")
        #expect(run.stderr.isEmpty)
        let back = try #require(readBack(f.path("transport.\(format.fileExtension)"), format: format))
        #expect(close(back.objective, 153.675))
        #expect(back.rowNames.contains("supply_san_diego_"))
        #expect(f.files == ["transport.gms", "transport.\(format.fileExtension)", "transport.names.csv"].sorted())
        let map = try String(contentsOfFile: f.path("transport.names.csv"), encoding: .utf8)
        #expect(map.hasPrefix("exported,enm,kind\nobj,z,objective\ncost,cost,row\nsupply_seattle_,supply(seattle),row\n"))
        #expect(map.contains("\nx_san_diego_new_york_,\"x(san-diego,new-york)\",column\n"))
    }

    @Test func outputOptionAndSwitches() throws {
        let f = try folder(["switched.gms": Self.switched])
        defer { f.cleanup() }
        try FileManager.default.createDirectory(atPath: f.path("out"), withIntermediateDirectories: true)
        var run = try runEnm(["export", "switched.gms", "--format", "lp", "--output", "out/five.lp", "--n=5"], in: f.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote out/five.lp: 6 rows, 6 columns, 11 nonzeros\nwrote out/five.names.csv: the model's names of the file's rows and columns\n")
        var back = try #require(readBack(f.path("out/five.lp"), format: .lp))
        #expect(close(back.objective, 15))
        run = try runEnm(["export", "switched.gms", "--format=mps", "--output=three.mps"], in: f.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote three.mps: 4 rows, 4 columns, 7 nonzeros\nwrote three.names.csv: the model's names of the file's rows and columns\n")
        back = try #require(readBack(f.path("three.mps"), format: .mps))
        #expect(close(back.objective, -6), "maximization negated in MPS")
    }

    /// `enm solve --json` counts the lower bounds left to an equality that implies them
    /// (`impliedBounds`, also in the summary line); `--no-implied-bounds` gives Ipopt all of them.
    @Test func impliedBoundsSwitch() throws {
        let model = """
        Variables p, cost; Positive Variables l, v;
        v.lo = 0.81; v.up = 1.21;
        Equations branch, bal, obj;
        branch.. sqr(p) =e= v*l;
        bal..    p - 0.1*l =e= 1;
        obj..    cost =e= p + v;
        Model m / all /;
        solve m using nlp minimizing cost;
        """
        let f = try folder(["line.gms": model])
        defer { f.cleanup() }
        for (arguments, count) in [(["solve", "line.gms", "--json"], 1), (["solve", "line.gms", "--json", "--no-implied-bounds"], 0)] {
            let run = try runEnm(arguments, in: f.url)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("\"impliedBounds\":\(count)"), "\(run.stdout)")
        }
        let text = try runEnm(["solve", "line.gms"], in: f.url)
        #expect(text.stdout.contains("1 implied bound left to the equalities"), "\(text.stdout)")
    }

    /// `enm solve --generate-only --json` loads the model into GLPK without solving it, and its
    /// `seconds` say how long generation and the load took and how long since reading began.
    @Test func generateOnlyTimings() throws {
        let model = """
        Set i / i1*i40 /;
        Parameter c(i); c(i) = ord(i);
        Positive Variable x(i); Variable z;
        Equations obj, cap(i);
        obj..    z =e= sum(i, c(i)*x(i));
        cap(i).. x(i) =l= 1;
        Model m / all /;
        solve m using lp maximizing z;
        """
        let f = try folder(["small.gms": model])
        defer { f.cleanup() }
        let run = try runEnm(["solve", "small.gms", "--generate-only", "--json"], in: f.url)
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let solve = try #require((doc["solves"] as? [[String: Any]])?.first)
        #expect(solve["rows"] as? Int == 41 && solve["columns"] as? Int == 41 && solve["nonzeros"] as? Int == 81)
        #expect(solve["solverStatus"] as? Int == 12, "solve processing skipped: \(solve)")
        let seconds = try #require(solve["seconds"] as? [String: Double])
        let generation = try #require(seconds["generation"]), solver = try #require(seconds["solver"])
        let elapsed = try #require(seconds["elapsed"])
        #expect(generation > 0 && solver > 0 && elapsed >= generation + solver, "\(seconds)")
        let text = try runEnm(["solve", "small.gms", "--generate-only"], in: f.url)
        #expect(text.stdout.contains(" s since reading began"), "\(text.stdout)")
    }

    /// A model large enough to have its memory faulted in by helper threads arrives whole:
    /// generation's reserved arrays (the unused `spare(i,i)` alone reserves room for 4M
    /// columns) and GLPK's load (about 45 MB of GLPK records). The objective and row levels
    /// that GLPK computes from it depend on every bound, cost and coefficient.
    @Test func largeLoadArrivesWhole() throws {
        let model = """
        Set i / i1*i120000 /;
        Parameter c(i), lo(i);
        c(i) = 1 + mod(ord(i), 7);
        lo(i) = mod(ord(i), 3);
        Positive Variable x(i), spare(i,i); Variable z;
        Equations obj, pair(i);
        obj..                     z =e= sum(i, c(i)*x(i));
        pair(i)$(ord(i) < card(i)).. x(i) + x(i+1) =l= 10;
        x.lo(i) = lo(i);
        Model m / all /;
        solve m using lp minimizing z;
        display pair.l;
        """
        let f = try folder(["large.gms": model])
        defer { f.cleanup() }
        let run = try runEnm(["solve", "large.gms", "--json"], in: f.url)
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let solve = try #require((doc["solves"] as? [[String: Any]])?.first)
        #expect(solve["rows"] as? Int == 120_000 && solve["columns"] as? Int == 120_001)
        #expect(solve["modelStatus"] as? Int == 1 && solve["solverStatus"] as? Int == 1, "\(solve)")
        var expected = 0.0
        for k in 1...120_000 { expected += Double((1 + k % 7) * (k % 3)) }
        let objective = try #require(solve["objective"] as? Double)
        #expect(abs(objective - expected) <= 1e-9 * expected, "objective \(objective), expected \(expected)")
        let display = try #require((doc["displays"] as? [[String: Any]])?.first)
        let records = try #require(display["records"] as? [[Any]])
        #expect(records.count == 119_999)
        // pair(k) = lo(k) + lo(k + 1) at the optimum, every x at its lower bound
        var wrong = 0
        for (k, record) in records.enumerated() {
            let level = (record.last as? NSNumber)?.doubleValue ?? -1
            let lower: Int = (k + 1) % 3 + (k + 2) % 3
            if level != Double(lower) { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) row levels differ")
    }

    /// An existing file is replaced whole, and no temporary file is left behind.
    @Test func replacesAnExistingFile() throws {
        let f = try folder()
        defer { f.cleanup() }
        try "old".write(toFile: f.path("transport.lp"), atomically: true, encoding: .utf8)
        let run = try runEnm(["export", "transport.gms", "--format", "lp"], in: f.url)
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: f.path("transport.lp"), encoding: .utf8).hasPrefix("\\ Problem: transport\n"))
        #expect(f.files == ["transport.gms", "transport.lp", "transport.names.csv"])
    }

    @Test func unwritableOutputFolder() throws {
        let f = try folder()
        defer { f.cleanup() }
        var run = try runEnm(["export", "transport.gms", "--format", "mps", "--output", "missing/t.mps"], in: f.url)
        #expect(run.status == 5)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error[E5003]: cannot write 'missing/t.mps': No such file or directory"))
        #expect(run.stderr.contains("help: check that the folder 'missing' exists and is writable"))

        run = try runEnm(["export", "transport.gms", "--format", "mps", "--output", "transport.gms/t.mps"], in: f.url)
        #expect(run.status == 5)
        #expect(run.stderr.contains("error[E5003]: cannot write 'transport.gms/t.mps': Not a directory"))

        run = try runEnm(["export", "transport.gms", "--format", "lp", "--output", "."], in: f.url)
        #expect(run.status == 5)
        #expect(run.stderr.contains("error[E5003]: cannot write '.'"))

        run = try runEnm(["export", "transport.gms", "--format", "lp", "--output", "transport.gms"], in: f.url)
        #expect(run.status == 5)
        #expect(run.stderr.contains("error[E5003]: the output 'transport.gms' is the model file itself"))

        if getuid() != 0 {  // permissions do not stop root
            try FileManager.default.createDirectory(atPath: f.path("locked"), withIntermediateDirectories: true)
            chmod(f.path("locked"), 0o555)
            defer { chmod(f.path("locked"), 0o755) }
            run = try runEnm(["export", "transport.gms", "--format", "mps", "--output", "locked/t.mps"], in: f.url)
            #expect(run.status == 5)
            #expect(run.stderr.contains("Permission denied"))
        }
        #expect(f.files == ["transport.gms"] || f.files == ["locked", "transport.gms"])
    }

    @Test func modelWithoutSolve() throws {
        let f = try folder(["nosolve.gms": "Scalar a / 2 /;\ndisplay a;\n"])
        defer { f.cleanup() }
        let run = try runEnm(["export", "nosolve.gms", "--format", "mps"], in: f.url)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error[E5001]: no solve statement was reached in 'nosolve.gms'"))
        #expect(!f.files.contains("nosolve.mps"))
    }

    @Test(arguments: ExportFormat.allCases)
    func infeasibleModelStillExports(_ format: ExportFormat) throws {
        let source = """
            Positive Variable x;
            Variable z;
            Equation obj, lo, hi;
            obj.. z =e= 2*x;
            lo.. x =g= 5;
            hi.. x =l= 3;
            Model m / all /;
            solve m using lp minimizing z;
            """
        let f = try folder(["infeasible.gms": source])
        defer { f.cleanup() }
        let run = try runEnm(["export", "infeasible.gms", "--format", format.rawValue], in: f.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote infeasible.\(format.fileExtension): 3 rows, 2 columns, 4 nonzeros\nwrote infeasible.names.csv: the model's names of the file's rows and columns\n")
        let back = try #require(readBack(f.path("infeasible.\(format.fileExtension)"), format: format))
        #expect(back.infeasible)
        #expect(back.objective == nil)
    }

    @Test func nonlinearModelIsRefused() throws {
        let source = """
            Variable x, z;
            Equation obj;
            obj.. z =e= exp(x - 1) + 2;
            Model m / obj /;
            solve m using nlp minimizing z;
            """
        let f = try folder(["nlp.gms": source])
        defer { f.cleanup() }
        for format in ExportFormat.allCases {
            let run = try runEnm(["export", "nlp.gms", "--format", format.rawValue], in: f.url)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("error[E5002]: model 'm' (solved using nlp) cannot be written as MPS/LP: 'exp' is not a quadratic operation"))
        }
        #expect(f.files == ["nlp.gms", "transport.gms"])
    }

    /// A bundled NLP model is refused as well.
    @Test func bundledNonlinearModelIsRefused() throws {
        let f = try folder()
        defer { f.cleanup() }
        let hs071 = packageRoot.appendingPathComponent("Tests/LanguageTests/NLP/hs071.gms").path
        let run = try runEnm(["export", hs071, "--format", "lp", "--output", "hs071.lp"], in: f.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[E5002]"))
        #expect(!f.files.contains("hs071.lp"))
    }

    @Test func compileAndDataErrorsKeepTheirExitCodes() throws {
        let f = try folder([
            "syntax.gms": "Variable z;\nEquation obj;\nobj.. z =e= ;\n",
            "data.gms": "Scalar a / 0 /, b;\nb = 1/a;\nVariable z;\nEquation obj;\nobj.. z =e= b;\nModel m / obj /;\nsolve m using lp minimizing z;\n",
        ])
        defer { f.cleanup() }
        var run = try runEnm(["export", "syntax.gms", "--format", "mps"], in: f.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error[E0"))
        run = try runEnm(["export", "data.gms", "--format", "mps"], in: f.url)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[E4001]"))
        run = try runEnm(["export", "missing.gms", "--format", "mps"], in: f.url)
        #expect(run.status != 0)
        #expect(f.files == ["data.gms", "syntax.gms", "transport.gms"])
    }

    @Test func usageErrors() throws {
        let f = try folder()
        defer { f.cleanup() }
        for arguments in [["export", "transport.gms"], ["export", "transport.gms", "--format", "xls"],
                          ["export", "transport.gms", "--format", "lp", "stray"]] {
            let run = try runEnm(arguments, in: f.url)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stdout.isEmpty)
        }
        #expect(f.files == ["transport.gms"])
    }
}
