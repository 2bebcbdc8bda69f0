import Diagnostics
import Foundation
import IR
import Semantics
import Syntax

/// Why a put file could not be written (the driver's writer throws it).
public struct PutWriteFailure: Error {
    public var reason: String
    /// What to do about it, when not the folder's permissions.
    public var help: [String]?
    public init(reason: String, help: [String]? = nil) {
        self.reason = reason
        self.help = help
    }
}

/// The put files of a run: each open file's page in memory, written at `putclose` and at the
/// end of the run.
public final class PutOutput {
    /// Writes a file's bytes to a path (atomically); nil writes nothing (`enm check`).
    public var writer: ((String, [UInt8]) throws -> Void)?
    /// Turns the lines written to a file with `.ledger = 1` into hash-chained records following
    /// the file's earlier contents (its arguments: the lines, the earlier contents); nil writes
    /// such a file as it was put. It throws `PutWriteFailure` for lines that are not records.
    public var ledgerSealer: (([UInt8], [UInt8]) throws -> [UInt8])?
    /// The folder relative file names are resolved against (GAMS takes the working directory;
    /// enm the model file's folder, the same when a model is run from its folder).
    public var directory = "."
    /// The model file (`system.ifile`).
    public var inputFile = ""
    /// The paths written, in order (a file closed and reopened is listed again).
    public private(set) var writtenFiles: [String] = []
    /// Whether a file could not be written.
    public private(set) var failed = false
    var pages: [ObjectIdentifier: PutPage] = [:]
    /// The file put statements write to.
    var current: PutFileR?

    public init() {}

    func page(_ file: PutFileR) -> PutPage {
        if let p = pages[ObjectIdentifier(file)] { return p }
        let p = PutPage(file: file)
        pages[ObjectIdentifier(file)] = p
        return p
    }

    /// The file's path as written to disk.
    func path(of file: PutFileR) -> String {
        directory == "." ? file.path : Paths.join(directory, file.path)
    }

    /// Writes the page of `file` (lines filled to `fillWidth` when given) and closes it; a
    /// failure is reported at `span`.
    func close(_ file: PutFileR, fillWidth: Int?, ledger: Bool, at span: SourceSpan, diagnostics: DiagnosticBag) {
        let page = page(file)
        guard page.isOpen else { return }
        page.isOpen = false
        guard let writer else { return }
        let target = path(of: file)
        do {
            if let problem = page.appendProblem { throw PutWriteFailure(reason: problem) }
            var bytes = page.bytes(fillWidth: fillWidth)
            if ledger, let seal = ledgerSealer { bytes = try seal(bytes, page.prefix) }
            try writer(target, page.prefix + bytes)
            writtenFiles.append(target)
        } catch {
            failed = true
            let reason = (error as? PutWriteFailure)?.reason ?? "\(error)"
            diagnostics.error(.E6010, "cannot write put file '\(target)' of file '\(file.name)': \(reason)", at: span,
                              help: (error as? PutWriteFailure)?.help ?? ["check that the folder exists and can be written"])
        }
    }
}

/// The current page of a put file: lines of characters and the cursor.
final class PutPage {
    let file: PutFileR
    var lines: [[Character]] = [[]]
    /// The cursor: 0-based line and column.
    var row = 0
    var column = 0
    /// Items written on the current line (delimited files put a delimiter before the next).
    var itemsOnLine = 0
    var isOpen = false
    /// Why an appended file's earlier contents could not be read (the page is then not written).
    var appendProblem: String?
    /// An appended file's earlier contents.
    var prefix: [UInt8] = []
    /// The cursor as last published in `.cc`/`.cr` (an assignment there moves the cursor).
    var publishedColumn = 1.0, publishedRow = 1.0
    /// Whether writing past the page width was reported.
    var reportedWidth = false

    init(file: PutFileR) { self.file = file }

    /// Starts an empty page; with `append`, after the file's current contents.
    func open(path: String, append: Bool) {
        lines = [[]]
        row = 0
        column = 0
        itemsOnLine = 0
        isOpen = true
        prefix = []
        appendProblem = nil
        guard append, FileManager.default.fileExists(atPath: path) else { return }
        // the earlier contents are read as any input file is: a device or a FIFO would be read
        // forever (or block), and the page is written whole after them
        switch InputFile.read(path) {
        case .success(let data): prefix = [UInt8](data)
        case .failure(let e): appendProblem = "cannot append to it: it \(e.reason)"
        }
    }

    /// Writes `text` at the cursor, over what is there; returns false when it was cut at `width`.
    func write(_ text: String, width: Int) -> Bool {
        var chars = Array(text)
        let room = max(width - column, 0)
        let fits = chars.count <= room
        if !fits { chars = Array(chars.prefix(room)) }
        var line = lines[row]
        if line.count < column { line.append(contentsOf: repeatElement(" ", count: column - line.count)) }
        let end = column + chars.count
        line.replaceSubrange(column..<min(end, line.count), with: chars)
        lines[row] = line
        column = end
        itemsOnLine += 1
        return fits
    }

