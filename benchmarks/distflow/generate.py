#!/usr/bin/env python3
"""Data for the DistFlow benchmark (benchmarks/distflow/distflow.gms).

    python3 generate.py 33  [--out DIR]   Baran-Wu 33-bus feeder, 24 hourly periods, 3 batteries
    python3 generate.py 200 [--out DIR]   synthetic 200-bus radial feeder, 96 quarter-hours, 12 batteries

Writes into DIR (default: this script's folder):
  data-SIZE.inc   GAMS declarations with data of every symbol distflow.gms expects
  start-SIZE.inc  an optional starting point: the load flow without batteries at the highest
                  allowed substation voltage (levels P0, Q0, l0, v0), used by --start=pf

Per-unit system: S_base = 1 MVA, V_base = 12.66 kV (line to line), so Z_base = 12.66^2 / 1 =
160.2756 ohm; powers in p.u. are MW / MVAr, energies MWh, prices $/MWh, periods in hours.
The voltage variable of the model is the squared magnitude v = |V|^2 (p.u.^2).

Python 3 standard library only. The synthetic feeder and its loads come from random.Random(SEED),
so the files are byte-identical on every run. Before writing, the script runs a load flow
(backward/forward sweep on the DistFlow equations) for every period without batteries at a
substation voltage of 1.05 and checks that every bus voltage stays within 0.95..1.05, so the OPF
has a feasible point. For the 33-bus feeder it also prints the published base-case check
(losses about 202.7 kW, lowest voltage about 0.913 at bus 18 with 1.0 p.u. at the substation).
"""
import argparse
import math
import os
import random

SEED = 20261121
V_BASE_KV = 12.66
S_BASE_MVA = 1.0
Z_BASE = V_BASE_KV ** 2 / S_BASE_MVA          # 160.2756 ohm
V_SUB = 1.05                                   # substation voltage used for the feasibility check
V_MIN, V_MAX = 0.95, 1.05

# Baran & Wu (1989) 33-bus feeder: (from, to, R ohm, X ohm); the load of each bus (kW, kVAr).
BW_BRANCHES = [
    (1, 2, 0.0922, 0.0470), (2, 3, 0.4930, 0.2511), (3, 4, 0.3660, 0.1864),
    (4, 5, 0.3811, 0.1941), (5, 6, 0.8190, 0.7070), (6, 7, 0.1872, 0.6188),
    (7, 8, 0.7114, 0.2351), (8, 9, 1.0300, 0.7400), (9, 10, 1.0440, 0.7400),
    (10, 11, 0.1966, 0.0650), (11, 12, 0.3744, 0.1238), (12, 13, 1.4680, 1.1550),
    (13, 14, 0.5416, 0.7129), (14, 15, 0.5910, 0.5260), (15, 16, 0.7463, 0.5450),
    (16, 17, 1.2890, 1.7210), (17, 18, 0.7320, 0.5740), (2, 19, 0.1640, 0.1565),
    (19, 20, 1.5042, 1.3554), (20, 21, 0.4095, 0.4784), (21, 22, 0.7089, 0.9373),
    (3, 23, 0.4512, 0.3083), (23, 24, 0.8980, 0.7091), (24, 25, 0.8960, 0.7011),
    (6, 26, 0.2030, 0.1034), (26, 27, 0.2842, 0.1447), (27, 28, 1.0590, 0.9337),
    (28, 29, 0.8042, 0.7006), (29, 30, 0.5075, 0.2585), (30, 31, 0.9744, 0.9630),
    (31, 32, 0.3105, 0.3619), (32, 33, 0.3410, 0.5302),
]
BW_LOADS = {  # bus: (kW, kVAr)
    2: (100, 60), 3: (90, 40), 4: (120, 80), 5: (60, 30), 6: (60, 20), 7: (200, 100),
    8: (200, 100), 9: (60, 20), 10: (60, 20), 11: (45, 30), 12: (60, 35), 13: (60, 35),
    14: (120, 80), 15: (60, 10), 16: (60, 20), 17: (60, 20), 18: (90, 40), 19: (90, 40),
    20: (90, 40), 21: (90, 40), 22: (90, 40), 23: (90, 50), 24: (420, 200), 25: (420, 200),
    26: (60, 25), 27: (60, 25), 28: (60, 20), 29: (120, 70), 30: (200, 600), 31: (150, 70),
    32: (210, 100), 33: (60, 40),
}

