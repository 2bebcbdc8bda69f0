import Foundation
import Testing

// A corpus of complete models in the style of published GAMS models (GamsCorpus/*.gms), each run
// end to end. A model states what GAMS gives for it in comment lines that start with `*!`:
//
//   *! exit 0                          the run's exit code (0 when not said)
//   *! solves 2                        how many solves ran
//   *! solve 1 status 1 objective 19   a solve's model status and objective (1-based)
//   *! f.l(s,a) = 3                    a displayed record (last display wins; 0 when left out)
//   *! s2 = 6                          a displayed scalar
//   *! card outdeg = 3                 how many records the last display of a symbol shows
//   *! error E1005                     the diagnostics' codes, in order (one line each)
//
// Values are compared within 1e-6 (relative for large ones); `EPS`, `INF`, `-INF` are allowed.
// Files the models include or read sit beside them (*.inc, *.csv, subfolders).

/// The corpus folder.
private let corpusFolder = testsDirectory.appendingPathComponent("GamsCorpus")

/// One expectation of a corpus model.
enum CorpusExpectation: Equatable {
    case exit(Int32)
    case solves(Int)
    case solve(index: Int, status: Int?, objective: Double?)
    case record(symbol: String, attribute: String?, labels: [String], value: Double)
    case count(symbol: String, attribute: String?, records: Int)
    case error(String)

    /// Reads the `*!` lines of a model.
    static func parse(_ source: String) throws -> [CorpusExpectation] {
        try source.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("*!") }
            .map { try parse(line: $0.dropFirst(2).trimmingCharacters(in: .whitespaces)) }
    }

    static func parse(line: String) throws -> CorpusExpectation {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case "exit": return .exit(Int32(words[1]) ?? -1)
        case "solves": return .solves(Int(words[1]) ?? -1)
        case "error": return .error(words[1])
        case "solve":
            var status: Int? = nil, objective: Double? = nil
            var k = 2
            while k + 1 < words.count {
                if words[k] == "status" { status = Int(words[k + 1]) }
                if words[k] == "objective" { objective = value(words[k + 1]) }
                k += 2
            }
            return .solve(index: Int(words[1]) ?? 0, status: status, objective: objective)
        case "card":
            let (symbol, attribute, _) = reference(words[1])
            return .count(symbol: symbol, attribute: attribute, records: Int(words[3]) ?? -1)
        default:
            let sides = line.components(separatedBy: "=")
            guard sides.count == 2, let v = value(sides[1].trimmingCharacters(in: .whitespaces)) else {
                throw CorpusFormatError(line: line)
            }
            let (symbol, attribute, labels) = reference(sides[0].trimmingCharacters(in: .whitespaces))
            return .record(symbol: symbol, attribute: attribute, labels: labels, value: v)
        }
    }

    /// `x.l(a,b)` as symbol, attribute and labels.
    static func reference(_ text: String) -> (String, String?, [String]) {
        var head = text, labels: [String] = []
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            head = String(text[..<open])
            labels = text[text.index(after: open)..<text.index(before: text.endIndex)]
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let parts = head.split(separator: ".", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1].lowercased() : nil, labels)
    }

    static func value(_ text: String) -> Double? {
        switch text.uppercased() {
        case "EPS": return 0
        case "INF", "+INF": return .infinity
        case "-INF": return -.infinity
        default: return Double(text)
        }
    }
}

struct CorpusFormatError: Error, CustomStringConvertible {
    var line: String
    var description: String { "cannot read the expectation '*! \(line)'" }
}

/// The corpus models, by file name.
private func corpusModels() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".gms") }.sorted()
}

@Suite struct GamsCorpusTests {
    @Test func theCorpusIsLargeAndEveryModelStatesItsOutcome() throws {
        let models = corpusModels()
        #expect(models.count >= 60, "\(models.count) corpus models")
        for name in models {
            let source = try String(contentsOf: corpusFolder.appendingPathComponent(name), encoding: .utf8)
            let expectations = try CorpusExpectation.parse(source)
            #expect(expectations.contains { if case .record = $0 { return true } else { return false } }
                    || expectations.contains { if case .error = $0 { return true } else { return false } },
                    "\(name) checks no displayed value")
        }
    }

    @Test(arguments: corpusModels())
    func modelRunsAsGAMSRunsIt(_ name: String) throws {
        let source = try String(contentsOf: corpusFolder.appendingPathComponent(name), encoding: .utf8)
        let expectations = try CorpusExpectation.parse(source)
        let run = runModel("GamsCorpus/\(name)")
        let errors = expectations.compactMap { if case .error(let c) = $0 { return c } else { return nil } }
        let exit = expectations.compactMap { if case .exit(let c) = $0 { return c } else { return nil } }.first
        #expect(run.result.exitCode.rawValue == exit ?? (errors.isEmpty ? 0 : 1), "\(name):\n\(run.diagnostics)")
        #expect(run.result.diagnostics.filter { $0.severity == .error }.map(\.code) == errors, "\(name):\n\(run.diagnostics)")
        for e in expectations {
            switch e {
            case .solves(let n):
                #expect(run.solves.count == n, "\(name): \(run.solves.count) solves")
            case .solve(let k, let status, let objective):
                guard k >= 1, k <= run.solves.count else {
                    Issue.record("\(name): no solve \(k) (\(run.solves.count) ran)")
                    continue
                }
                let s = run.solves[k - 1]
                if let status { #expect(Int(s.modelStatus.rawValue) == status, "\(name): solve \(k) status \(s.modelStatus)") }
                if let objective {
                    #expect(close(s.objective ?? .nan, objective), "\(name): solve \(k) objective \(String(describing: s.objective))")
                }
            case .record(let symbol, let attribute, let labels, let value):
                let records = run.records(symbol, attribute)
                let shown = run.result.events.contains {
                    if case .display(let d) = $0 { return d.symbol.lowercased() == symbol.lowercased() && d.attribute == attribute }
                    return false
                }
                #expect(shown, "\(name): \(symbol) is never displayed")
                let actual = records[labels] ?? 0
                #expect(actual == value || close(actual, value), "\(name): \(symbol)\(attribute.map { ".\($0)" } ?? "")(\(labels.joined(separator: ","))) = \(actual), expected \(value)")
            case .count(let symbol, let attribute, let n):
                #expect(run.records(symbol, attribute).count == n, "\(name): \(symbol) shows \(run.records(symbol, attribute).count) records")
            case .exit, .error:
                break
            }
        }
    }
}
