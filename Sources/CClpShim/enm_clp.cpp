// CLP's message handler, replaced so that its iteration messages reach enm's progress line and
// its log reaches enm's (--log).
// CLP's C interface can register a callback, but CLP 1.17 then still prints every message on
// standard output, which holds enm's results; this handler prints nothing.
#define CLP_EXTERN_C
#include <ClpSimplex.hpp>
#include <ClpEventHandler.hpp>
#include <CoinMessageHandler.hpp>
#include <Clp_C_Interface.h>
#include <limits>
#include "enm_clp.h"

namespace {

// CLP's message number of a simplex status line (iteration, objective, primal infeasibility)
const int simplexStatus = 6;
// and of a barrier iteration line (iteration; primal objective, dual objective, complementarity;
// no infeasibility)
const int barrierStatus = 35;

class ProgressHandler : public CoinMessageHandler {
public:
    ProgressHandler(enm_clp_progress progress, enm_clp_log log, void *info) : progress_(progress), log_(log), info_(info) {}

    CoinMessageHandler *clone() const override { return new ProgressHandler(*this); }

    int print() override {
        const int number = currentMessage().externalNumber();
        if (progress_ && number == simplexStatus && numberIntFields() > 0 && numberDoubleFields() > 1) {
            progress_(info_, static_cast<int>(intValue(0)), doubleValue(0), doubleValue(1));
        } else if (progress_ && number == barrierStatus && numberIntFields() > 0 && numberDoubleFields() > 2) {
            progress_(info_, static_cast<int>(intValue(0)), doubleValue(0), std::numeric_limits<double>::quiet_NaN());
        }
        if (log_) log_(info_, messageBuffer());
        return 0;
    }

private:
    enm_clp_progress progress_;
    enm_clp_log log_;
    void *info_;
};

// Asks enm at the end of each iteration whether to go on; CLP clones it into every copy of the
// model (the presolved one too), and the clones share the callback and its state.
class StopHandler : public ClpEventHandler {
public:
    StopHandler(enm_clp_stop stop, void *info) : stop_(stop), info_(info) {}

    ClpEventHandler *clone() const override { return new StopHandler(*this); }

    int event(Event whichEvent) override {
        // -1 goes on; a value of 0 or more stops the simplex (status 5)
        return whichEvent == endOfIteration && stop_(info_) ? 0 : -1;
    }

private:
    enm_clp_stop stop_;
    void *info_;
};

}

extern "C" void enm_clp_set_wall_seconds(void *model, double seconds) {
    static_cast<Clp_Simplex *>(model)->model_->setMaximumWallSeconds(seconds);
}

extern "C" void enm_clp_watch(void *model, enm_clp_stop stop, void *info) {
    StopHandler handler(stop, info);
    static_cast<Clp_Simplex *>(model)->model_->passInEventHandler(&handler);
}

extern "C" void *enm_clp_follow(void *model, enm_clp_progress progress, enm_clp_log log, int level, void *info) {
    Clp_Simplex *simplex = static_cast<Clp_Simplex *>(model);
    ProgressHandler *handler = new ProgressHandler(progress, log, info);
    simplex->model_->passInMessageHandler(handler);
    // The handler's own level stays 0: above it, CLP writes some lines itself with std::cout
    // (the barrier's Cholesky size). Its messages are let through by the level of their class.
    simplex->model_->setLogLevel(0);
    const int shown = level < 1 ? 1 : level;
    for (int c = 0; c < COIN_NUM_LOG; c++) simplex->model_->messageHandler()->setLogLevel(c, shown);
    return handler;
}

extern "C" void enm_clp_progress_free(void *handler) {
    delete static_cast<ProgressHandler *>(handler);
}
