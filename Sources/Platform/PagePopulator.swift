#if canImport(Glibc)
import Glibc
import IR
import Synchronization

/// Faults in, on a helper thread, reserved memory just ahead of where a growing array writes.
///
/// Assumes Linux >= 5.14 (`MADV_POPULATE_WRITE`; older kernels refuse it and the helper stops,
/// costing nothing but the gain), 4 KiB pages, a free second core, and arrays so large that
/// their reserved room is fresh memory never written before (glibc maps blocks this large on
/// their own, so each first write is a page fault). Measured 2026-12-06 (community T=672,
/// 1.46M nonzeros, best of 10): generation 0.091 s with it, 0.118 s without.
///
/// A large model is generated into arrays reserved from bounds on its size; each page the
/// generator first writes costs a kernel page fault (clearing and mapping it). The generator
/// reports its arrays now and then (`ahead(of:)`), and the helper populates the next slice of
/// each one's reserved room (`MADV_POPULATE_WRITE`: mapped, contents untouched, so racing with
/// the writer is harmless, and a range freed meanwhile only makes the call fail). Pages beyond
/// what the arrays come to use are not touched unless they are within the last slice.
final class PagePopulator: PagePopulating, @unchecked Sendable {
    private let stop = Atomic<Bool>(false)
    private var thread: pthread_t? = nil
    /// Byte ranges waiting for the helper, guarded by `wake`'s mutex.
    private var queue: [(Int, Int)] = []
    private let wake = ConditionLock()
    /// Per region start: the end of what was already posted (the generator's thread only).
    private var posted: [Int: Int] = [:]
    /// How far ahead of a region's use its memory is populated.
    static let slice = 1 << 20
    private static let page = 4096

    /// Starts the helper; nil when it cannot be started.
    init?() {
        guard let t = startPageThread({ [self] in run() }) else { return nil }
        thread = t
    }

    func ahead(of regions: [MemoryRegion]) {
        var ranges: [(Int, Int)] = []
        for r in regions where r.reserved >= PagePopulator.slice {
            let base = Int(bitPattern: r.base)
            let from = max(posted[base] ?? 0, r.used)
            let to = min(r.reserved, r.used + PagePopulator.slice)
            guard to - from >= 16 * PagePopulator.page else { continue }
            posted[base] = to
            ranges.append(PagePopulator.pages(base + from, base + to))
        }
        enqueue(ranges)
    }

    /// A byte range rounded down to whole pages at both ends.
    private static func pages(_ from: Int, _ to: Int) -> (Int, Int) {
        (from & ~(page - 1), to & ~(page - 1))
    }

    private func enqueue(_ ranges: [(Int, Int)]) {
        guard !ranges.isEmpty else { return }
        wake.withLock { queue.append(contentsOf: ranges) }
        wake.signal()
    }

    /// The next range to populate, waiting for one; nil once told to stop.
    private func next() -> (Int, Int)? {
        wake.withLock {
            while queue.isEmpty && !stop.load(ordering: .relaxed) { wake.wait() }
            return stop.load(ordering: .relaxed) ? nil : queue.removeFirst()
        }
    }

    private func run() {
        while let (from, to) = next() {
            // a slice per call, so that `finish` does not wait long
            guard populatePages(from, to, slice: PagePopulator.slice, until: stop) else { return }
        }
    }

    /// Stops the helper (what is still queued is dropped).
    func finish() {
        wake.withLock { stop.store(true, ordering: .relaxed) }
        wake.signal()
        if let t = thread { pthread_join(t, nil) }
        thread = nil
    }
}
#endif
