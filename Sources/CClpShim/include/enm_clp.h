#ifndef ENM_CLP_H
#define ENM_CLP_H

#ifdef __cplusplus
extern "C" {
#endif

/// Called for each of CLP's simplex status messages (iteration, objective and sum of primal
/// infeasibilities) and barrier iteration messages (iteration, primal objective, NaN).
typedef void (*enm_clp_progress)(void *info, int iteration, double objective, double infeasibility);

/// Called with each line of CLP's log.
typedef void (*enm_clp_log)(void *info, const char *line);

/// Replaces the message handler of `model` (a `Clp_Simplex *` of CLP's C interface) with one
/// that prints nothing, passes CLP's simplex status messages to `progress` and every message's
/// text to `log` (either may be NULL), with `info`; CLP's log level is set to `level` (at least
/// 1, so that it sends them). Returns the handler, which the caller deletes with
/// `enm_clp_progress_free` after the model.
void *enm_clp_follow(void *model, enm_clp_progress progress, enm_clp_log log, int level, void *info);

/// Deletes a handler made by `enm_clp_follow` (after the model that used it).
void enm_clp_progress_free(void *handler);

/// Sets the wall-clock time limit of `model` (a `Clp_Simplex *`) in seconds (negative: none).
/// CLP's C interface sets only the processor-time limit; GAMS's `resLim` is wall-clock time.
void enm_clp_set_wall_seconds(void *model, double seconds);

/// Asked at the end of each simplex iteration whether to stop (nonzero: stop).
typedef int (*enm_clp_stop)(void *info);

/// Gives `model` (a `Clp_Simplex *`) an event handler that asks `stop` with `info` at the end of
/// each iteration and stops the simplex when it answers nonzero (CLP's status 5 then). CLP keeps
/// its own copy of the handler, also in the presolved model.
void enm_clp_watch(void *model, enm_clp_stop stop, void *info);

/// Counts every simplex iteration of the CBC search of `model` (a `Cbc_Model *`, loaded): root,
/// cuts, heuristics, strong branching, nodes. Call before `Cbc_solve`; returns the counter
/// (NULL when the model's solver is not CLP), to read with `enm_cbc_iterations` and delete with
/// `enm_cbc_count_free` after the model.
void *enm_cbc_count_iterations(void *model);

/// The iterations counted so far by a counter of `enm_cbc_count_iterations` (0 for NULL).
long enm_cbc_iterations(void *counter);

/// Deletes a counter made by `enm_cbc_count_iterations` (after the model that used it).
void enm_cbc_count_free(void *counter);

/// Called as a CBC search goes: nodes so far, the best integer point's objective (when
/// `hasIncumbent`) and the best bound, without the objective's constant, in the sense of the
/// model CBC searches (`sense` 1 minimizes, -1 maximizes: CBC searches a maximization as the
/// minimization of the negated objective).
typedef void (*enm_cbc_progress)(void *info, long nodes, double incumbent, int hasIncumbent, double bound, double sense);

/// Gives the search of `model` (a `Cbc_Model *`, loaded) an event handler that calls `progress`
/// with `info` when a node ends (at most every 0.2 s) and when an integer point is found.
/// Returns the handler, to delete with `enm_cbc_follow_free` after the model.
void *enm_cbc_follow(void *model, enm_cbc_progress progress, void *info);

/// Deletes a handler made by `enm_cbc_follow` (after the model that used it).
void enm_cbc_follow_free(void *handler);

#ifdef __cplusplus
}
#endif

#endif
