#!/usr/bin/env bash
# Solve the small community case (T=48, P=10, C=30, seed 1) with glpsol and print its optimum.
# If an enm binary exists (ENM=/path or .build/release/enm), solve with enm too and compare.
#
#   bash benchmarks/community/verify_small.sh
#
# Expected glpsol optimum (2026-11-21): z = 2147.77685494
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA="$HERE/data-small"
[ -s "$DATA/data.dat" ] || python3 "$HERE/generate.py" --T 48 --P 10 --C 30 --seed 1 --out "$DATA" || exit 1

g=$(cd "$HERE" && glpsol -m community.mod -d "$DATA/data.dat" | sed -n 's/^objective z = //p')
[ -n "$g" ] || { echo "glpsol: no objective (run: glpsol -m community.mod -d $DATA/data.dat)"; exit 1; }
echo "glpsol optimum: z = $g"

ENM_BIN=${ENM:-$ROOT/.build/release/enm}
if [ ! -x "$ENM_BIN" ]; then
  echo "enm: no binary at $ENM_BIN (cd $ROOT && swift build -c release), comparison skipped"
  exit 0
fi
e=$(cd "$HERE" && "$ENM_BIN" solve community.enm --json --data="$DATA" --T=48 --P=10 --C=30 2>/dev/null |
    python3 -c 'import json,sys
t=sys.stdin.read(); s=t.find("{")
try: print(json.loads(t[s:])["solves"][-1]["objective"])
except Exception: print("")')
[ -n "$e" ] && [ "$e" != None ] || { echo "enm: solve failed or gave no objective"; exit 2; }
echo "enm optimum:    z = $e"
awk -v a="$g" -v b="$e" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-6 * (a < 0 ? -a : a) + 1e-9) }' \
  && echo "optima agree (relative tolerance 1e-6)" || { echo "optima DIFFER"; exit 3; }
