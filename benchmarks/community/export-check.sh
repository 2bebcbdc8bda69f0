#!/usr/bin/env bash
# The community LP exported by `enm export` and read back by CLP, CBC and GLPK's own programs.
#
#   bash benchmarks/community/export-check.sh [small|672] [--no-build] [--solve]
#
#   small  T=48   P=10 C=30    (9k rows; every reader also solves it and the optima are compared)
#   672    T=672  P=20 C=100   (~417k rows; the file CLP 1.17 once rejected with "Bad image")
#
# Steps: generate the data into benchmarks/community/data-SIZE/ if missing (seed 1, as run.sh);
# build enm (swift build -c release; skipped with --no-build; ENM=/path/to/enm overrides the
# binary); `enm export community.enm --format mps` and `--format lp` into data-SIZE/export/; then
#   clp -import FILE.mps|FILE.lp -presolve off -stat, cbc -import FILE.mps
#                                     (import only: no "Bad image", no errors, the model's row count)
#   glpsol --freemps FILE.mps --check, glpsol --lp FILE.lp --check
# With --solve (the default for small) CLP and glpsol also solve both files and the optima are
# compared (relative 1e-6). A check, not a unit test: the 672 files take a minute to write and read.
#
# Exit code: 0 if every reader took every file (and the optima agree), 1 otherwise.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

size=small
build=1
solve=
for a in "$@"; do
  case "$a" in
    small|672) size=$a ;;
    --no-build) build=0 ;;
    --solve) solve=1 ;;
    *) echo "usage: export-check.sh [small|672] [--no-build] [--solve]" >&2; exit 64 ;;
  esac
done
case "$size" in
  small) T=48;  P=10; C=30 ;;
  672)   T=672; P=20; C=100 ;;
esac
[ -z "$solve" ] && { solve=0; [ "$size" = small ] && solve=1; }
DATA="$HERE/data-$size"
OUT="$DATA/export"
mkdir -p "$OUT"

for tool in clp cbc glpsol python3; do
  command -v "$tool" >/dev/null || { echo "export-check.sh: $tool not found (scripts/install-deps.sh)" >&2; exit 1; }
done
if [ ! -s "$DATA/E.csv" ] || [ ! -s "$DATA/N.csv" ] || [ ! -s "$DATA/link.csv" ]; then
  echo "== generating data: T=$T P=$P C=$C seed=1 -> $DATA"
  python3 "$HERE/generate.py" --T "$T" --P "$P" --C "$C" --seed 1 --out "$DATA" || exit 1
fi
ENM_BIN=${ENM:-$ROOT/.build/release/enm}
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then
  (cd "$ROOT" && swift build -c release --product enm >/dev/null) || { echo "export-check.sh: build failed" >&2; exit 1; }
fi
[ -x "$ENM_BIN" ] || { echo "export-check.sh: no enm at $ENM_BIN" >&2; exit 1; }

status=0
fail() { echo "!! $*"; status=1; }

for format in mps lp; do
  file="$OUT/community-$size.$format"
  start=$(date +%s.%N)
  (cd "$HERE" && "$ENM_BIN" export community.enm --format "$format" --output "$file" \
      --data="$DATA" --T="$T" --P="$P" --C="$C") || { fail "enm export --format $format failed"; continue; }
  echo "   $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
done
mps="$OUT/community-$size.mps"; lp="$OUT/community-$size.lp"
# the rows every reader keeps: all but the N rows (the objective, free rows)
rows=$(awk '/^ROWS/ { f = 1; next } /^COLUMNS/ { f = 0 } f && $1 != "N" { n++ } END { print n }' "$mps")

# import only: each reader must take the file whole
check_coin() {  # program file
  local log="$OUT/$1-$(basename "$2").log"
  if [ "$1" = clp ]; then clp -import "$2" -presolve off -stat -quit >"$log" 2>&1
  else cbc -import "$2" -quit >"$log" 2>&1; fi
  local bad="Bad image|There were|with [1-9][0-9]* errors|No match for|not valid|terminate called"
  if grep -q -E "$bad" "$log"; then
    fail "$1 $(basename "$2"): $(grep -m 3 -E "$bad" "$log" | tr '\n' ' ')"
  elif ! grep -q "has $rows rows" "$log"; then
    fail "$1 $(basename "$2"): no '$rows rows' in its output: $(grep -m 2 "Problem\|rows" "$log" | tr '\n' ' ')"
  else
    echo "ok $1 reads $(basename "$2") ($(grep -m 1 -o "has $rows rows.* elements" "$log"))"
  fi
}
check_coin clp "$mps"
check_coin cbc "$mps"
check_coin clp "$lp"
for pair in "--freemps $mps" "--lp $lp"; do
  set -- $pair
  if glpsol "$1" "$2" --check >"$OUT/glpsol-check.log" 2>&1; then
    echo "ok glpsol reads $(basename "$2")"
  else
    fail "glpsol $1 $(basename "$2"): $(tail -n 2 "$OUT/glpsol-check.log" | tr '\n' ' ')"
  fi
done

if [ "$solve" = 1 ]; then
  objectives=()
  for run in "clp $mps" "clp $lp" "glpsol --freemps $mps" "glpsol --lp $lp"; do
    set -- $run
    sol="$OUT/solution.txt"
    rm -f "$sol"
    if [ "$1" = clp ]; then
      clp "$2" -solve -solu "$sol" >/dev/null 2>&1
      obj=$(sed -n '1s/^Optimal - objective value *//p' "$sol")
    else
      glpsol "$2" "$3" -o "$sol" >/dev/null 2>&1
      # "Status:     OPTIMAL", "Objective:  obj = 2147.776948 (MINimum)"
      obj=
      grep -q "^Status: *OPTIMAL" "$sol" && obj=$(sed -n 's/^Objective: *[^=]*= *\([-0-9.e+]*\) .*/\1/p' "$sol")
    fi
    [ -n "$obj" ] || { fail "$run: no optimum"; continue; }
    echo "   $run: optimum $obj"
    objectives+=("$obj")
  done
  python3 - "${objectives[@]}" <<'EOF' || status=1
import sys
values = [float(v) for v in sys.argv[1:]]
if len(values) < 2 or max(values) - min(values) > 1e-6 * max(1.0, max(abs(v) for v in values)):
    print("!! the optima differ:", values)
    sys.exit(1)
print("ok every reader finds the optimum", values[0])
EOF
fi
exit $status
