import Driver
import Foundation
import Testing

/// `--NAME=VALUE` switches: one the model never reads is said (W0090), one it reads is not.
@Suite struct SwitchTests {
    static let model = """
    Scalar iterations / 100 /;
    $if set iters iterations = %iters%;
    $if not set mode $set mode fast
    display iterations;
    """

    @Test func aSwitchTheModelNeverReadsIsWarned() {
        let run = runSource(SwitchTests.model, defines: ["itres": "5000", "iters": "7"])
        #expect(run.diagnostics == """
        warning[W0090]: --itres is not used by the model: no %itres% or $if set itres reads it
         --> <command line>

        """, "\(run.diagnostics)")
        #expect(displayed(run, "iterations") == 7)
    }

    @Test func switchesReadBySubstitutionOrTestAreQuiet() {
        let run = runSource(SwitchTests.model, defines: ["iters": "7", "mode": "slow"])
        #expect(run.diagnostics == "")
    }
}
