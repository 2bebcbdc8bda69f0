#if canImport(Glibc)
import Glibc
import IR
@testable import Platform
import Synchronization
import Testing

/// The page helpers map memory ahead of its writers on a thread of their own; whatever they do,
/// the writers' data must come out exactly as written. These tests are also what the address and
/// thread sanitizer runs (scripts/sanitize.sh) exercise of them.
@Suite struct PagePopulatorTests {
    /// A test pattern that is nonzero everywhere, so that a page cleared behind the writer's back shows.
    private static func pattern(_ k: Int) -> UInt64 { UInt64(truncatingIfNeeded: k) &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// `populatePages` maps pages with their contents untouched: words written before stay.
    @Test func populatePagesKeepsContents() {
        let words = 1 << 20
        let memory = UnsafeMutableRawPointer.allocate(byteCount: words * 8, alignment: 4096)
        defer { memory.deallocate() }
        let buffer = UnsafeMutableBufferPointer(start: memory.bindMemory(to: UInt64.self, capacity: words), count: words)
        for k in 0..<words { buffer[k] = Self.pattern(k) }
        let stop = Atomic<Bool>(false)
        let base = Int(bitPattern: memory)
        _ = populatePages(base, base + words * 8, slice: 1 << 20, until: stop)
        #expect(buffer.indices.allSatisfy { buffer[$0] == Self.pattern($0) })
    }

    /// A model grown row by row while the helper populates ahead of its arrays ends up exactly
    /// as built, in every array the helper was told about.
    @Test func populatorAheadOfAGrowingModel() throws {
        let populator = try #require(PagePopulator())
        var model = ScalarModel()
        let rows = 60_000, perRow = 4
        model.reserve(rows: 2 * rows, columns: perRow, entries: 2 * rows * perRow)
        for j in 0..<perRow {
            model.addColumn(lower: 0, upper: .infinity, origin: Provenance(symbol: "x", labels: ["\(j)"]))
        }
        let columns = (0..<perRow).map { Int32($0) }
        for r in 0..<rows {
            if r % 2048 == 0 { populator.ahead(of: model.memoryRegions()) }
            let values = (0..<perRow).map { Double(r * perRow + $0) }
            model.addRow(columns: columns, values: values, lower: -.infinity, upper: Double(r),
                         origin: Provenance(symbol: "e", labels: ["\(r)"]))
        }
        populator.finish()
        #expect(model.rowCount == rows)
        #expect(model.entryValue.count == rows * perRow)
        #expect(model.entryValue.enumerated().allSatisfy { $0.element == Double($0.offset) })
        #expect(model.rowUpper.enumerated().allSatisfy { $0.element == Double($0.offset) })
        #expect(model.rowStart.last == rows * perRow)
    }

    /// Asking for whole regions and stopping at once: `finish` returns (the helper sees the stop
    /// between slices) and the data already written are intact.
    @Test func populatorStoppedWhileWorking() throws {
        var values = [Double](repeating: 0, count: 1 << 16)
        for k in values.indices { values[k] = Double(k) }
        values.reserveCapacity(1 << 24)
        let reserved = values.capacity * MemoryLayout<Double>.stride
        for _ in 0..<20 {
            let populator = try #require(PagePopulator())
            values.withUnsafeMutableBufferPointer { buffer in
                let region = MemoryRegion(buffer.baseAddress!, used: buffer.count * MemoryLayout<Double>.stride, reserved: reserved)
                populator.ahead(of: [region])
            }
            populator.finish()
        }
        #expect(values.enumerated().allSatisfy { $0.element == Double($0.offset) })
    }
}
#endif
