# The scenarios of bench/run.sh (sourced). Each writes $work/<scenario>.result.json.

# Python one-liners that turn measurements into the result files.
result() { # name python-dict-expression (may use load(name) for a wrk JSON of $work)
  python3 - "$work" "$1" "$2" <<'EOF'
import json, sys
work, name, expr = sys.argv[1:]
load = lambda n: json.load(open(f"{work}/{n}.json"))
json.dump(eval(expr), open(f"{work}/{name}.result.json", "w"), indent=2)
EOF
}

count_orders() { sql "select count(*) from orders"; }

# Every accepted order of `product` has its expiry job in the queue itself: the Redis keys of
# apalis-redis on PostgreSQL runs, the embedded queue's SQLite table otherwise.
jobs_queued_for() { # product -> how many of its orders have a job
  local ids
  ids="$(sql "select distinct order_id from order_items where product_id = $1")"
  case "$backend" in
    postgres) "$BENCH_DIR/queue_check.py" redis "$queue_prefix" <<< "$ids" ;;
    sqlite) "$BENCH_DIR/queue_check.py" sqlite "$work/jobs.db" <<< "$ids" ;;
  esac
}

# 3. Pages: server-rendered catalog and product pages beside a static file of the same server, and
# the static file beside the cheapest answer the server has (/healthz).
scenario_pages() {
  say "[$backend] pages: /, /products/1, /favicon.svg and /healthz ($CLIENTS clients, ${SECS}s each)"
  wrk_page page_catalog "$base/"
  wrk_page page_product "$base/products/1"
  wrk_page page_static "$base/favicon.svg"
  wrk_page page_healthz "$base/healthz"
  result pages '{"catalog": load("page_catalog"), "product": load("page_product"), "static": load("page_static"),
    "healthz": load("page_healthz")}'
}

