import Driver
import Execution
import Formats
import Foundation
import IR
import Solvers
import Testing

/// What the `clp` or `cbc` program made of a model file: whether it read it without complaint,
/// and the status and objective of its solution file.
struct CoinRun {
    var output: String
    /// The first words of the solution file (`Optimal`, `Infeasible`, ...), "" without one.
    var status: String
    var objective: Double?
    /// No import error ("Bad image", "errors when importing", an unknown name or command).
    var readCleanly: Bool {
        !output.replacingOccurrences(of: "read with 0 errors", with: "").contains("errors")
            && !["Bad image", "No match for", "not valid", "terminate called"].contains { output.contains($0) }
    }
}

/// Runs `/usr/bin/clp` or `/usr/bin/cbc` on `file` (`FILE -solve -solu SOLUTION`); CLP solves a
/// MIP file's relaxation. The programs read files by their extension: `.mps` with CoinMpsIO,
/// `.lp` with CoinLpIO.
func runCoin(_ program: String, _ file: String, in folder: TemporaryFolder) throws -> CoinRun {
    let executable = "/usr/bin/\(program)"
    try #require(FileManager.default.isExecutableFile(atPath: executable), "\(executable) is missing: scripts/install-deps.sh installs it")
    let solution = folder.path("\(program).sol")
    try? FileManager.default.removeItem(atPath: solution)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [file, "-solve", "-solu", solution]
    process.currentDirectoryURL = folder.url
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    var run = CoinRun(output: output, status: "", objective: nil)
    // "Optimal - objective value 3.50000000"
    if let text = try? String(contentsOfFile: solution, encoding: .utf8), let first = text.split(separator: "\n").first,
       let dash = first.range(of: " - objective value ") {
        run.status = String(first[..<dash.lowerBound]).trimmingCharacters(in: .whitespaces)
        run.objective = Double(first[dash.upperBound...].trimmingCharacters(in: .whitespaces))
    }
    return run
}

/// The rows of a name map: exported name, enm name, kind.
func readNameMap(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, wasQuoted = false
    var iterator = Array(text).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" && field.isEmpty && !wasQuoted {
            quoted = true
            wasQuoted = true
        } else if c == "," {
            row.append(field); field = ""; wasQuoted = false
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
        } else { field.append(c) }
    }
    return rows
}

/// Whether `name` uses only the portable alphabet (ASCII letters, digits, `_`; no leading
/// digit) and length.
func isPortable(_ name: String) -> Bool {
    let safe: (UInt8) -> Bool = { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95 }
    return !name.isEmpty && name.utf8.count <= NameTable.maxLength && name.utf8.allSatisfy(safe)
        && !(48...57).contains(name.utf8.first!)
}