# Hourly shapes (hour 0 = 00:00-01:00). Load as a fraction of the peak load; price in $/MWh.
LOAD_HOURLY = [0.56, 0.52, 0.50, 0.49, 0.50, 0.55, 0.66, 0.78, 0.84, 0.86, 0.87, 0.88,
               0.86, 0.85, 0.84, 0.85, 0.89, 0.95, 1.00, 0.99, 0.94, 0.85, 0.73, 0.63]
RESIDENTIAL = [0.45, 0.40, 0.38, 0.37, 0.38, 0.45, 0.62, 0.75, 0.68, 0.58, 0.55, 0.56,
               0.58, 0.56, 0.57, 0.62, 0.72, 0.88, 1.00, 0.98, 0.92, 0.80, 0.66, 0.53]
COMMERCIAL = [0.35, 0.33, 0.32, 0.32, 0.33, 0.38, 0.50, 0.70, 0.88, 0.96, 1.00, 1.00,
              0.97, 0.98, 0.97, 0.94, 0.88, 0.76, 0.62, 0.52, 0.46, 0.42, 0.39, 0.37]
PRICE_HOURLY = [38, 34, 32, 31, 32, 38, 55, 78, 84, 72, 60, 52,
                48, 46, 50, 58, 72, 96, 124, 132, 110, 84, 62, 46]

# Overhead conductors for the synthetic feeder: (name, r ohm/km, x ohm/km, rating MVA).
CONDUCTORS = [("336 ACSR", 0.190, 0.380, 8.0), ("1/0 ACSR", 0.600, 0.430, 4.0),
              ("#2 ACSR", 0.950, 0.450, 2.0)]


def fmt(v):
    s = "%.10g" % v
    return "0" if s in ("-0", "0") else s


# ---------------------------------------------------------------- load flow
def load_flow(parent, order, r, x, p, q, v_sub, tol=1e-12):
    """DistFlow backward/forward sweep on a radial feeder.

    parent[j]: parent bus of j (None for the root); order: buses with every parent before its
    children; r, x, p, q: dicts by bus (the line into j, the load of j), in p.u.
    Returns (P, Q, l, v) with P[j], Q[j], l[j] the sending-end flow and squared current of the
    line into j and v[j] the squared voltage, satisfying the equations of distflow.gms.
    """
    v = {j: v_sub ** 2 for j in order}
    l = {j: 0.0 for j in order if parent[j] is not None}
    for _ in range(200):
        P, Q = {}, {}
        for j in reversed(order):
            if parent[j] is None:
                continue
            P[j] = p[j] + r[j] * l[j] + P.get(("sum", j), 0.0)
            Q[j] = q[j] + x[j] * l[j] + Q.get(("sum", j), 0.0)
            i = parent[j]
            P[("sum", i)] = P.get(("sum", i), 0.0) + P[j]
            Q[("sum", i)] = Q.get(("sum", i), 0.0) + Q[j]
        change = 0.0
        for j in order:
            i = parent[j]
            if i is None:
                continue
            v[j] = v[i] - 2 * (r[j] * P[j] + x[j] * Q[j]) + (r[j] ** 2 + x[j] ** 2) * l[j]
            if v[j] <= 0:
                raise SystemExit("load flow collapsed (voltage <= 0 at bus %s)" % j)
            new = (P[j] ** 2 + Q[j] ** 2) / v[i]
            change = max(change, abs(new - l[j]))
            l[j] = new
        if change < tol:
            break
    else:
        raise SystemExit("load flow did not converge")
    root_p = P[("sum", order[0])]
    root_q = Q[("sum", order[0])]
    P = {j: P[j] for j in order if parent[j] is not None}
    Q = {j: Q[j] for j in order if parent[j] is not None}
    return P, Q, l, v, root_p, root_q


def topo_order(parent, root):
    children = {}
    for j, i in parent.items():
        if i is not None:
            children.setdefault(i, []).append(j)
    order, stack = [], [root]
    while stack:
        i = stack.pop()
        order.append(i)
        stack.extend(reversed(children.get(i, [])))
    return order


def interpolate(hourly, steps_per_hour):
    """Hourly values (period means) to finer steps, piecewise linear through the hour midpoints."""
    out = []
    n = len(hourly)
    for h in range(n):
        for s in range(steps_per_hour):
            pos = h + (s + 0.5) / steps_per_hour - 0.5       # in hours relative to midpoints
            k = math.floor(pos)
            w = pos - k
            a, b = hourly[k % n], hourly[(k + 1) % n]
            out.append(a + w * (b - a))
    return out