# 3b. Lighthouse (npm, pinned in tools/lighthouse) in Debian's Chromium, mobile, on the idle
# release server: Performance score and page weight of `/` and a product page. One run's score
# moves by several points (the hydration task's length varies from run to run, and TBT weighs it
# heavily), so each page runs LIGHTHOUSE_RUNS times and the run with the median score is reported,
# with every run's score beside it (Lighthouse's own advice: the median of several runs). Pages are
# the same on both databases, so it runs with the first backend only.
scenario_lighthouse() {
  [ -z "${lighthouse_done:-}" ] || { result lighthouse '{}'; return; }
  lighthouse_done=1
  say "[$backend] Lighthouse (mobile) on / and /products/1, $LIGHTHOUSE_RUNS runs each"
  local page run
  for page in catalog product; do
    local path=/
    [ "$page" = product ] && path=/products/1
    for run in $(seq 1 "$LIGHTHOUSE_RUNS"); do
      CHROME_PATH="$chromium" "$root/tools/lighthouse/node_modules/.bin/lighthouse" "$base$path" --quiet \
        --only-categories=performance --form-factor=mobile --output=json \
        --output-path="$work/lighthouse_${page}_$run.json" \
        --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic" \
        > "$work/lighthouse_$page.log" 2>&1 || fail "lighthouse failed on $path: $(tail -3 "$work/lighthouse_$page.log")"
    done
  done
  python3 - "$work" "$LIGHTHOUSE_RUNS" <<'EOF'
import json, sys
work, runs = sys.argv[1], int(sys.argv[2])
out = {}
for page in ("catalog", "product"):
    measured = []
    for run in range(1, runs + 1):
        r = json.load(open(f"{work}/lighthouse_{page}_{run}.json"))
        a = r["audits"]
        measured.append({
            "path": "/" + r["finalDisplayedUrl"].split("/", 3)[-1],
            "performance": round(r["categories"]["performance"]["score"] * 100),
            "total_byte_weight": a["total-byte-weight"]["numericValue"],
            "fcp_ms": a["first-contentful-paint"]["numericValue"],
            "lcp_ms": a["largest-contentful-paint"]["numericValue"],
            "tbt_ms": a["total-blocking-time"]["numericValue"],
            "cls": a["cumulative-layout-shift"]["numericValue"],
            "lighthouse": r["lighthouseVersion"],
            "benchmark_index": r["environment"]["benchmarkIndex"],
        })
    median = sorted(measured, key=lambda m: m["performance"])[len(measured) // 2]
    out[page] = {**median, "scores": [m["performance"] for m in measured],
                 "benchmark_indexes": [m["benchmark_index"] for m in measured]}
json.dump(out, open(f"{work}/lighthouse.result.json", "w"), indent=2)
EOF
}

# 1 and 5. Flash sale through `url`: one product with HOT_STOCK units, CLIENTS clients, HOT_STOCK
# + AFTER requests (until sold out and AFTER more), then the checks.
flash_sale() { # name url server-pid-to-sample
  local name="$1" url="$2" product before rss_file="$work/$1.rss"
  product=$(api POST /api/v1/admin/products "{\"name\":\"Flash sale $name\",\"price\":10000,\"stock\":$HOT_STOCK}" | json_field id)
  before=$(count_orders)
  local rss_before
  rss_before=$(ps -o rss= -p "$3")
  sample_rss "$3" "$rss_file"
  wrk_orders "$name" "$url" flash_sale.lua $((HOT_STOCK + AFTER)) COOKIES="$work/tokens.txt" PRODUCT_ID="$product"
  stop "$sampler"
  local accepted stock created span_ms jobs checked
  accepted=$(sql "select count(distinct order_id) from order_items where product_id = $product")
  stock=$(sql "select stock from products where id = $product")
  created=$(( $(count_orders) - before ))
  span_ms=$(sql "$(sell_out_span_sql "$product")")
  jobs=$(jobs_queued_for "$product")
  checked=$(invariants)
  result "$name" "{**load('$name'), 'hot_stock': $HOT_STOCK, 'after': $AFTER, 'accepted': $accepted,
    'orders_created': $created, 'stock_left': $stock, 'sell_out_ms': ${span_ms:-0}, 'jobs_queued': $jobs,
    'invariants': '$checked', 'server_rss_before_kib': $rss_before,
    'server_rss_peak_kib': $(sort -n "$rss_file" | tail -1)}"
}

sell_out_span_sql() { # product: first to last accepted order, in milliseconds
  local orders="from orders o join order_items i on i.order_id = o.id where i.product_id = $1"
  case "$backend" in
    sqlite) echo "select cast(round((julianday(max(o.created_at)) - julianday(min(o.created_at))) * 86400000) as integer) $orders" ;;
    postgres) echo "select round(extract(epoch from max(o.created_at) - min(o.created_at)) * 1000)::bigint $orders" ;;
  esac
}

scenario_flash_sale() {
  say "[$backend] flash sale: one product, $HOT_STOCK units, $((HOT_STOCK + AFTER)) orders from $CLIENTS clients"
  flash_sale flash_sale "$base/api/v1/orders" "$server_a"
}

# 5. Scale out: a second server and a second worker, nginx round-robin in front of both.
scenario_scale_out() {
  say "[$backend] scale out: two servers, two workers, nginx round-robin"
  start_server "$port_b"
  local server_b=$started
  start_worker b
  local worker_b=$started
  sed -e "s|@work@|$work|g" -e "s|@port@|$port_lb|g" -e "s|@a@|$port_a|g" -e "s|@b@|$port_b|g" \
    "$BENCH_DIR/nginx.conf" > "$work/nginx.conf"
  nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' 2> "$work/nginx.err" &
  local lb=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port_lb/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  flash_sale scale_out "http://127.0.0.1:$port_lb/api/v1/orders" "$server_a"
  # Both servers took orders (nginx's round-robin), or this was no scale-out at all.
  local a b
  a=$(grep -c "127.0.0.1:$port_a" "$work/lb-access.log" || true)
  b=$(grep -c "127.0.0.1:$port_b" "$work/lb-access.log" || true)
  stop "$lb" "$server_b" "$worker_b"
  python3 - "$work/scale_out.result.json" "$a" "$b" <<'EOF'
import json, sys
path, a, b = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = json.load(open(path))
r["requests_per_server"] = [a, b]
json.dump(r, open(path, "w"), indent=2)
EOF
}

