import Foundation
import Testing

// Numeric checks of the models in Models/: status codes, objectives, levels and marginals.
//
// Reference figures for the models written for this suite were computed independently with
// GLPK's own front end, glpsol, from MathProg formulations of the same LPs/MIPs (written
// outside the repository); the transport figures are the published GAMS results.

/// The value of a record that must be present (levels/marginals that GAMS shows).
private func rec(_ run: Run, _ symbol: String, _ attribute: String?, _ labels: String...) -> Double? {
    run.records(symbol, attribute)[labels]
}

private func approx(_ a: Double?, _ b: Double, tol: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

@Suite struct ModelAssertionTests {
    /// Dantzig's transport model; figures from the GAMS model library listing.
    @Test func transport() {
        let run = runModel("Models/transport.gms")
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.count == 1)
        let s = run.solves.first
        #expect(s?.modelStatus.rawValue == 1)
        #expect(s?.solverStatus.rawValue == 1)
        #expect(approx(s?.objective, 153.675))
        #expect(approx(rec(run, "z", "l"), 153.675))
        // Shipments (the GAMS listing's optimal basis).
        #expect(approx(rec(run, "x", "l", "seattle", "new-york"), 50))
        #expect(approx(rec(run, "x", "l", "seattle", "chicago"), 300))
        #expect(approx(rec(run, "x", "l", "san-diego", "new-york"), 275))
        #expect(approx(rec(run, "x", "l", "san-diego", "topeka"), 275))
        #expect(rec(run, "x", "l", "seattle", "topeka") == nil)
        // Reduced costs.
        #expect(approx(rec(run, "x", "m", "seattle", "topeka"), 0.036))
        #expect(approx(rec(run, "x", "m", "san-diego", "chicago"), 0.009))
        // Duals of demand (GAMS sign convention: marginal = d objective / d rhs).
        #expect(approx(rec(run, "demand", "m", "new-york"), 0.225))
        #expect(approx(rec(run, "demand", "m", "chicago"), 0.153))
        #expect(approx(rec(run, "demand", "m", "topeka"), 0.126))
        // Seattle's supply row is binding but degenerate: GAMS shows its marginal as EPS.
        let eps = rec(run, "supply", "m", "seattle")
        #expect(eps == 0, "supply.m(seattle) should be displayed as EPS")
        #expect(eps?.sign == .minus, "EPS is stored as a signed zero")
        #expect(rec(run, "supply", "m", "san-diego") == nil)
        #expect(run.records("transport", "modelStat")[[]] == 1)
    }

    /// Polly's diet (Chvatal). glpsol: cost 92.5; oatmeal 4, milk 4.5, cherry pie 2;
    /// energy dual 0.05625; reduced costs oatmeal -3.1875, chicken 12.46875, eggs 4,
    /// cherry pie -3.625, pork and beans 4.375.
    @Test func diet() {
        let run = runModel("Models/diet.gms")
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        let s = run.solves.first
        #expect(s?.modelStatus.rawValue == 1)
        #expect(s?.solverStatus.rawValue == 1)
        #expect(approx(s?.objective, 92.5))
        #expect(approx(rec(run, "cost", "l"), 92.5))
        #expect(approx(rec(run, "x", "l", "oatmeal"), 4))
        #expect(approx(rec(run, "x", "l", "milk"), 4.5))
        #expect(approx(rec(run, "x", "l", "cherry-pie"), 2))
        #expect(rec(run, "x", "l", "chicken") == nil)
        #expect(approx(rec(run, "need", "m", "energy"), 0.05625))
        #expect(rec(run, "need", "m", "protein") == nil)
        #expect(approx(rec(run, "x", "m", "oatmeal"), -3.1875))
        #expect(approx(rec(run, "x", "m", "chicken"), 12.46875))
        #expect(approx(rec(run, "x", "m", "eggs"), 4))
        #expect(approx(rec(run, "x", "m", "cherry-pie"), -3.625))
        #expect(approx(rec(run, "x", "m", "pork-beans"), 4.375))
        #expect(approx(rec(run, "intake", nil, "calcium"), 1334.5))
        #expect(approx(rec(run, "intake", nil, "protein"), 60))
    }

    /// Alloy blending, two models from equation subsets. glpsol: m1 (balance only) 4.1 with
    /// alloy a only; m2 (all rows) 4.98 with b = 0.6, d = 0.4.
    @Test func blend() {
        let run = runModel("Models/blend.gms")
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.map(\.model) == ["m1", "m2"])
        #expect(run.solves.map(\.modelStatus.rawValue) == [1, 1])
        #expect(run.solves.map(\.solverStatus.rawValue) == [1, 1])
        #expect(approx(run.solves.first?.objective, 4.1))
        #expect(approx(run.solves.last?.objective, 4.98))
        // m1 has the objective row and the balance only; m2 adds three element rows.
        #expect(run.solves.map(\.rows) == [2, 5])
        #expect(approx(rec(run, "report", nil, "m1", "cost"), 4.1))
        #expect(approx(rec(run, "report", nil, "m2", "cost"), 4.98))
        #expect(rec(run, "report", nil, "m1", "status") == 1)
        #expect(rec(run, "report", nil, "m2", "status") == 1)
        #expect(approx(rec(run, "buy", nil, "a", "m1"), 1))
        #expect(approx(rec(run, "buy", nil, "b", "m2"), 0.6))
        #expect(approx(rec(run, "buy", nil, "d", "m2"), 0.4))
        // round(v.l, 6) of a zero level is a plain zero: not displayed (and never EPS).
        #expect(rec(run, "buy", nil, "a", "m2") == nil)
    }

    /// Six-month production and stock plan with a lagged stock balance. glpsol: cost 13930;
    /// production 100, 220, 220, 220, 200, 150; stock 40, 110, 80, 0, 0, 30; balance duals
    /// -10, -11.5, -13, -14.5, -13, -12.
    @Test func productionInventory() {
        let run = runModel("Models/prodinv.gms")
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        let s = run.solves.first
        #expect(s?.modelStatus.rawValue == 1)
        #expect(s?.solverStatus.rawValue == 1)
        #expect(approx(s?.objective, 13930))
        #expect(approx(rec(run, "tc", "l"), 13930))
        let months = ["jan", "feb", "mar", "apr", "may", "jun"]
        let make: [Double] = [100, 220, 220, 220, 200, 150]
        let stock: [Double] = [40, 110, 80, 0, 0, 30]
        let value: [Double] = [-10, -11.5, -13, -14.5, -13, -12]
        for (k, t) in months.enumerated() {
            #expect(approx(rec(run, "rep", nil, t, "production") ?? 0, make[k]), "production \(t)")
            #expect(approx(rec(run, "rep", nil, t, "stock") ?? 0, stock[k]), "stock \(t)")
            #expect(approx(rec(run, "rep", nil, t, "value"), value[k]), "bal.m \(t)")
        }
    }

    /// Multi-commodity transport with a 3-D cost table. glpsol: cost 3555; route duals
    /// b.y -0.5, b.z -4; supply dual (b,bolts) -0.5; demand duals x 4/3, y 6/4, z 7.5/6.
    @Test func multiCommodity() {
        let run = runModel("Models/multicom.gms")
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        let s = run.solves.first
        #expect(s?.modelStatus.rawValue == 1)
        #expect(s?.solverStatus.rawValue == 1)
        #expect(approx(s?.objective, 3555))
        #expect(approx(rec(run, "cost", "l"), 3555))
        // The 3-D table was read by position under the column headers.
        #expect(rec(run, "tc", nil, "a", "y", "nuts") == 4)
        #expect(rec(run, "tc", nil, "b", "x", "nuts") == 5.5)
        #expect(run.records("tc").count == 12)
        #expect(approx(rec(run, "ship", "l", "a", "x", "bolts"), 150))
        #expect(approx(rec(run, "ship", "l", "a", "y", "bolts"), 70))
        #expect(approx(rec(run, "ship", "l", "a", "y", "nuts"), 20))
        #expect(approx(rec(run, "ship", "l", "a", "z", "nuts"), 50))
        #expect(approx(rec(run, "ship", "l", "b", "y", "bolts"), 130))
        #expect(approx(rec(run, "ship", "l", "b", "z", "nuts"), 150))
        #expect(rec(run, "ship", "l", "b", "x", "bolts") == nil)
        #expect(approx(rec(run, "route", "m", "b", "y"), -0.5))
        #expect(approx(rec(run, "route", "m", "b", "z"), -4))
        #expect(run.records("route", "m").count == 2)
    }

    /// Capacitated facility location. glpsol (MIP): 1860 with w1 and w4 open;
    /// LP relaxation 1455.138889.
    @Test func facilityLocation() {
        let run = runModel("Models/facility.gms")
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        let s = run.solves.first
        #expect(s?.type == .mip)
        #expect(s?.modelStatus.rawValue == 1)
        #expect(s?.solverStatus.rawValue == 1)
        #expect(approx(s?.objective, 1860))
        #expect(approx(rec(run, "total", "l"), 1860))
        #expect(run.records("open", "l") == [["w1"]: 1, ["w4"]: 1])
        #expect(rec(run, "nopen", nil) == 2)
        #expect(approx(rec(run, "y", "l", "w1", "c3"), 55))
        #expect(approx(rec(run, "y", "l", "w4", "c4"), 70))

        // The same model relaxed.
        let text = (try? String(contentsOf: testsDirectory.appendingPathComponent("Models/facility.gms"), encoding: .utf8)) ?? ""
        let relaxed = runSource(text.replacingOccurrences(of: "using mip", with: "using rmip"))
        #expect(relaxed.result.exitCode.rawValue == 0, "\(relaxed.diagnostics)")
        #expect(relaxed.solves.first?.modelStatus.rawValue == 1)
        #expect(approx(relaxed.solves.first?.objective, 1455.138889, tol: 1e-8))
    }

    /// Transport re-solved over four demand scenarios. glpsol: 112.05, 153.675, 165.69, and the
    /// peak scenario (demand 1100 > capacity 950) is infeasible.
    @Test func scenarioLoop() {
        let run = runModel("Models/scenarios.gms")
        // An infeasible solve makes the run's exit code 3.
        #expect(run.result.exitCode.rawValue == 3, "\(run.diagnostics)")
        #expect(run.solves.count == 4)
        #expect(run.solves.map(\.modelStatus.rawValue) == [1, 1, 1, 4])
        #expect(run.solves.map(\.solverStatus.rawValue) == [1, 1, 1, 1])
        #expect(approx(run.solves[safe: 0]?.objective, 112.05))
        #expect(approx(run.solves[safe: 1]?.objective, 153.675))
        #expect(approx(run.solves[safe: 2]?.objective, 165.69))
        #expect(approx(rec(run, "rep", nil, "low", "cost"), 112.05))
        #expect(approx(rec(run, "rep", nil, "base", "cost"), 153.675))
        #expect(approx(rec(run, "rep", nil, "high", "cost"), 165.69))
        #expect(rec(run, "rep", nil, "peak", "cost") == nil)
        #expect(rec(run, "rep", nil, "peak", "status") == 4)
        #expect(rec(run, "rep", nil, "peak", "demand") == 1100)
        #expect(approx(rec(run, "flows", nil, "high", "seattle", "chicago"), 330))
        #expect(approx(rec(run, "flows", nil, "base", "san-diego", "topeka"), 275))
        #expect(run.records("flows").keys.allSatisfy { $0.first != "peak" })
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
