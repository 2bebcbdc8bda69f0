import Driver
import Execution
import Foundation
import Testing

/// The warm starts of submitted LPs in a loop: with W workers the loop's passes form W
/// contiguous chains, each solve starting from the final basis of the pass before it (as the
/// loop at the statement does), each chain's first from the first solve.
@Suite struct WarmStartChainTests {
    /// A ring of five nodes with storage over 60 steps, one LP per scenario scaling the
    /// demand; each pass records the simplex iterations its solve took.
    static let ring = """
    Sets n / n1*n5 /, t / t1*t60 /, sc / sc1*sc8 /;
    Parameters cap(n), cost(n,t), base(n,t), d(n,t), share(sc), h(sc), it(sc), zs(sc);
    cap(n) = 60 + 10*ord(n);
    cost(n,t) = 10 + ord(n) + 5*sin(ord(t)/12 + ord(n));
    base(n,t) = 40 + 20*sin(ord(t)/24 + 2*ord(n)) + mod(ord(t)*ord(n), 7);
    share(sc) = 0.8 + 0.05*ord(sc);
    Positive Variables g(n,t), s(n,t);
    Variables f(n,t), z;
    g.up(n,t) = cap(n); s.up(n,t) = 200; f.lo(n,t) = -30; f.up(n,t) = 30;
    Equations balance(n,t), obj;
    balance(n,t).. g(n,t) - s(n,t) + s(n,t-1) + f(n--1,t) - f(n,t) =e= d(n,t);
    obj.. z =e= sum((n,t), cost(n,t)*g(n,t));
    Model ring / all /;
    ring.solveLink = %link%;
    option threadsAsync = 2;
    loop(sc,
       d(n,t) = share(sc)*base(n,t);
       solve ring using lp minimizing z;
       h(sc) = ring.handle;
       if(ring.solveLink = 0, it(sc) = ring.iterUsd; zs(sc) = z.l);
    );
    repeat
       loop(sc$handleCollect(h(sc)), it(sc) = ring.iterUsd; zs(sc) = z.l; h(sc) = 0);
       display$(card(h) and readyCollect(h, 60)) 'waiting failed';
    until card(h) = 0;
    display it, zs;
    """

    /// Passes 1-4 start as in the loop at the statement (cold, then from the pass before), so
    /// they take the same iterations; pass 5, the second chain's first, starts from pass 1's
    /// basis and takes more than the loop's; passes 6-8 start from their neighbour in the
    /// second chain, each far cheaper than that chain's first; the objectives agree.
    @Test func chainsAreContiguousRunsOfTheLoop() {
        let loop = runSource(WarmStartChainTests.ring, defines: ["link": "0"])
        let threads = runSource(WarmStartChainTests.ring, defines: ["link": "6"])
        #expect(loop.result.exitCode.rawValue == 0 && threads.result.exitCode.rawValue == 0, "\(loop.diagnostics)\(threads.diagnostics)")
        let a = loop.records("it"), b = threads.records("it")
        #expect(a.count == 8 && b.count == 8)
        for k in 1...4 { #expect(a[["sc\(k)"]] == b[["sc\(k)"]], "pass \(k): \(a) against \(b)") }
        let head = b[["sc5"]] ?? 0
        #expect(head > (a[["sc5"]] ?? 0), "\(a) against \(b)")
        for k in 6...8 { #expect((b[["sc\(k)"]] ?? .infinity) < head / 2, "pass \(k): \(b)") }
        for (k, v) in loop.records("zs") { #expect(abs(v - (threads.records("zs")[k] ?? .nan)) < 1e-6 * abs(v)) }
    }
}
