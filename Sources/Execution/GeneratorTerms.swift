import Diagnostics
import IR
import Semantics
import Syntax

/// The tree walk of generation: the linear part of a row goes to the accumulator, each term
/// with variables that is not linear becomes an expression in the pool (a nonlinear model's
/// only). Compiled row code (RowCode) does the same for the linear terms it can compile and
/// hands the others to `linear`.
extension ModelGenerator {
    func linear(_ n: Node, _ scale: Double) throws {
        if !n.hasVariable {
            let v = interpreter.eval(n)
            if v != 0 { accumulator.constant += scale * v }
            return
        }
        switch n.kind {
        case .variable(let s, let args):
            guard let t = interpreter.tuple(args) else { return }
            accumulator.add(column(s, t), scale)
        case .negate(let a):
            try linear(a, -scale)
        case .binary(let op, let a, let b):
            switch op {
            case .add: try linear(a, scale); try linear(b, scale)
            case .sub: try linear(a, scale); try linear(b, -scale)
            case .mul:
                if !a.hasVariable {
                    let v = interpreter.eval(a)
                    if v != 0 { try linear(b, scale * v) }
                } else if !b.hasVariable {
                    let v = interpreter.eval(b)
                    if v != 0 { try linear(a, scale * v) }
                } else {
                    try nonlinear(n, scale)
                }
            case .pow where !b.hasVariable:
                // x**1 and x**0 are linear (the model-type check counts them so)
                let e = interpreter.eval(b)
                if e == 1 {
                    try linear(a, scale)
                } else if e == 0 {
                    accumulator.constant += scale
                } else {
                    try nonlinear(n, scale)
                }
            case .div:
                if b.hasVariable { try nonlinear(n, scale); return }
                let v = interpreter.eval(b)
                if v == 0 {
                    interpreter.runtimeError(.E4001, "division by zero", at: b.span)
                    throw GenerationFailure()
                }
                try linear(a, scale / v)
            default:
                try nonlinear(n, scale)
            }
        case .chain(let first, let links):
            try linearChain(n, first, links, scale)
        case .dollar(let a, let c):
            if interpreter.truth(interpreter.eval(c)) { try linear(a, scale) }
        case .call(.ifthen, let args) where args.count == 3 && !args[0].hasVariable:
            // a data condition picks one branch
            try linear(interpreter.truth(interpreter.eval(args[0])) ? args[1] : args[2], scale)
        case .call(.power, let args) where args.count == 2 && !args[1].hasVariable && interpreter.eval(args[1]) == 1:
            try linear(args[0], scale)
        case .reduce(.sum, let d, let body):
            var inner: Error? = nil
            try interpreter.iterate(d, ordered: false) {
                do { try linear(body, scale) } catch { inner = error; return false }
                return true
            }
            if let e = inner { throw e }
        default:
            try nonlinear(n, scale)
        }
    }

    /// Adds `scale · n` to the row's nonlinear part.
    func nonlinear(_ n: Node, _ scale: Double) throws {
        guard nonlinearAllowed else {
            interpreter.runtimeError(.E4011, "nonlinear term in a linear model", at: n.span)
            throw GenerationFailure()
        }
        let root = try lower(n)
        if scale == 1 {
            nonlinearTerms.append(root)
        } else if scale == -1 {
            nonlinearTerms.append(pool.add(.negate, [root]))
        } else {
            nonlinearTerms.append(pool.add(.product, [pool.constant(scale), root]))
        }
    }

    /// A data value inside a nonlinear term: special values other than EPS are refused.
    func constant(_ n: Node) throws -> Int32 {
        try constant(interpreter.eval(n), at: n.span)
    }

    /// The value `v` of the data at `span` as a constant of a nonlinear term.
    func constant(_ v: Double, at span: SourceSpan) throws -> Int32 {
        guard v.isFinite else {
            interpreter.runtimeError(.E4012, "\(interpreter.messageNumber(v)) in a nonlinear term", at: span)
            throw GenerationFailure()
        }
        return pool.constant(v == 0 ? 0 : v)
    }

