import Diagnostics

/// An identifier occurrence with its location.
public struct Name {
    public var text: String
    public var span: SourceSpan
    /// The name in lower case, the key symbols are looked up by.
    public var key: String { text.lowercased() }

    public init(_ text: String, _ span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// A label in data or in a quoted index (`'seattle'`).
public struct LabelText {
    public var text: String
    public var span: SourceSpan
}

/// The argument of a reference at one index position: `i`, `t-1`, `t--1`, `'a'`.
public struct IndexArg {
    public enum Kind {
        case name(Name)
        case label(LabelText)
    }
    /// A lag or lead: `+`/`-` (linear) or `++`/`--` (circular), and the amount.
    public struct Shift {
        public var circular: Bool
        public var negative: Bool
        public var amount: Expr
    }
    public var kind: Kind
    public var shift: Shift?
    public var span: SourceSpan
}

/// A reference to a symbol: `x`, `x.l(i,j)`, `d(i,'a')`, `m.objVal`.
public struct Reference {
    public var name: Name
    public var attribute: Name?
    /// Index arguments; nil when written without parentheses.
    public var args: [IndexArg]?
    public var span: SourceSpan

    public init(name: Name, attribute: Name?, args: [IndexArg]?, span: SourceSpan) {
        self.name = name
        self.attribute = attribute
        self.args = args
        self.span = span
    }
}

/// An index-controlling domain: `i`, `(i,j)`, `link(i,j)`, each optionally `$cond`.
public struct IndexDomain {
    public struct Item {
        public var name: Name
        /// For a set-qualified item `link(i,j)`, `nh(i+1)`, `arc(n,m)` with `n` already
        /// controlled: its index arguments (indices, possibly shifted, or quoted labels).
        public var args: [IndexArg]?
    }
    public var items: [Item]
    public var condition: Expr?
    public var span: SourceSpan
}

/// Unary operators.
public enum UnaryOp: String { case minus = "-", plus = "+", not = "not" }

/// Binary operators, including relational and logical ones.
public enum BinaryOp: String {
    case add = "+", sub = "-", mul = "*", div = "/", pow = "**"
    case lt = "<", le = "<=", eq = "=", ne = "<>", ge = ">=", gt = ">"
    case and, or, xor, eqv, imp
}

/// Reductions over an index domain.
public enum ReduceOp: String { case sum, prod, smin, smax }

/// An expression as written.
public indirect enum Expr {
    case number(Double, SourceSpan)
    /// A quoted string (display text or a label used as a value).
    case string(String, SourceSpan)
    case ref(Reference)
    case unary(UnaryOp, Expr, SourceSpan)
    case binary(BinaryOp, Expr, Expr, SourceSpan)
    /// Two or more operations of one precedence level in a row (Chain.swift); its span is the
    /// last operator's, as the outermost binary operation's would be.
    case chain(Expr, [ChainLink<Expr>])
    /// `a $ b`: `a` where `b` is nonzero, else 0.
    case dollar(Expr, Expr, SourceSpan)
    /// A function call, `ord(i)`, `card(s)`, `yes`/`no` are calls too.
    case call(Name, [Expr], SourceSpan)
    case reduce(ReduceOp, IndexDomain, Expr, SourceSpan)

    /// Where the expression is.
    public var span: SourceSpan {
        switch self {
        case .number(_, let s), .string(_, let s), .unary(_, _, let s), .binary(_, _, _, let s),
             .dollar(_, _, let s), .call(_, _, let s), .reduce(_, _, _, let s): return s
        case .ref(let r): return r.span
        case .chain(_, let links): return links[links.count - 1].span
        }
    }
}

/// One entry of a data list or table: labels per position (groups expanded), value, text.
public struct DataEntry {
    /// For each index position, the labels it stands for (several with `(a,b)` groups or ranges).
    public var positions: [[LabelText]]
    /// The value (parameters); nil for sets (member).
    public var value: Double?
    /// Element text of a set member.
    public var text: String?
    public var span: SourceSpan
    /// Delimited lines (`$onDelim`) read as one compact batch; `positions` is then empty.
    public var lines: DelimitedLines? = nil
    /// A value written as an acronym (`/ g1 on /`): its name; `value` is then a placeholder.
    public var acronym: String? = nil

    /// The number of index positions (of each line of a batch).
    public var width: Int { lines?.width ?? positions.count }
}

/// Consecutive delimited data lines of one width, kept compact: one array of labels for all
/// lines instead of an entry with arrays per line.
public struct DelimitedLines {
    /// The number of labels of each line.
    public let width: Int
    /// The distinct labels of the lines (exact spellings, in order of first appearance).
    public internal(set) var distinct: [String] = []
    /// `width` labels per line, line after line, as indices into `distinct`.
    public internal(set) var labelIndices: [Int32] = []
    /// Parameters: the value of each line.
    public internal(set) var values: [Double] = []
    /// Sets: the element text of each line (the fields after the labels), nil without one.
    public internal(set) var texts: [String?] = []
    /// Each label's 0-based byte column and length on its line.
    var fieldColumns: [Int32] = []
    var fieldLengths: [Int32] = []
    /// Each line's index in `source`.
    var lineIndices: [Int32] = []
    /// The preprocessed lines the data came from (shared, for spans).
    let source: [SourceLine]

    init(width: Int, source: [SourceLine]) {
        self.width = width
        self.source = source
    }

    /// The number of lines.
    public var count: Int { lineIndices.count }

    /// The span of label `field` of line `k`.
    public func span(line k: Int, field: Int) -> SourceSpan {
        let f = k * width + field
        return source[Int(lineIndices[k])].span(column: Int(fieldColumns[f]), length: Int(fieldLengths[f]))
    }
}

/// The data of a declaration: `/ ... /` lists, tables, or delimited blocks.
public struct DataBlock {
    public var entries: [DataEntry]
    /// A scalar's single value (`Scalar s / 5 /`).
    public var scalarValue: Double?
    public var span: SourceSpan
}

/// What kind of symbol a declaration statement declares.
public enum DeclarationKind: String {
    case set, parameter, scalar, table, variable, equation
}

/// Variable types, as in GAMS.
public enum VariableType: String {
    case free, positive, negative, binary, integer
}

/// One declared name with optional domain, text and data.
public struct Declaration {
    public var name: Name
    /// The domain as written (`*` for the universe); nil when none was given.
    public var domain: [Name]?
    public var text: String
    public var data: DataBlock?
    /// For `Set j(i) / ... /` written with `Singleton`.
    public var span: SourceSpan
    /// What the data does when the symbol already has data (`$onMulti` and kin at the name).
    public var redefinition = DataRedefinition.refused
}

/// The relation of an equation.
public enum Relation: String { case eq = "=e=", le = "=l=", ge = "=g=", free = "=n=" }

/// A statement.
public indirect enum Statement {
    case declare(DeclarationKind, VariableType?, [Declaration], SourceSpan)
    case alias([[Name]], SourceSpan)
    case model([ModelDeclaration], SourceSpan)
    case equationDefinition(EquationDefinition)
    case assignment(Assignment)
    case solve(SolveStatement)
    case display([DisplayArg], SourceSpan)
    case option([OptionSetting], SourceSpan)
    case loop(IndexDomain, [Statement], SourceSpan)
    case whileLoop(Expr, [Statement], SourceSpan)
    case repeatLoop([Statement], Expr, SourceSpan)
    case forLoop(Reference, Expr, Expr, Expr?, Bool, [Statement], SourceSpan)
    case ifStatement([(Expr, [Statement])], [Statement]?, SourceSpan)
    case breakStatement(Expr?, SourceSpan)
    case continueStatement(Expr?, SourceSpan)
    case abort(Expr?, [DisplayArg], SourceSpan)
    case gdxTransfer(GDXTransfer)
    case compileTimeGDX(CompileTimeGDX)
    /// `Acronym(s) on, off;`: names that stand for values of their own.
    case acronym([Name], SourceSpan)
    /// `execute 'command'` (`execute.checkErrorLevel 'command'` stops on a nonzero status).
    case execute(command: String, checkErrorLevel: Bool, SourceSpan)
    /// `execute_loadHandle m;`: loads the solution of the asynchronous solve `m.handle` names.
    case loadHandle(Name, SourceSpan)
    /// `File f 'text' / name.txt /, g;` (see PutSyntax.swift).
    case file([FileDeclaration], SourceSpan)
    /// `put f 'text' x.l:10:2 /;` and `putclose`.
    case put(PutStatement)
}

/// `$gdxIn file.gdx` and `$load a b=c` (and `$loadDC`, `$loadR`, `$loadM`, ...): data read from a
/// GDX file while the model is compiled, in statement order.
public struct CompileTimeGDX {
    public enum Kind: String, CaseIterable {
        case gdxIn = "$gdxIn"
        /// Loads into symbols without data; labels outside the domain are dropped.
        case load = "$load"
        /// As `$load`, but a label outside the domain is an error.
        case loadDC = "$loadDC"
        /// Replaces data given before.
        case loadR = "$loadR", loadDCR = "$loadDCR"
        /// Merges into data given before.
        case loadM = "$loadM", loadDCM = "$loadDCM"
        /// `$gdxOut file` names the file `$unload` writes; `$unload a b` writes symbols' data
        /// as the compiler has it there (all symbols with none named).
        case gdxOut = "$gdxOut", unload = "$unload"

        public var checksDomains: Bool { self == .loadDC || self == .loadDCR || self == .loadDCM }
    }
    /// A symbol to load and, for `x=y`, the name it has in the file.
    public struct Item {
        public var name: Name
        public var source: String?
    }
    public var kind: Kind
    /// `$gdxIn`: the file's name as written.
    public var file: String
    public var items: [Item]
    public var span: SourceSpan
}

/// `execute_unload 'file.gdx' a, b;`, `execute_load 'file.gdx' a, b;`, `execute_loadpoint ...`.
public struct GDXTransfer {
    public enum Kind: String {
        /// Writes the named symbols (all with none named) to the file.
        case unload = "execute_unload"
        /// Replaces the named symbols' data with the file's.
        case load = "execute_load"
        /// Merges the file's levels and marginals into the named variables and equations.
        case loadPoint = "execute_loadpoint"
    }
    public var kind: Kind
    public var file: String
    public var fileSpan: SourceSpan
    public var names: [Name]
    /// For loads: the file's name of each symbol (`xr=x` reads the file's `x` into `xr`), nil
    /// when it is the symbol's own.
    public var sources: [String?]
    public var span: SourceSpan
}

/// `Model m 'text' / all /`, `/ eq1, eq2 /`, with model algebra `/ base + ramp - obj /`, or
/// for a complementarity problem with pairs `/ demand.p, supply.q /`.
public struct ModelDeclaration {
    /// One term of the equation list: an equation, a model or `all`, added or (after `-`) removed.
    public struct Term {
        public var name: Name
        public var removes: Bool
        /// The variable an MCP pairs with the equation (`demand.p`), nil for a plain term.
        public var pairedVariable: Name? = nil
        /// Whether the term is `all`: every equation declared so far.
        public var isAll: Bool { name.key == "all" }
    }
    public var name: Name
    public var text: String
    /// The terms, applied left to right.
    public var terms: [Term]
}

/// `name(dom)$cond.. lhs =r= rhs;`
public struct EquationDefinition {
    public var name: Name
    public var indices: [IndexArg]
    public var condition: Expr?
    public var lhs: Expr
    public var relation: Relation
    public var rhs: Expr
    public var span: SourceSpan
    /// Set-qualified subscripts of the domain (`flow(arc(n,m))..`): `indices` holds their
    /// indices in place, and the equation exists where each set holds them.
    public var qualifiers: [IndexDomain.Item] = []
}

/// `target $cond = value;`
public struct Assignment {
    public var target: Reference
    public var condition: Expr?
    public var value: Expr
    public var span: SourceSpan
    /// Set-qualified subscripts of the target (`a(i,sub(p))`): the target's arguments hold
    /// their indices in place, and the assignment runs where each set holds them.
    public var qualifiers: [IndexDomain.Item] = []
}

/// `solve m using lp minimizing z;`
public struct SolveStatement {
    public var model: Name
    public var type: Name
    public var maximize: Bool
    public var objective: Name?
    public var span: SourceSpan
}

/// One item of a `display`: a text or a reference.
public enum DisplayArg {
    case text(String, SourceSpan)
    case ref(Reference)
}

/// `name = value` in an `option` statement.
public struct OptionSetting {
    public var name: Name
    /// A number, or a word (`off`, `glpk`).
    public var number: Double?
    public var word: String?
    public var span: SourceSpan
    /// `option p:d:r:c`: the display decimals of symbol `name` (then `number` holds `d`).
    public var isSymbolDecimals = false
}
