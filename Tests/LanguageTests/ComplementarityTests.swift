import Execution
import IR
import Testing

/// `solve m using mcp` end to end through both backends (Siconos's Newton method, the Ipopt
/// program of complementarity products): textbook equilibria with known solutions, checked in
/// levels, marginals (GAMS's MCP convention: a variable's marginal is its paired function, an
/// equation's marginal is its paired variable's level) and statuses, and the pairing rules
/// GAMS enforces.
@Suite("Complementarity problems (MCP)")
struct ComplementarityTests {
    static let backends = ["siconos", "ipopt"]

    /// Runs `source` with `option mcp = backend;` first.
    private func solved(_ source: String, _ backend: String) -> Run {
        runSource("option mcp = \(backend);\n" + source)
    }

    private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * Swift.max(1, abs(b))
    }

    /// Two firms, inverse demand p = 10 - (q1 + q2), marginal costs 1 and 2: the Cournot
    /// quantities are (a - 2c_i + c_j) / 3 = 10/3 and 7/3, the price 13/3.
    @Test(arguments: backends)
    func cournotDuopoly(_ backend: String) {
        let run = solved("""
            Set f / f1, f2 /;
            Parameter c(f) / f1 1, f2 2 /;
            Scalar a / 10 /, b / 1 /;
            Positive Variable q(f); Variable p;
            Equation foc(f), price;
            foc(f).. c(f) - p + b*q(f) =g= 0;
            price.. p =e= a - b*sum(f, q(f));
            Model cournot / foc.q, price.p /;
            solve cournot using mcp;
            Scalar ms, ss; ms = cournot.modelStat; ss = cournot.solveStat;
            display q.l, q.m, p.l, foc.l, foc.m, price.m, ms, ss;
            """, backend)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.solves.first?.solver == backend)
        #expect(run.records("ms") == [[]: 1] && run.records("ss") == [[]: 1])
        let q = run.records("q", "l")
        #expect(close(q[["f1"]], 10.0 / 3) && close(q[["f2"]], 7.0 / 3))
        #expect(close(run.records("p", "l")[[]], 13.0 / 3))
        // interior pairs: F = 0, shown as no records (all zero)
        #expect(run.records("q", "m").values.allSatisfy { $0 == 0 })
        // the equation's level is its body with the constant moved: -p + q
        #expect(close(run.records("foc", "l")[["f1"]], -1) && close(run.records("foc", "l")[["f2"]], -2))
        #expect(close(run.records("foc", "m")[["f1"]], 10.0 / 3))
        #expect(close(run.records("price", "m")[[]], 13.0 / 3))
    }

    /// Merit-order market clearing with capacity prices: demand 120 from capacities 50 at
    /// costs 10, 20, 30. The price is 30; the capacity rents are 20 and 10. Written twice: with
    /// capacity rows and their prices, and with capacities as upper bounds (box pairs), where
    /// a variable at its upper bound has marginal F = c - price <= 0.
    @Test(arguments: backends)
    func marketClearingWithCapacityPrices(_ backend: String) {
        let run = solved("""
            Set g / coal, gas, oil /;
            Parameter c(g) / coal 10, gas 20, oil 30 /, k(g) / coal 50, gas 50, oil 50 /;
            Scalar D / 120 /;
            Positive Variables q(g), mu(g), lam;
            Equations supply(g), cap(g), balance;
            supply(g).. c(g) + mu(g) - lam =g= 0;
            cap(g).. k(g) - q(g) =g= 0;
            balance.. sum(g, q(g)) - D =g= 0;
            Model clearing / supply.q, cap.mu, balance.lam /;
            solve clearing using mcp;
            display q.l, mu.l, lam.l;
            Equation offer(g), bal2;
            offer(g).. c(g) - lam =n= 0;
            bal2.. sum(g, q(g)) =g= D;
            Model boxed / offer.q, bal2.lam /;
            q.up(g) = k(g); q.l(g) = 0; lam.l = 0;
            solve boxed using mcp;
            Parameter qb(g), qm(g), lb; qb(g) = q.l(g); qm(g) = q.m(g); lb = lam.l;
            display qb, qm, lb;
            """, backend)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.solves.map(\.modelStatus) == [.optimal, .optimal])
        let q = run.records("q", "l"), mu = run.records("mu", "l")
        #expect(close(q[["coal"]], 50) && close(q[["gas"]], 50) && close(q[["oil"]], 20))
        #expect(close(mu[["coal"]], 20) && close(mu[["gas"]], 10) && (mu[["oil"]] ?? 0) == 0)
        #expect(close(run.records("lam", "l")[[]], 30))
        let qb = run.records("qb"), qm = run.records("qm")
        #expect(close(qb[["coal"]], 50) && close(qb[["gas"]], 50) && close(qb[["oil"]], 20))
        #expect(close(qm[["coal"]], -20) && close(qm[["gas"]], -10) && (qm[["oil"]] ?? 0) == 0)
        #expect(close(run.records("lb")[[]], 30))
    }

    /// The transport model's optimality conditions as an MCP (zero profit, supply and demand
    /// balances): the prices equal the LP's demand marginals, the supply rents the negated
    /// supply marginals, and the cost of the flows the LP's optimum.
    @Test(arguments: backends)
    func transportEquilibriumMatchesTheLP(_ backend: String) {
        let run = solved(CoinSolverTests.transport.replacingOccurrences(of: "%pick%", with: "") + """

            Parameter lpPrice(j), lpRent(i), lpCost; lpPrice(j) = demand.m(j); lpRent(i) = -supply.m(i); lpCost = z.l;
            Positive Variables w(i), p(j);
            Equations profit(i,j), supplyBalance(i), demandBalance(j);
            profit(i,j).. w(i) + c(i,j) =g= p(j);
            supplyBalance(i).. a(i) =g= sum(j, x(i,j));
            demandBalance(j).. sum(i, x(i,j)) =g= b(j);
            Model equilibrium / profit.x, supplyBalance.w, demandBalance.p /;
            solve equilibrium using mcp;
            Parameter mcpCost; mcpCost = sum((i,j), c(i,j)*x.l(i,j));
            display lpPrice, p.l, lpRent, w.l, lpCost, mcpCost;
            """, backend)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.solves.last?.modelStatus == .optimal)
        for (labels, price) in run.records("lpPrice") { #expect(close(run.records("p", "l")[labels], price), "\(labels)") }
        for (labels, rent) in run.records("lpRent") { #expect(close(run.records("w", "l")[labels] ?? 0, rent), "\(labels)") }
        #expect(close(run.records("mcpCost")[[]], run.records("lpCost")[[]] ?? .nan))
    }

    /// A square nonlinear system (unpaired =e= rows matched with free variables), a problem
    /// without a solution (model status 5) and an =e= row whose variable ends at its bound
    /// (solved; the row is reported as REDEF, W4120).
    @Test(arguments: backends)
    func equationsNoSolutionAndRedefinedRows(_ backend: String) {
        let run = solved("""
            Variable x, y; Equation cube, line;
            cube.. x*x*x =e= 8 + 0*y; line.. x + y =e= 5;
            x.l = 1;
            Model eqs / cube, line /;
            solve eqs using mcp;
            display x.l, y.l, cube.m;
            Positive Variable v; Equation never; never.. -1 - v =g= 0;
            Model none / never.v /;
            solve none using mcp;
            Scalar ms; ms = none.modelStat; display ms, v.l;
            Positive Variable r; Equation red; red.. r =e= -1;
            Model redef / red.r /;
            solve redef using mcp;
            display r.l, r.m;
            """, backend)
        #expect(run.solves.map(\.modelStatus) == [.optimal, .locallyInfeasible, .optimal])
        #expect(close(run.records("x", "l")[[]], 2) && close(run.records("y", "l")[[]], 3))
        #expect(run.records("ms") == [[]: 5])
        #expect((run.records("v", "l")[[]] ?? 0) >= 0)
        #expect(run.records("r", "m") == [[]: 1])
        #expect(run.diagnostics.contains("warning[W4120]: 1 equation of model 'redef' does not hold in its stated sense at the solution (REDEF in GAMS's listing): red"))
        #expect(!run.diagnostics.contains("model 'none'"))
    }

    @Test func pairingErrorsAtCompileTime() {
        let run = runSource("""
            Set i / a, b /; Parameter k(i); Variable x(i), y; Equation e(i), f(i), h;
            e(i).. x(i) =n= 0; f(i).. x(i) =n= 1; h.. y =e= 1;
            Model m1 / e.k /;
            Model m2 / e.y /;
            Model m3 / e.x, f.x /;
            Model m4 / h.y /;
            solve m4 using mcp minimizing y;
            """)
        #expect(run.diagnostics.contains("error[E2110]: 'k' is a parameter; a pair in a model list is equation.variable"))
        #expect(run.diagnostics.contains("error[E2111]: equation 'e' has 1 index but variable 'y' has 0"))
        #expect(run.diagnostics.contains("error[E2112]: variable 'x' is already paired with 'e' in this model"))
        #expect(run.diagnostics.contains("error[E2113]: a complementarity problem has no objective"))
    }

    @Test func pairingErrorsAtGeneration() {
        func diagnostics(_ model: String) -> String {
            runSource("""
                Set i / a, b /; Positive Variable x(i), z; Variable y, u; Equation e(i), g, h, empty(i);
                e(i).. x(i) + y =n= 1; g.. y + z =g= 0; h.. y + u =e= 2; empty(i)$0.. x(i) =n= 0;
                \(model)
                """).diagnostics
        }
        #expect(diagnostics("Model m / e.x, g /; solve m using mcp;")
            .contains("error[E4120]: 1 equation of model 'm' is not paired with a variable and not =e=: g"))
        #expect(diagnostics("Model m / e.x, h.y, g.u /; solve m using mcp;")
            .contains("error[E4121]: 1 variable of model 'm' is bounded but not paired with an equation: z"))
        #expect(diagnostics("Model m / e.x, h, g.z /; solve m using mcp;")
            .contains("error[E4122]: model 'm' has 1 unpaired =e= row (h) but 2 unpaired free variables (y, u)"))
        let empty = diagnostics("Equation f(i); f(i).. 0*x(i) =n= 0; u.fx = 0; Model n / f.x, h.y, g.z /; solve n using mcp;")
        #expect(empty.contains("error[E4123]: 2 pairs of model 'n' pair an empty equation with a variable that is not fixed: f(a) with x(a), f(b) with x(b)"), "\(empty)")
    }

    /// A Stackelberg leader facing a Cournot follower (p = 10 - q1 - q2, costs 1 and 2): the
    /// follower answers q2 = (8 - q1)/2, so the leader's profit (5 - q1/2)·q1 peaks at q1 = 5,
    /// q2 = 1.5, p = 3.5, profit 12.5. And the small MPEC of GAMS's model statement chapter,
    /// whose solution is x = (0, -1), y = (0, 1), f = -1.
    @Test func mpecStackelbergLeaderAndTheGuidesExample() {
        let run = runSource("""
            Scalar a / 10 /, c1 / 1 /, c2 / 2 /;
            Positive Variables q1, q2; Variables p, profit;
            Equations obj, price, follower;
            obj.. profit =e= (p - c1)*q1;
            price.. p =e= a - q1 - q2;
            follower.. c2 - p + q2 =g= 0;
            Model leader / obj, price, follower.q2 /;
            solve leader using mpec maximizing profit;
            Scalar ms; ms = leader.modelStat;
            display q1.l, q2.l, p.l, profit.l, follower.m, ms;
            Variable f, x1, x2, y1, y2; Positive Variable y1; y2.lo = -1; y2.up = 1;
            Equations cost, g, h1, h2;
            cost.. f =E= x1 + x2;
            g.. sqr(x1) + sqr(x2) =L= 1;
            h1.. x1 =G= y1 - y2 + 1;
            h2.. x2 + y2 =N= 0;
            Model example / cost, g, h1.y1, h2.y2 /;
            solve example using mpec min f;
            display x1.l, x2.l, y1.l, y2.l, f.l;
            """)
        #expect(run.diagnostics.isEmpty, "\(run.diagnostics)")
        #expect(run.solves.map(\.modelStatus) == [.locallyOptimal, .locallyOptimal])
        #expect(run.solves.map(\.solver) == ["ipopt", "ipopt"])
        #expect(close(run.records("q1", "l")[[]], 5) && close(run.records("q2", "l")[[]], 1.5))
        #expect(close(run.records("p", "l")[[]], 3.5) && close(run.records("profit", "l")[[]], 12.5))
        #expect(close(run.records("follower", "m")[[]], 1.5))
        #expect(close(run.solves.first?.objective, 12.5))
        #expect(abs(run.records("x1", "l")[[]] ?? 0) < 1e-6 && close(run.records("x2", "l")[[]], -1))
        #expect((run.records("y1", "l")[[]] ?? 0) == 0 && close(run.records("y2", "l")[[]], 1))
        #expect(close(run.records("f", "l")[[]], -1))
    }

    /// GAMS's `option mpec = nlpec;` and `option mcp = path;` are options of enm too: a solver
    /// enm does not have keeps Ipopt, with W4001.
    @Test func solverOptionsOfTheEquilibriumTypes() {
        let run = runSource("""
            Positive Variable q; Variable z; Equation foc, o;
            foc.. 2*q - 4 =g= 0; o.. z =e= q;
            Model m / foc.q /;
            option mcp = path;
            solve m using mcp;
            Model n / o, foc.q /;
            option mpec = nlpec;
            solve n using mpec minimizing z;
            display q.l;
            """)
        #expect(run.diagnostics.contains("warning[W4001]: solver 'path' is not available; Ipopt is used for mcp"))
        #expect(run.diagnostics.contains("warning[W4001]: solver 'nlpec' is not available; Ipopt is used for mpec"))
        #expect(!run.diagnostics.contains("W2002"))
        #expect(run.solves.map(\.solver) == ["ipopt", "ipopt"])
        #expect(close(run.records("q", "l")[[]], 2))
    }

    /// A function that cannot be evaluated where Siconos's Newton goes (log at 0) stops it with
    /// model status 6, solver status 5; the point reported is the last one every row could be
    /// evaluated at (here the start), never Siconos's runaway iterate, and F there is NA. The
    /// Ipopt program stays inside the domain and solves it: x = e.
    @Test func anEvaluationErrorStopsSiconosAtAPointItCouldEvaluate() {
        let run = runSource("""
            Positive Variable x; Equation e; e.. log(x) =g= 1;
            Model m / e.x /;
            option mcp = siconos; solve m using mcp;
            Scalar ms, ss, lev, marg; ms = m.modelStat; ss = m.solveStat; lev = x.l; marg = x.m;
            display ms, ss, lev, marg;
            option mcp = ipopt; x.l = 0; solve m using mcp;
            display x.l;
            """)
        #expect(run.records("ms") == [[]: 6] && run.records("ss") == [[]: 5])
        #expect(run.records("lev")[[]] ?? 0 == 0)
        #expect(run.records("marg")[[]].map { $0.isNaN || SpecialValue.isNA($0) } ?? false)
        #expect(close(run.records("x", "l")[[]], 2.718281828459045))
    }
}
