import Driver
import Foundation
import Testing

/// The model attributes that change what the solver sees (`scaleOpt` with `.scale`,
/// `holdFixed`) or how its answer is read (`tolProj`, `tolInfeas`, `tolInfRep`, `solPrint`),
/// each against values worked out by hand from GAMS's definitions.
@Suite struct SolveAttributeTests {
    /// max 3x + 2y with x + y ≤ 4 (binding, marginal 2), x + 3y ≤ 9 (slack), x ≤ 3 (binding,
    /// reduced cost 3 − 2 = 1): x = 3, y = 1, z = 11.
    static let lp = """
    Positive Variable x, y;
    Variable z;
    Equation c1, c2, obj;
    c1.. x + y =l= 4;
    c2.. x + 3*y =l= 9;
    obj.. z =e= 3*x + 2*y;
    x.up = 3;
    Model m / all /;
    """

    static func checkLP(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)", sourceLocation: sourceLocation)
        #expect(run.solves.first?.modelStatus.rawValue == 1, sourceLocation: sourceLocation)
        #expect(close(run.solves.first?.objective ?? .nan, 11), sourceLocation: sourceLocation)
        for (symbol, attribute, value) in [("x", "l", 3.0), ("y", "l", 1), ("x", "m", 1), ("y", "m", 0),
                                           ("c1", "l", 4), ("c1", "m", 2), ("c2", "l", 6), ("c2", "m", 0), ("z", "l", 11)] {
            #expect(close(displayed(run, symbol, [], attribute), value), "\(symbol).\(attribute)", sourceLocation: sourceLocation)
        }
    }

    static let displays = "display x.l, y.l, x.m, y.m, c1.l, c1.m, c2.l, c2.m, z.l;"

    /// Scale factors change what GLPK sees, not what the model reports: levels and marginals
    /// come back in the user's units, whatever the factors.
    @Test func scaledLPReportsTheUnscaledSolution() {
        SolveAttributeTests.checkLP(runSource(SolveAttributeTests.lp + "\nsolve m using lp maximizing z;\n" + SolveAttributeTests.displays))
        SolveAttributeTests.checkLP(runSource(SolveAttributeTests.lp + """

        m.scaleOpt = 1;
        x.scale = 1000; y.scale = 0.01; z.scale = 7;
        c1.scale = 50; c2.scale = 1e-3; obj.scale = 4;
        solve m using lp maximizing z;
        """ + SolveAttributeTests.displays))
    }

    /// Without `scaleOpt` the factors are not used (GAMS's default is no scaling): a factor of 0
    /// is then no error.
    @Test func scaleFactorsNeedScaleOpt() {
        SolveAttributeTests.checkLP(runSource(SolveAttributeTests.lp + """

        x.scale = 0;
        solve m using lp maximizing z;
        """ + SolveAttributeTests.displays))
    }

    /// min (x − 2)² + (y − 1)² subject to e: x + y = 2 has x = 1.5, y = 0.5, objective 0.5 and
    /// e.m = d objective / d rhs = −1, with or without scaling of the nonlinear model.
    @Test func scaledNLPReportsTheUnscaledSolution() {
        let model = """
        Variable x, y, f;
        Equation e, obj;
        e.. x + y =e= 2;
        obj.. f =e= sqr(x - 2) + sqr(y - 1);
        Model m / all /;
        """
        for scaling in ["", "m.scaleOpt = 1; x.scale = 100; y.scale = 0.1; e.scale = 10; f.scale = 3;"] {
            let run = runSource(model + "\n" + scaling + "\nsolve m using nlp minimizing f;\ndisplay x.l, y.l, e.m, e.l, f.l;")
            #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
            #expect(close(displayed(run, "x", [], "l"), 1.5, 1e-6), "\(scaling)")
            #expect(close(displayed(run, "y", [], "l"), 0.5, 1e-6), "\(scaling)")
            #expect(close(displayed(run, "e", [], "m"), -1, 1e-6), "\(scaling)")
            #expect(close(displayed(run, "e", [], "l"), 2, 1e-9), "\(scaling)")
            #expect(close(displayed(run, "f", [], "l"), 0.5, 1e-6), "\(scaling)")
        }
    }

    @Test func scaleFactorMustBePositive() {
        let run = runSource(SolveAttributeTests.lp + """

        m.scaleOpt = 1;
        y.scale = -2;
        solve m using lp maximizing z;
        """)
        #expect(run.diagnostics.contains("""
        error[E4070]: scale factor of y is -2; scale factors must be positive and finite
          --> model.gms:11:7
        """), "\(run.diagnostics)")
        #expect(run.solves.isEmpty)
        #expect(run.result.exitCode.rawValue == 2)
    }

    /// With `holdFixed` a fixed variable is a constant: the row keeps its level (the constant
    /// counted in), the variable its value, and it has no marginal; without it the fixed
    /// variable's marginal is its reduced cost, 3 − 1 = 2.
    @Test func holdFixedTreatsFixedVariablesAsConstants() {
        let model = """
        Positive Variable x, y;
        Variable z;
        Equation c, obj;
        c.. x + y =g= 5;
        obj.. z =e= 3*x + y;
        x.fx = 2;
        Model m / all /;
        """
        for (hold, xMarginal) in [("", 2.0), ("m.holdFixed = 1;", 0)] {
            let run = runSource(model + "\n" + hold + "\nsolve m using lp minimizing z;\ndisplay x.l, x.m, y.l, c.l, c.m, z.l;")
            #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
            #expect(close(run.solves.first?.objective ?? .nan, 9), "\(hold)")
            #expect(displayed(run, "x", [], "l") == 2)
            #expect(close(displayed(run, "x", [], "m"), xMarginal), "\(hold)")
            #expect(close(displayed(run, "y", [], "l"), 3))
            #expect(close(displayed(run, "c", [], "l"), 5), "\(hold)")
            #expect(close(displayed(run, "c", [], "m"), 1), "\(hold)")
        }
    }

    /// A nonlinear model: x fixed at 1 in (x − 1)² + (y − 2)² + x·y gives y = 1.5, objective
    /// 1.75; the fixed variable's marginal is ∂f/∂x = y = 1.5 unless it is held.
    @Test func holdFixedInANonlinearModel() {
        let model = """
        Variable x, y, f;
        Equation obj;
        obj.. f =e= sqr(x - 1) + sqr(y - 2) + x*y;
        x.fx = 1;
        Model m / all /;
        """
        for (hold, xMarginal) in [("", 1.5), ("m.holdFixed = 1;", 0)] {
            let run = runSource(model + "\n" + hold + "\nsolve m using nlp minimizing f;\ndisplay x.l, x.m, y.l, f.l;")
            #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
            #expect(close(displayed(run, "y", [], "l"), 1.5, 1e-6), "\(hold)")
            #expect(close(displayed(run, "f", [], "l"), 1.75, 1e-6), "\(hold)")
            #expect(close(displayed(run, "x", [], "m"), xMarginal, 1e-6), "\(hold)")
        }
    }

    /// A row whose terms are all held fixed is checked as generation checks empty rows.
    @Test func holdFixedRowThatCannotHold() {
        let run = runSource("""
        Positive Variable x, y;
        Variable z;
        Equation c, d, obj;
        c.. x + y =g= 1;
        d.. 2*x =g= 5;
        obj.. z =e= y;
        x.fx = 2;
        Model m / all /;
        m.holdFixed = 1;
        solve m using lp minimizing z;
        """)
        #expect(run.diagnostics.contains("""
        error[E4015]: equation d is infeasible: with the fixed variables held (holdFixed) all its terms are constant and 0 cannot be 1
          --> model.gms:10:7
        """), "\(run.diagnostics)")
        #expect(run.result.exitCode.rawValue == 3)
    }

    /// GAMS reads a level within `tolProj` (default 1e-8) of a bound as the bound; the row's
    /// level is read against its own bounds.
    @Test func levelsNearABoundAreProjectedOntoIt() {
        let model = """
        Positive Variable x;
        Variable z;
        Equation c, obj;
        c.. 2*x =e= 2.001;
        obj.. z =e= x;
        x.lo = 1;
        Model m / all /;
        """
        let exact = runSource(model + "\nsolve m using lp minimizing z;\ndisplay x.l, c.l;")
        #expect(displayed(exact, "x", [], "l") == 1.0005)
        let projected = runSource(model + "\nm.tolProj = 1e-3;\nsolve m using lp minimizing z;\ndisplay x.l, c.l;")
        #expect(displayed(projected, "x", [], "l") == 1)
        #expect(displayed(projected, "c", [], "l") == 2.001)
    }

    /// A row whose terms all vanished is refused when its right-hand side misses 0 by more than
    /// `tolInfeas` (GAMS's default: ten times the machine epsilon).
    @Test func emptyRowToleranceIsTolInfeas() {
        let model = """
        Positive Variable x;
        Variable z;
        Equation c, obj;
        c.. 0*x =e= 1e-10;
        obj.. z =e= x;
        Model m / all /;
        """
        let refused = runSource(model + "\nsolve m using lp minimizing z;")
        #expect(refused.diagnostics.contains("error[E4015]"), "\(refused.diagnostics)")
        let accepted = runSource(model + "\nm.tolInfeas = 1e-9;\nsolve m using lp minimizing z;")
        #expect(accepted.result.exitCode.rawValue == 0, "\(accepted.diagnostics)")
    }

    /// The equation listing marks a row INFES at the starting point when it misses its bounds by
    /// more than `tolInfRep` (default 1e-6).
    @Test func listingMarksInfeasibilityBeyondTolInfRep() {
        let model = """
        Positive Variable x;
        Variable z;
        Equation c, obj;
        c.. x =g= 1e-7;
        obj.. z =e= x;
        Model m / all /;
        option limRow = 1, limCol = 0;
        """
        let quiet = runSource(model + "\nsolve m using lp minimizing z;")
        #expect(quiet.output.contains("c..  x =G= 1.0000E-7 ; (LHS = 0)"), "\(quiet.output)")
        let marked = runSource(model + "\nm.tolInfRep = 1e-8;\nsolve m using lp minimizing z;")
        #expect(marked.output.contains("c..  x =G= 1.0000E-7 ; (LHS = 0, INFES = 1.0000E-7 ****)"), "\(marked.output)")
    }

    /// `m.solPrint` off (0) or silent (2), or `option solPrint = off/silent`, leaves the solve's
    /// summary out of the terminal output (a loop of solves prints only its results); the
    /// solve still happens and reports.
    @Test func quietSolPrintPrintsNoSummary() {
        for setting in ["m.solPrint = 2;", "m.solPrint = 0;", "option solPrint = silent;", "option solPrint = off;"] {
            let run = runSource(SolveAttributeTests.lp + "\n" + setting + "\nsolve m using lp maximizing z;\ndisplay z.l;")
            #expect(!run.output.contains("---- SOLVE"), "\(setting)")
            #expect(run.output.contains("VARIABLE z.L"))
            #expect(run.solves.count == 1)
        }
        let loud = runSource(SolveAttributeTests.lp + "\nm.solPrint = 1;\nsolve m using lp maximizing z;")
        #expect(loud.output.contains("---- SOLVE m using lp maximizing z"))
    }
}
