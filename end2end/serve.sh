#!/usr/bin/env bash
# Starts the built server and worker on a fresh embedded database, for the browser tests.
# Playwright runs this as its webServer and stops it when the tests end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
data="$(mktemp -d)"
export DATABASE_URL="sqlite://$data/shop.db?mode=rwc"
export LEPTOS_SITE_ADDR="${E2E_ADDR:-127.0.0.1:3100}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$root/target/site}"
export LEPTOS_OUTPUT_NAME=shop
export ORDER_PAYMENT_TTL_SECS="${ORDER_PAYMENT_TTL_SECS:-8}"
export EXPIRY_SWEEP_INTERVAL_SECS=1
export SEED_DEMO_DATA=1
# Every browser of the suite comes from 127.0.0.1: the per-address limits would count them as one.
export SIGN_UPS_PER_ADDRESS_PER_MINUTE=0 ORDERS_PER_ADDRESS_PER_MINUTE=0
unset REDIS_URL ADMIN_EMAIL ADMIN_PASSWORD
cd "$root"
"$target/debug/server" &
server=$!
"$target/debug/worker" &
worker=$!
trap 'kill $server $worker 2>/dev/null || true; wait || true; rm -rf "$data"' EXIT INT TERM
wait -n
