import Diagnostics
import Driver
import Foundation
import Testing

/// Issue 23 item 4: running out of memory is a located error (E4050), at the limit given with
/// `--memory-limit` (small limits here, so that the tests are cheap); conditions that tie one
/// index to another walk the diagonal only. The limits run in the built `enm`: resident
/// memory is the process's, and the test process runs other tests beside.
@Suite("Memory limit")
struct MemoryLimitTests {
    func enm(_ arguments: [String], _ model: String) throws -> (out: String, err: String, status: Int32) {
        let r = try ReliabilityTests().enm(arguments + ["m.gms"], files: ["m.gms": model])
        return (r.out, r.err, r.status)
    }

    @Test func sizesParseAndPrint() {
        #expect(MemoryLimit.parse("8G") == MemoryLimit(bytes: 8 << 30))
        #expect(MemoryLimit.parse("500M") == MemoryLimit(bytes: 500 << 20))
        #expect(MemoryLimit.parse("1.5GiB") == MemoryLimit(bytes: 3 << 29))
        #expect(MemoryLimit.parse("64kB") == MemoryLimit(bytes: 64 << 10))
        #expect(MemoryLimit.parse("1048576") == MemoryLimit(bytes: 1 << 20))
        #expect(MemoryLimit.parse("0") == MemoryLimit.none)
        for bad in ["", "abc", "-1G", "1e9", "8X", "G", "+5M", "99999999T"] { #expect(MemoryLimit.parse(bad) == nil, "\(bad)") }
        #expect(MemoryLimit.describe(64 << 20) == "64 MiB")
        #expect(MemoryLimit.describe(3 << 29) == "1.5 GiB")
        #expect(MemoryLimit.count(10_000_000_000) == "10,000,000,000")
        #expect(MemoryLimit.count(999) == "999")
        let standard = MemoryLimit.standard.bytes ?? 0
        #expect(standard > 0 && standard < MemoryLimit.physicalMemory() ?? 0)
    }

    @Test func denseParameterOverALargeProductIsRefusedBeforeItStarts() throws {
        let r = try enm(["solve", "--memory-limit", "64M"], "Set i / 1*100000 /;\nAlias (i, j);\nParameter p(i,j);\np(i,j) = 1;\n")
        #expect(r.status == 2)
        #expect(r.err.trimmingCharacters(in: .newlines) == """
            error[E4050]: assignment to p(i,j) may write up to 10,000,000,000 elements (about 894 GiB): more than the memory limit (64 MiB)
             --> m.gms:4:1
              |
            4 | p(i,j) = 1;
              | ^^^^^^
              = help: raise the limit with --memory-limit SIZE (e.g. 16G; 0 for none), or shrink the sets
            """)
    }

    @Test func setProductIsRefusedBeforeItStarts() throws {
        let r = try enm(["solve", "--memory-limit", "256M"],
                        "Set i / 1*10000 /;\nAlias (i, j);\nSet ij(i,j);\nij(i,j) = yes;\ndisplay 'not reached';\n")
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.hasPrefix("error[E4050]: assignment to ij(i,j) may write up to 100,000,000 elements (about 9.7 GiB): more than the memory limit (256 MiB)\n --> m.gms:4:1\n"))
    }

    @Test func longLabelRangeIsRefusedInEveryModeThatReadsTheModel() throws {
        for mode in ["check", "solve", "tex"] {
            let r = try enm([mode, "--memory-limit", "300M"], "Set i / 1*5000000 /;\n")
            #expect(r.status == 1, "\(mode)")
            #expect(r.err.hasPrefix("error[E4050]: label range '1*5000000' has 5,000,000 labels (about 954 MiB): more than fits under the memory limit (300 MiB)\n --> m.gms:1:9\n"), "\(mode): \(r.err)")
        }
    }

    /// A condition the plans cannot narrow may keep few elements: the assignment starts, and
    /// is stopped once the process holds more than the limit.
    @Test func growingConditionedAssignmentStopsAtTheLimit() throws {
        let r = try enm(["solve", "--memory-limit", "80M"],
                        "Set i / 1*1500 /;\nAlias (i, j);\nParameter p(i,j);\np(i,j)$(uniform(0,1) < 0.9) = 1;\ndisplay 'not reached';\n")
        #expect(r.status == 2 && r.out.isEmpty)
        #expect(r.err.hasPrefix("error[E4050]: the run holds "), "\(r.err)")
        #expect(r.err.contains(", more than the memory limit (80 MiB), while assigning p(i,j) ("))
        #expect(r.err.contains(" --> m.gms:4:1\n"))
    }

    @Test func generationStopsAtTheLimit() throws {
        let r = try enm(["solve", "--memory-limit", "100M"], """
            Set i / 1*100000 /, k / k1*k10 /;
            Variable x(i,k), z;
            Equation e(i,k), o;
            e(i,k).. x(i,k) =g= 1;
            o.. z =e= sum((i,k), x(i,k));
            Model m /all/;
            solve m using lp minimizing z;
            """)
        #expect(r.status == 2)
        #expect(r.err.contains(", more than the memory limit (100 MiB), while generating model m ("), "\(r.err)")
        #expect(r.err.contains(" rows so far, at e("))
        #expect(r.err.contains(" --> m.gms:4:1\n"))
    }

    @Test func noLimitWithZero() throws {
        let r = try enm(["solve", "--memory-limit", "0"], "Set i / 1*300 /;\nAlias (i, j);\nParameter p(i,j);\np(i,j) = 1;\nScalar n; n = card(p); display n;\n")
        #expect(r.status == 0 && r.err.isEmpty)
        #expect(r.out.contains("PARAMETER n                    =    90000.000"))
    }

    /// The diagonal of a 100,000 x 100,000 product: 100,000 elements visited, not 10^10 (which
    /// would take hours), under a limit the dense product would pass by far.
    @Test func diagonalConditionsWalkTheDiagonalOnly() throws {
        let r = try enm(["solve", "--memory-limit", "2G"], """
            Set i / 1*100000 /;
            Alias (i, j);
            Scalar k / 2 /;
            Parameter p(i,j), q(i,j), s(i,j), n(*);
            p(i,j)$(ord(i) = ord(j)) = 1;
            q(i,j)$(ord(j) + k = ord(i) and ord(i) > 99990) = ord(i);
            s(i,j)$sameAs(j,i) = 2;
            n('p') = card(p); n('q') = card(q); n('s') = sum((i,j)$sameAs(i,j), s(i,j));
            display n;
            """)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("p 100000.000,    q     10.000,    s 200000.000"), "\(r.out)")
    }

    /// The plan only leaves out elements where the condition is false: the same results as the
    /// full walk (a condition written so that no plan applies), also in a loop's order.
    @Test func diagonalPlanAgreesWithTheFullWalk() {
        let run = runSource("""
            Set i / a, b, c, d /, t / t1*t5 /, jj(i) / b, d /;
            Alias (i, j);
            Scalar k / 1 /, order / 0 /, plain / 0 /;
            Parameter p(i,j,t), q(i,j,t), r(i,j), w(i,j), s(i,i), u(i,i), diff;
            p(i,j,t)$(ord(i) + 1 = ord(j) + k and ord(t) = ord(i) + 1) = 10*ord(i) + ord(t);
            q(i,j,t)$(ord(i) - ord(j) = k - 1 and ord(t) - ord(i) = 1) = 10*ord(i) + ord(t);
            r(i,j)$sameAs(i,j) = ord(i);
            w(i,j)$(sameAs(i,j) + 0) = ord(i);
            s(i,jj)$(ord(i) = ord(jj)) = 1;
            u(i,jj)$(ord(i) - ord(jj) = 0) = 1;
            diff = sum((i,j,t), abs(p(i,j,t) - q(i,j,t))) + sum((i,j), abs(r(i,j) - w(i,j)) + abs(s(i,j) - u(i,j)));
            loop((i,j)$(ord(j) = ord(i) - 1), order = 10*order + ord(i));
            loop((i,j)$(ord(j) - ord(i) = -1), plain = 10*plain + ord(i));
            display diff, order, plain, s;
            """)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(displayed(run, "diff") == 0)
        #expect(displayed(run, "s", ["a", "b"]) == 1 && displayed(run, "s", ["b", "d"]) == 1)
        #expect(displayed(run, "order") == 234 && displayed(run, "plain") == 234)
    }

    /// Equations over a diagonal of 100,000 x 100,000 labels, and sums whose condition ties
    /// their index to the equation's: 100,000 elements visited per equation, not 10^10.
    @Test func diagonalEquationsAndSumsGenerateTheDiagonalOnly() throws {
        let r = try enm(["solve", "--memory-limit", "4G"], """
            Set i / 1*100000 /;
            Alias (i, j);
            Scalar k / 1 /;
            Positive Variable x(i,j);
            Variable z;
            Equation d(i,j), s(i), obj;
            d(i,j)$(ord(i) = ord(j)).. x(i,j) =g= 1;
            s(i).. sum(j$(ord(j) = ord(i) + k), x(i,j)) + sum(j$sameAs(j,i), x(i,j)) =l= 3;
            obj.. z =e= sum((i,j)$(ord(i) = ord(j)), x(i,j)) + sum((i,j)$(ord(i) = ord(j) + k), 2*x(i,j));
            Model m / all /;
            solve m using lp minimizing z;
            Scalar rows, columns, lev;
            rows = m.numEqu; columns = m.numVar;
            lev = sum((i,j)$sameAs(i,j), x.l(i,j));
            display rows, columns, lev, z.l;
            """)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("model status 1 Optimal"), "\(r.out)")
        #expect(r.out.contains("PARAMETER rows                 =   200001.000"), "\(r.out)")
        #expect(r.out.contains("PARAMETER columns              =   299999.000"), "\(r.out)")
        #expect(r.out.contains("PARAMETER lev                  =   100000.000"), "\(r.out)")
        #expect(r.out.contains("VARIABLE z.L                   =   100000.000"), "\(r.out)")
    }

    /// Equations and `sum`/`prod`/`smin`/`smax` under a diagonal plan (also with the leader
    /// bound outside the sum) give what the full walk gives (conditions written so that no
    /// plan applies): the same rows, the same solution.
    @Test func diagonalEquationsAgreeWithTheFullWalk() {
        let run = runSource("""
            Set i / a, b, c, d, e /, jj(i) / b, c, e /;
            Alias (i, j);
            Scalar k / 1 /;
            Positive Variable x(i,j);
            Variable z1, z2;
            Equation d1(i,j), d2(i,j), s1(i), s2(i), o1, o2;
            d1(i,j)$(ord(i) = ord(j) + k).. x(i,j) =g= ord(i);
            d2(i,j)$(ord(i) - ord(j) = k).. x(i,j) =g= ord(i);
            s1(i).. sum(j$(ord(j) = ord(i) - k), x(i,j)) + sum(jj$sameAs(jj,i), x(i,jj)) =l= 10;
            s2(i).. sum(j$(ord(i) - ord(j) = k), x(i,j)) + sum(jj$(sameAs(jj,i) + 0), x(i,jj)) =l= 10;
            o1.. z1 =e= sum((i,j)$(ord(j) + k = ord(i)), ord(j)*x(i,j)) + prod(j$(ord(j) = 2), 3);
            o2.. z2 =e= sum((i,j)$(ord(i) - ord(j) = k), ord(j)*x(i,j)) + 3;
            Model m1 / d1, s1, o1 /, m2 / d2, s2, o2 /;
            Scalar rows1, rows2, obj1, obj2, lev1, lev2;
            solve m1 using lp minimizing z1;
            rows1 = m1.numEqu; obj1 = z1.l; lev1 = sum((i,j), ord(i)*10*ord(j)*x.l(i,j));
            solve m2 using lp minimizing z2;
            rows2 = m2.numEqu; obj2 = z2.l; lev2 = sum((i,j), ord(i)*10*ord(j)*x.l(i,j));
            Parameter p1(i), p2(i), q1(i), q2(i), m1s(i), m2s(i), n1(i), n2(i);
            p1(i) = sum(j$(ord(j) = ord(i) + 1), ord(j));  p2(i) = sum(j$(ord(j) - ord(i) = 1), ord(j));
            q1(i) = prod(jj$sameAs(i,jj), 2);             q2(i) = prod(jj$(sameAs(i,jj) + 0), 2);
            m1s(i)$(ord(i) > 2) = smin(j$(ord(j) + 2 = ord(i)), ord(j)); m2s(i)$(ord(i) > 2) = smin(j$(ord(i) - ord(j) = 2), ord(j));
            n1(i)$(ord(i) < 5) = smax(j$(ord(i) = ord(j) - 1), ord(j)); n2(i)$(ord(i) < 5) = smax(j$(ord(j) - ord(i) = 1), ord(j));
            Scalar diff;
            diff = sum(i, abs(p1(i) - p2(i)) + abs(q1(i) - q2(i)) + abs(m1s(i) - m2s(i)) + abs(n1(i) - n2(i)));
            display rows1, rows2, obj1, obj2, lev1, lev2, diff, p1, m1s;
            """)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.solves.count == 2 && run.solves.allSatisfy { $0.modelStatus.rawValue == 1 }, "\(run.output)")
        #expect(displayed(run, "rows1") == 10 && displayed(run, "rows2") == 10)
        // x(b,a) >= 2, x(c,b) >= 3, x(d,c) >= 4, x(e,d) >= 5: 1*2 + 2*3 + 3*4 + 4*5 + 3
        #expect(displayed(run, "obj1") == 43 && displayed(run, "obj2") == 43)
        #expect(displayed(run, "lev1") == displayed(run, "lev2") && displayed(run, "lev1") > 0)
        #expect(displayed(run, "diff") == 0)
        #expect(displayed(run, "p1", ["a"]) == 2 && displayed(run, "p1", ["e"]) == 0)
        #expect(displayed(run, "m1s", ["c"]) == 1)
    }

    /// A solver library is watched while it works (resident memory is the processes': 16 MiB
    /// is below what any run holds; the models have no label ranges and no assignments, whose
    /// checks would stop the run first). Ipopt solves in a solver process: the run, which adds
    /// up both processes' memory, stops it (14/3), or Ipopt's own watch in that process stops at
    /// its first iteration, at a feasible point (7/3), whichever looks first; W4051 states the
    /// limit and what was held.
    @Test func ipoptIsStoppedAtTheMemoryLimit() throws {
        let r = try enm(["solve", "--memory-limit", "16M"], """
            Variable x, y, z;
            Equation obj;
            obj.. z =e= sqr(x - 1) + sqr(y - 2) + exp(-x*y);
            Model m / all /;
            solve m using nlp minimizing z;
            """)
        let byTheRun = r.out.contains("solver ipopt: model status 14 No Solution Returned, solver status 3 Resource Interrupt")
            && r.out.contains("Ipopt was stopped at the memory limit (16 MiB)")
        let byIpopt = r.out.contains("solver ipopt: model status 7 Feasible Solution, solver status 3 Resource Interrupt")
            && r.out.contains("Ipopt: memory limit (--memory-limit) reached at a feasible point")
        #expect(byTheRun || byIpopt, "\(r.out)")
        #expect(r.err.hasPrefix("warning[W4051]: Ipopt was stopped at the memory limit (16 MiB)\n --> m.gms:5:1\n"), "\(r.err)")
        #expect(r.err.contains(byTheRun ? "= note: the run and Ipopt's process held " : "= note: the run held "), "\(r.err)")
        #expect(r.err.contains(" MiB when "), "\(r.err)")
        #expect(r.status == 4)
    }

    static let smallLP = """
        Positive Variable x1, x2, x3;
        Variable z;
        Equation c1, c2, obj;
        c1.. x1 + x2 =g= 2;
        c2.. x2 + x3 =g= 3;
        obj.. z =e= x1 + 2*x2 + x3;
        Model m / all /;
        solve m using lp minimizing z;
        display 'after the solve';
        """

    /// GLPK's records are estimated from rows, columns and nonzeros before the load: a model
    /// that would pass the limit is not passed to GLPK (14 No Solution Returned, 3 Resource
    /// Interrupt), and the run goes on.
    @Test func glpkIsNotCalledWhenItsRecordsWouldPassTheLimit() throws {
        let r = try enm(["solve", "--memory-limit", "16M"], MemoryLimitTests.smallLP)
        #expect(r.out.contains("solver glpk: model status 14 No Solution Returned, solver status 3 Resource Interrupt"), "\(r.out)")
        #expect(r.out.contains("model not passed to GLPK: it would pass the memory limit (16 MiB)"), "\(r.out)")
        #expect(r.out.contains("after the solve"), "\(r.out)")
        #expect(r.err.hasPrefix("warning[W4051]: GLPK was not called: the model would pass the memory limit (16 MiB)\n"), "\(r.err)")
        #expect(r.err.contains("= note: GLPK would need about 1.3 KiB beside the "), "\(r.err)")
        let free = try enm(["solve"], MemoryLimitTests.smallLP)
        #expect(free.out.contains("model status 1 Optimal") && free.err.isEmpty, "\(free.out)\(free.err)")
    }

    /// CLP is asked at the end of every simplex iteration (an event handler): past the limit
    /// it stops with no point, 14 No Solution Returned and 3 Resource Interrupt.
    @Test func clpIsStoppedAtTheMemoryLimit() throws {
        let r = try enm(["solve", "--memory-limit", "16M"], "option lp = clp;\n" + MemoryLimitTests.smallLP)
        #expect(r.out.contains("solver clp: model status 14 No Solution Returned, solver status 3 Resource Interrupt"), "\(r.out)")
        #expect(r.out.contains("CLP: memory limit (--memory-limit) reached"), "\(r.out)")
        #expect(r.out.contains("after the solve"), "\(r.out)")
        #expect(r.err.hasPrefix("warning[W4051]: CLP was stopped at the memory limit (16 MiB)\n"), "\(r.err)")
    }
}