    /// Moves the cursor to `line` (0-based), adding empty lines as needed.
    func moveTo(line: Int) {
        while lines.count <= line { lines.append([]) }
        row = line
        column = 0
        itemsOnLine = 0
    }

    /// The file's bytes: lines without trailing blanks (filled to `fillWidth` when given), each
    /// ended by a line feed; an empty last line (after a final `/`) adds none.
    func bytes(fillWidth: Int? = nil) -> [UInt8] {
        var out = ""
        let count = lines.last?.isEmpty ?? true ? lines.count - 1 : lines.count
        for line in lines.prefix(count) {
            var text = String(line)
            while text.last == " " { text.removeLast() }
            if let w = fillWidth, text.count < w { text += String(repeating: " ", count: w - text.count) }
            out += text + "\n"
        }
        return Array(out.utf8)
    }
}

extension Interpreter {
    /// A file declaration: the attributes take their defaults.
    func declarePutFiles(_ files: [PutFileR]) {
        for f in files {
            var values: [String: Double] = [:]
            for a in PutFileAttribute.allCases { values[a.rawValue] = a.defaultValue }
            modelAttributes[f.attributes.id] = values
        }
    }

    /// The current value of a file attribute.
    func attribute(_ file: PutFileR, _ a: PutFileAttribute) -> Double {
        modelAttributes[file.attributes.id]?[a.rawValue] ?? a.defaultValue
    }

    /// A whole-number attribute clamped to `range`.
    func attribute(_ file: PutFileR, _ a: PutFileAttribute, in range: ClosedRange<Int>) -> Int {
        let v = attribute(file, a)
        guard v.isFinite else { return range.lowerBound }
        return Swift.min(Swift.max(Int(v.rounded()), range.lowerBound), range.upperBound)
    }

    /// Runs a put or putclose statement.
    func put(_ p: PutR) {
        if let c = p.condition, !truth(eval(c)) { return }
        for item in p.items {
            switch item {
            case .selectFile(let f):
                select(f)
            case .newLine:
                guard let page = currentPage(p.span) else { return }
                page.moveTo(line: page.row + 1)
            case .column(let n):
                guard let page = currentPage(p.span), !isDelimited(page.file) else { continue }
                let width = attribute(page.file, .pw, in: 1...32767)
                page.column = Swift.min(Swift.max(Int(eval(n).rounded()) - 1, 0), width)
            case .row(let n):
                guard let page = currentPage(p.span), !isDelimited(page.file) else { continue }
                let size = attribute(page.file, .ps, in: 1...Int(Int32.max))
                page.moveTo(line: (page.row / size) * size + Swift.max(Int(eval(n).rounded()) - 1, 0))
            case .write(let value, let format, let condition):
                if let c = condition, !truth(eval(c)) { continue }
                guard let page = currentPage(p.span) else { return }
                write(value, format, to: page, at: p.span)
            }
            // `f.cc` and `f.cr` follow the cursor item by item (`put @9 f.cc` writes 9)
            if let f = putOutput.current { publishCursor(putOutput.page(f)) }
        }
        if p.closes, let f = putOutput.current {
            close(f, at: p.span)
        }
    }

    /// Makes `file` current, opening it (again) when it is closed.
    func select(_ file: PutFileR) {
        putOutput.current = file
        let page = putOutput.page(file)
        if !page.isOpen {
            page.open(path: putOutput.path(of: file), append: attribute(file, .ap) != 0)
            publishCursor(page)
        }
    }

    /// The current file's open page (reopened after `putclose`); nil, with an error, when no
    /// file was named yet.
    func currentPage(_ span: SourceSpan) -> PutPage? {
        guard let file = putOutput.current else {
            runtimeError(.E4040, "put statement without a file: no 'put f' has run yet", at: span)
            return nil
        }
        let page = putOutput.page(file)
        if !page.isOpen { select(file) }
        // `f.cc = 10;` or `f.cr = 3;` since the last put moves the cursor there
        let cc = attribute(file, .cc), cr = attribute(file, .cr)
        if cr != page.publishedRow, cr.isFinite, cr >= 1 {
            page.moveTo(line: Int(cr.rounded()) - 1)
            page.publishedRow = cr
        }
        if cc != page.publishedColumn, cc.isFinite, cc >= 1 {
            page.column = Int(cc.rounded()) - 1
            page.publishedColumn = cc
        }
        return page
    }

    /// Publishes the cursor in `.cc`, `.cr` and the line count in `.ll`.
    func publishCursor(_ page: PutPage) {
        page.publishedColumn = Double(page.column + 1)
        page.publishedRow = Double(page.row + 1)
        modelAttributes[page.file.attributes.id, default: [:]][PutFileAttribute.cc.rawValue] = page.publishedColumn
        modelAttributes[page.file.attributes.id, default: [:]][PutFileAttribute.cr.rawValue] = page.publishedRow
        modelAttributes[page.file.attributes.id, default: [:]][PutFileAttribute.ll.rawValue] = Double(page.lines.count)
    }

