import Driver
import Foundation
import Testing

/// Issue 23: the GDX readers, put files appended to and solver option files refuse devices and
/// FIFOs, as the model, include and ledger readers do: a located error, never a hang.
@Suite("Bounded readers")
struct BoundedReaderTests {
    /// Runs `model` as m.gms in a fresh folder where `fifo` names a FIFO; within 60 seconds.
    func runWithFIFO(_ fifo: String, _ model: String, extra: [String: String] = [:]) throws -> (err: String, status: Int32) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enm-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent(fifo).path, 0o600) == 0)
        for (name, text) in extra.merging(["m.gms": model], uniquingKeysWith: { $1 }) {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let binary = try #require(ExplainCommandTests.enmBinary(), "no enm binary built next to the tests")
        let start = Date()
        let r = try ExplainCommandTests.runEnm(binary, ["solve", "m.gms"], in: folder)
        #expect(Date().timeIntervalSince(start) < 60)
        return (r.err.replacingOccurrences(of: folder.path + "/", with: ""), r.status)
    }

    @Test func gdxInOnAFIFOIsRefused() throws {
        let r = try runWithFIFO("data.gdx", "Set i;\n$gdxIn data.gdx\n$load i\n$gdxIn\ndisplay i;\n")
        #expect(r.status != 0)
        #expect(r.err.contains("is a pipe (FIFO), not a regular file"), "\(r.err)")
        #expect(r.err.contains(" --> m.gms:2:"), "\(r.err)")
    }

    @Test func executeLoadOfAFIFOIsRefused() throws {
        let r = try runWithFIFO("data.gdx", "Set i / a /;\nParameter p(i);\nexecute_load 'data.gdx', p;\ndisplay p;\n")
        #expect(r.status != 0)
        #expect(r.err.contains("is a pipe (FIFO), not a regular file"), "\(r.err)")
        #expect(r.err.contains(" --> m.gms:3:"), "\(r.err)")
    }

    @Test func putAppendingToAFIFOIsRefused() throws {
        let r = try runWithFIFO("out.txt", "File f / out.txt /;\nf.ap = 1;\nput f 'x' /;\n")
        #expect(r.status == 5)
        #expect(r.err.hasPrefix("error[E6010]: cannot write put file 'out.txt' of file 'f': cannot append to it: it is a pipe (FIFO), not a regular file\n"), "\(r.err)")
    }

    @Test func optionFileThatIsAFIFOIsRefused() throws {
        let r = try runWithFIFO("ipopt.opt", """
            Variable x, z;
            Equation cost;
            cost.. z =e= sqr(x - 3);
            Model m / all /;
            m.optFile = 1;
            solve m using nlp minimizing z;
            """)
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("error[E4022]: option file './ipopt.opt' cannot be read: it is a pipe (FIFO), not a regular file\n --> m.gms:6:1\n"), "\(r.err)")
    }
}
