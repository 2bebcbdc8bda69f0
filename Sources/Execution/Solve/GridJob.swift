#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import Foundation
import IR

/// A solve as a grid job (`solveLink` 3): a directory that holds everything the backend run
/// needs, so that another `enm` process, on this machine or on a cluster node that shares the
/// file system, runs it (`enm grid-job DIR`) and leaves its result beside it.
///
/// Every file is written atomically (whole or not at all) but not flushed to disk: they are
/// read at once by the other side and are worth nothing after a crash of either.
///
/// The directory:
/// - `job.json`: the manifest (format name and version, byte order, handle, model type,
///   backend, size), written last: a directory without it is no job yet;
/// - `model.bin`: the generated model with its provenance, the reductions' settings, the
///   backend's options and warm start (`IR/BinaryCoding.swift`);
/// - `start.bin`: the simplex basis to start from, when the local pool starts the job after
///   its predecessor in the statement's chain of warm starts ended;
/// - `result.bin`: written by the worker, atomically: statuses, levels, marginals, attributes,
///   warm-start data, seconds;
/// - `log.txt`: the worker's standard output and error (the backend's own log with `--log`);
/// - `worker.pid` (local pool) or `slurm.job` (Slurm): who runs it, for a person looking in.
enum GridJob {
    static let manifest = "job.json", model = "model.bin", start = "start.bin", result = "result.bin", log = "log.txt"
    static let formatVersion = 2
    private static let modelMagic: UInt64 = 0x31_42_4F_4A_4D_4E_45  // "ENMJOB1"
    private static let resultMagic: UInt64 = 0x31_53_45_52_4D_4E_45  // "ENMRES1"

    /// Writes `job` into `directory` (made if missing); the manifest comes last.
    static func write(_ job: SolveJob, to directory: String, handle: Int) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var sink = ByteSink(reserving: 64 + 40 * job.pipeline.generated.nonzeroCount)
        sink.put(modelMagic)
        sink.put(job.modelType.rawValue); sink.put(job.backend.name)
        sink.put(Int64(job.threads)); sink.put(job.chainBases)
        job.pipeline.generated.encode(into: &sink)
        sink.put(Int64(job.pipeline.objectiveColumn))
        encode(job.pipeline.settings, into: &sink)
        job.options.encode(into: &sink)
        try AtomicFile.write(sink.bytes, to: Paths.join(directory, model), durable: false)
        let manifest: [String: Any] = [
            "format": "enm grid job", "version": formatVersion, "byteOrder": byteOrder, "handle": handle,
            "type": job.modelType.rawValue, "solver": job.backend.name,
            "rows": job.pipeline.generated.rowCount, "columns": job.pipeline.generated.columnCount,
        ]
        let json = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        try AtomicFile.write(Array(json) + [10], to: Paths.join(directory, GridJob.manifest), durable: false)
    }

    static var byteOrder: String { 1.littleEndian == 1 ? "little" : "big" }

    /// Reads the job in `directory` back, with the backend `solvers` registers under its name
    /// for its model type.
    static func read(_ directory: String, solvers: SolverRegistry) throws -> SolveJob {
        let manifestData = try readFile(Paths.join(directory, manifest))
        guard let m = try? JSONSerialization.jsonObject(with: Data(manifestData)) as? [String: Any],
              m["format"] as? String == "enm grid job" else {
            throw ByteSourceError("\(manifest) is not an enm grid job manifest")
        }
        guard m["version"] as? Int == formatVersion else {
            throw ByteSourceError("the job has format version \(m["version"] ?? "?"); this enm reads version \(formatVersion)")
        }
        guard m["byteOrder"] as? String == byteOrder else { throw ByteSourceError("the job was written in another byte order") }
        var source = ByteSource(try readFile(Paths.join(directory, model)))
        guard try source.get(UInt64.self) == modelMagic else { throw ByteSourceError("\(model) is not an enm grid model") }
        let typeName = try source.string(), backendName = try source.string()
        guard let type = ModelType(rawValue: typeName), let entry = solvers.entry(named: backendName, serving: type) else {
            throw ByteSourceError("no backend '\(backendName)' for model type '\(typeName)'")
        }
        let threads = try source.int(), chainBases = try source.bool()
        let generated = try ScalarModel.decode(from: &source)
        let objectiveColumn = try source.int()
        let settings = try decodeSettings(from: &source)
        var options = try SolveOptions.decode(from: &source)
        guard source.isAtEnd else { throw ByteSourceError("\(model) has bytes after the job") }
        // a job's standard output and error are its log.txt
        options.outputIsLog = true
        if FileManager.default.fileExists(atPath: Paths.join(directory, start)) {
            var s = ByteSource(try readFile(Paths.join(directory, start)))
            options.startBasis = SimplexBasis(rows: try s.array(), columns: try s.array())
        }
        guard objectiveColumn >= -1, objectiveColumn < generated.columnCount else {
            throw ByteSourceError("the objective column \(objectiveColumn) is not a column of the model")
        }
        let pipeline = SolvePipeline(generated, objectiveColumn: objectiveColumn, settings: settings, loadOnly: false)
        return SolveJob(pipeline: pipeline, backend: entry.backend, modelType: type, options: options,
                        threads: Swift.max(1, threads), chainBases: chainBases)
    }

    private static func encode(_ s: PipelineSettings, into sink: inout ByteSink) {
        sink.put(s.nonlinear); sink.put(s.projectionTolerance); sink.put(s.holdFixed)
        sink.put(s.relaxImpliedBounds); sink.put(s.decomposeBlocks)
        sink.put(s.scaling != nil)
        if let f = s.scaling {
            for table in [f.columns, f.rows] {
                let keys = table.keys.sorted()
                sink.put(array: keys.map { Int64($0) }); sink.put(array: keys.map { table[$0]! })
            }
        }
    }

    private static func decodeSettings(from source: inout ByteSource) throws -> PipelineSettings {
        var s = PipelineSettings()
        s.nonlinear = try source.bool(); s.projectionTolerance = try source.double(); s.holdFixed = try source.bool()
        s.relaxImpliedBounds = try source.bool(); s.decomposeBlocks = try source.bool()
        if try source.bool() {
            var f = ScaleFactors()
            for k in 0..<2 {
                let keys: [Int64] = try source.array(), values: [Double] = try source.array()
                guard keys.count == values.count else { throw ByteSourceError("scale factors do not fit together") }
                let table = Dictionary(zip(keys.map { Int($0) }, values), uniquingKeysWith: { a, _ in a })
                if k == 0 { f.columns = table } else { f.rows = table }
            }
            s.scaling = f
        }
        return s
    }

    /// Writes the basis the job starts from as `start.bin` (none: removes it).
    static func writeStart(_ basis: SimplexBasis?, to directory: String) throws {
        let path = Paths.join(directory, start)
        guard let basis else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        var sink = ByteSink()
        sink.put(array: basis.rows); sink.put(array: basis.columns)
        try AtomicFile.write(sink.bytes, to: path, durable: false)
    }

    /// Writes the outcome of a run as `result.bin`, atomically.
    static func writeResult(_ outcome: SolveJobOutcome, to directory: String) throws {
        var sink = ByteSink()
        sink.put(resultMagic)
        outcome.result.encode(into: &sink)
        sink.put(outcome.measuredSeconds)
        try AtomicFile.write(sink.bytes, to: Paths.join(directory, result), durable: false)
    }

    /// The job's result when it is there (nil when not yet); a damaged file throws.
    static func readResult(_ directory: String, startedAt: UInt64) throws -> SolveJobOutcome? {
        let path = Paths.join(directory, result)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var source = ByteSource(try readFile(path))
        guard try source.get(UInt64.self) == resultMagic else { throw ByteSourceError("\(result) is not an enm grid result") }
        let r = try SolveResult.decode(from: &source)
        let seconds = try source.double()
        return SolveJobOutcome(result: r, startedAt: startedAt, measuredSeconds: seconds)
    }

    private static func readFile(_ path: String) throws -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw ByteSourceError("cannot read \(path)")
        }
        return [UInt8](d)
    }
}

