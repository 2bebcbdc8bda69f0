#include "siconos_shim.h"

#include <fcntl.h>
#include <math.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <MixedComplementarityProblem.h>
#include <MCP_Solvers.h>
#include <MCP_cst.h>
#include <NonSmoothDrivers.h>
#include <NumericsMatrix.h>
#include <SolverOptions.h>

/* What Siconos's callbacks (which return nothing) need to reach the caller's functions. */
typedef struct {
    enm_mcp_function f;
    enm_mcp_jacobian j;
    void *env;
    int failed;
} context;

/* After a failed evaluation every later one returns a huge residual, so that Siconos's line
   search rejects the step and its iteration ends (it has no way to be told to stop). */
static void evaluate(void *env, int n, double *z, double *f) {
    context *c = env;
    if (c->failed || !c->f(c->env, n, z, f)) {
        c->failed = 1;
        for (int i = 0; i < n; i++) f[i] = 1e300;
    }
}

static void differentiate(void *env, int n, double *z, NumericsMatrix *m) {
    context *c = env;
    memset(m->matrix0, 0, sizeof(double) * (size_t)n * (size_t)n);
    if (c->failed || !c->j(c->env, n, z, m->matrix0)) {
        c->failed = 1;
        for (int i = 0; i < n; i++) m->matrix0[i * n + i] = 1;
    }
}

enm_mcp_outcome enm_mcp_solve(int equalities, int complementarities, enm_mcp_function f, enm_mcp_jacobian j,
                              void *env, double *z, double *w, double tolerance, int maxIterations) {
    enm_mcp_outcome out = {1, 0, NAN, 0};
    int n = equalities + complementarities;
    context c = {f, j, env, 0};
    MixedComplementarityProblem *problem = mixedComplementarityProblem_new();
    problem->n1 = equalities;
    problem->n2 = complementarities;
    problem->compute_Fmcp = evaluate;
    problem->compute_nabla_Fmcp = differentiate;
    problem->nabla_Fmcp = NM_create(NM_DENSE, n, n);
    problem->env = &c;
    SolverOptions *options = solver_options_create(SICONOS_MCP_NEWTON_FB_FBLSA);
    options->dparam[SICONOS_DPARAM_TOL] = tolerance;
    options->iparam[SICONOS_IPARAM_MAX_ITER] = maxIterations;
    /* Siconos writes its LAPACK failures to standard error whatever its verbosity ("LU
       factorisation DGETRF failed" on a singular Newton matrix, which its line search then
       handles); the caller reports the outcome in its own words, so the solve runs with standard
       error on /dev/null. */
    fflush(stderr);
    int saved = dup(2), quiet = open("/dev/null", O_WRONLY);
    if (saved >= 0 && quiet >= 0) dup2(quiet, 2);
    out.info = mcp_driver(problem, z, w, options);
    fflush(stderr);
    if (saved >= 0 && quiet >= 0) dup2(saved, 2);
    if (quiet >= 0) close(quiet);
    if (saved >= 0) close(saved);
    out.iterations = options->iparam[SICONOS_IPARAM_ITER_DONE];
    out.residual = options->dparam[SICONOS_DPARAM_RESIDU];
    out.evaluationFailed = c.failed;
    solver_options_delete(options);
    /* the delete clears the options but leaves the structure itself */
    free(options);
    /* the problem's free leaves its Jacobian */
    NM_free(problem->nabla_Fmcp);
    problem->nabla_Fmcp = NULL;
    mixedComplementarityProblem_free(problem);
    return out;
}
