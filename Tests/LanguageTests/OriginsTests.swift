import IR
import Testing

/// The compact store of a model's row and column provenances against an array of them.
@Suite struct OriginsTests {
    let labels: LabelTable = {
        let t = LabelTable()
        for name in ["a", "b", "c", "d"] { _ = t.intern(name) }
        return t
    }()

    func source(_ name: String, _ dimension: Int) -> ProvenanceSource {
        ProvenanceSource(symbol: name, line: 3, file: "m.gms", column: 1, dimension: dimension, labels: labels)
    }

    func tuple(_ ids: [UInt32]) -> LabelTuple {
        var t = LabelTuple(repeating: 0)
        for (k, id) in ids.enumerated() { t[k] = id }
        return t
    }

    @Test func appendsReadsAndReplaces() {
        let x = source("x", 2), s = source("s", 0), y = source("y", 3)
        var origins = Origins()
        var reference: [Provenance] = []
        // more elements than the first allocation, sources interleaved
        for k in 0..<100 {
            let p: Provenance
            switch k % 3 {
            case 0: p = Provenance(source: x, labels: tuple([UInt32(1 + k % 4), 2]))
            case 1: p = Provenance(source: s, labels: tuple([]))
            default: p = Provenance(source: y, labels: tuple([3, 1, UInt32(1 + k % 4)]))
            }
            origins.append(p)
            reference.append(p)
        }
        #expect(origins.count == 100)
        #expect(origins.map(\.displayName) == reference.map(\.displayName))
        #expect(origins[0].displayName == "x(a,b)")
        #expect(origins[1].displayName == "s")
        #expect(origins[2].displayName == "y(c,a,c)")

        // a copy keeps its elements when the original changes, also to a wider element
        let copy = origins
        origins[1] = Provenance(source: y, labels: tuple([4, 4, 4]))
        origins[0] = Provenance(symbol: "given", labels: ["p", "q"])
        #expect(origins[1].displayName == "y(d,d,d)")
        #expect(origins[0].displayName == "given(p,q)")
        #expect(origins[3].displayName == reference[3].displayName)
        #expect(copy.map(\.displayName) == reference.map(\.displayName))
        #expect(Origins(reference).map(\.displayName) == reference.map(\.displayName))
    }
}
