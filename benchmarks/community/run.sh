#!/usr/bin/env bash
# Community energy-sharing benchmark: model generation in enm vs glpsol (GNU MathProg).
#
#   bash benchmarks/community/run.sh [small|672|2976] [--solve] [--no-build] [--weights=step] [--repeat=N]
#
#   --repeat=N      time (a) and (b) N times each, alternating, and compare the best of each
#                   (default 3, and 1 for 2976): the machines are shared and one run can lose
#                   a third of its time to the kernel's page clearing or to other jobs
#
#   --weights=step  one set of weights per time step (community-step.mod, community.enm
#                   --weights=step): the LP splits into independent blocks, which enm solves
#                   separately on all cores; the default static weights couple all steps
#
#   small  T=48   P=10 C=30    (seconds; the full solve takes a few seconds)
#   672    T=672  P=20 C=100   (one week of 15-minute steps, ~417k rows x 417k columns)
#   2976   T=2976 P=50 C=200   (one month, ~3.7M rows x 3.7M columns)
#
# Steps: generate the data into benchmarks/community/data-SIZE/ if missing (seed 1); build enm
# (swift build -c release, binary .build/release/enm; skipped with --no-build; ENM=/path/to/enm
# overrides the binary); then time, in the same run,
#   (a) glpsol --check -m $MOD -d data.dat                   (translation only)
#   (b) enm solve community.enm --generate-only --data=DIR --T= --P= --C=  (generation only)
# with /usr/bin/time (wall seconds, peak resident memory) and print the ratio glpsol/enm
# (> 1 means enm is faster); then (c) the raw C-API load of the same matrix (enm-load-limit)
# against enm's own clock from reading the model file to the matrix loaded in GLPK (the
# summary's "s since reading began": no process start-up, no freeing at exit). With --solve it also runs both full solves and compares the
# objectives (relative tolerance 1e-6). Full solves of 672/2976 with GLPK's simplex take hours.
#
# Exit code: 0 if everything ran (and the objectives agree), 1 on a glpsol/data failure,
# 2 if enm is missing or fails, 3 if the objectives differ.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

size=small
weights=static
solve=0
build=1
repeat=
for a in "$@"; do
  case "$a" in
    --repeat=*) repeat=${a#--repeat=}
                case "$repeat" in ''|*[!0-9]*|0) echo "run.sh: --repeat needs a positive whole number" >&2; exit 1 ;; esac ;;
    small|672|2976) size=$a ;;
    --solve) solve=1 ;;
    --no-build) build=0 ;;
    --weights=step) weights=step ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$a' (use small|672|2976 [--solve] [--no-build] [--weights=step] [--repeat=N])" >&2; exit 1 ;;
  esac
done

case "$size" in
  small) T=48;   P=10; C=30 ;;
  672)   T=672;  P=20; C=100 ;;
  2976)  T=2976; P=50; C=200 ;;
esac
[ -z "$repeat" ] && { repeat=3; [ "$size" = 2976 ] && repeat=1; }
SEED=1
MOD=community.mod
[ "$weights" = step ] && MOD=community-step.mod
DATA="$HERE/data-$size"
LOGS="$DATA/logs"

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
  echo "== /usr/bin/time missing, installing package 'time'"
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; } \
    || { echo "run.sh: cannot install /usr/bin/time" >&2; exit 1; }
fi
command -v glpsol >/dev/null || { echo "run.sh: glpsol not found (apt-get install glpk-utils)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "run.sh: python3 not found" >&2; exit 1; }

# ---------------------------------------------------------------- data
if [ ! -s "$DATA/data.dat" ] || [ ! -s "$DATA/E.csv" ] || [ ! -s "$DATA/N.csv" ] || [ ! -s "$DATA/link.csv" ]; then
  echo "== generating data: T=$T P=$P C=$C seed=$SEED -> $DATA"
  python3 "$HERE/generate.py" --T "$T" --P "$P" --C "$C" --seed "$SEED" --out "$DATA" \
    || { echo "run.sh: data generation failed" >&2; exit 1; }
fi
mkdir -p "$LOGS"

# ---------------------------------------------------------------- enm build
ENM_BIN=${ENM:-$ROOT/.build/release/enm}
enm_ok=1
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then
  echo "== building enm (swift build -c release in $ROOT)"
  if ! (cd "$ROOT" && swift build -c release) >"$LOGS/build.log" 2>&1; then
    echo "!! swift build -c release failed; last lines of $LOGS/build.log:"
    tail -n 15 "$LOGS/build.log" | sed 's/^/   /'
    enm_ok=0
  fi
fi
if [ ! -x "$ENM_BIN" ]; then
  echo "!! enm binary not found at $ENM_BIN (build it with: cd $ROOT && swift build -c release)"
  enm_ok=0
elif [ "$enm_ok" = 0 ]; then
  echo "!! the build failed, so the enm side is skipped (an old binary may exist at $ENM_BIN)"
fi

# ---------------------------------------------------------------- helpers
# timed NAME CMD...: runs CMD in $HERE with output in $LOGS/NAME.out, sets SECS, KB, RC
timed() {
  local name=$1; shift
  local tf="$LOGS/$name.time"
  rm -f "$tf"
  (cd "$HERE" && /usr/bin/time -f '%e %M' -o "$tf" "$@") >"$LOGS/$name.out" 2>&1
  RC=$?
  if [ -s "$tf" ]; then
    read -r SECS KB < <(tail -n 1 "$tf")
  else
    SECS=NA; KB=NA
  fi
  case "$SECS" in ''|*[!0-9.]*) SECS=NA ;; esac
  case "$KB" in ''|*[!0-9]*) KB=NA ;; esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2f", a/b; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.0f MB", k/1024; else print "n/a" }'; }

