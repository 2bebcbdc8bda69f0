#!/usr/bin/env bash
# DistFlow NLP benchmark: enm + Ipopt on a radial-feeder optimal power flow with batteries, and
# the same model in Pyomo + the same Debian Ipopt as the peer.
#
#   bash benchmarks/distflow/run.sh [33|200] [--no-build] [--peer|--no-peer] [-- EXTRA ENM ARGUMENTS]
#
#   33   Baran-Wu 33-bus feeder x 24 hourly periods, 3 batteries     (seconds)
#   200  synthetic 200-bus radial feeder x 96 quarter-hours, 12 batteries (minutes)
#
# Steps: generate benchmarks/distflow/data-SIZE.inc (and start-SIZE.inc) if missing; build enm
# (swift build -c release, binary .build/release/enm; skipped with --no-build; ENM=/path/to/enm
# overrides the binary); then run, in benchmarks/distflow,
#   /usr/bin/time -v enm solve distflow.gms --data=data-SIZE.inc --json [EXTRA]
# and print the model size, Ipopt iterations, status, objective and the time split (generation,
# solver, enm's function and derivative evaluations) with peak memory. Anything after "--" goes
# to enm unchanged, e.g. "-- --start=pf" or "-- --opt=1" (reads ipopt.opt in this folder).
#
# The peer (default for 33; for 200 only with --peer, it takes minutes): the same model, data and
# starting point in Pyomo (peer/distflow_pyomo.py), solved by Debian's Ipopt library through
# peer/ipopt_asl.c, a small AMPL solver driver (Debian has no ipopt executable). Set up on first
# use: libamplsolver-dev (apt-get), peer/build/ipopt_asl (gcc), a virtual environment .venv with
# Pyomo from PyPI. It runs under /usr/bin/time -v right after enm, with the EXTRA arguments that it
# shares with enm (--ell=, --start=, --startdata=, --opt=); the script prints its figures, the
# ratios enm / peer of wall and CPU time, and checks that the objectives agree (1e-5 relative).
#
# Exit code: 0 if Ipopt reported Locally Optimal (model status 2) and the peer (when run) agrees,
# 1 on a setup or data failure, 2 if enm is missing or fails, 3 if the solve ended with another
# model status, 4 if the peer could not be set up, failed, or found another objective.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

size=33
build=1
peer=default
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    33|200) size=$1 ;;
    --no-build) build=0 ;;
    --peer) peer=1 ;;
    --no-peer) peer=0 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (use 33|200 [--no-build] [--peer|--no-peer] [-- ENM ARGS])" >&2; exit 1 ;;
  esac
  shift
done

