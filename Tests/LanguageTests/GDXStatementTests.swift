import Diagnostics
import Driver
import Syntax
import Foundation
import Testing

// `execute_unload`, `execute_load` and `execute_loadpoint`: results written to GDX files during a
// run and data read back from them, with GAMS's semantics (GAMS User's Guide, "GDX facilities").

@Suite struct GDXStatementTests {
    /// A folder of its own for each test (files written by one run are read by the next).
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("enm-gdx-\(UUID().uuidString)")
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }

        /// Writes `source` as `name` and runs it.
        func run(_ name: String, _ source: String) -> Run {
            let file = url.appendingPathComponent(name)
            try? source.write(to: file, atomically: true, encoding: .utf8)
            var run = runModel(file.path)
            run.diagnostics = run.diagnostics.replacingOccurrences(of: url.path + "/", with: "")
            return run
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    static let transport = """
    Set i 'plants' / seattle, san-diego /, j 'markets' / new-york, chicago, topeka /;
    Parameter a(i) / seattle 350, san-diego 600 /, b(j) / new-york 325, chicago 300, topeka 275 /;
    Table d(i,j) 'distance'
                  new-york   chicago   topeka
      seattle        2.5       1.7       1.8
      san-diego      2.5       1.8       1.4 ;
    Positive Variable x(i,j);
    Variable z;
    Equation cost, supply(i), demand(j);
    cost..      z =e= sum((i,j), 90*d(i,j)/1000*x(i,j));
    supply(i).. sum(j, x(i,j)) =l= a(i);
    demand(j).. sum(i, x(i,j)) =g= b(j);
    Model transport / all /;
    solve transport using lp minimizing z;

    """

    /// Results unloaded by one run are loaded by the next, values and marginals intact.
    @Test func unloadThenLoadInAnotherRun() throws {
        let folder = Folder()
        let first = folder.run("solve.gms", Self.transport + "execute_unload 'results.gdx', x, demand, d, i;\ndisplay x.l, demand.m;\n")
        expectClean(first)
        #expect(FileManager.default.fileExists(atPath: folder.path("results.gdx")))
        let second = folder.run("report.gms", """
        Set i, j;
        Parameter d(i,j);
        Positive Variable x(i,j);
        Equation demand(j);
        Set i / seattle, san-diego /, j / new-york, chicago, topeka /;
        execute_load 'results' d, x, demand;
        Parameter shipped(i);
        shipped(i) = sum(j, x.l(i,j));
        display shipped, x.l, demand.m, d;
        """)
        expectClean(second)
        #expect(second.records("shipped") == [["seattle"]: 350, ["san-diego"]: 550])
        #expect(second.records("x", "l") == first.records("x", "l") && first.records("x", "l").count == 4)
        #expect(displayed(second, "demand", ["new-york"], "m") == displayed(first, "demand", ["new-york"], "m"))
        #expect(displayed(second, "d", ["san-diego", "topeka"]) == 1.4)
    }

    /// `execute_unload` without names writes every symbol; the file is read by enm's GDX reader
    /// the way GAMS's gdxdump shows it.
    @Test func unloadWithoutNamesWritesEverySymbol() throws {
        let folder = Folder()
        let run = folder.run("all.gms", Self.transport + "execute_unload 'all';\n")
        expectClean(run)
        let dump = Driver.gdxDump(path: folder.path("all.gdx"))
        #expect(dump.exitCode == 0)
        for declaration in ["Set i(*) plants /", "Parameter d(i,j) distance /", "positive Variable x(i,j) /",
                            "free     Variable z /", "Equation supply(i) /"] {
            #expect(dump.text.contains(declaration), "missing \(declaration) in\n\(dump.text)")
        }
    }

    /// `execute_loadpoint` merges levels and marginals and keeps the bounds.
    @Test func loadPointKeepsBounds() {
        let folder = Folder()
        expectClean(folder.run("solve.gms", Self.transport + "execute_unload 'point', x;\n"))
        let run = folder.run("start.gms", """
        Set i / seattle, san-diego /, j / new-york, chicago, topeka /;
        Positive Variable x(i,j);
        x.up(i,j) = 1000;
        execute_loadpoint 'point', x;
        display x.l, x.up;
        """)
        expectClean(run)
        #expect(displayed(run, "x", ["seattle", "chicago"], "l") == 300)
        #expect(displayed(run, "x", ["seattle", "chicago"], "up") == 1000)
    }

    @Test func loadingWhatTheFileDoesNotHoldIsAnError() {
        let folder = Folder()
        expectClean(folder.run("solve.gms", Self.transport + "execute_unload 'results', x, b;\n"))
        let run = folder.run("bad.gms", """
        Set j / new-york, chicago /;
        Parameter b(j), c(j);
        execute_load 'results' b;
        execute_load 'results' c;
        execute_load 'missing' b;
        """)
        #expect(run.result.diagnostics.map(\.code) == ["E4033", "E4032", "E6003"])
        #expect(run.diagnostics.contains("error[E4033]: execute_load: 'b(topeka)' of '"))
        #expect(run.diagnostics.contains("results.gdx': 'topeka' is not in set 'j'"))
        #expect(run.result.exitCode.rawValue == 2)
    }

    @Test func loadPointTakesVariablesAndEquationsOnly() {
        let run = runSource("""
        Parameter p;
        execute_loadpoint 'x' p;
        """)
        #expect(run.result.diagnostics.map(\.code) == ["E2042"])
    }

    /// `$gdxIn`/`$load` read data while the model compiles: bare declarations take the file's
    /// dimension, `x=y` renames, `$loadDC` checks domains, `$load` drops what lies outside.
    @Test func compileTimeLoad() {
        let folder = Folder()
        expectClean(folder.run("solve.gms", Self.transport + "execute_unload 'data', i, j, a, b, d, x;\n"))
        let run = folder.run("reuse.gms", """
        Set i, j;
        Parameter cap(i), dem, dist(i,j);
        $gdxIn data
        $load i j
        $load cap=a dem=b dist=d
        $gdxIn
        Scalar total;
        total = sum(j, dem(j)) - sum(i, cap(i));
        display total, dist;
        """)
        expectClean(run)
        #expect(displayed(run, "total") == 900 - 950)
        #expect(displayed(run, "dist", ["san-diego", "topeka"]) == 1.4)
        let partial = folder.run("partial.gms", """
        Set j / new-york, chicago /;
        Parameter b(j), b2(j);
        $gdxIn data.gdx
        $load b
        $loadDC b2=b
        display b;
        """)
        #expect(partial.result.diagnostics.map(\.code) == ["W3032", "E3033"])
        #expect(partial.diagnostics.contains("warning[W3032]: 1 record of 'b' in 'data.gdx' lies outside the domain of 'b' and was not loaded: 'topeka' is not in set 'j'"))
        let missing = folder.run("missing.gms", """
        Parameter q;
        $load q
        $gdxIn data
        $load q
        $gdxIn nothing
        """)
        #expect(missing.result.diagnostics.map(\.code) == ["E3034", "E3032", "E6003"])
    }

    /// `enm check` reads the model and runs its data statements, but writes no file and runs
    /// no command.
    @Test func checkWritesNoGDXFile() {
        let folder = Folder()
        let file = folder.path("check.gms")
        try? "Set i / a /;\nParameter p(i) / a 1 /;\nexecute_unload 'checked', p;\nexecute 'touch ran';\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let result = Driver.run(path: file, options: RunOptions(mode: .check, preprocessing: PreprocessorSettings(allowShell: true)))
        #expect(result.exitCode.rawValue == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path("checked.gdx")))
        #expect(!FileManager.default.fileExists(atPath: folder.path("ran")))
        // the same file solved writes both
        #expect(Driver.run(path: file, options: RunOptions(preprocessing: PreprocessorSettings(allowShell: true))).exitCode.rawValue == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("checked.gdx")))
        #expect(FileManager.default.fileExists(atPath: folder.path("ran")))
    }

    /// `$gdxOut`/`$unload` write the data as compiled at that line (before any assignment runs).
    @Test func compileTimeUnload() {
        let folder = Folder()
        let run = folder.run("write.gms", """
        Set i / a, b /;
        Parameter p(i) / a 1, b 2 /;
        p(i) = 10*p(i);
        $gdxOut compiled
        $unload i p
        $gdxOut
        $unload p
        """)
        #expect(run.result.diagnostics.map(\.code) == ["E3034"])
        let dump = Driver.gdxDump(path: folder.path("compiled.gdx"))
        #expect(dump.exitCode == 0)
        #expect(dump.text.contains("'a' 1,"), "\(dump.text)")
        #expect(dump.text.contains("'b' 2 /;"), "\(dump.text)")
    }

    /// One naming rule for every GDX statement: `\\` separates folders, `.gdx` is added when the
    /// file name (not a folder in front of it) has no extension.
    @Test func gdxFileNames() {
        #expect(Paths.gdxFileName("results") == "results.gdx")
        #expect(Paths.gdxFileName("../data") == "../data.gdx")
        #expect(Paths.gdxFileName("run.v2/out") == "run.v2/out.gdx")
        #expect(Paths.gdxFileName("out\\point.gdx") == "out/point.gdx")
        #expect(Paths.gdxFileName("data.GDX") == "data.GDX")
    }
}
