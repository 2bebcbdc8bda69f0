#!/usr/bin/env bash
# Installs the C libraries enm links (GLPK, Ipopt, COIN-OR CLP, CBC and Bonmin, Siconos numerics, zlib) when they are missing. Debian/Ubuntu.
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
[ -f /usr/include/coin/IpStdCInterface.h ] || need+=(coinor-libipopt-dev)
[ -f /usr/include/coin/Clp_C_Interface.h ] || need+=(coinor-libclp-dev)
[ -f /usr/include/coin/Cbc_C_Interface.h ] || need+=(coinor-libcbc-dev)
[ -f /usr/include/coin/BonTMINLP.hpp ] || need+=(coinor-libbonmin-dev)
# the command-line clp and cbc read enm's exported MPS files (benchmarks, export checks)
command -v clp >/dev/null 2>&1 || need+=(coinor-clp)
command -v cbc >/dev/null 2>&1 || need+=(coinor-cbc)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
# Siconos numerics: the complementarity (MCP) solver
[ -f /usr/include/siconos/numerics/MCP_Solvers.h ] || need+=(libsiconos-numerics-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} ..." >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:/opt/swift/bin:$PATH"
