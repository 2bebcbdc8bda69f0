/// The compact binary form a grid job travels in (a generated model to a worker process, its
/// result back): fixed-width numbers in the machine's byte order, arrays as a count and their
/// bytes, strings as UTF-8 with a count. The job's manifest records the byte order; the
/// reader checks every length against what is left, so a damaged file is an error, never a
/// trap.

/// Appends values to a byte buffer.
public struct ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init(reserving capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func put<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v) { bytes.append(contentsOf: $0) }
    }
    public mutating func put(_ v: Double) { put(v.bitPattern) }
    public mutating func put(_ v: Bool) { put(UInt8(v ? 1 : 0)) }
    public mutating func put(_ s: String) {
        let utf8 = Array(s.utf8)
        put(Int64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
    /// An optional as a presence byte and the value.
    public mutating func put(_ v: Double?) {
        put(v != nil)
        if let v { put(v) }
    }
    /// An array of plain values (numbers, `Bool`): its count and its bytes.
    public mutating func put<T: BitwiseCopyable>(array: [T]) {
        put(Int64(array.count))
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
    public mutating func put(strings: [String]) {
        put(Int64(strings.count))
        for s in strings { put(s) }
    }
}

/// Why a binary job file could not be read.
public struct ByteSourceError: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Reads values back in the order a `ByteSink` wrote them.
public struct ByteSource {
    private let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ n: Int) throws -> Range<Int> {
        guard n >= 0, n <= bytes.count - offset else {
            throw ByteSourceError("the file ends early (\(n) bytes wanted at offset \(offset) of \(bytes.count))")
        }
        defer { offset += n }
        return offset ..< offset + n
    }

    public mutating func get<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let r = try take(MemoryLayout<T>.size)
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { out in
            bytes.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[r])) }
        }
        return v
    }
    public mutating func double() throws -> Double { Double(bitPattern: try get(UInt64.self)) }
    public mutating func bool() throws -> Bool { try get(UInt8.self) != 0 }
    public mutating func int() throws -> Int { Int(try get(Int64.self)) }
    /// A count, checked to be at most `limit` (what the rest of the file can hold).
    public mutating func count(elementSize: Int = 1) throws -> Int {
        let n = try int()
        guard n >= 0, n <= (bytes.count - offset) / Swift.max(elementSize, 1) else {
            throw ByteSourceError("a count of \(n) at offset \(offset - 8) exceeds the file")
        }
        return n
    }
    public mutating func string() throws -> String {
        let r = try take(try count())
        return String(decoding: bytes[r], as: UTF8.self)
    }
    public mutating func optionalDouble() throws -> Double? { try bool() ? try double() : nil }
    public mutating func array<T: BitwiseCopyable>(of _: T.Type = T.self) throws -> [T] {
        let n = try count(elementSize: MemoryLayout<T>.stride)
        let r = try take(n * MemoryLayout<T>.stride)
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[r]))
            }
            initialized = n
        }
    }
    public mutating func strings() throws -> [String] {
        let n = try count(elementSize: 8)
        return try (0..<n).map { _ in try string() }
    }
}

extension Origins {
    /// Writes the provenances: their sources once (name, place, dimension), the labels they
    /// spell once, then per element its source and label numbers.
    public func encode(into sink: inout ByteSink) {
        var sourceIndex: [ObjectIdentifier: Int32] = [:], sources: [ProvenanceSource] = []
        var labelIndex: [String: UInt32] = [:], labelNames: [String] = []
        var elementSource = [Int32](), elementLabels = [UInt32]()
        elementSource.reserveCapacity(count)
        for p in self {
            let key = ObjectIdentifier(p.source)
            let s = sourceIndex[key] ?? {
                sources.append(p.source)
                sourceIndex[key] = Int32(sources.count - 1)
                return Int32(sources.count - 1)
            }()
            elementSource.append(s)
            for l in p.labels {
                let k = labelIndex[l] ?? {
                    labelNames.append(l)
                    labelIndex[l] = UInt32(labelNames.count - 1)
                    return UInt32(labelNames.count - 1)
                }()
                elementLabels.append(k)
            }
        }
        sink.put(Int64(sources.count))
        for s in sources {
            sink.put(s.symbol); sink.put(s.file)
            sink.put(Int64(s.line)); sink.put(Int64(s.column)); sink.put(Int64(s.givenLabels?.count ?? s.dimension))
        }
        sink.put(strings: labelNames)
        sink.put(array: elementSource)
        sink.put(array: elementLabels)
    }

