#if canImport(Glibc)
import Glibc
import Synchronization

// What the page helpers share (PagePopulator here, the Solvers' HeapPrefault): a thread of their
// own, and mapping pages a slice at a time until told to stop.

/// Runs `body` on a new thread; the thread, or nil when none could be started.
public func startPageThread(_ body: @escaping () -> Void) -> pthread_t? {
    final class Body { let run: () -> Void; init(_ run: @escaping () -> Void) { self.run = run } }
    let box = Unmanaged.passRetained(Body(body))
    var t = pthread_t()
    let rc = pthread_create(&t, nil, { raw in
        guard let raw else { return nil }
        Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
        return nil
    }, box.toOpaque())
    guard rc == 0 else {
        box.release()
        return nil
    }
    return t
}

/// Maps the pages of `from ..< to` with `MADV_POPULATE_WRITE` (contents untouched), `slice`
/// bytes per call so that `stop` is seen between calls; false when the kernel has no such
/// advice (before 5.14), true otherwise (a range that is not mapped only makes a call fail).
public func populatePages(_ from: Int, _ to: Int, slice: Int, until stop: borrowing Atomic<Bool>) -> Bool {
    var from = from
    while from < to && !stop.load(ordering: .relaxed) {
        let end = min(to, from + slice)
        if let p = UnsafeMutableRawPointer(bitPattern: from),
           madvise(p, end - from, MADV_POPULATE_WRITE) != 0 && errno == EINVAL {
            return false
        }
        from = end
    }
    return true
}
#endif
