import Diagnostics
import Foundation

/// Encodes a ``GDXFile`` in the GDX format (version 7, uncompressed) and writes it atomically.
public enum GDXWriter {
    /// The bytes of `file` as a GDX file.
    public static func encode(_ file: GDXFile) throws -> [UInt8] {
        try validate(file)
        var w = GDXByteWriter()
        for b in GDXFormat.byteOrderPreamble { w.byte(b) }
        w.byte(GDXFormat.headerNumber)
        w.string(GDXFormat.headerId)
        w.int32(GDXFormat.version)
        w.int32(0)  // not compressed
        w.string(GDXFormat.auditLine)
        w.string(file.producer)
        let indexPosition = w.position
        for _ in 0..<GDXFormat.indexSize { w.byte(0) }

        var dataPositions: [Int] = []
        for s in file.symbols {
            if s.kind == .alias {
                dataPositions.append(0)
                continue
            }
            dataPositions.append(w.position)
            writeData(of: s, to: &w)
        }
        let nextWrite = w.position
        let symbolPosition = w.position
        let domainRefs = domainReferences(file)
        writeSymbolTable(file, dataPositions: dataPositions, domainSymbols: domainRefs.symbols, to: &w)
        let setTextPosition = w.position
        w.string(GDXFormat.setTextMarker)
        w.int32(Int32(file.setTexts.count))
        for t in file.setTexts { w.string(t) }
        w.string(GDXFormat.setTextMarker)
        let uelPosition = w.position
        w.string(GDXFormat.uelMarker)
        w.int32(Int32(file.uels.count))
        for u in file.uels { w.string(u) }
        w.string(GDXFormat.uelMarker)
        let acronymPosition = w.position
        w.string(GDXFormat.acronymMarker)
        w.int32(Int32(file.acronyms.count))
        for a in file.acronyms {
            w.string(a.name)
            w.string(a.text)
            w.int32(Int32(clamping: a.index))
        }
        w.string(GDXFormat.acronymMarker)
        let domainPosition = w.position
        writeRelaxedDomains(domainRefs, to: &w)

        var index = GDXByteWriter()
        index.int32(GDXFormat.indexMarker)
        for p in [symbolPosition, uelPosition, setTextPosition, acronymPosition, nextWrite, domainPosition] {
            index.int64(Int64(p))
        }
        w.patch(at: indexPosition, with: index)
        return w.bytes
    }

    /// Writes `file` to `path` atomically (AtomicFile: a temporary file in the same folder,
    /// flushed, then renamed).
    public static func write(_ file: GDXFile, to path: String) throws {
        let bytes = try encode(file)
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let f as AtomicFile.Failure {
            throw GDXError(.unwritable, "cannot write '\(path)': \(f.reason)")
        }
    }

    /// Rejects what a GDX file cannot hold, naming the symbol or label.
    static func validate(_ file: GDXFile) throws {
        var seen: Set<String> = []
        for s in file.symbols {
            guard !s.name.isEmpty, s.name.utf8.count <= 63 else {
                throw GDXError(.invalidData, "symbol name '\(s.name)' is empty or longer than 63 characters")
            }
            guard seen.insert(s.name.lowercased()).inserted else {
                throw GDXError(.invalidData, "symbol '\(s.name)' appears twice")
            }
            guard s.dimension == s.domain.count, s.dimension <= GDXFormat.maxDimension else {
                throw GDXError(.invalidData, "symbol '\(s.name)' has \(s.dimension) dimensions; GDX files hold at most \(GDXFormat.maxDimension)")
            }
            for r in s.records {
                guard r.keys.count == s.dimension, r.values.count == s.kind.valueCount else {
                    throw GDXError(.invalidData, "a record of '\(s.name)' has \(r.keys.count) keys and \(r.values.count) values; expected \(s.dimension) and \(s.kind.valueCount)")
                }
                guard r.keys.allSatisfy({ $0 >= 1 && $0 <= file.uels.count }) else {
                    throw GDXError(.invalidData, "a record of '\(s.name)' refers to a label that is not in the file's label list")
                }
            }
        }
        if let long = file.uels.first(where: { $0.utf8.count > 63 }) {
            throw GDXError(.invalidData, "label '\(long.prefix(70))…' is longer than 63 characters")
        }
    }

    /// Writes one symbol's records, sorted by keys, each key tuple coded against the previous one.
    private static func writeData(of s: GDXSymbol, to w: inout GDXByteWriter) {
        let dim = s.dimension
        // sorted by keys; of records with equal keys the first is kept, as GAMS's library does
        var records: [GDXRecord] = []
        for r in s.records.enumerated().sorted(by: { a, b in
            a.element.keys.lexicographicallyPrecedes(b.element.keys) || (a.element.keys == b.element.keys && a.offset < b.offset)
        }).map(\.element) where records.last?.keys != r.keys {
            records.append(r)
        }
        w.string(GDXFormat.dataMarker)
        w.byte(UInt8(dim))
        w.int32(Int32(records.count))
        var minKeys = [Int](repeating: Int(Int32.max), count: dim)
        var maxKeys = [Int](repeating: 0, count: dim)
        for r in records {
            for d in 0..<dim {
                minKeys[d] = min(minKeys[d], r.keys[d])
                maxKeys[d] = max(maxKeys[d], r.keys[d])
            }
        }
        for d in 0..<dim {
            w.int32(Int32(minKeys[d]))
            w.int32(Int32(maxKeys[d]))
        }
        let widths = (0..<dim).map { GDXFormat.keyWidth(range: maxKeys[$0] - minKeys[$0] + 1) }
        // a code byte above `dim` means "last key advanced by (byte - dim)"; 255 ends the data
        let largestStep = 255 - dim - 1
        var last = [Int](repeating: GDXFormat.initialKey, count: dim)
        for r in records {
            let first = (0..<dim).first { r.keys[$0] != last[$0] }
            if let first {
                let step = r.keys[first] - last[first]
                if first == dim - 1 && step <= largestStep {
                    w.byte(UInt8(dim + step))
                } else {
                    w.byte(UInt8(first + 1))
                    for d in first..<dim { writeKey(r.keys[d] - minKeys[d], width: widths[d], to: &w) }
                }
                last = r.keys
            } else {
                w.byte(1)  // a scalar's single record
            }
            for v in r.values { writeValue(v, to: &w) }
        }
        w.byte(GDXFormat.endOfData)
    }

