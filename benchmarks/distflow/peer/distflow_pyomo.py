#!/usr/bin/env python3
"""The DistFlow benchmark model (../distflow.gms) in Pyomo, solved by Ipopt through ipopt_asl.

    python distflow_pyomo.py --data=../data-33.inc [--ell=free] [--start=flat|zero|pf]
                             [--startdata=FILE] [--opt=1] [--objvar] [--exe=PATH] [--log=FILE]

The same variables, bounds, equations (in the same form), objective and starting point as
distflow.gms under enm, and the same data file: the GAMS declarations that generate.py writes are
parsed here. The objective is the cost expression, as enm hands it to Ipopt after substituting the
objective variable cost and its defining equation obj (--objvar keeps both, as the GAMS text has
them: a different problem for Ipopt). Levels start as in enm: the --start values projected into
the bounds (so with the default flat start v = 1, soc = emin, everything else 0). Ipopt runs with
its default options, like enm's default run (--opt=1 passes ../ipopt.opt as option_file_name,
like distflow.optFile).

Prints one JSON line: model size as the solver sees it (from ipopt_asl's first line), Ipopt
iterations, status, objective and the time split:
  import    importing pyomo.environ
  build     reading the data and building the ConcreteModel
  write     Pyomo's presolve step: writing the .nl file
  solver    running ipopt_asl (process wall time), and inside it read / ipopt / write as it reports
  postsolve reading the .sol file;  load: loading the solution into the model
  total     from the start of this script (before the imports) to the end of the solve
"""
import time

T_START = time.perf_counter()

import argparse
import json
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- data
def expand(item):
    """A set element or an element range 'n1*n33' as a list of element names."""
    m = re.fullmatch(r"([A-Za-z_]*)(\d+)\*([A-Za-z_]*)(\d+)", item)
    if m and m.group(1) == m.group(3):
        return ["%s%d" % (m.group(1), k) for k in range(int(m.group(2)), int(m.group(4)) + 1)]
    return [item]


def read_gams_data(path):
    """Sets, parameters and scalars of a data include written by generate.py.

    The format: '*' comment lines, '$' control lines, and statements ending with ';' that start
    with Set(s), Parameter(s) or Scalar(s) and hold declarations  name[(domain)] ['text'] / data /.
    Set data: comma-separated elements, 'a.b' tuples or 'p1*p9' ranges. Parameter data:
    'key value' pairs, keys 'a.b' for several dimensions. Returns (sets, params): sets maps a name
    to a list of elements (tuples for more than one dimension), params maps a name to a dict
    {key: value} (key a string or tuple) or, for a scalar, a float.
    """
    text = "\n".join(line for line in open(path).read().splitlines()
                     if not line.lstrip().startswith(("*", "$")))
    sets, params = {}, {}
    decl = re.compile(r"(\w+)\s*(?:\(([\w,\s]*)\))?\s*(?:'[^']*'|\"[^\"]*\")?\s*/([^/]*)/")
    for statement in text.split(";"):
        statement = statement.strip()
        if not statement:
            continue
        keyword = statement.split(None, 1)[0].lower()
        body = statement[len(keyword):]
        kind = {"set": "set", "sets": "set", "parameter": "par", "parameters": "par",
                "scalar": "scalar", "scalars": "scalar"}.get(keyword)
        if kind is None:
            raise SystemExit("%s: unexpected statement '%s'" % (path, statement[:40]))
        for name, domain, data in decl.findall(body):
            items = [s.strip() for s in data.replace("\n", ",").split(",") if s.strip()]
            if kind == "set":
                elements = []
                for item in items:
                    parts = item.split(".")
                    if len(parts) == 1:
                        elements.extend(expand(item))
                    else:
                        elements.append(tuple(parts))
                sets[name] = elements
            elif kind == "scalar":
                params[name] = float(items[0]) if items else 0.0
            else:
                values = {}
                for item in items:
                    key, value = item.split()
                    parts = key.split(".")
                    values[parts[0] if len(parts) == 1 else tuple(parts)] = float(value)
                params[name] = values
    return sets, params


