#!/usr/bin/env bash
# Starts the release server (as `make release` left it) on a fresh embedded database and checks
# what a visitor's browser loads: every script, stylesheet and wasm file the pages name answers
# 200, compressed (brotli) and cacheable for a year, and the bundle on the wire stays small.
# With --browser (as `make test` runs it), the pages must also hydrate in Debian's Chromium.
# Run by `make release` and by `make test`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
server="$target/release/server"
site="$root/target/release-site"
[ -x "$server" ] || { echo "check-release: $server is not built (make release)" >&2; exit 1; }
[ -d "$site/pkg" ] || { echo "check-release: $site/pkg is missing (make release)" >&2; exit 1; }

data="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
DATABASE_URL="sqlite://$data/shop.db?mode=rwc" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" \
  SEED_DEMO_DATA=1 REDIS_URL= RUST_LOG=warn "$server" >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 150); do
  curl -fs "$base/healthz" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { echo "check-release: the release server did not start:" >&2; cat "$data/server.log" >&2; exit 1; }
  sleep 0.2
done

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
wasm_wire=0
for page in / /products/1 /cart; do
  html=$(curl -fs "$base$page") || { fail "$page does not answer"; continue; }
  # Every bundle file the page names: the module and the wasm its hydration script starts, the stylesheet.
  files=$(grep -oE '/pkg/[A-Za-z0-9._/-]+\.(js|wasm|css)' <<<"$html" | sort -u)
  [ -n "$files" ] || fail "$page names no bundle file"
  grep -q '\.wasm' <<<"$files" || fail "$page names no wasm file"
  for f in $files; do
    read -r code size encoding cache < <(curl -s -o /dev/null -H 'Accept-Encoding: br, gzip' \
      -w '%{http_code} %{size_download} %header{content-encoding} %header{cache-control}\n' "$base$f" | sed 's/, /,/g')
    [ "$code" = 200 ] || fail "$f (named by $page) answers $code"
    [ "$encoding" = br ] || fail "$f is not served brotli-compressed (content-encoding: '$encoding')"
    [ "$cache" = "public,max-age=31536000,immutable" ] || fail "$f cache-control is '$cache'"
    if [[ $f == *.wasm ]]; then
      wasm_wire=$size
      # A client without brotli gets gzip, and the same limit holds for it.
      read -r gz_code gz_size gz_encoding < <(curl -s -o /dev/null -H 'Accept-Encoding: gzip' \
        -w '%{http_code} %{size_download} %header{content-encoding}\n' "$base$f")
      [ "$gz_code" = 200 ] && [ "$gz_encoding" = gzip ] || fail "$f for a gzip-only client: $gz_code, content-encoding '$gz_encoding'"
      [ "$gz_size" -le $((1024 * 1024)) ] || fail "$f is $gz_size bytes gzip-compressed (at most $((1024 * 1024)))"
      echo "  $page -> $f: $gz_size bytes on the wire for a gzip-only client"
    fi
    echo "  $page -> $f: $code, $size bytes on the wire ($encoding), $cache"
  done
done
max=$((1024 * 1024))
[ "$wasm_wire" -gt 0 ] && [ "$wasm_wire" -le "$max" ] || fail "the wasm bundle is $wasm_wire bytes on the wire (at most $max)"
if [ "${1:-}" = --browser ]; then
  (cd "$root/end2end" && node release-smoke.mjs "$base") || fail "the release pages did not hydrate in Chromium"
fi

# The same binary beside a site of another build must refuse to start, naming what it lacks.
other="$(mktemp -d)"
mkdir -p "$other/pkg"
if DATABASE_URL="sqlite://$data/other.db?mode=rwc" LEPTOS_SITE_ADDR=127.0.0.1:0 LEPTOS_SITE_ROOT="$other" \
  SEED_DEMO_DATA=0 REDIS_URL= RUST_LOG=warn timeout 30 "$server" >"$data/other.log" 2>&1; then
  fail "the release server started beside a site without its bundle"
elif ! grep -q "run \`make release\`" "$data/other.log"; then
  fail "the release server beside a foreign site did not say why it stopped: $(tail -1 "$data/other.log")"
fi
rm -rf "$other"

if [ "$failures" -gt 0 ]; then
  echo "check-release: $failures failures" >&2
  exit 1
fi
echo "check-release: every bundle file the pages name answers 200, brotli, immutable; wasm $wasm_wire bytes on the wire (brotli), at most 1 MiB gzip too"
