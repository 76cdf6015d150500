#!/usr/bin/env bash
# Builds the widget into dist/ (see scripts/README.md).
#
#   scripts/build.sh          release build, wasm-opt -Oz
#   scripts/build.sh --dev    debug build, no wasm-opt (faster, much larger)
#
# One wasm module serves both the standalone page and the embed loader: the
# library (cdylib) is compiled for wasm32, wasm-bindgen writes
# dist/pkg/selfcheck.js + dist/pkg/selfcheck_bg.wasm, and index.html does
#   import init, { start } from './pkg/selfcheck.js'; await init(); start();
# The collector page (collect.html) has its own module, dist/pkg/collect.js,
# loaded only by its worker: the respondent's pages never fetch it.
# Then the app's first screen is rendered into dist/index.html (headless
# Chromium, scripts/first-screen.mjs) and .gz/.br copies are written.
# Installs the Rust target, wasm-bindgen-cli (pinned), npm packages and
# Chromium if missing.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

profile=release
case "${1:-}" in
  --dev) profile=dev ;;
  "") ;;
  *) die "usage: scripts/build.sh [--dev]" ;;
esac

ensure_build_tools
cd "$ROOT"

DIST="$ROOT/dist"
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"

# Builds one crate's cdylib for wasm32 and writes dist/pkg/<name>.js +
# <name>_bg.wasm (wasm-opt -Oz in release). Used for the respondent's module
# (crate selfcheck) and the collector's (crate collect, loaded only by
# collect.html's worker). A third argument `speed` builds with cargo profile
# `speed` (Cargo.toml: opt-level 3) and wasm-opt -O3: smaller matters less
# there than faster.
wasm_module() {
  local crate="$1" name="$2" goal="${3:-size}" wasm
  local cargo_profile=release opt=-Oz
  if [ "$goal" = speed ]; then
    cargo_profile=speed
    opt=-O3
  fi
  if [ "$profile" = release ]; then
    log "cargo build -p $crate --profile $cargo_profile --lib --target $WASM_TARGET"
    cargo build -p "$crate" --lib --profile "$cargo_profile" --target "$WASM_TARGET"
    wasm="$TARGET_DIR/$WASM_TARGET/$cargo_profile/$crate.wasm"
  else
    log "cargo build -p $crate --lib --target $WASM_TARGET (dev)"
    cargo build -p "$crate" --lib --target "$WASM_TARGET"
    wasm="$TARGET_DIR/$WASM_TARGET/debug/$crate.wasm"
  fi
  [ -f "$wasm" ] || die "no $wasm: is the lib's crate-type cdylib?"
  log "wasm-bindgen --target web ($name)"
  wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$DIST/pkg" "$wasm"
  if [ "$profile" = release ]; then
    log "wasm-opt $opt ($name)"
    local bg="$DIST/pkg/${name}_bg.wasm"
    # The features rustc enables by default for wasm32-unknown-unknown.
    "$ROOT/node_modules/.bin/wasm-opt" "$opt" \
      --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$bg" -o "$bg.opt"
    mv "$bg.opt" "$bg"
  fi
}

rm -rf "$DIST"
mkdir -p "$DIST/pkg"
wasm_module selfcheck selfcheck
wasm_module collect collect speed
# The format module (crates/formats: OSCAL, CSV, check sheets, peer comparison), a
# second wasm module the widget imports on first use (src/web/formats.rs), so
# none of it is in the first download. Its own cargo invocation: built
# together with the widget, cargo would unify `selfcheck`'s features and put
# the widget's `start`/`mount` exports into it.
wasm_module formats selfcheck_formats
# The XLSX writer (crates/workbook), larger than every other format together:
# its own module, fetched only when the user asks for the Excel file.
wasm_module workbook selfcheck_workbook

log "copying static files"
[ -f index.html ] && cp index.html "$DIST/"
if [ -d www ]; then
  # www/* goes to the root of dist/ (www/style.css -> dist/style.css).
  cp -R www/. "$DIST/"
fi
mkdir -p "$DIST/catalogs"
shopt -s nullglob
catalogs=(catalogs/*.json)
shopt -u nullglob
if [ "${#catalogs[@]}" -gt 0 ]; then
  # Served minified (the repository keeps them readable for review):
  # same data, about 7% less to transfer after gzip.
  node -e '
    const fs = require("fs"), path = require("path");
    const out = process.argv[1];
    for (const f of process.argv.slice(2)) {
      const text = fs.readFileSync(f, "utf8");
      fs.writeFileSync(path.join(out, path.basename(f)), JSON.stringify(JSON.parse(text)));
    }' "$DIST/catalogs" "${catalogs[@]}"
fi

# The shipped catalogs as OSCAL 1.1.2 catalogs (written by `catgen oscal`),
# minified like the others: dist/catalogs/oscal/*.json.
copy_oscal_catalogs() {
  shopt -s nullglob
  local files=(catalogs/oscal/*.json)
  shopt -u nullglob
  [ "${#files[@]}" -gt 0 ] || return 0
  mkdir -p "$DIST/catalogs/oscal"
  node -e '
    const fs = require("fs"), path = require("path");
    for (const f of process.argv.slice(2)) {
      const out = path.join(process.argv[1], path.basename(f));
      fs.writeFileSync(out, JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8"))));
    }' "$DIST/catalogs/oscal" "${files[@]}"
}
copy_oscal_catalogs

# The static first screen (issue 13): the app's own first render of the
# default catalog, written into dist/index.html by headless Chromium.
first_screen() {
  ensure_chromium || die "the build renders the first screen in headless Chromium ($CHROMIUM_BIN): install chromium (apt) and run again"
  log "first screen (headless Chromium)"
  node "$ROOT/scripts/first-screen.mjs" "$DIST" || die "could not render the first screen (see above)"
}

# FILE.gz and FILE.br next to the large files, for servers that serve them.
precompress() {
  log "precompressing (.gz, .br)"
  node "$ROOT/scripts/precompress.mjs" "$DIST"
}

first_screen
precompress

node "$ROOT/scripts/sizes.mjs" "$DIST"
log "built $DIST ($profile)"