    /// Reads provenances written by `encode`; their labels go into a fresh label table.
    public static func decode(from source: inout ByteSource) throws -> Origins {
        let table = LabelTable()
        let n = try source.count(elementSize: 40)
        var sources: [ProvenanceSource] = []
        for _ in 0..<n {
            let symbol = try source.string(), file = try source.string()
            let line = try source.int(), column = try source.int(), dimension = try source.int()
            guard dimension >= 0, dimension <= maxDimension else { throw ByteSourceError("a provenance of dimension \(dimension)") }
            sources.append(ProvenanceSource(symbol: symbol, line: line, file: file, column: column, dimension: dimension, labels: table))
        }
        let ids = try source.strings().map { table.intern($0) }
        let elementSource: [Int32] = try source.array(), elementLabels: [UInt32] = try source.array()
        var origins = Origins()
        var next = 0
        for s in elementSource {
            guard s >= 0, Int(s) < sources.count else { throw ByteSourceError("a provenance names source \(s) of \(sources.count)") }
            let src = sources[Int(s)]
            var t = LabelTuple(repeating: 0)
            guard next + src.dimension <= elementLabels.count else { throw ByteSourceError("the provenance labels end early") }
            for d in 0..<src.dimension {
                let k = Int(elementLabels[next + d])
                guard k < ids.count else { throw ByteSourceError("a provenance names label \(k) of \(ids.count)") }
                t[d] = ids[k]
            }
            next += src.dimension
            origins.append(source: src, labels: t)
        }
        return origins
    }
}

extension ScalarModel {
    /// Writes the whole model: bounds, matrix, objective, starting levels, nonlinear parts,
    /// complementarity pairs and provenance.
    public func encode(into sink: inout ByteSink) {
        sink.put(sense == .maximize)
        sink.put(array: objective); sink.put(objectiveConstant)
        sink.put(array: columnLower); sink.put(array: columnUpper); sink.put(array: columnIsInteger); sink.put(array: columnStart)
        columnOrigin.encode(into: &sink)
        sink.put(array: rowLower); sink.put(array: rowUpper)
        rowOrigin.encode(into: &sink)
        sink.put(array: rowStart); sink.put(array: entryColumn); sink.put(array: entryValue)
        sink.put(array: nonlinear.nodes.map { $0.op.rawValue })
        sink.put(array: nonlinear.nodes.map { $0.firstArgument })
        sink.put(array: nonlinear.nodes.map { $0.argumentCount })
        sink.put(array: nonlinear.nodes.map { $0.value })
        sink.put(array: nonlinear.nodes.map { $0.column })
        sink.put(array: nonlinear.arguments)
        sink.put(array: nonlinearRows.map { $0.row }); sink.put(array: nonlinearRows.map { $0.root })
        sink.put(objectiveRoot)
        sink.put(complementarity != nil)
        if let c = complementarity { sink.put(array: c.pairedColumn); sink.put(array: c.constant) }
    }

