#!/usr/bin/env bash
# Installs what the build (and, with `test`, the browser tests) needs - only what is missing.
#   scripts/ensure-tools.sh build   wasm target, cargo-leptos, wasm-bindgen CLI
#   scripts/ensure-tools.sh test    the above, plus npm packages, Debian's Chromium and promtool
#   scripts/ensure-tools.sh release the build tools, plus wasm-opt (npm binaryen) for release bundles
#   scripts/ensure-tools.sh bench   the build tools, plus Debian's wrk, nginx, sqlite3, perf and
#                                   Chromium (for Lighthouse), Lighthouse and inferno (pgbench comes
#                                   with PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-build}"
CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  # 0.3.11 needs a newer rustc than this machine has; the install takes about 16 minutes, once.
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (once, ~16 min)"
  cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  # Must match Cargo.lock, and without --locked (its own lock pins a yanked crate).
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$want" = test ]; then
  stamp=end2end/node_modules/.installed-from-lock
  if [ ! -f "$stamp" ] || ! cmp -s end2end/package-lock.json "$stamp"; then
    say "installing the browser-test npm packages"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    cp end2end/package-lock.json "$stamp"
  fi
  # Chromium, and Korean glyphs for it (without them the screenshots show Korean as boxes).
  missing=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian's ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
  fi
fi

if [ "$want" = release ]; then
  # cargo-leptos runs wasm-opt on release builds (and would try to download binaryen without one).
  stamp=tools/wasm-opt/node_modules/.installed-from-lock
  if [ ! -f "$stamp" ] || ! cmp -s tools/wasm-opt/package-lock.json "$stamp"; then
    say "installing wasm-opt (npm binaryen)"
    (cd tools/wasm-opt && npm ci --no-audit --no-fund)
    cp tools/wasm-opt/package-lock.json "$stamp"
  fi
fi

if [ "$want" = test ] && ! command -v promtool >/dev/null && [ ! -x "$HOME/.local/bin/promtool" ]; then
  # promtool checks docs/alerts.yml. Taken out of Debian's prometheus package rather than
  # installing it, which would also start a Prometheus server as a service.
  say "extracting promtool from Debian's prometheus package"
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && apt-get download -q prometheus); then
    if [ "$(id -u)" = 0 ]; then apt-get update -q; else sudo apt-get update -q; fi
    (cd "$tmp" && apt-get download -q prometheus)
  fi
  dpkg-deb -x "$tmp"/prometheus_*.deb "$tmp/x"
  mkdir -p "$HOME/.local/bin"
  cp "$tmp/x/usr/bin/promtool" "$HOME/.local/bin/promtool"
  rm -rf "$tmp"
fi

if [ "$want" = bench ]; then
  # Debian packages: the load tool, the round-robin of the scale-out, the SQLite shell for checks.
  missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v perf >/dev/null || missing+=(linux-perf)
  # Lighthouse drives Debian's Chromium; `make test` installs it too, but a bench may come first.
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian's ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
  fi
  command -v pgbench >/dev/null || { echo "pgbench is missing (Debian: postgresql-client / postgresql)" >&2; exit 1; }
  # Lighthouse's page scores, pinned by its lock file.
  stamp=tools/lighthouse/node_modules/.installed-from-lock
  if [ ! -f "$stamp" ] || ! cmp -s tools/lighthouse/package-lock.json "$stamp"; then
    say "installing Lighthouse (npm)"
    (cd tools/lighthouse && npm ci --no-audit --no-fund)
    cp tools/lighthouse/package-lock.json "$stamp"
  fi
  # The profile's stack folding and flame graph (make bench profiles the server on PostgreSQL).
  if ! command -v inferno-flamegraph >/dev/null; then
    say "installing inferno (flame graphs) from the Rust registry"
    cargo install inferno --version 0.12.6 --locked
  fi
fi
