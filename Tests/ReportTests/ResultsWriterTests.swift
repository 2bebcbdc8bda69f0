import Diagnostics
import Foundation
import IR
import Testing
@testable import Report

/// Symbols built by hand over one label table, for the CSV layout tests.
private final class Fixture {
    let labels = LabelTable()
    var nextID = 0

    func tuple(_ names: [String]) -> LabelTuple { LabelTuple(labels: names.map { labels.intern($0) }) }

    func symbol(_ name: String, _ kind: SymbolKind, _ domain: [Symbol?]) -> Symbol {
        nextID += 1
        return Symbol(id: nextID, name: name, kind: kind, domain: domain, text: "", line: 1)
    }

    func set(_ name: String, _ members: [String], texts: [String: String] = [:]) -> Symbol {
        let s = symbol(name, .set, [nil])
        for m in members { s.setData.insert(tuple([m]), text: texts[m]) }
        return s
    }
}

/// A fresh empty folder under the temporary folder.
private func scratchFolder() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-results-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

@Suite struct ResultsWriterTests {

    @Test func numbersAndSpecialValues() {
        #expect(ResultsWriter.number(350) == "350")
        #expect(ResultsWriter.number(-2) == "-2")
        #expect(ResultsWriter.number(0) == "0")
        #expect(ResultsWriter.number(0.225) == "0.225")
        #expect(ResultsWriter.number(0.1 + 0.2) == "0.30000000000000004")
        #expect(ResultsWriter.number(1e-5) == "1e-05")
        #expect(ResultsWriter.number(1e16) == "1e+16")
        #expect(ResultsWriter.number(SpecialValue.eps) == "EPS")
        #expect(ResultsWriter.number(.infinity) == "INF")
        #expect(ResultsWriter.number(-.infinity) == "-INF")
        #expect(ResultsWriter.number(SpecialValue.na) == "NA")
        #expect(ResultsWriter.number(SpecialValue.undf) == "UNDF")
        for v in [0.1, 1.0 / 3.0, 123456.789e-200, -7.25e300] {
            #expect(Double(ResultsWriter.number(v)) == v)
        }
    }

    @Test func fieldsAreQuotedAsRFC4180Says() {
        #expect(ResultsWriter.field("seattle") == "seattle")
        #expect(ResultsWriter.field("new york") == "new york")
        #expect(ResultsWriter.field("a,b") == "\"a,b\"")
        #expect(ResultsWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ResultsWriter.field("two\nlines") == "\"two\nlines\"")
    }

    @Test func indexColumnNames() {
        #expect(ResultsWriter.indexColumns(["i", "j"], reserved: ["value"]) == ["i", "j"])
        #expect(ResultsWriter.indexColumns(["*", "*"], reserved: ["value"]) == ["dim1", "dim2"])
        #expect(ResultsWriter.indexColumns(["i", "*", "i"], reserved: ["value"]) == ["i_1", "dim2", "i_2"])
        #expect(ResultsWriter.indexColumns(["Level", "t"], reserved: ["level", "lower", "upper", "marginal"]) == ["Level_2", "t"])
        #expect(ResultsWriter.indexColumns(["i", "i_1", "i"], reserved: ["value"]) == ["i_1", "i_1_2", "i_2"])
    }

