// The simplex iterations of a CBC search, and where it stands for the progress line.
//
// CBC 2.10's C interface reports the iterations of its
// copy of the model only when the search reaches the tree (a search ended at the root says 0),
// and never those of preprocessing, heuristics or strong branching. Every LP of the search is
// solved by a copy of the model's CLP solver, and each copy clones that solver's event handler:
// a handler whose clones share one counter sees every simplex iteration of the search.
#define CBC_EXTERN_C
#include <OsiClpSolverInterface.hpp>
#include <ClpEventHandler.hpp>
#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <Cbc_C_Interface.h>
#include <atomic>
#include <chrono>
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

// Where a search stands, for enm's progress line. CBC clones the handler into every copy of the
// model it searches (the preprocessed one too); the clones share the time of the last report.
class SearchFollower : public CbcEventHandler {
public:
    SearchFollower(enm_cbc_progress progress, void *info)
        : progress_(progress), info_(info), last_(std::make_shared<std::atomic<long long>>(0)) {}

    CbcAction event(CbcEvent which) override {
        const bool found = which == solution || which == heuristicSolution;
        if (!found && which != node && which != treeStatus) return noAction;
        const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now().time_since_epoch()).count();
        if (!found && now - last_->load(std::memory_order_relaxed) < 200) return noAction;
        last_->store(now, std::memory_order_relaxed);
        const CbcModel *model = getModel();
        if (model == nullptr) return noAction;
        const bool incumbent = model->bestSolution() != nullptr;
        progress_(info_, model->getNodeCount(), incumbent ? model->getObjValue() : 0, incumbent ? 1 : 0,
                  model->getBestPossibleObjValue(), model->solver()->getObjSense());
        return noAction;
    }

    CbcEventHandler *clone() const override { return new SearchFollower(*this); }

private:
    enm_cbc_progress progress_;
    void *info_;
    std::shared_ptr<std::atomic<long long>> last_;
};

}

extern "C" void *enm_cbc_follow(void *model, enm_cbc_progress progress, void *info) {
    SearchFollower *follower = new SearchFollower(progress, info);
    // the model keeps its own clone
    static_cast<Cbc_Model *>(model)->model_->passInEventHandler(follower);
    return follower;
}

extern "C" void enm_cbc_follow_free(void *handler) {
    delete static_cast<SearchFollower *>(handler);
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
