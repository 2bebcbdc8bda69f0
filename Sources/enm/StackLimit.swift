import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The stack the command runs with. The parser bounds nesting (E0070) to what an 8 MB stack
/// holds, but some passes still recurse once per term of a flat chain, and a script-generated
/// model may hold a sum of 100,000 terms; the pages are only used when touched.
let commandStackBytes: rlim_t = 1 << 30

/// Set in the environment of the process `ensureLargeStack` starts, so that it starts one only.
let stackRestartVariable = "ENM_STACK_RESTARTED"

/// Makes sure the main thread may grow its stack to `commandStackBytes`: raises the soft
/// `RLIMIT_STACK` and starts the program again once, because Linux places the memory maps
/// below the stack by the limit in force when the program started. The command stays on the
/// main thread (glibc's main heap and the solvers' page prefaulting depend on that). When the
/// limit cannot be raised, or the restart fails, the run goes on with the stack it has.
func ensureLargeStack() {
    #if os(Linux)
    if getenv(stackRestartVariable) != nil {
        unsetenv(stackRestartVariable)
        return
    }
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_STACK.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max,
          limit.rlim_cur < commandStackBytes else { return }
    let wanted = limit.rlim_max == rlim_t.max ? commandStackBytes : min(limit.rlim_max, commandStackBytes)
    guard wanted > limit.rlim_cur else { return }
    limit.rlim_cur = wanted
    guard setrlimit(Int32(RLIMIT_STACK.rawValue), &limit) == 0 else { return }
    setenv(stackRestartVariable, "1", 1)
    var arguments = CommandLine.unsafeArgv
    execv("/proc/self/exe", &arguments[0])
    // still here: the restart failed; go on with the stack the kernel laid out
    unsetenv(stackRestartVariable)
    #endif
}
