/* A plain C face of Bonmin's C++ API (Bonmin::TMINLP, BonminSetup, Bab): one call solves a mixed-integer
 * nonlinear program whose functions and derivatives come from callbacks, in the manner of Ipopt's C interface. */
#ifndef ENM_BONMIN_H
#define ENM_BONMIN_H

#ifdef __cplusplus
extern "C" {
#endif

/* Function and derivative callbacks; each returns nonzero on success, 0 where it cannot evaluate at x.
 * The structures (Jacobian entries, lower triangle of the Hessian of the Lagrangian) are given in the problem. */
typedef struct EnmBonminCallbacks {
    void *user;
    int (*objective)(void *user, const double *x, double *value);
    int (*gradient)(void *user, const double *x, double *values);
    int (*constraints)(void *user, const double *x, double *values);
    int (*jacobian)(void *user, const double *x, double *values);
    int (*hessian)(void *user, const double *x, double objective_factor, const double *multipliers, double *values);
} EnmBonminCallbacks;

/* The problem, minimized: n columns with bounds, starting point and integrality; m rows with bounds;
 * which rows and columns appear nonlinearly (Bonmin's outer approximations use it). Infinite bounds are +-1e19
 * or beyond. */
typedef struct EnmBonminProblem {
    int column_count;
    int row_count;
    const double *column_lower;
    const double *column_upper;
    const double *column_start;
    const int *column_is_integer;
    const int *column_is_nonlinear;
    const double *row_lower;
    const double *row_upper;
    const int *row_is_nonlinear;
    int jacobian_count;
    const int *jacobian_rows;
    const int *jacobian_columns;
    int hessian_count;
    const int *hessian_rows;
    const int *hessian_columns;
} EnmBonminProblem;

/* How the branch-and-bound ended (Bonmin::Bab::MipStatuses), or that it failed before. */
typedef enum EnmBonminStatus {
    ENM_BONMIN_OPTIMAL = 0,          /* an integer solution, its optimality proved (for a convex model) */
    ENM_BONMIN_INFEASIBLE = 1,       /* proved infeasible (locally, for a nonconvex model) */
    ENM_BONMIN_FEASIBLE = 2,         /* an integer solution, not proved optimal (a limit stopped the search) */
    ENM_BONMIN_UNBOUNDED = 3,        /* the continuous relaxation is unbounded or infeasible */
    ENM_BONMIN_NO_SOLUTION = 4,      /* stopped (on a limit) without an integer solution */
    ENM_BONMIN_OPTION_ERROR = 5,     /* an option was not accepted; the message names it */
    ENM_BONMIN_FAILURE = 6           /* Bonmin threw an exception; the message says what it was */
} EnmBonminStatus;

/* What the search stopped on besides finishing (Cbc's limits as Bonmin's CbcModel saw them). */
typedef enum EnmBonminLimit {
    ENM_BONMIN_LIMIT_NONE = 0,
    ENM_BONMIN_LIMIT_TIME = 1,
    ENM_BONMIN_LIMIT_NODES = 2,
    ENM_BONMIN_LIMIT_ITERATIONS = 3,
    ENM_BONMIN_LIMIT_GAP = 4,
    ENM_BONMIN_LIMIT_OTHER = 5
} EnmBonminLimit;

typedef struct EnmBonminResult {
    EnmBonminStatus status;
    EnmBonminLimit limit;
    int has_solution;
    double objective;       /* of the minimized problem, at the returned point */
    double best_bound;      /* Bonmin's best lower bound of the minimized problem */
    int nodes;
    int iterations;
    char message[512];
} EnmBonminResult;

/* Options set after the adapter's own ones, in order: an Ipopt or Bonmin option by name ("bonmin." prefix
 * optional for Bonmin's) and its value as written. One that is unknown or whose value is refused is skipped and
 * reported through `rejected` (its index and the reason). */
typedef struct EnmBonminOptions {
    int count;
    const char *const *names;
    const char *const *values;
    void *user;
    void (*rejected)(void *user, int index, const char *reason);
} EnmBonminOptions;

/* Solves the problem; writes the best point found into `x` (column_count entries) when result->has_solution.
 * Never throws. */
void enm_bonmin_solve(const EnmBonminProblem *problem, const EnmBonminCallbacks *callbacks,
                      const EnmBonminOptions *options, double *x, EnmBonminResult *result);

#ifdef __cplusplus
}
#endif

#endif