# 2. Spread, set-up (before the baselines, which run the same orders on a copy): SPREAD_PRODUCTS
# products, SPREAD_COUPONS campaigns issued to the shoppers, and per shopper a line "token coupon...".
setup_spread() {
  say "[$backend] spread set-up: $SPREAD_PRODUCTS products, $SPREAD_COUPONS coupon campaigns"
  sql_script spread_products.sql count="$SPREAD_PRODUCTS"
  first_product=$(sql "select min(id) from products where name like 'Spread item %'")
  for n in $(seq 1 "$SPREAD_COUPONS"); do
    api POST /api/v1/admin/coupons "{\"name\":\"Bench coupon $n\",\"kind\":\"percent\",\"value\":10,\"max_discount\":5000}" >/dev/null
  done
  sql_script spread_coupons.sql
  sql "select user_id, id from user_coupons where status = 'available' order by user_id, id" > "$work/coupons.txt"
  python3 - "$work" <<'EOF'
import collections, sys
work = sys.argv[1]
coupons = collections.defaultdict(list)
for line in open(f"{work}/coupons.txt"):
    user, coupon = line.strip().split("|")
    coupons[user].append(coupon)
with open(f"{work}/shoppers.txt", "w") as out:
    for line in open(f"{work}/cookies.txt"):
        token, user = line.split()
        out.write(" ".join([token, *coupons[user]]) + "\n")
EOF
}

# 2. Spread: SPREAD_ORDERS orders of 1-3 lines with coupons. A request count rather than a
# duration: a timed wrk run ends with requests in flight whose orders exist but whose answers were
# never counted, and every 201 must match an order.
scenario_spread() {
  say "[$backend] spread: $SPREAD_PRODUCTS products, $SPREAD_ORDERS orders of 1-3 lines, coupons"
  local before created states='{}'
  before=$(count_orders)
  # On PostgreSQL, what the server's connections do meanwhile: where a placing lane's time goes.
  [ "$backend" = postgres ] && sample_server_states "$db_url" "$work/spread_states.txt"
  wrk_orders spread "$base/api/v1/orders" spread.lua "$SPREAD_ORDERS" \
    SHOPPERS_FILE="$work/shoppers.txt" FIRST_PRODUCT="$first_product" PRODUCTS="$SPREAD_PRODUCTS"
  if [ "$backend" = postgres ]; then
    stop "$sampler"
    states=$(wait_counts "$work/spread_states.txt")
  fi
  created=$(( $(count_orders) - before ))
  local with_coupon
  with_coupon=$(sql "select count(*) from user_coupons where status = 'reserved'")
  result spread "{**load('spread'), 'products': $SPREAD_PRODUCTS, 'orders_created': $created,
    'with_coupon': $with_coupon, 'server_connection_states': $states, 'invariants': '$(invariants)'}"
}

