#!/usr/bin/env bash
# Throughput of independent scenario solves: the same N LPs (benchmarks/parallel/scenarios.gms,
# 10,001 rows each by default) solved one after the other (solveLink 0), submitted to the
# worker threads (solveLink 6) and to the grid (solveLink 3: worker processes of the local
# pool, or Slurm with --grid-submit=slurm), collected in GAMS's collect loop. Each setting runs
# R times, in turn; the script prints every run's wall time, the median of each, the
# throughput (solves per second) and the speed-up over solveLink 0, and checks that all give
# the same sum of objectives.
#
#   bash benchmarks/parallel/run.sh [--N=200] [--T=2000] [--repeat=3] [--threads=K]
#                                   [--links="0 6 3"] [--grid-submit=local|slurm] [--no-build]
#                                   [--model=nlps|distflow] [--set=scale|differ]
#
# --model=nlps runs benchmarks/parallel/nlps.gms instead: N scenario NLPs (Ipopt) of --M=3000
# columns (--T is then ignored). --model=distflow runs benchmarks/parallel/distflow.gms: N
# scenarios of the DistFlow NLP of benchmarks/distflow (33 buses x 24 hours; its data is
# generated on first use), each from the flat start.
#
# --set=differ gives every scenario a tariff and a weather of its own (scenarios.gms); the
# default, scale, only scales the demand from one scenario to the next.
#
# --threads=K sets `option threadsAsync` (default: every core). ENM=/path/to/enm overrides the
# binary. Targets (issue 22): solveLink 6 >= 1.7x the throughput of solveLink 0 on 2 cores;
# the grid's overhead per job under 50 ms beyond the solve on the local pool (compare 3 with 6
# on small models: --T=20).
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
n=200; steps=2000; repeat=3; build=1; threads=""; links="0 6"; submit=local; model=scenarios; set=scale
for a in "$@"; do
  case "$a" in
    --N=*) n=${a#--N=} ;;
    --T=*) steps=${a#--T=} ;;
    --repeat=*) repeat=${a#--repeat=} ;;
    --threads=*) threads=${a#--threads=} ;;
    --links=*) links=${a#--links=} ;;
    --model=*) model=${a#--model=} ;;
    --set=*) set=${a#--set=} ;;
    --grid-submit=*) submit=${a#--grid-submit=} ;;
    --no-build) build=0 ;;
    *) echo "run.sh: unknown argument '$a'" >&2; exit 1 ;;
  esac
done
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then (cd "$ROOT" && swift build -c release --product enm >/dev/null) || exit 2; fi
ENM=${ENM:-$ROOT/.build/release/enm}
[ -x "$ENM" ] || { echo "run.sh: no enm binary at $ENM" >&2; exit 2; }

extra=()
if [ "$model" = distflow ]; then
  data="$ROOT/benchmarks/distflow/data-33.inc"
  [ -f "$data" ] || python3 "$ROOT/benchmarks/distflow/generate.py" 33 --out "$ROOT/benchmarks/distflow" >/dev/null || exit 1
  extra=(--distflow="$ROOT/benchmarks/distflow" --data="$data")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$HERE/$model.gms" "$work/scenarios.gms"
if [ -n "$threads" ]; then
  # the option goes before the solves: after the model statement
  sed -i "s/^\([a-z]*\).solveLink = %link%;/\1.solveLink = %link%;\noption threadsAsync = $threads;/" "$work/scenarios.gms"
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run() {  # prints "milliseconds total cpu-seconds" of one run with solveLink $1
  local t0 t1 out
  t0=$(date +%s%N)
  out=$(cd "$work" && /usr/bin/time -o "$work/cpu" -f "%U %S" "$ENM" solve scenarios.gms --N="$n" $([ "$model" = scenarios ] && echo --T="$steps" --set="$set") --link="$1" "${extra[@]}" --grid-submit="$submit" --grid-dir="$work" 2>&1) || { echo "run.sh: enm failed:" >&2; echo "$out" >&2; exit 3; }
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(echo "$out" | awk '/PARAMETER total/ {for (i = 1; i < NF; i++) if ($i == "=") print $(i + 1)}') $(awk '{print $1 + $2}' "$work/cpu")"
}
cores=$(nproc)
if [ "$model" = scenarios ]; then
  echo "scenario LPs ($set): N=$n, T=$steps ($(( 5 * steps + 1 )) rows, $(( 15 * steps )) columns each), $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
else
  echo "scenario NLPs ($model.gms): N=$n, $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
fi
for link in $links; do : > "$work/t$link"; done
for r in $(seq "$repeat"); do
  for link in $links; do
    read -r ms total cpu < <(run "$link")
    echo "$ms" >> "$work/t$link"
    echo "$total" > "$work/total$link"
    echo "  run $r solveLink $link: ${ms} ms, ${cpu} s processor time (user + system; sum of objectives $total)"
  done
done
first=${links%% *}
m0=$(median < "$work/t$first")
status=0
for link in $links; do
  m=$(median < "$work/t$link")
  awk -v n="$n" -v a="$m0" -v b="$m" -v l="$link" -v f="$first" 'BEGIN {
    printf "median solveLink %s: %d ms, %.1f solves/s, %.2fx solveLink %s\n", l, b, n / (b / 1000), a / b, f }'
  if [ "$(cat "$work/total$link")" != "$(cat "$work/total$first")" ]; then
    echo "objectives differ: solveLink $link $(cat "$work/total$link") vs $(cat "$work/total$first")"; status=4
  fi
done
[ "$status" = 0 ] && echo "same sum of objectives under all: $(cat "$work/total$first")"
exit "$status"
