#!/usr/bin/env bash
# Runs the whole test suite (installs what is missing first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