# The database limit: pgbench running the same SQL as one order, on the hot row and spread, at
# the shop's client count (the hot order also at fewer), each after a warm-up, on a copy of the
# shop's database that nothing else touches (the server and the worker are stopped while it runs,
# then started again). Beside them a floor: one client updating one row, one commit at a time.
# The report compares the sale with the hot order's best rate, and a best rate below the floor
# marks the run invalid. A loaded or broken database gives such a rate (an earlier report's
# baseline was 27 times too low); the hot order's own contention for the row lowers the
# many-client rates: what the backends waited on during the hot order, and the floor's update
# run by as many clients, tell the two apart.
scenario_baselines() {
  [ "$backend" = postgres ] || { result baselines '{}'; return; }
  # A row of its own for each run: thousands of updates leave dead versions on a row's page, and
  # a run on a row another run has churned measures that churn (as each sale has its own product).
  # Eight: the hot order at the shop's client count, five smaller counts, and the two floors.
  local rows=() users coupons copy="${db_name}_baseline" copy_url
  for n in 1 2 3 4 5 6 7 8; do
    rows+=("$(api POST /api/v1/admin/products "{\"name\":\"Baseline row $n\",\"price\":1000,\"stock\":1000000000}" | json_field id)")
  done
  users=$(sql "select max(id) from users")
  coupons=$(sql "select min(id) || ' ' || max(id) from user_coupons")
  say "[$backend] pgbench baselines on an idle copy of the database ($CLIENTS clients, ${WARMUP_SECS}s warm-up + ${SECS}s each)"
  stop "${pids[@]}"
  pids=()
  workers=()
  psql "$pg_admin" -qc "drop database if exists $copy with (force)" -c "create database $copy template $db_name" >/dev/null
  copy_url="${pg_admin%/*}/$copy"
  local floor_tps floor_many hot_tps spread_tps hot_waits sweep="" n row=1 tps
  psql "$copy_url" -qc "vacuum analyze" >/dev/null
  # Sampled through the warm-up and the timed run alike: the same load.
  sample_waits "$copy_url" "$work/hot_waits.txt"
  hot_tps=$(pgbench_tps hot "$copy_url" "$CLIENTS" hot_order.sql -D product="${rows[0]}" -D shoppers="$users")
  stop "$sampler"
  hot_waits=$(wait_counts "$work/hot_waits.txt")
  psql "$copy_url" -qc "vacuum analyze" >/dev/null
  spread_tps=$(pgbench_tps spread "$copy_url" "$CLIENTS" spread_order.sql -D shoppers="$users" \
    -D first="$first_product" -D products="$SPREAD_PRODUCTS" -D first_coupon="${coupons% *}" \
    -D last_coupon="${coupons#* }")
  # The same order at fewer clients: how the database's own rate depends on contention for the
  # row. One transaction per order peaks at a few clients and falls beyond (each order's foreign
  # key check locks the hot row too), so the sweep finds the best rate this database gives it.
  for n in 1 2 4 8 16; do
    [ "$n" -lt "$CLIENTS" ] || continue
    psql "$copy_url" -qc "vacuum analyze" >/dev/null
    tps=$(pgbench_tps "hot_$n" "$copy_url" "$n" hot_order.sql -D product="${rows[$row]}" -D shoppers="$users")
    sweep+="$n: $tps, "
    row=$((row + 1))
  done
  psql "$copy_url" -qc "vacuum analyze" >/dev/null
  floor_tps=$(pgbench_tps single_update "$copy_url" 1 single_update.sql -D product="${rows[$row]}")
  psql "$copy_url" -qc "vacuum analyze" >/dev/null
  floor_many=$(pgbench_tps single_update_many "$copy_url" "$CLIENTS" single_update.sql -D product="${rows[$((row + 1))]}")
  psql "$pg_admin" -qc "drop database if exists $copy with (force)" >/dev/null
  result baselines "{'clients': $CLIENTS, 'single_update_tps_one_client': $floor_tps, 'hot_order_tps': $hot_tps,
    'single_update_tps_many_clients': $floor_many, 'hot_order_waits': $hot_waits,
    'hot_order_tps_by_clients': {${sweep}$CLIENTS: $hot_tps},
    'spread_order_tps': $spread_tps,
    'steal_pct': {'hot_order': $(cat "$work/pgbench_hot.steal"), 'spread_order': $(cat "$work/pgbench_spread.steal")}}"
  start_server "$port_a"
  server_a=$started
  start_worker a
  workers+=("$started")
}

