/// Finds the known word a misspelled one most likely meant (for "did you mean" help).
public enum Spelling {
    /// The candidate closest to `word` (case-insensitive), if it is close enough to be a likely
    /// typo: at most one edit for short words, two from five letters, three from nine; a swap
    /// of two neighbouring letters counts as one edit. Ties go to the candidate sharing the
    /// longer beginning with `word`, then to the earlier one.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty else { return nil }
        let allowed = w.count >= 9 ? 3 : (w.count >= 5 ? 2 : 1)
        var best: String? = nil, bestDistance = allowed + 1, bestPrefix = 0
        for c in candidates {
            let s = Array(c.lowercased().unicodeScalars)
            let d = distance(w, s, limit: bestDistance + 1)
            let prefix = zip(w, s).prefix(while: { $0 == $1 }).count
            if d < bestDistance || (d == bestDistance && prefix > bestPrefix) {
                best = c
                bestDistance = d
                bestPrefix = prefix
            }
        }
        return best
    }

    /// Edit distance with insertions, deletions, substitutions and neighbour swaps; any value
    /// of `limit` or more means "too far".
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) >= limit { return limit }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin >= limit { return limit }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
