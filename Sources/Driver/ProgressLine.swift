import Dispatch
import Execution
import Foundation

/// A live line on a terminal while a solve runs longer than a second: which model, from which
/// line, for how long, and how many solves the run has done (a loop of solves counts up), e.g.
/// `solving m using lp (line 12), 3.4 s — solve 37`. It is redrawn in place four times a second
/// and erased when the solve ends, so nothing of it stays in the output.
public final class ProgressLine: @unchecked Sendable {
    private let write: (String) -> Void
    private let queue = DispatchQueue(label: "enm.progress")
    private var timer: DispatchSourceTimer?
    private var drawn = false
    private var solves = 0

    /// How long a solve runs before the line appears, and how often it is redrawn.
    private let delay: Double, interval: Double

    /// `write` puts text on the terminal (standard error); the line appears after `delay`
    /// seconds of a solve and is redrawn every `interval` seconds.
    public init(write: @escaping (String) -> Void, delay: Double = 1, interval: Double = 0.25) {
        self.write = write
        self.delay = delay
        self.interval = interval
    }

    /// Starts or ends the line for a solve statement.
    public func show(_ phase: SolvePhase) {
        queue.sync {
            stop()
            guard case .started(let model, let type, let line) = phase else { return }
            solves += 1
            let count = solves
            let start = DispatchTime.now()
            let t = DispatchSource.makeTimerSource(queue: queue)
            t.schedule(deadline: .now() + delay, repeating: interval)
            t.setEventHandler { [weak self] in
                guard let self else { return }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                let text = String(format: "solving %@ using %@ (line %d), %.1f s", model, type.rawValue, line, seconds)
                self.write("\r\u{1B}[K" + text + (count > 1 ? " — solve \(count)" : ""))
                self.drawn = true
            }
            timer = t
            t.resume()
        }
    }

    /// Cancels the timer and erases the line if it was drawn (on the progress queue).
    private func stop() {
        timer?.cancel()
        timer = nil
        if drawn {
            write("\r\u{1B}[K")
            drawn = false
        }
    }
}
