import Foundation
import IR
import Testing
@testable import Report

/// Golden tests of `DisplayFormatter`. Goldens marked "GAMS listing" are copied from real GAMS
/// listing files (transport model, GAMS 23.6; ABEL and 1-2-3 models, GAMS 22.0; Shoven–Whalley
/// CGE model, GAMS 23.6; page width 80 where stated); the others follow the same rules.
@Suite struct DisplayFormatterTests {

    // MARK: Headers, text items and scalars

    @Test func textItem() {
        let item = DisplayItem(line: 23, kind: .text, symbol: "some text")
        #expect(DisplayFormatter.format(item) == "----     23 some text\n\n")
    }

    @Test func lineNumberIsRightAlignedInSevenColumns() {
        let short = DisplayItem(line: 8, kind: .text, symbol: "a")
        let six = DisplayItem(line: 123456, kind: .text, symbol: "a")
        let seven = DisplayItem(line: 1234567, kind: .text, symbol: "a")
        let eight = DisplayItem(line: 12345678, kind: .text, symbol: "a")
        #expect(DisplayFormatter.format(short) == "----      8 a\n\n")
        #expect(DisplayFormatter.format(six) == "---- 123456 a\n\n")
        #expect(DisplayFormatter.format(seven) == "----1234567 a\n\n")
        #expect(DisplayFormatter.format(eight) == "----12345678 a\n\n")
    }

