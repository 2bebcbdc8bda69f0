import Driver
import Foundation
import GDX
import GDXBridge
import IR
import Semantics
import Testing

/// Runs GAMS source text and returns its program (symbols with their final data).
private func run(_ source: String) throws -> Program {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-gdxbridge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("model.gms").path
    try source.write(toFile: path, atomically: true, encoding: .utf8)
    let result = Driver.run(path: path)
    #expect(result.diagnostics.isEmpty, "\(Driver.renderDiagnostics(result.diagnostics))")
    return try #require(result.program)
}

private let transport = """
    Set i 'canning plants' / seattle 'the big one', san-diego /
        j 'markets' / new-york, chicago, topeka /;
    Alias (j, jj);
    Set route(i,j) / seattle.new-york, san-diego.topeka /;
    Parameter a(i) / seattle 350, san-diego 600 /
              b(j) / new-york 325, chicago 300, topeka 275 /
              odd(j) / new-york eps, chicago na, topeka +inf /;
    Table d(i,j) 'distance'
                 new-york  chicago  topeka
       seattle      2.5      1.7     1.8
       san-diego    2.5      1.8     1.4;
    Scalar f / 90 /;
    Parameter c(i,j);
    c(i,j) = f*d(i,j)/1000;
    Positive Variable x(i,j);
    Variable z;
    Equation cost, supply(i), demand(j);
    cost.. z =e= sum((i,j), c(i,j)*x(i,j));
    supply(i).. sum(j, x(i,j)) =l= a(i);
    demand(j).. sum(i, x(i,j)) =g= b(j);
    x.up('seattle','chicago') = 1000;
    Model m / all /;
    solve m using lp minimizing z;
    """

@Suite struct GDXBridgeTests {
    @Test func compiledSymbolsComeBackIdentical() throws {
        let program = try run(transport)
        let file = Driver.gdxFile(program)
        let labels = LabelTable()
        let back = try GDXBridge.importSymbols(GDXReader.decode(GDXWriter.encode(file)), labels: labels)
        let original = program.symbols.filter { $0.kind != .model }
        #expect(back.symbols.map(\.name) == original.map(\.name))
        let name = { (t: LabelTuple, d: Int, table: LabelTable) in t.labels(d).map { table.name($0) } }
        for (a, b) in zip(back.symbols, original) {
            #expect(a.kind == b.kind, "\(a.name)")
            #expect(a.domainNames == b.domainNames, "\(a.name)")
            #expect(a.text == b.text, "\(a.name)")
            #expect((a.aliasOf?.name) == (b.aliasOf?.name), "\(a.name)")
            let members = { (s: Symbol, t: LabelTable) in s.setData.sorted.map { name($0, s.dimension, t) + [s.setData.texts[$0] ?? ""] } }
            #expect(members(a, labels) == members(b, program.labels), "\(a.name)")
            let values = { (s: Symbol, t: LabelTable) in
                Dictionary(uniqueKeysWithValues: s.values.map { (name($0.key, s.dimension, t), $0.value.bitPattern) })
            }
            #expect(values(a, labels) == values(b, program.labels), "\(a.name)")
            let records = { (s: Symbol, t: LabelTable) in
                Dictionary(uniqueKeysWithValues: s.records.map { r in
                    (name(r.key, s.dimension, t), [r.value.level, r.value.marginal, r.value.lower, r.value.upper, r.value.scale].map(\.bitPattern))
                })
            }
            #expect(records(a, labels) == records(b, program.labels), "\(a.name)")
            #expect(a.variableKind == b.variableKind, "\(a.name)")
        }
        #expect(back.equationTypes == ["cost": .equal, "supply": .less, "demand": .greater])
        let odd = try #require(back.symbols.first { $0.name == "odd" })
        #expect(odd.values.values.contains { SpecialValue.isEps($0) } && odd.values.values.contains { SpecialValue.isNA($0) })
        #expect(abs((back.symbols.first { $0.name == "z" }?.records.values.first?.level ?? 0) - 153.675) < 1e-9)
    }

    @Test func exportKeepsGamsLabelOrderAndNamedSymbolsOnly() throws {
        let program = try run(transport)
        let file = Driver.gdxFile(program, names: ["d", "x"])
        #expect(file.symbols.map(\.name) == ["d", "x"])
        #expect(file.uels == ["seattle", "san-diego", "new-york", "chicago", "topeka"])
        #expect(file.symbol(named: "x")?.variableType == .positive)
    }

    @Test func dumpCommandExitCodes() throws {
        let missing = Driver.gdxDump(path: "/nonexistent/none.gdx")
        #expect(missing.exitCode == 5 && missing.diagnostics.map(\.code) == ["E6003"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enm-not-gdx-\(UUID().uuidString).gdx").path
        try "Set i / a /;".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let foreign = Driver.gdxDump(path: path)
        #expect(foreign.exitCode == 2 && foreign.diagnostics.map(\.code) == ["E3031"])
        let program = try run(transport)
        let gdx = path + ".ok.gdx"
        try GDXWriter.write(Driver.gdxFile(program, names: ["f", "a"]), to: gdx)
        defer { try? FileManager.default.removeItem(atPath: gdx) }
        let ok = Driver.gdxDump(path: gdx)
        #expect(ok.exitCode == 0)
        #expect(ok.text == "$onEmpty\n\nParameter a(i) /\n'seattle' 350,\n'san-diego' 600 /;\n\nScalar f / 90 /;\n\n$offEmpty\n")
    }
}
