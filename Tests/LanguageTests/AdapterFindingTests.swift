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
        #expect(run.output.contains("model not passed to CLP: row obj has the coefficient -1.7e+308 of column a; coefficients must be below 1e20 in magnitude"),
                "\(run.output)")
    }

    /// CLP (and CBC through it) stopped the process on an assertion for a finite bound of 1e100
    /// or more (`fabs(lowerValue) < 1.0e100` in ClpNonLinearCost). COIN-OR takes bounds of 1e20
    /// or more as infinite: a right-hand side past that infinity leaves the row no value and is
    /// refused, a lower bound of -1e300 is none (with a warning).
    @Test(arguments: [("rmip = clp", "rmip", "CLP"), ("mip = cbc", "mip", "CBC"), ("lp = clp", "lp", "CLP")])
    func coinTakesHugeBoundsAsInfinite(_ option: String, _ type: String, _ solver: String) {
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
        #expect(run.output.contains("model not passed to \(solver): row r0 has the lower bound 1e+300; COIN-OR takes bounds of 1e20 or more in magnitude as infinite, which leaves no value (scale the row or variable)"),
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
        #expect(column.solves.first?.modelStatus.rawValue == 3 && column.solves.first?.solverStatus.rawValue == 1, "\(column.output)")
        #expect(column.diagnostics.contains("warning[W4004]: column x90 has the lower bound -1e+300, which \(solver) takes as none (COIN-OR takes bounds of 1e20 or more in magnitude as infinite)"),
                "\(column.diagnostics)")
    }

    /// CBC's presolve failed assertions on integer models with a bound or right-hand side of
    /// 1e20 (`OsiPresolve::postsolve`, `implied_free_action::presolve` "fabs(tgtrow_rhs) <=
    /// large"; adapter fuzzer, seed 21): a bound past COIN-OR's infinity is refused, naming it.
    @Test func cbcRefusesABoundPastItsInfinity() {
        let row = runSource("""
            option mip = cbc;
            Variable x0, v1, zobj;
            Integer Variable v1;
            v1.l = 1e-9;
            Equation obj, r0, r1, r2;
            obj.. zobj =e= 7.89233e+07*v1;
            r0.. -9.5115e+07*v1 =g= 1e20;
            r1.. -8.05394*v1 =e= 0;
            r2.. -79419.7*v1 + -9.75973e-08*x0 =e= 1e20;
            Model mdl / all /;
            solve mdl using mip maximizing zobj;
            """)
        #expect(row.solves.first?.modelStatus.rawValue == 13 && row.solves.first?.solverStatus.rawValue == 9, "\(row.output)")
        #expect(row.output.contains("model not passed to CBC: row r0 has the lower bound 1e+20; COIN-OR takes bounds of 1e20 or more in magnitude as infinite, which leaves no value (scale the row or variable)"),
                "\(row.output)")
        let column = runSource("""
            option mip = cbc;
            Variable x0, x1, X92, x3, zobj;
            Integer Variable x0, X92;
            x0.up = 1; X92.up = inf; x3.up = -1e20;
            Equation obj, r0;
            obj.. zobj =e= 3*x3 + 1.8895e-12*x0 + 4.33092e-13*X92 + -6.28723e-14*x1;
            r0.. 190.82*x3 =l= -5.41867e+07;
            Model mdl / all /;
            solve mdl using mip maximizing zobj;
            """)
        #expect(column.solves.first?.modelStatus.rawValue == 13 && column.solves.first?.solverStatus.rawValue == 9, "\(column.output)")
        #expect(column.output.contains("model not passed to CBC: column x3 has the upper bound -1e+20; COIN-OR takes bounds"), "\(column.output)")
    }

    /// A bound of 1e20 or more on the right side is no bound to COIN-OR: the model solves, with
    /// a warning naming the first such bound and counting the rest.
    @Test func cbcTakesBoundsOf1e20AsNone() {
        let run = runSource("""
            option mip = cbc;
            Integer Variable n;
            Positive Variable w;
            Variable z;
            n.up = 1e20; w.up = 1e30;
            Equation obj, r0;
            obj.. z =e= n + w;
            r0.. 3*n + w =g= 7.5;
            Model m / all /;
            solve m using mip minimizing z;
            """)
        #expect(run.solves.first?.modelStatus.rawValue == 1 && run.solves.first?.solverStatus.rawValue == 1, "\(run.output)")
        #expect(run.solves.first?.objective == 3, "\(run.output)")
        #expect(run.diagnostics.contains("warning[W4004]: column n has the upper bound 1e+20 (and 1 more), which CBC takes as none (COIN-OR takes bounds of 1e20 or more in magnitude as infinite)"),
                "\(run.diagnostics)")
    }

    /// A decomposed model's blocks each load their own part: their notes merge into one
    /// warning for the model, not one per block.
    @Test func theBlocksOfAModelWarnOnceAboutBoundsOf1e20() {
        let run = runSource("""
            Set t / t1*t50 /;
            Positive Variable x(t); Variable z;
            x.up(t) = 1e20;
            Equation e(t), obj;
            e(t).. x(t) =g= 1;
            obj.. z =e= sum(t, x(t));
            Model m / all /;
            option lp = clp;
            solve m using lp minimizing z;
            """)
        #expect(run.solves.first?.objective == 50, "\(run.output)")
        #expect(run.output.contains("50 independent blocks"), "\(run.output)")
        #expect(run.diagnostics.components(separatedBy: "warning[").count == 2, "\(run.diagnostics)")
        #expect(run.diagnostics.contains("warning[W4004]: column x(t1) has the upper bound 1e+20 (and 49 more), which CLP takes as none (COIN-OR takes bounds of 1e20 or more in magnitude as infinite)"),
                "\(run.diagnostics)")
    }

    /// CBC failed assertions on a coefficient of 1e20 (`ClpPackedMatrix::allElementsInRange`)
    /// and on one of exactly 1e-20 (`CoinPackedMatrix` "maxSize_ > 0"; adapter fuzzer, seed
    /// 21). A coefficient of 1e20 or more is refused, naming row and column; one of 1e-20 or
    /// less is left out, as CLP leaves out those below 1e-20, with a warning.
    @Test func cbcRefusesCoefficientsOf1e20AndLeavesOut1e20th() {
        let huge = runSource("""
            option mip = cbc;
            Positive Variable x0, X91, v2, zobj;
            Binary Variable x0, v2;
            Equation obj, r0, r1;
            obj.. zobj =e= -4.28541e+08*x0;
            r0.. 1e-20*v2 =g= -8.16073e-08;
            r1.. 1e20*x0 + 4.03597e-08*X91 =l= 12345.678;
            Model mdl / all /;
            solve mdl using mip minimizing zobj;
            """)
        #expect(huge.solves.first?.modelStatus.rawValue == 13 && huge.solves.first?.solverStatus.rawValue == 9, "\(huge.output)")
        #expect(huge.output.contains("model not passed to CBC: row r1 has the coefficient 1e+20 of column x0; coefficients must be below 1e20 in magnitude"),
                "\(huge.output)")
        for (option, type, solver) in [("mip = cbc", "mip", "CBC"), ("rmip = clp", "rmip", "CLP")] {
            let tiny = runSource("""
                option \(option);
                Binary Variable x0, v2;
                Variable z;
                Equation obj, r0, r1;
                obj.. z =e= -x0;
                r0.. 1e-20*v2 =g= -1;
                r1.. x0 =l= 5;
                Model m / all /;
                solve m using \(type) minimizing z;
                """)
            #expect(tiny.solves.first?.modelStatus.rawValue == 1 && tiny.solves.first?.objective == -1, "\(tiny.output)")
            #expect(tiny.diagnostics.contains("warning[W4004]: row r0 has the coefficient 1e-20 of column v2, which \(solver) leaves out (COIN-OR takes coefficients of 1e-20 or less in magnitude as 0)"),
                    "\(tiny.diagnostics)")
        }
    }

    /// CBC failed assertions on small integer models with coefficients 1e15 or more apart
    /// (`ClpPackedMatrix::allElementsInRange`, `CglProbing::probe` "up>down",
    /// `ClpNonLinearCost::checkInfeasibilities`; also with `preprocess off`): refused, naming
    /// the smallest and the largest coefficient's row and column.
    @Test func cbcRefusesCoefficientsTooFarApart() {
        let run = runSource("""
            option mip = cbc;
            Variable x0, x1, x2, x3, z;
            Integer Variable x0, x1, x2, x3;
            x1.lo = 1; x2.lo = 0; x2.up = 5; x3.lo = 1; x3.up = 1;
            Equation obj, r0, r1;
            obj.. z =e= -1.97677*x0 + -2.19251*x1 + 1.05368*x2 + 4.66565*x3;
            r0.. 6e-11*x3 + -1e15*x0 =g= 12345.678;
            r1.. 2.5*x3 + -1e15*x0 =e= -7;
            Model mdl / all /;
            solve mdl using mip maximizing z;
            """)
        #expect(run.solves.first?.modelStatus.rawValue == 13 && run.solves.first?.solverStatus.rawValue == 9, "\(run.output)")
        #expect(run.output.contains("model not passed to CBC: its coefficients range from 6e-11 (row r0, column x3) to 1e+15 (row r0, column x0), 1e15 or more apart, which CBC's preprocessing cannot take (scale the rows or columns)"),
                "\(run.output)")
        // the same rows an order of magnitude closer are solved
        let closer = runSource("""
            option mip = cbc;
            Integer Variable x0, x3;
            Variable z;
            x3.lo = 1; x3.up = 1; x0.lo = -5; x0.up = 5;
            Equation obj, r0;
            obj.. z =e= x0 + x3;
            r0.. 6e-11*x3 + -1e3*x0 =g= 12.345678;
            Model mdl / all /;
            solve mdl using mip maximizing z;
            """)
        #expect(closer.solves.first?.modelStatus.rawValue == 1 && closer.solves.first?.objective == 0, "\(closer.output)")
    }

    /// CglProbing failed "up>down" on an integer column a row ties to 1e18 with no bound on
    /// that side (the infeasibility explanation's re-solves drop bounds: the crash came from
    /// them): such a model is not passed to CBC, and the explanation goes on without it.
    @Test func cbcRefusesAnIntegerTiedBeyondItsPrecision() {
        let run = runSource("""
            option mip = cbc;
            Variable x0, x1, z;
            Integer Variable x0, x1;
            x0.lo = 0; x0.up = 0; x1.lo = 0; x1.up = 10;
            Equation obj, r0, r1, r2, r3;
            obj.. z =e= -1.95755*x0 + -2.6719*x1;
            r0.. 1*x1 =e= 0.5;
            r1.. 1e-9*x1 =e= 1e9;
            r2.. 1e-9*x0 =e= 1e9;
            r3.. 1e-9*x0 + -3*x1 =e= 1e9;
            Model mdl / all /;
            solve mdl using mip minimizing z;
            """)
        #expect(run.solves.first?.modelStatus.rawValue == 4, "\(run.output)")
        let free = runSource("""
            option mip = cbc;
            Integer Variable n;
            Variable z;
            n.lo = -inf;
            Equation obj, r;
            obj.. z =e= n;
            r.. 1e-9*n =e= 1e9;
            Model mdl / all /;
            solve mdl using mip minimizing z;
            """)
        #expect(free.solves.first?.modelStatus.rawValue == 13 && free.solves.first?.solverStatus.rawValue == 9, "\(free.output)")
        #expect(free.output.contains("model not passed to CBC: row r ties integer column n to about 1e+18 (bound 1e+09, coefficient 1e-09), where integers have no neighbours in floating point (bound the column)"),
                "\(free.output)")
    }
}
