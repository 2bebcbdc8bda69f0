/*
 * ipopt_asl: a small AMPL solver driver for Ipopt, for systems (such as Debian) that ship the
 * Ipopt library (coinor-libipopt-dev) and the AMPL Solver Library (libamplsolver-dev) but no
 * `ipopt` executable. Pyomo's SolverFactory('ipopt', executable=...) runs it as
 *
 *     ipopt_asl STUB -AMPL [key=value ...]        (STUB or STUB.nl; options also in $ipopt_options)
 *     ipopt_asl -v                                 (version, for Pyomo's version check)
 *
 * It reads STUB.nl with the ASL (pfgh_read, for sparse Hessians), hands the problem to Ipopt's C
 * interface with exact first and second derivatives, starts from the .nl's primal values (0 where
 * none is given; Ipopt pushes them inside the bounds), and writes STUB.sol (primal values,
 * constraint duals, solve_result_num, the iteration count in the message) for the caller; the
 * .sol is written with or without -AMPL. The ASL's objval() includes the objective's constant,
 * and ranges (lower < body < upper) are ordinary Ipopt constraints with two bounds.
 *
 * Options: Ipopt's defaults, changed only by `key=value` words in $ipopt_options and then on the
 * command line (later words win). A value is passed as an integer if it reads as one, else as a
 * number, else as a string; if Ipopt refuses that type the next one is tried. Unlike the `ipopt`
 * executable, no ipopt.opt is read from the working directory unless option_file_name is given.
 *
 * Sign conventions. Ipopt minimizes s*f(x) with s = +1 for a minimization, -1 for a maximization
 * (ASL objtype 1), subject to g_L <= g(x) <= g_U, and uses the Lagrangian
 *     s*w*f(x) + sum_i lambda_i g_i(x)          (w = Ipopt's obj_factor)
 * The ASL's sphes() computes the Hessian of  sum_k OW[k] f_k(x) + sum_i Y[i] c_i(x), so
 * OW[obj] = s*w and Y = lambda. AMPL's dual values are d(objective)/d(right-hand side), which is
 * -s*lambda_i for Ipopt's multipliers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "IpStdCInterface.h"   /* Ipopt's C interface (include before asl.h: its macros are short names) */
#include "asl_pfgh.h"          /* the ASL, partially separable functions with Hessians */

#define DRIVER_NAME "ipopt_asl"
#ifndef IPOPT_VERSION_TEXT     /* the build passes $(pkg-config --modversion ipopt) */
#define IPOPT_VERSION_TEXT "3.11"
#endif
#define BIG 1e19               /* Ipopt's default nlp_{lower,upper}_bound_inf */

static ASL *asl;               /* the ASL's macros (n_var, X0, objval, ...) refer to "asl" */

/* State shared by the callbacks. */
static int obj_sign = 1;       /* s above */
static int have_obj = 0;       /* 0 when the .nl has no objective (a feasibility problem) */
static real *ow;               /* objective weights for sphes(), length max(n_obj, 1) */
static int iterations = 0;     /* last iteration number reported by Ipopt */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* ------------------------------------------------------------------ evaluation caching
 * The ASL evaluates nonlinear parts lazily and keeps intermediate values for the last x; its
 * Hessian needs the objective and the constraints to have been evaluated at the current x. So:
 * on a new x tell the ASL (xknown) and forget which functions were evaluated there. */
static int obj_done = 0, con_done = 0;
static real *con_values;       /* g(x) at the current x, length n_con */
static real obj_value;         /* f(x) at the current x (without the sign s) */

static void new_point(Number *x) {
    xknown(x);
    obj_done = con_done = 0;
}

static Bool eval_objective(Number *x) {
    fint err = 0;
    if (!obj_done) {
        obj_value = have_obj ? objval(obj_no, x, &err) : 0.0;
        if (err) return FALSE;
        obj_done = 1;
    }
    return TRUE;
}

static Bool eval_constraints(Number *x) {
    fint err = 0;
    if (!con_done) {
        if (n_con > 0) conval(x, con_values, &err);
        if (err) return FALSE;
        con_done = 1;
    }
    return TRUE;
}

/* ------------------------------------------------------------------ Ipopt callbacks */
static Bool eval_f(Index n, Number *x, Bool new_x, Number *f, UserDataPtr data) {
    (void)n; (void)data;
    if (new_x) new_point(x);
    if (!eval_objective(x)) return FALSE;
    *f = obj_sign * obj_value;
    return TRUE;
}

