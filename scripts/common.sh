# shellcheck shell=bash
# Shared helpers for scripts/*.sh: repository root, logging, and idempotent
# installers for every tool the build and the tests need. Sourced, not run.
#
# Everything comes from a package registry (crates.io, npm, apt); nothing is
# downloaded from anywhere else.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
WASM_TARGET=wasm32-unknown-unknown
CHROMIUM_BIN=/usr/bin/chromium
CHROMEDRIVER_BIN=/usr/bin/chromedriver
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root (directly, or through sudo when available).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (no sudo available)"
  fi
}

# apt-get install, running `apt-get update` first only when the install fails
# (e.g. on a fresh machine with empty package lists).
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y --no-install-recommends "$@"; then
    log "apt-get install failed; running apt-get update and retrying"
    as_root apt-get update || return
    as_root apt-get install -y --no-install-recommends "$@"
  fi
}

# The wasm-bindgen version pinned in Cargo.lock (the single source of truth:
# Cargo.toml pins it with `=`, and the CLI must match exactly).
wasm_bindgen_version() {
  awk '
    $0 == "name = \"wasm-bindgen\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

ensure_rust() {
  command -v cargo >/dev/null 2>&1 ||
    die "cargo is not installed: install Rust (rustup) first, see README.md"
}

ensure_wasm_target() {
  ensure_rust || return
  if command -v rustup >/dev/null 2>&1; then
    if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
      log "rustup target add $WASM_TARGET"
      rustup target add "$WASM_TARGET" || return
    fi
  elif ! rustc --print target-list | grep -qx "$WASM_TARGET"; then
    die "no rustup and rustc does not know $WASM_TARGET"
  fi
}

# wasm-bindgen and wasm-bindgen-test-runner at exactly the pinned version.
ensure_wasm_bindgen_cli() {
  ensure_rust || return
  local want have runner
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "cannot read the wasm-bindgen version from Cargo.lock"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ] || [ "$runner" != "$want" ]; then
    log "cargo install wasm-bindgen-cli $want (found: ${have:-none}; takes ~3 min)"
    # Not --locked: the CLI's own lockfile does not build with this toolchain.
    cargo install wasm-bindgen-cli --version "$want" --force || return
  fi
}

ensure_chromium() {
  if [ ! -x "$CHROMIUM_BIN" ] || [ ! -x "$CHROMEDRIVER_BIN" ]; then
    log "installing chromium and chromium-driver (apt)"
    apt_install chromium chromium-driver || return
  fi
  # Japanese glyphs, so that screenshots show the catalog text, not boxes.
  if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
    log "installing fonts-noto-cjk (apt)"
    apt_install fonts-noto-cjk || return
  fi
  # pdftotext / pdftoppm, for the printed-report test.
  if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    log "installing poppler-utils (apt)"
    apt_install poppler-utils || return
  fi
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "installing nodejs and npm (apt)"
    apt_install nodejs npm || return
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || log "warning: node $major found; node >= 20 is expected"
}

# `npm ci` when node_modules is missing or package-lock.json changed since the
# last install (a stamp keeps the lockfile's checksum).
ensure_npm_packages() {
  ensure_node || return
  local stamp="$ROOT/node_modules/.selfcheck-lock.sha256" sum
  sum="$(sha256sum "$ROOT/package-lock.json" | awk '{print $1}')"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ] ||
    [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ]; then
    log "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund) || return
    printf '%s\n' "$sum" >"$stamp"
  fi
}

# A Python virtual environment in .venv with the test suite's Python packages
# (tests/requirements.txt, pinned, from PyPI): compliance-trestle validates the
# OSCAL documents, openpyxl reads the XLSX export back. Re-installed only when
# the requirements file changes (a checksum is kept in the venv).
ensure_python_venv() {
  local venv="$ROOT/.venv" req="$ROOT/tests/requirements.txt" stamp sum
  stamp="$venv/.selfcheck-requirements.sha256"
  if ! command -v python3 >/dev/null 2>&1; then
    log "installing python3 (apt)"
    apt_install python3 || return
  fi
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    log "installing python3-venv (apt)"
    apt_install python3-venv || return
  fi
  sum="$(sha256sum "$req" | awk '{print $1}')"
  if [ ! -x "$venv/bin/python" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    log "python venv .venv: pip install -r tests/requirements.txt"
    python3 -m venv "$venv" || return
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$req" || return
    printf '%s\n' "$sum" >"$stamp"
  fi
}

# Everything the build needs (scripts/build.sh).
ensure_build_tools() {
  ensure_wasm_target || return
  ensure_wasm_bindgen_cli || return
  ensure_npm_packages
}

# Everything the tests need (scripts/test.sh).
ensure_test_tools() {
  ensure_build_tools || return
  ensure_chromium || return
  ensure_python_venv
}
