import Foundation
import Testing
@testable import GDX

@Suite struct GDXRoundTripTests {
    @Test func encodedFileDecodesToTheSameSymbols() throws {
        let f = sampleFile()
        let back = try GDXReader.decode(GDXWriter.encode(f))
        #expect(back.producer == "enm tests")
        #expect(back.uels == f.uels)
        #expect(back.setTexts == f.setTexts)
        #expect(back.symbols.map(\.name) == f.symbols.map(\.name))
        for (a, b) in zip(back.symbols, f.symbols) {
            #expect(a.kind == b.kind)
            #expect(a.domain == b.domain, "\(a.name)")
            #expect(a.text == (b.kind == .alias ? "Aliased with j" : b.text))
            #expect(a.variableType == b.variableType)
            #expect(a.equationType == b.equationType)
            #expect(a.aliasTarget == b.aliasTarget)
            #expect(a.comments == b.comments)
            #expect(a.records == b.records.sorted { $0.keys.lexicographicallyPrecedes($1.keys) }, "\(a.name)")
        }
    }

    @Test func duplicateKeysKeepTheFirstRecord() throws {
        var f = GDXFile()
        let a = f.intern("a")
        f.symbols.append(GDXSymbol(name: "p", kind: .parameter, domain: ["*"],
                                   records: [GDXRecord(keys: [a], values: [.number(1)]), GDXRecord(keys: [a], values: [.number(2)])]))
        let back = try GDXReader.decode(GDXWriter.encode(f))
        #expect(back.symbols[0].records == [GDXRecord(keys: [a], values: [.number(1)])])
    }

    @Test func largeKeyRangesUseWiderKeys() throws {
        var f = GDXFile()
        for k in 1...70_000 { f.intern("e\(k)") }
        f.symbols.append(GDXSymbol(name: "p", kind: .parameter, domain: ["*", "*"],
                                   records: [GDXRecord(keys: [1, 1], values: [.number(1)]),
                                             GDXRecord(keys: [1, 300], values: [.number(2)]),
                                             GDXRecord(keys: [2, 70_000], values: [.number(0.5)]),
                                             GDXRecord(keys: [70_000, 2], values: [.number(-1)])]))
        let back = try GDXReader.decode(GDXWriter.encode(f))
        #expect(back.symbols[0].records == f.symbols[0].records)
    }

    @Test func labelsAreInternedCaseInsensitively() {
        var f = GDXFile()
        #expect(f.intern("Seattle") == 1)
        #expect(f.intern("SEATTLE") == 1)
        #expect(f.uels == ["Seattle"])
    }

    @Test func writesAtomicallyAndReportsAnUnwritableFolder() throws {
        let path = temporaryGDXPath("atomic")
        try GDXWriter.write(sampleFile(), to: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        #expect(try GDXReader.read(path: path).symbols.count == sampleFile().symbols.count)
        #expect(throws: GDXError.self) { try GDXWriter.write(sampleFile(), to: "/nonexistent-folder/x.gdx") }
    }

    @Test func rejectsDataAGDXFileCannotHold() {
        var f = GDXFile()
        f.symbols.append(GDXSymbol(name: "p", kind: .parameter, domain: ["*"],
                                   records: [GDXRecord(keys: [3], values: [.number(1)])]))
        #expect(throws: GDXError(.invalidData, "a record of 'p' refers to a label that is not in the file's label list")) {
            try GDXWriter.encode(f)
        }
    }
}

@Suite struct GDXDamagedFileTests {
    @Test func everyTruncationIsAnErrorNotATrap() throws {
        let bytes = try GDXWriter.encode(sampleFile())
        for n in 0..<bytes.count {
            #expect(throws: GDXError.self) { try GDXReader.decode(Array(bytes[0..<n])) }
        }
    }

    @Test func flippedBytesNeverTrapOrHang() throws {
        let bytes = try GDXWriter.encode(sampleFile())
        var seed: UInt64 = 0x9E37_79B9
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<3 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                damaged[Int(seed >> 33) % damaged.count] = UInt8(truncatingIfNeeded: seed >> 17)
            }
            _ = try? GDXReader.decode(damaged)
        }
    }

    @Test func foreignFilesAreNamedAsSuch() {
        #expect(throws: GDXError(.notGDX, "not a GDX file (it does not start with the GDX header)")) {
            try GDXReader.decode(Array("Set i / a, b /;\n".utf8))
        }
        #expect(throws: GDXError(.unreadable, "cannot read '/nonexistent/x.gdx': no such file")) {
            try GDXReader.read(path: "/nonexistent/x.gdx")
        }
    }

    @Test func unsupportedVersionsAreNamed() throws {
        var bytes = try GDXWriter.encode(sampleFile())
        // the version follows the preamble (17 bytes), the header byte and "GAMSGDX" (8 bytes)
        bytes[26] = 9
        #expect(throws: GDXError(.unsupported, "GDX format version 9 is not supported (versions 6 and 7 are)")) {
            try GDXReader.decode(bytes)
        }
    }
}