    private static func writeKey(_ k: Int, width: Int, to w: inout GDXByteWriter) {
        switch width {
        case 1: w.byte(UInt8(k))
        case 2: w.word(UInt16(k))
        default: w.int32(Int32(k))
        }
    }

    private static func writeValue(_ v: GDXValue, to w: inout GDXByteWriter) {
        let (code, x) = GDXValueCode.encode(v)
        w.byte(code.rawValue)
        if let x { w.double(x) }
    }

    /// User info as GDX files store it: the variable type, the equation type plus 53, the
    /// aliased set's symbol number (0: the universe).
    private static func userInfo(_ s: GDXSymbol, numbers: [String: Int]) -> Int32 {
        switch s.kind {
        case .variable: return s.variableType.rawValue
        case .equation: return s.equationType.rawValue + GDXEquationType.userInfoBase
        case .alias: return Int32(numbers[(s.aliasTarget ?? "*").lowercased()] ?? 0)
        case .set, .parameter: return 0
        }
    }

    private static func writeSymbolTable(_ file: GDXFile, dataPositions: [Int], domainSymbols: [[Int]?],
                                         to w: inout GDXByteWriter) {
        let numbers = symbolNumbers(file)
        w.string(GDXFormat.symbolMarker)
        w.int32(Int32(file.symbols.count))
        for (k, s) in file.symbols.enumerated() {
            w.string(s.name)
            w.int64(Int64(dataPositions[k]))
            w.int32(Int32(aliasDimension(s, file)))
            w.byte(s.kind.rawValue)
            w.int32(userInfo(s, numbers: numbers))
            w.int32(s.kind == .alias ? 0 : Int32(Set(s.records.map(\.keys)).count))
            w.int32(0)  // errors
            let hasText = (s.kind == .set) && s.records.contains { $0.textIndex != 0 }
            w.byte(hasText ? 1 : 0)
            w.string(s.kind == .alias && s.text.isEmpty ? "Aliased with \(s.aliasTarget ?? "*")" : s.text)
            w.byte(0)  // not compressed
            if let refs = domainSymbols[k] {
                w.byte(1)
                for r in refs { w.int32(Int32(r)) }
            } else {
                w.byte(0)
            }
            w.int32(Int32(s.comments.count))
            for c in s.comments { w.string(c) }
        }
        w.string(GDXFormat.symbolMarker)
    }

    /// An alias has its set's dimension (1 for the universe).
    private static func aliasDimension(_ s: GDXSymbol, _ file: GDXFile) -> Int {
        guard s.kind == .alias else { return s.dimension }
        guard let target = s.aliasTarget, target != "*", let t = file.symbol(named: target) else { return 1 }
        return t.dimension
    }

    /// Symbol numbers (1-based) by lower-cased name.
    private static func symbolNumbers(_ file: GDXFile) -> [String: Int] {
        var numbers: [String: Int] = [:]
        for (k, s) in file.symbols.enumerated() { numbers[s.name.lowercased()] = k + 1 }
        return numbers
    }

    /// Per symbol: the symbol numbers of its domain when every domain is the universe or a
    /// one-dimensional set or alias written before it (a regular domain, as GAMS writes it),
    /// and otherwise the indices of its domain names in the domain-name list (a relaxed domain).
    private struct DomainReferences {
        var symbols: [[Int]?]
        var relaxed: [(symbol: Int, names: [Int])]
        var names: [String]
    }

    private static func domainReferences(_ file: GDXFile) -> DomainReferences {
        var refs = DomainReferences(symbols: [], relaxed: [], names: [])
        var nameIndex: [String: Int] = [:]
        var known: [String: Int] = [:]
        for (k, s) in file.symbols.enumerated() {
            defer {
                if (s.kind == .set && s.dimension == 1) || s.kind == .alias { known[s.name.lowercased()] = k + 1 }
            }
            guard s.kind != .alias, s.dimension > 0, s.domain.contains(where: { $0 != "*" }) else {
                refs.symbols.append(nil)
                continue
            }
            let numbers = s.domain.map { $0 == "*" ? 0 : known[$0.lowercased()] }
            if numbers.allSatisfy({ $0 != nil }) {
                refs.symbols.append(numbers.map { $0! })
                continue
            }
            refs.symbols.append(nil)
            let ids: [Int] = s.domain.map { name in
                if name == "*" || name.isEmpty { return 0 }
                if let i = nameIndex[name.lowercased()] { return i }
                refs.names.append(name)
                nameIndex[name.lowercased()] = refs.names.count
                return refs.names.count
            }
            refs.relaxed.append((k + 1, ids))
        }
        return refs
    }

    private static func writeRelaxedDomains(_ refs: DomainReferences, to w: inout GDXByteWriter) {
        w.string(GDXFormat.domainMarker)
        w.int32(Int32(refs.names.count))
        for n in refs.names { w.string(n) }
        w.string(GDXFormat.domainMarker)
        for r in refs.relaxed {
            w.int32(Int32(r.symbol))
            for i in r.names { w.int32(Int32(i)) }
        }
        w.int32(-1)
        w.string(GDXFormat.domainMarker)
    }
}
