// The simplex iterations of a CBC search. CBC 2.10's C interface reports the iterations of its
// copy of the model only when the search reaches the tree (a search ended at the root says 0),
// and never those of preprocessing, heuristics or strong branching. Every LP of the search is
// solved by a copy of the model's CLP solver, and each copy clones that solver's event handler:
// a handler whose clones share one counter sees every simplex iteration of the search.
#define CBC_EXTERN_C
#include <OsiClpSolverInterface.hpp>
#include <ClpEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <Cbc_C_Interface.h>
#include <atomic>
#include <memory>
#include "enm_clp.h"

namespace {

class IterationCounter : public ClpEventHandler {
public:
    explicit IterationCounter(std::shared_ptr<std::atomic<long>> count) : count_(std::move(count)) {}

    int event(Event which) override {
        if (which == endOfIteration) count_->fetch_add(1, std::memory_order_relaxed);
        return -1;  // go on
    }

    ClpEventHandler *clone() const override { return new IterationCounter(*this); }

    long count() const { return count_->load(); }

private:
    std::shared_ptr<std::atomic<long>> count_;
};

}

extern "C" void *enm_cbc_count_iterations(void *model) {
    Cbc_Model *cbc = static_cast<Cbc_Model *>(model);
    OsiClpSolverInterface *solver = dynamic_cast<OsiClpSolverInterface *>(cbc->model_->solver());
    if (solver == nullptr) return nullptr;
    IterationCounter *counter = new IterationCounter(std::make_shared<std::atomic<long>>(0));
    // the simplex keeps its own clone; this one stays with the caller to read the count
    solver->getModelPtr()->passInEventHandler(counter);
    return counter;
}

extern "C" long enm_cbc_iterations(void *counter) {
    return counter == nullptr ? 0 : static_cast<IterationCounter *>(counter)->count();
}

extern "C" void enm_cbc_count_free(void *counter) {
    delete static_cast<IterationCounter *>(counter);
}
