#if canImport(Glibc)
import CMalloc
import Glibc
import IR
import Synchronization

/// Faults in, on a helper thread, the heap memory a large load is about to use.
///
/// Assumes glibc's malloc (the main thread allocates small blocks from the `brk` heap, tuned
/// with `mallopt`; `mallinfo2` needs glibc >= 2.33), a library allocating its records from it in
/// small pieces on the calling thread, as GLPK 5.0 does when a problem is built, and Linux >=
/// 5.14 (`MADV_POPULATE_WRITE`; with an older kernel the helper stops at once), and a free
/// second core. Measured 2026-12-06 (community T=672, 188 MB of GLPK records, best of 8): the
/// load 0.097 s with it, 0.156 s without.
///
/// GLPK allocates rows, columns and matrix elements from the C heap in small pieces, and about
/// half of a large load's time went to the kernel's page faults as the heap grew into fresh
/// memory. Before such a load this grows the heap in one step large enough for the whole
/// problem (`M_TOP_PAD`, and one block larger than all the heap's free memory, so that it can
/// only come from new heap) and has a second thread populate the new pages a slice at a time
/// (`MADV_POPULATE_WRITE`, which maps them without touching their contents), so the loading
/// thread mostly finds them mapped. The block is not written, so its pages are never faulted
/// in; it is freed, and glibc's default growth restored, when the load is done.
final class HeapPrefault: MemoryHelper, @unchecked Sendable {
    private let stop = Atomic<Bool>(false)
    private var thread: pthread_t? = nil
    /// The block that made the heap grow, held until the load is done.
    private let block: UnsafeMutableRawPointer
    /// glibc's defaults of `M_TOP_PAD` and `M_MMAP_MAX`.
    private static let defaultPad: Int32 = 128 * 1024
    private static let defaultMmapMax: Int32 = 65536
    private static let page = 4096

    /// Grows the heap by about `bytes` and starts the helper on the new pages; nil (nothing
    /// left changed) when this thread does not allocate from the heap, the heap has that much
    /// free already, or it cannot grow.
    init?(bytes: Int) {
        guard HeapPrefault.allocatesFromHeap(), mallopt(M_TOP_PAD, Int32(min(bytes, 1 << 30))) == 1 else { return nil }
        guard let (block, from, to) = HeapPrefault.grow(bytes: bytes) else {
            _ = mallopt(M_TOP_PAD, HeapPrefault.defaultPad)
            return nil
        }
        self.block = block
        guard let t = startPageThread({ [self] in _ = populatePages(from, to, slice: 2 << 20, until: stop) }) else {
            release()
            return nil
        }
        thread = t
    }

    /// Whether this thread's small blocks come from the `brk` heap (glibc's main arena, below
    /// the program break; other arenas are mapped far above it), so that the heap's growth is
    /// what this thread's load will use.
    private static func allocatesFromHeap() -> Bool {
        guard let probe = malloc(64) else { return false }
        defer { free(probe) }
        return Int(bitPattern: probe) < Int(bitPattern: sbrk(0))
    }

    /// Allocates a block larger than all free memory of the heap, which glibc can only place
    /// at its end, growing it by the block plus `M_TOP_PAD`: the block and the new room after
    /// it (whole pages), or nil when the heap did not grow there or already has `bytes` free
    /// (a load after others were freed mostly reuses their memory, mapped already).
    private static func grow(bytes: Int) -> (UnsafeMutableRawPointer, Int, Int)? {
        let freeBytes = Int(mallinfo2().fordblks)
        guard freeBytes < bytes else { return nil }
        let size = freeBytes + page
        // from the heap, even when glibc would map a block this large on its own
        _ = mallopt(M_MMAP_MAX, 0)
        let block = malloc(size)
        _ = mallopt(M_MMAP_MAX, defaultMmapMax)
        guard let block else { return nil }
        let from = (Int(bitPattern: block) + size + page - 1) & ~(page - 1)
        let to = Int(bitPattern: sbrk(0)) & ~(page - 1)
        guard to > from else {
            free(block)
            return nil
        }
        return (block, from, to)
    }

    /// Frees the block and restores glibc's default heap growth.
    private func release() {
        free(block)
        _ = mallopt(M_TOP_PAD, HeapPrefault.defaultPad)
    }

    /// Stops the helper, frees the block and restores glibc's default heap growth.
    func finish() {
        guard let t = thread else { return }
        stop.store(true, ordering: .relaxed)
        pthread_join(t, nil)
        thread = nil
        release()
    }
}
#endif
