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
            if Interpreter.isArithmetic(op), case .binary(let inner, _, _) = a.kind, Interpreter.isArithmetic(inner) {
                return arithmeticChain(n)
            }
            return binary(op, a, b, n)
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

    func binary(_ op: BinaryOp, _ a: Node, _ b: Node, _ n: Node) -> Double {
        // logical operators short-circuit
        switch op {
        case .and: return truth(eval(a)) && truth(eval(b)) ? 1 : 0
        case .or: return truth(eval(a)) || truth(eval(b)) ? 1 : 0
        default: break
        }
        let x = eval(a), y = eval(b)
        switch op {
        case .add, .sub, .mul, .div, .pow: return arithmetic(op, x, y, n)
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

    /// Whether `op` is `+ - * / **`: operators that evaluate both operands, left to right.
    static func isArithmetic(_ op: BinaryOp) -> Bool {
        switch op {
        case .add, .sub, .mul, .div, .pow: return true
        default: return false
        }
    }

    /// Evaluates a left-leaning chain of arithmetic (`1+1+...+1`, generated with 100,000
    /// terms) in a loop, left to right as the recursion would, without a stack frame per term.
    func arithmeticChain(_ n: Node) -> Double {
        var spine: [Node] = []
        var m = n
        while case .binary(let op, let a, _) = m.kind, Interpreter.isArithmetic(op) {
            spine.append(m)
            m = a
        }
        var x = eval(m)
        for link in spine.reversed() {
            guard case .binary(let op, _, let b) = link.kind else { continue }
            x = arithmetic(op, x, eval(b), link)
        }
        return x
    }

    /// `x op y` for an arithmetic operator, with GAMS's rules for zero results and errors.
    func arithmetic(_ op: BinaryOp, _ x: Double, _ y: Double, _ n: Node) -> Double {
        let r = arithmeticResult(op, x, y, n)
        // a NaN result is UNDF or NA, reported (division by zero) or passed on where it arose
        return r.isFinite || r.isNaN || !x.isFinite || !y.isFinite ? r : overflow(op, x, y, n)
    }

    /// Reports E2070 for finite operands whose result does not fit a double, as GAMS reports
    /// an overflow instead of going on with infinity; the result is then `UNDF`.
    func overflow(_ op: BinaryOp, _ x: Double, _ y: Double, _ n: Node) -> Double {
        let symbol = [BinaryOp.add: "+", .sub: "-", .mul: "*", .div: "/", .pow: "**"][op] ?? op.rawValue
        runtimeError(.E2070, "arithmetic overflow: \(x) \(symbol) \(y) is too large for a number", at: n.span)
        return SpecialValue.undf
    }

    func arithmeticResult(_ op: BinaryOp, _ x: Double, _ y: Double, _ n: Node) -> Double {
        switch op {
        case .add: return zeroFix(x + y, x, y)
        case .sub: return zeroFix(x - y, x, y)
        case .mul: return zeroFix(x * y, x, y)
        case .div:
            if y == 0 {
                runtimeError(.E4001, "division by zero", at: n.span)
                return SpecialValue.undf
            }
            return zeroFix(x / y, x, y)
        case .pow: return power(x, y, n)
        default: return 0
        }
    }

    /// A zero result is `EPS` only if an operand was `EPS`; otherwise plain zero.
    @inline(__always) func zeroFix(_ r: Double, _ x: Double, _ y: Double) -> Double {
        if r == 0 { return SpecialValue.isEps(x) || SpecialValue.isEps(y) ? SpecialValue.eps : 0 }
        return r
    }

    /// `x ** y` by GAMS's rule (`BuiltinFunction.raise`), its failures reported at `n`.
    func power(_ x: Double, _ y: Double, _ n: Node) -> Double {
        checked(BuiltinFunction.raise(x, to: y), .power, n)
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
        return checked(result, f, n)
    }

    /// The value of a call, or UNDF after reporting why the point is outside the domain.
    func checked(_ result: Result<Double, FunctionDomainError>, _ f: BuiltinFunction, _ n: Node) -> Double {
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
            runtimeError(code, e.message(for: f), at: n.span)
            return SpecialValue.undf
        }
    }
}
