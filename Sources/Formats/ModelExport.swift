import IR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `enm export` does once the run has produced the first solve's model: checks, writes and
/// describes the model file.
public enum ModelExport {
    /// The model as a file should state it, which is the model the solve would hand to GLPK:
    /// refused if nonlinear (E5002); integer columns made continuous unless the model type is
    /// `mip`, since every other type relaxes them; the bounds of integer columns rounded inward to
    /// integers (tolerance 1e-9), since some readers (GLPK) refuse fractional ones.
    public static func prepare(_ model: ScalarModel, modelName: String, modelType: ModelType) throws -> ScalarModel {
        if model.isNonlinear { throw ExportError.nonlinear(model: modelName, type: modelType.rawValue) }
        var prepared = model
        guard model.hasIntegers else { return prepared }
        if !modelType.keepsIntegers {
            prepared.columnIsInteger = Array(repeating: false, count: model.columnCount)
            return prepared
        }
        let tolerance = 1e-9
        for j in 0..<model.columnCount where model.columnIsInteger[j] {
            let lower = model.columnLower[j], upper = model.columnUpper[j]
            let roundedLower = lower.isFinite ? (lower - tolerance).rounded(.up) : lower
            let roundedUpper = upper.isFinite ? (upper + tolerance).rounded(.down) : upper
            // an empty integer range keeps its bounds: the model is infeasible either way
            if roundedLower <= roundedUpper {
                prepared.columnLower[j] = roundedLower
                prepared.columnUpper[j] = roundedUpper
            }
        }
        return prepared
    }

    /// `input` with its extension replaced by the format's (`transport.gms` → `transport.mps`,
    /// `run/model` → `run/model.mps`).
    public static func defaultOutputPath(for input: String, format: ExportFormat) -> String {
        let (folder, base) = split(input)
        var stem = base
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { stem = String(base[..<dot]) }
        return folder + stem + "." + format.fileExtension
    }

    /// A path's folder (with its trailing `/`, empty for none) and last component.
    static func split(_ path: String) -> (folder: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// The `*`/`\` comment lines at the top of an exported file.
    public static func headerComments(modelName: String, modelType: ModelType, objectiveVariable: String,
                                      sense: ObjectiveSense, source: String, model: ScalarModel,
                                      relaxedIntegers: Bool) -> [String] {
        var lines = [
            "model \(modelName) of \(split(source).base), written by enm export",
            "solved using \(modelType.rawValue), \(sense == .maximize ? "maximizing" : "minimizing") \(objectiveVariable)",
            "\(model.rowCount) rows, \(model.columnCount) columns, \(model.nonzeroCount) nonzeros",
        ]
        if relaxedIntegers {
            lines.append("integer variables are written as continuous: model type \(modelType.rawValue) relaxes them")
        }
        return lines
    }

    /// Writes the first solve's model of `source` to `path` in `format` and returns the line
    /// `enm export` prints. Throws `ExportError` (E5002 nonlinear, E5003 cannot write).
    public static func export(_ model: ScalarModel, modelName: String, modelType: ModelType, objectiveVariable: String,
                              source: String, format: ExportFormat, to path: String) throws -> String {
        let prepared = try prepare(model, modelName: modelName, modelType: modelType)
        let comments = headerComments(modelName: modelName, modelType: modelType, objectiveVariable: objectiveVariable,
                                      sense: model.sense, source: source, model: model,
                                      relaxedIntegers: prepared.hasIntegers != model.hasIntegers)
        let written = try format.writer(name: modelName, comments: comments).write(prepared)
        if sameFile(path, source) {
            throw ExportError.cannotWrite("the output '\(path)' is the model file itself",
                                          help: ["choose another file with --output"])
        }
        try writeAtomically(written.text, to: path)
        return "wrote \(path): \(model.rowCount) rows, \(model.columnCount) columns, \(model.nonzeroCount) nonzeros"
    }

    /// Whether two paths name the same existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Writes `text` to a new file in the folder of `path`, then renames it to `path`, so that
    /// readers see either the old file or the whole new one. Throws E5003 with the system's reason.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let (folder, base) = split(path)
        let shownFolder = folder.isEmpty ? "." : folder.count > 1 ? String(folder.dropLast()) : folder
        func failure(_ code: Int32) -> ExportError {
            ExportError.cannotWrite("cannot write '\(path)': \(String(cString: strerror(code)))",
                                    help: ["check that the folder '\(shownFolder)' exists and is writable"])
        }
        if base.isEmpty || base == "." || base == ".." { throw failure(EISDIR) }
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            temporary = folder + ".\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        if fd < 0 { throw failure(errno) }
        var bytes = Array(text.utf8)
        var done = 0
        var writeError: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    writeError = errno
                    return
                }
                done += n
            }
        }
        if writeError == 0 && fsync(fd) != 0 { writeError = errno }
        if close(fd) != 0 && writeError == 0 { writeError = errno }
        if writeError != 0 {
            unlink(temporary)
            throw failure(writeError)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code)
        }
    }
}