# ---------------------------------------------------------------- feeders
def feeder33():
    buses = list(range(1, 34))
    parent = {1: None}
    r, x = {}, {}
    for i, j, rr, xx in BW_BRANCHES:
        parent[j] = i
        r[j] = rr / Z_BASE
        x[j] = xx / Z_BASE
    T = 24
    dt = 1.0
    p = {j: [BW_LOADS.get(j, (0, 0))[0] / 1000.0 * LOAD_HOURLY[t] for t in range(T)] for j in buses}
    q = {j: [BW_LOADS.get(j, (0, 0))[1] / 1000.0 * LOAD_HOURLY[t] for t in range(T)] for j in buses}
    price = list(PRICE_HOURLY)
    # batteries at the ends of three laterals: (bus, power MW, energy MWh)
    batteries = [(18, 0.20, 0.80), (25, 0.30, 1.20), (33, 0.25, 1.00)]
    info = {"name": "Baran-Wu 33-bus feeder (12.66 kV), 24 hourly periods"}
    # published base case: losses 202.7 kW, lowest voltage 0.913 p.u. (bus 18) at 1.0 p.u.
    order = topo_order(parent, 1)
    base_p = {j: BW_LOADS.get(j, (0, 0))[0] / 1000.0 for j in buses}
    base_q = {j: BW_LOADS.get(j, (0, 0))[1] / 1000.0 for j in buses}
    _, _, l, v, rp, _ = load_flow(parent, order, r, x, base_p, base_q, 1.0)
    loss = sum(r[j] * l[j] for j in l)
    vmin_bus = min(v, key=lambda j: v[j])
    info["check"] = ("base case at 1.0 p.u.: load %.0f kW / %.0f kVAr, losses %.2f kW, "
                     "lowest voltage %.4f p.u. at bus %d"
                     % (sum(base_p.values()) * 1000, sum(base_q.values()) * 1000, loss * 1000,
                        math.sqrt(v[vmin_bus]), vmin_bus))
    return buses, parent, r, x, p, q, price, dt, batteries, info


