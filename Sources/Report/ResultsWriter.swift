import Diagnostics
import Foundation
import IR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of a results folder: its name inside the folder and its text.
public struct ResultFile: Sendable, Equatable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// Why results could not be written: the path that failed and the system's reason.
public struct ResultsWriteError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// The files `enm solve FILE --out DIR` writes: one CSV per displayed set or parameter and per
/// variable and equation with records, in long format, each written atomically.
///
/// Layout (one header line, then one line per record, lines ended by `\n`):
/// - a parameter: one column per index (named after its domain sets), then `value`; only stored
///   entries (nonzero or `EPS`) are listed, a scalar has one line even when it is zero;
/// - a set: one column per index, then `value` (always 1), then `text` when any member has
///   element text;
/// - a variable: index columns, then `level,lower,upper,marginal`;
/// - an equation: index columns, then `level,lower,upper,marginal,slack`, where the slack is
///   `min(level - lower, upper - level)`; its bounds are the row's constant, so a negative zero
///   there is written `0`, not `EPS`.
///
/// Index columns are named after the domain sets; the universe `*` at position k is `dimK`;
/// a set named more than once gets `_1`, `_2`, ... by occurrence; a name equal to a value column
/// gets a further `_2`. Numbers are written in the shortest form that reads back to the same
/// double (`350`, `0.225`, `1e-05`); GAMS's special values as `EPS`, `INF`, `-INF`, `NA`, `UNDF`.
/// Fields containing a comma, a double quote or a line break are quoted as RFC 4180 says.
public enum ResultsWriter {
    /// The CSV files for the final state of `symbols`: displayed sets and parameters (named in
    /// `displayed`, compared case-insensitively) and every variable and equation with records,
    /// in declaration order.
    /// `acronyms` names the model's acronyms in order (an acronym value is written by its name).
    public static func csvFiles(symbols: [Symbol], labels: LabelTable, displayed: Set<String>,
                                acronyms: [String] = []) -> [ResultFile] {
        let shown = Set(displayed.map { $0.lowercased() })
        var files: [ResultFile] = []
        for s in symbols {
            switch s.kind {
            case .set, .parameter:
                guard shown.contains(s.name.lowercased()) else { continue }
                files.append(ResultFile(name: s.name + ".csv", contents: csv(s, labels: labels, acronyms: acronyms)))
            case .variable, .equation:
                guard !s.records.isEmpty else { continue }
                files.append(ResultFile(name: s.name + ".csv", contents: csv(s, labels: labels)))
            case .model:
                continue
            }
        }
        return files
    }

