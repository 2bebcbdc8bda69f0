import Diagnostics
import Foundation

/// Decodes GDX files (format versions 6 and 7, compressed or not) into a ``GDXFile``.
///
/// Every read is checked against the end of the data, so a truncated or foreign file gives
/// a ``GDXError`` and never a trap or a hang.
public enum GDXReader {
    /// Reads the GDX file at `path`.
    public static func read(path: String) throws -> GDXFile {
        // a device or a FIFO would be read forever (or block): refused as by every reader
        if let why = InputFile.problem(path: path) { throw GDXError(.unreadable, "cannot read '\(path)': it \(why)") }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let why = !exists ? "no such file" : isFolder.boolValue ? "it is a folder" : "permission denied"
            throw GDXError(.unreadable, "cannot read '\(path)': \(why)")
        }
        return try decode([UInt8](data))
    }

    /// Decodes the bytes of a GDX file.
    public static func decode(_ bytes: [UInt8]) throws -> GDXFile {
        let preamble = GDXFormat.byteOrderPreamble
        guard bytes.count >= preamble.count + 1, bytes[preamble.count] == GDXFormat.headerNumber else {
            throw GDXError(.notGDX, "not a GDX file (it does not start with the GDX header)")
        }
        guard Array(bytes[0..<preamble.count]) == preamble else {
            throw GDXError(.unsupported, "a GDX file written with another byte order or number format; only little-endian files are read")
        }
        var r = try GDXByteReader(bytes, at: preamble.count + 1)
        guard try r.string().uppercased() == GDXFormat.headerId else {
            throw GDXError(.notGDX, "not a GDX file (the 'GAMSGDX' mark is missing)")
        }
        let version = try r.int32()
        guard version >= 6 && version <= GDXFormat.version else {
            throw GDXError(.unsupported, "GDX format version \(version) is not supported (versions 6 and 7 are)")
        }
        let compressed = try r.int32() > 0
        var file = GDXFile(producer: "", auditLine: try r.string())
        file.producer = try r.string()
        guard try r.int32() == GDXFormat.indexMarker else {
            throw GDXError(.malformed, "the section index of the GDX file is missing")
        }
        let symbolPosition = try position(&r, bytes)
        let uelPosition = try position(&r, bytes)
        let setTextPosition = try position(&r, bytes)
        var acronymPosition = 0, domainPosition = 0
        if version >= 7 {
            acronymPosition = try position(&r, bytes)
            _ = try r.int64()  // where the next symbol would be written
            domainPosition = try position(&r, bytes)
        }
        var table = try readSymbolTable(bytes, at: symbolPosition, compressed: compressed, version: version)
        try readUELs(bytes, at: uelPosition, compressed: compressed, into: &file)
        try readSetTexts(bytes, at: setTextPosition, compressed: compressed, into: &file)
        if version >= 7 {
            file.acronyms = try readAcronyms(bytes, at: acronymPosition, compressed: compressed)
            if domainPosition > 0 {
                try readRelaxedDomains(bytes, at: domainPosition, compressed: compressed, into: &table)
            }
        }
        for k in table.indices where table[k].symbol.kind != .alias {
            table[k].symbol.records = try readRecords(bytes, entry: table[k], compressed: compressed)
        }
        resolveNames(&table)
        file.symbols = table.map(\.symbol)
        return file
    }

    /// One symbol-table entry, with what is needed to find and decode its data.
    struct Entry {
        var symbol: GDXSymbol
        var dataPosition: Int
        var recordCount: Int
        var compressed: Bool
        var userInfo: Int32
        var domainSymbols: [Int]?
        var domainNames: [String]?
    }

    private static func position(_ r: inout GDXByteReader, _ bytes: [UInt8]) throws -> Int {
        let p = try r.int64()
        guard p >= 0 && p <= Int64(bytes.count) else {
            throw GDXError(.malformed, "the section index points past the end of the file (truncated?)")
        }
        return Int(p)
    }

    private static func count(_ r: inout GDXByteReader, _ what: String, limit: Int) throws -> Int {
        let n = Int(try r.int32())
        // every entry takes at least one byte: a larger count means a damaged file
        guard n >= 0 && n <= limit else { throw GDXError(.malformed, "the \(what) count \(n) is impossible for this file") }
        return n
    }

    private static func readSymbolTable(_ bytes: [UInt8], at p: Int, compressed: Bool, version: Int32) throws -> [Entry] {
        var r = try GDXByteReader(bytes, at: p, compressed: compressed)
        try r.expect(GDXFormat.symbolMarker, "symbol table")
        let n = try count(&r, "symbol", limit: compressed ? Int(Int32.max) : bytes.count)
        var entries: [Entry] = []
        for _ in 0..<n {
            let name = try r.string()
            let position = Int(try r.int64())
            let dim = Int(try r.int32())
            guard dim >= 0 && dim <= GDXFormat.maxDimension else {
                throw GDXError(.malformed, "symbol '\(name)' has \(dim) dimensions")
            }
            let typeByte = try r.byte()
            guard let kind = GDXSymbolKind(rawValue: typeByte) else {
                throw GDXError(.malformed, "symbol '\(name)' has the unknown type \(typeByte)")
            }
            let userInfo = try r.int32()
            let recordCount = Int(try r.int32())
            _ = try r.int32()  // errors
            _ = try r.byte()  // has element texts
            let text = try r.string()
            let isCompressed = try r.byte() != 0
            var domainSymbols: [Int]? = nil
            if version >= 7 {
                if try r.byte() != 0 { domainSymbols = try (0..<dim).map { _ in Int(try r.int32()) } }
                let comments = try count(&r, "comment", limit: compressed ? Int(Int32.max) : bytes.count)
                var lines: [String] = []
                for _ in 0..<comments { lines.append(try r.string()) }
                var s = GDXSymbol(name: name, kind: kind, domain: Array(repeating: "*", count: dim), text: text, comments: lines)
                apply(userInfo, to: &s)
                entries.append(Entry(symbol: s, dataPosition: position, recordCount: recordCount,
                                     compressed: isCompressed, userInfo: userInfo, domainSymbols: domainSymbols))
            } else {
                var s = GDXSymbol(name: name, kind: kind, domain: Array(repeating: "*", count: dim), text: text)
                apply(userInfo, to: &s)
                entries.append(Entry(symbol: s, dataPosition: position, recordCount: recordCount,
                                     compressed: isCompressed, userInfo: userInfo))
            }
        }
        try r.expect(GDXFormat.symbolMarker, "symbol table end")
        return entries
    }

    /// Sets the variable or equation type a symbol's user info stores.
    private static func apply(_ userInfo: Int32, to s: inout GDXSymbol) {
        switch s.kind {
        case .variable: s.variableType = GDXVariableType(rawValue: userInfo) ?? .free
        case .equation:
            s.equationType = GDXEquationType(rawValue: userInfo - GDXEquationType.userInfoBase)
                ?? GDXEquationType(rawValue: userInfo) ?? .equal
        case .set, .parameter, .alias: break
        }
    }

    private static func readUELs(_ bytes: [UInt8], at p: Int, compressed: Bool, into file: inout GDXFile) throws {
        var r = try GDXByteReader(bytes, at: p, compressed: compressed)
        try r.expect(GDXFormat.uelMarker, "label list")
        let n = try count(&r, "label", limit: compressed ? Int(Int32.max) : bytes.count)
        for _ in 0..<n { file.appendStoredUEL(try r.string()) }
        try r.expect(GDXFormat.uelMarker, "label list end")
    }

    private static func readSetTexts(_ bytes: [UInt8], at p: Int, compressed: Bool, into file: inout GDXFile) throws {
        var r = try GDXByteReader(bytes, at: p, compressed: compressed)
        try r.expect(GDXFormat.setTextMarker, "element text")
        let n = try count(&r, "element text", limit: compressed ? Int(Int32.max) : bytes.count)
        file.resetSetTexts()
        for _ in 0..<n { file.appendStoredSetText(try r.string()) }
        if n == 0 { file.appendStoredSetText("") }
        try r.expect(GDXFormat.setTextMarker, "element text end")
    }

    private static func readAcronyms(_ bytes: [UInt8], at p: Int, compressed: Bool) throws -> [GDXAcronym] {
        var r = try GDXByteReader(bytes, at: p, compressed: compressed)
        try r.expect(GDXFormat.acronymMarker, "acronym")
        let n = try count(&r, "acronym", limit: compressed ? Int(Int32.max) : bytes.count)
        var out: [GDXAcronym] = []
        for _ in 0..<n {
            let name = try r.string()
            let text = try r.string()
            out.append(GDXAcronym(name: name, text: text, index: Int(try r.int32())))
        }
        try r.expect(GDXFormat.acronymMarker, "acronym end")
        return out
    }

    private static func readRelaxedDomains(_ bytes: [UInt8], at p: Int, compressed: Bool, into table: inout [Entry]) throws {
        var r = try GDXByteReader(bytes, at: p, compressed: compressed)
        try r.expect(GDXFormat.domainMarker, "domain")
        let n = try count(&r, "domain name", limit: compressed ? Int(Int32.max) : bytes.count)
        var names: [String] = []
        for _ in 0..<n { names.append(try r.string()) }
        try r.expect(GDXFormat.domainMarker, "domain list end")
        while true {
            let number = Int(try r.int32())
            if number <= 0 { break }
            guard number <= table.count else {
                throw GDXError(.malformed, "a relaxed domain refers to symbol \(number); the file has \(table.count)")
            }
            let dim = table[number - 1].symbol.dimension
            table[number - 1].domainNames = try (0..<dim).map { _ in
                let i = Int(try r.int32())
                return i >= 1 && i <= names.count ? names[i - 1] : "*"
            }
        }
        try r.expect(GDXFormat.domainMarker, "domain end")
    }

    /// Fills in domain names and alias targets from symbol numbers.
    private static func resolveNames(_ table: inout [Entry]) {
        let names = table.map(\.symbol.name)
        func name(_ k: Int) -> String { k >= 1 && k <= names.count ? names[k - 1] : "*" }
        for k in table.indices {
            if table[k].symbol.kind == .alias {
                table[k].symbol.aliasTarget = name(Int(table[k].userInfo))
            } else if let relaxed = table[k].domainNames {
                table[k].symbol.domain = relaxed
            } else if let numbers = table[k].domainSymbols {
                table[k].symbol.domain = numbers.map(name)
            }
        }
    }

    /// Decodes one symbol's records.
    private static func readRecords(_ bytes: [UInt8], entry e: Entry, compressed: Bool) throws -> [GDXRecord] {
        let s = e.symbol
        let dim = s.dimension
        var r = try GDXByteReader(bytes, at: e.dataPosition, compressed: compressed && e.compressed)
        try r.expect(GDXFormat.dataMarker, "data of '\(s.name)'")
        guard Int(try r.byte()) == dim else {
            throw GDXError(.malformed, "the data of '\(s.name)' has the wrong dimension")
        }
        _ = try r.int32()  // record count (the symbol table has it too)
        if dim == 0 && e.recordCount == 0 { return [] }
        var minKeys: [Int] = [], widths: [Int] = []
        for _ in 0..<dim {
            let lo = Int(try r.int32()), hi = Int(try r.int32())
            minKeys.append(lo)
            widths.append(GDXFormat.keyWidth(range: hi - lo + 1))
        }
        var keys = [Int](repeating: GDXFormat.initialKey, count: dim)
        var records: [GDXRecord] = []
        records.reserveCapacity(min(e.recordCount, bytes.count))
        while true {
            let code = Int(try r.byte())
            if code == Int(GDXFormat.endOfData) { break }
            if code > dim {
                if dim > 0 { keys[dim - 1] += code - dim }
            } else {
                guard code >= 1 else { throw GDXError(.malformed, "a record of '\(s.name)' has the bad key code 0") }
                for d in (code - 1)..<dim { keys[d] = try readKey(&r, width: widths[d]) + minKeys[d] }
            }
            var values: [GDXValue] = []
            for _ in 0..<s.kind.valueCount { values.append(try readValue(&r, s.name)) }
            records.append(GDXRecord(keys: keys, values: values))
        }
        return records
    }

    private static func readKey(_ r: inout GDXByteReader, width: Int) throws -> Int {
        switch width {
        case 1: return Int(try r.byte())
        case 2: return Int(try r.word())
        default: return Int(try r.int32())
        }
    }

    private static func readValue(_ r: inout GDXByteReader, _ symbol: String) throws -> GDXValue {
        let b = try r.byte()
        guard let code = GDXValueCode(rawValue: b) else {
            throw GDXError(.malformed, "a record of '\(symbol)' has the bad value code \(b)")
        }
        return code == .normal ? GDXValueCode.decode(try r.double()) : code.fixedValue
    }
}
