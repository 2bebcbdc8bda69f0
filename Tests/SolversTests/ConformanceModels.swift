import IR
import Testing

/// What a model's solve must come to, whichever backend solves it.
struct KnownAnswer: Sendable {
    /// How the solve ends, before a backend's own status codes (see `ConformanceBackend.status`).
    enum Outcome: Sendable {
        case optimal, infeasible, unbounded
    }

    /// Marginals a backend must report: values, or NA everywhere (a MIP's, as GAMS 54 reports
    /// them), or nothing to check.
    enum Marginals: Sendable {
        case values([Double])
        case notAvailable
        case unchecked
    }

    var outcome: Outcome
    var objective: Double? = nil
    var columnLevels: [Double]? = nil
    var rowLevels: [Double]? = nil
    var columnMarginals: Marginals = .unchecked
    var rowMarginals: Marginals = .unchecked
}

/// A test model of the conformance suite: its GAMS model type, the model and its known answer.
struct ConformanceModel: Sendable, CustomTestStringConvertible {
    let name: String
    /// The GAMS model type a `solve` statement would give it (`lp`, `mip`, `rmip`, `nlp`, `qcp`).
    let type: String
    let model: ScalarModel
    var answer: KnownAnswer

    var testDescription: String { "\(name) (\(type))" }

    /// The options of its solve: an `rmip` solve relaxes the integer columns.
    var options: SolveOptions {
        var options = SolveOptions()
        options.relaxIntegrality = type == "rmip"
        return options
    }
}

extension ConformanceModel {
    /// Every model of the suite; each runs through every backend that solves its type.
    static let all: [ConformanceModel] = [
        transport, smallMaximum, smallMinimumWithConstant, infeasibleLP, unboundedLP,
        knapsack, infeasibleMIP, relaxedKnapsack, projection, productRow, infeasibleNLP,
    ]

    /// GAMS's transport model with the objective, levels and marginals GAMS lists.
    static let transport = ConformanceModel(
        name: "transport", type: "lp", model: TestModels.transport(),
        answer: KnownAnswer(outcome: .optimal, objective: 153.675,
                            columnLevels: [50, 300, 0, 275, 0, 275, 153.675],
                            rowLevels: [0, 350, 550, 325, 300, 275],
                            columnMarginals: .values([0, 0, 0.036, 0, 0.009, 0, 0]),
                            rowMarginals: .values([1, 0, 0, 0.225, 0.153, 0.126])))

    /// `max 3x + 2y + 5z − w`, c1: x + y ≤ 4, c2: 2x + y ≤ 6, c3: y ≥ 3, z ≤ 1: x = 1, y = 3,
    /// z = 1. Raising c1's bound by δ moves x by δ (objective +3δ); raising c3's moves y up and
    /// x down (−1 per unit); z at its upper bound earns 5, w at zero costs 1.
    static let smallMaximum = ConformanceModel(
        name: "small maximum", type: "lp", model: TestModels.smallLP(),
        answer: KnownAnswer(outcome: .optimal, objective: 14, columnLevels: [1, 3, 1, 0], rowLevels: [4, 5, 3],
                            columnMarginals: .values([0, 0, 5, -1]), rowMarginals: .values([3, 0, -1])))

    /// The same model as a minimization of its negation, with an objective constant of −10: every
    /// marginal changes sign.
    static let smallMinimumWithConstant = ConformanceModel(
        name: "small minimum with a constant", type: "lp", model: TestModels.smallLP(negated: true, constant: 10),
        answer: KnownAnswer(outcome: .optimal, objective: -24, columnLevels: [1, 3, 1, 0], rowLevels: [4, 5, 3],
                            columnMarginals: .values([0, 0, -5, 1]), rowMarginals: .values([-3, 0, 1])))

    /// x in [0, 10] with x ≥ 5 and x ≤ 3.
    static let infeasibleLP = ConformanceModel(
        name: "infeasible LP", type: "lp", model: GLPKLPTests.infeasibleModel(),
        answer: KnownAnswer(outcome: .infeasible))

    /// `max x + y` with x − y ≤ 1, x, y ≥ 0.
    static let unboundedLP = ConformanceModel(
        name: "unbounded LP", type: "lp", model: GLPKLPTests.unboundedModel(),
        answer: KnownAnswer(outcome: .unbounded))

