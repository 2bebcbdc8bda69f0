import Foundation
import IR

/// The numeric expressions of `$eval NAME expression`: numbers, `+ - * / ** ^`, parentheses,
/// comparisons and `and/or/not` (1 or 0), the built-in functions of `BuiltinFunction` but the
/// random draws, and `card(s)` for a set whose data came before.
/// Evaluated at compile time, before the program is
/// parsed (the expression sees `%name%` values already substituted).
public enum CompileTimeExpression {
    /// Why an expression cannot be evaluated, and where (byte offset and length in it).
    public struct Problem: Error, Equatable {
        public var message: String
        public var offset: Int
        public var length: Int
        public var label: String
    }

    /// The value of `text`; `cardinality` gives `card(s)` the size of set `s` (nil: unknown).
    public static func evaluate(_ text: String, cardinality: ((String) -> Int?)? = nil) -> Result<Double, Problem> {
        var p = EvalParser(bytes: Array(text.utf8))
        p.cardinality = cardinality
        do {
            p.skip()
            guard p.i < p.bytes.count else { throw Problem(message: "the expression is empty", offset: 0, length: 1, label: "expression expected") }
            let v = try p.disjunction()
            p.skip()
            if p.i < p.bytes.count {
                throw Problem(message: "unexpected '\(String(decoding: p.bytes[p.i...], as: UTF8.self))'", offset: p.i,
                              length: p.bytes.count - p.i, label: "not part of the expression")
            }
            guard v.isFinite else { throw Problem(message: "the value is not a finite number", offset: 0, length: p.bytes.count, label: "") }
            return .success(v)
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(message: "\(error)", offset: 0, length: 1, label: ""))
        }
    }

    /// The value as `$eval` stores it: an integer without a fraction, otherwise the shortest
    /// decimal form that reads back as the same number.
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

private struct EvalParser {
    let bytes: [UInt8]
    var i = 0
    var cardinality: ((String) -> Int?)? = nil

