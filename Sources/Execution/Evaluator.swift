import Foundation
import Diagnostics
import IR
import Semantics
import Syntax

extension Interpreter {
    /// Evaluates a data expression under the current bindings (GAMS's extended arithmetic).
    func eval(_ n: Node) -> Double {
        switch n.kind {
        case .constant(let v): return v
        case .parameter(let p, let args):
            if args.isEmpty { return p.values[LabelTuple(repeating: 0)] ?? 0 }
            guard let t = tuple(args) else { return 0 }
            return p.values[t] ?? 0
        case .setMember(let s, let args):
            guard let t = tuple(args) else { return 0 }
            return s.setData.contains(t) ? 1 : 0
        case .attribute(let s, let a, let args):
            guard let t = tuple(args) else { return 0 }
            let r = s.records[t] ?? s.defaultRecord()
            switch a {
            case .l, .fx: return r.level
            case .m: return r.marginal
            case .lo: return r.lower
            case .up: return r.upper
            case .scale: return r.scale
            case .range: return r.upper - r.lower
            case .slacklo: return r.level - r.lower
            case .slackup: return r.upper - r.level
            case .slack: return min(r.level - r.lower, r.upper - r.level)
            case .infeas: return max(0, r.lower - r.level, r.level - r.upper)
            case .prior: return 1
            }
        case .variable(let s, _):
            runtimeError(.E4004, "variable '\(s.name)' used as a value", at: n.span)
            return SpecialValue.undf
        case .modelAttribute(let m, let name):
            return modelAttribute(m, name)
        case .negate(let a):
            let v = eval(a)
            return v == 0 ? v : -v
        case .not(let a):
            return truth(eval(a)) ? 0 : 1
        case .binary(let op, let a, let b):
            return binary(op, eval(a), b, at: n.span)
        case .chain(let first, let links):
            return fold(first, links[...])
        case .dollar(let a, let c):
            return truth(eval(c)) ? eval(a) : 0
        case .call(let f, let args):
            return call(f, args, n)
        case .ord(let slot, let set):
            guard let p = set.setData.position(of: env[slot]) else { return 0 }
            return Double(p + 1)
        case .setAttribute(let slot, let set, let attribute):
            return setAttribute(attribute, of: env[slot], in: set, n)
        case .card(let s):
            switch s.kind {
            case .set: return Double(s.setData.count)
            case .parameter: return Double(s.values.count)
            case .variable, .equation: return Double(s.records.count)
            case .model: return Double(program.modelEquations[s.id]?.count ?? 0)
            }
        case .sameAs(let a, let b):
            guard let x = tuple([a]), let y = tuple([b]) else { return 0 }
            return x[0] == y[0] ? 1 : 0
        case .reduce(let op, let d, let body):
            return reduce(op, d, body)
        case .handleCall(let f, let args, let handles):
            return handleCall(f, args, handles: handles, n)
        }
    }

    func modelAttribute(_ m: Symbol, _ name: String) -> Double {
        // a put file's attributes live in the same table under their own names
        if let a = ModelAttribute(rawValue: name) { return attribute(m, a) }
        return modelAttributes[m.id]?[name] ?? 0
    }

    func reduce(_ op: ReduceOp, _ d: ResolvedDomain, _ body: Node) -> Double {
        var acc: Double
        switch op {
        case .sum: acc = 0
        case .prod: acc = 1
        case .smin: acc = .infinity
        case .smax: acc = -.infinity
        }
        try? iterate(d, ordered: false) {
            let v = eval(body)
            switch op {
            case .sum: acc += v
            case .prod: acc *= v
            case .smin: acc = Swift.min(acc, v)
            case .smax: acc = Swift.max(acc, v)
            }
            return true
        }
        return acc
    }

    /// The value of a chain's first operand and links (all or the first few): left to right,
    /// as the tree of binary operations evaluates, without a stack frame per link.
    func fold(_ first: Node, _ links: ArraySlice<ChainLink<Node>>) -> Double {
        var x = eval(first)
        for link in links { x = binary(link.op, x, link.operand, at: link.span) }
        return x
    }