static Bool eval_grad_f(Index n, Number *x, Bool new_x, Number *grad, UserDataPtr data) {
    fint err = 0;
    Index j;
    (void)data;
    if (new_x) new_point(x);
    if (!have_obj) {
        for (j = 0; j < n; j++) grad[j] = 0.0;
        return TRUE;
    }
    objgrd(obj_no, x, grad, &err);
    if (err) return FALSE;
    for (j = 0; j < n; j++) grad[j] *= obj_sign;
    return TRUE;
}

static Bool eval_g(Index n, Number *x, Bool new_x, Index m, Number *g, UserDataPtr data) {
    (void)n; (void)data;
    if (new_x) new_point(x);
    if (!eval_constraints(x)) return FALSE;
    memcpy(g, con_values, (size_t)m * sizeof(Number));
    return TRUE;
}

/* Jacobian: the ASL lists the nonzeros of constraint i in Cgrad[i]; jacval() stores the value
 * of each at position goff, so the structure is (i, varno) at goff. */
static Bool eval_jac_g(Index n, Number *x, Bool new_x, Index m, Index nele,
                       Index *row, Index *col, Number *values, UserDataPtr data) {
    (void)n; (void)nele; (void)data;
    if (values == NULL) {
        Index i;
        cgrad *cg;
        for (i = 0; i < m; i++)
            for (cg = Cgrad[i]; cg; cg = cg->next) {
                row[cg->goff] = i;
                col[cg->goff] = (Index)cg->varno;
            }
        return TRUE;
    } else {
        fint err = 0;
        if (new_x) new_point(x);
        jacval(x, values, &err);
        return err ? FALSE : TRUE;
    }
}

/* Hessian of the Lagrangian: sphsetup() (called once in main, upper triangle stored by
 * columns) gives for column j the rows hrownos[hcolstarts[j] .. hcolstarts[j+1]-1], all <= j.
 * Ipopt wants one triangle: entry (row r, column j) with r <= j is given to Ipopt as (j, r). */
static Bool eval_h(Index n, Number *x, Bool new_x, Number obj_factor, Index m, Number *lambda,
                   Bool new_lambda, Index nele, Index *row, Index *col, Number *values,
                   UserDataPtr data) {
    (void)m; (void)new_lambda; (void)nele; (void)data;
    if (values == NULL) {
        Index j;
        fint k;
        for (j = 0; j < n; j++)
            for (k = sputinfo->hcolstarts[j]; k < sputinfo->hcolstarts[j + 1]; k++) {
                row[k] = j;
                col[k] = (Index)sputinfo->hrownos[k];
            }
        return TRUE;
    }
    if (new_x) new_point(x);
    /* the nonlinear parts must have been evaluated at x before sphes() */
    if (!eval_objective(x) || !eval_constraints(x)) return FALSE;
    if (have_obj) ow[obj_no] = obj_sign * obj_factor;
    sphes(values, -1, have_obj ? ow : NULL, n_con > 0 ? lambda : NULL);
    return TRUE;
}

static Bool intermediate(Index alg_mod, Index iter, Number obj, Number inf_pr, Number inf_du,
                         Number mu, Number d_norm, Number reg, Number alpha_du, Number alpha_pr,
                         Index ls_trials, UserDataPtr data) {
    (void)alg_mod; (void)obj; (void)inf_pr; (void)inf_du; (void)mu; (void)d_norm; (void)reg;
    (void)alpha_du; (void)alpha_pr; (void)ls_trials; (void)data;
    iterations = iter;
    return TRUE;
}

/* ------------------------------------------------------------------ options */

/* Ipopt complains on standard output about an option set with the wrong type, and its type is
 * not known here: the attempts run with standard output sent to /dev/null, and only an option
 * that no attempt could set is reported (on standard error). */
static int quiet_begin(void) {
    int saved, null;
    fflush(stdout);
    saved = dup(1);
    null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        dup2(null, 1);
        close(null);
    }
    return saved;
}

static void quiet_end(int saved) {
    fflush(stdout);
    if (saved >= 0) {
        dup2(saved, 1);
        close(saved);
    }
}

