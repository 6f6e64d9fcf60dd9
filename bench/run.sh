#!/usr/bin/env bash
# `make bench`: the benchmark scenarios on the embedded default (SQLite) and on PostgreSQL +
# Redis, with their baselines measured in the same run. Raw results go to target/bench/*.json;
# bench/report.py turns them into BENCHMARKS.md. Load comes from Debian's wrk (Lua scripts in
# bench/), the database baseline from pgbench.
#   bench/run.sh [sqlite|postgres ...]     default: both
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export BENCH_DIR="$root/bench"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$root/target/bench"
mkdir -p "$out"
say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

SHOPPERS="${BENCH_SHOPPERS:-2000}"
CLIENTS="${BENCH_CLIENTS:-64}"
SECS="${BENCH_SECS:-10}"
HOT_STOCK=500
port=3400
base="http://127.0.0.1:$port"
pg_admin="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

# wrk's JSON line -> a file.
wrk_json() { # name url script [extra wrk args]
  local name="$1" url="$2" script="$3"
  shift 3
  wrk -t2 -c"$CLIENTS" -d"${SECS}s" --timeout 10s -s "$BENCH_DIR/$script" "$@" "$url" | tee "$work/$name.txt" \
    | sed -n 's/^WRK_JSON //p' > "$work/$name.json"
  [ -s "$work/$name.json" ] || { echo "wrk printed no result for $name" >&2; exit 1; }
}

sql() { # backend query -> single value
  case "$backend" in
    sqlite) sqlite3 "$work/shop.db" "$1" ;;
    postgres) psql "$db_url" -Atc "$1" ;;
  esac
}

