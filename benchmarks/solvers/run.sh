#!/usr/bin/env bash
# Solver benchmark: every benchmark LP and MILP under GLPK (enm's old and new defaults), CLP/CBC
# and glpsol, in the same run, with wall time, iterations and peak memory.
#
#   bash benchmarks/solvers/run.sh [--lp=48,96,672] [--milp=96,400] [--step=672]
#                                  [--limit=SECONDS] [--repeat=N] [--runs=KEY,...] [--no-build]
#
#   --lp=T,...     coupled community LPs (benchmarks/community, one set of weights for all
#                  steps): 48 and 96 with P=10 C=30, 672 with P=20 C=100, 2976 with P=50 C=200
#   --milp=S,...   the static MILP of models/community-sharing with --steps=S (0: none)
#   --step=T,...   the per-step community LP (--weights=step: independent blocks), 672 or 2976
#                  (default none): glpsol on the whole LP, enm with GLPK, CLP and CBC by blocks
#   --limit=S      time limit of every run in seconds (default 900: enm's resLim, glpsol's
#                  --tmlim, and a hard stop by `timeout` at S + 120)
#   --repeat=N     run each LP case N times in turn (default 1) and keep every run's figures
#   --runs=KEY,... only these runs of each case (default all): glpsol, glpk-old, glpk-new, clp,
#                  clpdual, clpdualize (coupled LPs); glpsol, glpk, clp, cbc (per-step LPs);
#                  glpk, cbc (MILPs). For the hours-long static 2976 LP, e.g.
#                  `--lp=2976 --milp=0 --runs=clpdualize --limit=7200`
#
# Runs per coupled LP: glpsol on the MathProg twin (its defaults: presolve, scaling, advanced
# basis, primal simplex), enm with GLPK's old defaults (glpk.opt `presolve 0`: slack basis, no presolver),
# enm with GLPK's new defaults, enm with CLP (`option lp = clp`, CLP's automatic choice), and enm
# with CLP's dual simplex (`startalg dual`), and enm with CLP on the LP's dual (`dualize 1`,
# the fastest way to the T=672 optimum). Per MILP: enm with GLPK and with CBC
# (`option mip = cbc`), optCr 0.03 as in the model. Results: a table on standard output and in
# benchmarks/solvers/work/results.md; logs in benchmarks/solvers/work/logs/.
#
# Wall time and peak resident memory come from /usr/bin/time -v; iterations and statuses from
# `enm solve --json` and from glpsol's log. A run stopped by its limit says so in the status.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMMUNITY="$ROOT/benchmarks/community"
WORK="$HERE/work"
LOGS="$WORK/logs"

lp_sizes=48,96,672
milp_steps=96,400
step_sizes=
limit=900
repeat=1
runs=
build=1
for a in "$@"; do
  case "$a" in
    --lp=*) lp_sizes=${a#--lp=} ;;
    --milp=*) milp_steps=${a#--milp=} ;;
    --step=*) step_sizes=${a#--step=} ;;
    --limit=*) limit=${a#--limit=} ;;
    --repeat=*) repeat=${a#--repeat=} ;;
    --runs=*) runs=${a#--runs=} ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$a' (see --help)" >&2; exit 1 ;;
  esac
done
case "$limit$repeat" in *[!0-9]*) echo "run.sh: --limit and --repeat take whole numbers" >&2; exit 1 ;; esac

# wanted KEY: whether --runs lets the run KEY go (all when --runs is not given)
wanted() { [ -z "$runs" ] || [[ ",$runs," == *",$1,"* ]]; }

if wanted glpsol && ! command -v glpsol >/dev/null; then
  echo "run.sh: glpsol not found (apt-get install glpk-utils, or leave it out with --runs)" >&2; exit 1
fi
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
ENM_BIN=${ENM:-$ROOT/.build/release/enm}
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then
  echo "== building enm (swift build -c release --product enm)"
  (cd "$ROOT" && swift build -c release --product enm) >"$WORK.build.log" 2>&1 \
    || { echo "run.sh: the build failed, see $WORK.build.log" >&2; exit 2; }
