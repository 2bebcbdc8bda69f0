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
    /// The model as a file should state it, which is the model the solve would hand to GLPK (or,
    /// for a quadratic objective, to a QP solver): a nonlinear model only when its rows are
    /// linear and its objective quadratic (else E5002), the objective variable and its defining
    /// row then taken out (`QuadraticReader`); integer columns made continuous unless the model
    /// type keeps them, since every other type relaxes them; the bounds of integer columns
    /// rounded inward to integers (tolerance 1e-9), since some readers (GLPK) refuse fractional ones.
    public static func prepare(_ model: ScalarModel, modelName: String, modelType: ModelType) throws -> ExportModel {
        var prepared: ExportModel
        do {
            prepared = try QuadraticReader.read(model)
        } catch let e as QuadraticReader.NotQuadratic {
            throw ExportError.nonlinear(model: modelName, type: modelType.rawValue, reason: e.reason)
        }
        guard prepared.linear.hasIntegers else { return prepared }
        if !modelType.keepsIntegers {
            prepared.linear.columnIsInteger = Array(repeating: false, count: prepared.linear.columnCount)
            return prepared
        }
        let tolerance = 1e-9
        var linear = prepared.linear
        for j in 0..<linear.columnCount where linear.columnIsInteger[j] {
            let lower = linear.columnLower[j], upper = linear.columnUpper[j]
            let roundedLower = lower.isFinite ? (lower - tolerance).rounded(.up) : lower
            let roundedUpper = upper.isFinite ? (upper + tolerance).rounded(.down) : upper
            // an empty integer range keeps its bounds: the model is infeasible either way
            if roundedLower <= roundedUpper {
                linear.columnLower[j] = roundedLower
                linear.columnUpper[j] = roundedUpper
            }
        }
        prepared.linear = linear
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

    /// Writes the first solve's model of `source` to `path` in `format`, and its name map
    /// beside it (`NameMap`); returns the lines `enm export` prints. Throws `ExportError` (E5002
    /// nonlinear, E5003 cannot write).
    public static func export(_ model: ScalarModel, modelName: String, modelType: ModelType, objectiveVariable: String,
                              source: String, format: ExportFormat, to path: String) throws -> String {
        let prepared = try prepare(model, modelName: modelName, modelType: modelType)
        var comments = headerComments(modelName: modelName, modelType: modelType, objectiveVariable: objectiveVariable,
                                      sense: model.sense, source: source, model: model,
                                      relaxedIntegers: prepared.linear.hasIntegers != model.hasIntegers)
        let mapPath = NameMap.path(for: path)
        comments.append("names: \(split(mapPath).base) maps each name in this file to the model's")
        if let v = prepared.eliminatedVariable, let r = prepared.eliminatedRow {
            comments.append("the objective variable \(v) and its defining equation \(r) are taken out: the objective is their quadratic expression")
        }
        let written = try format.writer(name: modelName, comments: comments).write(prepared)
        for target in [path, mapPath] where sameFile(target, source) {
            throw ExportError.cannotWrite("the output '\(target)' is the model file itself",
                                          help: ["choose another file with --output"])
        }
        try writeAtomically(written.text, to: path)
        try writeAtomically(NameMap.text(prepared, written: written, objectiveVariable: objectiveVariable), to: mapPath)
        let quadratic = prepared.quadratic.isEmpty ? "" : ", \(prepared.quadratic.count) quadratic objective terms"
        return "wrote \(path): \(model.rowCount) rows, \(model.columnCount) columns, \(model.nonzeroCount) nonzeros\(quadratic)\n"
            + "wrote \(mapPath): the model's names of the file's rows and columns"
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
