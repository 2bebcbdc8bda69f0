import IR

/// The nonlinear program Ipopt solves for a model with complementarity pairs (MCP, MPEC).
///
/// Each pair of a row's function F_r and a column x_j in [l_j, u_j] becomes the equality
/// F_r(x) - w_r + v_r = 0 with slacks w_r >= 0 (when l_j is finite) and v_r >= 0 (when u_j is
/// finite), and the products (x_j - l_j)·w_r and (u_j - x_j)·v_r, nonnegative inside the
/// bounds, are what complementarity asks to be zero. They go either into the objective (MCP:
/// their sum is minimized, and 0 is exactly a solution) or into rows `product <= t` (MPEC:
/// Scholtes's relaxation, t driven to 0 by the caller). A free column's pair is the equality
/// F_r = 0. Rows without an active pair keep their bounds, except an MCP's rows paired with
/// fixed columns, which impose nothing (free rows). Columns keep their indices; the slacks
/// follow them.
struct ComplementarityProgram {
    enum Products { case objective, constraints }

    private(set) var model = ScalarModel()
    /// The rows `product <= t` (`.constraints`), whose upper bound the caller sets.
    private(set) var productRows: [Int] = []

    init(_ original: ScalarModel, layout: MCPLayout, evaluation: MCPEvaluation, products where: Products) {
        model.nonlinear = original.nonlinear
        model.nonlinearRows = original.nonlinearRows
        for c in 0 ..< original.columnCount {
            model.addColumn(lower: original.columnLower[c], upper: original.columnUpper[c], start: evaluation.x[c],
                            origin: original.columnOrigin[c])
        }
        let f = evaluation.functions()
        // each product: its nonlinear term and its linear one (a slack times a bound)
        var products: [(root: Int32, slack: Int32, coefficient: Double, origin: Provenance)] = []
        var slacks: [(columns: [Int32], values: [Double])] = Array(repeating: ([], []), count: original.rowCount)
        for p in layout.pairs {
            let c = p.column, l = original.columnLower[c], u = original.columnUpper[c], value = f?[p.row] ?? 0
            let origin = original.rowOrigin[p.row]
            if l.isFinite {
                let w = Int32(model.addColumn(lower: 0, upper: .infinity, start: Swift.max(0, value), origin: origin))
                slacks[p.row].columns.append(w); slacks[p.row].values.append(-1)
                products.append((model.nonlinear.add(.product, [model.nonlinear.variable(c), model.nonlinear.variable(Int(w))]), w, -l, origin))
            }
            if u.isFinite {
                let v = Int32(model.addColumn(lower: 0, upper: .infinity, start: Swift.max(0, -value), origin: origin))
                slacks[p.row].columns.append(v); slacks[p.row].values.append(1)
                let xv = model.nonlinear.add(.product, [model.nonlinear.variable(c), model.nonlinear.variable(Int(v))])
                products.append((model.nonlinear.add(.negate, [xv]), v, u, origin))
            }
        }
        let constant = original.complementarity?.constant ?? []
        let paired = original.complementarity?.pairedColumn ?? []
        for r in 0 ..< original.rowCount {
            let entries = original.rowStart[r] ..< original.rowStart[r + 1]
            var lower = original.rowLower[r], upper = original.rowUpper[r]
            if layout.pairOfRow[r] >= 0 {
                lower = constant[r]; upper = constant[r]
            } else if r < paired.count && paired[r] >= 0 {
                lower = -.infinity; upper = .infinity
            }
            model.addRow(columns: Array(original.entryColumn[entries]) + slacks[r].columns,
                         values: Array(original.entryValue[entries]) + slacks[r].values,
                         lower: lower, upper: upper, origin: original.rowOrigin[r])
        }
        switch `where` {
        case .objective:
            for p in products { model.objective[Int(p.slack)] = p.coefficient }
            if !products.isEmpty {
                model.objectiveRoot = products.count == 1 ? products[0].root : model.nonlinear.add(.sum, products.map(\.root))
            }
            model.sense = .minimize
        case .constraints:
            for c in 0 ..< original.columnCount { model.objective[c] = original.objective[c] }
            model.objectiveConstant = original.objectiveConstant
            model.objectiveRoot = original.objectiveRoot
            model.sense = original.sense
            for p in products {
                let row = model.addRow(columns: [p.slack], values: [p.coefficient], lower: -.infinity, upper: .infinity, origin: p.origin)
                model.nonlinearRows.append(NonlinearRow(row: Int32(row), root: p.root))
                productRows.append(row)
            }
        }
    }

    /// Sets the bound t of every product row.
    mutating func relax(to t: Double) {
        for r in productRows { model.rowUpper[r] = t }
    }

    /// Starts the next solve where `levels` left off.
    mutating func start(at levels: [Double]) {
        for c in levels.indices where c < model.columnCount { model.columnStart[c] = levels[c] }
    }

    /// `options` with Ipopt's settings for these programs first: an interior point approaches
    /// the bounds only as its barrier parameter falls; without relaxed bounds and with a tighter
    /// tolerance the products reach 1e-10 and the pairs at a bound land on it. An option file's
    /// settings come after these and win.
    static func tightened(_ options: SolveOptions) -> SolveOptions {
        var tight = options
        tight.solverOptions = [SolverOptionSetting(name: "bound_relax_factor", value: "0"),
                               SolverOptionSetting(name: "tol", value: "1e-10")] + options.solverOptions
        return tight
    }
}
