#!/usr/bin/env bash
# Runs the built server and worker together on the embedded default (or whatever DATABASE_URL
# says); Ctrl-C stops both. `scripts/run.sh release` runs the release build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
# `scripts/run.sh release` runs the production build (`make release`) with its own site.
profile=debug
site="$root/target/site"
if [ "${1:-}" = release ]; then
  profile=release
  site="$root/target/release-site"
fi
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$site}"
export LEPTOS_OUTPUT_NAME=shop
"$target/$profile/server" &
server=$!
"$target/$profile/worker" &
worker=$!
trap 'kill $server $worker 2>/dev/null || true; wait || true' EXIT INT TERM
echo "The shop is at http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C stops the server and the worker)"
wait -n