@Suite("Exports read back by CLP and CBC")
struct CoinReadBackTests {
    /// A model whose names hold every character the formats treat specially, names longer than
    /// any reader takes, and names that only differ in those characters: both files are read
    /// by GLPK and by CLP/CBC without complaint, to the same optimum, and the name map leads
    /// from every name in the file back to the model's.
    @Test(arguments: ExportFormat.allCases)
    func oddNamesRoundTripThroughTheNameMap(_ format: ExportFormat) throws {
        let labels = ["a b", "a\"b", "a'b", "a.b", "a+b", "a-b", "a*b", "a/b", "a<b", "a>b", "a=b", "a:b", "a_b",
                      "1", "e1", "end", "[x]", "a,b", "$c", String(repeating: "long", count: 70) + "1",
                      String(repeating: "long", count: 70) + "2"]
        var m = ScalarModel()
        var columns: [Int32] = []
        for (k, label) in labels.enumerated() {
            columns.append(Int32(m.addColumn(lower: 0, upper: Double(k + 1), origin: Provenance(symbol: "x", labels: [label]))))
            m.objective[k] = -Double(k % 3 + 1)
        }
        let z = m.addColumn(lower: -.infinity, upper: .infinity, origin: Provenance(symbol: "z", labels: []))
        for (k, label) in labels.enumerated() {
            m.addRow(columns: [columns[k], columns[(k + 1) % labels.count]], values: [1, 2], lower: -.infinity,
                     upper: Double(k + 2), origin: Provenance(symbol: "cap", labels: [label]))
        }
        m.addRow(columns: columns, values: columns.map { _ in 1 }, lower: -.infinity, upper: 30,
                 origin: Provenance(symbol: "total", labels: []))
        m.addRow(columns: [Int32(z)] + columns, values: [1] + columns.map { _ in -1 }, lower: 0, upper: 0,
                 origin: Provenance(symbol: "def", labels: []))

        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.path("odd.\(format.fileExtension)")
        let line = try ModelExport.export(m, modelName: "odd", modelType: .lp, objectiveVariable: "z", source: folder.path("odd.gms"),
                                          format: format, to: path)
        #expect(line.hasSuffix("\nwrote \(folder.path("odd.names.csv")): the model's names of the file's rows and columns"))
        let map = try readNameMap(folder.path("odd.names.csv"))
        #expect(map.first == ["exported", "enm", "kind"])
        let entries = map.dropFirst()
        #expect(entries.allSatisfy { $0.count == 3 })
        let exported = entries.map { $0[0] }
        #expect(Set(exported).count == exported.count, "exported names are unique")
        #expect(exported.allSatisfy(isPortable), "\(exported.filter { !isPortable($0) })")
        // back to the model's names
        let rowsBack = entries.filter { $0[2] == "row" }.map { $0[1] }
        let columnsBack = entries.filter { $0[2] == "column" }.map { $0[1] }
        #expect(rowsBack == (0..<m.rowCount).map { m.rowOrigin[$0].displayName })
        #expect(columnsBack == (0..<m.columnCount).map { m.columnOrigin[$0].displayName })
        #expect(entries.first == ["obj", "z", "objective"])

        let own = GLPKSolver().solve(m, options: SolveOptions())
        try #require(own.modelStatus == .optimal)
        let glpk = try #require(readBack(path, format: format), "GLPK cannot read the file")
        #expect(close(glpk.objective, own.objective))
        #expect(Set(glpk.columnNames) == Set(entries.filter { $0[2] == "column" || $0[2] == "constant" || $0[2] == "range" }.map { $0[0] }))
        for program in ["clp", "cbc"] {
            let run = try runCoin(program, path, in: folder)
            #expect(run.readCleanly, "\(program): \(run.output)")
            #expect(run.status == "Optimal", "\(program): \(run.output)")
            #expect(close(run.objective, own.objective), "\(program): \(String(describing: run.objective)), enm \(String(describing: own.objective))")
        }
    }

    /// No field of an MPS line starts at the 5th, 15th or 40th character, where CLP's reader
    /// would cut a fixed-format field of 8 characters; the line of the T=672 community model
    /// that CLP 1.17 rejected (` D(t100,c100) obj -1`) is read now.
    @Test func mpsFieldsAvoidFixedFormatColumns() throws {
        var m = ScalarModel()
        let d = m.addColumn(lower: 0, upper: 5, origin: Provenance(symbol: "D", labels: ["t100", "c100"]))
        let x = m.addColumn(lower: -1, upper: 3, origin: Provenance(symbol: "x", labels: []))
        m.objective[d] = -1
        m.objective[x] = 1
        m.addRow(columns: [Int32(d), Int32(x)], values: [1, -1], lower: -.infinity, upper: 2, origin: Provenance(symbol: "cap", labels: []))
        let text = try MPSWriter(name: "community").write(m).text
        #expect(text.contains(" D_t100_c100_  obj -1\n"))
        #expect(text.contains(" UP  BND x 3\n"))
        for line in text.split(separator: "\n") where line.hasPrefix(" ") {
            let bytes = Array(line.utf8)
            for offset in [4, 14, 39] where offset < bytes.count {
                #expect(!(bytes[offset] != 32 && bytes[offset - 1] == 32), "a field starts at offset \(offset): '\(line)'")
            }
        }
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.path("community.mps")
        try ModelExport.writeAtomically(text, to: path)
        let run = try runCoin("clp", path, in: folder)
        #expect(run.readCleanly, "\(run.output)")
        #expect(close(run.objective, -2))
    }

