#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A helper working on memory while the calling thread fills it.
public protocol MemoryHelper: AnyObject {
    /// Stops the helper and waits for it; what it has not done by then is left undone.
    func finish()
}

/// A helper that faults in the reserved room of growing arrays before they are written.
public protocol PagePopulating: MemoryHelper {
    /// Asks for the room just after each region's used bytes to be faulted in.
    func ahead(of regions: [MemoryRegion])
}

/// Process-wide measures an application may take for large runs (helper threads faulting in
/// memory). The library calls them where they would help and does nothing
/// process-wide itself: the default hooks do nothing. Whatever they do must leave every
/// result as it is; they only change how long it takes.
public protocol MemoryHooks: Sendable {
    /// A helper for generating into arrays reserved to `reservedBytes` in all, or nil.
    func arrayPopulator(reservedBytes: Int) -> (any PagePopulating)?
    /// A helper for a load on this thread about to allocate about `bytes` from the C heap in
    /// small pieces (as GLPK does), or nil.
    func heapFiller(bytes: Int) -> (any MemoryHelper)?
}

/// The hooks that do nothing: the library's default.
public struct NoMemoryHooks: MemoryHooks {
    public init() {}
    public func arrayPopulator(reservedBytes: Int) -> (any PagePopulating)? { nil }
    public func heapFiller(bytes: Int) -> (any MemoryHelper)? { nil }
}

/// The memory hooks of this process: the application installs its own at start-up.
public enum ProcessMemory {
    nonisolated(unsafe) private static var installed: any MemoryHooks = NoMemoryHooks()
    /// Guards `installed` (tests swap the hooks while other tests run).
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    /// The installed hooks (`NoMemoryHooks` unless the application installed others).
    public static var hooks: any MemoryHooks {
        get {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            return installed
        }
        set {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            installed = newValue
        }
    }
}