[ "$peer" = default ] && { [ "$size" = 33 ] && peer=1 || peer=0; }
DATA="data-$size.inc"
LOGS="$HERE/logs"
mkdir -p "$LOGS"
tag="$size"
[ ${#extra[@]} -gt 0 ] && tag="$size$(printf '%s' "${extra[*]}" | tr -c 'A-Za-z0-9=.' '_')"

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
  echo "== /usr/bin/time missing, installing package 'time'"
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; } \
    || { echo "run.sh: cannot install /usr/bin/time" >&2; exit 1; }
fi
command -v python3 >/dev/null || { echo "run.sh: python3 not found" >&2; exit 1; }
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
  PATH=/opt/swift/usr/bin:$PATH
fi

# ---------------------------------------------------------------- data
if [ ! -s "$HERE/$DATA" ] || [ ! -s "$HERE/start-$size.inc" ]; then
  echo "== generating data: python3 generate.py $size"
  t0=$(date +%s.%N)
  python3 "$HERE/generate.py" "$size" --out "$HERE" | sed 's/^/   /' \
    || { echo "run.sh: data generation failed" >&2; exit 1; }
  [ -s "$HERE/$DATA" ] || { echo "run.sh: data generation failed" >&2; exit 1; }
  echo "   ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s)"
fi

# ---------------------------------------------------------------- enm build
ENM_BIN=${ENM:-$ROOT/.build/release/enm}
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then
  echo "== building enm (swift build -c release in $ROOT)"
  if ! (cd "$ROOT" && swift build -c release) >"$LOGS/build.log" 2>&1; then
    echo "!! swift build -c release failed; last lines of $LOGS/build.log:"
    tail -n 15 "$LOGS/build.log" | sed 's/^/   /'
    exit 2
  fi
fi
[ -x "$ENM_BIN" ] || { echo "!! enm binary not found at $ENM_BIN (cd $ROOT && swift build -c release)"; exit 2; }

# ---------------------------------------------------------------- solve
OUT="$LOGS/solve-$tag.json"
ERR="$LOGS/solve-$tag.err"
echo
echo "== DistFlow benchmark, size $size ($DATA)"
echo "   machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "-- enm solve distflow.gms --data=$DATA --json ${extra[*]:-}"
(cd "$HERE" && /usr/bin/time -v "$ENM_BIN" solve distflow.gms --data="$DATA" --json "${extra[@]}") >"$OUT" 2>"$ERR"
rc=$?

ENM_FIGURES="$LOGS/solve-$tag.figures.json"
rm -f "$ENM_FIGURES"
python3 - "$OUT" "$ERR" "$HERE/$DATA" "$rc" "$ENM_FIGURES" <<'EOF'
import json, re, sys
out, err, data, rc = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
figures = sys.argv[5]
err_text = open(err, errors="replace").read()

def timefield(label):
    m = re.search(r"^\s*" + re.escape(label) + r":\s*(.+)$", err_text, re.M)
    return m.group(1).strip() if m else None

def wall_seconds(s):
    if not s:
        return None
    parts = [float(p) for p in s.split(":")]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    return secs

counts = {}
for name in ("n", "t", "b"):
    m = re.search(r"^\s*%s '[^']*'\s*/\s*\w+?(\d+)\*\w+?(\d+)\s*/" % name, open(data).read(), re.M)
    counts[name] = int(m.group(2)) if m else None

doc = None
text = open(out, errors="replace").read()
start = text.find("{")
if start >= 0:
    try:
        doc = json.loads(text[start:])
    except ValueError:
        doc = None
wall = wall_seconds(timefield("Elapsed (wall clock) time (h:mm:ss or m:ss)"))
rss = timefield("Maximum resident set size (kbytes)")
try:
    cpu = float(timefield("User time (seconds)")) + float(timefield("System time (seconds)"))
except (TypeError, ValueError):
    cpu = None

if doc is None or not doc.get("solves"):
    print("!! enm did not produce a solve (exit %d); last lines of standard error:" % rc)
    own = err_text.split("\tCommand being timed:")[0]     # enm's own messages, not /usr/bin/time's
    for line in own.splitlines()[-15:]:
        print("   " + line)
    for d in (doc or {}).get("diagnostics") or []:
        print("   %s %s: %s (line %s)" % (d.get("severity"), d.get("code"), d.get("message"), d.get("line")))
    sys.exit(2)

s = doc["solves"][-1]
sec = s.get("seconds") or {}
gen, sol, ev = sec.get("generation"), sec.get("solver"), sec.get("evaluation")
share = "%.1f %%" % (100.0 * ev / sol) if ev is not None and sol else "n/a"
f = lambda v, fmt: (fmt % v) if isinstance(v, (int, float)) else "n/a"
print("   buses %s, periods %s, batteries %s" % (counts["n"], counts["t"], counts["b"]))
print("   rows %s, columns %s, nonzeros %s" % (f(s.get("rows"), "%d"), f(s.get("columns"), "%d"), f(s.get("nonzeros"), "%d")))
print("   Ipopt iterations %s, model status %s %s, solver status %s %s"
      % (s.get("iterations"), s.get("modelStatus"), s.get("modelStatusText", ""),
         s.get("solverStatus"), s.get("solverStatusText", "")))
print("   objective %s" % f(s.get("objective"), "%.6f"))
print("   wall %s s total: generation %s s, solver %s s, of which evaluation %s s (%s of solver time)"
      % (f(wall, "%.2f"), f(gen, "%.3f"), f(sol, "%.2f"), f(ev, "%.3f"), share))
if wall is not None and gen is not None and sol is not None:
    print("   rest %.2f s (start-up, parsing, assignments after the solve, output)" % (wall - gen - sol))
print("   CPU %s s (user + system), peak RSS %s"
      % (f(cpu, "%.2f"), "%.0f MB" % (int(rss) / 1024.0) if rss and rss.isdigit() else "n/a"))
for d in doc.get("diagnostics") or []:
    print("   %s %s: %s" % (d.get("severity"), d.get("code"), d.get("message")))
json.dump({"wall": wall, "cpu": cpu, "objective": s.get("objective"),
           "iterations": s.get("iterations")}, open(figures, "w"))
sys.exit(0 if s.get("modelStatus") == 2 else 3)
EOF
status=$?
echo "   (log: $OUT, $ERR)"
[ "$peer" = 1 ] || exit $status

# ---------------------------------------------------------------- peer: Pyomo + Ipopt
# the EXTRA arguments the peer shares with enm; any other one leaves the peer out
peer_args=()
for a in "${extra[@]}"; do
  case "$a" in
    --ell=*|--start=*|--startdata=*|--opt=*) peer_args+=("$a") ;;
    --no-implied-bounds) ;;   # the peer always gives Ipopt every bound
    *) echo "!! peer skipped: enm argument '$a' has no peer equivalent"; exit $status ;;
  esac
