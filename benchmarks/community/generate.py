#!/usr/bin/env python3
"""Synthetic data for the community energy-sharing benchmark (problems.md, section 1b, one round).

Writes, into --out DIR:
  E.csv      t,i,value   surplus of producer i in step t (kWh), zeros left out, no header row
  N.csv      t,j,value   shortfall of consumer j in step t (kWh), zeros left out, no header row
  link.csv   j,i         each consumer is linked to exactly 5 distinct random producers
  data.dat   the same data as a GNU MathProg data section (for community.mod)
  sizes.inc  GAMS lines "$if not set T $set T ..." for T, P, C and the data directory

Labels: t1..tT, p1..pP, c1..cC. Python 3 standard library only; all randomness comes from
random.Random(seed), so the same arguments always give byte-identical files.

Shape of the data: 15-minute steps (96 per day) of summer days. Producers are buildings with
rooftop PV: surplus = max(0, PV output - own load), PV following a sine between sunrise and
sunset times a per-day cloudiness and per-step noise. Consumers have a load profile with a
morning and an evening peak, some with a small PV plant of their own: shortfall =
max(0, load - own PV). As in the source (rows kept only where total excess > 0 and total deficit
> 0), steps are kept only when both community totals are positive, so every step t1..tT has
sum_i E(t,i) > 0 and sum_j N(t,j) > 0.
"""
import argparse
import math
import os
import random

STEPS_PER_DAY = 96
LINKS_PER_CONSUMER = 5


def pv_shape(step):
    """Clear-sky PV output (0..1) at 15-minute step 0..95 of a summer day."""
    hour = (step + 0.5) / 4.0
    sunrise, sunset = 5.0, 21.0
    if hour <= sunrise or hour >= sunset:
        return 0.0
    return math.sin(math.pi * (hour - sunrise) / (sunset - sunrise)) ** 1.3


def load_shape(step):
    """Building load profile (about 0.35..1.1) with a morning and an evening peak."""
    hour = (step + 0.5) / 4.0
    morning = math.exp(-((hour - 8.0) ** 2) / 6.0)
    evening = math.exp(-((hour - 19.0) ** 2) / 5.0)
    daytime = 0.25 if 7.0 <= hour <= 17.0 else 0.0
    return 0.35 + 0.45 * morning + 0.55 * evening + daytime


def fmt(x):
    """Value as written to both the CSV and the .dat file (identical strings)."""
    return "%.4f" % x


def generate(T, P, C, seed):
    if P < LINKS_PER_CONSUMER:
        raise SystemExit("need P >= %d producers" % LINKS_PER_CONSUMER)
    rng = random.Random(seed)

    # Producers: PV peak output per 15 minutes (kWh) and own base load (kWh per 15 minutes).
    # Sized so that the community's total surplus and total shortfall are of the same order.
    scale = C / P
    prod_pv = [rng.uniform(3.0, 9.0) * scale for _ in range(P)]
    prod_load = [rng.uniform(0.5, 2.0) * scale for _ in range(P)]
    # Consumers: base load (kWh per 15 minutes) and own PV (0 for about half of them).
    cons_load = [rng.uniform(1.0, 6.0) for _ in range(C)]
    cons_pv = [rng.uniform(0.5, 3.0) if rng.random() < 0.5 else 0.0 for _ in range(C)]

    # Links: each consumer picks exactly 5 distinct producers.
    links = []
    for j in range(C):
        for i in sorted(rng.sample(range(P), LINKS_PER_CONSUMER)):
            links.append((j, i))

    E = []  # list over kept steps of [value per producer]
    N = []
    day = 0
    while len(E) < T:
        cloud = rng.uniform(0.35, 1.0)          # weather of the day
        busy = rng.uniform(0.85, 1.15)          # weekday/weekend-like load level
        for step in range(STEPS_PER_DAY):
            if len(E) >= T:
                break
            sun = pv_shape(step) * cloud * rng.uniform(0.8, 1.2)   # passing clouds
            shape = load_shape(step) * busy
            e_row = []
            for i in range(P):
                pv = prod_pv[i] * sun * rng.uniform(0.9, 1.1)
                load = prod_load[i] * shape * rng.uniform(0.8, 1.2)
                v = float(fmt(max(0.0, pv - load)))
                e_row.append(v)
            n_row = []
            for j in range(C):
                load = cons_load[j] * shape * rng.uniform(0.7, 1.3)
                pv = cons_pv[j] * sun * rng.uniform(0.9, 1.1)
                v = float(fmt(max(0.0, load - pv)))
                n_row.append(v)
            if sum(e_row) > 0.0 and sum(n_row) > 0.0:
                E.append(e_row)
                N.append(n_row)
        day += 1
    return E, N, links, day


