#if canImport(Glibc)
import CMalloc
import Glibc
import Memory
import Synchronization

/// Faults in, on a helper thread, the heap memory a large GLPK load is about to use.
///
/// GLPK allocates rows, columns and matrix elements from the C heap in small pieces, and about
/// half of a large load's time went to the kernel's page faults as the heap grew into fresh
/// memory. While a load runs on the main thread, this has glibc grow the heap in one step
/// large enough for the whole problem (`M_TOP_PAD`) and a second thread populate the new pages
/// a slice at a time (`MADV_POPULATE_WRITE`, which maps them without touching their contents),
/// so the loading thread mostly finds them mapped. The pages are those the load uses, plus at
/// most the estimate's excess; glibc's default growth is restored afterwards.
public final class HeapPrefault: @unchecked Sendable {
    private let stop = Atomic<Bool>(false)
    private var thread: pthread_t? = nil
    /// The heap's end when the load began: the helper populates from here on, up to `limit`
    /// (the estimate: beyond it the heap's growth is padding the load will not use).
    private let start = Int(bitPattern: sbrk(0))
    private let limit: Int
    /// glibc's default `M_TOP_PAD`.
    private static let defaultPad: Int32 = 128 * 1024
    /// Loads expected to allocate less than this are left alone.
    public static let threshold = 32 << 20

    /// About the bytes GLPK allocates for a problem of this size: its row, column and element
    /// records (GLPK 5.0: 188 MB for 417k rows, 417k columns and 1.46M nonzeros).
    public static func glpkBytes(rows: Int, columns: Int, nonzeros: Int) -> Int {
        let (a, o1) = rows.multipliedReportingOverflow(by: 128)
        let (b, o2) = columns.multipliedReportingOverflow(by: 136)
        let (c, o3) = nonzeros.multipliedReportingOverflow(by: 56)
        let (ab, o4) = a.addingReportingOverflow(b)
        let (sum, o5) = ab.addingReportingOverflow(c)
        return o1 || o2 || o3 || o4 || o5 ? Int.max : sum
    }

    /// Starts the helper for a load on the main thread expected to allocate about `bytes`
    /// bytes; nil (nothing done) for a small load, on another thread, or when the helper
    /// cannot be started. Call `finish` when the load is done.
    public init?(bytes: Int) {
        // other threads allocate from arenas of their own, not from the heap's end
        guard bytes >= HeapPrefault.threshold, enm_is_main_thread() != 0 else { return nil }
        let (end, overflow) = start.addingReportingOverflow(bytes)
        limit = overflow ? Int.max : end
        guard mallopt(M_TOP_PAD, Int32(min(bytes, 1 << 30))) == 1 else { return nil }
        guard let t = startPageThread({ [self] in populate() }) else {
            _ = mallopt(M_TOP_PAD, HeapPrefault.defaultPad)
            return nil
        }
        thread = t
    }

    /// Populates the heap as it grows, until told to stop.
    private func populate() {
        let page = 4096
        var next = start & ~(page - 1)
        while !stop.load(ordering: .relaxed) {
            let end = min(Int(bitPattern: sbrk(0)), limit)
            guard end > next else {
                next = min(next, end & ~(page - 1))
                usleep(200)
                continue
            }
            // a slice at a time: the loading thread's own mapping calls wait for each one
            guard populatePages(next, end, slice: 2 << 20, until: stop) else { return }
            next = end
        }
    }

    /// Stops the helper and restores glibc's default heap growth.
    public func finish() {
        stop.store(true, ordering: .relaxed)
        if let t = thread { pthread_join(t, nil) }
        thread = nil
        _ = mallopt(M_TOP_PAD, HeapPrefault.defaultPad)
    }
}
#endif