def feeder200(rng):
    N = 200
    buses = list(range(1, N + 1))
    parent = {1: None}
    # A trunk of 30 buses, then laterals (chains of 3..14 buses) starting at random buses; a
    # lateral starts on the trunk with probability 0.6, else anywhere.
    trunk = list(range(1, 31))
    for j in trunk[1:]:
        parent[j] = j - 1
    nxt = 31
    while nxt <= N:
        start = rng.choice(trunk[1:]) if rng.random() < 0.6 else rng.randint(2, nxt - 1)
        length = min(rng.randint(3, 14), N - nxt + 1)
        prev = start
        for _ in range(length):
            parent[nxt] = prev
            prev = nxt
            nxt += 1
    order = topo_order(parent, 1)

    # Loads (before the scaling below): peak 5..60 kW, power factor 0.85..0.97; 65 % residential, 35 % commercial; each
    # bus has its own small shift of the daily profile and +-4 % noise per quarter-hour.
    T, sph = 96, 4
    dt = 0.25
    res = interpolate(RESIDENTIAL, sph)
    com = interpolate(COMMERCIAL, sph)
    peak, tanphi, shape = {}, {}, {}
    for j in buses:
        if j == 1:
            peak[j], tanphi[j], shape[j] = 0.0, 0.0, [0.0] * T
            continue
        peak[j] = rng.uniform(5, 60) / 1000.0
        tanphi[j] = math.tan(math.acos(rng.uniform(0.85, 0.97)))
        base = res if rng.random() < 0.65 else com
        shift = rng.randint(-2, 2)
        shape[j] = [base[(t + shift) % T] * (1 + rng.uniform(-0.04, 0.04)) for t in range(T)]

    # Line lengths (km): trunk 0.3..0.9, laterals 0.1..0.5. Conductor by the peak load downstream.
    length = {j: (rng.uniform(0.3, 0.9) if j in trunk else rng.uniform(0.1, 0.5))
              for j in buses if j != 1}
    down = {j: peak[j] for j in buses}
    for j in reversed(order):
        if parent[j] is not None:
            down[parent[j]] += down[j]

    def impedances(scale):
        r, x = {}, {}
        for j in buses:
            if j == 1:
                continue
            mva = down[j] * scale / 0.9
            cond = CONDUCTORS[0] if mva > 1.2 else CONDUCTORS[1] if mva > 0.35 else CONDUCTORS[2]
            r[j] = cond[1] * length[j] / Z_BASE
            x[j] = cond[2] * length[j] / Z_BASE
        return r, x

    def lowest_voltage(scale):
        r, x = impedances(scale)
        worst = 9.0
        for t in range(T):
            p = {j: scale * peak[j] * shape[j][t] for j in buses}
            q = {j: p[j] * tanphi[j] for j in buses}
            try:
                _, _, _, v, _, _ = load_flow(parent, order, r, x, p, q, V_SUB, tol=1e-10)
            except SystemExit:
                return 0.0
            worst = min(worst, math.sqrt(min(v.values())))
        return worst

    # Scale all loads so that, without batteries, the lowest voltage of the day at 1.05 p.u. at
    # the substation is 0.955 p.u. (bisection; conductors follow the scaled loads).
    target = 0.955
    lo, hi = 0.05, 2.0
    if lowest_voltage(hi) >= target:
        scale = hi
    else:
        for _ in range(50):
            mid = 0.5 * (lo + hi)
            if lowest_voltage(mid) >= target:
                lo = mid
            else:
                hi = mid
        scale = lo
    r, x = impedances(scale)
    p = {j: [scale * peak[j] * shape[j][t] for t in range(T)] for j in buses}
    q = {j: [p[j][t] * tanphi[j] for t in range(T)] for j in buses}

    # Prices per quarter-hour: the hourly curve, interpolated, +-3 % noise.
    price = [c * (1 + rng.uniform(-0.03, 0.03)) for c in interpolate(PRICE_HOURLY, sph)]

    # 12 batteries at distinct buses deep in the feeder, 0.05..0.20 MW, 2..4 hours.
    depth = {1: 0}
    for j in order[1:]:
        depth[j] = depth[parent[j]] + 1
    deep = sorted((j for j in buses if j != 1), key=lambda j: -depth[j])[:60]
    sites = sorted(rng.sample(deep, 12))
    batteries = []
    for j in sites:
        pw = round(rng.uniform(0.05, 0.20), 3)
        batteries.append((j, pw, round(pw * rng.uniform(2, 4), 3)))

    info = {"name": "synthetic 200-bus radial feeder (12.66 kV), 96 quarter-hour periods, seed %d"
                    % SEED,
            "check": "load scale %.4f: peak total load %.3f MW, depth %d, %d leaves"
                     % (scale, max(sum(p[j][t] for j in buses) for t in range(T)),
                        max(depth.values()), len(set(buses) - set(parent[j] for j in buses)))}
    return buses, parent, r, x, p, q, price, dt, batteries, info


