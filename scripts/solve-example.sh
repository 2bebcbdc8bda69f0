#!/usr/bin/env bash
# Set-up and main job: installs what is missing, builds enm, solves the bundled transport model.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
swift build -c release
.build/release/enm solve examples/transport/transport.enm "$@"
