#!/usr/bin/env bash
# Runs the built server and worker together on the embedded default (or whatever DATABASE_URL
# says); Ctrl-C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$root/target/site}"
export LEPTOS_OUTPUT_NAME=shop
"$target/debug/server" &
server=$!
"$target/debug/worker" &
worker=$!
trap 'kill $server $worker 2>/dev/null || true; wait || true' EXIT INT TERM
echo "The shop is at http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (Ctrl-C stops the server and the worker)"
wait -n
