#if canImport(Glibc)
import Glibc
import Synchronization

// What the page helpers share (PagePopulator, HeapPrefault): a thread of their own, a lock with
// a condition to wait on, and mapping pages a slice at a time until told to stop.

/// Runs `body` on a new thread; the thread, or nil when none could be started.
func startPageThread(_ body: @escaping () -> Void) -> pthread_t? {
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

/// A mutex with one condition: a helper waits for work instead of polling for it.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a `signal` (inside `withLock`; wakes may be spurious, so test the state again).
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes the waiting thread.
    func signal() { pthread_cond_signal(condition) }
}

/// Maps the pages of `from ..< to` with `MADV_POPULATE_WRITE` (contents untouched), `slice`
/// bytes per call so that `stop` is seen between calls; false when the kernel has no such
/// advice (before 5.14), true otherwise (a range that is not mapped only makes a call fail).
func populatePages(_ from: Int, _ to: Int, slice: Int, until stop: borrowing Atomic<Bool>) -> Bool {
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
