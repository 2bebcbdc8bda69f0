#!/usr/bin/env bash
# Writes docs/enm.1, enm's manual page, from the command definitions with swift-argument-parser's
# generate-manual plugin (it builds enm and runs it with --experimental-dump-help). Run it after a
# command or option changes; CommandLineTests checks that the page is current.
# Usage: bash scripts/generate-manual.sh [debug|release]   (default debug: a faster build)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:/opt/swift/bin:$PATH"
configuration="${1:-debug}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the plugin writes into the package's build folder; the page is then copied to docs/
swift package plugin generate-manual --configuration "$configuration" \
    --date "$(git log -1 --format=%cs 2>/dev/null || date +%F)" --authors "the enm developers" >/dev/null
cp .build/plugins/GenerateManual/outputs/enm/enm.1 docs/enm.1
echo "wrote docs/enm.1"
