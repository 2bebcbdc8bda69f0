import Diagnostics
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

    /// Writes `text` to `path` atomically (AtomicFile). Throws E5003 with the system's reason.
    public static func writeAtomically(_ text: String, to path: String) throws {
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch let f as AtomicFile.Failure {
            let folder = Paths.directory(of: path)
            throw ExportError.cannotWrite("cannot write '\(path)': \(f.reason)",
                                          help: ["check that the folder '\(folder.isEmpty ? "." : folder)' exists and is writable"])
        }
    }
}