# Where the server's time goes on the hot path: perf samples the server (with call stacks) during
# another SECS of the sustained sale; inferno folds the stacks and draws
# target/bench/server-flamegraph.svg; bench/profile_summary.py writes the shares the report prints.
scenario_profile() {
  [ "$backend" = postgres ] || return 0
  say "[$backend] profile: perf on the server during ${SECS}s of sustained sale"
  local product
  product=$(api POST /api/v1/admin/products '{"name":"Profiled sale","price":10000,"stock":1000000}' | json_field id)
  perf record -F 499 -g --call-graph dwarf,8192 -p "$server_a" -o "$work/perf.data" -- sleep "$SECS" \
    > "$work/perf.log" 2>&1 &
  local perf_pid=$!
  wrk_orders profiled "$base/api/v1/orders" flash_sale.lua "" COOKIES="$work/tokens.txt" PRODUCT_ID="$product"
  wait "$perf_pid" || fail "perf record failed: $(tail -3 "$work/perf.log")"
  perf script -i "$work/perf.data" --no-inline 2> "$work/perf-script.log" | inferno-collapse-perf --kernel > "$work/server.folded"
  inferno-flamegraph --title "server, sustained flash sale ($backend)" < "$work/server.folded" > "$out/server-flamegraph.svg"
  "$BENCH_DIR/profile_summary.py" "$work/server.folded" "$work/profile.result.json"
}

# 1b. Sustained flash sale: one product with 1,000,000 units (it never sells out), CLIENTS
# clients for SUSTAIN_SECS. Accepted orders/s from the orders' own timestamps; a timed run ends
# with requests in flight, so at most CLIENTS orders may exist whose answer wrk never counted.
scenario_sustained_sale() {
  say "[$backend] sustained flash sale: one product that never sells out, $CLIENTS clients, ${SUSTAIN_SECS}s"
  local product units=1000000 before_batches after_batches
  product=$(api POST /api/v1/admin/products "{\"name\":\"Sustained sale\",\"price\":10000,\"stock\":$units}" | json_field id)
  before_batches=$(placing_batches "$port_a")
  SECS="$SUSTAIN_SECS" wrk_orders sustained "$base/api/v1/orders" flash_sale.lua "" COOKIES="$work/tokens.txt" PRODUCT_ID="$product"
  after_batches=$(placing_batches "$port_a")
  local accepted stock span_ms
  accepted=$(sql "select count(distinct order_id) from order_items where product_id = $product")
  stock=$(sql "select stock from products where id = $product")
  span_ms=$(sql "$(sell_out_span_sql "$product")")
  read -r b0 o0 x0 <<< "$before_batches"
  read -r b1 o1 x1 <<< "$after_batches"
  result sustained "{**load('sustained'), 'units': $units, 'accepted': $accepted, 'stock_left': $stock,
    'span_ms': ${span_ms:-0}, 'batches': $((b1 - b0)), 'batched_orders': $((o1 - o0)), 'splits': $((x1 - x0)),
    'invariants': '$(invariants)'}"
}