/* Passes one "key=value" word to Ipopt; returns 0 if Ipopt accepted it. */
static int set_option(IpoptProblem problem, char *word) {
    char *eq = strchr(word, '='), *key = word, *value, *end;
    long ival;
    double dval;
    size_t len;
    int ok = 0, saved;
    if (eq == NULL || eq == word) {
        fprintf(stderr, DRIVER_NAME ": ignoring '%s' (expected key=value)\n", word);
        return 1;
    }
    *eq = '\0';
    value = eq + 1;
    len = strlen(value);                      /* strip one pair of quotes: key="a b" */
    if (len >= 2 && (value[0] == '"' || value[0] == '\'') && value[len - 1] == value[0]) {
        value[len - 1] = '\0';
        value++;
    }
    saved = quiet_begin();
    ival = strtol(value, &end, 10);
    if (*value && *end == '\0') ok = AddIpoptIntOption(problem, key, (Int)ival);
    dval = strtod(value, &end);
    if (!ok && *value && *end == '\0') ok = AddIpoptNumOption(problem, key, dval);
    if (!ok) ok = AddIpoptStrOption(problem, key, value);
    quiet_end(saved);
    if (ok) return 0;
    fprintf(stderr, DRIVER_NAME ": Ipopt refused option %s=%s (unknown name or invalid value)\n",
            key, value);
    return 1;
}

/* Splits $ipopt_options into words at blanks outside quotes and passes each to Ipopt. */
static void env_options(IpoptProblem problem) {
    const char *env = getenv("ipopt_options");
    char *buf, *p, *word;
    char quote = 0;
    if (env == NULL) return;
    buf = strdup(env);
    p = buf;
    for (;;) {
        while (*p && isspace((unsigned char)*p)) p++;
        if (!*p) break;
        word = p;
        for (; *p && (quote || !isspace((unsigned char)*p)); p++)
            if (*p == '"' || *p == '\'') quote = (quote == *p) ? 0 : (quote ? quote : *p);
        if (*p) *p++ = '\0';
        set_option(problem, word);
    }
    free(buf);
}

/* ------------------------------------------------------------------ result codes */

/* AMPL's solve_result_num and a message for an Ipopt return status. */
static int result_code(enum ApplicationReturnStatus status, const char **text) {
    switch (status) {
    case Solve_Succeeded:                    *text = "Optimal Solution Found"; return 0;
    case Feasible_Point_Found:               *text = "Feasible Point Found (square problem)"; return 1;
    case Solved_To_Acceptable_Level:         *text = "Solved To Acceptable Level"; return 100;
    case Infeasible_Problem_Detected:        *text = "Converged to a locally infeasible point"; return 200;
    case Diverging_Iterates:                 *text = "Iterates diverging; problem might be unbounded"; return 300;
    case Maximum_Iterations_Exceeded:        *text = "Maximum Number of Iterations Exceeded"; return 400;
    case Maximum_CpuTime_Exceeded:           *text = "Maximum CPU Time Exceeded"; return 401;
    case Search_Direction_Becomes_Too_Small: *text = "Search Direction becomes Too Small"; return 500;
    case User_Requested_Stop:                *text = "Stopping optimization at current point as requested by user"; return 501;
    case Restoration_Failed:                 *text = "Restoration Phase Failed"; return 502;
    case Error_In_Step_Computation:          *text = "Error in step computation"; return 503;
    case Invalid_Number_Detected:            *text = "Invalid number in NLP function or derivative detected"; return 504;
    case Not_Enough_Degrees_Of_Freedom:      *text = "Problem has too few degrees of freedom"; return 505;
    case Invalid_Option:                     *text = "Invalid option"; return 506;
    case Invalid_Problem_Definition:         *text = "Invalid problem definition"; return 507;
    default:                                 *text = "Ipopt failed (internal error or exception)"; return 510;
    }
}

