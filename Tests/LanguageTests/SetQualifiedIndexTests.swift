import Testing

// A set used as an index with some of its indices already controlled, shifted or fixed: the
// idiom of network and time models (GAMS User's Guide, "Conditional Indexing" and sets as
// domains). `sum(arc(n,m), f(n,m))` inside `bal(n)` sums over the `m` with `arc(n,m)`.

@Suite struct SetQualifiedIndexTests {
    static let network = """
    Set n 'nodes' / s, a, b, t /;
    Alias (n,m);
    Set arc(n,m) / s.a, s.b, a.b, a.t, b.t /;
    Parameter cap(n,m)  / s.a 4, s.b 2, a.b 3, a.t 1, b.t 5 /;
    Parameter cost(n,m) / s.a 1, s.b 4, a.b 1, a.t 6, b.t 1 /;
    Parameter supply(n) / s 5, t -5 /;

    """

    /// Min-cost flow with the node balance over the arcs leaving and entering the controlled
    /// node, and the capacity rows over the arcs only (`lim(arc(n,m))..`).
    @Test func minCostFlowWithControlledIndices() {
        let run = runSource(Self.network + """
        Positive Variable f(n,m);
        Variable z;
        Equation bal(n), lim(n,m), obj;
        bal(n).. sum(arc(n,m), f(n,m)) - sum(arc(m,n), f(m,n)) =e= supply(n);
        lim(arc(n,m)).. f(n,m) =l= cap(n,m);
        obj.. z =e= sum(arc(n,m), cost(n,m)*f(n,m));
        Model flow / all /;
        solve flow using lp minimizing z;
        display f.l;
        """)
        expectClean(run)
        // 3 units along s-a-b-t (cost 3 each), 2 along s-b-t (cost 5 each)
        #expect(close(run.solves.first?.objective ?? 0, 19))
        #expect(run.solves.first?.rows == 4 + 5 + 1)
        #expect(run.records("f", "l") == [["s", "a"]: 3, ["s", "b"]: 2, ["a", "b"]: 3, ["b", "t"]: 5])
    }

    /// The same in assignments, `smax`, `prod`, nested sums and loops.
    @Test func assignmentsReductionsAndLoops() {
        let run = runSource(Self.network + """
        Parameter outdeg(n), widest(n), both(n), hops;
        outdeg(n) = sum(arc(n,m), 1);
        widest(n)$outdeg(n) = smax(arc(n,m), cap(n,m));
        both(n) = prod(arc(n,m), cap(n,m));
        hops = sum(n, sum(arc(n,m), sum(arc(m,'t'), 1)));
        Scalar visits / 0 /;
        loop(n$(ord(n) = 1), loop(arc(n,m), visits = visits + cap(n,m)));
        display outdeg, widest, both, hops, visits;
        """)
        expectClean(run)
        #expect(run.records("outdeg") == [["s"]: 2, ["a"]: 2, ["b"]: 1])
        #expect(run.records("widest") == [["s"]: 4, ["a"]: 3, ["b"]: 5])
        // `t` has no arcs: an empty product is 1
        #expect(run.records("both") == [["s"]: 8, ["a"]: 3, ["b"]: 5, ["t"]: 1])
        // paths of two arcs ending in t: s-a-t, s-b-t, a-b-t
        #expect(displayed(run, "hops") == 3)
        #expect(displayed(run, "visits") == 6)
    }

    /// A tuple with several controlled indices: `sum(path(n,m,k), ...)` inside `(n,k)`.
    @Test func tupleWithSeveralControlledIndices() {
        let run = runSource("""
        Set n / a, b, c /;
        Alias (n,m,k);
        Set path(n,m,k) / a.b.c, a.c.c, b.a.c, a.b.b /;
        Parameter via(n,k);
        via(n,k) = sum(path(n,m,k), 1);
        display via;
        """)
        expectClean(run)
        #expect(run.records("via") == [["a", "c"]: 2, ["b", "c"]: 1, ["a", "b"]: 1])
    }

    /// Lags and leads inside a set-qualified index: `sum(nh(i+1), x(i))`, `loop(vs(v,s+1), ...)`,
    /// `sum(j(i-1), ...)` and circular `++`.
    @Test func shiftedIndicesInsideTheSet() {
        let run = runSource("""
        Set i / 1*5 /;
        Set nh(i) / 3, 5 /;
        Set j(i) / 1, 2 /;
        Parameter x(i);
        x(i) = ord(i);
        Scalar before, after, wrap;
        before = sum(nh(i+1), x(i));
        after = sum(j(i-1), x(i));
        wrap = sum(nh(i++1), x(i));
        Set v / v1, v2 /;
        Set vs(v,i) / v1.2, v2.5 /;
        Parameter hit(v,i);
        loop(vs(v,i+1), hit(v,i) = 1);
        display before, after, wrap, hit;
        """)
        expectClean(run)
        #expect(displayed(run, "before") == 2 + 4)
        #expect(displayed(run, "after") == 2 + 3)
        // circular: 1++1 = 2 is not in nh, 2++1 = 3 is, 4++1 = 5 is, 5++1 = 1 is not
        #expect(displayed(run, "wrap") == 2 + 4)
        #expect(run.records("hit") == [["v1", "1"]: 1, ["v2", "4"]: 1])
    }

    /// A domain subset written as a subscript on the left of an assignment.
    @Test func domainSubsetAsASubscript() {
        let run = runSource("""
        Set i / 1*3 /, p / p1*p4 /;
        Set sub(p) / p1, p3 /;
        Parameter a(i,p);
        a(i,sub(p))$(ord(i) = ord(p)) = 10*ord(i);
        display a;
        """)
        expectClean(run)
        #expect(run.records("a") == [["1", "p1"]: 10, ["3", "p3"]: 30])
    }

    /// A fixed label inside the set: `sum(arc('s',m), ...)`.
    @Test func fixedLabelInsideTheSet() {
        let run = runSource(Self.network + """
        Scalar fromS;
        fromS = sum(arc('s',m), cap('s',m));
        display fromS;
        """)
        expectClean(run)
        #expect(displayed(run, "fromS") == 6)
    }

    /// Generation through the set's index: the same rows as the `$`-condition form.
    @Test func sameRowsAsTheDollarConditionForm() {
        func solve(_ balance: String) -> Run {
            runSource(Self.network + """
            Positive Variable f(n,m);
            Variable z;
            Equation bal(n), obj;
            \(balance)
            obj.. z =e= sum((n,m)$arc(n,m), cost(n,m)*f(n,m));
            f.up(n,m) = cap(n,m);
            Model flow / all /;
            solve flow using lp minimizing z;
            display bal.m;
            """)
        }
        let qualified = solve("bal(n).. sum(arc(n,m), f(n,m)) - sum(arc(m,n), f(m,n)) =e= supply(n);")
        let dollar = solve("bal(n).. sum(m$arc(n,m), f(n,m)) - sum(m$arc(m,n), f(m,n)) =e= supply(n);")
        expectClean(qualified)
        #expect(qualified.output == dollar.output)
        #expect(qualified.solves.first?.nonzeros == dollar.solves.first?.nonzeros)
    }
}