    /// The CSV text of one symbol's current data (layout in the type's description).
    public static func csv(_ s: Symbol, labels: LabelTable, acronyms: [String] = []) -> String {
        let d = s.dimension
        var lines: [String] = []
        func labelFields(_ t: LabelTuple) -> [String] { (0..<d).map { field(labels.name(t[$0])) } }
        switch s.kind {
        case .set:
            let data = s.root.setData
            let members = data.sorted
            let withText = members.contains { !(data.texts[$0] ?? "").isEmpty }
            let valueColumns = withText ? ["value", "text"] : ["value"]
            lines.append(header(s.domainNames, valueColumns))
            for t in members {
                var fields = labelFields(t) + ["1"]
                if withText { fields.append(field(data.texts[t] ?? "")) }
                lines.append(fields.joined(separator: ","))
            }
        case .parameter:
            lines.append(header(s.domainNames, ["value"]))
            // an acronym value by its name
            func value(_ v: Double) -> String {
                guard let k = SpecialValue.acronymIndex(v), k >= 1, k <= acronyms.count else { return number(v) }
                return field(acronyms[k - 1])
            }
            if d == 0 {
                lines.append(value(s.values[LabelTuple(repeating: 0)] ?? 0))
            } else {
                for t in sortedTuples(Array(s.values.keys), d) where SpecialValue.isStored(s.values[t]!) {
                    lines.append((labelFields(t) + [value(s.values[t]!)]).joined(separator: ","))
                }
            }
        case .variable, .equation:
            let isEquation = s.kind == .equation
            lines.append(header(s.domainNames, ["level", "lower", "upper", "marginal"] + (isEquation ? ["slack"] : [])))
            for t in sortedTuples(Array(s.records.keys), d) {
                var r = s.records[t]!
                if isEquation {
                    // an equation's bounds are its constant term: a negative zero there is arithmetic, not EPS
                    r.lower += 0
                    r.upper += 0
                }
                var fields = labelFields(t) + [number(r.level), number(r.lower), number(r.upper), number(r.marginal)]
                if isEquation { fields.append(number(slack(r))) }
                lines.append(fields.joined(separator: ","))
            }
        case .model:
            return ""
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// An equation's slack: the distance of its level from the nearer bound (`INF` for a free row).
    public static func slack(_ r: VarRecord) -> Double {
        if r.level.isNaN { return r.level }
        let below = r.level - r.lower, above = r.upper - r.level
        let s: Double
        if below.isNaN && above.isNaN { s = SpecialValue.undf } else if below.isNaN { s = above } else if above.isNaN { s = below } else { s = Swift.min(below, above) }
        return s == 0 ? 0 : s
    }

    /// The header line: the index column names, then `valueColumns`.
    static func header(_ domain: [String], _ valueColumns: [String]) -> String {
        (indexColumns(domain, reserved: valueColumns).map(field) + valueColumns).joined(separator: ",")
    }

    /// Unique names for the index columns of a symbol over `domain` (see the type's description).
    public static func indexColumns(_ domain: [String], reserved: [String]) -> [String] {
        let bases = domain.enumerated().map { k, name in name == "*" ? "dim\(k + 1)" : name }
        var counts: [String: Int] = [:]
        for b in bases { counts[b.lowercased(), default: 0] += 1 }
        var occurrence: [String: Int] = [:]
        var used = Set(reserved.map { $0.lowercased() })
        var out: [String] = []
        for b in bases {
            let key = b.lowercased()
            var name = b
            if counts[key]! > 1 {
                occurrence[key, default: 0] += 1
                name = "\(b)_\(occurrence[key]!)"
            }
            var candidate = name
            var k = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(name)_\(k)"
                k += 1
            }
            used.insert(candidate.lowercased())
            out.append(candidate)
        }
        return out
    }

    /// Tuples sorted lexicographically by label id (GAMS's order, as `display` lists them).
    static func sortedTuples(_ tuples: [LabelTuple], _ d: Int) -> [LabelTuple] {
        tuples.sorted { a, b in
            for k in 0..<d where a[k] != b[k] { return a[k] < b[k] }
            return false
        }
    }

    /// A value as a CSV field: shortest round-trip digits, or a special value's name.
    public static func number(_ v: Double) -> String {
        // CSV writes +INF without its sign (the --out format, which spreadsheets read as text
        // either way)
        if let name = SpecialValue.name(of: v) { return name == "+INF" ? "INF" : name }
        if v.isNaN { return "UNDF" }
        if v == v.rounded(), abs(v) < 1e16 { return String(Int64(v)) }
        return v.description
    }

    /// A text as a CSV field, quoted when it holds a comma, a double quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - writing

    /// Writes `files` into `directory` (created with its missing parents), each atomically; the
    /// files are written in the given order, so the last one appearing signals that all are there.
    public static func write(_ files: [ResultFile], to directory: String) throws {
        try makeDirectory(directory)
        removeStaleTemporaries(in: directory)
        for f in files {
            try writeAtomically(Array(f.contents.utf8), to: Paths.join(directory, f.name))
        }
        // make the renames durable; a folder that cannot be opened for this is not an error
        let dfd = open(directory, O_RDONLY)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Removes the temporary files (`.NAME.tmp-PID`) that runs killed while writing into
    /// `directory` left behind: those whose process is gone. A run still writing keeps its own.
    static func removeStaleTemporaries(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: ".tmp-", options: .backwards),
                  let pid = Int32(name[marker.upperBound...]), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(Paths.join(directory, name)) }
        }
    }

    /// Creates `path` and its missing parents as folders; an existing folder is fine.
    public static func makeDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw ResultsWriteError(path: path, reason: "it exists and is not a folder") }
            return
        }
        let parent = Paths.directory(of: path)
        if !parent.isEmpty && parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw ResultsWriteError(path: path, reason: systemReason())
        }
    }

    /// Writes `bytes` to `path` atomically (AtomicFile), failures as ResultsWriteError.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let f as AtomicFile.Failure {
            throw ResultsWriteError(path: f.path, reason: f.reason)
        }
    }

    /// The system's words for the current `errno`.
    static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}

/// `write(2)`, named apart from the writers' own `write` methods.
func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
