import Driver
import Foundation
import Testing
@testable import GDX

/// enm's GDX files read by GAMS's own GDX library, and files that library writes read by enm.
@Suite(.enabled(if: referencePython != nil, "ENM_GDX_PYTHON is not set: GAMS's GDX library (PyPI gamsapi, gams-gdxgmd) is not installed; scripts/test.sh installs it"))
struct GDXReferenceTests {
    private func symbol(_ json: [String: Any], _ name: String) throws -> [String: Any] {
        let symbols = try #require(json["symbols"] as? [[String: Any]])
        return try #require(symbols.first { $0["name"] as? String == name })
    }

    private func records(_ s: [String: Any]) -> [String: [Any]] {
        var out: [String: [Any]] = [:]
        for r in s["records"] as? [[String: Any]] ?? [] {
            let keys = (r["keys"] as? [String] ?? []).joined(separator: ".")
            out[keys] = r["values"] as? [Any] ?? []
            if let t = r["text"] { out[keys + "#text"] = [t] }
        }
        return out
    }

    /// A model's `execute_unload` writes a file GAMS's library reads: levels, marginals and
    /// bounds of a solved LP, and the data it was solved with.
    @Test func gamsLibraryReadsAModelsExecuteUnload() throws {
        let gdx = temporaryGDXPath("unloaded")
        let model = (gdx as NSString).deletingLastPathComponent + "/unload-\(UUID().uuidString).gms"
        try """
        Set i / a, b /;
        Parameter c(i) 'cost' / a 1, b 2 /;
        Positive Variable x(i);
        Variable z;
        Equation obj, need;
        obj.. z =e= sum(i, c(i)*x(i));
        need.. sum(i, x(i)) =g= 3;
        x.up(i) = 2;
        Model m / all /;
        solve m using lp minimizing z;
        execute_unload '\(gdx)', c, x, need;
        """.write(toFile: model, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: model) }
        #expect(Driver.run(path: model).exitCode.rawValue == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: runReference(["read", gdx])) as? [String: Any])
        #expect(records(try symbol(json, "c"))["b"]?.first as? Double == 2)
        let x = records(try symbol(json, "x"))
        // x(a) = 2 at its upper bound (marginal -1: cheaper than the row's price 2), x(b) = 1 basic
        #expect(x["a"]?[0] as? Double == 2 && x["a"]?[1] as? Double == -1 && x["a"]?[3] as? Double == 2)
        #expect(x["b"]?[0] as? Double == 1 && x["b"]?[1] as? Double == 0)
        let need = records(try symbol(json, "need"))
        #expect(need[""]?[0] as? Double == 3 && need[""]?[1] as? Double == 2 && need[""]?[2] as? Double == 3)
    }

    @Test func gamsLibraryReadsWhatEnmWrites() throws {
        let path = temporaryGDXPath("enm-written")
        try GDXWriter.write(sampleFile(), to: path)
        let json = try #require(try JSONSerialization.jsonObject(with: runReference(["read", path])) as? [String: Any])
        #expect(json["producer"] as? String == "enm tests")
        #expect(json["uels"] as? [String] == ["seattle", "san-diego", "new-york", "chicago", "topeka"])

        let i = try symbol(json, "i")
        #expect(i["kind"] as? String == "set" && i["text"] as? String == "canning plants")
        #expect(records(i)["san-diego#text"]?.first as? String == "the big one")
        let route = try symbol(json, "route")
        #expect(route["domain"] as? [String] == ["i", "j"] && route["domainKind"] as? Int == 3)
        #expect(records(route)["seattle.new-york#text"]?.first as? String == "has, comma")
        let jj = try symbol(json, "jj")
        #expect(jj["kind"] as? String == "alias" && jj["user"] as? Int == 2 && jj["text"] as? String == "Aliased with j")

        let d = records(try symbol(json, "d"))
        #expect(d["seattle.new-york"]?.first as? Double == 2.5)
        #expect(d["seattle.chicago"]?.first as? String == "EPS")
        #expect(d["san-diego.new-york"]?.first as? String == "NA")
        #expect(d["san-diego.topeka"]?.first as? String == "+INF")
        #expect(d["san-diego.chicago"]?.first as? String == "-INF")
        #expect(d["seattle.topeka"]?.first as? String == "UNDF")
        #expect(records(try symbol(json, "f"))[""]?.first as? Double == 90)

        let cube = try symbol(json, "cube")
        #expect(cube["domain"] as? [String] == ["i", "k", "*"] && cube["domainKind"] as? Int == 2)
        #expect(records(cube)["san-diego.topeka.new-york"]?.first as? Double == -1.25e-7)
        #expect(records(cube)["seattle.chicago.chicago"]?.first as? Double == 1e15)

        let x = try symbol(json, "x")
        #expect(x["user"] as? Int == 3)
        let xr = records(x)
        #expect(xr["san-diego.topeka"]?[0] as? Double == 275)
        #expect(xr["san-diego.topeka"]?[1] as? String == "EPS")
        #expect(xr["san-diego.topeka"]?[3] as? Double == 1000)
        #expect(xr["seattle.chicago"]?[3] as? String == "+INF")
        let supply = try symbol(json, "supply")
        #expect(supply["user"] as? Int == 55)
        let s = records(supply)["seattle"] ?? []
        #expect(s.count == 5 && s[0] as? Double == 350 && s[1] as? Double == 0.5 && s[2] as? String == "-INF" && s[4] as? Double == 1)
        #expect(records(try symbol(json, "z"))[""]?[0] as? Double == 153.675)
        #expect((try symbol(json, "empty"))["records"] as? [Any] != nil)
    }

    @Test(arguments: [false, true])
    func enmReadsWhatTheGamsLibraryWrites(compressed: Bool) throws {
        let path = temporaryGDXPath(compressed ? "reference-compressed" : "reference")
        _ = try runReference(["write", path] + (compressed ? ["compress"] : []))
        let f = try GDXReader.read(path: path)
        #expect(f.producer == "reference writer")
        #expect(f.uels == ["seattle", "san-diego", "new-york", "chicago", "topeka"])
        #expect(f.symbols.map(\.name) == ["i", "j", "jj", "d", "f", "x", "supply", "z"])

        let j = try #require(f.symbol(named: "j"))
        #expect(f.setText(j.records[0].textIndex) == "the big one")
        #expect(j.records.map { f.uel($0.keys[0]) } == ["new-york", "chicago", "topeka"])
        #expect(f.symbol(named: "jj")?.kind == .alias && f.symbol(named: "jj")?.aliasTarget == "j")

        let d = try #require(f.symbol(named: "d"))
        #expect(d.domain == ["i", "j"] && d.text == "distance")
        var values: [String: GDXValue] = [:]
        for r in d.records { values[r.keys.map { f.uel($0) }.joined(separator: ".")] = r.values[0] }
        #expect(values == ["seattle.new-york": .number(2.5), "seattle.chicago": .epsilon, "seattle.topeka": .number(-1.25e-7),
                           "san-diego.new-york": .notAvailable, "san-diego.topeka": .positiveInfinity])
        #expect(f.symbol(named: "f")?.records == [GDXRecord(keys: [], values: [.number(90)])])

        let x = try #require(f.symbol(named: "x"))
        #expect(x.variableType == .positive)
        #expect(x.records.map(\.values) == [[.number(300), .number(0), .number(0), .positiveInfinity, .number(1)],
                                            [.number(275), .epsilon, .number(0), .number(1000), .number(1)]])
        let supply = try #require(f.symbol(named: "supply"))
        #expect(supply.equationType == .less && supply.domain == ["i"])
        #expect(supply.records[0].values == [.number(350), .number(0.5), .negativeInfinity, .number(350), .number(1)])
        #expect(f.symbol(named: "z")?.records[0].values[0] == .number(153.675))
    }
}
