#if canImport(Glibc)
import Glibc
import IR
import Synchronization

/// Faults in, on a helper thread, reserved memory just ahead of where a growing array writes.
///
/// A large model is generated into arrays reserved from bounds on its size; each page the
/// generator first writes costs a kernel page fault (clearing and mapping it), about a quarter
/// of generation's time at a million nonzeros. The generator reports its arrays now and then
/// (`ahead(of:)`), and the helper populates the next slice of each one's reserved room
/// (`MADV_POPULATE_WRITE`: mapped, contents untouched, so racing with the writer is harmless,
/// and a range freed meanwhile only makes the call fail). Pages beyond what the arrays come to
/// use are not touched unless they are within the last slice.
public final class PagePopulator: @unchecked Sendable {
    private let stop = Atomic<Bool>(false)
    private var thread: pthread_t? = nil
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Byte ranges waiting for the helper (guarded by `lock`).
    private var queue: [(Int, Int)] = []
    /// Per region start: the end of what was already posted (the generator's thread only).
    private var posted: [Int: Int] = [:]
    /// How far ahead of a region's use its memory is populated.
    public static let slice = 1 << 20
    private static let page = 4096

    /// Starts the helper; nil when it cannot be started.
    public init?() {
        pthread_mutex_init(lock, nil)
        // on failure deinit destroys the lock
        guard let t = startPageThread({ [self] in run() }) else { return nil }
        thread = t
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Asks for the slice after each region's used bytes to be populated (what was asked for
    /// before is not asked again; regions smaller than a slice are left alone).
    public func ahead(of regions: [MemoryRegion]) {
        var ranges: [(Int, Int)] = []
        for r in regions where r.reserved >= PagePopulator.slice {
            let base = Int(bitPattern: r.base)
            let from = max(posted[base] ?? 0, r.used)
            let to = min(r.reserved, r.used + PagePopulator.slice)
            guard to - from >= 16 * PagePopulator.page else { continue }
            posted[base] = to
            ranges.append(((base + from) & ~(PagePopulator.page - 1), (base + to) & ~(PagePopulator.page - 1)))
        }
        enqueue(ranges)
    }

    /// Asks for the whole unused room of each region to be populated, from its used end on
    /// (for arrays reserved to the size they will be filled to).
    public func whole(_ regions: [MemoryRegion]) {
        var ranges: [(Int, Int)] = []
        for r in regions where r.reserved - r.used >= 16 * PagePopulator.page {
            let base = Int(bitPattern: r.base)
            ranges.append(((base + r.used) & ~(PagePopulator.page - 1), (base + r.reserved) & ~(PagePopulator.page - 1)))
        }
        enqueue(ranges)
    }

    private func enqueue(_ ranges: [(Int, Int)]) {
        guard !ranges.isEmpty else { return }
        pthread_mutex_lock(lock)
        queue.append(contentsOf: ranges)
        pthread_mutex_unlock(lock)
    }

    private func run() {
        while !stop.load(ordering: .relaxed) {
            pthread_mutex_lock(lock)
            let next = queue.isEmpty ? nil : queue.removeFirst()
            pthread_mutex_unlock(lock)
            guard let (from, to) = next else {
                usleep(100)
                continue
            }
            // a slice per call, so that `finish` does not wait long
            guard populatePages(from, to, slice: PagePopulator.slice, until: stop) else { return }
        }
    }

    /// Stops the helper (what is still queued is dropped).
    public func finish() {
        stop.store(true, ordering: .relaxed)
        if let t = thread { pthread_join(t, nil) }
        thread = nil
    }
}
#endif