    @Test func parameterCSVListsStoredEntriesInLabelOrder() {
        let f = Fixture()
        let i = f.set("i", ["b", "a,1", "c"])
        let p = f.symbol("p", .parameter, [i, i])
        p.values[f.tuple(["c", "a,1"])] = 2.5
        p.values[f.tuple(["b", "b"])] = SpecialValue.eps
        p.values[f.tuple(["a,1", "c"])] = .infinity
        p.values[f.tuple(["b", "c"])] = SpecialValue.na
        #expect(ResultsWriter.csv(p, labels: f.labels) == """
            i_1,i_2,value
            b,b,EPS
            b,c,NA
            "a,1",c,INF
            c,"a,1",2.5

            """)
    }

    @Test func scalarParameterHasOneLineEvenWhenZero() {
        let f = Fixture()
        let s = f.symbol("s", .parameter, [])
        #expect(ResultsWriter.csv(s, labels: f.labels) == "value\n0\n")
        s.values[LabelTuple(repeating: 0)] = -4.5
        #expect(ResultsWriter.csv(s, labels: f.labels) == "value\n-4.5\n")
    }

    /// An acronym value is written by its name.
    @Test func acronymValuesByName() {
        let f = Fixture()
        let g = f.set("g", ["g1", "g2"])
        let mode = f.symbol("mode", .parameter, [g])
        mode.values[f.tuple(["g1"])] = SpecialValue.acronym(2)
        mode.values[f.tuple(["g2"])] = SpecialValue.acronym(1)
        #expect(ResultsWriter.csv(mode, labels: f.labels, acronyms: ["on", "off"]) == "g,value\ng1,off\ng2,on\n")
    }

    @Test func setCSVHasATextColumnOnlyWhenSomeMemberHasText() {
        let f = Fixture()
        let plain = f.set("i", ["x", "y"])
        #expect(ResultsWriter.csv(plain, labels: f.labels) == "dim1,value\nx,1\ny,1\n")
        let texts = f.set("k", ["p", "q"], texts: ["q": "the \"second\", really"])
        #expect(ResultsWriter.csv(texts, labels: f.labels) == "dim1,value,text\np,1,\nq,1,\"the \"\"second\"\", really\"\n")
        let sub = f.symbol("ii", .set, [plain])
        sub.setData.insert(f.tuple(["y"]))
        #expect(ResultsWriter.csv(sub, labels: f.labels) == "i,value\ny,1\n")
    }

    @Test func variableAndEquationCSV() {
        let f = Fixture()
        let i = f.set("i", ["a", "b"])
        let x = f.symbol("x", .variable, [i])
        x.records[f.tuple(["b"])] = VarRecord(level: 2, marginal: 0, lower: 0, upper: .infinity)
        x.records[f.tuple(["a"])] = VarRecord(level: 0, marginal: SpecialValue.eps, lower: 0, upper: 10)
        #expect(ResultsWriter.csv(x, labels: f.labels) == """
            i,level,lower,upper,marginal
            a,0,0,10,EPS
            b,2,0,INF,0

            """)
        let e = f.symbol("e", .equation, [i])
        e.records[f.tuple(["a"])] = VarRecord(level: 3, marginal: 1.5, lower: -.infinity, upper: 5)
        e.records[f.tuple(["b"])] = VarRecord(level: 0, marginal: 0, lower: -0.0, upper: -0.0)
        #expect(ResultsWriter.csv(e, labels: f.labels) == """
            i,level,lower,upper,marginal,slack
            a,3,-INF,5,1.5,2
            b,0,0,0,0,0

            """)
    }

    @Test func slackIsTheDistanceToTheNearerBound() {
        #expect(ResultsWriter.slack(VarRecord(level: 4, lower: 1, upper: 10)) == 3)
        #expect(ResultsWriter.slack(VarRecord(level: 4, lower: -.infinity, upper: 4.5)) == 0.5)
        #expect(ResultsWriter.slack(VarRecord(level: 4, lower: -.infinity, upper: .infinity)) == .infinity)
        #expect(ResultsWriter.slack(VarRecord(level: 5, lower: 5, upper: 5)).sign == .plus)
        #expect(ResultsWriter.slack(VarRecord(level: 6, lower: -.infinity, upper: 5)) == -1)
        #expect(SpecialValue.isNA(ResultsWriter.slack(VarRecord(level: SpecialValue.na, lower: 0, upper: 1))))
    }

    @Test func filesForDisplayedSetsAndParametersAndAllVariablesWithRecords() {
        let f = Fixture()
        let i = f.set("i", ["a"])
        let shown = f.symbol("shown", .parameter, [i])
        shown.values[f.tuple(["a"])] = 1
        let hidden = f.symbol("hidden", .parameter, [i])
        hidden.values[f.tuple(["a"])] = 1
        let x = f.symbol("x", .variable, [i])
        x.records[f.tuple(["a"])] = VarRecord(level: 1, lower: 0, upper: 1)
        let unused = f.symbol("unused", .variable, [i])
        let model = f.symbol("m", .model, [])
        let files = ResultsWriter.csvFiles(symbols: [i, shown, hidden, x, unused, model], labels: f.labels,
                                           displayed: ["SHOWN", "i"])
        #expect(files.map(\.name) == ["i.csv", "shown.csv", "x.csv"])
    }

    @Test func pathsAreTakenApartWithoutFoundation() {
        #expect(Paths.directory(of: "r") == "")
        #expect(Paths.directory(of: "r/") == "")
        #expect(Paths.directory(of: "a/b") == "a")
        #expect(Paths.directory(of: "a//b/") == "a")
        #expect(Paths.directory(of: "/a") == "/")
        #expect(Paths.directory(of: "/") == "/")
        #expect(Paths.lastComponent(of: "r") == "r")
        #expect(Paths.lastComponent(of: "a/b.csv") == "b.csv")
        #expect(Paths.lastComponent(of: "a/b/") == "b")
        #expect(Paths.join("", "x.csv") == "x.csv")
        #expect(Paths.join("d", "x.csv") == "d/x.csv")
        #expect(Paths.join("d/", "x.csv") == "d/x.csv")
    }

    @Test func writesFilesIntoANewNestedFolder() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/a/b/c"
        try ResultsWriter.write([ResultFile(name: "p.csv", contents: "value\n1\n"),
                                 ResultFile(name: "summary.json", contents: "{}\n")], to: dir)
        #expect(contents(dir + "/p.csv") == "value\n1\n")
        #expect(contents(dir + "/summary.json") == "{}\n")
        // writing again replaces the files whole, and no temporary file stays behind
        try ResultsWriter.write([ResultFile(name: "p.csv", contents: "value\n2\n")], to: dir)
        #expect(contents(dir + "/p.csv") == "value\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["p.csv", "summary.json"])
    }

    @Test func aFolderUnderARegularFileIsAnError() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/plain"
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        #expect(throws: ResultsWriteError(path: file, reason: "it exists and is not a folder")) {
            try ResultsWriter.write([ResultFile(name: "p.csv", contents: "value\n1\n")], to: file + "/out")
        }
        #expect(throws: ResultsWriteError(path: file, reason: "it exists and is not a folder")) {
            try ResultsWriter.write([ResultFile(name: "p.csv", contents: "value\n1\n")], to: file)
        }
        #expect(contents(file) == "x")
    }

    @Test func aFailedRenameLeavesTheOldFileAndNoTemporaryFile() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // the target is a non-empty folder: the temporary file is written, the rename fails
        try FileManager.default.createDirectory(atPath: root + "/x.csv/inside", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/old.csv", contents: Data("level\n1\n".utf8))
        do {
            try ResultsWriter.write([ResultFile(name: "old.csv", contents: "level\n2\n"),
                                     ResultFile(name: "x.csv", contents: String(repeating: "1,2,3\n", count: 10000))], to: root)
            Issue.record("the rename over a folder should fail")
        } catch let e as ResultsWriteError {
            #expect(e.path == root + "/x.csv")
            #expect(!e.reason.isEmpty)
        }
        // files written before the failure are whole; the failed one was never half-written
        #expect(contents(root + "/old.csv") == "level\n2\n")
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root + "/x.csv", isDirectory: &isDir) && isDir.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["old.csv", "x.csv"])
    }

    @Test func theTemporaryFileSitsNextToTheTarget() throws {
        let root = scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // a folder in the place of the temporary file makes the write fail before the target is touched
        let temp = root + "/.p.csv.tmp-\(getpid())"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/p.csv", contents: Data("old\n".utf8))
        #expect(throws: ResultsWriteError.self) {
            try ResultsWriter.writeAtomically(Array("new\n".utf8), to: root + "/p.csv")
        }
        #expect(contents(root + "/p.csv") == "old\n")
    }
}
