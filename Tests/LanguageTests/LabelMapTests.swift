import IR
import Testing

/// The hash map behind every symbol's data, checked against `Dictionary` on random work.
@Suite struct LabelMapTests {
    /// A deterministic generator (the same operations on every run).
    struct Mix {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func tuple(_ a: Int, _ b: Int, _ c: Int = 0) -> LabelTuple {
        var t = LabelTuple(repeating: 0)
        t[0] = UInt32(a); t[1] = UInt32(b); t[2] = UInt32(c)
        return t
    }

    @Test func randomInsertsUpdatesAndRemovalsMatchADictionary() {
        var mix = Mix(state: 42)
        var map = LabelMap<Int>()
        var reference: [LabelTuple: Int] = [:]
        for step in 0..<60_000 {
            // few distinct keys, so removals hit long probe runs
            let key = tuple(mix.next(40), mix.next(40), mix.next(3))
            switch mix.next(11) {
            case 0..<5:
                #expect(map.updateValue(step, forKey: key) == reference.updateValue(step, forKey: key))
            case 5..<8:
                #expect(map.removeValue(forKey: key) == reference.removeValue(forKey: key))
            case 8:
                map[key, default: 0] += 1
                reference[key, default: 0] += 1
            case 9 where step.isMultiple(of: 2):
                // in place: the default only for a new key
                var defaulted = false
                map.update(key, default: { defaulted = true; return -7 }()) { $0 = 3 * $0 + 1 }
                #expect(defaulted == (reference[key] == nil))
                reference[key] = 3 * (reference[key] ?? -7) + 1
            case 9:
                let absent = reference[key] == nil
                #expect(map.insertIfAbsent(step, forKey: key) == absent)
                if absent { reference[key] = step }
            default:
                #expect(map[key] == reference[key])
            }
            if step % 5_000 == 0 {
                #expect(map.count == reference.count)
                for (k, v) in reference { #expect(map[k] == v) }
                for (k, v) in map { #expect(reference[k] == v) }
            }
        }
        #expect(map.count == reference.count)
        for (k, v) in reference { #expect(map[k] == v) }
        // absent keys stay absent
        #expect(map[tuple(1000, 1000)] == nil)
        #expect(!map.contains(tuple(1000, 1000)))
    }

    @Test func copiesAreIndependent() {
        var a = LabelMap<Double>()
        for k in 0..<100 { a[tuple(k, 1)] = Double(k) }
        var b = a
        b[tuple(5, 1)] = nil
        b[tuple(500, 1)] = 1
        #expect(a.count == 100 && a[tuple(5, 1)] == 5 && a[tuple(500, 1)] == nil)
        #expect(b.count == 100 && b[tuple(5, 1)] == nil && b[tuple(500, 1)] == 1)
        #expect(a != b)
        b[tuple(5, 1)] = 5
        b[tuple(500, 1)] = nil
        #expect(a == b)
        a.removeAll(keepingCapacity: true)
        #expect(a.isEmpty && a[tuple(3, 1)] == nil && b.count == 100)
    }

    @Test func columnIndexDenseAndFallback() {
        // labels 1...4 in the first set, 5...7 in the second
        var first = [Int32](repeating: -1, count: 9), second = [Int32](repeating: -1, count: 9)
        for (k, l) in [1, 2, 3, 4].enumerated() { first[l] = Int32(k) }
        for (k, l) in [5, 6, 7].enumerated() { second[l] = Int32(k) }
        var index = ColumnIndex(positions: [first, second], sizes: [4, 3])
        var n: Int32 = 0
        for a in 1...4 { for b in 5...7 { index[tuple(a, b)] = n; n += 1 } }
        // outside the product (a label of neither set, or beyond the table): the hashed part
        index[tuple(6, 1)] = 100
        index[tuple(20, 5)] = 101
        #expect(index.isDense)
        n = 0
        for a in 1...4 { for b in 5...7 { #expect(index[tuple(a, b)] == n); n += 1 } }
        #expect(index[tuple(6, 1)] == 100 && index[tuple(20, 5)] == 101 && index[tuple(1, 1)] == nil)
        // column 0 is a column, not "absent"
        #expect(index[tuple(1, 5)] == 0)
        // a product beyond the dense limit is hashed
        var big = ColumnIndex(positions: [first, second], sizes: [ColumnIndex.denseLimit, 2])
        big[tuple(1, 5)] = 7
        #expect(big[tuple(1, 5)] == 7 && big[tuple(2, 5)] == nil && !big.isDense)
        // a large product is dense too: only the pages written take memory
        var large = ColumnIndex(positions: [first, second], sizes: [1 << 20, 3])
        large[tuple(4, 7)] = 3
        #expect(large.isDense && large[tuple(4, 7)] == 3 && large[tuple(1, 5)] == nil)
    }

    /// Keys known to be new go in without lookups and are found like any other; the map then
    /// takes updates and removals as usual.
    @Test func appendNewKeys() {
        var map = LabelMap<Int>()
        map.reserveCapacity(3_000)
        for a in 0..<60 { for b in 0..<50 { map.appendNew(tuple(a, b), 100 * a + b) } }
        #expect(map.count == 3_000)
        var missing = 0
        for a in 0..<60 { for b in 0..<50 where map[tuple(a, b)] != 100 * a + b { missing += 1 } }
        #expect(missing == 0)
        #expect(map[tuple(60, 0)] == nil)
        map.update(tuple(7, 7), default: -1) { $0 += 1 }
        #expect(map[tuple(7, 7)] == 708)
        #expect(map.removeValue(forKey: tuple(0, 0)) == 0)
        #expect(map.count == 2_999 && map[tuple(59, 49)] == 5_949)
    }
}
