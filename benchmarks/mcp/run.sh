#!/usr/bin/env bash
# The spatial price equilibrium (spatial.gms) as an MCP through Siconos, as an MCP through enm's
# Ipopt backend, and as a feasibility NLP written by hand, for growing sizes: wall time, status
# and the traded volume (all must agree).
# Run on demand: bash benchmarks/mcp/run.sh [sizes...]  (needs a release build of enm)
set -euo pipefail
cd "$(dirname "$0")"
enm="${ENM_BINARY:-../../.build/release/enm}"
sizes=("${@:-5 10 20 30}")
printf '%-6s %-12s %10s %-28s %12s\n' n form seconds status traded
for n in ${sizes[*]}; do
  for form in mcp:siconos mcp:ipopt nlp:ipopt; do
    start=$(date +%s.%N)
    out=$("$enm" solve spatial.gms --n="$n" --form="${form%%:*}" --solver="${form##*:}" 2>&1 || true)
    end=$(date +%s.%N)
    status=$(grep -o 'model status [0-9]* [A-Za-z ]*' <<<"$out" | head -1 | sed 's/model status //; s/ *$//')
    traded=$(grep -o 'traded *= *[-0-9.E+]*' <<<"$out" | awk '{print $NF}')
    printf '%-6s %-12s %10.3f %-28s %12s\n' "$n" "$form" "$(echo "$end - $start" | bc)" "$status" "${traded:--}"
  done
done