    mutating func skip() { while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 } }

    func problem(_ message: String, at start: Int, _ length: Int = 1, label: String = "") -> CompileTimeExpression.Problem {
        CompileTimeExpression.Problem(message: message, offset: min(start, max(0, bytes.count - 1)), length: length, label: label)
    }

    mutating func word() -> String? {
        skip()
        let start = i
        while i < bytes.count, (bytes[i] >= 65 && bytes[i] <= 90) || (bytes[i] >= 97 && bytes[i] <= 122) || (bytes[i] >= 48 && bytes[i] <= 57 && i > start) || bytes[i] == 95 { i += 1 }
        return i > start ? String(decoding: bytes[start..<i], as: UTF8.self).lowercased() : nil
    }

    mutating func keyword(_ k: String) -> Bool {
        let save = i
        if word() == k { return true }
        i = save
        return false
    }

    mutating func take(_ s: String) -> Bool {
        skip()
        let b = Array(s.utf8)
        guard i + b.count <= bytes.count, Array(bytes[i..<(i + b.count)]) == b else { return false }
        i += b.count
        return true
    }

    mutating func disjunction() throws -> Double {
        var v = try conjunction()
        while keyword("or") { let r = try conjunction(); v = (v != 0 || r != 0) ? 1 : 0 }
        return v
    }

    mutating func conjunction() throws -> Double {
        var v = try negation()
        while keyword("and") { let r = try negation(); v = (v != 0 && r != 0) ? 1 : 0 }
        return v
    }

    mutating func negation() throws -> Double {
        if keyword("not") { return try negation() == 0 ? 1 : 0 }
        return try comparison()
    }

    mutating func comparison() throws -> Double {
        let v = try sum()
        let operators = ["<=", ">=", "<>", "==", "=", "<", ">"]
        for op in operators where take(op) {
            let r = try sum()
            let holds: Bool
            switch op {
            case "<=": holds = v <= r
            case ">=": holds = v >= r
            case "<>": holds = v != r
            case "<": holds = v < r
            case ">": holds = v > r
            default: holds = v == r
            }
            return holds ? 1 : 0
        }
        return v
    }

    mutating func sum() throws -> Double {
        var v = try product()
        while true {
            if take("+") { v += try product() } else if take("-") { v -= try product() } else { return v }
        }
    }

    mutating func product() throws -> Double {
        var v = try unary()
        while true {
            skip()
            if i + 1 < bytes.count, bytes[i] == 42, bytes[i + 1] == 42 { return v }   // ** binds tighter
            if take("*") { v *= try unary() } else if take("/") {
                skip()
                let at = i
                let d = try unary()
                guard d != 0 else { throw problem("division by zero", at: at, max(1, i - at), label: "this is 0") }
                v /= d
            } else { return v }
        }
    }

    mutating func unary() throws -> Double {
        if take("-") { return -(try unary()) }
        if take("+") { return try unary() }
        return try power()
    }

    mutating func power() throws -> Double {
        let base = try primary()
        if take("**") || take("^") { return Foundation.pow(base, try unary()) }
        return base
    }

    /// `card(s)`: the number of members of set `s`, whose data came before the `$eval`.
    mutating func card(start: Int) throws -> Double {
        skip()
        let nameStart = i
        guard let set = word() else { throw problem("card needs a set name", at: i, label: "set name expected") }
        let nameLength = i - nameStart
        guard take(")") else { throw problem("')' expected", at: i, label: "')' expected") }
        guard let cardinality else {
            throw problem("card(\(set)) cannot be evaluated here: only a run of the model knows the sets", at: start, i - start,
                          label: "set sizes unknown")
        }
        guard let n = cardinality(set) else {
            throw problem("'\(set)' is not a set whose members are given in a data statement before this line", at: nameStart,
                          nameLength, label: "size not known at compile time")
        }
        return Double(n)
    }

    mutating func primary() throws -> Double {
        skip()
        guard i < bytes.count else { throw problem("the expression ends too early", at: bytes.count, label: "a number or '(' expected") }
        let start = i
        if take("(") {
            let v = try disjunction()
            guard take(")") else { throw problem("')' expected", at: i, label: "')' expected") }
            return v
        }
        if (bytes[i] >= 48 && bytes[i] <= 57) || bytes[i] == 46 {
            while i < bytes.count, (bytes[i] >= 48 && bytes[i] <= 57) || bytes[i] == 46 { i += 1 }
            if i < bytes.count, bytes[i] == 101 || bytes[i] == 69 {
                let save = i
                i += 1
                if i < bytes.count, bytes[i] == 43 || bytes[i] == 45 { i += 1 }
                if i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 {
                    while i < bytes.count, bytes[i] >= 48 && bytes[i] <= 57 { i += 1 }
                } else { i = save }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard let v = Double(text) else { throw problem("'\(text)' is not a number", at: start, i - start, label: "not a number") }
            return v
        }
        guard let name = word() else {
            throw problem("unexpected '\(String(decoding: bytes[i...i], as: UTF8.self))'", at: i, label: "a number or '(' expected")
        }
        let nameEnd = i
        guard take("(") else {
            if name == "pi" { return Double.pi }
            throw problem("'\(name)' is not a number (a %name% that is not set?)", at: start, nameEnd - start, label: "not a number")
        }
        if name == "card" { return try card(start: start) }
        var args: [Double] = []
        if !take(")") {
            repeat { args.append(try disjunction()) } while take(",")
            guard take(")") else { throw problem("')' expected", at: i, label: "')' expected") }
        }
        // the function table's rows, except random draws: the random stream starts with the run
        guard let f = BuiltinFunction(name: name), f.descriptor.isCallable, !f.descriptor.drawsRandomNumbers else {
            throw problem("unknown function '\(name)' in $eval", at: start, nameEnd - start, label: "not a function $eval knows")
        }
        guard f.descriptor.arity.contains(args.count) else {
            throw problem("\(name) takes \(FunctionDescriptor.argumentCount(f.descriptor.arity)), not \(args.count)",
                          at: start, i - start, label: "")
        }
        switch f.descriptor.evaluate(args, { _ in .nan }) {
        case .success(let v): return v
        case .failure(let e): throw problem(e.message(for: f), at: start, i - start, label: "")
        }
    }
}