# 1c. Overload: ten times the sustained sale's clients at one server for SUSTAIN_SECS, on a
# product that never sells out, while two connections read /healthz. Past MAX_REQUESTS_IN_FLIGHT
# the server refuses at once (503, Retry-After) instead of queueing: the accepted orders/s must
# stay near the sustained sale's, the refusals come fast, /healthz answers meanwhile, and every
# accepted order exists (at most the clients' count still in flight when wrk stops).
scenario_overload() {
  local clients=$((CLIENTS * 10)) product units=1000000 shed_before shed_after ticks
  say "[$backend] overload: $clients clients (ten times the sale's) for ${SUSTAIN_SECS}s, /healthz read meanwhile"
  product=$(api POST /api/v1/admin/products "{\"name\":\"Overload sale\",\"price\":10000,\"stock\":$units}" | json_field id)
  shed_before=$(shed_requests "$port_a")
  ticks=$(cpu_ticks)
  wrk -t1 -c2 -d"${SUSTAIN_SECS}s" --timeout 10s --latency -s "$BENCH_DIR/get.lua" "$base/healthz" \
    > "$work/overload_healthz.txt" &
  local health=$!
  CLIENTS=$clients SECS="$SUSTAIN_SECS" wrk_orders overload "$base/api/v1/orders" flash_sale.lua "" \
    COOKIES="$work/tokens.txt" PRODUCT_ID="$product"
  wait "$health" || true
  sed -n 's/^WRK_JSON //p' "$work/overload_healthz.txt" > "$work/overload_healthz.json"
  [ -s "$work/overload_healthz.json" ] || fail "wrk printed no result for /healthz during the overload"
  note_steal "$work/overload_healthz.json" "$ticks"
  shed_after=$(shed_requests "$port_a")
  local accepted stock span_ms
  accepted=$(sql "select count(distinct order_id) from order_items where product_id = $product")
  stock=$(sql "select stock from products where id = $product")
  span_ms=$(sql "$(sell_out_span_sql "$product")")
  result overload "{**load('overload'), 'clients': $clients, 'units': $units, 'accepted': $accepted,
    'stock_left': $stock, 'span_ms': ${span_ms:-0}, 'shed': $((shed_after - shed_before)),
    'healthz': load('overload_healthz'), 'invariants': '$(invariants)'}"
}

# 4. Expiry drain: DRAIN_ORDERS orders past their deadline, inserted by SQL while no worker runs;
# then one worker starts and the time until none is pending is measured.
scenario_drain() {
  say "[$backend] expiry drain: $DRAIN_ORDERS due orders, one worker"
  stop "${workers[@]}"
  workers=()
  local stock_before pending waited=0 t0 t1
  stock_before=$(sql "select sum(stock) from products")
  sql_script drain_orders.sql count="$DRAIN_ORDERS" first_product="$first_product" products="$SPREAD_PRODUCTS"
  pending=$(sql "select count(*) from orders where idempotency_key like 'drain-%' and status = 'pending_payment'")
  [ "$pending" -eq "$DRAIN_ORDERS" ] || fail "inserted $pending due orders, not $DRAIN_ORDERS"
  t0=$(date +%s%N)
  start_worker drain
  workers+=("$started")
  while [ "$(sql "select count(*) from orders where idempotency_key like 'drain-%' and status = 'pending_payment'")" -gt 0 ]; do
    sleep 0.1
    waited=$((waited + 1))
    [ "$waited" -lt $((BENCH_MAX_SECS * 10)) ] || fail "the drain did not finish in ${BENCH_MAX_SECS}s"
  done
  t1=$(date +%s%N)
  local span_ms stock_after restored
  span_ms=$(sql "$(drain_span_sql)")
  stock_after=$(sql "select sum(stock) from products")
  restored=$(sql "select count(*) from order_events e join orders o on o.id = e.order_id where o.idempotency_key like 'drain-%' and e.kind = 'stock_restored'")
  result drain "{'orders': $DRAIN_ORDERS, 'wall_ms': $(( (t1 - t0) / 1000000 )), 'span_ms': ${span_ms:-0},
    'stock_before': $stock_before, 'stock_after': $stock_after, 'stock_restored_events': $restored,
    'invariants': '$(invariants)'}"
}

drain_span_sql() { # first to last cancellation of the drain's orders, in milliseconds
  local orders="from orders where idempotency_key like 'drain-%'"
  case "$backend" in
    sqlite) echo "select cast(round((julianday(max(cancelled_at)) - julianday(min(cancelled_at))) * 86400000) as integer) $orders" ;;
    postgres) echo "select round(extract(epoch from max(cancelled_at) - min(cancelled_at)) * 1000)::bigint $orders" ;;
  esac
}
