import Diagnostics
import IR
import Syntax

/// A resolved equation definition: the equation's domain, condition, body and relation.
public final class EquationDefinitionR {
    public let symbol: Symbol
    /// Loops over the free indices of the definition (with its `$` condition).
    public let domain: ResolvedDomain
    /// The index arguments that form each row's tuple (lags allowed).
    public let args: [ResolvedIndex]
    public let lhs: Node
    public let rhs: Node
    public let relation: Relation
    public let span: SourceSpan

    public init(symbol: Symbol, domain: ResolvedDomain, args: [ResolvedIndex], lhs: Node, rhs: Node,
                relation: Relation, span: SourceSpan) {
        self.symbol = symbol
        self.domain = domain
        self.args = args
        self.lhs = lhs
        self.rhs = rhs
        self.relation = relation
        self.span = span
    }
}

/// What an assignment writes to.
public enum AssignmentTarget {
    case parameter(Symbol)
    case set(Symbol)
    case attribute(Symbol, Attribute)
    case modelAttribute(Symbol, String)
    /// A predefined scalar of the system (`execSeed`).
    case systemScalar(String)
}

/// A resolved assignment.
public struct AssignmentR {
    public var target: AssignmentTarget
    public var args: [ResolvedIndex]
    /// Loops over the target's uncontrolled indices, with the left-hand `$` condition.
    public var domain: ResolvedDomain
    public var value: Node
    public var span: SourceSpan
}

/// A resolved `solve`.
public struct SolveR {
    public var model: Symbol
    public var type: ModelType
    public var maximize: Bool
    /// The objective variable; nil for a complementarity problem, which has none.
    public var objective: Symbol?
    public var span: SourceSpan
    /// Where the model's and the objective's names are written in the solve statement.
    public var modelSpan: SourceSpan
    public var objectiveSpan: SourceSpan
}

/// One resolved display item.
public enum DisplayItemR {
    case text(String)
    case symbol(Symbol, Attribute?)
    case modelAttribute(Symbol, String)
}

/// A resolved option setting.
public struct OptionR {
    public var name: String
    public var number: Double?
    public var word: String?
    public var span: SourceSpan
    /// `option p:d`: the symbol whose display decimals `number` sets.
    public var symbol: Symbol? = nil
}

/// A resolved statement, ready to execute.
public indirect enum StatementR {
    case assign(AssignmentR)
    case solve(SolveR)
    case display([DisplayItemR], SourceSpan)
    case option([OptionR])
    case loop(ResolvedDomain, [StatementR], SourceSpan)
    case whileLoop(Node, [StatementR], SourceSpan)
    case repeatLoop([StatementR], Node, SourceSpan)
    case forLoop(Symbol, Node, Node, Node?, Bool, [StatementR], SourceSpan)
    case ifStatement([(Node, [StatementR])], [StatementR]?)
    case breakLoop(Node?, SourceSpan)
    case continueLoop(Node?, SourceSpan)
    case abort(Node?, [DisplayItemR], SourceSpan)
    /// `execute_unload`/`execute_load`/`execute_loadpoint` of these symbols (all with none named).
    case gdxTransfer(GDXTransferR)
    /// `execute 'command'`: runs a program, only when the user allows it (`--allow-shell`).
    case execute(command: String, checkErrorLevel: Bool, SourceSpan)
    /// `execute_loadHandle m;`: loads the solution of the instance `m.handle` names.
    case loadHandle(Symbol, SourceSpan)
    /// A `File` declaration: its attributes take their defaults here (see PutProgram.swift).
    case declareFile([PutFileR])
    /// A `put` or `putclose` statement.
    case put(PutR)
    /// Marks the point where an equation definition appeared (definitions are static).
    case noop
}

/// A checked GDX transfer: the file as written (resolved at run time) and its symbols.
public struct GDXTransferR {
    public var kind: GDXTransfer.Kind
    public var file: String
    public var symbols: [Symbol]
    /// For loads: the file's name of each symbol (nil: the symbol's own).
    public var sources: [String?]
    public var span: SourceSpan
}

/// The checked program: symbols with their initial data, statements, equation definitions.
public final class Program {
    public let labels: LabelTable
    public var symbols: [Symbol] = []
    public var statements: [StatementR] = []
    /// Equation definitions by equation symbol id.
    public var definitions: [Int: EquationDefinitionR] = [:]
    /// Equations of each model, by model symbol id, in declaration order.
    public var modelEquations: [Int: [Symbol]] = [:]
    /// The `equation.variable` pairs of each model, by model symbol id, then equation symbol
    /// id (complementarity problems).
    public var modelPairs: [Int: [Int: Symbol]] = [:]
    /// The declared acronyms in order: the `k`-th is the value `SpecialValue.acronym(k)` (1-based).
    public var acronyms: [String] = []

    public init(labels: LabelTable) { self.labels = labels }
}
