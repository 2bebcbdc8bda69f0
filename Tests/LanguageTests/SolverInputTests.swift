import Driver
import Foundation
import Testing

/// Inputs a solver cannot take are refused before the call, with the row and column named,
/// instead of aborting the process inside the library.
@Suite struct SolverInputTests {
    /// GLPK's scaling aborts (SIGABRT) on a subnormal coefficient, in a row or in the objective's
    /// defining row; enm refuses it as it refuses an infinite one (E4012).
    @Test func subnormalCoefficientsAreRefused() {
        for (row, text) in [("c", "c.. 1e-310*x =g= 0;\nobj.. z =e= x;"), ("obj", "c.. x =g= 1;\nobj.. z =e= 1e-310*x;")] {
            let run = runSource("""
            Positive Variable x;
            Variable z;
            Equation c, obj;
            \(text)
            Model m / all /;
            solve m using lp minimizing z;
            """)
            let sign = row == "obj" ? "-" : ""
            #expect(run.diagnostics.contains("error[E4012]: coefficient of x is \(sign)1e-310 in row \(row) (below the smallest normal number, 2.2E-308, which solvers cannot scale)"),
                    "\(run.diagnostics)")
            #expect(run.result.exitCode.rawValue == 2)
            #expect(run.solves.isEmpty)
        }
    }

    /// A subnormal right-hand side or bound is no coefficient: GLPK takes it.
    @Test func subnormalBoundsAndRightHandSidesSolve() {
        let run = runSource("""
        Positive Variable x;
        Variable z;
        Equation c, obj;
        c.. x =g= 1e-310;
        obj.. z =e= x;
        x.up = 1e-309;
        Model m / all /;
        solve m using lp minimizing z;
        """)
        #expect(run.result.exitCode.rawValue == 0, "\(run.diagnostics)")
        #expect(run.solves.first?.modelStatus.rawValue == 1)
    }
}
