#!/usr/bin/env bash
# Runs the tests of enm's unsafe code under the address and the thread sanitizer: the compiled
# row code and the generator (RowCodeTests), independent blocks solved on all cores (BlockTests),
# label maps (LabelMapTests), derivatives (DerivativesTests), the page helpers (PagePopulatorTests,
# HeapPrefault) and GLPK's loading and concurrent solves (GLPKSetupTests).
#
# Each sanitizer builds into its own folder (.build/asan, .build/tsan), so the normal build is
# left alone and a second run only rebuilds what changed. Usage:
#   bash scripts/sanitize.sh            # both sanitizers
#   bash scripts/sanitize.sh address    # one of them
# Called by .ci/run after the normal test suite; about ten minutes on 2 cores from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."

# Test identifiers are `Module.Suite/test()`; the filter is a regular expression over them.
filter='^(DerivativesTests\.|MemoryTests\.|LanguageTests\.(RowCodeTests|BlockTests|LabelMapTests)/|SolversTests\.GLPKSetupTests/)|[Hh]eapPrefault|PagePopulator'
# ScaleTests bound the time of 100 Hessians of 20,000 terms (2 s); under the thread sanitizer
# they take 5 s, which says nothing about enm. The other derivative tests cover the same code.
skip='^DerivativesTests\.ScaleTests/'

# A finding stops the run with a report instead of printing and going on.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(address thread)
for s in "${sanitizers[@]}"; do
  case "$s" in
    address) scratch=.build/asan ;;
    thread) scratch=.build/tsan ;;
    *) echo "sanitize.sh: unknown sanitizer '$s' (address or thread)" >&2; exit 64 ;;
  esac
  echo "== $s sanitizer" >&2
  start=$SECONDS
  swift build --build-tests --sanitize="$s" --scratch-path "$scratch"
  # --disable-xctest: the package has Swift Testing tests only, and the empty XCTest pass leaks
  # 144 bytes inside libXCTest itself, which LeakSanitizer would report
  swift test --skip-build --disable-xctest --sanitize="$s" --scratch-path "$scratch" --filter "$filter" --skip "$skip"
  echo "== $s sanitizer: $((SECONDS - start)) s" >&2
done
