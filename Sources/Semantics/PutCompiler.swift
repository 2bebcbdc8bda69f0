import Diagnostics
import IR
import Syntax

/// What the compiler knows of put files.
struct PutFilesState {
    var byName: [String: PutFileR] = [:]
    /// Whether a put statement named a file already (in source order).
    var fileSelected = false
}

extension Compiler {
    /// The system items a put statement can write.
    static let putSystemItems: Set<String> = ["date", "time", "title", "ifile"]

    /// `File f 'text' / name /, ...`: declares the files (their attributes get their defaults
    /// where the statement runs).
    func compileFileStatement(_ decls: [FileDeclaration], _ span: SourceSpan) -> StatementR? {
        if bodyDepth > 0 {
            diagnostics.error(.E2060, "a file can only be declared outside loops and if statements", at: span,
                              help: ["declare the file before the loop and select it inside with 'put \(decls.first?.name.text ?? "f");'"])
            return nil
        }
        var files: [PutFileR] = []
        for d in decls {
            if clashesWithPutFile(d.name) { continue }
            if let old = byName[d.name.key] {
                diagnostics.error(.E1002, "'\(d.name.text)' is already declared", at: d.name.span, label: "declared again here",
                                  notes: ["'\(old.name)' was declared as a \(old.kind.rawValue) at \(declarationPlace(old, seenFrom: d.name.span))"])
                continue
            }
            let file = PutFileR(name: d.name.text, text: d.text, path: d.path ?? d.name.text + ".put",
                                index: putFiles.byName.count, span: d.name.span)
            putFiles.byName[d.name.key] = file
            files.append(file)
        }
        return files.isEmpty ? nil : .declareFile(files)
    }

    /// Reports a symbol declared with the name of a put file; true when it is one.
    func clashesWithPutFile(_ name: Name) -> Bool {
        guard let file = putFiles.byName[name.key] else { return false }
        diagnostics.error(.E1002, "'\(name.text)' is already declared", at: name.span, label: "declared again here",
                          notes: ["'\(file.name)' was declared as a file at line \(file.span.line)"])
        return true
    }

    /// `put[$cond] items;` and `putclose items;`.
    func compilePut(_ p: PutStatement) -> StatementR? {
        var ok = true
        var condition: Node? = nil
        if let c = p.condition {
            condition = resolveData(c)
            ok = condition != nil
        }
        var items: [PutItemR] = []
        for item in p.items {
            guard let r = compilePutItem(item) else { ok = false; continue }
            if case .selectFile = r {
                putFiles.fileSelected = true
            } else if !putFiles.fileSelected && ok {
                reportNoPutFile(item.span)
                putFiles.fileSelected = true  // reported once
                ok = false
            }
            items.append(r)
        }
        if p.closes && !putFiles.fileSelected && ok {
            reportNoPutFile(p.span)
            putFiles.fileSelected = true
            ok = false
        }
        return ok ? .put(PutR(closes: p.closes, condition: condition, items: items, span: p.span)) : nil
    }

    func reportNoPutFile(_ span: SourceSpan) {
        let first = putFiles.byName.values.min { $0.span.line < $1.span.line }
        diagnostics.error(.E2061, "no put file is selected", at: span, label: "written to no file",
                          help: [first.map { "name the file first, e.g. 'put \($0.name);' or 'put \($0.name) ...'" }
                                 ?? "declare a file, e.g. 'File report / report.txt /;', and name it in a put statement"])
    }

    func compilePutItem(_ item: PutItem) -> PutItemR? {
        switch item.kind {
        case .newLine: return .newLine
        case .column(let e): return resolveData(e).map { .column($0) }
        case .row(let e): return resolveData(e).map { .row($0) }
        case .text(let s):
            return compilePutCondition(item).map { .write(.text(s), item.format, condition: $0) }
        case .value(let e):
            if case .ref(let r) = e, r.attribute == nil, r.args == nil, let file = putFiles.byName[r.name.key] {
                return .selectFile(file)
            }
            guard let value = compilePutValue(e), let condition = compilePutCondition(item) else { return nil }
            return .write(value, item.format, condition: condition)
        }
    }

    /// The item's condition: `.some(nil)` without one, nil when it has errors.
    func compilePutCondition(_ item: PutItem) -> Node?? {
        guard let c = item.condition else { return .some(nil) }
        guard let n = resolveData(c) else { return nil }
        return .some(n)
    }

