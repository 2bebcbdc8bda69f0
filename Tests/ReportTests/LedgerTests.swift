import Foundation
import Testing
@testable import Report

/// A fresh ledger path in a new temporary folder, and the folder.
private func scratchLedger() -> (path: String, folder: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-ledger-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return (dir + "/runs.jsonl", dir)
}

private func entry(_ n: Int, objective: Double? = 153.675) -> LedgerEntry {
    LedgerEntry(time: "2026-01-0\(n)T10:00:00Z", file: "/models/transport.enm", fileSHA256: String(repeating: "a", count: 64),
                includes: [(path: "/models/data.inc", sha256: String(repeating: "b", count: 64))],
                switches: ["cap": "\(n)", "Alpha": "x,\"y\""],
                solves: [LedgerSolve(model: "transport", type: "lp", modelStatus: 1, solverStatus: 1, objective: objective)],
                exitCode: 0)
}

/// Lines of a ledger's text, each without its line end.
private func lines(_ path: String) -> [String] {
    let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
}

@Suite struct LedgerSHA256Tests {

    @Test func fipsVectors() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundaries() {
        let expected = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
            119: "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
            120: "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
            128: "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e",
        ]
        for (n, hex) in expected {
            #expect(SHA256.hex([UInt8](repeating: 0x61, count: n)) == hex, "length \(n)")
        }
    }

    @Test func piecewiseUpdatesGiveTheSameDigest() {
        let message = (0..<3).flatMap { _ in (0...255).map { UInt8($0) } }
        for piece in [1, 3, 63, 64, 65, 200] {
            var h = SHA256()
            var start = 0
            while start < message.count {
                let end = min(message.count, start + piece)
                h.update(Array(message[start..<end]))
                start = end
            }
            #expect(SHA256.hexString(h.finalize()) == "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363", "pieces of \(piece)")
        }
    }
}

@Suite struct LedgerTests {

