/// The provenances of a model's rows (or columns), stored compactly: per element the index of
/// its source and where its labels start, and only as many labels as the source's dimension,
/// instead of a reference and a full label tuple each (48 bytes). The sources are kept once.
///
/// Reads and writes go through `Provenance` values, as with an array of them; copies share
/// storage until one of them is changed (copy on write).
public struct Origins: RandomAccessCollection, MutableCollection, Sendable {
    private var storage = Storage()

    public init() {}

    public init<S: Sequence>(_ provenances: S) where S.Element == Provenance {
        for p in provenances { append(p) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(k: Int) -> Provenance {
        get {
            precondition(k >= 0 && k < storage.count, "Origins index out of range")
            return storage.element(k)
        }
        set {
            precondition(k >= 0 && k < storage.count, "Origins index out of range")
            unique()
            storage.replace(k, newValue.source, newValue.ids)
        }
    }

    /// Appends the element `labels` of `source`.
    @inline(__always)
    public mutating func append(source: ProvenanceSource, labels: LabelTuple) {
        unique()
        storage.append(source, labels)
    }

    public mutating func append(_ p: Provenance) {
        append(source: p.source, labels: p.ids)
    }

    /// Reserves room for `count` elements of up to `dimension` labels each.
    public mutating func reserveCapacity(_ count: Int, dimension: Int) {
        unique()
        let (labels, overflow) = count.multipliedReportingOverflow(by: Swift.max(dimension, 1))
        storage.reserve(count, labels: overflow ? count : labels)
    }

    @inline(__always) private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The elements' tables, in memory that grows by doubling.
    private final class Storage: @unchecked Sendable {
        var sources: [ProvenanceSource] = []
        var sourceIndex: [ObjectIdentifier: Int32] = [:]
        /// The source of the last element appended, and its index.
        var lastKey: ObjectIdentifier? = nil
        var lastIndex: Int32 = 0
        /// Per element: its source (an index in `sources`) and the start of its labels.
        var sourceOf: UnsafeMutablePointer<Int32>
        var start: UnsafeMutablePointer<Int>
        var labels: UnsafeMutablePointer<Label>
        var count = 0, capacity = 0, labelCount = 0, labelCapacity = 0

        init() {
            sourceOf = .allocate(capacity: 1)
            start = .allocate(capacity: 1)
            labels = .allocate(capacity: 1)
        }

        deinit {
            sourceOf.deallocate()
            start.deallocate()
            labels.deallocate()
        }

        var memoryRegions: [MemoryRegion] {
            [MemoryRegion(sourceOf, used: count * 4, reserved: capacity * 4),
             MemoryRegion(start, used: count * MemoryLayout<Int>.stride, reserved: capacity * MemoryLayout<Int>.stride),
             MemoryRegion(labels, used: labelCount * MemoryLayout<Label>.stride, reserved: labelCapacity * MemoryLayout<Label>.stride)]
        }

        /// The number of labels kept for an element of `source`.
        @inline(__always) static func width(_ source: ProvenanceSource) -> Int {
            Swift.min(source.dimension, SIMD8<UInt32>.scalarCount)
        }

        func element(_ k: Int) -> Provenance {
            let s = sources[Int(sourceOf[k])]
            var t = LabelTuple(repeating: 0)
            let b = start[k]
            for p in 0..<Storage.width(s) { t[p] = labels[b + p] }
            return Provenance(source: s, labels: t)
        }

        /// The index of `s` in `sources`, added when new.
        @inline(__always) func index(of s: ProvenanceSource) -> Int32 {
            let key = ObjectIdentifier(s)
            if key == lastKey { return lastIndex }
            let k: Int32
            if let known = sourceIndex[key] {
                k = known
            } else {
                sources.append(s)
                k = Int32(sources.count - 1)
                sourceIndex[key] = k
            }
            lastKey = key
            lastIndex = k
            return k
        }

        @inline(__always) func append(_ s: ProvenanceSource, _ t: LabelTuple) {
            let width = Storage.width(s)
            if count == capacity { reserve(Swift.max(16, 2 * capacity), labels: labelCapacity) }
            if labelCount + width > labelCapacity { reserve(capacity, labels: Swift.max(64, 2 * labelCapacity, labelCount + width)) }
            sourceOf[count] = index(of: s)
            start[count] = labelCount
            for p in 0..<width { labels[labelCount + p] = t[p] }
            labelCount += width
            count += 1
        }

        func replace(_ k: Int, _ s: ProvenanceSource, _ t: LabelTuple) {
            let old = Storage.width(sources[Int(sourceOf[k])]), width = Storage.width(s)
            if width > old {
                // the labels move to the end (the old ones stay unused)
                if labelCount + width > labelCapacity { reserve(capacity, labels: Swift.max(64, 2 * labelCapacity, labelCount + width)) }
                start[k] = labelCount
                labelCount += width
            }
            sourceOf[k] = index(of: s)
            for p in 0..<width { labels[start[k] + p] = t[p] }
        }

        /// Makes room for at least `elements` elements and `labelRoom` labels.
        func reserve(_ elements: Int, labels labelRoom: Int) {
            if elements > capacity {
                let o = UnsafeMutablePointer<Int32>.allocate(capacity: elements)
                o.moveInitialize(from: sourceOf, count: count)
                sourceOf.deallocate()
                sourceOf = o
                let s = UnsafeMutablePointer<Int>.allocate(capacity: elements)
                s.moveInitialize(from: start, count: count)
                start.deallocate()
                start = s
                capacity = elements
            }
            if labelRoom > labelCapacity {
                let l = UnsafeMutablePointer<Label>.allocate(capacity: labelRoom)
                l.moveInitialize(from: labels, count: labelCount)
                labels.deallocate()
                labels = l
                labelCapacity = labelRoom
            }
        }

        func copy() -> Storage {
            let c = Storage()
            c.reserve(capacity, labels: labelCapacity)
            c.sources = sources
            c.sourceIndex = sourceIndex
            c.lastKey = lastKey
            c.lastIndex = lastIndex
            c.sourceOf.initialize(from: sourceOf, count: count)
            c.start.initialize(from: start, count: count)
            c.labels.initialize(from: labels, count: labelCount)
            c.count = count
            c.labelCount = labelCount
            return c
        }
    }
}

extension Origins {
    /// The tables' memory: per table, where it starts, the bytes in use and the bytes reserved.
    public var memoryRegions: [MemoryRegion] { storage.memoryRegions }
}
