/* A narrow C interface to Siconos numerics' mixed complementarity solver (Newton on the
   Fischer-Burmeister reformulation with a line search), so that Swift never sees Siconos's
   headers. The problem is Siconos's: the first `equalities` components of z are free with
   F(z) = 0, the other `complementarities` satisfy 0 <= z ⊥ F(z) >= 0. */
#ifndef ENM_SICONOS_SHIM_H
#define ENM_SICONOS_SHIM_H

/* F(z) into f; returns 0 when the evaluation failed (a domain error): the solve then stops. */
typedef int (*enm_mcp_function)(void *env, int n, const double *z, double *f);
/* The Jacobian of F at z into `dense`, column-major n by n (already zeroed); 0 on failure. */
typedef int (*enm_mcp_jacobian)(void *env, int n, const double *z, double *dense);

typedef struct {
    /* Siconos's termination value: 0 solved, otherwise not. */
    int info;
    int iterations;
    /* Siconos's final residual (its complementarity error measure). */
    double residual;
    /* 1 when an evaluation failed and the solve was cut short. */
    int evaluationFailed;
} enm_mcp_outcome;

/* Solves from z (updated in place to the last iterate); w receives F(z). `complementarities`
   must be at least 1: Siconos 4.4 hands BLAS an invalid leading dimension without one. */
enm_mcp_outcome enm_mcp_solve(int equalities, int complementarities, enm_mcp_function f, enm_mcp_jacobian j,
                              void *env, double *z, double *w, double tolerance, int maxIterations);

#endif
