import Driver
import Execution
import Foundation
import IR
import Testing

/// Compiled row code against the tree walk it replaces: the same model to the bit (rows,
/// columns, entries in order, bounds, names) and the same diagnostics, over sums of every
/// shape the compiler lays out (sparse walks with and without a key, residual conditions,
/// membership checks, multi-dimensional items, plain conditions) and the shapes it leaves to
/// the tree walk or the interpreter.
@Suite("Compiled rows")
struct RowCodeTests {
    /// Runs `source` up to its first solve, with compiled rows or the tree walk.
    func firstModel(_ source: String, compiled: Bool) throws -> (model: ScalarModel, diagnostics: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enm-rowcode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.gms")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let r = Driver.run(path: file.path, options: RunOptions(mode: .firstModel, compiledRows: compiled))
        let diagnostics = Driver.renderDiagnostics(r.diagnostics).replacingOccurrences(of: dir.path + "/", with: "")
        return (r.firstModel?.model ?? ScalarModel(), diagnostics)
    }

    /// The model as text: every row with its entries in order (values to the bit), every column.
    func dump(_ m: ScalarModel) -> String {
        var out = ""
        for r in 0..<m.rowCount {
            out += "\(m.rowOrigin[r].displayName) [\(m.rowLower[r].bitPattern) \(m.rowUpper[r].bitPattern)]"
            for e in m.rowStart[r]..<m.rowStart[r + 1] {
                out += " \(m.entryColumn[e]):\(m.entryValue[e].bitPattern)"
            }
            out += "\n"
        }
        for c in 0..<m.columnCount {
            out += "\(m.columnOrigin[c].displayName) [\(m.columnLower[c]) \(m.columnUpper[c])] \(m.objective[c])\n"
        }
        return out
    }

    static let data = """
        Set i /i1*i4/, j /j1*j5/, t /t1*t3/;
        Alias (j, jj);
        Set link(i,j) / i1.j1, i1.j2, i2.j2, i2.j3, i3.j5, i4.j1 /;
        Set u(*,*) / i1.j3, i2.j9, x.y, i4.j1 /;
        Set sub(j) / j2, j4 /;
        Set three(i,j,t) / i1.j1.t1, i1.j2.t2, i2.j2.t1, i3.j5.t3, i1.j1.t3 /;
        Parameter d(j) / j1 1, j2 0, j3 2.5, j4 -1, j5 3 /, e(t) / t1 2, t2 0, t3 4 /;
        Parameter q(*) / j1 7, j4 0.25, zz 9 /;
        Parameter c(i,j);
        c(i,j) = ord(i) + 0.5*ord(j);
        c('i2','j3') = 0;
        Scalar half / 0.5 /;
        Positive Variable x(i,j), y(j,t), z;
        Variable obj;

        """

    static let cases: [(name: String, equations: String, rows: Int)] = [
        ("a keyed sparse walk with a residual condition",
         "Equation a(i); a(i).. sum(j$(link(i,j) and d(j) > 0), c(i,j)*x(i,j)) =l= 10;", 4),
        ("a walk keyed on the second position",
         "Equation a(j); a(j).. sum(i$link(i,j), x(i,j)) + 0 =g= d(j);", 5),
        ("a multi-dimensional item",
         "Equation a; a.. sum(link(i,j), x(i,j)) - sum(link(i,j), 2*x(i,j)) =e= 1;", 1),
        ("a condition without a plan",
         "Equation a; a.. sum(j$(ord(j) > 2), d(j)*y(j,'t2')) =l= 4;", 1),
        ("two bound positions of a three-dimensional driver",
         "Equation a(i); a(i).. sum((j,t)$three(i,j,t), c(i,j)*y(j,t)) =l= 3;", 4),
        ("a key on the last position",
         "Equation a(t); a(t).. sum((i,j)$three(i,j,t), x(i,j)) =g= 1;", 3),
        ("membership checks of a driver over the universe",
         "Equation a; a.. sum((i,j)$u(i,j), x(i,j)) =l= 2;", 1),
        ("an alias, a subset, fixed labels and a parameter over the universe",
         "Equation a(j); a(j).. sum(jj$(sub(jj) and d(jj) >= 0), y(jj,'t1')) + sum(sub, d(sub)*y(sub,'t3')) + q(j)*z + d(j)*x('i1',j) =l= 1;", 5),
        ("nested sums, a division and a product of factors",
         "Equation a(i); a(i).. sum(j$link(i,j), sum(t$(e(t) > 0), c(i,j)*e(t)*y(j,t))) / 2 + half * sum(j, x(i,j) * d(j)) =e= 0;", 4),
        ("lags handed to the tree walk",
         "Equation a(j); a(j).. sum(t$(ord(t) > 1), y(j,t) - y(j,t-1)) =g= -5;", 5),
        ("a two-position key left to the interpreter, constants in sums",
         "Equation a(i,j); a(i,j)$link(i,j).. x(i,j) =l= c(i,j)*z + sum(t, e(t)) + sum(t$three(i,j,t), y(j,t));", 6),
        ("repeated columns summed in place, negations",
         "Equation a(i); a(i).. -(x(i,'j1') - sum(j$link(i,j), x(i,j))) + 3*x(i,'j1') =l= sum(j, c(i,j));", 4),
        ("an empty domain and an empty driver",
         "Set none(j); none(j) = no; Equation a; a.. sum(j$none(j), x('i1',j)) + sum((i,j)$(link(i,j) and none(j)), x(i,j)) + z =g= 0;", 1),
    ]