    /// A small convex QP (the objective variable defined by a quadratic equation, as GAMS models
    /// write it) exported as MPS with QUADOBJ and as LP with `[ ... ] / 2`: CLP solves the MPS
    /// file to the optimum enm's Ipopt solve finds; the LP file states the same terms.
    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func quadraticObjectiveGoesOut(_ sense: ObjectiveSense) throws {
        let source = """
            Variable z; Positive Variable x, y, w;
            Equation def, cap;
            def.. z =e= \(sense == .minimize ? "" : "-(")sqr(x - 3) + 2*x*y + 2*sqr(y) - 4*y + 0.5*sqr(w) - w + 7\(sense == .minimize ? "" : ")");
            cap.. x + y + w =l= 2.5;
            Model m / all /;
            solve m using qcp \(sense == .minimize ? "minimizing" : "maximizing") z;
            """
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let gms = folder.path("qp.gms")
        try source.write(toFile: gms, atomically: true, encoding: .utf8)
        let first = Driver.run(path: gms, options: RunOptions(mode: .firstModel))
        let captured = try #require(first.firstModel, "\(Driver.renderDiagnostics(first.diagnostics))")
        var options = SolveOptions()
        options.solverOptions = [SolverOptionSetting(name: "tol", value: "1e-10")]
        let ipopt = IpoptSolver().solve(captured.model, options: options)
        try #require(ipopt.modelStatus == .locallyOptimal || ipopt.modelStatus == .optimal, "\(ipopt.message)")

        let prepared = try ModelExport.prepare(captured.model, modelName: "m", modelType: .qcp)
        #expect(prepared.eliminatedVariable == "z" && prepared.eliminatedRow == "def")
        #expect(prepared.linear.columnCount == 3 && prepared.linear.rowCount == 1)
        for format in ExportFormat.allCases {
            let path = folder.path("qp.\(format.fileExtension)")
            let line = try ModelExport.export(captured.model, modelName: "m", modelType: .qcp, objectiveVariable: "z",
                                              source: gms, format: format, to: path)
            #expect(line.hasPrefix("wrote \(path): 2 rows, 4 columns, "))
            #expect(line.contains(" nonzeros, 4 quadratic objective terms\n"))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            switch format {
            case .mps:
                #expect(text.contains("\nQUADOBJ\n"))
                let run = try runCoin("clp", path, in: folder)
                #expect(run.readCleanly, "\(run.output)")
                #expect(run.status == "Optimal", "\(run.output)")
                let optimum = run.objective.map { sense == .maximize ? -$0 : $0 }
                #expect(close(optimum, ipopt.objective, 1e-6), "CLP \(String(describing: optimum)), Ipopt \(String(describing: ipopt.objective))")
            case .lp:
                let signs = sense == .minimize ? ("", "+") : ("- ", "-")
                // (long lines are wrapped, continuation lines indented)
                let joined = text.replacingOccurrences(of: "\n  ", with: "")
                #expect(joined.contains("[ \(signs.0)2 x ^ 2 \(signs.1) 4 x * y \(signs.1) 4 y ^ 2 \(signs.1) w ^ 2 ] / 2"), "\(text)")
            }
        }
        let map = try readNameMap(folder.path("qp.names.csv"))
        #expect(map.contains(["", "z", "eliminated variable"]) && map.contains(["", "def", "eliminated row"]))
    }

    /// Quadratic rows and non-quadratic objectives are refused with E5002 and the reason.
    @Test func nonQuadraticModelsAreRefused() throws {
        let cases = [
            ("def.. z =e= exp(x);", "'exp' is not a quadratic operation"),
            ("def.. z =e= x*x*x;", "a product of variables has a degree above 2"),
            ("def.. z =e= x/y;", "a division by a variable is not quadratic"),
        ]
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        for (equation, reason) in cases {
            let gms = folder.path("nq.gms")
            try "Variable z; Positive Variable x, y;\nEquation def;\n\(equation)\nModel m / all /;\nsolve m using nlp minimizing z;\n"
                .write(toFile: gms, atomically: true, encoding: .utf8)
            let first = Driver.run(path: gms, options: RunOptions(mode: .firstModel))
            let captured = try #require(first.firstModel)
            #expect(throws: ExportError.nonlinear(model: "m", type: "nlp", reason: reason)) {
                try ModelExport.prepare(captured.model, modelName: "m", modelType: .nlp)
            }
        }
        let gms = folder.path("qc.gms")
        try "Variable z; Positive Variable x, y;\nEquation def, ball;\ndef.. z =e= x + y;\nball.. sqr(x) + sqr(y) =l= 1;\nModel m / all /;\nsolve m using qcp maximizing z;\n"
            .write(toFile: gms, atomically: true, encoding: .utf8)
        let captured = try #require(Driver.run(path: gms, options: RunOptions(mode: .firstModel)).firstModel)
        #expect(throws: ExportError.nonlinear(model: "m", type: "qcp", reason: "equation ball is nonlinear but is not the definition `z =e= ...` of a free objective variable used nowhere else; only the objective may be quadratic")) {
            try ModelExport.prepare(captured.model, modelName: "m", modelType: .qcp)
        }
    }

    /// Every bundled model's first solve, when linear, exported in both formats and read back
    /// by the `clp` program (the LP or the MIP's relaxation) and, with at most 100 integer
    /// columns, by `cbc`: the same optimum as enm's GLPK solve (relative 1e-6), or no optimum
    /// when enm finds none. A first solve with a quadratic objective goes out as MPS and is
    /// solved by `clp` to the optimum of enm's Ipopt solve (relative 1e-5).
    @Test(arguments: bundledModels)
    func bundledModelReadByCoin(_ bundled: BundledModel) throws {
        let path = packageRoot.appendingPathComponent(bundled.file).path
        let first = Driver.run(path: path, options: RunOptions(defines: bundled.defines, mode: .firstModel))
        try #require(first.exitCode == .solved, "\(bundled.file) does not run: \(Driver.renderDiagnostics(first.diagnostics))")
        guard let captured = first.firstModel else { try skip("\(bundled.file): no solve statement") }
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        if captured.model.isNonlinear {
            try quadraticReadBack(captured, source: path, folder: folder, file: bundled.file)
            return
        }
        let integers = !captured.type.keepsIntegers ? 0 : captured.model.columnIsInteger.filter { $0 }.count
        var relaxed = SolveOptions()
        relaxed.relaxIntegrality = true
        var exact = SolveOptions()
        exact.optCr = 0
        let relaxation = GLPKSolver().solve(captured.model, options: relaxed)
        let mip = integers > 0 && integers <= 100 ? GLPKSolver().solve(captured.model, options: exact) : nil
        for format in ExportFormat.allCases {
            let out = folder.path("model.\(format.fileExtension)")
            _ = try ModelExport.export(captured.model, modelName: captured.modelName, modelType: captured.type,
                                       objectiveVariable: captured.objectiveVariable, source: path, format: format, to: out)
            let negated = format == .mps && captured.model.sense == .maximize
            var runs = [("clp", relaxation)]
            if let mip { runs.append(("cbc", mip)) }
            for (program, own) in runs {
                let run = try runCoin(program, out, in: folder)
                #expect(run.readCleanly, "\(bundled.file) as \(format) by \(program): \(run.output.suffix(2000))")
                let optimum = run.objective.map { negated ? -$0 : $0 }
                switch own.modelStatus {
                case .optimal, .integerSolution:
                    #expect(run.status == "Optimal", "\(bundled.file) as \(format) by \(program): \(run.status)")
                    #expect(close(optimum, own.objective), "\(bundled.file) as \(format) by \(program): \(String(describing: optimum)), enm \(String(describing: own.objective))")
                case .infeasible, .integerInfeasible, .infeasibleNoSolution:
                    #expect(run.status != "Optimal", "\(bundled.file) as \(format) by \(program): enm finds no feasible point")
                default:
                    Issue.record("\(bundled.file): enm's solve ended with status \(own.modelStatus.text)")
                }
            }
        }
    }

    private func quadraticReadBack(_ captured: CapturedModel, source: String, folder: TemporaryFolder, file: String) throws {
        let prepared: ExportModel
        do {
            prepared = try ModelExport.prepare(captured.model, modelName: captured.modelName, modelType: captured.type)
        } catch {
            try skip("\(file): the first solve (\(captured.type)) is not a quadratic program: \(error)")
        }
        if prepared.linear.hasIntegers { try skip("\(file): a mixed-integer QP") }
        let ipopt = IpoptSolver().solve(captured.model, options: SolveOptions())
        try #require(ipopt.modelStatus == .locallyOptimal || ipopt.modelStatus == .optimal, "\(file): \(ipopt.message)")
        let out = folder.path("model.mps")
        _ = try ModelExport.export(captured.model, modelName: captured.modelName, modelType: captured.type,
                                   objectiveVariable: captured.objectiveVariable, source: source, format: .mps, to: out)
        let run = try runCoin("clp", out, in: folder)
        #expect(run.readCleanly, "\(file): \(run.output.suffix(2000))")
        let optimum = run.objective.map { captured.model.sense == .maximize ? -$0 : $0 }
        #expect(close(optimum, ipopt.objective, 1e-5), "\(file): CLP \(String(describing: optimum)), Ipopt \(String(describing: ipopt.objective))")
    }
}

/// `--output /dev/null` (or a pipe) must not replace the device with a regular file, which a
/// rename over it would do when run as root.
@Suite("Writing to a pipe or device")
struct SpecialFileTests {
    @Test func aPipeIsWrittenToAndStaysAPipe() throws {
        let folder = TemporaryFolder()
        defer { folder.cleanup() }
        let fifo = folder.path("pipe")
        try #require(mkfifo(fifo, 0o644) == 0)
        // the read end is opened first (without waiting for a writer), so the write cannot block
        let readEnd = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(readEnd >= 0)
        defer { close(readEnd) }
        try ModelExport.writeAtomically("NAME pipe\nENDATA\n", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(readEnd, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "NAME pipe\nENDATA\n")
        var status = stat()
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
        #expect(folder.files == ["pipe"])
    }
}
