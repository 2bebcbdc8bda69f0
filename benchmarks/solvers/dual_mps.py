#!/usr/bin/env python3
"""The dual of an LP in enm's free MPS, for CLP's or glpsol's command line (the T=672 experiments
in benchmarks/README.md, "solvers"; enm itself does this with clp.opt `dualize 1`).

    python3 benchmarks/solvers/dual_mps.py LP.mps DUAL.mps [--substitute ROW COLUMN]

--substitute obj z first drops the objective-defining row `obj` and the objective column `z`
(z =e= sum S + sum D): the costs move to the S and D columns, so the dual has no dense column.
The LP `min c.x` over rows L/E/G and 0 <= x <= u (or x free) becomes `min -b.y + u.v` over
`A'y - v <= c` (= c for a free x), y <= 0 (L rows), y >= 0 (G rows), y free (E rows), v >= 0: the dual's optimum is
minus the LP's. Short names (R0, C0, ...) keep CoinMpsIO from reading a line as fixed format.
"""
import sys
from collections import defaultdict

def main(argv):
    src, dst = argv[1], argv[2]
    drop_row = drop_col = None
    if len(argv) == 6 and argv[3] == '--substitute':
        drop_row, drop_col = argv[4], argv[5]
    rowtype, cols, entries = {}, [], defaultdict(list)
    cost, rhs, up, free = defaultdict(float), defaultdict(float), {}, set()
    nrow = sec = None
    for line in open(src):
        if line.startswith('*'):
            continue
        if not line.startswith(' '):
            sec = line.split()[0]
            continue
        p = line.split()
        if sec == 'ROWS':
            if p[0] == 'N':
                nrow = p[1]
            elif p[1] != drop_row:
                rowtype[p[1]] = p[0]
        elif sec == 'COLUMNS':
            if 'MARKER' in line:
                raise SystemExit('dual_mps.py: integer columns')
            j = p[0]
            if j == drop_col:
                continue
            if not cols or cols[-1] != j:
                cols.append(j)
            for k in range(1, len(p), 2):
                if p[k] == nrow:
                    cost[j] += float(p[k + 1])
                elif p[k] == drop_row:
                    cost[j] -= float(p[k + 1])   # z - sum(...) = 0: z's cost moves to the terms
                else:
                    entries[j].append((p[k], float(p[k + 1])))
        elif sec == 'RHS':
            for k in range(1, len(p), 2):
                rhs[p[k]] = float(p[k + 1])
        elif sec == 'BOUNDS':
            kind, j = p[0], p[2]
            if j == drop_col:
                continue
            if kind == 'UP':
                up[j] = float(p[3])
            elif kind == 'FR':
                free.add(j)
            elif not (kind == 'LO' and float(p[3]) == 0) and kind != 'PL':
                raise SystemExit('dual_mps.py: bound %s on %s' % (kind, j))
    rid = {i: 'R%d' % k for k, i in enumerate(rowtype)}
    cid = {j: 'C%d' % k for k, j in enumerate(cols)}
    ycol = defaultdict(list)
    for j in cols:
        for i, a in entries[j]:
            ycol[i].append((j, a))
    with open(dst, 'w') as g:
        g.write('NAME dual\nROWS\n N dobj\n')
        for j in cols:
            g.write(' %s %s\n' % ('E' if j in free else 'L', cid[j]))
        g.write('COLUMNS\n')
        for i in rowtype:
            if rhs.get(i, 0) != 0:
                g.write(' Y%s dobj %r\n' % (rid[i], -rhs[i]))
            for j, a in ycol[i]:
                g.write(' Y%s %s %r\n' % (rid[i], cid[j], a))
        for j in cols:
            if j in up:
                if up[j] != 0:
                    g.write(' V%s dobj %r\n' % (cid[j], up[j]))
                g.write(' V%s %s -1\n' % (cid[j], cid[j]))
        g.write('RHS\n')
        for j in cols:
            if cost[j] != 0:
                g.write(' RHS %s %r\n' % (cid[j], cost[j]))
        g.write('BOUNDS\n')
        for i, kind in rowtype.items():
            if kind == 'L':
                g.write(' MI BOUNDSET Y%s\n UP BOUNDSET Y%s 0\n' % (rid[i], rid[i]))
            elif kind == 'E':
                g.write(' FR BOUNDSET Y%s\n' % rid[i])
        g.write('ENDATA\n')

main(sys.argv)
