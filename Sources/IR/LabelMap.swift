#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash map from label tuples to values: the store of every set, parameter, variable and
/// equation, and the column index of generation.
///
/// Open addressing with linear probing over a slot table of entry indices (load ≤ 1/2), keys and
/// values kept densely in insertion order (a removal moves the last entry into the hole). The
/// hash is one multiply of the tuple's words (Fibonacci hashing), with none of `Hasher`'s
/// per-call seeding and finalisation: label ids are small dense integers, so a multiplicative
/// hash spreads them well. Value semantics (copy on write) come from the arrays.
public struct LabelMap<Value> {
    @usableFromInline var entryKeys: [LabelTuple] = []
    @usableFromInline var entryValues: [Value] = []
    /// Entry index per slot, -1 for an empty slot; the count is 0 or a power of two.
    @usableFromInline var slots: [Int32] = []
    /// 64 - log2(slot count): a hash's top bits pick its home slot.
    @usableFromInline var shift: UInt64 = 64

    @inlinable public init() {}

    @inlinable public init(minimumCapacity: Int) {
        reserveCapacity(minimumCapacity)
    }

    /// The number of entries.
    @inlinable public var count: Int { entryKeys.count }

    @inlinable public var isEmpty: Bool { entryKeys.isEmpty }

    /// The keys, in entry order.
    @inlinable public var keys: [LabelTuple] { entryKeys }

    /// The values, in entry order.
    @inlinable public var values: [Value] { entryValues }

    @inlinable @inline(__always)
    static func hash(_ key: LabelTuple) -> UInt64 {
        let w = unsafeBitCast(key.raw, to: (UInt64, UInt64, UInt64, UInt64).self)
        let mixed = w.0 &+ w.1 &* 0xC2B2_AE3D_27D4_EB4F &+ w.2 &* 0x1656_67B1_9E37_79F9 &+ w.3 &* 0x27D4_EB2F_1656_67C5
        return (mixed ^ (mixed >> 29)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// The slot holding `key`'s entry, or the empty slot where it would go.
    @inlinable @inline(__always)
    func probe(_ key: LabelTuple) -> (slot: Int, entry: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: LabelMap.hash(key) >> shift)
        return slots.withUnsafeBufferPointer { table in
            entryKeys.withUnsafeBufferPointer { keys in
                while true {
                    let e = Int(table[s])
                    if e < 0 || keys[e] == key { return (s, e) }
                    s = (s + 1) & mask
                }
            }
        }
    }

    /// The entry index of `key`, or nil.
    @inlinable @inline(__always)
    func entryIndex(_ key: LabelTuple) -> Int? {
        guard !slots.isEmpty else { return nil }
        let e = probe(key).entry
        return e < 0 ? nil : e
    }

    @inlinable public func contains(_ key: LabelTuple) -> Bool { entryIndex(key) != nil }

    @inlinable public subscript(key: LabelTuple) -> Value? {
        @inline(__always) get {
            guard let e = entryIndex(key) else { return nil }
            return entryValues[e]
        }
        set {
            if let newValue { updateValue(newValue, forKey: key) } else { removeValue(forKey: key) }
        }
    }

    @inlinable public subscript(key: LabelTuple, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { updateValue(newValue, forKey: key) }
        // in place: `map[k, default: []].append(x)` must not copy the array on every append
        _modify {
            let e = entryIndexInserting(key, defaultValue())
            yield &entryValues[e]
        }
    }

    /// The entry index of `key`, inserting it with `value` when it is new.
    @inlinable mutating func entryIndexInserting(_ key: LabelTuple, _ value: @autoclosure () -> Value) -> Int {
        if let e = entryIndex(key) { return e }
        updateValue(value(), forKey: key)
        return entryKeys.count - 1
    }

    /// Sets the value of `key`; the old value, or nil when the key is new.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: LabelTuple) -> Value? {
        if slots.isEmpty || 2 * (entryKeys.count + 1) > slots.count { grow(to: entryKeys.count + 1) }
        let (s, e) = probe(key)
        if e >= 0 {
            let old = entryValues[e]
            entryValues[e] = value
            return old
        }
        slots[s] = Int32(entryKeys.count)
        entryKeys.append(key)
        entryValues.append(value)
        return nil
    }

