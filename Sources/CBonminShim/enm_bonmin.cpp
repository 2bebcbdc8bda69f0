// Bonmin behind a C interface: a TMINLP whose functions come from C callbacks, solved by BonminSetup + Bab,
// every exception caught. Swift cannot call Bonmin's C++ API directly (virtual classes, SmartPtr, exceptions).

#include "enm_bonmin.h"

#include <BonBonminSetup.hpp>
#include <BonCbc.hpp>
#include <BonTMINLP.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace {

/// The problem of an EnmBonminProblem and its callbacks as Bonmin's TMINLP; keeps the point Bonmin finalizes.
class CallbackMINLP : public Bonmin::TMINLP {
public:
    CallbackMINLP(const EnmBonminProblem &problem, const EnmBonminCallbacks &callbacks)
        : problem_(problem), callbacks_(callbacks) {}

    bool get_nlp_info(Ipopt::Index &n, Ipopt::Index &m, Ipopt::Index &nnz_jac_g, Ipopt::Index &nnz_h_lag,
                      Ipopt::TNLP::IndexStyleEnum &index_style) override {
        n = problem_.column_count;
        m = problem_.row_count;
        nnz_jac_g = problem_.jacobian_count;
        nnz_h_lag = problem_.hessian_count;
        index_style = Ipopt::TNLP::C_STYLE;
        return true;
    }

    bool get_variables_types(Ipopt::Index n, VariableType *types) override {
        for (int j = 0; j < n; ++j) types[j] = problem_.column_is_integer[j] ? INTEGER : CONTINUOUS;
        return true;
    }

    bool get_variables_linearity(Ipopt::Index n, Ipopt::TNLP::LinearityType *types) override {
        for (int j = 0; j < n; ++j) {
            types[j] = problem_.column_is_nonlinear[j] ? Ipopt::TNLP::NON_LINEAR : Ipopt::TNLP::LINEAR;
        }
        return true;
    }

    bool get_constraints_linearity(Ipopt::Index m, Ipopt::TNLP::LinearityType *types) override {
        for (int i = 0; i < m; ++i) {
            types[i] = problem_.row_is_nonlinear[i] ? Ipopt::TNLP::NON_LINEAR : Ipopt::TNLP::LINEAR;
        }
        return true;
    }

    bool get_bounds_info(Ipopt::Index n, Ipopt::Number *x_l, Ipopt::Number *x_u, Ipopt::Index m,
                         Ipopt::Number *g_l, Ipopt::Number *g_u) override {
        for (int j = 0; j < n; ++j) {
            x_l[j] = finite(problem_.column_lower[j]);
            x_u[j] = finite(problem_.column_upper[j]);
        }
        for (int i = 0; i < m; ++i) {
            g_l[i] = finite(problem_.row_lower[i]);
            g_u[i] = finite(problem_.row_upper[i]);
        }
        return true;
    }

    bool get_starting_point(Ipopt::Index n, bool init_x, Ipopt::Number *x, bool init_z, Ipopt::Number *,
                            Ipopt::Number *, Ipopt::Index, bool init_lambda, Ipopt::Number *) override {
        if (init_x) std::memcpy(x, problem_.column_start, sizeof(double) * n);
        // no multipliers to start from: Bonmin then lets Ipopt choose them
        return !init_z && !init_lambda;
    }

    bool eval_f(Ipopt::Index, const Ipopt::Number *x, bool, Ipopt::Number &value) override {
        return callbacks_.objective(callbacks_.user, x, &value) != 0;
    }

    bool eval_grad_f(Ipopt::Index, const Ipopt::Number *x, bool, Ipopt::Number *values) override {
        return callbacks_.gradient(callbacks_.user, x, values) != 0;
    }

    bool eval_g(Ipopt::Index, const Ipopt::Number *x, bool, Ipopt::Index m, Ipopt::Number *values) override {
        return m == 0 || callbacks_.constraints(callbacks_.user, x, values) != 0;
    }

    bool eval_jac_g(Ipopt::Index, const Ipopt::Number *x, bool, Ipopt::Index, Ipopt::Index count, Ipopt::Index *rows,
                    Ipopt::Index *columns, Ipopt::Number *values) override {
        if (count == 0) return true;
        if (values == nullptr) {
            std::memcpy(rows, problem_.jacobian_rows, sizeof(int) * count);
            std::memcpy(columns, problem_.jacobian_columns, sizeof(int) * count);
            return true;
        }
        return callbacks_.jacobian(callbacks_.user, x, values) != 0;
    }

    bool eval_h(Ipopt::Index, const Ipopt::Number *x, bool, Ipopt::Number objective_factor, Ipopt::Index,
                const Ipopt::Number *lambda, bool, Ipopt::Index count, Ipopt::Index *rows, Ipopt::Index *columns,
                Ipopt::Number *values) override {
        if (count == 0) return true;
        if (values == nullptr) {
            std::memcpy(rows, problem_.hessian_rows, sizeof(int) * count);
            std::memcpy(columns, problem_.hessian_columns, sizeof(int) * count);
            return true;
        }
        return callbacks_.hessian(callbacks_.user, x, objective_factor, lambda, values) != 0;
    }

    void finalize_solution(TMINLP::SolverReturn status, Ipopt::Index n, const Ipopt::Number *x,
                           Ipopt::Number objective) override {
        finalStatus = status;
        if (x != nullptr) point.assign(x, x + n);
        finalObjective = objective;
    }

    const BranchingInfo *branchingInfo() const override { return nullptr; }
    const SosInfo *sosConstraints() const override { return nullptr; }

