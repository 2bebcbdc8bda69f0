import Formats
import IR
import Testing

@Suite("Names")
struct NameTests {
    @Test func onlyLettersDigitsAndUnderscoresRemain() {
        #expect(NameTable.sanitize("D(t100,c100)") == "D_t100_c100_")
        #expect(NameTable.sanitize("x(seattle,new-york)") == "x_seattle_new_york_")
        #expect(NameTable.sanitize("x[a,b]") == "x_a_b_")
        #expect(NameTable.sanitize("f(a+b:c<d>e=f*g^h/i.j)") == "f_a_b_c_d_e_f_g_h_i_j_")
        #expect(NameTable.sanitize("x(new york)") == "x_new_york_")
        #expect(NameTable.sanitize("x(a\tb)") == "x_a_b_")
        #expect(NameTable.sanitize("p(zürich)") == "p_z_rich_")
        #expect(NameTable.sanitize("$cost") == "_cost")
        #expect(NameTable.sanitize("'MARKER'") == "_MARKER_")
        #expect(NameTable.sanitize("q(\"a b\",'c')") == "q__a_b___c__")
        #expect(NameTable.sanitize("") == "_")
        #expect(NameTable.sanitize("ok_Name9") == "ok_Name9")
    }

    @Test func namesNeverLookLikeNumbersOrKeywords() {
        #expect(NameTable.sanitize("2x") == "_2x")
        #expect(NameTable.sanitize(".5") == "_5")
        #expect(NameTable.sanitize("e1") == "_e1")
        #expect(NameTable.sanitize("E") == "_E")
        #expect(NameTable.sanitize("ee") == "_ee")
        #expect(NameTable.sanitize("e(1)") == "e_1_")
        #expect(NameTable.sanitize("emission") == "emission")
        for keyword in ["end", "End", "st", "bounds", "Binary", "free", "inf", "Infinity", "MAX", "general"] {
            #expect(NameTable.sanitize(keyword) == "_" + keyword)
        }
        #expect(NameTable.sanitize("s.t.") == "s_t_")
        #expect(NameTable.sanitize("end(t1)") == "end_t1_")
    }

    @Test func namesAreCutAt100Bytes() {
        let long = String(repeating: "a", count: 300)
        #expect(NameTable.sanitize(long).utf8.count == 100)
        var table = NameTable()
        let first = table.claim(long + "x")
        let second = table.claim(long + "y")
        #expect(first.utf8.count == 100 && second.utf8.count == 100)
        #expect(first != second)
        #expect(second.hasSuffix("__2"))
    }

    @Test func collisionsGetSuffixes() {
        var table = NameTable()
        #expect(table.claim("x(new-york)") == "x_new_york_")
        #expect(table.claim("x(new_york)") == "x_new_york___2")
        #expect(table.claim("x(new york)") == "x_new_york___3")
        #expect(table.claim("x_new_york___2") == "x_new_york___2__2")
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
        #expect(lp.objectiveName == "obj__2")
        #expect(lp.rowNames == ["obj", "r"])
        #expect(lp.columnNames == ["obj_constant", "range_r_"])
        #expect(lp.constantColumn == "obj_constant__2")
        #expect(lp.rangeColumns == [0: "range_obj_", 1: "range_r___2"])
        let mps = try MPSWriter().write(m)
        #expect(mps.objectiveName == "obj__2")
        #expect(mps.constantColumn == "obj_constant__2")
    }

    /// The map lists every name of the file, extra rows and columns included, and quotes the
    /// model's names that hold commas or quotes.
    @Test func nameMapListsEveryNameOfTheFile() throws {
        var m = ScalarModel()
        let x = m.addColumn(lower: 0, upper: 1, origin: Provenance(symbol: "x", labels: ["a,b", "say \"hi\""]))
        m.objective[x] = 1
        m.objectiveConstant = 2
        let model = ExportModel(linear: m)
        let lp = try LPWriter().write(model)
        #expect(NameMap.text(model, written: lp, objectiveVariable: "z") == """
            exported,enm,kind
            obj,z,objective
            x_a_b_say__hi__,"x(a,b,say ""hi"")",column
            no_constraints,,placeholder row
            obj_constant,,constant

            """)
        #expect(NameMap.path(for: "run/model.v2.mps") == "run/model.v2.names.csv")
        #expect(NameMap.path(for: "run.d/model") == "run.d/model.names.csv")
        #expect(NameMap.path(for: ".hidden") == ".hidden.names.csv")
    }
}