def write(out, T, P, C, seed, E, N, links):
    os.makedirs(out, exist_ok=True)
    tl = ["t%d" % (k + 1) for k in range(T)]
    pl = ["p%d" % (k + 1) for k in range(P)]
    cl = ["c%d" % (k + 1) for k in range(C)]

    with open(os.path.join(out, "E.csv"), "w") as fh:
        for k in range(T):
            for i in range(P):
                if E[k][i] != 0.0:
                    fh.write("%s,%s,%s\n" % (tl[k], pl[i], fmt(E[k][i])))
    with open(os.path.join(out, "N.csv"), "w") as fh:
        for k in range(T):
            for j in range(C):
                if N[k][j] != 0.0:
                    fh.write("%s,%s,%s\n" % (tl[k], cl[j], fmt(N[k][j])))
    with open(os.path.join(out, "link.csv"), "w") as fh:
        for j, i in links:
            fh.write("%s,%s\n" % (cl[j], pl[i]))

    with open(os.path.join(out, "data.dat"), "w") as fh:
        fh.write("/* community benchmark data: T=%d P=%d C=%d seed=%d (generate.py) */\n"
                 % (T, P, C, seed))
        fh.write("data;\n\n")

        def labels(name, ls):
            fh.write("set %s :=" % name)
            for n, lab in enumerate(ls):
                fh.write("%s%s" % ("\n " if n % 16 == 0 else " ", lab))
            fh.write(";\n\n")

        labels("T", tl)
        labels("I", pl)
        labels("J", cl)
        fh.write("set LINK :=")
        for n, (j, i) in enumerate(links):
            fh.write("%s(%s,%s)" % ("\n " if n % 10 == 0 else " ", cl[j], pl[i]))
        fh.write(";\n\n")
        fh.write("param E :=\n")
        for k in range(T):
            for i in range(P):
                if E[k][i] != 0.0:
                    fh.write(" %s %s %s\n" % (tl[k], pl[i], fmt(E[k][i])))
        fh.write(";\n\n")
        fh.write("param N :=\n")
        for k in range(T):
            for j in range(C):
                if N[k][j] != 0.0:
                    fh.write(" %s %s %s\n" % (tl[k], cl[j], fmt(N[k][j])))
        fh.write(";\n\nend;\n")

    with open(os.path.join(out, "sizes.inc"), "w") as fh:
        fh.write("* sizes of the data in this directory (generate.py, seed %d)\n" % seed)
        fh.write("$if not set T $set T %d\n" % T)
        fh.write("$if not set P $set P %d\n" % P)
        fh.write("$if not set C $set C %d\n" % C)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--T", type=int, required=True, help="time steps (15-minute)")
    ap.add_argument("--P", type=int, required=True, help="producers")
    ap.add_argument("--C", type=int, required=True, help="consumers")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args()
    E, N, links, days = generate(a.T, a.P, a.C, a.seed)
    write(a.out, a.T, a.P, a.C, a.seed, E, N, links)
    tot_e = sum(map(sum, E))
    tot_n = sum(map(sum, N))
    ideal = sum(abs(sum(e) - sum(n)) for e, n in zip(E, N))
    nz_e = sum(1 for r in E for v in r if v != 0.0)
    nz_n = sum(1 for r in N for v in r if v != 0.0)
    print("wrote %s: T=%d P=%d C=%d seed=%d (%d days scanned), links=%d, "
          "E nonzeros=%d, N nonzeros=%d" % (a.out, a.T, a.P, a.C, a.seed, days, len(links), nz_e, nz_n))
    print("  sum E = %.4f kWh, sum N = %.4f kWh, worst = %.4f, ideal lower bound = %.4f"
          % (tot_e, tot_n, tot_e + tot_n, ideal))


if __name__ == "__main__":
    main()
