import IR

/// Hand-built scalar models for the solver tests, written the way the generator writes them:
/// rows in GAMS normal form, the objective as a free variable with a defining row where GAMS
/// would have one.
enum TestModels {
    static func origin(_ symbol: String, _ labels: String...) -> Provenance {
        Provenance(symbol: symbol, labels: labels)
    }

    /// GAMS's transport model (Dantzig), with `z` a free column defined by
    /// `cost.. z - sum c*x = 0` and objective `minimize z`.
    ///
    /// Columns 0...5 are x(seattle,new-york), x(seattle,chicago), x(seattle,topeka),
    /// x(san-diego,new-york), x(san-diego,chicago), x(san-diego,topeka); column 6 is z.
    /// Rows: 0 cost, 1...2 supply(seattle, san-diego), 3...5 demand(new-york, chicago, topeka).
    static func transport() -> ScalarModel {
        let plants = ["seattle", "san-diego"]
        let markets = ["new-york", "chicago", "topeka"]
        let supply = [350.0, 600.0]
        let demand = [325.0, 300.0, 275.0]
        let distance = [[2.5, 1.7, 1.8], [2.5, 1.8, 1.4]]
        let freight = 90.0

        var model = ScalarModel()
        model.sense = .minimize
        for plant in plants {
            for market in markets {
                model.addColumn(lower: 0, upper: .infinity, origin: origin("x", plant, market))
            }
        }
        let z = model.addColumn(lower: -.infinity, upper: .infinity, origin: origin("z"))
        model.objective[z] = 1

        var costColumns: [Int32] = [Int32(z)]
        var costValues: [Double] = [1]
        for i in 0..<2 {
            for j in 0..<3 {
                costColumns.append(Int32(i * 3 + j))
                costValues.append(-freight * distance[i][j] / 1000)
            }
        }
        model.addRow(columns: costColumns, values: costValues, lower: 0, upper: 0,
                     origin: origin("cost"))
        for i in 0..<2 {
            model.addRow(columns: (0..<3).map { Int32(i * 3 + $0) }, values: [1, 1, 1],
                         lower: -.infinity, upper: supply[i], origin: origin("supply", plants[i]))
        }
        for j in 0..<3 {
            model.addRow(columns: [Int32(j), Int32(3 + j)], values: [1, 1],
                         lower: demand[j], upper: .infinity, origin: origin("demand", markets[j]))
        }
        return model
    }

    /// `max 3x + 2y + 5z - w + constant` subject to
    /// `c1: x + y <= 4`, `c2: 2x + y <= 6`, `c3: y >= 3`, `0 <= z <= 1`, `w >= 0`, `x, y >= 0`.
    ///
    /// Optimum x = 1, y = 3, z = 1, w = 0, objective 14 + constant; c1 and c3 bind.
    /// With `negated`, the same model as `min -(...)`.
    static func smallLP(negated: Bool = false, constant: Double = 0) -> ScalarModel {
        var model = ScalarModel()
        model.sense = negated ? .minimize : .maximize
        let sign = negated ? -1.0 : 1.0
        let x = model.addColumn(lower: 0, upper: .infinity, origin: origin("x"))
        let y = model.addColumn(lower: 0, upper: .infinity, origin: origin("y"))
        let z = model.addColumn(lower: 0, upper: 1, origin: origin("z"))
        let w = model.addColumn(lower: 0, upper: .infinity, origin: origin("w"))
        model.objective[x] = 3 * sign
        model.objective[y] = 2 * sign
        model.objective[z] = 5 * sign
        model.objective[w] = -1 * sign
        model.objectiveConstant = constant * sign
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: -.infinity, upper: 4,
                     origin: origin("c1"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [2, 1], lower: -.infinity, upper: 6,
                     origin: origin("c2"))
        model.addRow(columns: [Int32(y)], values: [1], lower: 3, upper: .infinity,
                     origin: origin("c3"))
        return model
    }

