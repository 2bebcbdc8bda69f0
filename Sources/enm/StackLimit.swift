import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The stack the command may grow to. Nothing needs it any more on the common paths: nesting is
/// bounded (E0070) to what an 8 MB stack holds in a debug build, and flat chains are walked in
/// loops (Syntax/Chain.swift; ChainTests runs a million-term sum under an 8 MB hard limit). It
/// stays as a margin for the rare shapes that still recurse per element: a long run of set
/// operations (`s1 + s2 + ... `, GAMS's union, resolved as nested logic), and `and`/`or`/`**` runs
/// of variables in a nonlinear term (nested in the expression DAG). Pages are only used when
/// touched.
///
/// Why 120 MB and no more: Linux lays out the memory maps below the main thread's stack with a
/// gap of the stack limit in force at `exec`, but at least 128 MB. Raising the soft limit after
/// the start lets the stack grow into that gap without starting the program again (a restart
/// cost about 15 ms per run); growing past it would run into the maps.
let commandStackBytes: rlim_t = 120 << 20

/// Raises the soft `RLIMIT_STACK` of the main thread, where the command runs (glibc's main heap
/// and the solvers' page prefaulting depend on that), to `commandStackBytes`, as far as the hard
/// limit allows; the run goes on with the stack it has when it cannot.
func ensureLargeStack() {
    #if os(Linux)
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_STACK.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
          limit.rlim_cur < commandStackBytes else { return }
    limit.rlim_cur = limit.rlim_max == rlim_t.max ? commandStackBytes : min(limit.rlim_max, commandStackBytes)
    _ = setrlimit(Int32(RLIMIT_STACK.rawValue), &limit)
    #endif
}