/* ------------------------------------------------------------------ main */
int main(int argc, char **argv) {
    double t_start = now(), t_read, t_solve, t_end;
    char *stub = NULL, msg[256];
    const char *text;
    FILE *nl;
    int i, code;
    Index n, m, j, nnz_jac, nnz_hess;
    Number *x_L, *x_U, *g_L, *g_U, *x, *lambda, *y, final_obj = 0.0;
    IpoptProblem problem;
    enum ApplicationReturnStatus status;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--version")) {
            printf("Ipopt %s (" DRIVER_NAME ", an AMPL driver on the AMPL Solver Library)\n",
                   IPOPT_VERSION_TEXT);
            return 0;
        }
        if (argv[i][0] != '-' && strchr(argv[i], '=') == NULL && stub == NULL) stub = argv[i];
    }
    if (stub == NULL) {
        fprintf(stderr, "usage: " DRIVER_NAME " STUB[.nl] [-AMPL] [key=value ...]\n");
        return 1;
    }

    /* ---- read the .nl file; jac0dim wants the stub without ".nl" */
    stub = strdup(stub);
    {
        size_t len = strlen(stub);
        if (len > 3 && !strcmp(stub + len - 3, ".nl")) stub[len - 3] = '\0';
    }
    asl = ASL_alloc(ASL_read_pfgh);
    nl = jac0dim(stub, (fint)strlen(stub));
    if (nl == NULL) {
        fprintf(stderr, DRIVER_NAME ": cannot read %s.nl\n", stub);
        return 1;
    }
    n = n_var;
    m = n_con;
    X0 = (real *)calloc((size_t)n, sizeof(real));  /* the .nl's initial values, 0 if not given */
    if (pfgh_read(nl, ASL_findgroups | ASL_return_read_err) != 0) {
        fprintf(stderr, DRIVER_NAME ": error reading %s.nl\n", stub);
        return 1;
    }
    have_obj = n_obj > 0;
    if (have_obj && objtype[obj_no] == 1) obj_sign = -1;     /* maximize */
    ow = (real *)calloc((size_t)(n_obj > 0 ? n_obj : 1), sizeof(real));
    con_values = (real *)calloc((size_t)(m > 0 ? m : 1), sizeof(real));

    /* bounds: the ASL stores them as (lower, upper) pairs and uses +-Infinity for none */
    x_L = (Number *)malloc((size_t)n * sizeof(Number));
    x_U = (Number *)malloc((size_t)n * sizeof(Number));
    g_L = (Number *)malloc((size_t)(m > 0 ? m : 1) * sizeof(Number));
    g_U = (Number *)malloc((size_t)(m > 0 ? m : 1) * sizeof(Number));
    for (j = 0; j < n; j++) {
        x_L[j] = Uvx ? LUv[j] : LUv[2 * j];
        x_U[j] = Uvx ? Uvx[j] : LUv[2 * j + 1];
    }
    for (i = 0; i < m; i++) {
        g_L[i] = Urhsx ? LUrhs[i] : LUrhs[2 * i];
        g_U[i] = Urhsx ? Urhsx[i] : LUrhs[2 * i + 1];
    }
    for (j = 0; j < n; j++) {
        if (x_L[j] < -BIG) x_L[j] = -BIG;
        if (x_U[j] > BIG) x_U[j] = BIG;
    }
    for (i = 0; i < m; i++) {
        if (g_L[i] < -BIG) g_L[i] = -BIG;
        if (g_U[i] > BIG) g_U[i] = BIG;
    }

    nnz_jac = (Index)nzc;
    nnz_hess = (Index)sphsetup(-1, 1, m > 0, 1);  /* weighted objectives, multipliers, upper triangle */
    t_read = now();
    printf(DRIVER_NAME ": %s.nl: %d variables, %d constraints, %d Jacobian and %d Hessian nonzeros\n",
           stub, (int)n, (int)m, (int)nnz_jac, (int)nnz_hess);
    fflush(stdout);

    /* ---- Ipopt */
    problem = CreateIpoptProblem(n, x_L, x_U, m, g_L, g_U, nnz_jac, nnz_hess, 0,
                                 eval_f, eval_g, eval_grad_f, eval_jac_g, eval_h);
    if (problem == NULL) {
        fprintf(stderr, DRIVER_NAME ": Ipopt refused the problem\n");
        return 1;
    }
    AddIpoptStrOption(problem, "option_file_name", "");   /* no implicit ipopt.opt */
    env_options(problem);
    for (i = 1; i < argc; i++)
        if (strchr(argv[i], '=') != NULL) {
            char *word = strdup(argv[i]);
            set_option(problem, word);
            free(word);
        }
    SetIntermediateCallback(problem, intermediate);

    x = (Number *)malloc((size_t)n * sizeof(Number));
    memcpy(x, X0, (size_t)n * sizeof(Number));
    lambda = (Number *)calloc((size_t)(m > 0 ? m : 1), sizeof(Number));
    status = IpoptSolve(problem, x, NULL, &final_obj, lambda, NULL, NULL, NULL);
    t_solve = now();

    /* ---- the .sol file: values, AMPL duals (-s*lambda), status */
    y = (Number *)malloc((size_t)(m > 0 ? m : 1) * sizeof(Number));
    for (i = 0; i < m; i++) y[i] = -obj_sign * lambda[i];
    code = result_code(status, &text);
    solve_result_num = code;
    snprintf(msg, sizeof msg, "Ipopt %s: %s (%d iterations)", IPOPT_VERSION_TEXT, text, iterations);
    write_sol(msg, x, y, NULL);
    t_end = now();

    printf("\n" DRIVER_NAME ": %s; objective %.10g; solve_result_num %d\n",
           msg, obj_sign * final_obj, code);
    printf(DRIVER_NAME ": wall seconds: read %.3f, Ipopt %.3f, write %.3f, total %.3f\n",
           t_read - t_start, t_solve - t_read, t_end - t_solve, t_end - t_start);

    FreeIpoptProblem(problem);
    return 0;
}