    /// A 0-1 knapsack: values 15, 10, 9, 5; weights 1, 5, 3, 4; capacity 8.
    /// Optimum 29 with items 0, 2, 3 (LP bound 32).
    static func knapsack() -> ScalarModel {
        let values = [15.0, 10, 9, 5]
        let weights = [1.0, 5, 3, 4]
        var model = ScalarModel()
        model.sense = .maximize
        for (k, value) in values.enumerated() {
            let j = model.addColumn(lower: 0, upper: 1, isInteger: true,
                                    origin: origin("take", "item\(k)"))
            model.objective[j] = value
        }
        model.addRow(columns: (0..<4).map { Int32($0) }, values: weights,
                     lower: -.infinity, upper: 8, origin: origin("capacity"))
        return model
    }

    /// A 0-1 knapsack with `rows` capacity constraints over `items` items (values 10-100,
    /// weights 5-60, each capacity 30 % of its row's weights), maximizing the value: its LP
    /// bound is within a few percent of the optimum, so a 3 % gap closes at the root. Fixed
    /// xorshift data.
    static func multiKnapsack(rows m: Int = 3, items n: Int = 30) -> ScalarModel {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ low: Int, _ high: Int) -> Double {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Double(low + Int(state % UInt64(high - low + 1)))
        }
        var model = ScalarModel()
        model.sense = .maximize
        for j in 0..<n {
            let column = model.addColumn(lower: 0, upper: 1, isInteger: true, origin: origin("take", "\(j)"))
            model.objective[column] = next(10, 100)
        }
        for i in 0..<m {
            let weights = (0..<n).map { _ in next(5, 60) }
            model.addRow(columns: (0..<n).map { Int32($0) }, values: weights, lower: -.infinity,
                         upper: (0.3 * weights.reduce(0, +)).rounded(.down), origin: origin("capacity", "\(i)"))
        }
        return model
    }

    /// A market-split instance (Cornuéjols and Dawande) that cannot be split exactly:
    /// `rows` equations `sum_j a_ij x_j + over_i - under_i = d_i` over `items` binary `x_j`, with
    /// every `a_ij` even and every `d_i` odd, so `over_i + under_i >= 1` in every row.
    ///
    /// The objective is `constant + sum (over + under)` (minimize) or `constant - sum(...)`
    /// (maximize with `maximize`). The LP relaxation reaches the constant at every node with a
    /// few free columns, so branch and bound keeps a positive gap for an astronomically long
    /// time, while any `x` with its slacks is an integer solution: an incumbent comes at once.
    /// The data come from a fixed xorshift sequence, so the instance is the same everywhere.
    static func marketSplit(rows m: Int = 4, items n: Int = 40, constant: Double = 0,
                            maximize: Bool = false) -> ScalarModel {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % 50)
        }
        var model = ScalarModel()
        model.sense = maximize ? .maximize : .minimize
        let sign = maximize ? -1.0 : 1.0
        model.objectiveConstant = constant
        for j in 0..<n {
            model.addColumn(lower: 0, upper: 1, isInteger: true, origin: origin("x", "\(j)"))
        }
        for i in 0..<m {
            let over = model.addColumn(lower: 0, upper: .infinity, origin: origin("over", "\(i)"))
            let under = model.addColumn(lower: 0, upper: .infinity, origin: origin("under", "\(i)"))
            model.objective[over] = sign
            model.objective[under] = sign
            let a = (0..<n).map { _ in Double(2 * (1 + next())) }
            var d = (a.reduce(0, +) / 2).rounded(.down)
            if d.truncatingRemainder(dividingBy: 2) == 0 { d += 1 }
            model.addRow(columns: (0..<n).map { Int32($0) } + [Int32(over), Int32(under)],
                         values: a + [1, -1], lower: d, upper: d, origin: origin("split", "\(i)"))
        }
        return model
    }

    /// Integers x, y in [0, 10] with `x + y >= 5` and `x + y <= 3`: infeasible even relaxed.
    static func contradictoryIntegers() -> ScalarModel {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0, upper: 10, isInteger: true, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0, upper: 10, isInteger: true, origin: TestModels.origin("y"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: 5, upper: .infinity,
                     origin: TestModels.origin("atLeast5"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: -.infinity, upper: 3,
                     origin: TestModels.origin("atMost3"))
        return model
    }
}