# ---------------------------------------------------------------- model
def build_model(pe, sets, par, ell_free, objvar, start, start_par):
    """The ConcreteModel of distflow.gms; levels set to `start` (flat, zero or pf).

    objvar False (the default): the objective is the cost expression itself, which is what enm
    passes to Ipopt (enm, like GAMS for NLP solvers, substitutes the free objective variable that
    one equality defines: `cost` and its row obj are not in Ipopt's problem). objvar True: the
    literal GAMS text, the variable cost, the equality obj and `minimize cost`.
    """
    N, T, B = sets["n"], sets["t"], sets["b"]
    root = set(sets["root"])
    lines = sets["br"]                                   # (parent i, child j)
    at = {}                                              # bus -> batteries there
    for b, n in sets["at"]:
        at.setdefault(n, []).append(b)
    parents, children = {}, {}
    for i, j in lines:
        parents.setdefault(j, []).append(i)
        children.setdefault(i, []).append(j)
    r, x = par["r"], par["x"]
    pd, qd, price, dt = par["pd"], par["qd"], par["price"], par["dt"]
    pmax, emax, emin, e0 = par["pmax"], par["emax"], par["emin"], par["e0"]
    effc, effd, degc = par["effc"], par["effd"], par["degc"]
    first, last = T[0], T[-1]
    prev = {T[k]: T[k - 1] for k in range(1, len(T))}
    LT = [(i, j, t) for (i, j) in lines for t in T]      # GAMS order: line, then period

    m = pe.ConcreteModel("distflow")
    # variables, in the order of distflow.gms (levels are set below)
    if objvar:
        m.cost = pe.Var()
    m.P = pe.Var(LT)
    m.Q = pe.Var(LT)
    m.pg = pe.Var(T)
    m.qg = pe.Var(T)
    m.ell = pe.Var(LT, bounds=(None, None) if ell_free else (0, None))
    m.v = pe.Var(N, T, bounds=(0.95 ** 2, 1.05 ** 2))
    m.ch = pe.Var(B, T, bounds=lambda m, b, t: (0, pmax[b]))
    m.dis = pe.Var(B, T, bounds=lambda m, b, t: (0, pmax[b]))
    m.soc = pe.Var(B, T, bounds=lambda m, b, t: (emin[b], emax[b]))

    # equations
    cost = (sum(price[t] * m.pg[t] * dt for t in T)
            + sum(degc[b] * (m.ch[b, t] + m.dis[b, t]) * dt for b in B for t in T))
    if objvar:
        m.obj = pe.Constraint(expr=m.cost == cost)

    def pbal(m, n, t):
        return ((m.pg[t] if n in root else 0)
                + sum(m.P[i, n, t] - r[i, n] * m.ell[i, n, t] for i in parents.get(n, ()))
                + sum(m.dis[b, t] - m.ch[b, t] for b in at.get(n, ()))
                == pd.get((n, t), 0.0) + sum(m.P[n, k, t] for k in children.get(n, ())))
    m.pbal = pe.Constraint(N, T, rule=pbal)

    def qbal(m, n, t):
        return ((m.qg[t] if n in root else 0)
                + sum(m.Q[i, n, t] - x[i, n] * m.ell[i, n, t] for i in parents.get(n, ()))
                == qd.get((n, t), 0.0) + sum(m.Q[n, k, t] for k in children.get(n, ())))
    m.qbal = pe.Constraint(N, T, rule=qbal)

    def vdrop(m, i, j, t):
        return (m.v[j, t] == m.v[i, t] - 2 * (r[i, j] * m.P[i, j, t] + x[i, j] * m.Q[i, j, t])
                + (r[i, j] ** 2 + x[i, j] ** 2) * m.ell[i, j, t])
    m.vdrop = pe.Constraint(LT, rule=vdrop)

    def branch(m, i, j, t):
        return m.P[i, j, t] ** 2 + m.Q[i, j, t] ** 2 == m.v[i, t] * m.ell[i, j, t]
    m.branch = pe.Constraint(LT, rule=branch)

    def socdef(m, b, t):
        return (m.soc[b, t] == (e0[b] if t == first else 0)
                + (m.soc[b, prev[t]] if t != first else 0)
                + (effc[b] * m.ch[b, t] - m.dis[b, t] / effd[b]) * dt)
    m.socdef = pe.Constraint(B, T, rule=socdef)

    m.socend = pe.Constraint(B, rule=lambda m, b: m.soc[b, last] >= e0[b])
    m.objective = pe.Objective(expr=m.cost if objvar else cost, sense=pe.minimize)

    # starting point: the levels distflow.gms sets (0 where it sets none), projected into the
    # bounds as enm (and GAMS) pass them to the solver: with the flat start v = 1, soc = emin
    level = {}
    if start == "flat":
        level["v"] = lambda key: 1.0
    elif start == "pf":
        sp = start_par
        level["P"] = lambda key: sp["P0"].get(key, 0.0)
        level["Q"] = lambda key: sp["Q0"].get(key, 0.0)
        level["ell"] = lambda key: sp["l0"].get(key, 0.0)
        level["v"] = lambda key: sp["v0"].get(key, 0.0)
        level["pg"] = lambda key: sp["pg0"].get(key, 0.0)
        level["qg"] = lambda key: sp["qg0"].get(key, 0.0)
    for var in m.component_objects(pe.Var):
        get = level.get(var.local_name, lambda key: 0.0)
        for key, data in var.items():
            value = get(key)
            if data.lb is not None:
                value = max(value, data.lb)
            if data.ub is not None:
                value = min(value, data.ub)
            data.set_value(value)
    return m, cost


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description="DistFlow in Pyomo, solved by Ipopt via ipopt_asl")
    ap.add_argument("--data", default=os.path.join(HERE, "..", "data-33.inc"))
    ap.add_argument("--ell", choices=("positive", "free"), default="positive")
    ap.add_argument("--start", choices=("flat", "zero", "pf"), default="flat")
    ap.add_argument("--startdata", default=None,
                    help="start include for --start=pf (default: start-SIZE.inc next to --data)")
    ap.add_argument("--objvar", action="store_true",
                    help="keep the variable cost and its equation obj (the GAMS text as written)")
    ap.add_argument("--opt", type=int, choices=(0, 1), default=0,
                    help="1: Ipopt reads ../ipopt.opt (option_file_name)")
    ap.add_argument("--exe", default=os.path.join(HERE, "build", "ipopt_asl"))
    ap.add_argument("--log", default=None, help="keep the solver's output in this file")
    a = ap.parse_args()

    t0 = time.perf_counter()
    import pyomo.environ as pe
    from pyomo.opt import SolverFactory
    t_import = time.perf_counter()

    sets, par = read_gams_data(a.data)
    start_par = None
    if a.start == "pf":
        path = a.startdata or os.path.join(os.path.dirname(os.path.abspath(a.data)),
                                           re.sub(r"^data-", "start-", os.path.basename(a.data)))
        start_par = read_gams_data(path)[1]
    m, cost = build_model(pe, sets, par, a.ell == "free", a.objvar, a.start, start_par)
    t_build = time.perf_counter()

    if not os.access(a.exe, os.X_OK):
        raise SystemExit("ipopt_asl not found at %s (run.sh builds it)" % a.exe)
    opt = SolverFactory("ipopt", executable=a.exe)
    options = {}
    if a.opt == 1:
        options["option_file_name"] = os.path.abspath(os.path.join(HERE, "..", "ipopt.opt"))

    # time Pyomo's phases by wrapping the solver's steps (solve() calls them in this order)
    phases = {"write": 0.0, "solver": 0.0, "postsolve": 0.0}

    def timed(name, fn):
        def wrapper(*args, **kwds):
            t = time.perf_counter()
            try:
                return fn(*args, **kwds)
            finally:
                phases[name] += time.perf_counter() - t
        return wrapper
    opt._presolve = timed("write", opt._presolve)
    opt._apply_solver = timed("solver", opt._apply_solver)
    opt._postsolve = timed("postsolve", opt._postsolve)

    log = a.log or tempfile.mkstemp(prefix="distflow_ipopt_", suffix=".log")[1]
    t_solve0 = time.perf_counter()
    results = opt.solve(m, options=options, logfile=log, load_solutions=True)
    t_solve = time.perf_counter()

    out = open(log, errors="replace").read()
    if a.log is None:
        os.unlink(log)
    size = re.search(r"(\d+) variables, (\d+) constraints, (\d+) Jacobian and (\d+) Hessian", out)
    inner = re.search(r"wall seconds: read ([\d.]+), Ipopt ([\d.]+), write ([\d.]+), total ([\d.]+)", out)
    its = re.search(r"\((\d+) iterations\)", out)
    message = str(results.solver.message).replace("\\x3a", ":")
    doc = {
        "rows": int(size.group(2)) if size else None,
        "columns": int(size.group(1)) if size else None,
        "jacobian_nonzeros": int(size.group(3)) if size else None,
        "hessian_nonzeros": int(size.group(4)) if size else None,
        "iterations": int(its.group(1)) if its else None,
        "status": str(results.solver.termination_condition),
        "message": message,
        "objective": pe.value(cost),
        "seconds": {
            "import": round(t_import - t0, 4),
            "build": round(t_build - t_import, 4),
            "write": round(phases["write"], 4),
            "solver": round(phases["solver"], 4),
            "solver_read": float(inner.group(1)) if inner else None,
            "solver_ipopt": float(inner.group(2)) if inner else None,
            "solver_write": float(inner.group(3)) if inner else None,
            "postsolve": round(phases["postsolve"], 4),
            "load": round((t_solve - t_solve0) - sum(phases.values()), 4),
            "total": round(t_solve - T_START, 4),
        },
    }
    print(json.dumps(doc))
    return 0 if str(results.solver.termination_condition) == "optimal" else 3


if __name__ == "__main__":
    sys.exit(main())
