import Driver
import Execution
import Foundation
import Testing

/// What a person sees while a run works: displays before a solve are out before it starts, and
/// a long solve has a live line on the terminal that is erased when it ends.
@Suite struct ProgressTests {
    @Test func displaysBeforeASolveArePrintedBeforeItStarts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.gms")
        try """
        Scalar before / 7 /;
        display before;
        Variable z;
        Equation e;
        e.. z =e= 1;
        Model m / e /;
        solve m using lp minimizing z;
        """.write(to: file, atomically: true, encoding: .utf8)
        var output = ""
        var seenAtStart: String? = nil
        let printer = TextPrinter(timing: false) { output += $0 }
        _ = Driver.run(path: file.path, onEvent: { printer.take($0) }, onSolvePhase: { phase in
            if case .started = phase {
                printer.flush()
                seenAtStart = output
            }
        })
        let atStart = try #require(seenAtStart)
        #expect(atStart.contains("PARAMETER before"))
        #expect(!atStart.contains("---- SOLVE"))
    }

    @Test func aLongSolveShowsALiveLineThatIsErasedAtItsEnd() {
        let lock = NSLock()
        var written: [String] = []
        let line = ProgressLine(write: { text in lock.lock(); written.append(text); lock.unlock() }, delay: 0.05, interval: 0.05)
        line.show(.started(model: "m", type: .lp, line: 12))
        Thread.sleep(forTimeInterval: 0.3)
        line.show(.ended)
        lock.lock()
        defer { lock.unlock() }
        #expect(written.contains { $0.hasPrefix("\r\u{1B}[Ksolving m using lp (line 12), ") && $0.hasSuffix(" s") })
        #expect(written.last == "\r\u{1B}[K")
    }

    @Test func aShortSolveLeavesNothing() {
        var written: [String] = []
        let line = ProgressLine(write: { written.append($0) }, delay: 5)
        line.show(.started(model: "m", type: .lp, line: 1))
        line.show(.ended)
        #expect(written.isEmpty)
    }
}
