import Diagnostics
import IR
import Syntax

/// The attributes of a put file (`f.nd`, `f.pc`, ...) with GAMS's defaults.
public enum PutFileAttribute: String, CaseIterable, Sendable {
    /// Append to an existing file (1) or replace it (0), decided when the file is opened.
    case ap
    /// The cursor: current column and row (1-based); assigning them moves the cursor.
    case cc, cr
    /// Justification of labels, numbers, set values and texts: 1 right, 2 left, 3 centred.
    case lj, nj, sj, tj
    /// Field widths of labels, numbers, set values and texts (0: as wide as the item).
    case lw, nw, sw, tw
    /// Decimals of numbers.
    case nd
    /// Number representation: 0 fixed or scientific, 1 rounded to fit (default), 2 scientific,
    /// 3 as many decimals as fit, 4 shortest form with up to 15 significant digits.
    case nr
    /// Numbers smaller than this in magnitude are written as zero.
    case nz
    /// Page control: 2 continuous (default), 4 blank-, 5 comma-, 6 tab-delimited with quoted
    /// texts, 7 lines filled to the page width, 8 blank-delimited without quotes.
    case pc
    /// Page size (lines) and page width (columns).
    case ps, pw
    /// Missing element text (`.te`): 0 blank, otherwise the element's label.
    case tf
    /// The number of lines written to the current page (read only).
    case ll
    /// enm's hash-chained ledger (1): every line written is a JSON object that becomes a record
    /// with `seq`, `prev` and `hash` when the file is written (`enm ledger verify` checks it).
    case ledger

    /// The value the attribute has until the model sets it.
    public var defaultValue: Double {
        switch self {
        case .ap, .ll, .ledger: return 0
        case .cc, .cr, .nj, .sj, .nr: return 1
        case .lj, .tj, .nd, .pc, .tf: return 2
        case .lw, .nw, .sw: return 12
        case .tw: return 0
        case .nz: return 1e-5
        case .ps: return 60
        case .pw: return 255
        }
    }

    /// Whether a statement may assign the attribute.
    public var isAssignable: Bool { self != .ll }
}

/// A declared put file.
public final class PutFileR {
    public let name: String
    public let text: String
    /// The external file name as declared, or `<name>.put`.
    public let path: String
    /// Stands for the file where its attributes are read and assigned (`f.nd`): a symbol
    /// outside the program's symbol table whose id is below zero, so that the attributes are
    /// kept beside the models' attributes without clashing with them.
    public let attributes: Symbol
    /// Where the file is declared.
    public let span: SourceSpan

    public init(name: String, text: String, path: String, index: Int, span: SourceSpan) {
        self.name = name
        self.text = text
        self.path = path
        self.attributes = Symbol(id: -1 - index, name: name, kind: .model, domain: [], text: text, line: span.line)
        self.span = span
    }
}

/// What a put item writes.
public enum PutValueR {
    /// A quoted text or an explanatory text (`x.ts`), a text field.
    case text(String)
    /// A number, a number field.
    case number(Node)
    /// The label of a controlled index (`i.tl`), a label field.
    case label(ResolvedIndex)
    /// The element text of a set element (`i.te(i)`), a text field.
    case elementText(Symbol, [ResolvedIndex])
    /// Whether a set holds an element (`s(i)`), a set value field.
    case setValue(Symbol, [ResolvedIndex])
    /// `system.date`, `system.time`, `system.title`, `system.ifile`: a text field.
    case system(String)
}

/// One resolved put item.
public enum PutItemR {
    /// A file name among the items: later items go to this file.
    case selectFile(PutFileR)
    case write(PutValueR, PutFormat?, condition: Node?)
    case newLine
    case column(Node)
    case row(Node)
}

/// A resolved `put` or `putclose` statement.
public struct PutR {
    public var closes: Bool
    public var condition: Node?
    public var items: [PutItemR]
    public var span: SourceSpan
}
