import Foundation
import Testing

/// Inputs the adapter fuzzer (scripts/fuzz-adapters.py) found to end the process inside a
/// solver library, each kept as a regression test: it runs in this process, so an abort would
/// end the test run.
@Suite("Adapter fuzzing findings")
struct AdapterFindingTests {
    /// GLPK's scaling aborted ("glp_set_sjj: invalid scale factor") on 1e300 beside 4e-8, in
    /// an LP and inside the MIP presolver (unscaled, its simplex failed "teta >= 0.0"):
    /// refused before the call, naming row and column.
    @Test(arguments: ["lp", "mip"])
    func glpkRefusesACoefficientItsScalingCannotTake(_ type: String) {
        let run = runSource("""
            option \(type) = glpk;
            Variable col0, x91, v2, col3, zobj;
            \(type == "mip" ? "Integer Variable x91;" : "")
            col0.lo = -1e20; v2.lo = -10; v2.up = 0; col3.lo = 5e-324;
            Equation obj, r0, r1;
            obj.. zobj =e= 4.80089e-06*col3 - 2870.36*v2;
            r0.. -4.24279e-08*col3 + 12345.678*v2 =l= -1e-310;
            r1.. 5184.91*v2 + 1e300*x91 - 0.669652*col0 + 9.8168e+11*col3 =e= 4.9e-324;
            Model mdl / all /;
            solve mdl using \(type) minimizing zobj;
            """)
        let solve = run.solves.first
        #expect(solve?.modelStatus.rawValue == 13 && solve?.solverStatus.rawValue == 9, "\(run.output)")
        #expect(run.output.contains("model not passed to GLPK: row r1 has the coefficient 1e+300 of column x91; GLPK takes coefficients from 1e-150 to 1e150 and finite bounds below 1e100 in magnitude"),
                "\(run.output)")
    }

    /// GLPK's scaling made a subnormal upper bound over a zero lower bound equal to it and then
    /// stopped the process ("Assertion failed: l[k] != u[k]" in spxprob.c): a subnormal bound
    /// is loaded as 0.
    @Test func glpkTakesASubnormalBound() {
        let run = runSource("""
            option lp = glpk;
            Positive Variable a0, col1, x2, X93, x4, x5, zobj;
            col1.lo = -1; x2.up = 10; X93.up = 1; x4.up = 5e-324;
            Equation obj, r0;
            obj.. zobj =e= -6.61351e-10*a0 + 1e-20*x2;
            r0.. 95.8659*x2 + -9.79734e+10*x5 + 0*X93 + -0.000392331*col1 + 0.001*a0 + -3.49432e-09*x4 =l= -0.00723685;
            Model mdl / all /;
            solve mdl using lp maximizing zobj;
            """)
        // the process survives; GLPK's point misses r0 (a coefficient of 1e11 beside 1e-9), which
        // the point check reports instead of calling it optimal
        #expect(run.solves.first?.modelStatus.rawValue == 6 && run.solves.first?.solverStatus.rawValue == 10, "\(run.output)")
        #expect(run.diagnostics.contains("W4071"), "\(run.diagnostics)")
    }

    /// CLP asserted on a cost of 1e25 or more (`fabs(obj[i]) < 1.0e25` in createRim).
    @Test func clpRefusesAHugeCost() {
        let run = runSource("""
            option lp = clp;
            Variable x, a, zobj;
            a.up = 1; x.lo = 0; x.up = 1;
            Equation obj, r;
            obj.. zobj =e= 1.7e308*a - 476.256*x;
            r.. a + x =l= 1;
            Model mdl / all /;
            solve mdl using lp maximizing zobj;
            """)
        #expect(run.solves.first?.solverStatus.rawValue == 9, "\(run.output)")
        #expect(run.output.contains("model not passed to CLP: row obj has the coefficient -1.7e+308 of column a; coefficients must be below 1e25 in magnitude"),
                "\(run.output)")
    }

    /// CLP (and CBC through it) stopped the process on an assertion for a finite bound of 1e100
    /// or more (`fabs(lowerValue) < 1.0e100` in ClpNonLinearCost): refused before the call.
    @Test(arguments: [("rmip = clp", "rmip", "CLP"), ("mip = cbc", "mip", "CBC"), ("lp = clp", "lp", "CLP")])
    func coinRefusesHugeFiniteBounds(_ option: String, _ type: String, _ solver: String) {
        let run = runSource("""
            option \(option);
            Positive Variable x0, zobj;
            \(type == "mip" ? "Integer Variable x0;" : "")
            Equation obj, r0;
            obj.. zobj =e= 0.001*x0;
            r0.. 1e9*x0 =e= 1e300;
            Model mdl / all /;
            solve mdl using \(type) minimizing zobj;
            """)
        let solve = run.solves.first
        #expect(solve?.modelStatus.rawValue == 13 && solve?.solverStatus.rawValue == 9, "\(run.output)")
        #expect(run.output.contains("model not passed to \(solver): row r0 has the bound 1e+300; finite bounds must be below 1e100 in magnitude (write inf for none)"),
                "\(run.output)")
        let column = runSource("""
            option \(option);
            Variable x90, zobj;
            \(type == "mip" ? "Integer Variable x90;" : "")
            x90.lo = -1e300;
            Equation obj;
            obj.. zobj =e= 12345.678*x90;
            Model mdl / all /;
            solve mdl using \(type) minimizing zobj;
            """)
        #expect(column.output.contains("model not passed to \(solver): column x90 has the bound -1e+300;"), "\(column.output)")
    }
}