    TMINLP::SolverReturn finalStatus = MINLP_ERROR;
    std::vector<double> point;
    double finalObjective = NAN;

private:
    /// Bonmin's infinity is 1e19; a larger bound (or an infinite one) is none.
    static double finite(double bound) {
        if (bound >= 1e19) return 1e19;
        if (bound <= -1e19) return -1e19;
        return bound;
    }

    EnmBonminProblem problem_;
    EnmBonminCallbacks callbacks_;
};

void copyMessage(EnmBonminResult *result, const std::string &text) {
    std::snprintf(result->message, sizeof(result->message), "%s", text.c_str());
}

/// Sets one option through Bonmin's registered options: its type decides the setter; nullptr when accepted,
/// else why not.
std::string setOption(Bonmin::BonminSetup &setup, const std::string &name, const std::string &value) {
    Ipopt::SmartPtr<const Ipopt::RegisteredOption> option = setup.roptions()->GetOption(name);
    if (Ipopt::IsNull(option)) return "unknown option";
    bool accepted = false;
    switch (option->Type()) {
    case Ipopt::OT_Number: {
        char *end = nullptr;
        double number = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0') return "expects a number";
        accepted = setup.options()->SetNumericValue(name, number);
        break;
    }
    case Ipopt::OT_Integer: {
        char *end = nullptr;
        long integer = std::strtol(value.c_str(), &end, 10);
        if (end == value.c_str() || *end != '\0') return "expects an integer";
        accepted = setup.options()->SetIntegerValue(name, static_cast<Ipopt::Index>(integer));
        break;
    }
    default:
        accepted = setup.options()->SetStringValue(name, value);
        break;
    }
    return accepted ? std::string() : "value not accepted";
}

/// Which of Cbc's limits stopped the search.
EnmBonminLimit limitReached(const CbcModel &model) {
    if (model.isSecondsLimitReached()) return ENM_BONMIN_LIMIT_TIME;
    if (model.isNodeLimitReached()) return ENM_BONMIN_LIMIT_NODES;
    switch (model.secondaryStatus()) {
    case 2: return ENM_BONMIN_LIMIT_GAP;
    case 3: return ENM_BONMIN_LIMIT_NODES;
    case 4: return ENM_BONMIN_LIMIT_TIME;
    case 8: return ENM_BONMIN_LIMIT_ITERATIONS;
    default: return model.status() == 1 ? ENM_BONMIN_LIMIT_OTHER : ENM_BONMIN_LIMIT_NONE;
    }
}

void solve(const EnmBonminProblem &problem, const EnmBonminCallbacks &callbacks, const EnmBonminOptions &options,
           double *x, EnmBonminResult *result) {
    Ipopt::SmartPtr<CallbackMINLP> minlp = new CallbackMINLP(problem, callbacks);
    Bonmin::BonminSetup setup;
    setup.initializeOptionsAndJournalist();
    // an empty option text marks the options as read, so that Bonmin never reads a bonmin.opt of the working
    // directory: enm reads the model's option file itself (m.optFile)
    setup.readOptionsString("");
    for (int k = 0; k < options.count; ++k) {
        std::string reason = setOption(setup, options.names[k], options.values[k]);
        if (!reason.empty() && options.rejected != nullptr) options.rejected(options.user, k, reason.c_str());
    }
    setup.initialize(Ipopt::GetRawPtr(minlp));
    Bonmin::Bab bab;
    bab(setup);
    result->nodes = bab.numNodes();
    result->iterations = bab.iterationCount();
    result->best_bound = bab.bestBound();
    result->limit = limitReached(bab.model());
    switch (bab.mipStatus()) {
    case Bonmin::Bab::FeasibleOptimal: result->status = ENM_BONMIN_OPTIMAL; break;
    case Bonmin::Bab::ProvenInfeasible: result->status = ENM_BONMIN_INFEASIBLE; break;
    case Bonmin::Bab::Feasible: result->status = ENM_BONMIN_FEASIBLE; break;
    case Bonmin::Bab::UnboundedOrInfeasible: result->status = ENM_BONMIN_UNBOUNDED; break;
    default: result->status = ENM_BONMIN_NO_SOLUTION; break;
    }
    const double *best = bab.bestSolution();
    if (best != nullptr) {
        std::memcpy(x, best, sizeof(double) * problem.column_count);
        result->has_solution = 1;
        result->objective = bab.bestObj();
    }
}

} // namespace

extern "C" void enm_bonmin_solve(const EnmBonminProblem *problem, const EnmBonminCallbacks *callbacks,
                                 const EnmBonminOptions *options, double *x, EnmBonminResult *result) {
    *result = EnmBonminResult();
    result->status = ENM_BONMIN_FAILURE;
    result->objective = NAN;
    result->best_bound = NAN;
    try {
        solve(*problem, *callbacks, *options, x, result);
    } catch (Bonmin::TNLPSolver::UnsolvedError *e) {
        // Bonmin throws this one by pointer
        copyMessage(result, "Ipopt failed on a node's relaxation: " + e->solverName() + " " + e->errorName());
        delete e;
    } catch (const CoinError &e) {
        copyMessage(result, "Bonmin stopped with an error: " + e.className() + "::" + e.methodName() + ": " + e.message());
    } catch (const Ipopt::IpoptException &e) {
        copyMessage(result, "Bonmin stopped with an error: " + e.Message());
    } catch (const std::exception &e) {
        copyMessage(result, std::string("Bonmin stopped with an error: ") + e.what());
    } catch (...) {
        copyMessage(result, "Bonmin stopped with an unknown error");
    }
}