status=0
echo
echo "== community benchmark, size $size: T=$T P=$P C=$C (data $DATA)"
echo "   machine: $(nproc) cores, $(uname -m), $(date -u '+%Y-%m-%d %H:%M UTC')"

# ---------------------------------------------------------------- (a) and (b), alternating
# best SECS of the runs so far (NA when none succeeded)
best() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA") print b; else if (b == "NA" || a+0 <= b+0) print a; else print b }'; }
g_secs=NA; g_kb=NA; g_all=""; g_ok=1
e_secs=NA; e_kb=NA; e_all=""
i_secs=NA; i_all=""
[ "$enm_ok" = 1 ] || status=2
for r in $(seq 1 "$repeat"); do
  if [ "$g_ok" = 1 ]; then
    timed glpsol-check glpsol --check -m $MOD -d "$DATA/data.dat"
    if [ "$RC" != 0 ]; then g_ok=0; g_rc=$RC; else g_all="$g_all $SECS"; g_secs=$(best "$g_secs" "$SECS"); g_kb=$KB; fi
  fi
  if [ "$enm_ok" = 1 ]; then
    timed enm-generate "$ENM_BIN" solve community.enm --generate-only --data="$DATA" --T="$T" --P="$P" --C="$C" --weights="$weights"
    if [ "$RC" != 0 ]; then enm_ok=0; e_rc=$RC; status=2; else
      e_all="$e_all $SECS"; e_secs=$(best "$e_secs" "$SECS"); e_kb=$KB
      # enm's own clock: from reading the model file to the matrix loaded in GLPK
      inner=$(sed -n 's/.*s solver, \([0-9.]*\) s since reading began.*/\1/p' "$LOGS/enm-generate.out" | tail -n 1)
      [ -n "$inner" ] && { i_all="$i_all $inner"; i_secs=$(best "$i_secs" "$inner"); }
    fi
  fi
done

echo
echo "-- (a) glpsol --check -m $MOD -d $DATA/data.dat"
if [ "$g_ok" = 0 ]; then
  echo "!! glpsol failed (exit $g_rc); see $LOGS/glpsol-check.out"; tail -n 5 "$LOGS/glpsol-check.out" | sed 's/^/   /'
  status=1; g_secs=NA
else
  grep -E '^Number of (rows|columns|non-zeros)' "$LOGS/glpsol-check.out" | sed 's/^/   /'
  echo "   glpsol: best $g_secs s wall of $repeat (runs:$g_all), peak $g_kb KB ($(mb "$g_kb"))"
fi

echo
echo "-- (b) enm solve community.enm --generate-only --data=$DATA --T=$T --P=$P --C=$C --weights=$weights"
if [ -n "${e_rc:-}" ]; then
  echo "!! enm failed (exit $e_rc); last lines of $LOGS/enm-generate.out:"; tail -n 15 "$LOGS/enm-generate.out" | sed 's/^/   /'
  e_secs=NA
elif [ "$status" != 2 ]; then
  grep -E 'rows|time .*generation' "$LOGS/enm-generate.out" | sed 's/^ */   /'
  echo "   enm: best $e_secs s wall of $repeat (runs:$e_all), peak $e_kb KB ($(mb "$e_kb"))"
  echo "   enm, reading the file to the matrix loaded (its own clock): best $i_secs s (runs:$i_all)"
fi

