#!/usr/bin/env bash
# A Stackelberg leader with n followers (leader.gms): one MPEC solve against a grid of MCP solves
# over the leader's quantity (the grid's answer is only as fine as its step, a/b/steps).
# Run on demand: bash benchmarks/mpec/run.sh [n ...]  (needs a release build of enm)
set -euo pipefail
cd "$(dirname "$0")"
enm="${ENM_BINARY:-../../.build/release/enm}"
printf '%-5s %-6s %10s %14s %12s\n' n form seconds profit leader
for n in ${@:-2 10 50}; do
  for form in mpec grid; do
    start=$(date +%s.%N)
    out=$("$enm" solve leader.gms --n="$n" --form="$form" 2>&1 || true)
    end=$(date +%s.%N)
    best=$(grep -o 'best *= *[-0-9.E+]*' <<<"$out" | awk '{print $NF}')
    q=$(grep -o 'bestQ *= *[-0-9.E+]*' <<<"$out" | awk '{print $NF}')
    printf '%-5s %-6s %10.3f %14s %12s\n' "$n" "$form" "$(echo "$end - $start" | bc)" "${best:--}" "${q:--}"
  done
done
