import Testing
@testable import GDX

@Suite struct GDXDumpTests {
    @Test func dumpsEverySymbolAsGdxdumpDoes() throws {
        let file = try GDXReader.decode(GDXWriter.encode(sampleFile()))
        #expect(GDXDump.text(file) == """
            $onEmpty

            Set i(*) canning plants /
            'seattle',
            'san-diego' 'the big one' /;

            Set j(*) markets /
            'new-york',
            'chicago',
            'topeka' /;

            Alias (jj, j);

            Set route(i,j) open routes /
            'seattle'.'new-york' 'has, comma',
            'san-diego'.'topeka' /;

            Parameter d(i,j) distance in thousands of miles /
            * from the transport model
            'seattle'.'new-york' 2.5,
            'seattle'.'chicago' Eps,
            'seattle'.'topeka' Undf,
            'san-diego'.'new-york' NA,
            'san-diego'.'chicago' -Inf,
            'san-diego'.'topeka' +Inf /;

            Scalar f freight in dollars per case / 90 /;

            Parameter cube(i,k,*) relaxed domain /
            'seattle'.'chicago'.'chicago' 1E15,
            'san-diego'.'topeka'.'new-york' -1.25E-7 /;

            positive Variable x(i,j) shipment quantities in cases /
            'seattle'.'chicago'.L 300,
            'san-diego'.'topeka'.L 275,
            'san-diego'.'topeka'.M Eps,
            'san-diego'.'topeka'.UP 1000 /;

            free     Variable z total transportation costs /L 153.675 /;

            Equation supply(i) observe supply limit at plant i /
            'seattle'.L 350,
            'seattle'.M 0.5,
            'seattle'.LO -Inf,
            'seattle'.UP 350 /;

            Parameter empty(j) / /;

            $offEmpty

            """)
    }

    @Test func numbersHaveFifteenSignificantDigits() {
        #expect(GDXDump.number(23) == "23")
        #expect(GDXDump.number(3.1415926) == "3.1415926")
        #expect(GDXDump.number(0.14159265358979312) == "0.141592653589793")
        #expect(GDXDump.number(1e15 + 1) == "1E15")
        #expect(GDXDump.number(1e-10) == "1E-10")
        #expect(GDXDump.number(1.01e-4) == "0.000101")
        #expect(GDXDump.number(-2.5e20) == "-2.5E20")
    }

    @Test func textsWithDelimitersAreQuoted() {
        #expect(GDXDump.quotedText("cost, in $", parenthesisMatters: false) == " 'cost, in $'")
        #expect(GDXDump.quotedText("it's", parenthesisMatters: false) == " \"it's\"")
        #expect(GDXDump.quotedText("(scalar)", parenthesisMatters: true) == " '(scalar)'")
        #expect(GDXDump.quotedLabel("o'hare") == "\"o'hare\"")
    }
}