    /// Collects the terms of a sum (`+`, `-`, unary minus, `sum`) without nesting.
    func sumTerms(_ n: Node, negative: Bool, into terms: inout [Int32]) throws {
        switch n.kind {
        case .binary(.add, let a, let b):
            try sumTerms(a, negative: negative, into: &terms)
            try sumTerms(b, negative: negative, into: &terms)
        case .binary(.sub, let a, let b):
            try sumTerms(a, negative: negative, into: &terms)
            try sumTerms(b, negative: !negative, into: &terms)
        case .chain(let first, let links) where links.allSatisfy({ $0.op == .add || $0.op == .sub }):
            try sumChainTerms(first, links, negative: negative, into: &terms)
        case .negate(let a):
            try sumTerms(a, negative: !negative, into: &terms)
        case .reduce(.sum, let d, let body) where body.hasVariable:
            var inner: Error? = nil
            try interpreter.iterate(d, ordered: false) {
                do { try sumTerms(body, negative: negative, into: &terms) } catch { inner = error; return false }
                return true
            }
            if let e = inner { throw e }
        case .dollar(let a, let c):
            if interpreter.truth(interpreter.eval(c)) { try sumTerms(a, negative: negative, into: &terms) }
        default:
            if !n.hasVariable {
                let v = interpreter.eval(n)
                if v == 0 && !v.isNaN { return }
            }
            let t = try lower(n)
            terms.append(negative ? pool.add(.negate, [t]) : t)
        }
    }

    /// Collects the factors of a product (`*`, `prod`) without nesting.
    func productFactors(_ n: Node, into factors: inout [Int32]) throws {
        switch n.kind {
        case .binary(.mul, let a, let b):
            try productFactors(a, into: &factors)
            try productFactors(b, into: &factors)
        case .chain(let first, let links) where links.allSatisfy({ $0.op == .mul || $0.op == .div }) && links[links.count - 1].op == .mul:
            try productChainFactors(n, first, links, into: &factors)
        case .reduce(.prod, let d, let body) where body.hasVariable:
            var inner: Error? = nil
            try interpreter.iterate(d, ordered: true) {
                do { try productFactors(body, into: &factors) } catch { inner = error; return false }
                return true
            }
            if let e = inner { throw e }
        default:
            factors.append(try lower(n))
        }
    }

    /// Builds the expression DAG of a term with variables (data parts become constants).
    func lower(_ n: Node) throws -> Int32 {
        if !n.hasVariable { return try constant(n) }
        switch n.kind {
        case .variable(let s, let args):
            // a lag or lead that leaves the set drops the variable, as in linear terms
            guard let t = interpreter.tuple(args) else { return pool.constant(0) }
            return pool.variable(Int(column(s, t)))
        case .negate(let a):
            return pool.add(.negate, [try lower(a)])
        case .not(let a):
            return pool.add(.not, [try lower(a)])
        case .dollar(let a, let c):
            return interpreter.truth(interpreter.eval(c)) ? try lower(a) : pool.constant(0)
        case .binary(let op, let a, let b):
            switch op {
            case .add, .sub:
                var terms: [Int32] = []
                try sumTerms(n, negative: false, into: &terms)
                return terms.isEmpty ? pool.constant(0) : terms.count == 1 ? terms[0] : pool.add(.sum, terms)
            case .mul:
                var factors: [Int32] = []
                try productFactors(n, into: &factors)
                return factors.count == 1 ? factors[0] : pool.add(.product, factors)
            case .div:
                try checkDivisor(b)
                return pool.add(.divide, [try lower(a), try lower(b)])
            default:
                return try lowered(op, { try self.lower(a) }, value: a.hasVariable ? nil : { self.interpreter.eval(a) }, b)
            }
        case .chain(let first, let links):
            return try lowerChain(n, first, links)
        case .call(let f, let args):
            return try call(f, args, n)
        case .reduce(let op, let d, let body):
            var items: [Int32] = []
            switch op {
            case .sum:
                try sumTerms(n, negative: false, into: &items)
                return items.isEmpty ? pool.constant(0) : items.count == 1 ? items[0] : pool.add(.sum, items)
            case .prod:
                try productFactors(n, into: &items)
                return items.isEmpty ? pool.constant(1) : items.count == 1 ? items[0] : pool.add(.product, items)
            case .smin, .smax:
                var inner: Error? = nil
                try interpreter.iterate(d, ordered: false) {
                    do { items.append(try lower(body)) } catch { inner = error; return false }
                    return true
                }
                if let e = inner { throw e }
                if items.isEmpty { return pool.constant(op == .smin ? Double.infinity : -Double.infinity) }
                return items.count == 1 ? items[0] : pool.add(op == .smin ? .min : .max, items)
            }
        default:
            interpreter.runtimeError(.E4011, "this term cannot be part of a nonlinear model", at: n.span)
            throw GenerationFailure()
        }
    }

