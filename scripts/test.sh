#!/usr/bin/env bash
# Runs the whole test suite (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
# Two tests use tools when they are installed and are skipped otherwise: `enm tex` output is
# compiled with pdflatex, the `--report` page is rendered by headless Chromium. Install them when
# possible (best effort: without them those two tests are skipped with a reason).
optional=()
command -v pdflatex >/dev/null 2>&1 || optional+=(texlive-latex-base)
command -v chromium >/dev/null 2>&1 || optional+=(chromium)
command -v chromedriver >/dev/null 2>&1 || optional+=(chromium-driver)
if [ ${#optional[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${optional[@]}"; } \
    >/dev/null 2>&1 || echo "note: could not install ${optional[*]}; the tests that need them will be skipped" >&2
fi
# The grid tests submit real jobs through Slurm when a one-node cluster can run here (Debian's
# slurm-wlm and munge, started as root by scripts/slurm-up.sh); otherwise they say so and skip.
if ! command -v slurmctld >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  { DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends slurm-wlm munge; } >/dev/null 2>&1 \
    || echo "note: could not install slurm-wlm and munge; the Slurm grid tests will be skipped" >&2
fi
if [ "$(id -u)" -eq 0 ] && command -v slurmctld >/dev/null 2>&1; then
  bash scripts/slurm-up.sh || echo "note: Slurm did not start; the Slurm grid tests will be skipped" >&2
fi
# The editor-grammar test also runs a real TextMate engine when one is installable (PyPI's
# textmate-grammar-python, in a virtual environment under .build); without it that test is a no-op.
if [ -z "${ENM_TEXTMATE_PYTHON:-}" ]; then
  venv=".build/textmate-venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import textmate_grammar" 2>/dev/null; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q textmate-grammar-python; } >/dev/null 2>&1 \
      || echo "note: textmate-grammar-python not installed; the TextMate engine test will not run" >&2
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import textmate_grammar" 2>/dev/null; then
    export ENM_TEXTMATE_PYTHON="$PWD/$venv/bin/python"
  fi
fi
# The GDX tests check enm's files against GAMS's own GDX library (PyPI's gamsapi with the
# library binaries of gams-gdxgmd; neither needs a GAMS installation or licence), installed in a
# virtual environment under .build; without it those tests are skipped with a reason.
if [ -z "${ENM_GDX_PYTHON:-}" ]; then
  venv=".build/gdx-venv"
  check='import gams_gdxgmd; from gams.core import gdx'
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "$check" 2>/dev/null; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q gamsapi gams-gdxgmd; } >/dev/null 2>&1 \
      || echo "note: gamsapi/gams-gdxgmd not installed; the GDX reference tests will be skipped" >&2
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" 2>/dev/null; then
    export ENM_GDX_PYTHON="$PWD/$venv/bin/python"
  fi
fi
# The p2p-trading page test moves the page's step slider in headless Chromium through Debian's
# chromedriver and PyPI's selenium, installed in a virtual environment under .build; without
# them that test is skipped with a reason.
if [ -z "${ENM_SELENIUM_PYTHON:-}" ]; then
  venv=".build/selenium-venv"
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
    { python3 -m venv "$venv" && "$venv/bin/pip" install -q selenium; } >/dev/null 2>&1 \
      || echo "note: selenium not installed; the playback page test will be skipped" >&2
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import selenium" 2>/dev/null; then
    export ENM_SELENIUM_PYTHON="$PWD/$venv/bin/python"
  fi
fi
swift build --build-tests
# The model library's tests run the bundled models through an optimised build of the command line
# (their loops interpret thousands of statements; a debug build takes several times longer).
swift build -c release --product enm
export ENM_BINARY="$PWD/.build/release/enm"
swift test --skip-build "$@"
# Mutation fuzzing (issue 23): the bundled models and the test corpus, mutated with a fixed seed
# for a bounded time, through check, solve, export and tex; any signal, hang, invalid JSON or
# unlocated error fails. Run it longer locally: python3 scripts/fuzz.py --seconds 1800 --seed N
python3 scripts/fuzz.py --enm "$ENM_BINARY" --seed 1 --seconds "${ENM_FUZZ_SECONDS:-150}"
