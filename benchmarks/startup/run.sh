#!/usr/bin/env bash
# Start-up benchmark: wall time of `enm solve` on the 20-line transport model, against glpsol on
# the same model in GNU MathProg, both run N times in the same session (median of each).
#
#   bash benchmarks/startup/run.sh [N] [--no-build]      (N default 30; ENM=/path/to/enm overrides)
#
# Target (issue 5): enm's median <= 30 ms.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
n=30; build=1
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    ''|*[!0-9]*) echo "run.sh: unknown argument '$a' (use [N] [--no-build])" >&2; exit 1 ;;
    *) n=$a ;;
  esac
done
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then (cd "$ROOT" && swift build -c release --product enm >/dev/null) || exit 2; fi
ENM=${ENM:-$ROOT/.build/release/enm}
[ -x "$ENM" ] || { echo "run.sh: no enm binary at $ENM" >&2; exit 2; }
command -v glpsol >/dev/null || { echo "run.sh: glpsol not found (apt-get install glpk-utils)" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wall() {  # wall milliseconds of one run of "$@"
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
cd "$ROOT/examples/transport"
enm_ms=$(for _ in $(seq "$n"); do wall "$ENM" solve transport.enm; done | median)
glp_ms=$(for _ in $(seq "$n"); do wall glpsol -m "$HERE/transport.mod"; done | median)
echo "start-up, transport model, median of $n runs:"
echo "  enm solve transport.enm  ${enm_ms} ms   (target <= 30 ms)"
echo "  glpsol -m transport.mod  ${glp_ms} ms"
awk -v e="$enm_ms" -v g="$glp_ms" 'BEGIN { if (e > 0) printf "  ratio glpsol/enm %.2f\n", g/e }'