fi
[ -x "$ENM_BIN" ] || { echo "run.sh: no enm binary at $ENM_BIN" >&2; exit 2; }

mkdir -p "$LOGS"
cp "$COMMUNITY/community.enm" "$COMMUNITY/community.mod" "$WORK/"
# option files read by community.enm --optfile=N (model file's folder)
printf 'presolve 0\n' >"$WORK/glpk.opt"
printf 'startalg dual\n' >"$WORK/clp.opt"
printf 'dualize 1\n' >"$WORK/clp.op2"
rm -rf "$WORK/community-sharing"
cp -r "$ROOT/models/community-sharing" "$WORK/community-sharing"
for s in glpk cbc; do
  printf 'option mip = %s, resLim = %s;\n$include static.enm\n' "$s" "$limit" >"$WORK/community-sharing/static-$s.enm"
done

RESULTS="$WORK/results.md"
{
  echo "Solver benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), limit $limit s"
  echo
  echo "| case | run | status | objective | iterations | wall s | user s | peak MB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} | tee "$RESULTS"

# timed NAME CMD...: runs CMD in $WORK (stdout to $LOGS/NAME.out, stderr to NAME.err) under
# /usr/bin/time -v and a hard timeout; sets WALL, USER, MB
timed() {
  local name=$1; shift
  # time outside timeout: a run stopped by the hard stop still gets its figures
  (cd "$WORK" && /usr/bin/time -v -o "$LOGS/$name.time" timeout $((limit + 120)) "$@") \
    >"$LOGS/$name.out" 2>"$LOGS/$name.err"
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$LOGS/$name.time" 2>/dev/null)
  USER=$(awk -F': ' '/User time/ { printf "%.2f", $2 }' "$LOGS/$name.time" 2>/dev/null)
  MB=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$LOGS/$name.time" 2>/dev/null)
  [ -n "$WALL" ] || WALL="killed"
}

row() { echo "| $1 | $2 | $3 | $4 | $5 | $WALL | ${USER:-} | ${MB:-} |" | tee -a "$RESULTS"; }

# enm's first solve from --json: status text, objective, iterations (and bound, gap for a MIP)
enm_fields() {
  python3 - "$1" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    s = d["solves"][0]
except Exception:
    print("failed|||"); sys.exit()
status = "%d %s / %d %s" % (s["modelStatus"], s["modelStatusText"], s["solverStatus"], s["solverStatusText"])
obj = s.get("objective")
extra = ""
if s.get("bestBound") is not None and obj is not None:
    gap = abs(obj - s["bestBound"]) / max(1e-10, abs(obj))
    extra = ", bound %.6f, gap %.4f %%" % (s["bestBound"], 100 * gap)
print("%s|%s|%s|%s" % (status, "" if obj is None else "%.6f" % obj, s.get("iterations", ""), extra))
EOF
}

run_enm() { # CASE LABEL NAME FILE ARGS...
  local case=$1 label=$2 name=$3; shift 3
  timed "$name" "$ENM_BIN" solve --json "$@"
  IFS='|' read -r st obj it extra < <(enm_fields "$LOGS/$name.out")
  row "$case" "$label" "$st" "$obj$extra" "$it"
}

run_glpsol() { # CASE NAME DATA [MODEL [LABEL]]
  timed "$2" glpsol -m "${4:-community.mod}" -d "$3/data.dat" --tmlim "$limit"
  local it obj st
  it=$(grep -E '^[*# ]? *[0-9]+: ' "$LOGS/$2.out" | tail -n 1 | sed 's/^[*# ]* *\([0-9]*\):.*/\1/')
  obj=$(grep -E '^[*# ]? *[0-9]+: obj' "$LOGS/$2.out" | tail -n 1 | sed 's/.*obj = *\([-+0-9.e]*\).*/\1/')
  st=$(grep -E 'SOLUTION FOUND|LIMIT EXCEEDED|NO .* FEASIBLE|UNBOUNDED' "$LOGS/$2.out" | tail -n 1)
  row "$1" "${5:-glpsol (presolve, scaling, advanced basis, primal)}" "${st:-failed}" "$obj" "$it"
}

size_of() { # T -> "P C"
  case "$1" in 48|96) echo "10 30" ;; 672) echo "20 100" ;; 2976) echo "50 200" ;; *) echo "" ;; esac
}

