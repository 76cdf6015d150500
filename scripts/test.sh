#!/usr/bin/env bash
# The one test command: installs whatever is missing, then runs every suite.
#
#   scripts/test.sh                 setup + native + web + build + e2e
#   scripts/test.sh native e2e      only these suites (setup always runs)
#   scripts/test.sh --lint          also cargo fmt --check and clippy (native + wasm32)
#
# Suites:
#   native  cargo test --workspace                       (src/core, tools; plain Rust)
#   web     cargo test --target wasm32 --test 'web_*'    (wasm-bindgen-test in headless Chromium)
#   build   scripts/build.sh                             (release dist/)
#   e2e     node --test tests/e2e/                       (Playwright against dist/ on a free port)
#
# A failing suite does not stop the others. The summary table at the end lists
# each suite's result, counts and seconds; the exit status is non-zero if any
# suite failed. Full logs: test-results/logs/<suite>.log
set -uo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT" || exit 1

lint=0
selected=()
for arg in "$@"; do
  case "$arg" in
    --lint) lint=1 ;;
    native | web | build | e2e) selected+=("$arg") ;;
    -h | --help)
      sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument: $arg (suites: native web build e2e; --lint)" ;;
  esac
done
[ "${#selected[@]}" -gt 0 ] || selected=(native web build e2e)
[ "$lint" -eq 1 ] && selected=(lint "${selected[@]}")

LOGS="$ROOT/test-results/logs"
mkdir -p "$LOGS"

names=()
results=()
counts=()
secs=()

# Counts from a log: cargo's "test result:" lines, or node's test summary.
count_tests() {
  local logfile="$1"
  if grep -q '^test result: ' "$logfile"; then
    awk '
      /^test result: / {
        for (i = 1; i <= NF; i++) {
          if ($(i + 1) ~ /^passed/) p += $i
          if ($(i + 1) ~ /^failed/) f += $i
          if ($(i + 1) ~ /^ignored/) g += $i
        }
      }
      END { printf "%d passed, %d failed, %d ignored", p, f, g }
    ' "$logfile"
  elif grep -Eq '^(# |ℹ )(tests|pass|fail) [0-9]+' "$logfile"; then
    awk '
      /^(# |ℹ )tests [0-9]+/ { t = $3 }
      /^(# |ℹ )pass [0-9]+/ { p = $3 }
      /^(# |ℹ )fail [0-9]+/ { f = $3 }
      /^(# |ℹ )skipped [0-9]+/ { s = $3 }
      END { printf "%d passed, %d failed, %d skipped (of %d)", p, f, s, t }
    ' "$logfile"
  else
    printf -- '-'
  fi
}

# run_suite NAME COMMAND...: runs, tees to the log, records the outcome.
run_suite() {
  local name="$1"
  shift
  local logfile="$LOGS/$name.log" start rc
  log "suite: $name"
  start=$(date +%s)
  "$@" 2>&1 | tee "$logfile"
  rc=${PIPESTATUS[0]}
  names+=("$name")
  secs+=("$(($(date +%s) - start))")
  counts+=("$(count_tests "$logfile")")
  if [ "$rc" -eq 0 ]; then results+=("ok"); else results+=("FAILED ($rc)"); fi
  return "$rc"
}

skip_suite() {
  names+=("$1")
  results+=("FAILED (skipped: $2)")
  counts+=("-")
  secs+=(0)
}

suite_lint() {
  local rc=0
  cargo fmt --all -- --check || rc=1
  cargo clippy --workspace --all-targets -- -D warnings || rc=1
  cargo clippy -p selfcheck --all-targets --target "$WASM_TARGET" -- -D warnings || rc=1
  return "$rc"
}

suite_native() {
  cargo test --workspace
}

suite_web() {
  shopt -s nullglob
  local files=(tests/web_*.rs)
  shopt -u nullglob
  if [ "${#files[@]}" -eq 0 ]; then
    echo "no tests/web_*.rs files"
    return 1
  fi
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$CHROMEDRIVER_BIN" \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/scripts/webdriver.json" \
    WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
    cargo test -p selfcheck --target "$WASM_TARGET" --test 'web_*'
}

suite_build() {
  "$ROOT/scripts/build.sh"
}

suite_e2e() {
  # Each test file starts its own static server on a free port and one
  # Chromium; each test gets a fresh, empty browser context, and no test
  # depends on how fast the machine is (tests/e2e/helpers.mjs). One file at a
  # time: the machine is small.
  rm -rf "$ROOT/test-results/screenshots" "$ROOT/test-results/downloads"
  local flags=()
  # One file at a time, 5 min per test at most (flags known from node 20 on).
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then
    flags+=(--test-concurrency=1 --test-timeout=300000)
  fi
  node --test "${flags[@]}" tests/e2e/
}

overall_start=$(date +%s)
setup_ok=1
run_suite setup ensure_test_tools || setup_ok=0

build_ok=1
for suite in "${selected[@]}"; do
  case "$suite" in
    e2e)
      if [ "$build_ok" -ne 1 ]; then
        skip_suite e2e "build failed"
      elif [ ! -f dist/pkg/selfcheck_bg.wasm ]; then
        skip_suite e2e "no dist/, run the build suite"
      else
        run_suite e2e suite_e2e
      fi
      ;;
    build)
      run_suite build suite_build || build_ok=0
      ;;
    *)
      run_suite "$suite" "suite_$suite"
      ;;
  esac
done

failed=0
printf '\n%-8s  %-28s  %-40s  %7s\n' "suite" "result" "counts" "seconds"
printf '%-8s  %-28s  %-40s  %7s\n' "--------" "----------------------------" "----------------------------------------" "-------"
for i in "${!names[@]}"; do
  printf '%-8s  %-28s  %-40s  %7s\n' "${names[$i]}" "${results[$i]}" "${counts[$i]}" "${secs[$i]}"
  [ "${results[$i]}" = ok ] || failed=1
done
printf '\ntotal %ss; logs in %s\n' "$(($(date +%s) - overall_start))" "${LOGS#"$ROOT"/}"
if [ "$failed" -ne 0 ] || [ "$setup_ok" -ne 1 ]; then
  printf 'RESULT: FAILED\n'
  exit 1
fi
printf 'RESULT: PASSED\n'