    @Test func scalarParameter() {
        let item = DisplayItem(line: 12, kind: .parameter, symbol: "s", text: "text",
                               records: [DisplayRecord(labels: [], ids: [], value: 5)])
        #expect(DisplayFormatter.format(item)
            == "----     12 PARAMETER s                    =        5.000  text\n\n")
    }

    @Test func zeroScalarHasNoRecordAndPrintsZero() {
        let item = DisplayItem(line: 3, kind: .parameter, symbol: "s")
        #expect(DisplayFormatter.format(item)
            == "----      3 PARAMETER s                    =        0.000  \n\n")
    }

    @Test func scalarVariableLevel() {
        let item = DisplayItem(line: 70, kind: .variable, symbol: "z", attribute: "l",
                               text: "total transportation costs in thousands of dollars",
                               records: [DisplayRecord(labels: [], ids: [], value: 153.675)])
        #expect(DisplayFormatter.format(item)
            == "----     70 VARIABLE z.L                   =      153.675  total transportation costs in thousands of dollars\n\n")
    }

    @Test func scalarEquationMarginalEPSAndLongName() {
        let eps = DisplayItem(line: 5, kind: .equation, symbol: "cost", attribute: "m",
                              records: [DisplayRecord(labels: [], ids: [], value: SpecialValue.eps)])
        #expect(DisplayFormatter.format(eps)
            == "----      5 EQUATION cost.M                =          EPS  \n\n")
        let name = String(repeating: "n", count: 40)
        let long = DisplayItem(line: 5, kind: .parameter, symbol: name,
                               records: [DisplayRecord(labels: [], ids: [], value: 1)])
        #expect(DisplayFormatter.format(long)
            == "----      5 PARAMETER \(name) =        1.000  \n\n")
    }

    @Test func modelAttribute() {
        let item = DisplayItem(line: 60, kind: .model, symbol: "transport", attribute: "modelstat",
                               records: [DisplayRecord(labels: [], ids: [], value: 1)])
        #expect(DisplayFormatter.format(item)
            == "----     60 MODEL transport.modelStat      =        1.000  \n\n")
        let unknown = DisplayItem(line: 60, kind: .model, symbol: "m", attribute: "someAttr",
                                  records: [DisplayRecord(labels: [], ids: [], value: 2.5)])
        #expect(DisplayFormatter.format(unknown)
            == "----     60 MODEL m.someAttr               =        2.500  \n\n")
    }

    /// GAMS listing (chenery, GAMS 22.0, page width 80): scalar texts are cut at the page
    /// width and continued under the text column; the cut keeps its spaces.
    @Test func scalarTextWrapsAtPageWidth() {
        let items = [
            DisplayItem(line: 241, kind: .parameter, symbol: "cli", text: "cost of living index",
                        records: [DisplayRecord(labels: [], ids: [], value: 2.49)]),
            DisplayItem(line: 241, kind: .parameter, symbol: "cva",
                        text: "total value added at current prices",
                        records: [DisplayRecord(labels: [], ids: [], value: 2604.551)]),
            DisplayItem(line: 241, kind: .parameter, symbol: "fve",
                        text: "foreign exchange value of exports",
                        records: [DisplayRecord(labels: [], ids: [], value: 106.671)]),
        ]
        #expect(DisplayFormatter.format(items, pageWidth: 80) == listing([
            "----    241 PARAMETER cli                  =        2.490  cost of living index",
            "            PARAMETER cva                  =     2604.551  total value added at ",
            "                                                           current prices",
            "            PARAMETER fve                  =      106.671  foreign exchange valu",
            "                                                           e of exports",
            "",
        ]))
    }

    // MARK: 1-D lists

    @Test func oneDimensionalParameter() {
        let item = DisplayItem(line: 40, kind: .parameter, symbol: "a",
                               text: "capacity of plant i in cases", domain: ["i"],
                               records: records(transportLabels, [(["seattle"], 350), (["san-diego"], 600)]))
        #expect(DisplayFormatter.format(item) == listing([
            "----     40 PARAMETER a  capacity of plant i in cases",
            "",
            "seattle   350.000,    san-diego 600.000",
            "",
            "",
        ]))
    }

    static let years = (2004...2018).map(String.init)

    /// GAMS listing (1-2-3 model, GAMS 22.0, page width 80).
    @Test func oneDimensionalListWrapsAtPageWidth() {
        let values = [0.185, 0.188, 0.190, 0.193, 0.195, 0.193, 0.197, 0.199, 0.202, 0.205,
                      0.203, 0.207, 0.210, 0.214, 0.217]
        let item = DisplayItem(line: 257, kind: .parameter, symbol: "TAX",
                               text: "10 GOVERNMENT NOMINAL REVENU", domain: ["T"],
                               records: records(Self.years, zip(Self.years, values).map { ([$0], $1) }))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----    257 PARAMETER TAX  10 GOVERNMENT NOMINAL REVENU",
            "",
            "2004 0.185,    2005 0.188,    2006 0.190,    2007 0.193,    2008 0.195",
            "2009 0.193,    2010 0.197,    2011 0.199,    2012 0.202,    2013 0.205",
            "2014 0.203,    2015 0.207,    2016 0.210,    2017 0.214,    2018 0.217",
            "",
            "",
        ]))
        // 15 entries of 10 characters and 14 separators take 220 columns: one line at 255.
        let wide = DisplayFormatter.format(item)
        #expect(wide.split(separator: "\n", omittingEmptySubsequences: false).count == 6)
    }

    /// GAMS listing (1-2-3 model, page width 80): a value that would print as 0.000 switches
    /// to exponent format, and the whole list is right-aligned to the widest value.
    @Test func oneDimensionalListWithExponentValue() {
        let values = [4.634081E-4, -0.005, -0.011, -0.017, -0.023, -0.036, -0.040, -0.047,
                      -0.054, -0.061, -0.076, -0.082, -0.091, -0.099, -0.108]
        let item = DisplayItem(line: 257, kind: .parameter, symbol: "SG",
                               text: "23 GOVERNMENT NOMINAL INCOME OR SAVING", domain: ["T"],
                               records: records(Self.years, zip(Self.years, values).map { ([$0], $1) }))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----    257 PARAMETER SG  23 GOVERNMENT NOMINAL INCOME OR SAVING",
            "",
            "2004 4.634081E-4,    2005      -0.005,    2006      -0.011,    2007      -0.017",
            "2008      -0.023,    2009      -0.036,    2010      -0.040,    2011      -0.047",
            "2012      -0.054,    2013      -0.061,    2014      -0.076,    2015      -0.082",
            "2016      -0.091,    2017      -0.099,    2018      -0.108",
            "",
            "",
        ]))
    }

    /// GAMS listing (1-2-3 model, page width 80): tiny values fill 11 characters.
    @Test func exponentFormatOfTinyValues() {
        let entries: [([String], Double)] = [
            (["2004"], 1.66533E-16), (["2006"], 3.88578E-16), (["2007"], -1.1102E-16),
            (["2008"], 1.11022E-16), (["2009"], 2.77556E-16), (["2010"], 1.66533E-16),
        ]
        let item = DisplayItem(line: 258, kind: .parameter, symbol: "TRAD",
                               text: "INVESTMENT LESS TOTAL SAVING", domain: ["T"],
                               records: records(Self.years, entries))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----    258 PARAMETER TRAD  INVESTMENT LESS TOTAL SAVING",
            "",
            "2004 1.66533E-16,    2006 3.88578E-16,    2007 -1.1102E-16,    2008 1.11022E-16",
            "2009 2.77556E-16,    2010 1.66533E-16",
            "",
            "",
        ]))
    }

    /// GAMS listing (Shoven–Whalley, GAMS 23.6): variable levels of 1-D variables.
    @Test func oneDimensionalVariableLevels() {
        let labels = ["IND", "SER", "RICH", "POOR"]
        let x = DisplayItem(line: 210, kind: .variable, symbol: "X", attribute: "l",
                            text: "Sectorial output", domain: ["I"],
                            records: records(labels, [(["IND"], 109.299), (["SER"], 116.656)]))
        let re = DisplayItem(line: 210, kind: .variable, symbol: "RE", attribute: "l",
                             text: "Consumers income", domain: ["H"],
                             records: records(labels, [(["RICH"], 1.102), (["POOR"], 61.278)]))
        #expect(DisplayFormatter.format(x) == listing([
            "----    210 VARIABLE X.L  Sectorial output", "", "IND 109.299,    SER 116.656", "", "",
        ]))
        #expect(DisplayFormatter.format(re) == listing([
            "----    210 VARIABLE RE.L  Consumers income", "", "RICH  1.102,    POOR 61.278", "", "",
        ]))
    }

    @Test func specialValuesInList() {
        let labels = ["i1", "i2", "i3", "i4", "i5", "i6"]
        let item = DisplayItem(line: 9, kind: .parameter, symbol: "p", domain: ["i"],
                               records: records(labels, [
                                   (["i1"], SpecialValue.eps), (["i2"], .infinity), (["i3"], -.infinity),
                                   (["i4"], SpecialValue.na), (["i5"], SpecialValue.undf), (["i6"], 1.5),
                               ]))
        #expect(DisplayFormatter.format(item) == listing([
            "----      9 PARAMETER p  ",
            "",
            "i1   EPS,    i2  +INF,    i3  -INF,    i4    NA,    i5  UNDF,    i6 1.500",
            "",
            "",
        ]))
    }

    @Test func decimalsZeroAndSix() {
        var item = DisplayItem(line: 40, kind: .parameter, symbol: "a", domain: ["i"],
                               records: records(transportLabels, [(["seattle"], 350), (["san-diego"], 600.4)]),
                               decimals: 0)
        #expect(DisplayFormatter.format(item) == listing([
            "----     40 PARAMETER a  ", "", "seattle   350,    san-diego 600", "", "",
        ]))
        item.decimals = 6
        #expect(DisplayFormatter.format(item) == listing([
            "----     40 PARAMETER a  ", "", "seattle   350.000000,    san-diego 600.400000", "", "",
        ]))
        // 12345.678 needs 12 characters with 6 decimals: exponent format.
        item.records = records(transportLabels, [(["seattle"], 12345.678), (["san-diego"], 1234.5678901)])
        #expect(DisplayFormatter.format(item) == listing([
            "----     40 PARAMETER a  ", "", "seattle   1.234568E+4,    san-diego 1234.567890", "", "",
        ]))
    }

    /// GAMS listing (ABEL, GAMS 22.0, page width 80): set members padded to the longest label,
    /// also at the end of a line.
    @Test func oneDimensionalSet() {
        let horizon = ["1964-i", "1964-ii", "1964-iii", "1964-iv", "1965-i", "1965-ii", "1965-iii", "1965-iv"]
        let k = DisplayItem(line: 28, kind: .set, symbol: "k", text: "horizon", domain: ["*"],
                            records: records(horizon, horizon.map { ([$0], 1) }))
        #expect(DisplayFormatter.format(k, pageWidth: 80) == listing([
            "----     28 SET k  horizon",
            "",
            "1964-i  ,    1964-ii ,    1964-iii,    1964-iv ,    1965-i  ,    1965-ii ",
            "1965-iii,    1965-iv ",
            "",
            "",
        ]))
        let ki = DisplayItem(line: 28, kind: .set, symbol: "ki", text: "initial period", domain: ["k"],
                             records: records(horizon, [(["1964-i"], 1)]))
        #expect(DisplayFormatter.format(ki, pageWidth: 80) == listing([
            "----     28 SET ki  initial period", "", "1964-i", "", "",
        ]))
    }

    // MARK: Matrices

    static func transportCost() -> DisplayItem {
        let d: [([String], Double)] = [
            (["seattle", "new-york"], 2.5), (["seattle", "chicago"], 1.7), (["seattle", "topeka"], 1.8),
            (["san-diego", "new-york"], 2.5), (["san-diego", "chicago"], 1.8), (["san-diego", "topeka"], 1.4),
        ]
        return DisplayItem(line: 45, kind: .parameter, symbol: "c",
                           text: "transport cost in thousands of dollars per case", domain: ["i", "j"],
                           records: records(transportLabels, d.map { ($0, 90 * $1 / 1000) }))
    }

    @Test func twoDimensionalParameter() {
        #expect(DisplayFormatter.format(Self.transportCost()) == listing([
            "----     45 PARAMETER c  transport cost in thousands of dollars per case",
            "",
            "             new-york     chicago      topeka",
            "",
            "seattle         0.225       0.153       0.162",
            "san-diego       0.225       0.162       0.126",
            "",
            "",
        ]))
    }

    /// GAMS listing (transport model, GAMS 23.6): blank cells, rows ending at their last entry,
    /// and only the columns that have entries.
    @Test func transportLevelsAndMarginals() {
        let level = DisplayItem(line: 68, kind: .variable, symbol: "x", attribute: "l",
                                text: "shipment quantities in cases", domain: ["i", "j"],
                                records: records(transportLabels, [
                                    (["seattle", "new-york"], 50), (["seattle", "chicago"], 300),
                                    (["san-diego", "new-york"], 275), (["san-diego", "topeka"], 275),
                                ]))
        let marginal = DisplayItem(line: 68, kind: .variable, symbol: "x", attribute: "m",
                                   text: "shipment quantities in cases", domain: ["i", "j"],
                                   records: records(transportLabels, [
                                       (["seattle", "topeka"], 0.036), (["san-diego", "chicago"], 0.009),
                                   ]))
        #expect(DisplayFormatter.format([level, marginal]) == listing([
            "----     68 VARIABLE x.L  shipment quantities in cases",
            "",
            "             new-york     chicago      topeka",
            "",
            "seattle        50.000     300.000",
            "san-diego     275.000                 275.000",
            "",
            "",
            "----     68 VARIABLE x.M  shipment quantities in cases",
            "",
            "              chicago      topeka",
            "",
            "seattle                     0.036",
            "san-diego       0.009",
            "",
            "",
        ]))
    }

    /// GAMS listing (ABEL, page width 80): a matrix wider than the page splits into blocks;
    /// further blocks start with `+` at the right of the row-label field.
    @Test func wideMatrixSplitsIntoBlocks() {
        let labels = ["consumpt", "invest", "1964-i", "1964-ii", "1964-iii", "1964-iv",
                      "1965-i", "1965-ii", "1965-iii", "1965-iv"]
        let horizon = Array(labels[2...])
        var entries: [([String], Double)] = []
        for (index, period) in horizon.enumerated() {
            entries.append((["consumpt", period], 387.9 * pow(1.0075, Double(index))))
            entries.append((["invest", period], 85.3 * pow(1.0075, Double(index))))
        }
        let item = DisplayItem(line: 67, kind: .parameter, symbol: "xtilde", text: "desired path for x",
                               domain: ["n", "k"], records: records(labels, entries))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----     67 PARAMETER xtilde  desired path for x",
            "",
            "              1964-i     1964-ii    1964-iii     1964-iv      1965-i     1965-ii",
            "",
            "consumpt     387.900     390.809     393.740     396.693     399.669     402.666",
            "invest        85.300      85.940      86.584      87.234      87.888      88.547",
            "",
            "       +    1965-iii     1965-iv",
            "",
            "consumpt     405.686     408.729",
            "invest        89.211      89.880",
            "",
            "",
        ]))
    }

    /// GAMS listing (Shoven–Whalley, GAMS 23.6, page width 80): a social accounting matrix
    /// with blank cells, a header without text, and a second block.
    @Test func socialAccountingMatrix() {
        let n = ["IND", "SER", "LAB", "CAP", "TAXLAB", "TAXCAP", "RICH", "POOR", "GOV", "TOTAL"]
        let cells: [(String, String, Double)] = [
            ("IND", "RICH", 0.686), ("IND", "POOR", 15.344), ("IND", "TOTAL", 22.890),
            ("SER", "RICH", 0.417), ("SER", "POOR", 45.934), ("SER", "TOTAL", 46.351),
            ("LAB", "IND", 16.497), ("LAB", "SER", 43.503), ("LAB", "TOTAL", 60),
            ("CAP", "IND", 4.262), ("CAP", "SER", 2.848), ("CAP", "TOTAL", 0.250),
            ("TAXCAP", "IND", 2.131), ("TAXCAP", "TOTAL", 2.131),
            ("RICH", "CAP", 0.250), ("RICH", "GOV", 0.852), ("RICH", "TOTAL", 1.102),
            ("POOR", "LAB", 60), ("POOR", "GOV", 1.278), ("POOR", "TOTAL", 61.278),
            ("GOV", "TAXCAP", 2.131), ("GOV", "TOTAL", 2.131),
            ("TOTAL", "IND", 16.030), ("TOTAL", "SER", 46.351), ("TOTAL", "LAB", 60),
            ("TOTAL", "CAP", 7.110), ("TOTAL", "TAXCAP", 2.131), ("TOTAL", "RICH", 1.102),
            ("TOTAL", "POOR", 61.278), ("TOTAL", "GOV", 2.131),
        ]
        let item = DisplayItem(line: 205, kind: .parameter, symbol: "SAM", domain: ["N", "N"],
                               records: records(n, cells.map { ([$0.0, $0.1], $0.2) }))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----    205 PARAMETER SAM  ",
            "",
            "               IND         SER         LAB         CAP      TAXCAP        RICH",
            "",
            "IND                                                                      0.686",
            "SER                                                                      0.417",
            "LAB         16.497      43.503",
            "CAP          4.262       2.848",
            "TAXCAP       2.131",
            "RICH                                             0.250",
            "POOR                                60.000",
            "GOV                                                          2.131",
            "TOTAL       16.030      46.351      60.000       7.110       2.131       1.102",
            "",
            "     +        POOR         GOV       TOTAL",
            "",
            "IND         15.344                  22.890",
            "SER         45.934                  46.351",
            "LAB                                 60.000",
            "CAP                                  0.250",
            "TAXCAP                               2.131",
            "RICH                     0.852       1.102",
            "POOR                     1.278      61.278",
            "GOV                                  2.131",
            "TOTAL       61.278       2.131",
            "",
            "",
        ]))
    }

    /// GAMS listing (ABEL, page width 80): three dimensions, all but the last in the rows,
    /// each row position padded to its longest label.
    @Test func threeDimensionalParameter() {
        let labels = ["consumpt", "invest", "1964-i", "1964-ii", "1964-iii", "1964-iv",
                      "1965-i", "1965-ii", "1965-iii", "1965-iv"]
        var entries: [([String], Double)] = []
        for period in labels[2...] {
            let last = period == "1965-iv"
            entries.append((["consumpt", "consumpt", period], last ? 6.25 : 0.0625))
            entries.append((["invest", "invest", period], last ? 100 : 1))
        }
        let item = DisplayItem(line: 67, kind: .parameter, symbol: "w", text: "penalty matrix on states",
                               domain: ["n", "np", "k"], records: records(labels, entries))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----     67 PARAMETER w  penalty matrix on states",
            "",
            "                       1964-i     1964-ii    1964-iii     1964-iv      1965-i",
            "",
            "consumpt.consumpt       0.062       0.062       0.062       0.062       0.062",
            "invest  .invest         1.000       1.000       1.000       1.000       1.000",
            "",
            "                +     1965-ii    1965-iii     1965-iv",
            "",
            "consumpt.consumpt       0.062       0.062       6.250",
            "invest  .invest         1.000       1.000     100.000",
            "",
            "",
        ]))
    }

    @Test func fourDimensionalRowsJoinWithDots() {
        let labels = ["a", "bb", "x", "yyy", "k1", "k2"]
        let item = DisplayItem(line: 3, kind: .parameter, symbol: "q", domain: ["i", "j", "k", "l"],
                               records: records(labels, [
                                   (["a", "x", "yyy", "k1"], 1), (["bb", "yyy", "x", "k2"], 2),
                               ]))
        #expect(DisplayFormatter.format(item) == listing([
            "----      3 PARAMETER q  ",
            "",
            "                    k1          k2",
            "",
            "a .x  .yyy       1.000",
            "bb.yyy.x                     2.000",
            "",
            "",
        ]))
    }

    /// McCarl's GAMS guide ("Taking control of display decimals"): mixed fixed and exponent
    /// formats in one matrix, and the effect of fewer decimals.
    @Test func exponentFormatInMatrixAndDecimals() {
        let labels = ["index11", "index12", "index21", "index22"]
        var item = DisplayItem(line: 8, kind: .parameter, symbol: "DATA", domain: ["*", "*"],
                               records: records(labels, [
                                   (["index11", "index21"], 1e-5), (["index11", "index22"], 1e7),
                                   (["index12", "index21"], 3.72), (["index12", "index22"], 200.1),
                               ]))
        #expect(DisplayFormatter.format(item) == listing([
            "----      8 PARAMETER DATA  ",
            "",
            "            index21     index22",
            "",
            "index11 1.000000E-5 1.000000E+7",
            "index12       3.720     200.100",
            "",
            "",
        ]))
        item.decimals = 1
        #expect(DisplayFormatter.format(item).contains("index11 1.000000E-5  10000000.0\nindex12         3.7       200.1\n"))
        item.decimals = 2
        #expect(DisplayFormatter.format(item).contains("index11 1.000000E-5 10000000.00\nindex12        3.72      200.10\n"))
    }

    @Test func specialValuesInMatrix() {
        let labels = ["r", "c1", "c2", "c3", "c4", "c5"]
        let item = DisplayItem(line: 4, kind: .parameter, symbol: "m", domain: ["*", "*"],
                               records: records(labels, [
                                   (["r", "c1"], SpecialValue.eps), (["r", "c2"], .infinity),
                                   (["r", "c3"], -.infinity), (["r", "c4"], SpecialValue.na),
                                   (["r", "c5"], SpecialValue.undf),
                               ]))
        #expect(DisplayFormatter.format(item) == listing([
            "----      4 PARAMETER m  ",
            "",
            "           c1          c2          c3          c4          c5",
            "",
            "r         EPS        +INF        -INF          NA        UNDF",
            "",
            "",
        ]))
    }

    @Test func twoDimensionalSet() {
        let labels = ["i1", "i2", "j1", "j2"]
        let item = DisplayItem(line: 10, kind: .set, symbol: "ij", text: "links", domain: ["i", "j"],
                               records: records(labels, [
                                   (["i1", "j1"], 1), (["i1", "j2"], 1), (["i2", "j2"], 1),
                               ]))
        #expect(DisplayFormatter.format(item) == listing([
            "----     10 SET ij  links",
            "",
            "            j1          j2",
            "",
            "i1         YES         YES",
            "i2                     YES",
            "",
            "",
        ]))
    }

    @Test func rowsWithoutEntriesInABlockAreLeftOut() {
        let labels = ["r1", "r2", "c1", "c2", "c3", "c4", "c5", "c6", "c7"]
        var entries: [([String], Double)] = (2...8).map { (["r1", labels[$0]], 1) }
        entries.append((["r2", "c1"], 2))
        let item = DisplayItem(line: 2, kind: .parameter, symbol: "t", domain: ["*", "*"],
                               records: records(labels, entries))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----      2 PARAMETER t  ",
            "",
            "            c1          c2          c3          c4          c5          c6",
            "",
            "r1       1.000       1.000       1.000       1.000       1.000       1.000",
            "r2       2.000",
            "",
            " +          c7",
            "",
            "r1       1.000",
            "",
            "",
        ]))
    }

    /// GAMS 54's listing page width is 32767: a wide matrix or a long list stays whole.
    @Test func defaultPageWidthKeepsWideDisplaysWhole() {
        let columns = (1...22).map { String(format: "c%02d", $0) }
        let item = DisplayItem(line: 2, kind: .parameter, symbol: "t", domain: ["*", "*"],
                               records: records(["r1"] + columns, columns.map { (["r1", $0], 1) }))
        let lines = DisplayFormatter.format(item).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8)
        #expect(lines[2].count == 266 && lines[2].hasSuffix("c22"))
        let labels = (1...40).map { "label\($0)" }
        let list = DisplayItem(line: 3, kind: .parameter, symbol: "v", domain: ["*"], records: records(labels, labels.map { ([$0], 1) }))
        #expect(DisplayFormatter.format(list).split(separator: "\n").count == 2)
    }

    @Test func pageWidth255SplitsAfter255Columns() {
        let columns = (1...22).map { String(format: "c%02d", $0) }
        let item = DisplayItem(line: 2, kind: .parameter, symbol: "t", domain: ["*", "*"],
                               records: records(["r1"] + columns, columns.map { (["r1", $0], 1) }))
        let lines = DisplayFormatter.format(item, pageWidth: 255).split(separator: "\n", omittingEmptySubsequences: false)
        // Two characters of row label and 21 columns of 12 take 254 columns; the 22nd goes on.
        #expect(lines.count == 12)
        #expect(lines[2].count == 254 && lines[2].hasSuffix("c21"))
        #expect(lines[4].count == 254)
        #expect(lines[6] == " +         c22")
        #expect(lines[8] == "r1       1.000")
    }

    @Test func listFillsTheLineExactly() {
        let labels = (2001...2010).map(String.init)
        let item = DisplayItem(line: 2, kind: .parameter, symbol: "v", domain: ["t"],
                               records: records(labels, labels.map { ([$0], 100) }))
        #expect(DisplayFormatter.format(item, pageWidth: 80) == listing([
            "----      2 PARAMETER v  ",
            "",
            "2001 100.000,    2002 100.000,    2003 100.000,    2004 100.000,    2005 100.000",
            "2006 100.000,    2007 100.000,    2008 100.000,    2009 100.000,    2010 100.000",
            "",
            "",
        ]))
        #expect(DisplayFormatter.format(item, pageWidth: 79).contains("2004 100.000\n2005 100.000,"))
    }

    @Test func longColumnLabelWidensItsColumn() {
        let labels = ["r", "a-very-long-label-name"]
        let item = DisplayItem(line: 2, kind: .parameter, symbol: "t", domain: ["*", "*"],
                               records: records(labels, [(["r", "a-very-long-label-name"], 1)]))
        #expect(DisplayFormatter.format(item) == listing([
            "----      2 PARAMETER t  ",
            "",
            "  a-very-long-label-name",
            "",
            "r                  1.000",
            "",
            "",
        ]))
    }

    // MARK: Empty items

    @Test func allZero() {
        let item = DisplayItem(line: 12, kind: .variable, symbol: "x", attribute: "m",
                               text: "shipment quantities in cases", domain: ["i", "j"])
        #expect(DisplayFormatter.format(item) == listing([
            "----     12 VARIABLE x.M  shipment quantities in cases",
            "",
            "                      ( ALL       0.000 )",
            "",
            "",
        ]))
        let zeros = DisplayItem(line: 12, kind: .parameter, symbol: "p", domain: ["i"],
                                records: [DisplayRecord(labels: ["i1"], ids: [1], value: 0)], decimals: 1)
        #expect(DisplayFormatter.format(zeros).contains("( ALL         0.0 )"))
    }

    @Test func emptySet() {
        let item = DisplayItem(line: 7, kind: .set, symbol: "s", domain: ["*"])
        #expect(DisplayFormatter.format(item) == listing([
            "----      7 SET s  ", "", "                      ( EMPTY )", "", "",
        ]))
    }

    // MARK: Listings of several items

    /// GAMS listing (Shoven–Whalley, GAMS 23.6, page width 80): scalars of one display
    /// statement are grouped; text items are followed by one blank line.
    @Test func listingOfSeveralItems() {
        func scalar(_ line: Int, _ kind: DisplayKind, _ name: String, _ attribute: String?,
                    _ value: Double, _ text: String) -> DisplayItem {
            DisplayItem(line: line, kind: kind, symbol: name, attribute: attribute, text: text,
                        records: [DisplayRecord(labels: [], ids: [], value: value)])
        }
        let h = ["RICH", "POOR"]
        let items = [
            scalar(210, .variable, "W", "l", 1, "Net price of labor"),
            scalar(210, .variable, "R", "l", 0.01, "Net price of capital"),
            DisplayItem(line: 210, kind: .variable, symbol: "RE", attribute: "l", text: "Consumers income",
                        domain: ["H"], records: records(h, [(["RICH"], 1.102), (["POOR"], 61.278)])),
            DisplayItem(line: 232, kind: .text, symbol: "EFFECTS ON INDIVIDUAL WELFARE"),
            DisplayItem(line: 239, kind: .parameter, symbol: "VUTIL", text: "Percent change in utility",
                        domain: ["H"], records: records(h, [(["RICH"], 323.474), (["POOR"], 0.503)])),
            scalar(239, .parameter, "EVT", nil, 1.111, "EV total"),
            scalar(239, .parameter, "CVT", nil, 1.149, "CV total"),
            DisplayItem(line: 241, kind: .text, symbol: "MACRO VARIABLES"),
            scalar(251, .parameter, "CONSUMT", nil, 62.381, "Total consumption"),
            scalar(252, .parameter, "WAGES", nil, 60, "Wages"),
            scalar(252, .parameter, "CAPINC", nil, 0.25, "Capital income"),
            scalar(252, .variable, "TAX", "l", 2.131, "Tax collections"),
            scalar(260, .parameter, "DWLPIB", nil, 1.781, "Welfare loss as a percent of GDP"),
            scalar(260, .parameter, "DWLTAX", nil, 52.128, "Welfare loss as a percent of taxes"),
        ]
        #expect(DisplayFormatter.format(items, pageWidth: 80) == listing([
            "----    210 VARIABLE W.L                   =        1.000  Net price of labor",
            "            VARIABLE R.L                   =        0.010  Net price of capital",
            "",
            "----    210 VARIABLE RE.L  Consumers income",
            "",
            "RICH  1.102,    POOR 61.278",
            "",
            "",
            "----    232 EFFECTS ON INDIVIDUAL WELFARE",
            "",
            "----    239 PARAMETER VUTIL  Percent change in utility",
            "",
            "RICH 323.474,    POOR   0.503",
            "",
            "",
            "----    239 PARAMETER EVT                  =        1.111  EV total",
            "            PARAMETER CVT                  =        1.149  CV total",
            "",
            "----    241 MACRO VARIABLES",
            "",
            "----    251 PARAMETER CONSUMT              =       62.381  Total consumption",
            "",
            "----    252 PARAMETER WAGES                =       60.000  Wages",
            "            PARAMETER CAPINC               =        0.250  Capital income",
            "            VARIABLE TAX.L                 =        2.131  Tax collections",
            "",
            "----    260 PARAMETER DWLPIB               =        1.781  Welfare loss as a per",
            "                                                           cent of GDP",
            "            PARAMETER DWLTAX               =       52.128  Welfare loss as a per",
            "                                                           cent of taxes",
            "",
        ]))
    }

    // MARK: Number formatting

    @Test func valueFormatting() {
        #expect(DisplayFormatter.formatValue(0, decimals: 3) == "0.000")
        #expect(DisplayFormatter.formatValue(-0.0, decimals: 3) == "EPS")
        #expect(DisplayFormatter.formatValue(1234567.891, decimals: 3) == "1234567.891")
        #expect(DisplayFormatter.formatValue(-1234567.891, decimals: 3) == "-1.23457E+6")
        #expect(DisplayFormatter.formatValue(12345678.9, decimals: 3) == "1.234568E+7")
        #expect(DisplayFormatter.formatValue(0.0004, decimals: 3) == "4.000000E-4")
        #expect(DisplayFormatter.formatValue(-0.0004, decimals: 3) == "-4.00000E-4")
        #expect(DisplayFormatter.formatValue(0.0005, decimals: 3) == "0.001")
        #expect(DisplayFormatter.formatValue(9.99999999e-5, decimals: 3) == "1.000000E-4")
        #expect(DisplayFormatter.formatValue(1e300, decimals: 3) == "1.0000E+300")
        #expect(DisplayFormatter.formatValue(-1e-300, decimals: 3) == "-1.000E-300")
        #expect(DisplayFormatter.formatValue(.greatestFiniteMagnitude, decimals: 3) == "1.7977E+308")
        #expect(DisplayFormatter.formatValue(2.5, decimals: 0) == "2")
        #expect(DisplayFormatter.formatValue(0.4, decimals: 0) == "4.000000E-1")
        #expect(DisplayFormatter.formatValue(1.5, decimals: 20) == "1.50000000")
        #expect(DisplayFormatter.formatValue(1.5, decimals: -3) == "2")
        #expect(DisplayFormatter.formatValue(Double(nan: 7, signaling: true), decimals: 3) == "UNDF")
    }

    // MARK: Robustness

    @Test func oddInputsDoNotTrap() {
        let long = String(repeating: "L", count: 300)
        let items = [
            DisplayItem(line: -1, kind: .parameter, symbol: "", domain: ["*"],
                        records: [DisplayRecord(labels: [""], ids: [1], value: 1)]),
            DisplayItem(line: 1, kind: .parameter, symbol: "p", domain: ["*", "*"],
                        records: [DisplayRecord(labels: [long, long], ids: [1, 1], value: .nan),
                                  DisplayRecord(labels: [], ids: [], value: 1e308),
                                  DisplayRecord(labels: ["a", "b", "c"], ids: [2], value: -1e-308)]),
            DisplayItem(line: 1, kind: .set, symbol: "s", domain: [],
                        records: [DisplayRecord(labels: [], ids: [], value: 1)]),
            DisplayItem(line: 1, kind: .set, symbol: "s3", domain: ["a", "b", "c"],
                        records: [DisplayRecord(labels: [long, "x", long], ids: [], value: 1)]),
            DisplayItem(line: 1, kind: .model, symbol: "m", attribute: nil),
            DisplayItem(line: 1, kind: .parameter, symbol: "t", text: long,
                        records: [DisplayRecord(labels: [], ids: [], value: .infinity)]),
            DisplayItem(line: 1, kind: .variable, symbol: "v", attribute: "", domain: ["i"],
                        records: [DisplayRecord(labels: ["i1"], ids: [1], value: 1)], decimals: 99),
        ]
        for width in [0, 1, 40, 80, 255, 32767] {
            let text = DisplayFormatter.format(items, pageWidth: width)
            #expect(!text.isEmpty)
            for item in items { #expect(!DisplayFormatter.format(item, pageWidth: width).isEmpty) }
        }
    }
}
