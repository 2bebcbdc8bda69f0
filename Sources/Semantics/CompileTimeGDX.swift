import Diagnostics
import GDX
import GDXBridge
import IR
import Syntax

extension Program {
    /// The GDX equation type of each equation the program defines, by lower-cased name.
    public var gdxEquationTypes: [String: GDXEquationType] {
        var types: [String: GDXEquationType] = [:]
        for d in definitions.values {
            let t: GDXEquationType
            switch d.relation {
            case .eq: t = .equal
            case .le: t = .less
            case .ge: t = .greater
            case .free: t = .nonbinding
            }
            types[d.symbol.name.lowercased()] = t
        }
        return types
    }
}

/// The GDX file `$gdxIn` opened: its path and its symbols as enm symbols.
struct OpenGDXFile {
    var path: String
    var shownName: String
    var symbols: [String: Symbol]
}

extension Compiler {
    /// `$gdxIn file` opens a GDX file (a relative name is found next to the file that names it,
    /// as `$include` files are); `$load` and its variants load symbols from it, in statement
    /// order like data statements: a bare declaration takes the file's dimension, a symbol
    /// that has data is refused (`$load`, `$loadDC`), replaced (`$loadR`) or merged into
    /// (`$loadM`), and labels outside the domain are dropped with a warning (`$load`) or are
    /// errors (`$loadDC`).
    func compileTimeGDX(_ g: CompileTimeGDX) {
        switch g.kind {
        case .gdxIn:
            gdxIn = nil
            if !g.file.isEmpty { openGDX(g) }
            return
        case .gdxOut:
            gdxOut = g.file.isEmpty ? nil : gdxPath(g)
            return
        case .unload:
            unloadGDX(g)
            return
        default:
            break
        }
        guard let file = gdxIn else {
            diagnostics.error(.E3034, "\(g.kind.rawValue) needs a GDX file opened with $gdxIn before it", at: g.span,
                              help: ["write '$gdxIn data.gdx' on a line before"])
            return
        }
        for item in g.items {
            guard let target = lookup(item.name) else { continue }
            let sourceName = item.source ?? item.name.text
            guard let source = file.symbols[sourceName.lowercased()] else {
                diagnostics.error(.E3032, "'\(file.shownName)' has no symbol '\(sourceName)'", at: item.name.span)
                continue
            }
            load(source, into: target, item, g.kind, file: file)
        }
    }

    /// The file a `$gdxIn`/`$gdxOut` line names: as shown in messages, and where it is (next to
    /// the file that names it, as `$include` files are; `.gdx` added to a name without one).
    private func gdxPath(_ g: CompileTimeGDX) -> (shown: String, path: String) {
        let shown = Paths.gdxFileName(g.file)
        return (shown, Paths.join(g.span.file.map { Paths.directory(of: $0.path) } ?? "", shown))
    }

    /// `$unload a b` (every symbol with none named): the symbols' data as compiled so far, to the
    /// file `$gdxOut` named.
    private func unloadGDX(_ g: CompileTimeGDX) {
        guard let (shown, path) = gdxOut else {
            diagnostics.error(.E3034, "$unload needs a GDX file named with $gdxOut before it", at: g.span,
                              help: ["write '$gdxOut data.gdx' on a line before"])
            return
        }
        var symbols: [Symbol] = []
        for item in g.items {
            guard let s = lookup(item.name) else { return }
            if item.source != nil {
                diagnostics.error(.E0010, "renaming a symbol in $unload is not supported", at: item.name.span)
                return
            }
            symbols.append(s)
        }
        if g.items.isEmpty { symbols = program.symbols.filter { $0.kind != .model } }
        let file = GDXBridge.export(symbols.filter { $0.kind != .model }, labels: program.labels,
                                    equationTypes: program.gdxEquationTypes)
        do {
            try GDXWriter.write(file, to: path)
        } catch let e as GDXError {
            diagnostics.error(e.diagnosticCode, "$unload: \(e.message)", at: g.span)
        } catch {
            diagnostics.error(.E6004, "$unload: cannot write '\(shown)': \(error)", at: g.span)
        }
    }

    private func openGDX(_ g: CompileTimeGDX) {
        let (shown, path) = gdxPath(g)
        do {
            let read = try GDXReader.read(path: path)
            gdxIn = OpenGDXFile(path: path, shownName: shown,
                                symbols: try GDXBridge.symbolsByName(read, labels: program.labels))
        } catch let e as GDXError {
            diagnostics.error(e.diagnosticCode, "$gdxIn: \(e.message)", at: g.span)
        } catch {
            diagnostics.error(.E6003, "$gdxIn: cannot read '\(shown)': \(error)", at: g.span)
        }
    }

    private func load(_ source: Symbol, into target: Symbol, _ item: CompileTimeGDX.Item, _ kind: CompileTimeGDX.Kind,
                      file: OpenGDXFile) {
        guard source.kind == target.kind, learnDimension(target, source.dimension) else {
            diagnostics.error(.E3032, "'\(target.name)' is a \(target.dimension)-dimensional \(target.kind.rawValue), but '\(file.shownName)' holds '\(source.name)' as a \(source.dimension)-dimensional \(source.kind.rawValue)",
                              at: item.name.span)
            return
        }
        if dataStatements.contains(target.id) {
            switch kind {
            case .loadR, .loadDCR:
                GDXBridge.clearData(target)
            case .loadM, .loadDCM:
                break
            default:
                diagnostics.error(.E1005, "'\(target.name)' already has data; its data is given again", at: item.name.span,
                                  label: "data given again",
                                  help: ["write $loadM to merge the file's data, or $loadR to replace it"])
                return
            }
        }
        var outside = 0
        var firstOutside: String? = nil
        GDXBridge.copyRecords(source, into: target) { tuple in
            guard let (k, d) = GDXBridge.outsideDomain(tuple, of: target) else { return true }
            outside += 1
            if firstOutside == nil { firstOutside = "'\(program.labels.name(tuple[k]))' is not in set '\(d.name)'" }
            return false
        }
        dataStatements.insert(target.id)
        target.hasData = true
        guard let firstOutside else { return }
        if kind.checksDomains {
            diagnostics.error(.E3033, "\(outside) record\(outside == 1 ? "" : "s") of '\(source.name)' in '\(file.shownName)' \(outside == 1 ? "lies" : "lie") outside the domain of '\(target.name)': \(firstOutside)",
                              at: item.name.span, help: ["$load drops such records; $loadDC reports them"])
        } else {
            diagnostics.warning(.W3032, "\(outside) record\(outside == 1 ? "" : "s") of '\(source.name)' in '\(file.shownName)' \(outside == 1 ? "lies" : "lie") outside the domain of '\(target.name)' and \(outside == 1 ? "was" : "were") not loaded: \(firstOutside)",
                                at: item.name.span)
        }
    }
}
