import Formats
import IR
import Testing

@Suite("Names")
struct NameTests {
    @Test func mpsKeepsEveryPrintableCharacter() {
        #expect(NameTable.sanitize("x(seattle,new-york)", style: .mps) == "x(seattle,new-york)")
        #expect(NameTable.sanitize("flow(a+b,t1.5)", style: .mps) == "flow(a+b,t1.5)")
        #expect(NameTable.sanitize("x(new york)", style: .mps) == "x(new_york)")
        #expect(NameTable.sanitize("x(a\tb)", style: .mps) == "x(a_b)")
        #expect(NameTable.sanitize("p(zürich)", style: .mps) == "p(z_rich)")
        #expect(NameTable.sanitize("$cost", style: .mps) == "_$cost")
        #expect(NameTable.sanitize("'MARKER'", style: .mps) == "_'MARKER'")
        #expect(NameTable.sanitize("", style: .mps) == "_")
    }

    @Test func lpFollowsCPLEXCharacterRules() {
        #expect(NameTable.sanitize("x(seattle,new-york)", style: .lp) == "x(seattle,new_york)")
        #expect(NameTable.sanitize("x[a,b]", style: .lp) == "x(a,b)")
        #expect(NameTable.sanitize("f(a+b:c<d>e=f*g^h)", style: .lp) == "f(a_b_c_d_e_f_g_h)")
        #expect(NameTable.sanitize("x(new york)", style: .lp) == "x(new_york)")
        #expect(NameTable.sanitize("r\\1", style: .lp) == "r_1")
        #expect(NameTable.sanitize("p(zürich)", style: .lp) == "p(z_rich)")
        #expect(NameTable.sanitize("ok!\"#$%&/,.;?@_`'{}|~", style: .lp) == "ok!\"#$%&/,.;?@_`'{}|~")
    }

    @Test func lpNamesNeverLookLikeNumbersOrKeywords() {
        #expect(NameTable.sanitize("2x", style: .lp) == "_2x")
        #expect(NameTable.sanitize(".5", style: .lp) == "_.5")
        #expect(NameTable.sanitize("e1", style: .lp) == "_e1")
        #expect(NameTable.sanitize("E", style: .lp) == "_E")
        #expect(NameTable.sanitize("ee", style: .lp) == "_ee")
        #expect(NameTable.sanitize("emission", style: .lp) == "emission")
        for keyword in ["end", "End", "st", "s.t.", "bounds", "Binary", "free", "inf", "Infinity", "MAX", "general"] {
            #expect(NameTable.sanitize(keyword, style: .lp) == "_" + keyword)
        }
        #expect(NameTable.sanitize("end(t1)", style: .lp) == "end(t1)")
    }

    @Test func namesAreCutAt255Bytes() {
        let long = String(repeating: "a", count: 300)
        #expect(NameTable.sanitize(long, style: .mps).utf8.count == 255)
        #expect(NameTable.sanitize(long, style: .lp).utf8.count == 255)
        var table = NameTable(style: .lp)
        let first = table.claim(long + "x")
        let second = table.claim(long + "y")
        #expect(first.utf8.count == 255 && second.utf8.count == 255)
        #expect(first != second)
        #expect(second.hasSuffix("~2"))
    }

    @Test func collisionsGetSuffixes() {
        var table = NameTable(style: .lp)
        #expect(table.claim("x(new-york)") == "x(new_york)")
        #expect(table.claim("x(new_york)") == "x(new_york)~2")
        #expect(table.claim("x(new york)") == "x(new_york)~3")
        #expect(table.claim("x(new_york)~2") == "x(new_york)~2~2")
        var mps = NameTable(style: .mps)
        #expect(mps.claim("x(new-york)") == "x(new-york)")
        #expect(mps.claim("x(new_york)") == "x(new_york)")
    }

    /// The objective and the writers' extra columns never take a model's name.
    @Test func extraNamesAvoidModelNames() throws {
        var m = ScalarModel()
        let a = m.addColumn(lower: 0, upper: 5, origin: Provenance(symbol: "obj_constant", labels: []))
        let b = m.addColumn(lower: 0, upper: 5, origin: Provenance(symbol: "range", labels: ["r"]))
        m.objective[a] = 1
        m.objectiveConstant = 2
        m.addRow(columns: [Int32(a), Int32(b)], values: [1, 1], lower: 1, upper: 3, origin: Provenance(symbol: "obj", labels: []))
        m.addRow(columns: [Int32(b)], values: [1], lower: 1, upper: 2, origin: Provenance(symbol: "r", labels: []))
        let lp = try LPWriter().write(m)
        #expect(lp.objectiveName == "obj~2")
        #expect(lp.rowNames == ["obj", "r"])
        #expect(lp.columnNames == ["obj_constant", "range(r)"])
        #expect(lp.constantColumn == "obj_constant~2")
        #expect(lp.rangeColumns == [0: "range(obj)", 1: "range(r)~2"])
        let mps = try MPSWriter().write(m)
        #expect(mps.objectiveName == "obj~2")
        #expect(mps.constantColumn == "obj_constant~2")
    }
}
