#!/usr/bin/env bash
# The performance benchmark (issues 7, 13, 11): release build, then bench/run.mjs
# (the widget's pages against static floors, and the collector with 4,000
# generated exports against a Node JSON.parse floor: bench/collect.mjs).
#
#   scripts/bench.sh                      5 runs per page, 200 clicks
#   scripts/bench.sh --runs 3 --only jama   arguments go to bench/run.mjs
#
# Writes bench/out/results.json and bench/out/results.md (and bench/out/collect.json).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_test_tools
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$ROOT/scripts/build.sh"
fi
cd "$ROOT"
exec node bench/run.mjs "$@"