# ---------------------------------------------------------------- (c) raw GLPK load limit
# the same matrix loaded into GLPK straight from arrays (benchmarks/loadlimit): the physical
# limit of (b); issue 5 asks for (b) <= 2x this
LIMIT_BIN=${ENM_LOAD_LIMIT:-$(dirname "$ENM_BIN")/enm-load-limit}
l_secs=NA
l_first=NA
if [ "$enm_ok" = 1 ] && [ -x "$LIMIT_BIN" ]; then
  echo
  echo "-- (c) enm-load-limit community.enm (raw C-API load of the same matrix: first load, best of 6)"
  (cd "$HERE" && "$LIMIT_BIN" community.enm --data="$DATA" --T="$T" --P="$P" --C="$C" --weights="$weights" --repeat=3) \
    >"$LOGS/load-limit.out" 2>&1
  l_secs=$(sed -n 's/.*nonzeros, best \([0-9.]*\) s.*/\1/p' "$LOGS/load-limit.out")
  l_first=$(sed -n 's/.*first (fresh memory) \([0-9.]*\) s.*/\1/p' "$LOGS/load-limit.out")
  [ -n "$l_secs" ] || l_secs=NA
  [ -n "$l_first" ] || l_first=NA
  sed 's/^/   /' "$LOGS/load-limit.out" | tail -n 4
elif [ "$enm_ok" = 1 ]; then
  echo
  echo "-- (c) skipped: $LIMIT_BIN not found (swift build -c release --product enm-load-limit)"
fi

echo
if [ "$e_secs" != NA ] && [ "$g_secs" != NA ]; then
  echo "== generation: glpsol $g_secs s, enm $e_secs s, ratio glpsol/enm = $(ratio "$g_secs" "$e_secs") (> 1: enm faster)"
  if [ "$l_secs" != NA ]; then
    echo "== enm reading the file to the matrix loaded ($i_secs s) / raw load limit, best load ($l_secs s) = $(ratio "$i_secs" "$l_secs") (issue 5 target: <= 2)"
    echo "== enm whole process ($e_secs s, with start-up and exit) / raw load limit ($l_secs s) = $(ratio "$e_secs" "$l_secs")"
  fi
  [ "$l_first" != NA ] && echo "== enm reading to loaded / raw load limit, first load in fresh memory ($l_first s) = $(ratio "$i_secs" "$l_first")"
else
  echo "== generation: glpsol $g_secs s, enm $e_secs s, ratio n/a (enm side did not complete)"
fi

# ---------------------------------------------------------------- full solves
if [ "$solve" = 1 ]; then
  [ "$size" != small ] && echo "   note: full LP solves of size $size take a long time with GLPK's simplex"
  echo
  echo "-- glpsol -m $MOD -d $DATA/data.dat"
  timed glpsol-solve glpsol -m $MOD -d "$DATA/data.dat"
  g_obj=$(sed -n 's/^objective z = \([-+0-9.eE]*\).*/\1/p' "$LOGS/glpsol-solve.out" | tail -n 1)
  if [ "$RC" != 0 ] || [ -z "$g_obj" ]; then
    echo "!! glpsol solve failed (exit $RC); see $LOGS/glpsol-solve.out"; status=1
  else
    echo "   glpsol: z = $g_obj, $SECS s wall, peak $KB KB"
  fi
  g_solve_secs=$SECS

  e_obj=
  if [ "$enm_ok" = 1 ]; then
    echo "-- enm solve community.enm --json --data=$DATA --T=$T --P=$P --C=$C --weights=$weights"
    timed enm-solve "$ENM_BIN" solve community.enm --json --data="$DATA" --T="$T" --P="$P" --C="$C" --weights="$weights"
    e_rc=$RC
    e_obj=$(python3 - "$LOGS/enm-solve.out" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
start = text.find("{")
try:
    doc = json.loads(text[start:]) if start >= 0 else {}
except ValueError:
    doc = {}
solves = doc.get("solves") or []
obj = solves[-1].get("objective") if solves else None
if obj is None:  # fall back to the display of z.l
    for d in doc.get("displays") or []:
        if str(d.get("symbol", "")).lower() == "z" and d.get("records"):
            obj = d["records"][0][-1]
print("" if obj is None else repr(float(obj)))
EOF
)
    if [ "$e_rc" != 0 ] || [ -z "$e_obj" ]; then
      echo "!! enm solve failed (exit $e_rc); last lines of $LOGS/enm-solve.out:"; tail -n 15 "$LOGS/enm-solve.out" | sed 's/^/   /'
      status=2
    else
      echo "   enm:    z = $e_obj, $SECS s wall, peak $KB KB"
      echo "   solve time ratio glpsol/enm = $(ratio "$g_solve_secs" "$SECS")"
    fi
  fi
  if [ -n "$g_obj" ] && [ -n "$e_obj" ]; then
    if awk -v a="$g_obj" -v b="$e_obj" 'BEGIN { d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'; then
      echo "== objectives agree: glpsol $g_obj, enm $e_obj"
    else
      echo "!! objectives DIFFER: glpsol $g_obj, enm $e_obj"; status=3
    fi
  fi
fi

echo "   (logs in $LOGS)"
exit $status
