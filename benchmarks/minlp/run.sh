#!/usr/bin/env bash
# Bonmin's branch and bound against enumerating the integer part: the sizing MINLP of
# benchmarks/minlp/sizing.gms with N candidate units, solved (a) as a MINLP by Bonmin and (b) by
# fixing each of the 2**N build vectors and solving the rest with Ipopt. Prints the wall time of
# each (best of R runs) and checks that both find the same optimum (the model is convex, so the
# enumeration's best is the global optimum).
#
#   bash benchmarks/minlp/run.sh [--units="4 6 8 10"] [--repeat=3] [--no-build]
#
# ENM=/path/to/enm overrides the binary.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
units="4 6 8 10"; repeat=3; build=1
for a in "$@"; do
  case "$a" in
    --units=*) units=${a#--units=} ;;
    --repeat=*) repeat=${a#--repeat=} ;;
    --no-build) build=0 ;;
    *) echo "run.sh: unknown argument '$a'" >&2; exit 1 ;;
  esac
done
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then (cd "$ROOT" && swift build -c release --product enm >/dev/null) || exit 2; fi
ENM=${ENM:-$ROOT/.build/release/enm}
[ -x "$ENM" ] || { echo "run.sh: no enm binary at $ENM" >&2; exit 2; }

run() {  # prints "seconds best" of one run: $1 units, $2 method
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$("$ENM" solve "$HERE/sizing.gms" --units="$1" --method="$2" --json 2>/dev/null)
  t1=$(date +%s.%N)
  local best
  best=$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([x for x in d["displays"] if x["symbol"]=="best"][-1]["records"][0][-1])')
  echo "$(echo "$t1 - $t0" | bc -l) $best"
}

printf '%6s %8s %12s %12s %14s %14s %8s\n' units combos bonmin_s enumerate_s bonmin_obj enumerate_obj speedup
for n in $units; do
  bb=""; be=""; ob=""; oe=""
  for _ in $(seq "$repeat"); do
    read -r s o < <(run "$n" bonmin); ob=$o; if [ -z "$bb" ] || (( $(echo "$s < $bb" | bc -l) )); then bb=$s; fi
    read -r s o < <(run "$n" enumerate); oe=$o; if [ -z "$be" ] || (( $(echo "$s < $be" | bc -l) )); then be=$s; fi
  done
  same=$(python3 -c "print('' if abs($ob - $oe) <= 1e-5*max(1, abs($oe)) else '  MISMATCH')")
  printf '%6d %8d %12.3f %12.3f %14.6f %14.6f %7.1fx%s\n' "$n" $((1 << n)) "$bb" "$be" "$ob" "$oe" "$(echo "$be / $bb" | bc -l)" "$same"
done