    /// Reads a model written by `encode`, checking that its arrays agree in size and that its
    /// indices stay in range (a backend trusts them).
    public static func decode(from source: inout ByteSource) throws -> ScalarModel {
        var m = ScalarModel()
        m.sense = try source.bool() ? .maximize : .minimize
        m.objective = try source.array(); m.objectiveConstant = try source.double()
        m.columnLower = try source.array(); m.columnUpper = try source.array()
        m.columnIsInteger = try source.array(); m.columnStart = try source.array()
        m.columnOrigin = try Origins.decode(from: &source)
        m.rowLower = try source.array(); m.rowUpper = try source.array()
        m.rowOrigin = try Origins.decode(from: &source)
        m.rowStart = try source.array(); m.entryColumn = try source.array(); m.entryValue = try source.array()
        let ops: [UInt8] = try source.array(), first: [Int32] = try source.array(), counts: [Int32] = try source.array()
        let values: [Double] = try source.array(), columns: [Int32] = try source.array()
        m.nonlinear.arguments = try source.array()
        let rows: [Int32] = try source.array(), roots: [Int32] = try source.array()
        m.objectiveRoot = try source.get(Int32.self)
        if try source.bool() {
            m.complementarity = Complementarity(pairedColumn: try source.array(), constant: try source.array())
        }
        let n = m.columnLower.count, r = m.rowLower.count
        guard [m.objective.count, m.columnUpper.count, m.columnIsInteger.count, m.columnStart.count, m.columnOrigin.count].allSatisfy({ $0 == n }),
              m.rowUpper.count == r, m.rowOrigin.count == r, m.rowStart.count == r + 1, m.rowStart.first == 0,
              m.rowStart.last == m.entryColumn.count, m.entryValue.count == m.entryColumn.count,
              zip(m.rowStart, m.rowStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              m.entryColumn.allSatisfy({ $0 >= 0 && Int($0) < n }) else {
            throw ByteSourceError("the model's arrays do not fit together")
        }
        let k = ops.count
        guard [first.count, counts.count, values.count, columns.count].allSatisfy({ $0 == k }), rows.count == roots.count,
              m.objectiveRoot >= -1, Int(m.objectiveRoot) < k else {
            throw ByteSourceError("the model's nonlinear parts do not fit together")
        }
        m.nonlinear.nodes.reserveCapacity(k)
        for i in 0..<k {
            guard let op = NLOp(rawValue: ops[i]), first[i] >= 0, counts[i] >= 0,
                  Int(first[i]) + Int(counts[i]) <= m.nonlinear.arguments.count,
                  m.nonlinear.arguments[Int(first[i]) ..< Int(first[i]) + Int(counts[i])].allSatisfy({ $0 >= 0 && Int($0) < i }),
                  op != .variable || (columns[i] >= 0 && Int(columns[i]) < n) else {
                throw ByteSourceError("nonlinear node \(i) is malformed")
            }
            m.nonlinear.nodes.append(NLNode(op: op, firstArgument: first[i], argumentCount: counts[i], value: values[i], column: columns[i]))
        }
        for (row, root) in zip(rows, roots) {
            guard row >= 0, Int(row) < r, root >= 0, Int(root) < k else { throw ByteSourceError("a nonlinear row is out of range") }
            m.nonlinearRows.append(NonlinearRow(row: row, root: root))
        }
        if let c = m.complementarity {
            guard c.pairedColumn.count == r, c.constant.count == r, c.pairedColumn.allSatisfy({ $0 >= -1 && Int($0) < n }) else {
                throw ByteSourceError("the complementarity pairs do not fit the model")
            }
        }
        return m
    }
}

extension SolveResult {
    /// Writes statuses, the point (levels, marginals), statistics, warm-start data and messages.
    public func encode(into sink: inout ByteSink) {
        sink.put(Int32(modelStatus.rawValue)); sink.put(Int32(solverStatus.rawValue))
        sink.put(objective); sink.put(bestBound)
        sink.put(array: columnLevel); sink.put(array: columnMarginal); sink.put(array: rowLevel); sink.put(array: rowMarginal)
        sink.put(Int64(iterations)); sink.put(Int64(nodes))
        sink.put(solverSeconds); sink.put(evaluationSeconds); sink.put(Int64(impliedBounds))
        sink.put(strings: warnings)
        sink.put(strings: notes.map(\.first)); sink.put(array: notes.map { Int64($0.more) }); sink.put(strings: notes.map(\.what))
        sink.put(basis != nil)
        if let b = basis { sink.put(array: b.rows); sink.put(array: b.columns) }
        sink.put(multipliers != nil)
        if let m = multipliers { sink.put(array: m.rows); sink.put(array: m.lower); sink.put(array: m.upper) }
        sink.put(message)
    }