    /// Changes the value of `key` in place with `body`, first adding `defaultValue` when the key
    /// is new: one lookup where reading and then writing the value takes two.
    @inlinable
    public mutating func update(_ key: LabelTuple, default defaultValue: @autoclosure () -> Value,
                                _ body: (inout Value) -> Void) {
        if slots.isEmpty || 2 * (entryKeys.count + 1) > slots.count { grow(to: entryKeys.count + 1) }
        let (s, e) = probe(key)
        if e >= 0 {
            body(&entryValues[e])
            return
        }
        var value = defaultValue()
        body(&value)
        slots[s] = Int32(entryKeys.count)
        entryKeys.append(key)
        entryValues.append(value)
    }

    /// Adds `key` with `value` unless the key is there already (then nothing changes); whether
    /// it was added. One lookup where testing and then adding takes two.
    @inlinable @discardableResult
    public mutating func insertIfAbsent(_ value: Value, forKey key: LabelTuple) -> Bool {
        if slots.isEmpty || 2 * (entryKeys.count + 1) > slots.count { grow(to: entryKeys.count + 1) }
        let (s, e) = probe(key)
        guard e < 0 else { return false }
        slots[s] = Int32(entryKeys.count)
        entryKeys.append(key)
        entryValues.append(value)
        return true
    }

    /// Adds `key` with `value`; the key must not be in the map (a generated model's elements of a
    /// symbol whose records were empty): no keys are compared, so the only random access is the
    /// slot.
    @inlinable
    public mutating func appendNew(_ key: LabelTuple, _ value: Value) {
        if slots.isEmpty || 2 * (entryKeys.count + 1) > slots.count { grow(to: entryKeys.count + 1) }
        let mask = slots.count - 1, entry = Int32(truncatingIfNeeded: entryKeys.count)
        var s = Int(truncatingIfNeeded: LabelMap.hash(key) >> shift)
        slots.withUnsafeMutableBufferPointer { table in
            while table[s] >= 0 { s = (s + 1) & mask }
            table[s] = entry
        }
        entryKeys.append(key)
        entryValues.append(value)
    }

    /// Removes `key`; its value, or nil when it was absent.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: LabelTuple) -> Value? {
        guard !slots.isEmpty else { return nil }
        let (hole, e) = probe(key)
        guard e >= 0 else { return nil }
        let removed = entryValues[e]
        let last = entryKeys.count - 1
        if e != last {
            // the last entry moves into the removed one's place; its slot follows it
            let moved = entryKeys[last]
            slots[probe(moved).slot] = Int32(e)
            entryKeys[e] = moved
            entryValues.swapAt(e, last)
        }
        entryKeys.removeLast()
        entryValues.removeLast()
        // backward-shift deletion keeps every probe sequence unbroken
        let mask = slots.count - 1
        var i = hole, j = hole
        while true {
            j = (j + 1) & mask
            let f = Int(slots[j])
            if f < 0 { break }
            let home = Int(truncatingIfNeeded: LabelMap.hash(entryKeys[f]) >> shift)
            let stays = i <= j ? (i < home && home <= j) : (i < home || home <= j)
            if stays { continue }
            slots[i] = slots[j]
            i = j
        }
        slots[i] = -1
        return removed
    }

    @inlinable public mutating func removeAll(keepingCapacity keep: Bool = false) {
        entryKeys.removeAll(keepingCapacity: keep)
        entryValues.removeAll(keepingCapacity: keep)
        if keep {
            for s in slots.indices { slots[s] = -1 }
        } else {
            slots = []
            shift = 64
        }
    }

    @inlinable public mutating func reserveCapacity(_ n: Int) {
        entryKeys.reserveCapacity(n)
        entryValues.reserveCapacity(n)
        if 2 * n > slots.count { grow(to: n) }
    }

    /// Rebuilds the slot table for at least `n` entries at load ≤ 1/2.
    @inlinable mutating func grow(to n: Int) {
        var size = 16, bits: UInt64 = 4
        while size < 2 * n { size *= 2; bits += 1 }
        guard size > slots.count else { return }
        shift = 64 - bits
        slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        slots.withUnsafeMutableBufferPointer { table in
            for (e, key) in entryKeys.enumerated() {
                var s = Int(truncatingIfNeeded: LabelMap.hash(key) >> shift)
                while table[s] >= 0 { s = (s + 1) & mask }
                table[s] = Int32(e)
            }
        }
    }
}

extension LabelMap: Sequence {
    public typealias Element = (key: LabelTuple, value: Value)

    public struct Iterator: IteratorProtocol {
        @usableFromInline let keys: [LabelTuple]
        @usableFromInline let values: [Value]
        @usableFromInline var position = 0

        @inlinable init(keys: [LabelTuple], values: [Value]) {
            self.keys = keys
            self.values = values
        }

