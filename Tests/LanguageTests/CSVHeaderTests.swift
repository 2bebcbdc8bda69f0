import Foundation
import Testing

/// A model and the files beside it, run from a fresh folder.
private func runFolder(_ model: String, files: [String: String]) throws -> Run {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    let path = dir.appendingPathComponent("model.gms")
    try model.write(to: path, atomically: true, encoding: .utf8)
    var run = runModel(path.path)
    run.diagnostics = run.diagnostics.replacingOccurrences(of: dir.path + "/", with: "")
    return run
}

private let includedLoad = """
Set t / h1*h3 /;
Parameter load(t) /
$onDelim
$include load.csv
$offDelim
/;
display load;

"""

@Suite("a CSV header line under $onDelim (E0130, W0130)")
struct CSVHeaderTests {
    @Test("a parameter file's header is E0130 at the file's first line, with both ways out")
    func parameterHeaderInIncludedFile() throws {
        let run = try runFolder(includedLoad, files: ["load.csv": "hour,kWh\nh1,3.5\nh2,4\nh3,2.5\n"])
        #expect(run.diagnostics == """
            error[E0130]: the first line of this delimited data is a header: 'kWh' is not a number
             --> load.csv:1:1
              |
            1 | hour,kWh
              | ^^^^^^^^ a header, not data
              = note: GAMS reads every line between $onDelim and $offDelim as data, the first one too
              = help: to skip it, make it a comment: '*' in column 1 of the file ('*hour,kWh')
              = help: to use it, read the file into a table: 'Table d(t,*)' under $onDelim takes its first line as the column labels

            """)
        #expect(run.result.exitCode.rawValue == 1)
    }

    @Test("a header made a comment with '*' is skipped and the data are read")
    func commentedHeader() throws {
        let run = try runFolder(includedLoad, files: ["load.csv": "*hour,kWh\nh1,3.5\nh2,4\nh3,2.5\n"])
        #expect(run.diagnostics == "")
        #expect(run.records("load") == [["h1"]: 3.5, ["h2"]: 4, ["h3"]: 2.5])
    }

    @Test("a table under $onDelim uses the header as its column labels")
    func headerAsTableColumns() throws {
        let model = """
            Set t / h1*h2 /;
            Table hourly(t,*)
            $onDelim
            $include hourly.csv
            $offDelim
            ;
            Parameter pv(t);
            pv(t) = hourly(t,'pv');
            display pv;

            """
        let run = try runFolder(model, files: ["hourly.csv": "hour,load,pv\nh1,3.5,0.5\nh2,4,1.25\n"])
        #expect(run.diagnostics == "")
        #expect(run.records("pv") == [["h1"]: 0.5, ["h2"]: 1.25])
    }

    @Test("a header inside the model's own $onDelim block is E0130 there")
    func inlineHeader() {
        let run = runSource("Set t / t1*t2 /;\nParameter p(t) /\n$onDelim\nt,value\nt1,1\nt2,2\n$offDelim\n/;\n")
        #expect(run.diagnostics.hasPrefix("error[E0130]: the first line of this delimited data is a header: 'value' is not a number\n --> model.gms:4:1\n"))
    }

    @Test("a label where a value belongs after the first line stays E3001")
    func laterLineIsNoHeader() {
        let run = runSource("Set t / t1*t2 /;\nParameter p(t) /\n$onDelim\nt1,1\nt2,x\n$offDelim\n/;\n")
        #expect(run.diagnostics.contains("error[E3001]: expected a number, found 'x'"))
        #expect(!run.diagnostics.contains("E0130"))
    }

    @Test("a set file whose first line names the set warns W0130 and keeps the line as a member, as GAMS does")
    func setHeader() throws {
        let model = "Set t /\n$onDelim\n$include t.csv\n$offDelim\n/;\ndisplay t;\n"
        let run = try runFolder(model, files: ["t.csv": "t\nh1\nh2\n"])
        #expect(run.diagnostics == """
            warning[W0130]: the first line of this delimited data looks like a header: 't' names the set or its domain
             --> t.csv:1:1
              |
            1 | t
              | ^ read as a member, as GAMS does
              = note: GAMS reads every line between $onDelim and $offDelim as data, the first one too
              = help: to skip it, make it a comment: '*' in column 1 of the file ('*t')

            """)
        #expect(run.records("t").keys.map { $0[0] }.sorted() == ["h1", "h2", "t"])
        #expect(run.result.exitCode.rawValue == 0)
    }

    @Test("a set file without a header gives no warning")
    func setWithoutHeader() throws {
        let run = try runFolder("Set t /\n$onDelim\n$include t.csv\n$offDelim\n/;\ndisplay t;\n", files: ["t.csv": "h1\nh2\n"])
        #expect(run.diagnostics == "")
    }
}