/// The worker side of a grid job: `enm grid-job DIR`, or `enm grid-job --serve` for the local
/// pool's workers.
public enum GridWorker {
    /// Runs the job folders named on standard input, one a line, each with its output in its
    /// `log.txt`; after each, its exit status as a line on standard output. Ends at the end of
    /// the input.
    public static func serve(solvers: SolverRegistry) -> Int32 {
        let reply = dup(1)
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            guard let end = pending.firstIndex(of: 10) else {
                let n = read(0, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return 0 }
                pending += buffer[0 ..< n]
                continue
            }
            let directory = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(...end)
            let log = open(Paths.join(directory, GridJob.log), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if log >= 0 {
                dup2(log, 1)
                dup2(log, 2)
                close(log)
            }
            let status = run(directory: directory, solvers: solvers)
            let line = Array("\(status)\n".utf8)
            guard line.withUnsafeBytes({ write(reply, $0.baseAddress, $0.count) }) == line.count else { return 0 }
        }
    }

    /// Runs the job in `directory` with the backends of `solvers` and writes its result there;
    /// the exit status (0 when the result is written). Problems go to standard error, which the
    /// submitter sends to the job's log.
    public static func run(directory: String, solvers: SolverRegistry) -> Int32 {
        do {
            let job = try GridJob.read(directory, solvers: solvers)
            let outcome = job.run()
            try GridJob.writeResult(outcome, to: directory)
            return 0
        } catch let e as ByteSourceError {
            FileHandle.standardError.write(Data("enm grid-job: \(directory): \(e.reason)\n".utf8))
        } catch let e as AtomicFile.Failure {
            FileHandle.standardError.write(Data("enm grid-job: cannot write \(e.path): \(e.reason)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("enm grid-job: \(directory): \(error)\n".utf8))
        }
        return 2
    }
}
