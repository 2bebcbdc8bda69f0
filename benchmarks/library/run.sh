#!/usr/bin/env bash
# Model-library benchmark: wall time and peak memory of every run of every expected.json under
# models/ and examples/ (`enm solve FILE ARGS --json` in the model's folder), with its exit code.
#
#   bash benchmarks/library/run.sh [--no-build]           (ENM=/path/to/enm overrides the binary)
#
# Target (issue 4): every model at its default size in under a minute on a 2-core machine.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
build=1
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) echo "run.sh: unknown argument '$a' (use [--no-build])" >&2; exit 1 ;;
  esac
done
if [ "$build" = 1 ] && [ -z "${ENM:-}" ]; then (cd "$ROOT" && swift build -c release --product enm >/dev/null) || exit 2; fi
ENM=${ENM:-$ROOT/.build/release/enm}
[ -x "$ENM" ] || { echo "run.sh: no enm binary at $ENM" >&2; exit 2; }
export ENM
python3 - "$ROOT" <<'PY'
import json, os, subprocess, sys, time, resource
root = sys.argv[1]; enm = os.environ["ENM"]
worst = 0.0
print(f"{'run':70} {'wall s':>8} {'peak MB':>8} {'exit':>4}")
for top in ("models", "examples"):
    base = os.path.join(root, top)
    if not os.path.isdir(base): continue
    for name in sorted(os.listdir(base)):
        folder = os.path.join(base, name)
        exp = os.path.join(folder, "expected.json")
        if not os.path.isfile(exp): continue
        for run in json.load(open(exp))["runs"]:
            cmd = ["/usr/bin/time", "-f", "%M", enm, "solve", run["file"], *run["args"], "--json"]
            t0 = time.monotonic()
            p = subprocess.run(cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall = time.monotonic() - t0
            worst = max(worst, wall)
            peak = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "0"
            label = f"{top}/{name}: {' '.join([run['file'], *run['args']])}"
            print(f"{label:70} {wall:8.2f} {int(peak)/1024:8.1f} {p.returncode:>4}")
print(f"slowest run: {worst:.2f} s (target < 60 s)")
PY
