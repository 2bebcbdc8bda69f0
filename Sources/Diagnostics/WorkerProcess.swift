#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A worker process of the running `enm` (`enm grid-job --serve`, `enm solver-job --serve`):
/// one end of a socket is its standard input, the parent keeps the other end to send work and
/// read answers.
public struct WorkerProcess: Sendable {
    public let pid: pid_t
    /// The parent's end of the socket (close-on-exec).
    public let socket: Int32

    /// What the child's descriptors become, in order, after the socket became its standard input.
    public enum Descriptor: Sendable {
        /// The socket also as descriptor `fd` (the standard output that answers).
        case socket(Int32)
        /// Descriptor `from` of the parent copied to `fd` in the child.
        case copy(Int32, to: Int32)
        /// `/dev/null` opened for writing as `fd`.
        case discard(Int32)
    }

    /// Starts `executable` with `arguments` (without the program name) and `environment` (nil:
    /// the parent's); nil with `errno` set when it cannot start. The socket is made
    /// close-on-exec, so that no other child started meanwhile inherits its other end.
    public static func start(_ executable: String, _ arguments: [String], descriptors: [Descriptor] = [],
                             environment: [String: String]? = nil) -> WorkerProcess? {
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        for d in descriptors {
            switch d {
            case .socket(let fd): posix_spawn_file_actions_adddup2(&actions, pair[1], fd)
            case .copy(let from, let fd): posix_spawn_file_actions_adddup2(&actions, from, fd)
            case .discard(let fd): posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            }
        }
        let args: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in args { free(a) } }
        let env: [UnsafeMutablePointer<CChar>?] = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] } ?? []
        defer { for e in env { free(e) } }
        var pid: pid_t = 0
        let rc = env.isEmpty ? posix_spawn(&pid, executable, &actions, nil, args, environ)
                             : posix_spawn(&pid, executable, &actions, nil, args, env)
        close(pair[1])
        guard rc == 0 else {
            close(pair[0])
            errno = rc
            return nil
        }
        return WorkerProcess(pid: pid, socket: pair[0])
    }

    /// Waits for the process to end (after its socket was closed or it was killed); its wait
    /// status.
    @discardableResult
    public func reap() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }
}
