#!/usr/bin/env bash
# Builds the widget (release) and serves dist/ on http://127.0.0.1:8080/.
#
#   scripts/serve.sh                 build, then serve on port 8080
#   PORT=9000 scripts/serve.sh       another port
#   scripts/serve.sh --csp           also send the strict Content-Security-Policy
#   SKIP_BUILD=1 scripts/serve.sh    serve the existing dist/ without rebuilding
#
# Extra arguments go to scripts/static-server.mjs (--csp, --csp-policy, --host).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  "$ROOT/scripts/build.sh"
fi
ensure_node
exec node "$ROOT/scripts/static-server.mjs" --port "${PORT:-8080}" "$@" "$ROOT/dist"