run_backend() {
  backend="$1"
  work="$(mktemp -d)"
  db_name="shop_bench_$$"
  case "$backend" in
    sqlite)
      db_url="sqlite://$work/shop.db?mode=rwc"
      redis_env=()
      ;;
    postgres)
      psql "$pg_admin" -qc "drop database if exists $db_name with (force)" -c "create database $db_name" >/dev/null
      db_url="${pg_admin%/*}/$db_name"
      redis-cli --scan --pattern "bench-$$:*" | xargs -r redis-cli del >/dev/null
      redis_env=(REDIS_URL=redis://127.0.0.1:6379 REDIS_QUEUE_PREFIX="bench-$$")
      ;;
  esac
  common=(DATABASE_URL="$db_url" "${redis_env[@]}" ORDER_PAYMENT_TTL_SECS=600 EXPIRY_SWEEP_INTERVAL_SECS=1
    SEED_DEMO_DATA=1 ADMIN_EMAIL=bench-admin@shop.test ADMIN_PASSWORD=bench-admin-password
    LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$root/target/site" LEPTOS_OUTPUT_NAME=shop RUST_LOG=warn)
  say "[$backend] starting the release server and worker"
  (cd "$work" && exec env "${common[@]}" "$target/release/server") > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  (cd "$work" && exec env "${common[@]}" "$target/release/worker") > "$work/worker.log" 2>&1 &
  worker=$!
  trap 'kill $server $worker 2>/dev/null || true' EXIT

  say "[$backend] catalog page, product page, static file ($CLIENTS clients, ${SECS}s each)"
  wrk_json page_catalog "$base/" get.lua --latency
  wrk_json page_product "$base/products/1" get.lua --latency
  wrk_json page_static "$base/favicon.svg" get.lua --latency

  say "[$backend] flash sale: $SHOPPERS shoppers, one product with $HOT_STOCK units"
  jar="$work/admin.jar"
  curl -fs -c "$jar" -H 'content-type: application/json' \
    -d '{"email":"bench-admin@shop.test","password":"bench-admin-password"}' "$base/api/v1/session" >/dev/null
  product=$(curl -fs -b "$jar" -H 'content-type: application/json' \
    -d "{\"name\":\"Flash sale item\",\"price\":10000,\"stock\":$HOT_STOCK}" "$base/api/v1/admin/products" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  seq 1 "$SHOPPERS" | xargs -P 4 -I{} sh -c '
    body="{\"email\":\"flash{}@shop.test\",\"password\":\"password-123\"}"
    curl -fs -o /dev/null -H "content-type: application/json" -d "$body" '"$base"'/api/v1/users
    curl -fs -o /dev/null -D - -H "content-type: application/json" -d "$body" '"$base"'/api/v1/session \
      | sed -n "s/^[Ss]et-[Cc]ookie: shop_session=\([0-9a-f]*\);.*/\1/p"' > "$work/cookies.txt"
  [ "$(wc -l < "$work/cookies.txt")" -eq "$SHOPPERS" ] || { echo "only $(wc -l < "$work/cookies.txt") shoppers signed in" >&2; exit 1; }
  rss_peak=0
  (while kill -0 $server 2>/dev/null; do ps -o rss= -p $server; sleep 0.2; done) > "$work/rss.txt" &
  sampler=$!
  COOKIES="$work/cookies.txt" PRODUCT_ID="$product" wrk_json flash_sale "$base/api/v1/orders" flash_sale.lua --latency
  kill $sampler 2>/dev/null || true
  rss_peak=$(sort -n "$work/rss.txt" | tail -1)
  accepted=$(sql "select count(*) from order_items where product_id = $product")
  stock=$(sql "select stock from products where id = $product")
  span_ms=$(case "$backend" in
    sqlite) sql "select cast((julianday(max(o.created_at)) - julianday(min(o.created_at))) * 86400000 as integer) from orders o join order_items i on i.order_id = o.id where i.product_id = $product" ;;
    postgres) sql "select (extract(epoch from max(o.created_at) - min(o.created_at)) * 1000)::bigint from orders o join order_items i on i.order_id = o.id where i.product_id = $product" ;;
  esac)
  scheduled=$(sql "select count(*) from order_events e join order_items i on i.order_id = e.order_id where i.product_id = $product and e.kind = 'expiry_scheduled'")
  # `worker check` exits non-zero on a violation; the report shows its last line either way.
  violations=$( (cd "$work" && env "${common[@]}" "$target/release/worker" check || true) | tail -1)

  baseline_tps=None
  if [ "$backend" = postgres ]; then
    say "[$backend] pgbench baseline: the same SQL on the hot row"
    baseline_product=$(curl -fs -b "$jar" -H 'content-type: application/json' \
      -d '{"name":"Baseline row","price":1000,"stock":1000000000}' "$base/api/v1/admin/products" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    users=$(sql "select max(id) from users")
    baseline_tps=$(pgbench -n -c "$CLIENTS" -j 2 -T "$SECS" -f "$BENCH_DIR/hot_order.sql" \
      -D product="$baseline_product" -D shoppers="$users" "$db_url" 2>/dev/null \
      | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  fi

  kill $server $worker 2>/dev/null || true
  wait $server $worker 2>/dev/null || true
  trap - EXIT
  python3 - "$work" "$out/$backend.json" <<EOF
import json, sys
work, dest = sys.argv[1], sys.argv[2]
load = lambda n: json.load(open(f"{work}/{n}.json"))
result = {
    "backend": "$backend", "clients": $CLIENTS, "secs": $SECS, "shoppers": $SHOPPERS,
    "page_catalog": load("page_catalog"), "page_product": load("page_product"), "page_static": load("page_static"),
    "flash_sale": {**load("flash_sale"), "hot_stock": $HOT_STOCK, "accepted": $accepted, "stock_left": $stock,
                   "sell_out_ms": ${span_ms:-0}, "expiry_scheduled": $scheduled,
                   "invariants": "$violations", "server_rss_peak_kib": ${rss_peak:-0}},
    "baseline_hot_order_tps": ${baseline_tps:-None},
}
json.dump(result, open(dest, "w"), indent=2)
EOF
  [ "$backend" = postgres ] && psql "$pg_admin" -qc "drop database if exists $db_name with (force)" >/dev/null
  rm -rf "$work"
}

for b in "${@:-sqlite postgres}"; do
  for one in $b; do run_backend "$one"; done
done
python3 "$BENCH_DIR/report.py"