    /// The 0-1 knapsack: items 0, 2 and 3 (value 29); a MIP's marginals are NA.
    static let knapsack = ConformanceModel(
        name: "knapsack", type: "mip", model: TestModels.knapsack(),
        answer: KnownAnswer(outcome: .optimal, objective: 29, columnLevels: [1, 0, 1, 1], rowLevels: [8],
                            columnMarginals: .notAvailable, rowMarginals: .notAvailable))

    /// Integers with x + y ≥ 5 and x + y ≤ 3: infeasible even relaxed.
    static let infeasibleMIP = ConformanceModel(
        name: "contradictory integers", type: "mip", model: TestModels.contradictoryIntegers(),
        answer: KnownAnswer(outcome: .infeasible))

    /// The knapsack relaxed: items 0 and 2 whole and 4/5 of item 1 (value 32). The capacity's
    /// marginal is item 1's value per weight, 2; the others' reduced costs are value − 2·weight.
    static let relaxedKnapsack = ConformanceModel(
        name: "relaxed knapsack", type: "rmip", model: TestModels.knapsack(),
        answer: KnownAnswer(outcome: .optimal, objective: 32, columnLevels: [1, 0.8, 1, 0], rowLevels: [8],
                            columnMarginals: .values([13, 0, 3, -3]), rowMarginals: .values([2])))

    /// `min (x − 2)² + (y − 1)²` subject to `e: x + y = 1`: the projection of (2, 1) onto the
    /// line, (1, 0), objective 2; e's marginal d objective / d rhs is −2.
    static let projection: ConformanceModel = {
        var model = ScalarModel()
        let x = model.addColumn(lower: -.infinity, upper: .infinity, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: -.infinity, upper: .infinity, origin: TestModels.origin("y"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: 1, upper: 1, origin: TestModels.origin("e"))
        var pool = NLExpressionPool()
        let dx = pool.add(.subtract, [pool.variable(x), pool.constant(2)])
        let dy = pool.add(.subtract, [pool.variable(y), pool.constant(1)])
        model.objectiveRoot = pool.add(.sum, [pool.add(.sqr, [dx]), pool.add(.sqr, [dy])])
        model.nonlinear = pool
        return ConformanceModel(
            name: "projection", type: "qcp", model: model,
            answer: KnownAnswer(outcome: .optimal, objective: 2, columnLevels: [1, 0], rowLevels: [1],
                                columnMarginals: .values([0, 0]), rowMarginals: .values([-2])))
    }()

    /// `min x + y` subject to `area: x·y ≥ 4`, x, y ≥ 0.1: x = y = 2, objective 4; area's
    /// marginal d objective / d rhs is 1/√rhs = 0.5.
    static let productRow: ConformanceModel = {
        var model = ScalarModel()
        let x = model.addColumn(lower: 0.1, upper: .infinity, start: 1, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: 0.1, upper: .infinity, start: 1, origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.objective[y] = 1
        model.addRow(columns: [], values: [], lower: 4, upper: .infinity, origin: TestModels.origin("area"))
        var pool = NLExpressionPool()
        model.nonlinearRows = [NonlinearRow(row: 0, root: pool.add(.product, [pool.variable(x), pool.variable(y)]))]
        model.nonlinear = pool
        return ConformanceModel(
            name: "product row", type: "nlp", model: model,
            answer: KnownAnswer(outcome: .optimal, objective: 4, columnLevels: [2, 2], rowLevels: [4],
                                columnMarginals: .values([0, 0]), rowMarginals: .values([0.5])))
    }()

    /// `min x + y` subject to `x² + y² ≤ 1` and `x + y ≥ 3` on [−10, 10]²: no point satisfies both.
    static let infeasibleNLP: ConformanceModel = {
        var model = ScalarModel()
        let x = model.addColumn(lower: -10, upper: 10, origin: TestModels.origin("x"))
        let y = model.addColumn(lower: -10, upper: 10, origin: TestModels.origin("y"))
        model.objective[x] = 1
        model.objective[y] = 1
        model.addRow(columns: [], values: [], lower: -.infinity, upper: 1, origin: TestModels.origin("disc"))
        model.addRow(columns: [Int32(x), Int32(y)], values: [1, 1], lower: 3, upper: .infinity, origin: TestModels.origin("far"))
        var pool = NLExpressionPool()
        let squares = pool.add(.sum, [pool.add(.sqr, [pool.variable(x)]), pool.add(.sqr, [pool.variable(y)])])
        model.nonlinearRows = [NonlinearRow(row: 0, root: squares)]
        model.nonlinear = pool
        return ConformanceModel(name: "infeasible disc", type: "nlp", model: model,
                                answer: KnownAnswer(outcome: .infeasible))
    }()
}