    /// `x op b` for the value `x` of the left operand (a binary operation's or a chain's
    /// step); `b` is evaluated after it, and not at all when `and`/`or` short-circuits.
    func binary(_ op: BinaryOp, _ x: Double, _ b: Node, at span: SourceSpan) -> Double {
        switch op {
        case .and: return truth(x) && truth(eval(b)) ? 1 : 0
        case .or: return truth(x) || truth(eval(b)) ? 1 : 0
        default: break
        }
        let y = eval(b)
        switch op {
        case .add, .sub, .mul, .div, .pow: return arithmetic(op, x, y, at: span)
        case .lt: return x < y ? 1 : 0
        case .le: return x <= y ? 1 : 0
        case .eq: return x == y || Interpreter.sameAcronym(x, y) ? 1 : 0
        case .ne: return x != y && !Interpreter.sameAcronym(x, y) ? 1 : 0
        case .ge: return x >= y ? 1 : 0
        case .gt: return x > y ? 1 : 0
        case .xor: return truth(x) != truth(y) ? 1 : 0
        case .eqv: return truth(x) == truth(y) ? 1 : 0
        case .imp: return !truth(x) || truth(y) ? 1 : 0
        case .and, .or: return 0
        }
    }

    /// `x op y` for an arithmetic operator, with GAMS's rules for zero results and errors.
    func arithmetic(_ op: BinaryOp, _ x: Double, _ y: Double, at n: SourceSpan) -> Double {
        let r = arithmeticResult(op, x, y, at: n)
        // a NaN result is UNDF or NA, reported (division by zero) or passed on where it arose
        return r.isFinite || r.isNaN || !x.isFinite || !y.isFinite ? r : overflow(op, x, y, at: n)
    }

    /// Reports E2070 for finite operands whose result does not fit a double, as GAMS reports
    /// an overflow instead of going on with infinity; the result is then `UNDF`.
    func overflow(_ op: BinaryOp, _ x: Double, _ y: Double, at n: SourceSpan) -> Double {
        let symbol = [BinaryOp.add: "+", .sub: "-", .mul: "*", .div: "/", .pow: "**"][op] ?? op.rawValue
        runtimeError(.E2070, "arithmetic overflow: \(x) \(symbol) \(y) is too large for a number", at: n)
        return SpecialValue.undf
    }

    func arithmeticResult(_ op: BinaryOp, _ x: Double, _ y: Double, at n: SourceSpan) -> Double {
        switch op {
        case .add: return zeroFix(x + y, x, y)
        case .sub: return zeroFix(x - y, x, y)
        case .mul: return zeroFix(x * y, x, y)
        case .div:
            if y == 0 {
                runtimeError(.E4001, "division by zero", at: n)
                return SpecialValue.undf
            }
            return zeroFix(x / y, x, y)
        case .pow: return power(x, y, at: n)
        default: return 0
        }
    }

    /// A zero result is `EPS` only if an operand was `EPS`; otherwise plain zero.
    @inline(__always) func zeroFix(_ r: Double, _ x: Double, _ y: Double) -> Double {
        if r == 0 { return SpecialValue.isEps(x) || SpecialValue.isEps(y) ? SpecialValue.eps : 0 }
        return r
    }

    /// `x ** y` by GAMS's rule (`BuiltinFunction.raise`), its failures reported at `n`.
    func power(_ x: Double, _ y: Double, at n: SourceSpan) -> Double {
        checked(BuiltinFunction.raise(x, to: y), .power, at: n)
    }

    func call(_ f: BuiltinFunction, _ args: [Node], _ n: Node) -> Double {
        let r = callRaw(f, args, n)
        // a computed zero is EPS only when an argument was EPS (no negative zero otherwise)
        if r == 0 && r.sign == .minus && f != .ifthen { return 0 }
        return r
    }

    /// A call through the function table; `ifThen` evaluates only the branch its condition picks.
    func callRaw(_ f: BuiltinFunction, _ args: [Node], _ n: Node) -> Double {
        if f == .ifthen { return truth(eval(args[0])) ? eval(args[1]) : eval(args[2]) }
        let v = args.map { eval($0) }
        let result = f.descriptor.evaluate(v) { distribution in
            distribution == .unit ? random.unit() : random.gaussian()
        }
        return checked(result, f, at: n.span)
    }

    /// The value of a call, or UNDF after reporting why the point is outside the domain.
    func checked(_ result: Result<Double, FunctionDomainError>, _ f: BuiltinFunction, at n: SourceSpan) -> Double {
        switch result {
        case .success(let v):
            return v
        case .failure(let e):
            let code: DiagnosticCode
            switch e.kind {
            case .outsideDomain: code = .E4006
            case .divisionByZero: code = .E4001
            case .fractionalPowerOfNegative: code = .E4005
            }
            runtimeError(code, e.message(for: f), at: n)
            return SpecialValue.undf
        }
    }
}