    @Test func recordLayoutAndHash() {
        let line = RunLedger.line(entry(1), seq: 1, prev: RunLedger.zeroHash)
        let suffixStart = line.range(of: ",\"hash\":\"")!.lowerBound
        let body = String(line[..<suffixStart]) + "}"
        #expect(body == """
            {"seq":1,"time":"2026-01-01T10:00:00Z","file":"/models/transport.enm","fileSHA256":"\(String(repeating: "a", count: 64))",\
            "includes":[{"path":"/models/data.inc","sha256":"\(String(repeating: "b", count: 64))"}],\
            "switches":{"Alpha":"x,\\"y\\"","cap":"1"},\
            "solves":[{"model":"transport","type":"lp","modelStatus":1,"solverStatus":1,"objective":153.675}],\
            "exitCode":0,"prev":"\(RunLedger.zeroHash)"}
            """)
        #expect(line == String(body.dropLast()) + ",\"hash\":\"\(SHA256.hex(body))\"}")
        let infeasible = RunLedger.line(entry(1, objective: .infinity), seq: 1, prev: RunLedger.zeroHash)
        #expect(infeasible.contains("\"objective\":null"))
    }

    @Test func timestampsAreUTC() {
        #expect(RunLedger.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RunLedger.timestamp(Date(timeIntervalSince1970: 1_750_000_000.7)) == "2025-06-15T15:06:40Z")
    }

    @Test func appendsChainRecords() throws {
        let (path, folder) = scratchLedger()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try RunLedger.append(entry(1), to: path) == 1)
        #expect(try RunLedger.append(entry(2), to: path) == 2)
        #expect(try RunLedger.append(entry(3), to: path) == 3)
        let l = lines(path)
        #expect(l.count == 3)
        #expect(l[0] == RunLedger.line(entry(1), seq: 1, prev: RunLedger.zeroHash))
        #expect(l[1] == RunLedger.line(entry(2), seq: 2, prev: SHA256.hex(l[0])))
        #expect(l[2] == RunLedger.line(entry(3), seq: 3, prev: SHA256.hex(l[1])))
        let v = RunLedger.verify(path: path)
        #expect(v == LedgerVerification(records: 3, badRecord: nil, problem: nil))
        #expect(v.message(path: "runs.jsonl") == "ledger runs.jsonl: 3 records, intact")
    }

    @Test func emptyAndMissingLedgers() {
        #expect(RunLedger.verify([]).message(path: "l") == "ledger l: 0 records, intact")
        let missing = RunLedger.verify(path: "/nonexistent/enm/ledger.jsonl")
        #expect(!missing.intact)
        #expect(missing.message(path: "x") == "ledger x: cannot be read: No such file or directory")
    }

    /// Three chained records as bytes.
    private func threeRecords() -> [String] {
        let a = RunLedger.line(entry(1), seq: 1, prev: RunLedger.zeroHash)
        let b = RunLedger.line(entry(2), seq: 2, prev: SHA256.hex(a))
        let c = RunLedger.line(entry(3), seq: 3, prev: SHA256.hex(b))
        return [a, b, c]
    }

    private func verify(_ lines: [String], end: String = "\n") -> LedgerVerification {
        RunLedger.verify(Array((lines.joined(separator: "\n") + end).utf8))
    }

    @Test func anEditedRecordIsNamed() {
        var r = threeRecords()
        #expect(verify(r).intact)
        r[1] = r[1].replacingOccurrences(of: "\"objective\":153.675", with: "\"objective\":153.676")
        let v = verify(r)
        #expect(v.badRecord == 2)
        #expect(v.problem == "edited: its content does not match its hash")
        #expect(v.records == 1)
    }

    @Test func anEditWithARecomputedHashBreaksTheNextRecord() {
        var r = threeRecords()
        r[0] = RunLedger.line(entry(1, objective: 99), seq: 1, prev: RunLedger.zeroHash)
        let v = verify(r)
        #expect(v.badRecord == 2)
        #expect(v.problem == "prev does not match the record before it: that record was edited, removed or reordered")
    }

    @Test func removedReorderedAndDuplicatedRecords() {
        let r = threeRecords()
        #expect(verify([r[0], r[2]]).badRecord == 2)
        #expect(verify([r[0], r[2]]).problem == "seq is 3 where 2 was expected: a record before it was removed, or records were reordered")
        #expect(verify([r[1], r[2]]).badRecord == 1)
        #expect(verify([r[0], r[2], r[1]]).badRecord == 2)
        #expect(verify([r[0], r[1], r[1]]).problem == "seq is 2 where 3 was expected: records were reordered or duplicated")
        #expect(verify([r[0], "", r[1]]).problem == "the line is empty: the file was edited")
    }

    @Test func truncatedLastLines() {
        let r = threeRecords()
        let cut = verify([r[0], r[1], String(r[2].prefix(40))], end: "")
        #expect(cut.badRecord == 3)
        #expect(cut.problem == "truncated: the last line is incomplete")
        let noEnd = verify(r, end: "")
        #expect(noEnd.badRecord == 3)
        #expect(noEnd.problem == "truncated: the last line has no line end")
    }

    @Test func malformedRecords() {
        let r = threeRecords()
        #expect(verify([r[0], "not json"]).problem == "edited: the line is not a JSON record")
        #expect(verify([r[0], "{\"seq\":2}"]).problem == "edited: no valid prev hash")
        let moved = r[0].replacingOccurrences(of: "{\"seq\":1,", with: "{") .dropLast() + ",\"seq\":1}"
        #expect(verify([String(moved)]).problem == "edited: no valid hash as the last field")
        let spaced = r[0].replacingOccurrences(of: ",\"hash\":", with: ", \"hash\":")
        #expect(verify([spaced]).problem == "edited: the hash is not written as the last field")
    }

    @Test func appendRefusesATruncatedLedger() throws {
        let (path, folder) = scratchLedger()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try RunLedger.append(entry(1), to: path)
        let whole = FileManager.default.contents(atPath: path)!
        FileManager.default.createFile(atPath: path, contents: whole.dropLast(5))
        #expect(throws: ResultsWriteError.self) { try RunLedger.append(entry(2), to: path) }
        #expect(FileManager.default.contents(atPath: path)! == whole.dropLast(5))
    }

    @Test func concurrentAppendsFormOneChain() throws {
        let (path, folder) = scratchLedger()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        DispatchQueue.concurrentPerform(iterations: 16) { k in
            _ = try? RunLedger.append(entry(k % 9 + 1), to: path)
        }
        #expect(RunLedger.verify(path: path) == LedgerVerification(records: 16, badRecord: nil, problem: nil))
    }

    @Test func jsonReader() {
        func parse(_ s: String) -> JSONValue? { JSONReader.parse(Array(s.utf8)) }
        #expect(parse(#"{"a":[1,-2.5,1e3,true,false,null],"b":"x\"\\\/\n\u00e9\ud83d\ude00"}"#)
                == .object([("a", .array([.int(1), .number(-2.5), .number(1000), .bool(true), .bool(false), .null])),
                            ("b", .string("x\"\\/\né😀"))]))
        #expect(parse(" { } ") == .object([]))
        for bad in ["", "{", "{\"a\":}", "[1,]", "01", "\"\u{01}\"", "{} x", "\"\\ud800\"", "tru", "1.", "-"] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        let nested = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(parse(nested) == nil)
    }
}

/// Lines a model puts to a file with `.ledger = 1`, sealed into chained records.
@Suite struct LedgerSealTests {
    private func text(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func eachObjectLineBecomesAChainedRecord() throws {
        let sealed = try RunLedger.seal(Array("{\"step\":1,\"kWh\":0.5000}\n\n{\"step\":2,\"kWh\":1.25}\n".utf8), after: [])
        let records = text(sealed)
        #expect(records.count == 2, "the blank line is skipped")
        let body1 = "{\"seq\":1,\"step\":1,\"kWh\":0.5,\"prev\":\"\(RunLedger.zeroHash)\"}"
        #expect(records[0] == String(body1.dropLast()) + ",\"hash\":\"\(SHA256.hex(body1))\"}")
        #expect(records[1].hasPrefix("{\"seq\":2,\"step\":2,\"kWh\":1.25,\"prev\":\"\(SHA256.hex(records[0]))\","))
        #expect(RunLedger.verify(sealed) == LedgerVerification(records: 2, badRecord: nil, problem: nil))
    }

    @Test func appendedLinesContinueTheChain() throws {
        let first = try RunLedger.seal(Array("{\"a\":1}\n{\"a\":2}\n".utf8), after: [])
        let more = try RunLedger.seal(Array("{\"a\":3}\n".utf8), after: first)
        #expect(text(more)[0].hasPrefix("{\"seq\":3,\"a\":3,\"prev\":\"\(SHA256.hex(text(first)[1]))\","))
        #expect(RunLedger.verify(first + more).intact)
        #expect(RunLedger.verify(first + more).records == 3)
    }

    @Test func aCountKeptElsewhereFindsRecordsCutOffAtTheEnd() throws {
        let sealed = try RunLedger.seal(Array("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n".utf8), after: [])
        let cut = Array(text(sealed).prefix(2).joined(separator: "\n").utf8) + [10]
        #expect(RunLedger.verify(cut).intact)
        #expect(RunLedger.verify(cut).expecting(records: 3).message(path: "t.jsonl")
                == "ledger t.jsonl: 2 records where 3 were expected: records were removed from the end")
        #expect(RunLedger.verify(sealed).expecting(records: 2).message(path: "t.jsonl")
                == "ledger t.jsonl: 3 records where 2 were expected: records were added at the end")
        #expect(RunLedger.verify(sealed).expecting(records: 3).intact)
        #expect(RunLedger.verify(sealed).expecting(records: nil).intact)
    }

    @Test func linesThatAreNotRecordsAreRefused() {
        #expect(throws: LedgerSealError(reason: "line 2 written to it is not a JSON object: step 2 0.5")) {
            try RunLedger.seal(Array("{\"a\":1}\nstep 2 0.5\n".utf8), after: [])
        }
        #expect(throws: LedgerSealError(reason: "line 1 written to it has a field 'hash', which enm adds itself")) {
            try RunLedger.seal(Array("{\"a\":1,\"hash\":\"x\"}\n".utf8), after: [])
        }
        #expect(throws: LedgerSealError(reason: "its last line is not a ledger record, so the chain cannot be continued")) {
            try RunLedger.seal(Array("{\"a\":1}\n".utf8), after: Array("some text\n".utf8))
        }
        #expect(throws: LedgerSealError(reason: "the file's last record is incomplete")) {
            try RunLedger.seal(Array("{\"a\":1}\n".utf8), after: Array("{\"seq\":1".utf8))
        }
    }
}
