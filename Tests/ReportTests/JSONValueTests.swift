import Foundation
import IR
import Testing
@testable import Report

@Suite struct JSONValueTests {

    @Test func scalarsRender() {
        #expect(JSONValue.null.render() == "null")
        #expect(JSONValue.bool(true).render() == "true")
        #expect(JSONValue.bool(false).render() == "false")
        #expect(JSONValue.int(-42).render() == "-42")
        #expect(JSONValue.int(Int.min).render() == "-9223372036854775808")
    }

    @Test func numbersRender() {
        #expect(JSONValue.number(350).render() == "350")
        #expect(JSONValue.number(-2).render() == "-2")
        #expect(JSONValue.number(0.225).render() == "0.225")
        #expect(JSONValue.number(0.1 + 0.2).render() == "0.30000000000000004")
        #expect(JSONValue.number(153.675).render() == "153.675")
        #expect(JSONValue.number(1e-5).render() == "1e-05")
        #expect(JSONValue.number(1e16).render() == "1e+16")
        #expect(JSONValue.number(123456789012345.0).render() == "123456789012345")
        #expect(JSONValue.number(-0.0).render() == "0")
        #expect(JSONValue.number(0).render() == "0")
        #expect(JSONValue.number(.infinity).render() == "null")
        #expect(JSONValue.number(-.infinity).render() == "null")
        #expect(JSONValue.number(.nan).render() == "null")
        #expect(JSONValue.number(.greatestFiniteMagnitude).render() == "1.7976931348623157e+308")
        #expect(JSONValue.number(.leastNonzeroMagnitude).render() == "5e-324")
    }

    @Test func numbersRoundTrip() throws {
        for value in [0.225, 1.0 / 3.0, 1e-300, 6.02214076e23, -123.456, 2.5e-8] {
            let text = JSONValue.number(value).render()
            let parsed = try JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)) as? [Double]
            #expect(parsed?.first == value)
        }
    }

    @Test func stringEscaping() {
        #expect(JSONValue.string("plain").render() == "\"plain\"")
        #expect(JSONValue.string("a\"b\\c/d").render() == "\"a\\\"b\\\\c/d\"")
        #expect(JSONValue.string("\n\r\t\u{08}\u{0C}").render() == "\"\\n\\r\\t\\b\\f\"")
        #expect(JSONValue.string("\u{00}\u{01}\u{1F}\u{7F}").render() == "\"\\u0000\\u0001\\u001f\u{7F}\"")
        #expect(JSONValue.string("\u{2028}\u{2029}").render() == "\"\\u2028\\u2029\"")
        #expect(JSONValue.string("Zürich – 東京 🚚").render() == "\"Zürich – 東京 🚚\"")
        #expect(JSONValue.string("").render() == "\"\"")
    }

    @Test func escapedStringsParseBack() throws {
        let original = "tab\there \"quoted\" back\\slash \u{01} é 🚚 \u{2028}"
        let text = JSONValue.array([.string(original)]).render()
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(parsed == [original])
    }

    @Test func containersKeepOrderAndAreCompact() {
        let value = JSONValue.object([
            ("z", .int(1)), ("a", .array([.null, .bool(true), .string("x")])),
            ("m", .object([])), ("e", .array([])), ("k\"ey", .number(1.5)),
        ])
        #expect(value.render() == "{\"z\":1,\"a\":[null,true,\"x\"],\"m\":{},\"e\":[],\"k\\\"ey\":1.5}")
    }

    @Test func equality() {
        #expect(JSONValue.object([("a", .int(1)), ("b", .null)]) == .object([("a", .int(1)), ("b", .null)]))
        #expect(JSONValue.object([("a", .int(1)), ("b", .null)]) != .object([("b", .null), ("a", .int(1))]))
        #expect(JSONValue.int(1) != .number(1))
        #expect(JSONValue.array([.string("x")]) == .array([.string("x")]))
    }

    @Test func displayOfVariableLevels() {
        let item = DisplayItem(line: 68, kind: .variable, symbol: "x", attribute: "l",
                               text: "shipment quantities in cases", domain: ["i", "j"],
                               records: records(transportLabels, [
                                   (["seattle", "new-york"], 50), (["seattle", "chicago"], 300),
                                   (["san-diego", "new-york"], 275), (["san-diego", "topeka"], 275),
                               ]))
        #expect(JSONValue.displayRecordsJSON(item).render() == """
            {"line":68,"symbol":"x","attribute":"l","domain":["i","j"],"records":[["seattle","new-york",50],\
            ["seattle","chicago",300],["san-diego","new-york",275],["san-diego","topeka",275]]}
            """)
    }

    @Test func displayOfSpecialValuesKeepsEPSDistinctFromZero() {
        let labels = ["a", "b", "c", "d", "e", "f"]
        let item = DisplayItem(line: 3, kind: .parameter, symbol: "p", domain: ["*"],
                               records: records(labels, [
                                   (["a"], SpecialValue.eps), (["b"], .infinity), (["c"], -.infinity),
                                   (["d"], SpecialValue.na), (["e"], SpecialValue.undf), (["f"], 0.5),
                               ]))
        #expect(JSONValue.displayRecordsJSON(item).render() == """
            {"line":3,"symbol":"p","attribute":null,"domain":["*"],"records":[["a","EPS"],["b","+INF"],\
            ["c","-INF"],["d","NA"],["e","UNDF"],["f",0.5]]}
            """)
    }

    @Test func displayOfSetScalarModelAndText() {
        let set = DisplayItem(line: 5, kind: .set, symbol: "ij", domain: ["i", "j"],
                              records: [DisplayRecord(labels: ["i1", "j1"], ids: [1, 2], value: 1, text: "link")])
        #expect(JSONValue.displayRecordsJSON(set).render()
            == #"{"line":5,"symbol":"ij","attribute":null,"domain":["i","j"],"records":[["i1","j1",1]]}"#)

        let zero = DisplayItem(line: 6, kind: .parameter, symbol: "s")
        #expect(JSONValue.displayRecordsJSON(zero).render()
            == #"{"line":6,"symbol":"s","attribute":null,"domain":[],"records":[[0]]}"#)

        let level = DisplayItem(line: 7, kind: .variable, symbol: "z", attribute: "l",
                                records: [DisplayRecord(labels: [], ids: [], value: 153.675)])
        #expect(JSONValue.displayRecordsJSON(level).render()
            == #"{"line":7,"symbol":"z","attribute":"l","domain":[],"records":[[153.675]]}"#)

        let model = DisplayItem(line: 8, kind: .model, symbol: "transport", attribute: "modelStat",
                                records: [DisplayRecord(labels: [], ids: [], value: 1)])
        #expect(JSONValue.displayRecordsJSON(model).render()
            == #"{"line":8,"symbol":"transport","attribute":"modelStat","domain":[],"records":[[1]]}"#)

        let text = DisplayItem(line: 9, kind: .text, symbol: "say \"hi\"")
        #expect(JSONValue.displayRecordsJSON(text).render()
            == #"{"line":9,"symbol":"say \"hi\"","attribute":null,"domain":[],"records":[]}"#)
    }
}
