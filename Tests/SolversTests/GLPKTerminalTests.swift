@testable import Solvers
import IR
import Testing

/// GLPK's simplex lines read as progress: iteration, objective, infeasibility; other text none.
@Suite struct GLPKTerminalTests {
    @Test func simplexLinesAreProgress() {
        #expect(GLPKTerminal.simplexProgress("*     6: obj =   1.536750000e+02 inf =   0.000e+00 (0)\n")
            == SolveProgress(iteration: 6, objective: 153.675, infeasibility: 0))
        #expect(GLPKTerminal.simplexProgress("      0: obj =   0.000000000e+00 inf =   9.000e+02 (3)\n")
            == SolveProgress(iteration: 0, objective: 0, infeasibility: 900))
        #expect(GLPKTerminal.simplexProgress("Scaling...\n") == nil)
        #expect(GLPKTerminal.simplexProgress(" A: min|aij| =  1.000e+00  max|aij| =  5.000e+00  ratio =  5.000e+00\n") == nil)
    }
}