done

PEER="$HERE/peer"
VENV="$HERE/.venv"
PYOMO_VERSION=6.10.1
SETUP_LOG="$LOGS/peer-setup.log"
peer_setup() {
  local pkgs=()
  [ -f /usr/include/ampl-netlib-solvers/asl.h ] || pkgs+=(libamplsolver-dev)
  pkg-config --exists ipopt 2>/dev/null || pkgs+=(coinor-libipopt-dev)
  command -v gcc >/dev/null || pkgs+=(gcc)
  command -v pkg-config >/dev/null || pkgs+=(pkg-config)
  python3 -c 'import ensurepip' 2>/dev/null || pkgs+=(python3-venv)
  if [ ${#pkgs[@]} -gt 0 ]; then
    echo "== peer: installing ${pkgs[*]}"
    apt-get install -y "${pkgs[@]}" >>"$SETUP_LOG" 2>&1 \
      || { apt-get update >>"$SETUP_LOG" 2>&1 && apt-get install -y "${pkgs[@]}" >>"$SETUP_LOG" 2>&1; } \
      || { echo "!! peer: cannot install ${pkgs[*]} (see $SETUP_LOG)"; return 1; }
  fi
  if [ ! -x "$PEER/build/ipopt_asl" ] || [ "$PEER/ipopt_asl.c" -nt "$PEER/build/ipopt_asl" ]; then
    echo "== peer: building peer/build/ipopt_asl"
    mkdir -p "$PEER/build"
    # shellcheck disable=SC2046
    gcc -O2 -Wall -DIPOPT_VERSION_TEXT="\"$(pkg-config --modversion ipopt)\"" \
        -I/usr/include/ampl-netlib-solvers $(pkg-config --cflags ipopt) \
        -o "$PEER/build/ipopt_asl" "$PEER/ipopt_asl.c" \
        $(pkg-config --libs ipopt) -lamplsolver -ldl -lm >>"$SETUP_LOG" 2>&1 \
      || { echo "!! peer: building ipopt_asl failed (see $SETUP_LOG)"; return 1; }
  fi
  if ! "$VENV/bin/python" -c 'import pyomo' >/dev/null 2>&1; then
    echo "== peer: creating $VENV with Pyomo $PYOMO_VERSION (pip)"
    { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "pyomo==$PYOMO_VERSION"; } >>"$SETUP_LOG" 2>&1 \
      || { echo "!! peer: creating the virtual environment failed (see $SETUP_LOG)"; return 1; }
  fi
}
peer_setup || exit 4

POUT="$LOGS/peer-$tag.json"
PERR="$LOGS/peer-$tag.err"
PLOG="$LOGS/peer-$tag.ipopt.log"
echo
echo "-- peer: Pyomo $("$VENV/bin/python" -c 'import pyomo.version as v; print(v.version)') + $("$PEER/build/ipopt_asl" -v | cut -d' ' -f1-2):" \
     "python peer/distflow_pyomo.py --data=$DATA ${peer_args[*]:-}"
(cd "$HERE" && /usr/bin/time -v "$VENV/bin/python" peer/distflow_pyomo.py --data="$DATA" \
    --log="$PLOG" "${peer_args[@]}") >"$POUT" 2>"$PERR"
prc=$?

python3 - "$POUT" "$PERR" "$ENM_FIGURES" "$prc" <<'EOF'
import json, re, sys
out, err, enm_figures, rc = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
err_text = open(err, errors="replace").read()

def timefield(label):
    m = re.search(r"^\s*" + re.escape(label) + r":\s*(.+)$", err_text, re.M)
    return m.group(1).strip() if m else None

wall = timefield("Elapsed (wall clock) time (h:mm:ss or m:ss)")
if wall:
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    wall = secs
rss = timefield("Maximum resident set size (kbytes)")
try:
    cpu = float(timefield("User time (seconds)")) + float(timefield("System time (seconds)"))
except (TypeError, ValueError):
    cpu = None
doc = None
for line in open(out, errors="replace"):
    if line.startswith("{"):
        try:
            doc = json.loads(line)
        except ValueError:
            pass
if doc is None:
    print("!! the peer did not produce a result (exit %d); last lines of standard error:" % rc)
    for line in err_text.split("\tCommand being timed:")[0].splitlines()[-15:]:
        print("   " + line)
    sys.exit(4)

f = lambda v, fmt: (fmt % v) if isinstance(v, (int, float)) else "n/a"
sec = doc["seconds"]
print("   rows %s, columns %s as Ipopt gets them (enm: the same after substituting the objective"
      " variable), Jacobian nonzeros %s" % (doc["rows"], doc["columns"], doc["jacobian_nonzeros"]))
print("   Ipopt iterations %s, status %s (%s)" % (doc["iterations"], doc["status"], doc["message"]))
print("   objective %s" % f(doc["objective"], "%.6f"))
print("   wall %s s total: import %s s, build %s s, write .nl %s s, solver %s s (Ipopt %s s),"
      " read .sol + load %s s"
      % (f(wall, "%.2f"), f(sec["import"], "%.2f"), f(sec["build"], "%.3f"), f(sec["write"], "%.3f"),
         f(sec["solver"], "%.2f"), f(sec["solver_ipopt"], "%.2f"),
         f((sec["postsolve"] or 0) + (sec["load"] or 0), "%.3f")))
print("   CPU %s s (user + system, with the solver process), peak RSS %s (largest process)"
      % (f(cpu, "%.2f"), "%.0f MB" % (int(rss) / 1024.0) if rss and rss.isdigit() else "n/a"))

status = 0 if doc["status"] == "optimal" else 4
try:
    enm = json.load(open(enm_figures))
except (OSError, ValueError):
    enm = None
if enm:
    print()
    print("== enm / peer")
    if enm.get("wall") and wall:
        r = enm["wall"] / wall
        print("   wall %.2f s / %.2f s = %.2f   (target <= 0.50: %s)"
              % (enm["wall"], wall, r, "met" if r <= 0.5 else "not met"))
    if enm.get("cpu") and cpu:
        print("   CPU  %.2f s / %.2f s = %.2f" % (enm["cpu"], cpu, enm["cpu"] / cpu))
    print("   iterations %s / %s%s" % (enm.get("iterations"), doc["iterations"],
          "" if enm.get("iterations") == doc["iterations"] else "   (differ)"))
    a, b = enm.get("objective"), doc["objective"]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        rel = abs(a - b) / max(1.0, abs(a), abs(b))
        if rel <= 1e-5:
            print("   objectives agree: %.6f / %.6f (relative difference %.1e)" % (a, b, rel))
        else:
            print("!! WARNING: objectives differ: enm %.6f, peer %.6f (relative difference %.1e > 1e-5)"
                  % (a, b, rel))
            status = 4
    else:
        print("!! WARNING: cannot compare objectives (enm %s, peer %s)" % (a, b))
        status = 4
sys.exit(status)
EOF
pstatus=$?
echo "   (log: $POUT, $PERR, $PLOG)"
[ $status -ne 0 ] && exit $status
exit $pstatus
