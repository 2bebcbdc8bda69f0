import Formats
import Foundation
import IR
import Testing

/// The exact text of a tiny model (see `Models.tiny`) in both formats.
@Suite("Golden files")
struct GoldenTests {
    @Test func tinyMPS() throws {
        let text = try MPSWriter(name: "tiny", comments: ["a tiny model"]).write(Models.tiny()).text
        #expect(text == expectedMPS + "\n")
    }

    @Test func tinyLP() throws {
        let text = try LPWriter(name: "tiny", comments: ["a tiny model"]).write(Models.tiny()).text
        #expect(text == expectedLP + "\n")
    }

    /// Long rows are wrapped, continuation lines indented, and no line of a long model is wider
    /// than the limit unless one term alone is.
    @Test func longRowsAreWrapped() throws {
        var m = ScalarModel()
        var columns: [Int32] = []
        for k in 0..<60 { columns.append(Int32(m.addColumn(lower: 0, upper: 1, origin: Provenance(symbol: "flow", labels: ["node\(k)", "t\(k)"])))) }
        m.objective[0] = 1
        m.addRow(columns: columns, values: columns.map { Double($0) + 0.125 }, lower: -.infinity, upper: 100,
                 origin: Provenance(symbol: "balance", labels: []))
        let text = try LPWriter().write(m).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.utf8.count <= 80 })
        #expect(lines.contains { $0.hasPrefix("   + ") })
        #expect(lines.filter { $0.hasPrefix(" balance:") }.count == 1)
    }

    let expectedMPS = """
        * a tiny model
        * objective sense: minimize the negated objective of a maximization; the optimum of this file is minus the model's
        * the objective constant 1.5 is the coefficient of obj_constant, fixed at 1
        NAME tiny
        ROWS
         N obj
         L cap
         G mix_a_1_
         L link
         E bal
        COLUMNS
         x obj -3
         x cap 1
         x mix_a_1_ 1
         x link 1
         x bal 1
         y_a_b_ obj -2
         y_a_b_ cap 2
         y_a_b_ mix_a_1_ -1
         MARKER 'MARKER' 'INTORG'
         b obj -5
         b link -10
         k obj 1
         k bal 1
         MARKER 'MARKER' 'INTEND'
         obj_constant  obj -1.5
        RHS
         RHS cap 12
         RHS mix_a_1_  1
         RHS bal 6
        RANGES
         RNG mix_a_1_  3
        BOUNDS
         MI  BND y_a_b_
         UP  BND y_a_b_ 10
         BV  BND b
         LO  BND k 2
         UP  BND k 7
         FX  BND obj_constant 1
        ENDATA
        """

    let expectedLP = """
        \\ Problem: tiny
        \\ a tiny model
        \\ the objective constant 1.5 is the coefficient of obj_constant, fixed at 1

        Maximize
         obj: 3 x + 2 y_a_b_ + 5 b - k + 1.5 obj_constant

        Subject To
         cap: x + 2 y_a_b_ <= 12
         mix_a_1_: x - y_a_b_ - range_mix_a_1__ = 0
         link: x - 10 b <= 0
         bal: x + k = 6

        Bounds
         -inf <= y_a_b_ <= 10
         2 <= k <= 7
         obj_constant = 1
         1 <= range_mix_a_1__ <= 4

        Generals
         k

        Binaries
         b

        End
        """
}