    /// `a ** b`, `power(a, b)`, `rpower(a, b)`.
    func power(_ a: Node, _ b: Node) throws -> Int32 {
        try power({ try self.lower(a) }, value: a.hasVariable ? nil : { self.interpreter.eval(a) }, b)
    }

    /// `a ** b` of the left side `a` lowered by `lowerA` and, when it holds no variable, valued by
    /// `value` (each called only when needed).
    func power(_ lowerA: () throws -> Int32, value: (() -> Double)?, _ b: Node) throws -> Int32 {
        if !b.hasVariable {
            let e = interpreter.eval(b)
            guard e.isFinite else {
                interpreter.runtimeError(.E4012, "exponent is \(interpreter.messageNumber(e))", at: b.span)
                throw GenerationFailure()
            }
            if e == 1 { return try lowerA() }
            if e == 0 { return pool.constant(1) }
            return pool.add(.powerConstant, [try lowerA()], value: e)
        }
        if let value {
            let base = value()
            if base > 0 && base.isFinite { return pool.add(.constantPower, [try lower(b)], value: base) }
        }
        return pool.add(.power, [try lowerA(), try lower(b)])
    }

    /// `a op b` of the left side `a` lowered by `lowerA` (a binary operation's or a chain's step;
    /// `value` as in `power`), for the operators other than `+ - * /` of a chain.
    func lowered(_ op: BinaryOp, _ lowerA: () throws -> Int32, value: (() -> Double)?, _ b: Node) throws -> Int32 {
        switch op {
        case .pow: return try power(lowerA, value: value, b)
        case .lt: return pool.add(.lessThan, [try lowerA(), try lower(b)])
        case .le: return pool.add(.lessEqual, [try lowerA(), try lower(b)])
        case .gt: return pool.add(.greaterThan, [try lowerA(), try lower(b)])
        case .ge: return pool.add(.greaterEqual, [try lowerA(), try lower(b)])
        case .eq: return pool.add(.equal, [try lowerA(), try lower(b)])
        case .ne: return pool.add(.notEqual, [try lowerA(), try lower(b)])
        case .and: return pool.add(.and, [try lowerA(), try lower(b)])
        case .or: return pool.add(.or, [try lowerA(), try lower(b)])
        case .xor, .eqv:
            // truth values compared: not(a) is 1 exactly when a is false
            let x = pool.add(.not, [try lowerA()]), y = pool.add(.not, [try lower(b)])
            return pool.add(op == .xor ? .notEqual : .equal, [x, y])
        case .imp:
            let x = pool.add(.not, [try lowerA()])
            return pool.add(.or, [x, try lower(b)])
        // a chain mixing levels (a put item's `+` and `*`) is never a model term; as a sum or product
        case .add: return pool.add(.sum, [try lowerA(), try lower(b)])
        case .sub: return pool.add(.sum, [try lowerA(), pool.add(.negate, [try lower(b)])])
        case .mul: return pool.add(.product, [try lowerA(), try lower(b)])
        case .div:
            try checkDivisor(b)
            return pool.add(.divide, [try lowerA(), try lower(b)])
        }
    }

    /// A built-in function of variable arguments (classification admitted only these), lowered to
    /// the DAG operation its row of the function table names.
    func call(_ f: BuiltinFunction, _ args: [Node], _ n: Node) throws -> Int32 {
        guard let lowering = f.descriptor.lowering else {
            interpreter.runtimeError(.E4011, "'\(f.name)' of a variable cannot be part of a model", at: n.span)
            throw GenerationFailure()
        }
        switch lowering.op {
        case .power:
            return try power(args[0], args[1])
        case .ifThen where !args[0].hasVariable:
            return interpreter.truth(interpreter.eval(args[0])) ? try lower(args[1]) : try lower(args[2])
        default:
            return pool.add(lowering.op, try args.map { try lower($0) }, value: lowering.value)
        }
    }
}