    /// A value item: a text attribute, a system item, a set value or a number.
    func compilePutValue(_ e: Expr) -> PutValueR? {
        guard case .ref(let r) = e else { return resolveData(e).map { .number($0) } }
        if r.name.key == "system", byName["system"] == nil {
            guard let a = r.attribute, r.args == nil, Compiler.putSystemItems.contains(a.key) else {
                diagnostics.error(.E2065, "unknown system item '\(r.attribute.map { "system.\($0.text)" } ?? "system")'",
                                  at: r.span, help: ["put writes system.date, system.time, system.title and system.ifile"])
                return nil
            }
            return .system(a.key)
        }
        if let a = r.attribute, ["tl", "te", "ts"].contains(a.key), putFiles.byName[r.name.key] == nil {
            return compileTextAttribute(r, a)
        }
        if r.attribute == nil, r.args != nil, let s = byName[r.name.key], s.kind == .set {
            referenced.insert(s.id)
            let plain = Reference(name: r.name, attribute: nil, args: r.args, span: r.span)
            return resolveArgs(s, plain).map { .setValue(s, $0) }
        }
        return resolveData(e).map { .number($0) }
    }

    /// `i.tl` (label), `i.te(i)` (element text), `x.ts` (explanatory text).
    func compileTextAttribute(_ r: Reference, _ a: Name) -> PutValueR? {
        guard let sym = lookup(r.name) else { return nil }
        if a.key == "ts" { return .text(sym.text) }
        guard sym.kind == .set else {
            diagnostics.error(.E2062, "'.\(a.text)' needs a set, but '\(sym.name)' is a \(sym.kind.rawValue)", at: a.span,
                              help: [a.key == "tl" ? "write the label of a set index that a loop controls, e.g. 'i.tl'"
                                                   : "write the element text of a set element, e.g. 'i.te(i)'"])
            return nil
        }
        if a.key == "te", r.args != nil {
            let plain = Reference(name: r.name, attribute: nil, args: r.args, span: r.span)
            return resolveArgs(sym, plain).map { .elementText(sym, $0) }
        }
        learnDimension(sym, 1)
        guard r.args == nil, sym.dimension == 1 else {
            diagnostics.error(.E2062, "'.\(a.text)' of '\(sym.name)' needs a one-dimensional set written without indices",
                              at: r.span, help: ["'\(sym.name).tl' is the label of the element a loop over '\(sym.name)' is at"])
            return nil
        }
        guard isControlled(sym.id) else {
            diagnostics.error(.E2013, "uncontrolled set '\(sym.name)' in '\(sym.name).\(a.text)'", at: r.name.span,
                              label: "not controlled by a loop or sum")
            return nil
        }
        let index = ResolvedIndex.slot(sym.id, sym, shift: nil, negative: false, circular: false)
        return a.key == "tl" ? .label(index) : .elementText(sym, [index])
    }

    /// `f.nd` read as a value.
    func resolvePutFileAttribute(_ file: PutFileR, _ r: Reference) -> Node? {
        guard let a = putFileAttribute(file, r) else { return nil }
        return Node(.modelAttribute(file.attributes, a.rawValue), r.span)
    }

    /// The attribute a reference to a file names; reports a missing or unknown one.
    func putFileAttribute(_ file: PutFileR, _ r: Reference) -> PutFileAttribute? {
        guard let a = r.attribute else {
            diagnostics.error(.E2063, "file '\(file.name)' can only be used through an attribute such as '\(file.name).nd'",
                              at: r.span)
            return nil
        }
        guard let attribute = PutFileAttribute(rawValue: a.key), r.args == nil else {
            diagnostics.error(.E2063, "'\(a.text)' is not an attribute of file '\(file.name)'", at: r.args == nil ? a.span : r.span,
                              help: ["file attributes are " + PutFileAttribute.allCases.map { ".\($0.rawValue)" }.joined(separator: " ")])
            return nil
        }
        return attribute
    }

    /// `f.nd = 3;`: an assignment to a file attribute.
    func compilePutFileAssignment(_ file: PutFileR, _ a: Assignment) -> StatementR? {
        guard let attribute = putFileAttribute(file, a.target) else { return nil }
        guard attribute.isAssignable, a.condition == nil else {
            diagnostics.error(.E2064, a.condition == nil ? "'\(file.name).\(attribute.rawValue)' cannot be assigned"
                                                          : "an assignment to '\(file.name).\(attribute.rawValue)' takes no '$' condition",
                              at: a.target.span, help: a.condition == nil ? [] : ["write 'if(cond, \(file.name).\(attribute.rawValue) = ...);'"])
            return nil
        }
        guard let value = resolveData(a.value) else { return nil }
        return .assign(AssignmentR(target: .modelAttribute(file.attributes, attribute.rawValue), args: [],
                                   domain: ResolvedDomain(items: [], condition: nil, span: a.span), value: value, span: a.span))
    }
}
