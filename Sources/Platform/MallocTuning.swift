#if canImport(Glibc)
import CMalloc
import Synchronization

/// glibc's malloc for a run that solves again and again (a `solve` in a loop).
///
/// By default glibc gives freed memory back to the kernel: the top of the heap once more than
/// 128 KiB is free there, and blocks of more than 128 KiB (up to 32 MiB as it adapts) by
/// unmapping them. A loop of solves then has each solve's factorisations and work arrays
/// (Ipopt's MUMPS, GLPK's) faulted in afresh. Once a solve statement runs a second time, freed
/// blocks under 32 MiB are kept in the heap for the next round and the heap is trimmed only
/// past 256 MiB free: the negotiator model's 100 rounds spend half the system time.
enum MallocTuning {
    private static let applied = Atomic<Bool>(false)

    /// Keeps freed memory for reuse from now on (once per process; later calls do nothing).
    static func keepFreedMemoryForResolves() {
        guard !applied.exchange(true, ordering: .relaxed) else { return }
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
    }
}
#endif
