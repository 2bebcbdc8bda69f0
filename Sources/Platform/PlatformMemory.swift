import IR

/// The memory measures for large runs that enm's executable installs (`ProcessMemory.hooks`)
/// unless `ENM_PREFAULT=0`: helper threads faulting in memory ahead of the thread that fills
/// it. Linux with glibc only; elsewhere every hook does nothing.
public struct PlatformMemory: MemoryHooks {
    /// Generation's arrays are faulted in ahead when they reserve at least this many bytes.
    public var arrayThreshold: Int
    /// A load's heap is grown and faulted in ahead when it will allocate at least this much.
    public var heapThreshold: Int

    /// The measures, taken for sizes at or above the thresholds (lower ones in tests).
    public init(arrayThreshold: Int = 64 << 20, heapThreshold: Int = 32 << 20) {
        self.arrayThreshold = arrayThreshold
        self.heapThreshold = heapThreshold
    }

    /// Installs the measures for this process unless `environment["ENM_PREFAULT"]` is "0".
    public static func install(environment: [String: String]) {
        guard environment["ENM_PREFAULT"] != "0" else { return }
        ProcessMemory.hooks = PlatformMemory()
    }

    public func arrayPopulator(reservedBytes: Int) -> (any PagePopulating)? {
        #if canImport(Glibc)
        reservedBytes >= arrayThreshold ? PagePopulator() : nil
        #else
        nil
        #endif
    }

    public func heapFiller(bytes: Int) -> (any MemoryHelper)? {
        #if canImport(Glibc)
        bytes >= heapThreshold ? HeapPrefault(bytes: bytes) : nil
        #else
        nil
        #endif
    }
}