    public static func decode(from source: inout ByteSource) throws -> SolveResult {
        let ms = Int(try source.get(Int32.self)), ss = Int(try source.get(Int32.self))
        guard let model = ModelStatus(rawValue: ms), let solver = SolverStatus(rawValue: ss) else {
            throw ByteSourceError("unknown statuses \(ms)/\(ss)")
        }
        var r = SolveResult(modelStatus: model, solverStatus: solver)
        r.objective = try source.optionalDouble(); r.bestBound = try source.optionalDouble()
        r.columnLevel = try source.array(); r.columnMarginal = try source.array()
        r.rowLevel = try source.array(); r.rowMarginal = try source.array()
        r.iterations = try source.int(); r.nodes = try source.int()
        r.solverSeconds = try source.double(); r.evaluationSeconds = try source.double(); r.impliedBounds = try source.int()
        r.warnings = try source.strings()
        let firsts = try source.strings(), mores: [Int64] = try source.array(), whats = try source.strings()
        guard firsts.count == mores.count, mores.count == whats.count else { throw ByteSourceError("the notes do not fit together") }
        r.notes = (0..<firsts.count).map { SolverNote(first: firsts[$0], more: Int(mores[$0]), what: whats[$0]) }
        if try source.bool() { r.basis = SimplexBasis(rows: try source.array(), columns: try source.array()) }
        if try source.bool() {
            r.multipliers = InteriorPointMultipliers(rows: try source.array(), lower: try source.array(), upper: try source.array())
        }
        r.message = try source.string()
        return r
    }
}

extension SolveOptions {
    /// Writes what a backend run reads: limits, solver options and starts (not the progress
    /// callback or the log, which belong to the process that runs it).
    public func encode(into sink: inout ByteSink) {
        sink.put(optCr); sink.put(optCa); sink.put(resLim); sink.put(Int64(iterLim)); sink.put(Int64(nodeLimit))
        sink.put(relaxIntegrality); sink.put(preferDualSimplex); sink.put(solverNames)
        sink.put(strings: solverOptions.map(\.name)); sink.put(strings: solverOptions.map(\.value))
        sink.put(startBasis != nil)
        if let b = startBasis { sink.put(array: b.rows); sink.put(array: b.columns) }
        sink.put(startMultipliers != nil)
        if let m = startMultipliers { sink.put(array: m.rows); sink.put(array: m.lower); sink.put(array: m.upper) }
        sink.put(solverLog != nil)
    }

    /// Reads options written by `encode`; a run that logged logs to standard error (the job's log).
    public static func decode(from source: inout ByteSource) throws -> SolveOptions {
        var o = SolveOptions()
        o.optCr = try source.double(); o.optCa = try source.double(); o.resLim = try source.double()
        o.iterLim = try source.int(); o.nodeLimit = try source.int()
        o.relaxIntegrality = try source.bool(); o.preferDualSimplex = try source.bool(); o.solverNames = try source.bool()
        let names = try source.strings(), values = try source.strings()
        guard names.count == values.count else { throw ByteSourceError("solver option names and values differ in number") }
        o.solverOptions = zip(names, values).map { SolverOptionSetting(name: $0, value: $1) }
        if try source.bool() { o.startBasis = SimplexBasis(rows: try source.array(), columns: try source.array()) }
        if try source.bool() {
            o.startMultipliers = InteriorPointMultipliers(rows: try source.array(), lower: try source.array(), upper: try source.array())
        }
        if try source.bool() { o.solverLog = .standardError }
        return o
    }
}
