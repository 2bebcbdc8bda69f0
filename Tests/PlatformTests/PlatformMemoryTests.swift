import Driver
import Foundation
import IR
import Platform
import Testing

/// The platform's memory measures change how long a run takes, never what it computes: the
/// generated model and the solution are the same bit for bit with them and without them.
/// Serialized, since the hooks are the process's.
@Suite(.serialized)
struct PlatformMemoryTests {
    /// An LP over a chain: 3 entries per row (about 1.4 MiB of matrix at 60k rows, so
    /// generation's arrays have whole slices to fault in) whose optimum is the slack basis
    /// (no simplex iterations in a debug build), solved twice by one statement (the second
    /// from the first one's basis) and displayed in full.
    static let source = """
    Set i / i1*i60000 /;
    Parameter c(i), lo(i);
    c(i) = 1 + mod(ord(i), 5);
    lo(i) = mod(ord(i), 3) / 3;
    Positive Variable x(i); Variable z;
    Equations obj, chain(i);
    obj..      z =e= sum(i, c(i)*x(i));
    chain(i).. x(i) + 0.5*x(i+1) + 0.25*x(i+2) =l= 10;
    x.lo(i) = lo(i);
    Model m / all /;
    Set round / r1*r2 /;
    loop(round, solve m using lp minimizing z);
    display x.l, x.m, chain.l, chain.m, z.l;
    """

    /// Hooks that count the helpers the platform's measures start.
    final class Counting: MemoryHooks, @unchecked Sendable {
        let inner: PlatformMemory
        var arrays = 0

        init(_ inner: PlatformMemory) { self.inner = inner }

        func arrayPopulator(reservedBytes: Int) -> (any PagePopulating)? {
            let helper = inner.arrayPopulator(reservedBytes: reservedBytes)
            if helper != nil { arrays += 1 }
            return helper
        }

        func heapFiller(bytes: Int) -> (any MemoryHelper)? { inner.heapFiller(bytes: bytes) }

    }

    /// What a run of `source` produced, with every number as its bit pattern.
    struct Outcome: Equatable {
        var model: [String: [UInt64]]
        var names: [String]
        var displays: [String]
        var objectives: [UInt64?]
    }

    /// Runs `source` with `hooks` installed: the first solve's generated model, then the whole
    /// run's solves and displays.
    func outcome(with hooks: any MemoryHooks) throws -> Outcome {
        let saved = ProcessMemory.hooks
        ProcessMemory.hooks = hooks
        defer { ProcessMemory.hooks = saved }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-platform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("chain.gms").path
        try PlatformMemoryTests.source.write(toFile: file, atomically: true, encoding: .utf8)

        let generated = try #require(Driver.run(path: file, options: RunOptions(mode: .firstModel)).firstModel?.model)
        let run = Driver.run(path: file)
        #expect(run.diagnostics.isEmpty, "\(Driver.renderDiagnostics(run.diagnostics))")
        var displays: [String] = [], objectives: [UInt64?] = []
        for event in run.events {
            switch event {
            case .display(let d):
                displays += d.records.map { "\(d.symbol).\(d.attribute ?? "") \($0.labels) \($0.value.bitPattern)" }
            case .solve(let s):
                #expect(s.modelStatus == .optimal)
                objectives.append(s.objective?.bitPattern)
            }
        }
        return Outcome(model: PlatformMemoryTests.numbers(generated),
                       names: (0..<generated.rowCount).map { generated.rowOrigin[$0].displayName }
                           + (0..<generated.columnCount).map { generated.columnOrigin[$0].displayName },
                       displays: displays, objectives: objectives)
    }

    /// Every number of a generated model, by array, as bit patterns.
    static func numbers(_ m: ScalarModel) -> [String: [UInt64]] {
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        return ["objective": bits(m.objective + [m.objectiveConstant]),
                "columnLower": bits(m.columnLower), "columnUpper": bits(m.columnUpper),
                "columnStart": bits(m.columnStart), "columnIsInteger": m.columnIsInteger.map { $0 ? 1 : 0 },
                "rowLower": bits(m.rowLower), "rowUpper": bits(m.rowUpper),
                "rowStart": m.rowStart.map { UInt64($0) }, "entryColumn": m.entryColumn.map { UInt64($0) },
                "entryValue": bits(m.entryValue)]
    }

    @Test func sameModelAndSolutionWithAndWithoutThem() throws {
        // thresholds low enough for this model to use every measure
        let on = Counting(PlatformMemory(arrayThreshold: 1 << 20, heapThreshold: 1 << 20))
        let with = try outcome(with: on)
        let without = try outcome(with: NoMemoryHooks())
        #expect(with.objectives.count == 2 && with.displays.count == 160_000, "\(with.displays.count)")
        #expect(with.model == without.model)
        #expect(with.names == without.names)
        #expect(with.displays == without.displays)
        #expect(with.objectives == without.objectives)
        // the first model, then two solves: three generations with their arrays faulted in
        // ahead, and any of other tests running meanwhile (the loads' heap is grown only for a
        // thread allocating from it, as the executable's main thread does and a test's does
        // not: PrefaultSwitchTests run that)
        #expect(on.arrays >= 3, "\(on.arrays) generations had a helper")
    }

    @Test func installedUnlessTurnedOff() {
        let saved = ProcessMemory.hooks
        defer { ProcessMemory.hooks = saved }
        ProcessMemory.hooks = NoMemoryHooks()
        PlatformMemory.install(environment: ["ENM_PREFAULT": "0"])
        #expect(ProcessMemory.hooks is NoMemoryHooks)
        PlatformMemory.install(environment: [:])
        #expect(ProcessMemory.hooks is PlatformMemory)
    }
}