    @Test("compiled rows equal the tree walk", arguments: cases.indices)
    func sameModel(_ k: Int) throws {
        let c = RowCodeTests.cases[k]
        let source = RowCodeTests.data + c.equations
            + "\nEquation o; o.. obj =e= sum((i,j), x(i,j)) + sum((j,t), y(j,t)) + z;\nModel m /all/; solve m using lp minimizing obj;\n"
        let compiled = try firstModel(source, compiled: true)
        let walked = try firstModel(source, compiled: false)
        #expect(compiled.diagnostics == "", "\(c.name): \(compiled.diagnostics)")
        #expect(compiled.model.rowCount == c.rows + 1, "\(c.name)")
        #expect(compiled.model.nonzeroCount > c.rows, "\(c.name)")
        #expect(dump(compiled.model) == dump(walked.model), "\(c.name)")
    }

    @Test("known coefficients of a compiled sparse row")
    func knownCoefficients() throws {
        let source = RowCodeTests.data + """
            Equation a(i); a(i).. sum(j$(link(i,j) and d(j) > 0), c(i,j)*x(i,j)) + sum(j$link(i,j), x(i,j)) =l= 10;
            Equation o; o.. obj =e= z;
            Model m /all/; solve m using lp minimizing obj;
            """
        let m = try firstModel(source, compiled: true).model
        // a('i1'): x(i1,j1) twice (c = 1.5, plus 1), x(i1,j2) once (d('j2') = 0 leaves only the plain sum)
        let row = (m.rowStart[0]..<m.rowStart[1]).map { (m.columnOrigin[Int(m.entryColumn[$0])].displayName, m.entryValue[$0]) }
        #expect(row.map(\.0) == ["x(i1,j1)", "x(i1,j2)"])
        #expect(row.map(\.1) == [2.5, 1])
        #expect(m.rowOrigin[0].displayName == "a(i1)")
    }

    @Test("a row of many terms: summed in place, cancelled terms dropped, first-touch order")
    func manyTerms() throws {
        let source = """
            Set k /k1*k1000/;
            Positive Variable x(k);
            Variable obj;
            Equation big, small(k), o;
            big.. sum(k, x(k)) + sum(k$(ord(k) <= 300), 2*x(k)) - sum(k$(ord(k) = 5), 3*x(k)) =l= 1;
            small(k)$(ord(k) <= 2).. x(k) + x('k7') =g= 0;
            o.. obj =e= x('k1');
            Model m /all/; solve m using lp minimizing obj;
            """
        for compiled in [true, false] {
            let m = try firstModel(source, compiled: compiled).model
            #expect(m.rowCount == 4)
            let big = (m.rowStart[0]..<m.rowStart[1]).map { (m.columnOrigin[Int(m.entryColumn[$0])].displayName, m.entryValue[$0]) }
            #expect(big.count == 999)
            #expect(big.first?.0 == "x(k1)" && big.last?.0 == "x(k1000)")
            #expect(!big.contains { $0.0 == "x(k5)" })
            #expect(big.filter { $0.1 == 3 }.count == 299)
            #expect(big.filter { $0.1 == 1 }.count == 700)
            let second = (m.rowStart[1]..<m.rowStart[2]).map { m.columnOrigin[Int(m.entryColumn[$0])].displayName }
            #expect(second == ["x(k1)", "x(k7)"])
        }
    }

    @Test("a division by zero is reported the same way")
    func divisionByZero() throws {
        let source = RowCodeTests.data + """
            Equation a; a.. sum(j, x('i1',j) / d(j)) =l= 1;
            Equation o; o.. obj =e= z;
            Model m /all/; solve m using lp minimizing obj;
            """
        let compiled = try firstModel(source, compiled: true)
        let walked = try firstModel(source, compiled: false)
        #expect(compiled.diagnostics.contains("division by zero"))
        #expect(compiled.diagnostics == walked.diagnostics)
    }
}
