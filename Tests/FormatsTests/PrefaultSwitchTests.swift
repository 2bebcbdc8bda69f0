import Foundation
import Testing

/// `ENM_PREFAULT=0` turns off the executable's memory measures for large runs; they change
/// how long a run takes and nothing it prints.
@Suite("ENM_PREFAULT")
struct PrefaultSwitchTests {
    /// A load large enough for GLPK's heap to be grown and faulted in ahead (about 45 MB of
    /// GLPK records, on the main thread, which the in-process tests cannot reach) and for
    /// generation's arrays to be faulted in (`spare(i,i)` alone reserves room for 4M
    /// columns); its optimum is the slack basis (no simplex iterations in a debug build), with
    /// row levels and reduced costs that depend on every bound, cost and coefficient.
    @Test func sameResultsWithAndWithoutThem() throws {
        let model = """
        Set i / i1*i120000 /;
        Parameter c(i), lo(i);
        c(i) = 1 + mod(ord(i), 7);
        lo(i) = mod(ord(i), 3);
        Positive Variable x(i), spare(i,i); Variable z;
        Equations obj, pair(i);
        obj..     z =e= sum(i, c(i)*x(i));
        pair(i).. x(i) + 0.5*x(i+1) =l= 10;
        x.lo(i) = lo(i);
        Model m / all /;
        solve m using lp minimizing z;
        display x.m, pair.l;
        """
        let f = TemporaryFolder()
        defer { f.cleanup() }
        try model.write(toFile: f.path("large.gms"), atomically: true, encoding: .utf8)
        let on = try runEnm(["solve", "large.gms", "--json"], in: f.url)
        let off = try runEnm(["solve", "large.gms", "--json"], in: f.url, environment: ["ENM_PREFAULT": "0"])
        #expect(on.status == 0 && off.status == 0, "\(on.stderr)\(off.stderr)")
        let with = try PrefaultSwitchTests.results(on.stdout), without = try PrefaultSwitchTests.results(off.stdout)
        #expect(with.objective == without.objective)
        #expect(with.displays == without.displays)
        #expect(with.displays.count == 2 && with.objective != nil)
    }

    /// The objective and the displays of a `--json` run (times differ from run to run).
    static func results(_ json: String) throws -> (objective: Double?, displays: [NSArray]) {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let solve = try #require((doc["solves"] as? [[String: Any]])?.first)
        let displays = try #require(doc["displays"] as? [[String: Any]])
        return (solve["objective"] as? Double, displays.compactMap { $0["records"] as? NSArray })
    }
}
