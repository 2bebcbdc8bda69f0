import Foundation
@testable import GDX

/// The Python with GAMS's GDX library (PyPI gamsapi and gams-gdxgmd) that scripts/test.sh
/// installs in .build/gdx-venv, or nil when there is none.
let referencePython: String? = {
    guard let p = ProcessInfo.processInfo.environment["ENM_GDX_PYTHON"], FileManager.default.isExecutableFile(atPath: p) else {
        return nil
    }
    return p
}()

let referenceScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("gdx_reference.py").path

/// Runs the reference script; returns its standard output, failing on a non-zero exit.
func runReference(_ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: referencePython!)
    process.arguments = [referenceScript] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw GDXError(.unreadable, "reference script failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return data
}

/// A fresh temporary file path ending in .gdx.
func temporaryGDXPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-gdx-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name + ".gdx").path
}

/// A file with every symbol kind, special values, element texts, multi-dimensional
/// records, a regular and a relaxed domain, comments and an alias.
func sampleFile() -> GDXFile {
    var f = GDXFile(producer: "enm tests")
    let sea = f.intern("seattle"), sd = f.intern("san-diego")
    let ny = f.intern("new-york"), chi = f.intern("chicago"), top = f.intern("topeka")
    let big = f.addSetText("the big one")
    let quoted = f.addSetText("has, comma")
    f.symbols.append(GDXSymbol(name: "i", kind: .set, domain: ["*"], text: "canning plants",
                               records: [GDXRecord(keys: [sea], values: [.number(0)]),
                                         GDXRecord(keys: [sd], values: [.number(Double(big))])]))
    f.symbols.append(GDXSymbol(name: "j", kind: .set, domain: ["*"], text: "markets",
                               records: [ny, chi, top].map { GDXRecord(keys: [$0], values: [.number(0)]) }))
    f.symbols.append(GDXSymbol(name: "jj", kind: .alias, domain: ["*"], aliasTarget: "j"))
    f.symbols.append(GDXSymbol(name: "route", kind: .set, domain: ["i", "j"], text: "open routes",
                               records: [GDXRecord(keys: [sea, ny], values: [.number(Double(quoted))]),
                                         GDXRecord(keys: [sd, top], values: [.number(0)])]))
    f.symbols.append(GDXSymbol(name: "d", kind: .parameter, domain: ["i", "j"], text: "distance in thousands of miles",
                               records: [GDXRecord(keys: [sea, ny], values: [.number(2.5)]),
                                         GDXRecord(keys: [sea, chi], values: [.epsilon]),
                                         GDXRecord(keys: [sd, ny], values: [.notAvailable]),
                                         GDXRecord(keys: [sd, top], values: [.positiveInfinity]),
                                         GDXRecord(keys: [sd, chi], values: [.negativeInfinity]),
                                         GDXRecord(keys: [sea, top], values: [.undefined])],
                               comments: ["from the transport model"]))
    f.symbols.append(GDXSymbol(name: "f", kind: .parameter, domain: [], text: "freight in dollars per case",
                               records: [GDXRecord(keys: [], values: [.number(90)])]))
    f.symbols.append(GDXSymbol(name: "cube", kind: .parameter, domain: ["i", "k", "*"], text: "relaxed domain",
                               records: [GDXRecord(keys: [sd, top, ny], values: [.number(-1.25e-7)]),
                                         GDXRecord(keys: [sea, chi, chi], values: [.number(1e15)])]))
    f.symbols.append(GDXSymbol(name: "x", kind: .variable, domain: ["i", "j"], text: "shipment quantities in cases",
                               variableType: .positive,
                               records: [GDXRecord(keys: [sea, chi], values: [.number(300), .number(0), .number(0), .positiveInfinity, .number(1)]),
                                         GDXRecord(keys: [sd, top], values: [.number(275), .epsilon, .number(0), .number(1000), .number(1)])]))
    f.symbols.append(GDXSymbol(name: "z", kind: .variable, domain: [], text: "total transportation costs",
                               variableType: .free,
                               records: [GDXRecord(keys: [], values: [.number(153.675), .number(0), .negativeInfinity, .positiveInfinity, .number(1)])]))
    f.symbols.append(GDXSymbol(name: "supply", kind: .equation, domain: ["i"], text: "observe supply limit at plant i",
                               equationType: .less,
                               records: [GDXRecord(keys: [sea], values: [.number(350), .number(0.5), .negativeInfinity, .number(350), .number(1)])]))
    f.symbols.append(GDXSymbol(name: "empty", kind: .parameter, domain: ["j"], text: ""))
    return f
}
