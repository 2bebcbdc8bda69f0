import Testing

/// Small complete models in the style of published GAMS models with old-style tables
/// (GamsTables/): no `;` after a table, the next keyword indented, wide numbers, values beside
/// short labels, tabs, `+` blocks. Each optimum is worked out by hand in the model's header.
@Suite struct GamsTablesTests {
    /// Runs a model of GamsTables/, expecting a clean optimal solve with `objective`.
    func solve(_ name: String, objective: Double, sourceLocation: SourceLocation = #_sourceLocation) -> Run {
        let run = runModel("GamsTables/\(name).gms")
        expectClean(run, sourceLocation: sourceLocation)
        #expect(run.solves.count == 1, sourceLocation: sourceLocation)
        #expect(run.solves.first?.modelStatus.rawValue == 1, sourceLocation: sourceLocation)
        #expect(close(run.solves.first?.objective ?? .nan, objective), "objective \(String(describing: run.solves.first?.objective))",
                sourceLocation: sourceLocation)
        return run
    }

    /// Expects the displayed records of `symbol` to be `expected`, within solver round-off.
    func expectLevels(_ run: Run, _ symbol: String, _ attribute: String, _ expected: [[String]: Double],
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = run.records(symbol, attribute)
        #expect(Set(actual.keys) == Set(expected.keys), "\(symbol).\(attribute): \(actual)", sourceLocation: sourceLocation)
        for (labels, value) in expected {
            #expect(close(actual[labels] ?? .nan, value), "\(symbol).\(attribute)\(labels) = \(String(describing: actual[labels]))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func farm() {
        let run = solve("farm", objective: 9950)
        expectLevels(run, "x", "l", [["corn"]: 50, ["wheat"]: 50])
        expectLevels(run, "res", "m", [["land"]: 52, ["labor"]: 9.5])
        #expect(run.records("profit") == [["corn"]: 109, ["wheat"]: 90, ["cotton"]: 115])
    }

    @Test func shipping() {
        let run = solve("shipping", objective: 2100)
        expectLevels(run, "x", "l", [["p1", "m1"]: 50, ["p1", "m3"]: 250, ["p2", "m1"]: 150, ["p2", "m2"]: 300])
    }

    @Test func dietFromATableWithoutDomainWrittenWithTabs() {
        let run = solve("diet", objective: 13)
        expectLevels(run, "buy", "l", [["grain"]: 3, ["beans"]: 2])
        expectLevels(run, "meet", "m", [["protein"]: 4.0 / 3, ["energy"]: 1.0 / 3])
    }

    @Test func plantsWithDottedRowsAndLabelGroups() {
        let run = solve("plants", objective: 810)
        expectLevels(run, "q", "l", [["east", "p1"]: 60, ["east", "p2"]: 20, ["west", "p1"]: 40, ["west", "p2"]: 50])
    }

    @Test func wyndorWithValuesBesideShortLabels() {
        let run = solve("wyndor", objective: 36)
        expectLevels(run, "b", "l", [["x1"]: 2, ["x2"]: 6])
        expectLevels(run, "hours", "m", [["plant2"]: 1.5, ["plant3"]: 1])
    }

    @Test func inventoryWithAContinuedTable() {
        let run = solve("inventory", objective: 645)
        expectLevels(run, "x", "l", [["t1"]: 20, ["t2"]: 35, ["t3"]: 35, ["t4"]: 10])
        expectLevels(run, "s", "l", [["t2"]: 5])
    }
}
