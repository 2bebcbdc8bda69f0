import Dispatch
import Execution
import Foundation
import IR

/// A live line on a terminal while a solve runs longer than a second, or while a loop of solves
/// has run longer than a second: which model, from which line, for how long, what the backend
/// reports (an interior point's iteration, objective and infeasibility; a search's best integer
/// point, bound, gap and nodes) and, in a loop, how far the loop is, e.g.
/// `solving m using nlp (line 12), 3.4 s — iteration 57, objective 1234.5, infeasibility 1.2e-05
/// — solve 37 of 122 in loop d, 0.3 s each, 26 s left`. It is redrawn in place four times a
/// second and erased when the solve ends, so nothing of it stays in the output.
public final class ProgressLine: @unchecked Sendable {
    private let write: (String) -> Void
    private let queue = DispatchQueue(label: "enm.progress")
    private var timer: DispatchSourceTimer?
    private var drawn = false
    private var solves = 0
    /// What the backend of the current solve last reported.
    private var latest: SolveProgress?
    /// The conflict search after an infeasible solve: re-solves so far and candidates.
    private var conflict: (resolves: Int, candidates: Int)?
    /// The loop the current solve runs in and when the loop's first solve started.
    private var loop: (position: LoopPosition, started: DispatchTime)?

    /// How long a solve runs before the line appears, and how often it is redrawn.
    private let delay: Double, interval: Double
    /// Whether each redraw is a line of its own (standard error is no terminal: a log file),
    /// never erased.
    private let plain: Bool

    /// `write` puts text on the terminal (standard error); the line appears after `delay`
    /// seconds of a solve (or of a loop of solves) and is redrawn every `interval` seconds
    /// (`plain`: written as a new line each time instead).
    public init(write: @escaping (String) -> Void, delay: Double = 1, interval: Double = 0.25, plain: Bool = false) {
        self.write = write
        self.delay = delay
        self.interval = interval
        self.plain = plain
    }

    /// Starts or ends the line for a solve statement, or takes the backend's progress.
    public func show(_ phase: SolvePhase) {
        switch phase {
        case .progress(let p):
            // from the solving thread: never wait for the drawing
            queue.async { self.latest = p }
        case .conflictSearch(let resolves, let candidates):
            queue.async { self.conflict = (resolves, candidates); self.latest = nil }
        case .ended:
            queue.sync { stop() }
        case .started(let model, let type, let line, let position):
            queue.sync { start(model: model, type: type, line: line, position: position) }
        }
    }

    private func start(model: String, type: ModelType, line: Int, position: LoopPosition?) {
        stop()
        solves += 1
        latest = nil
        conflict = nil
        let now = DispatchTime.now()
        if let position {
            let same = loop.map { $0.position.indices == position.indices && $0.position.pass < position.pass } ?? false
            loop = (position, same ? loop!.started : now)
        } else {
            loop = nil
        }
        let count = solves
        // a loop of short solves shows the line as soon as the loop has run for `delay`
        let loopSeconds = loop.map { seconds(since: $0.started) } ?? 0
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now() + (loopSeconds >= delay ? 0 : delay), repeating: interval)
        t.setEventHandler { [weak self] in
            guard let self else { return }
            let head = String(format: "solving %@ using %@ (line %d), %.1f s", model, type.rawValue, line, self.seconds(since: now))
            let backend = self.conflict.map { " — " + ProgressLine.describe(conflictSearch: $0) }
                ?? self.latest.map { " — " + ProgressLine.describe($0) } ?? ""
            let where_ = self.loop.map { " — " + ProgressLine.describe($0.position, since: self.seconds(since: $0.started)) }
                ?? (count > 1 ? " — solve \(count)" : "")
            if self.plain {
                self.write(head + backend + where_ + "\n")
            } else {
                self.write("\r\u{1B}[K" + head + backend + where_)
                self.drawn = true
            }
        }
        timer = t
        t.resume()
    }

    private func seconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }

    /// The backend's words: a search's incumbent, bound, gap and nodes, or an iteration's
    /// objective and infeasibility.
    static func describe(_ p: SolveProgress) -> String {
        func number(_ v: Double) -> String { String(format: "%.6g", v) }
        if let nodes = p.nodes {
            var parts: [String] = []
            if let o = p.objective { parts.append("best integer \(number(o))") }
            if let b = p.bestBound { parts.append("bound \(number(b))") }
            if let o = p.objective, let b = p.bestBound {
                parts.append(String(format: "gap %.2f%%", abs(o - b) / Swift.max(abs(o), 1e-10) * 100))
            }
            parts.append("\(nodes) node\(nodes == 1 ? "" : "s")")
            return parts.joined(separator: ", ")
        }
        var parts = ["iteration \(p.iteration)"]
        if let o = p.objective { parts.append("objective \(number(o))") }
        if let i = p.infeasibility { parts.append(String(format: "infeasibility %.1e", i)) }
        return parts.joined(separator: ", ")
    }

    /// The conflict search's words.
    static func describe(conflictSearch c: (resolves: Int, candidates: Int)) -> String {
        c.candidates == 0 ? "infeasible; looking for the conflict"
            : "infeasible; looking for the conflict among \(c.candidates) rows and bounds, \(c.resolves) re-solves"
    }

    /// Where a loop of solves stands: this pass of all, the mean time of the passes done and
    /// what the rest will take at that pace (from the second pass on).
    static func describe(_ position: LoopPosition, since seconds: Double) -> String {
        let head = "solve \(position.pass) of \(position.passes) in loop \(position.indices)"
        let done = position.pass - 1
        guard done > 0 else { return head }
        let each = seconds / Double(done)
        let left = each * Double(position.passes - done)
        return head + String(format: ", %.1f s each, %.0f s left", each, left)
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