        @inlinable public mutating func next() -> Element? {
            guard position < keys.count else { return nil }
            defer { position += 1 }
            return (keys[position], values[position])
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(keys: entryKeys, values: entryValues) }

    @inlinable public var underestimatedCount: Int { entryKeys.count }
}

extension LabelMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (LabelTuple, Value)...) {
        self.init()
        for (k, v) in elements { self[k] = v }
    }
}

extension LabelMap: Equatable where Value: Equatable {
    /// Equal when they hold the same keys with equal values (entry order does not matter).
    public static func == (a: LabelMap, b: LabelMap) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in a where b[k] != v { return false }
        return true
    }
}

extension LabelMap: Sendable where Value: Sendable {}

/// The column of each record of a variable in the model being generated.
///
/// When the variable's domain sets are known and their product is not too large, a dense array
/// over that product (position of each label in its set, row-major): generation reaches the
/// columns of a row in nearly sequential memory instead of hashing into a table far larger than
/// the cache. The array is zero-filled memory from the system (`calloc`), so only the pages a
/// variable's columns touch take memory: a sparse variable over a large product costs little
/// more than its columns. Tuples outside the product, and every tuple when there is no dense
/// array, go to a `LabelMap`.
///
/// The dense array is shared by copies of an index (it is one variable's index, replaced for
/// each generation, never copied to be changed separately).
public struct ColumnIndex {
    /// Column + 1 per position of the product (0: no column yet); nil when not dense.
    @usableFromInline var dense: DenseColumns?
    /// Per index position: label id → 0-based position in the domain set, or -1.
    @usableFromInline var positions: [[Int32]] = []
    @usableFromInline var strides: [Int] = []
    @usableFromInline var map = LabelMap<Int32>()

    /// The largest product of domain sizes indexed densely (4 bytes each, of address space).
    public static let denseLimit = 1 << 26

    public init() {}

    /// A dense index over the product of sets whose labels have the given positions (label id →
    /// position or -1) and sizes; hashed only when the product exceeds `denseLimit` (or the
    /// system has no memory for it).
    public init(positions: [[Int32]], sizes: [Int]) {
        var product = 1
        for n in sizes {
            let (p, overflow) = product.multipliedReportingOverflow(by: max(n, 1))
            guard !overflow, p <= ColumnIndex.denseLimit else { return }
            product = p
        }
        guard let storage = DenseColumns(count: product) else { return }
        dense = storage
        self.positions = positions
        strides = [Int](repeating: 1, count: sizes.count)
        var step = 1
        for k in (0..<sizes.count).reversed() {
            strides[k] = step
            step *= max(sizes[k], 1)
        }
    }

    /// Whether the index has a dense array.
    public var isDense: Bool { dense != nil }

    /// The dense array (column + 1 per offset, 0: none yet) and the stride of each index
    /// position; nil for a hashed index. Writes through the subscript land in the same array.
    public var denseLayout: (storage: DenseColumns, strides: [Int])? {
        dense.map { ($0, strides) }
    }

    /// The offset of `t` in the product, or nil when it is not in it.
    @inlinable @inline(__always)
    func offset(_ t: LabelTuple) -> Int? {
        var o = 0
        for k in 0..<positions.count {
            let label = Int(t[k])
            let table = positions[k]
            guard label < table.count else { return nil }
            let p = table[label]
            if p < 0 { return nil }
            o += Int(p) * strides[k]
        }
        return o
    }

    @inlinable public subscript(t: LabelTuple) -> Int32? {
        @inline(__always) get {
            if let dense, let o = offset(t) {
                let v = dense.pointer[o]
                return v == 0 ? nil : Int32(truncatingIfNeeded: v &- 1)
            }
            return map[t]
        }
        set {
            if let dense, let o = offset(t) {
                dense.pointer[o] = newValue.map { UInt32(truncatingIfNeeded: $0) &+ 1 } ?? 0
            } else {
                map[t] = newValue
            }
        }
    }
}

/// Zero-filled memory for a dense column index, from `calloc`: pages that are never written
/// are never backed by memory.
public final class DenseColumns {
    public let pointer: UnsafeMutablePointer<UInt32>
    public let count: Int

    /// Nil when the system refuses the allocation.
    public init?(count: Int) {
        guard count > 0, let raw = calloc(count, MemoryLayout<UInt32>.stride) else { return nil }
        pointer = raw.bindMemory(to: UInt32.self, capacity: count)
        self.count = count
    }

    deinit { free(pointer) }
}
