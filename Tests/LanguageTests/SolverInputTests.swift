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

    /// Ipopt accepts these settings when they are set and then fails its setup without saying
    /// which: enm names them before the solve (E4024).
    @Test func ipoptSettingsThatFailItsSetupAreNamed() {
        let model = """
        Variable x, f;
        Equation o;
        o.. f =e= sqr(x - 1);
        Model m / all /;
        m.optFile = 1;
        solve m using nlp minimizing f;
        """
        for (option, message) in [
            ("linear_solver ma57", "ipopt.opt: linear_solver 'ma57' is not available: this Ipopt is built with mumps only"),
            ("linear_system_scaling mc19", "ipopt.opt: linear_system_scaling 'mc19' needs the HSL routine MC19, which this Ipopt does not have; use 'slack-based' or 'none'"),
            // Ipopt would end the whole process for this one ("Abort...", exit code 1)
            ("nlp_scaling_method equilibration-based", "ipopt.opt: nlp_scaling_method 'equilibration-based' needs the HSL routine MC19, which this Ipopt does not have; use 'gradient-based' or 'none'"),
            ("dependency_detector ma28", "ipopt.opt: dependency_detector 'ma28' is not available: this Ipopt has 'mumps' and 'none'"),
            ("output_file /nonexistent-enm/dir/out.txt", "ipopt.opt: output_file '/nonexistent-enm/dir/out.txt': the folder '/nonexistent-enm/dir' does not exist"),
        ] {
            let folder = runFolder(["model.gms": model, "ipopt.opt": option + "\n"])
            #expect(folder.run.diagnostics.contains("error[E4024]: \(message)\n --> model.gms:6:1"), "\(folder.run.diagnostics)")
            #expect(folder.run.result.exitCode.rawValue == 2)
        }
        let fine = runFolder(["model.gms": model, "ipopt.opt": "linear_solver mumps\n"])
        #expect(fine.run.result.exitCode.rawValue == 0, "\(fine.run.diagnostics)")
    }
}