# ---------------------------------------------------------------- writing
def write(size, out):
    rng = random.Random(SEED)
    if size == 33:
        buses, parent, r, x, p, q, price, dt, batteries, info = feeder33()
    else:
        buses, parent, r, x, p, q, price, dt, batteries, info = feeder200(rng)
    T = len(price)
    order = topo_order(parent, 1)

    # feasibility check without batteries at V_SUB; this load flow is also the --start=pf point
    worst = (9.0, None, None)
    flows = []
    for t in range(T):
        pt = {j: p[j][t] for j in buses}
        qt = {j: q[j][t] for j in buses}
        P, Q, l, v, rp, rq = load_flow(parent, order, r, x, pt, qt, V_SUB)
        flows.append((P, Q, l, v, rp, rq))
        j = min(v, key=lambda k: v[k])
        if math.sqrt(v[j]) < worst[0]:
            worst = (math.sqrt(v[j]), j, t + 1)
    if worst[0] < V_MIN:
        raise SystemExit("no feasible point: lowest voltage %.4f at bus %d, period %d"
                         % worst)
    lines = [(parent[j], j) for j in order if parent[j] is not None]
    B = len(batteries)

    path = os.path.join(out, "data-%d.inc" % size)
    with open(path, "w") as f:
        w = f.write
        w("* DistFlow benchmark data, written by generate.py %d (do not edit)\n" % size)
        w("* %s\n" % info["name"])
        w("* %s\n" % info["check"])
        w("* without batteries at 1.05 p.u. at the substation: lowest voltage %.4f p.u. "
          "(bus %d, period %d)\n" % worst)
        w("* per unit: S_base = 1 MVA, V_base = 12.66 kV, Z_base = 160.2756 ohm\n\n")
        w("$if not set startdata $setGlobal startdata start-%d.inc\n\n" % size)
        w("Sets\n")
        w("   n 'buses'     / n1*n%d /\n" % len(buses))
        w("   t 'periods'   / t1*t%d /\n" % T)
        w("   b 'batteries' / s1*s%d /;\n\n" % B)
        w("Set root(n) 'substation bus' / n1 /;\n\n")
        w("Set br(n,n) 'lines from parent to child bus' /\n")
        w(",\n".join("   n%d.n%d" % ln for ln in lines))
        w(" /;\n\n")
        w("Set at(b,n) 'bus of each battery' /\n")
        w(",\n".join("   s%d.n%d" % (k + 1, bt[0]) for k, bt in enumerate(batteries)))
        w(" /;\n\n")
        for name, text, d in (("r", "line resistance (p.u.)", r), ("x", "line reactance (p.u.)", x)):
            w("Parameter %s(n,n) '%s' /\n" % (name, text))
            w(",\n".join("   n%d.n%d %s" % (i, j, fmt(d[j])) for i, j in lines))
            w(" /;\n\n")
        for name, text, d in (("pd", "active load (MW)", p), ("qd", "reactive load (MVAr)", q)):
            w("Parameter %s(n,t) '%s' /\n" % (name, text))
            w(",\n".join("   n%d.t%d %s" % (j, t + 1, fmt(d[j][t]))
                         for j in buses for t in range(T) if d[j][t] != 0))
            w(" /;\n\n")
        w("Parameter price(t) 'energy price at the substation ($/MWh)' /\n")
        w(",\n".join("   t%d %s" % (t + 1, fmt(round(c, 2))) for t, c in enumerate(price)))
        w(" /;\n\n")
        w("Scalar dt 'length of a period (h)' / %s /;\n\n" % fmt(dt))
        cols = (("pmax", "charge and discharge power limit (MW)", lambda bt: bt[1]),
                ("emax", "energy capacity (MWh)", lambda bt: bt[2]),
                ("emin", "lowest state of charge (MWh)", lambda bt: round(0.1 * bt[2], 4)),
                ("e0", "initial state of charge (MWh)", lambda bt: round(0.5 * bt[2], 4)),
                ("effc", "charging efficiency", lambda bt: 0.95),
                ("effd", "discharging efficiency", lambda bt: 0.95),
                ("degc", "degradation cost ($/MWh charged or discharged)", lambda bt: 2.0))
        for name, text, fn in cols:
            w("Parameter %s(b) '%s' /\n" % (name, text))
            w(",\n".join("   s%d %s" % (k + 1, fmt(fn(bt))) for k, bt in enumerate(batteries)))
            w(" /;\n\n")

    spath = os.path.join(out, "start-%d.inc" % size)
    with open(spath, "w") as f:
        w = f.write
        w("* DistFlow benchmark starting point, written by generate.py %d (do not edit):\n" % size)
        w("* the load flow of every period without batteries at 1.05 p.u. at the substation\n\n")
        for name, idx in (("P0", 0), ("Q0", 1), ("l0", 2)):
            w("Parameter %s(n,n,t) /\n" % name)
            w(",\n".join("   n%d.n%d.t%d %s" % (i, j, t + 1, fmt(flows[t][idx][j]))
                         for i, j in lines for t in range(T)))
            w(" /;\n\n")
        w("Parameter v0(n,t) /\n")
        w(",\n".join("   n%d.t%d %s" % (j, t + 1, fmt(flows[t][3][j])) for j in buses for t in range(T)))
        w(" /;\n\n")
        w("Parameter pg0(t) /\n")
        w(",\n".join("   t%d %s" % (t + 1, fmt(flows[t][4])) for t in range(T)))
        w(" /;\n\n")
        w("Parameter qg0(t) /\n")
        w(",\n".join("   t%d %s" % (t + 1, fmt(flows[t][5])) for t in range(T)))
        w(" /;\n")

    print("%s: %s" % (os.path.relpath(path), info["name"]))
    print("   %d buses, %d lines, %d periods, %d batteries" % (len(buses), len(lines), T, B))
    print("   %s" % info["check"])
    print("   without batteries at 1.05 p.u.: lowest voltage %.4f p.u. (bus %d, period %d)" % worst)
    print("   %s: load-flow starting point" % os.path.relpath(spath))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("size", type=int, choices=(33, 200))
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    write(a.size, a.out)


if __name__ == "__main__":
    main()