    /// Whether the file is written as delimited items (`.pc` 4, 5, 6, 8).
    func isDelimited(_ file: PutFileR) -> Bool {
        [4, 5, 6, 8].contains(attribute(file, .pc, in: 0...8))
    }

    /// Writes one value at the page's cursor, formatted by the file's attributes and the
    /// item's own format.
    func write(_ value: PutValueR, _ format: PutFormat?, to page: PutPage, at span: SourceSpan) {
        let f = page.file
        let pc = attribute(f, .pc, in: 0...8)
        let pageWidth = attribute(f, .pw, in: 1...32767)
        var text: String
        if isDelimited(f) {
            // delimited: no fields; texts quoted except with .pc 8
            text = unpaddedText(value, format, f)
            if !isNumber(value), pc != 8 { text = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            if page.itemsOnLine > 0 { text = (pc == 5 ? "," : (pc == 6 ? "\t" : " ")) + text }
        } else {
            text = fieldText(value, format, f)
        }
        if !page.write(text, width: pageWidth) && !page.reportedWidth {
            page.reportedWidth = true
            diagnostics.warning(.W4040, "put file '\(f.name)': a line is longer than the page width \(pageWidth); the rest is cut",
                                at: span, help: ["widen the page with '\(f.name).pw = 1000;' (at most 32767)"])
        }
    }

    func isNumber(_ value: PutValueR) -> Bool {
        if case .number = value { return true }
        return false
    }

    /// A value in its field: width and justification of its kind, or the item's own.
    func fieldText(_ value: PutValueR, _ format: PutFormat?, _ f: PutFileR) -> String {
        let (widthAttribute, justificationAttribute): (PutFileAttribute, PutFileAttribute)
        switch value {
        case .number: (widthAttribute, justificationAttribute) = (.nw, .nj)
        case .label: (widthAttribute, justificationAttribute) = (.lw, .lj)
        case .setValue: (widthAttribute, justificationAttribute) = (.sw, .sj)
        case .text, .elementText, .system: (widthAttribute, justificationAttribute) = (.tw, .tj)
        }
        let width = format?.width ?? attribute(f, widthAttribute, in: 0...32767)
        var justification = attribute(f, justificationAttribute, in: 1...3)
        switch format?.alignment {
        case .left: justification = 2
        case .right: justification = 1
        case .center: justification = 3
        case nil: break
        }
        if case .number(let n) = value {
            return putField(numberText(eval(n), f, format, width: width), width: width, justification: justification)
        }
        return putField(unpaddedText(value, format, f), width: width, justification: justification)
    }

    /// A number as the put file writes it; an acronym by its name.
    func numberText(_ v: Double, _ f: PutFileR, _ format: PutFormat?, width: Int) -> String {
        if let k = SpecialValue.acronymIndex(v) { return acronymName(k) }
        return numberFormat(f, format, width: width).text(v)
    }

    func numberFormat(_ f: PutFileR, _ format: PutFormat?, width: Int) -> PutNumberFormat {
        PutNumberFormat(width: width, decimals: format?.decimals ?? attribute(f, .nd, in: 0...15),
                        representation: attribute(f, .nr, in: 0...4), zeroTolerance: attribute(f, .nz))
    }

    /// A value's text without its field.
    func unpaddedText(_ value: PutValueR, _ format: PutFormat?, _ f: PutFileR) -> String {
        switch value {
        case .text(let s): return s
        case .number(let n): return numberText(eval(n), f, format, width: 0)
        case .label(let index):
            guard let t = tuple([index]) else { return "" }
            return labels.name(t[0])
        case .elementText(let set, let args):
            guard let t = tuple(args) else { return "" }
            let text = set.setData.texts[t] ?? ""
            if !text.isEmpty || attribute(f, .tf) == 0 || !set.setData.contains(t) { return text }
            return (0..<set.dimension).map { labels.name(t[$0]) }.joined(separator: ".")
        case .setValue(let set, let args):
            guard let t = tuple(args) else { return "NO" }
            return set.setData.contains(t) ? "YES" : "NO"
        case .system(let name):
            return systemText(name)
        }
    }

    /// `system.date` (mm/dd/yy), `system.time` (hh:mm:ss), `system.title`, `system.ifile`.
    func systemText(_ name: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        switch name {
        case "date": formatter.dateFormat = "MM/dd/yy"
        case "time": formatter.dateFormat = "HH:mm:ss"
        case "ifile": return putOutput.inputFile
        default: return ""
        }
        return formatter.string(from: Date())
    }

    /// Writes and closes every open put file (the end of the run).
    public func finishPutFiles() {
        for page in putOutput.pages.values.sorted(by: { $0.file.attributes.id > $1.file.attributes.id }) {
            close(page.file, at: page.file.span)
        }
    }

    /// Writes and closes one file; `.pc = 7` fills its lines to the page width.
    func close(_ file: PutFileR, at span: SourceSpan) {
        let fill = attribute(file, .pc, in: 0...8) == 7 ? attribute(file, .pw, in: 1...32767) : nil
        putOutput.close(file, fillWidth: fill, ledger: attribute(file, .ledger) != 0, at: span, diagnostics: diagnostics)
    }
}