data_for() { # T -> data folder (generated when missing, seed 1)
  local T=$1 dir="$COMMUNITY/data-$1"
  [ "$T" = 48 ] && dir="$COMMUNITY/data-small"
  read -r P C < <(size_of "$T")
  if [ ! -s "$dir/data.dat" ]; then
    python3 "$COMMUNITY/generate.py" --T "$T" --P "$P" --C "$C" --seed 1 --out "$dir" >/dev/null \
      || { echo "run.sh: data generation failed for T=$T" >&2; exit 1; }
  fi
  echo "$dir"
}

for T in ${lp_sizes//,/ }; do
  read -r P C < <(size_of "$T")
  [ -n "${P:-}" ] || { echo "run.sh: no community size T=$T (48, 96, 672, 2976)" >&2; exit 1; }
  D=$(data_for "$T")
  sw=(--data="$D" --T="$T" --P="$P" --C="$C" --reslim="$limit")
  for r in $(seq 1 "$repeat"); do
    c="coupled LP T=$T"
    wanted glpsol && run_glpsol "$c" "lp$T-glpsol-$r" "$D"
    wanted glpk-old && run_enm "$c" "enm GLPK, old defaults (presolve 0: slack basis, no presolver)" "lp$T-glpk-old-$r" community.enm "${sw[@]}" --optfile=1
    wanted glpk-new && run_enm "$c" "enm GLPK, new defaults (presolver)" "lp$T-glpk-new-$r" community.enm "${sw[@]}"
    wanted clp && run_enm "$c" "enm CLP (automatic)" "lp$T-clp-$r" community.enm "${sw[@]}" --solver=clp
    wanted clpdual && run_enm "$c" "enm CLP (startalg dual)" "lp$T-clpdual-$r" community.enm "${sw[@]}" --solver=clp --optfile=1
    wanted clpdualize && run_enm "$c" "enm CLP (dualize 1: the LP's dual)" "lp$T-clpdualize-$r" community.enm "${sw[@]}" --solver=clp --optfile=2
  done
done

for T in ${step_sizes//,/ }; do
  read -r P C < <(size_of "$T")
  D=$(data_for "$T")
  sw=(--data="$D" --T="$T" --P="$P" --C="$C" --reslim="$limit" --weights=step)
  c="per-step LP T=$T"
  wanted glpsol && run_glpsol "$c" "step$T-glpsol" "$D" "$COMMUNITY/community-step.mod" "glpsol (whole LP: no blocks)"
  wanted glpk && run_enm "$c" "enm GLPK (blocks)" "step$T-glpk" community.enm "${sw[@]}"
  wanted clp && run_enm "$c" "enm CLP (blocks)" "step$T-clp" community.enm "${sw[@]}" --solver=clp
  wanted cbc && run_enm "$c" "enm CBC (blocks, LPs by CLP)" "step$T-cbc" community.enm "${sw[@]}" --solver=cbc
done

for S in ${milp_steps//,/ }; do
  [ "$S" = 0 ] && continue
  c="static MILP, $S steps"
  WORK_SAVE=$WORK; WORK="$WORK/community-sharing"
  wanted glpk && run_enm "$c" "enm GLPK" "milp$S-glpk" static-glpk.enm --steps="$S"
  wanted cbc && run_enm "$c" "enm CBC" "milp$S-cbc" static-cbc.enm --steps="$S"
  WORK=$WORK_SAVE
done
echo
echo "results: $RESULTS; logs: $LOGS"
