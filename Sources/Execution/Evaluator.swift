import Foundation
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
            runtimeError("E4004", "variable '\(s.name)' used as a value", at: n.span)
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
        }
    }

    func modelAttribute(_ m: Symbol, _ name: String) -> Double {
        if let v = modelAttributes[m.id]?[name] { return v }
        switch name {
        case "optCr": return options["optcr"] ?? 1e-4
        case "optCa": return options["optca"] ?? 0
        case "resLim": return options["reslim"] ?? 1e10
        case "iterLim": return options["iterlim"] ?? 2e9
        case "modelStat", "solveStat": return SpecialValue.na
        default: return 0
        }
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
        runtimeError("E2070", "arithmetic overflow: \(x) \(symbol) \(y) is too large for a number", at: n.span)
        return SpecialValue.undf
    }

    func arithmeticResult(_ op: BinaryOp, _ x: Double, _ y: Double, _ n: Node) -> Double {
        switch op {
        case .add: return zeroFix(x + y, x, y)
        case .sub: return zeroFix(x - y, x, y)
        case .mul: return zeroFix(x * y, x, y)
        case .div:
            if y == 0 {
                runtimeError("E4001", "division by zero", at: n.span)
                return SpecialValue.undf
            }
            return zeroFix(x / y, x, y)
        case .pow: return power(x, y, n, integerOnly: true)
        default: return 0
        }
    }

    /// A zero result is `EPS` only if an operand was `EPS`; otherwise plain zero.
    @inline(__always) func zeroFix(_ r: Double, _ x: Double, _ y: Double) -> Double {
        if r == 0 { return SpecialValue.isEps(x) || SpecialValue.isEps(y) ? SpecialValue.eps : 0 }
        return r
    }

    func power(_ x: Double, _ y: Double, _ n: Node, integerOnly: Bool) -> Double {
        if x < 0 {
            if y == y.rounded() { return Foundation.pow(x, y) }
            runtimeError("E4005", "power of a negative number (\(x)) to a fractional exponent (\(y))", at: n.span)
            return SpecialValue.undf
        }
        if x == 0 && y < 0 {
            runtimeError("E4001", "division by zero: 0 to a negative power", at: n.span)
            return SpecialValue.undf
        }
        return Foundation.pow(x, y)
    }

    func call(_ f: Function, _ args: [Node], _ n: Node) -> Double {
        let r = callRaw(f, args, n)
        // a computed zero is EPS only when an argument was EPS (no negative zero otherwise)
        if r == 0 && r.sign == .minus && f != .ifthen { return 0 }
        return r
    }

    func callRaw(_ f: Function, _ args: [Node], _ n: Node) -> Double {
        if f == .ifthen { return truth(eval(args[0])) ? eval(args[1]) : eval(args[2]) }
        let v = args.map { eval($0) }
        func domain(_ ok: Bool, _ what: String) -> Bool {
            if !ok { runtimeError("E4006", "\(f.rawValue) of \(what)", at: n.span) }
            return ok
        }
        switch f {
        case .na: return SpecialValue.na
        case .undf: return SpecialValue.undf
        case .sqr: return v[0] * v[0]
        case .sqrt: return domain(v[0] >= 0, "a negative number (\(v[0]))") ? v[0].squareRoot() : SpecialValue.undf
        case .exp: return Foundation.exp(v[0])
        case .exp10: return Foundation.pow(10, v[0])
        case .log: return domain(v[0] > 0, "a non-positive number (\(v[0]))") ? Foundation.log(v[0]) : SpecialValue.undf
        case .log10: return domain(v[0] > 0, "a non-positive number (\(v[0]))") ? Foundation.log10(v[0]) : SpecialValue.undf
        case .log2: return domain(v[0] > 0, "a non-positive number (\(v[0]))") ? Foundation.log2(v[0]) : SpecialValue.undf
        case .abs: return Swift.abs(v[0])
        case .max: return v.dropFirst().reduce(v[0]) { Swift.max($0, $1) }
        case .min: return v.dropFirst().reduce(v[0]) { Swift.min($0, $1) }
        case .ceil: return Foundation.ceil(v[0])
        case .floor: return Foundation.floor(v[0])
        case .trunc: return v[0] < 0 ? Foundation.ceil(v[0]) : Foundation.floor(v[0])
        case .frac: return v[0] - (v[0] < 0 ? Foundation.ceil(v[0]) : Foundation.floor(v[0]))
        case .round:
            let digits = v.count > 1 ? v[1] : 0
            let scale = Foundation.pow(10, digits.rounded())
            return (v[0] * scale).rounded(.toNearestOrAwayFromZero) / scale
        case .mod:
            guard domain(v[1] != 0, "a zero divisor") else { return SpecialValue.undf }
            return Foundation.fmod(v[0], v[1])
        case .div:
            guard v[1] != 0 else { runtimeError("E4001", "division by zero", at: n.span); return SpecialValue.undf }
            return v[0] / v[1]
        case .sign: return v[0] > 0 ? 1 : (v[0] < 0 ? -1 : 0)
        case .sin: return Foundation.sin(v[0])
        case .cos: return Foundation.cos(v[0])
        case .tan: return Foundation.tan(v[0])
        case .arctan: return Foundation.atan(v[0])
        case .sigmoid: return 1 / (1 + Foundation.exp(-v[0]))
        case .errorf: return 0.5 * Foundation.erfc(-v[0] / 2.0.squareRoot())
        case .power:
            guard domain(v[1] == v[1].rounded(), "a fractional exponent (\(v[1])); use rPower") else { return SpecialValue.undf }
            return power(v[0], v[1], n, integerOnly: true)
        case .rpower: return power(v[0], v[1], n, integerOnly: false)
        case .uniform: return v[0] + (v[1] - v[0]) * random.unit()
        case .uniformint:
            let lo = Foundation.ceil(v[0]), hi = Foundation.floor(v[1])
            guard domain(hi >= lo, "an empty range [\(v[0]), \(v[1])]") else { return SpecialValue.undf }
            return lo + Foundation.floor(random.unit() * (hi - lo + 1))
        case .normal: return v[0] + v[1] * random.gaussian()
        case .ifthen: return 0
        }
    }
}
