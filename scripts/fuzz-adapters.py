#!/usr/bin/env python3
"""Fuzzing of the solver adapters: random small models (bounds, coefficients including huge,
tiny, subnormal and infinite ones, sizes, names) solved through enm with GLPK, CLP, CBC and
Ipopt, a third of them with a random option file of the solver's (methods, presolve, cuts,
log levels). A run fails when enm dies on a signal, hangs, exits with a code enm does not give,
prints anything but one JSON object on standard output with --json, or prints on standard
error anything but its own diagnostics (a library writing to the terminal on its own; the log
an option file asks for is allowed there). Deterministic for a seed.

  python3 scripts/fuzz-adapters.py --enm .build/release/enm --seed 1 --seconds 120

Findings are copied to --crash-dir as .gms files with a .txt note.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# (model type, solver option line): every adapter the model types reach
SOLVERS = [("lp", "option lp = glpk;"), ("lp", "option lp = clp;"), ("mip", "option mip = cbc;"),
           ("mip", "option mip = glpk;"), ("nlp", "option nlp = ipopt;"), ("rmip", "option rmip = clp;")]
NUMBERS = ["0", "1", "-1", "2.5", "1e-310", "-1e-310", "4.9e-324", "1e-300", "1e-20", "1e-9", "1e9", "1e15",
           "1e20", "1e30", "1e300", "-1e300", "1.7e308", "inf", "-inf", "eps", "3", "-7", "0.001", "12345.678"]
# per solver: its option file and the settings to draw from; a name in LOGS asks for the
# library's log, which then goes to standard error
OPTION_FILES = {
    "glpk": ("glpk.opt", ["presolve 0", "presolve 1", "adv_basis 1", "adv_basis 2", "scale 0", "meth 2",
                          "pricing 1", "r_test 1", "br_tech 2", "pp_tech 0", "gmi_cuts 1", "mir_cuts 1"]),
    "clp": ("clp.opt", ["startalg primal", "startalg dual", "startalg barrier", "presolve 0", "scaling 0",
                        "scaling 4", "crossover 0", "dualize 1", "perturbation 50", "loglevel 1", "loglevel 3"]),
    "cbc": ("cbc.opt", ["cuts off", "cuts root", "preprocess off", "heuristics off", "strategy 2",
                        "mipstart 1", "solvefinal 1", "loglevel 1", "loglevel 3"]),
    "ipopt": ("ipopt.opt", ["print_level 0", "print_level 5", "mu_strategy adaptive", "tol 1e-10",
                            "hessian_approximation limited-memory", "max_iter 20"]),
}
LOGS = ("loglevel", "print_level")
BOUNDS = ["0", "1", "-1", "10", "-10", "1e20", "-1e20", "1e300", "inf", "-inf", "1e-310", "5e-324"]
# what enm itself writes on standard error: rendered diagnostics
DIAGNOSTIC_LINE = re.compile(r"^(error\[|warning\[| *-->| *\||\d+ *\||\s*= (help|note)|\s*\.\.\.|$| +[\^~-])")
EXIT_CODES = {0, 1, 2, 3, 4}


def number(rng):
    return rng.choice(NUMBERS) if rng.random() < 0.6 else "%.6g" % (rng.uniform(-1, 1) * 10 ** rng.randint(-12, 12))


def name(rng, k):
    stem = rng.choice(["x", "col", "v_" * rng.randint(1, 3), "a" * rng.randint(1, 60), "X9"])
    return "%s%d" % (stem, k)


def model(rng):
    """A random model: its text and its type."""
    mtype, option = rng.choice(SOLVERS)
    n, m = rng.randint(1, 6), rng.randint(1, 6)
    cols = [name(rng, k) for k in range(n)]
    lines = [option]
    kind = "Variable" if mtype == "nlp" else rng.choice(["Variable", "Positive Variable"])
    lines.append("%s %s, zobj;" % (kind, ", ".join(cols)))
    if mtype == "mip":
        ints = [c for c in cols if rng.random() < 0.5]
        if ints:
            lines.append("%s Variable %s;" % (rng.choice(["Integer", "Binary"]), ", ".join(ints)))
    for c in cols:
        if rng.random() < 0.5:
            lines.append("%s.lo = %s;" % (c, rng.choice(BOUNDS)))
        if rng.random() < 0.5:
            lines.append("%s.up = %s;" % (c, rng.choice(BOUNDS)))
        if rng.random() < 0.2:
            lines.append("%s.l = %s;" % (c, number(rng)))
    rows = ["r%d" % k for k in range(m)]
    lines.append("Equation obj, %s;" % ", ".join(rows))

    def term(c):
        coefficient = number(rng)
        if mtype == "nlp" and rng.random() < 0.4:
            return "%s*%s" % (coefficient, rng.choice(["sqr(%s)", "exp(%s)", "log(1+sqr(%s))", "%s*%s" % ("%s", cols[0])]) % c)
        return "%s*%s" % (coefficient, c)

    lines.append("obj.. zobj =e= %s;" % " + ".join(term(c) for c in rng.sample(cols, rng.randint(1, n))))
    for r in rows:
        body = " + ".join(term(c) for c in rng.sample(cols, rng.randint(1, n)))
        lines.append("%s.. %s %s %s;" % (r, body, rng.choice(["=l=", "=g=", "=e="]), number(rng)))
    lines.append("Model mdl / all /;")
    if rng.random() < 0.3:
        lines.append("mdl.iterLim = %d;" % rng.choice([0, 1, 5, 1000]))
    options = None
    if rng.random() < 0.3:
        file, pool = OPTION_FILES[option.split("=")[1].strip(" ;")]
        options = (file, rng.sample(pool, rng.randint(1, 3)))
        lines.append("mdl.optFile = 1;")
    lines.append("solve mdl using %s %s zobj;" % (mtype, rng.choice(["minimizing", "maximizing"])))
    return "\n".join(lines) + "\n", mtype, options


def judge(code, stdout, stderr, timed_out, logs):
    """Why a run failed, or None; `logs`: an option file asked for the library's log."""
    if timed_out:
        return "hang"
    if code < 0:
        return "signal %d" % -code
    if code not in EXIT_CODES:
        return "exit code %d" % code
    try:
        json.loads(stdout)
    except ValueError:
        return "standard output is not one JSON object: %r" % stdout[:200]
    stray = [line for line in stderr.splitlines() if not DIAGNOSTIC_LINE.match(line)]
    if stray and not logs:
        return "unasked output on standard error: %r" % stray[:3]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--enm", default=os.path.join(ROOT, ".build/release/enm"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--limit", type=float, default=30, help="seconds one run may take before it counts as a hang")
    ap.add_argument("--crash-dir", default=os.path.join(ROOT, ".build/fuzz-adapter-findings"))
    args = ap.parse_args()
    args.enm = os.path.abspath(args.enm)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="enm-fuzz-adapters-")
    os.makedirs(args.crash_dir, exist_ok=True)
    start, runs, findings = time.time(), 0, 0
    try:
        while time.time() - start < args.seconds:
            text, mtype, options = model(rng)
            path = os.path.join(work, "m.gms")
            with open(path, "w") as f:
                f.write(text)
            for file, _ in OPTION_FILES.values():
                if os.path.exists(os.path.join(work, file)):
                    os.remove(os.path.join(work, file))
            if options:
                with open(os.path.join(work, options[0]), "w") as f:
                    f.write("\n".join(options[1]) + "\n")
            logs = bool(options) and any(s.split()[0] in LOGS and s.split()[1] != "0" for s in options[1])
            timed_out = False
            try:
                p = subprocess.run([args.enm, "solve", "m.gms", "--json"], cwd=work, capture_output=True,
                                   timeout=args.limit, text=True, errors="replace")
                code, out, err = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired:
                code, out, err, timed_out = 0, "", "", True
            runs += 1
            why = judge(code, out, err, timed_out, logs)
            if why:
                findings += 1
                stem = os.path.join(args.crash_dir, "adapter-%d-%d" % (args.seed, runs))
                shutil.copy(path, stem + ".gms")
                if options:
                    shutil.copy(os.path.join(work, options[0]), stem + "." + options[0])
                with open(stem + ".txt", "w") as f:
                    f.write("%s (%s)\n%s" % (why, mtype, err[:4000]))
                print("finding %d (%s): %s" % (runs, mtype, why), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d models run, %d findings" % (runs, findings))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
