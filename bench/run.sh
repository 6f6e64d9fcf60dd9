#!/usr/bin/env bash
# `make bench`: the scenarios on the embedded default (SQLite) and on PostgreSQL + Redis, with
# their baselines measured in the same run: pages vs a static file, the flash sale (a 500-unit
# burst, a sustained sale that never sells out, then two servers + two workers behind nginx), the
# spread, the expiry drain, and pgbench running the same SQL as one order on an idle copy of the
# database. Raw results: target/bench/<backend>.json; then bench/report.py writes BENCHMARKS.md.
# Load from Debian's wrk (Lua scripts in bench/).
#   bench/run.sh [sqlite|postgres ...]     default: both
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export BENCH_DIR="$root/bench"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$root/target/bench"
mkdir -p "$out"
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
# shellcheck source=bench/scenarios.sh
source "$BENCH_DIR/scenarios.sh"

SHOPPERS="${BENCH_SHOPPERS:-2000}"
CLIENTS="${BENCH_CLIENTS:-32}"
SECS="${BENCH_SECS:-10}"
SUSTAIN_SECS="${BENCH_SUSTAIN_SECS:-15}"
WARMUP_SECS=3
LIGHTHOUSE_RUNS="${BENCH_LIGHTHOUSE_RUNS:-5}"
BENCH_MAX_SECS="${BENCH_MAX_SECS:-300}"
HOT_STOCK=500
AFTER=2000
SPREAD_PRODUCTS="${BENCH_SPREAD_PRODUCTS:-10000}"
SPREAD_COUPONS=10
SPREAD_ORDERS="${BENCH_SPREAD_ORDERS:-5000}"
DRAIN_ORDERS="${BENCH_DRAIN_ORDERS:-50000}"
port_a=3401
port_b=3402
port_lb=3400
base="http://127.0.0.1:$port_a"
pg_admin="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

for tool in wrk pgbench nginx sqlite3 psql redis-cli perf inferno-collapse-perf inferno-flamegraph; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/ensure-tools.sh bench installs it)"
done
# Lighthouse's browser: the one scripts/ensure-tools.sh checks for and Playwright uses.
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || fail "Debian's chromium is missing at $chromium (scripts/ensure-tools.sh bench installs it)"
[ -x "$target/release/server" ] && [ -x "$target/release/worker" ] || fail "no release build under $target (make bench builds it)"

run_backend() {
  backend="$1"
  work="$(mktemp -d)"
  pids=()
  workers=()
  local db_name="shop_bench_$$"
  queue_prefix="bench-$$"
  case "$backend" in
    sqlite)
      db_url="sqlite://$work/shop.db?mode=rwc"
      redis_env=()
      ;;
    postgres)
      psql "$pg_admin" -qc "drop database if exists $db_name with (force)" -c "create database $db_name" >/dev/null
      db_url="${pg_admin%/*}/$db_name"
      redis-cli --scan --pattern "$queue_prefix:*" | xargs -r redis-cli del >/dev/null
      redis_env=(REDIS_URL=redis://127.0.0.1:6379 REDIS_QUEUE_PREFIX="$queue_prefix")
      ;;
    *) fail "unknown backend $backend (sqlite or postgres)" ;;
  esac
  trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
  say "[$backend] release server + worker (work files in $work)"
  start_server "$port_a"
  server_a=$started
  start_worker a
  workers+=("$started")

  scenario_pages
  scenario_lighthouse
  say "[$backend] $SHOPPERS shoppers sign up and sign in through the API"
  curl -fs -c "$work/admin.jar" -H 'content-type: application/json' \
    -d '{"email":"bench-admin@shop.test","password":"bench-admin-password"}' "$base/api/v1/session" >/dev/null
  sign_up_shoppers "$SHOPPERS" "$work/cookies.txt"
  cut -d' ' -f1 "$work/cookies.txt" > "$work/tokens.txt"
  setup_spread
  # Before any load: pgbench on an idle copy of what the scenarios below start from.
  scenario_baselines
  scenario_flash_sale
  scenario_sustained_sale
  scenario_overload
  scenario_profile
  scenario_scale_out
  scenario_spread
  scenario_drain

  stop "${pids[@]}"
  trap - EXIT
  python3 - "$work" "$out/$backend.json" "$backend" "$CLIENTS" "$SECS" "$SHOPPERS" <<'EOF'
import json, pathlib, sys
work, dest, backend, clients, secs, shoppers = sys.argv[1:]
result = {"backend": backend, "clients": int(clients), "secs": int(secs), "shoppers": int(shoppers)}
for p in sorted(pathlib.Path(work).glob("*.result.json")):
    result[p.name.removesuffix(".result.json")] = json.loads(p.read_text())
json.dump(result, open(dest, "w"), indent=2)
EOF
  if [ "$backend" = postgres ]; then
    psql "$pg_admin" -qc "drop database if exists $db_name with (force)" >/dev/null
    redis-cli --scan --pattern "$queue_prefix:*" | xargs -r redis-cli del >/dev/null
  fi
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"
}

for b in ${@:-sqlite postgres}; do
  run_backend "$b"
done
python3 "$BENCH_DIR/report.py"
