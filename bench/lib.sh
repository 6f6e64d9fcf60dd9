# Helpers of bench/run.sh (sourced): processes, SQL, load runs. Expects $root, $BENCH_DIR, $work,
# $backend, $db_url, $target and the settings of run.sh.

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
fail() { echo "bench: $*" >&2; exit 1; }

sql() { # query -> its rows, fields separated by '|'
  case "$backend" in
    sqlite) sqlite3 -cmd '.timeout 30000' "$work/shop.db" "$1" ;;
    postgres) psql "$db_url" -v ON_ERROR_STOP=1 -Atqc "$1" ;;
  esac
}

sql_script() { # file name=value... : runs a SQL script of bench/sql after replacing @name@
  local file="$BENCH_DIR/sql/$1" text
  shift
  text="$(cat "$file")"
  for kv in "$@"; do text="${text//@${kv%%=*}@/${kv#*=}}"; done
  case "$backend" in
    sqlite) sqlite3 -bail -cmd '.timeout 30000' "$work/shop.db" <<< "$text" >/dev/null ;;
    postgres) psql "$db_url" -v ON_ERROR_STOP=1 -q <<< "$text" >/dev/null ;;
  esac
}

# One environment for every server and worker of the run. Thousands of shoppers come from one
# address here and each places many orders: the rate limits are off (they are tested apart).
stack_env() {
  echo DATABASE_URL="$db_url" "${redis_env[@]}" ORDER_PAYMENT_TTL_SECS=3600 EXPIRY_SWEEP_INTERVAL_SECS=1 \
    SEED_DEMO_DATA=1 ADMIN_EMAIL=bench-admin@shop.test ADMIN_PASSWORD=bench-admin-password \
    SIGN_UPS_PER_ADDRESS_PER_MINUTE=0 ORDERS_PER_ADDRESS_PER_MINUTE=0 ORDERS_PER_ACCOUNT_PER_MINUTE=0 \
    LEPTOS_SITE_ROOT="$root/target/release-site" LEPTOS_OUTPUT_NAME=shop RUST_LOG=warn
}

start_server() { # port -> pid in $started
  # shellcheck disable=SC2046
  (cd "$work" && exec env $(stack_env) LEPTOS_SITE_ADDR="127.0.0.1:$1" METRICS_ADDR="127.0.0.1:$(($1 + 100))" \
    "$target/release/server") >> "$work/server-$1.log" 2>&1 &
  started=$!
  pids+=("$started")
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return; sleep 0.2; done
  fail "the server on port $1 did not become ready (log: $work/server-$1.log)"
}

start_worker() { # name -> pid in $started
  # shellcheck disable=SC2046
  (cd "$work" && exec env $(stack_env) "$target/release/worker") >> "$work/worker-$1.log" 2>&1 &
  started=$!
  pids+=("$started")
}

stop() { # pid...
  kill "$@" 2>/dev/null || true
  wait "$@" 2>/dev/null || true
}

invariants() { # the last line of `worker check` ("0 invariant violations" when all hold)
  # shellcheck disable=SC2046
  (cd "$work" && env $(stack_env) "$target/release/worker" check || true) | tail -1
}

# The machine's CPU time so far, from /proc/stat: "all steal", in ticks. Steal is the time the
# hypervisor ran other guests while this one had work: on a shared 2-core host it moves a run's
# figure more than most code changes do (one binary, alternating runs: 909-978 spread orders/s at
# 1-2 % steal, 502-650/s at 17-31 %), so each timed run reports its own.
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9 }' /proc/stat; }

# The percentage of CPU time stolen since `cpu_ticks` printed $1 ("all steal").
steal_pct_since() { # "all steal"
  # shellcheck disable=SC2046,SC2086
  python3 -c 'import sys; a0, s0, a1, s1 = map(int, sys.argv[1:]); print(round(100 * (s1 - s0) / max(1, a1 - a0), 1))' \
    $1 $(cpu_ticks)
}

# Adds the run's steal percentage to a wrk result file.
note_steal() { # json-file "all steal" at the run's start
  python3 - "$1" "$(steal_pct_since "$2")" <<'EOF'
import json, sys
path, steal = sys.argv[1], float(sys.argv[2])
r = json.load(open(path))
r["steal_pct"] = steal
json.dump(r, open(path, "w"))
EOF
}

# wrk on a page: its own latency histogram (the answers are all alike).
wrk_page() { # name url
  local ticks
  ticks=$(cpu_ticks)
  wrk -t2 -c"$CLIENTS" -d"${SECS}s" --timeout 10s --latency -s "$BENCH_DIR/get.lua" "$2" > "$work/$1.txt"
  sed -n 's/^WRK_JSON //p' "$work/$1.txt" > "$work/$1.json"
  [ -s "$work/$1.json" ] || fail "wrk printed no result for $1"
  note_steal "$work/$1.json" "$ticks"
}

# wrk placing orders (bench/orders.lua): one connection per thread, latency per status. With a
# quota, waits until every thread has sent its share (at most BENCH_MAX_SECS) and stops wrk;
# without one, runs SECS seconds (callers may set SECS for the call).
wrk_orders() { # name url script quota|"" [VAR=value...]
  local name="$1" url="$2" script="$3" quota="$4" done_file="$work/$1.done" duration
  shift 4
  rm -f "$done_file"
  if [ -n "$quota" ]; then duration="${BENCH_MAX_SECS}s"; else duration="${SECS}s"; fi
  local ticks
  ticks=$(cpu_ticks)
  env "$@" THREADS="$CLIENTS" QUOTA="$quota" DONE="$done_file" \
    wrk -t"$CLIENTS" -c"$CLIENTS" -d"$duration" --timeout 10s -s "$BENCH_DIR/$script" "$url" > "$work/$name.txt" &
  local wrk_pid=$!
  if [ -n "$quota" ]; then
    while kill -0 "$wrk_pid" 2>/dev/null; do
      [ -f "$done_file" ] && [ "$(wc -l < "$done_file")" -ge "$CLIENTS" ] && break
      sleep 0.1 # bounded by wrk's own -d BENCH_MAX_SECS: the loop ends when wrk does
    done
    kill -INT "$wrk_pid" 2>/dev/null || true # wrk prints its results on SIGINT
  fi
  wait "$wrk_pid" || true
  sed -n 's/^WRK_JSON //p' "$work/$name.txt" > "$work/$name.json"
  [ -s "$work/$name.json" ] || fail "wrk printed no result for $name (see $work/$name.txt)"
  note_steal "$work/$name.json" "$ticks"
}

api() { # method path [json] -> body; as the bench admin
  curl -fsS -X "$1" -b "$work/admin.jar" -c "$work/admin.jar" -H 'content-type: application/json' \
    ${3:+-d "$3"} "$base$2"
}

json_field() { # field: reads one JSON object on stdin
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# Signs up n shoppers through the API (4 at a time) and signs each in: "token user-id" per line.
sign_up_shoppers() { # n file
  seq 1 "$1" | xargs -P 4 -I{} sh -c '
    body="{\"email\":\"shopper{}@bench.test\",\"password\":\"password-123\"}"
    id=$(curl -fs -H "content-type: application/json" -d "$body" '"$base"'/api/v1/users | sed "s/.*\"id\":\([0-9]*\).*/\1/")
    token=$(curl -fs -o /dev/null -D - -H "content-type: application/json" -d "$body" '"$base"'/api/v1/session \
      | sed -n "s/^[Ss]et-[Cc]ookie: shop_session=\([0-9a-f]*\);.*/\1/p")
    echo "$token $id"' > "$2"
  [ "$(grep -c '^[0-9a-f]\+ [0-9]\+$' "$2")" -eq "$1" ] || fail "only $(grep -c . "$2") of $1 shoppers signed up and in"
}

# Samples a process's resident set every 0.2 s into a file until stopped.
sample_rss() { # pid file -> sampler pid in $sampler
  (while kill -0 "$1" 2>/dev/null; do ps -o rss= -p "$1"; sleep 0.2; done) > "$2" &
  sampler=$!
}

# Runs `query` every 0.25 s until stopped, its rows appended to a file: one line per sampled
# connection per sample.
sample_activity() { # url file query -> sampler pid in $sampler
  (while :; do
    psql "$1" -Atc "$3" || true
    sleep 0.25
  done) > "$2" 2>/dev/null &
  sampler=$!
}

# What pgbench's backends are doing: per active backend, its wait event ("Lock:transactionid",
# "IO:WALSync") or "running" (on a CPU).
sample_waits() { # url file -> sampler pid in $sampler
  sample_activity "$1" "$2" "select coalesce(wait_event_type || ':' || wait_event, 'running') from pg_stat_activity
    where application_name = 'pgbench' and state = 'active'"
}

# What the server's own database connections are doing: "idle" (in the pool), "idle in
# transaction" (a transaction waiting for the server's next statement) or "active <wait event or
# running>".
sample_server_states() { # url file -> sampler pid in $sampler
  sample_activity "$1" "$2" "select case when state = 'active' then 'active ' || coalesce(wait_event_type || ':' ||
    wait_event, 'running') else state end from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()"
}

# The sampled states of sample_waits or sample_server_states as a Python dict literal: state -> count.
wait_counts() { # file
  python3 -c 'import collections,sys; print(dict(collections.Counter(l.strip() for l in open(sys.argv[1]) if l.strip())))' "$1"
}

# A server's placing batches so far, from its metrics: "batches orders splits".
placing_batches() { # port
  curl -fs "http://127.0.0.1:$(($1 + 100))/metrics" | awk '
    /^shop_placing_batch_orders_count / { n = $2 } /^shop_placing_batch_orders_sum / { s = $2 }
    /^shop_placing_batch_splits_total / { x = $2 } END { printf "%d %d %d\n", n, s, x }'
}

# Requests the server answered 503 at its bound (MAX_REQUESTS_IN_FLIGHT) so far.
shed_requests() { # port
  curl -fs "http://127.0.0.1:$(($1 + 100))/metrics" | awk '/^shop_http_requests_shed_total / { n = $2 } END { printf "%d\n", n }'
}

# pgbench after a warm-up: the tps of `script` with `clients` clients for SECS seconds.
pgbench_tps() { # name url clients script [-D name=value...]
  local name="$1" url="$2" clients="$3" script="$BENCH_DIR/$4" tps threads
  shift 4
  threads=$((clients < 2 ? clients : 2))
  pgbench -n -c "$clients" -j "$threads" -T "$WARMUP_SECS" -f "$script" "$@" "$url" > "$work/pgbench_$name.warmup.txt" 2>&1 \
    || fail "pgbench $name (warm-up) failed: $(tail -3 "$work/pgbench_$name.warmup.txt")"
  local ticks
  ticks=$(cpu_ticks)
  pgbench -n -c "$clients" -j "$threads" -T "$SECS" -f "$script" "$@" "$url" > "$work/pgbench_$name.txt" 2>&1 \
    || fail "pgbench $name failed: $(tail -3 "$work/pgbench_$name.txt")"
  steal_pct_since "$ticks" > "$work/pgbench_$name.steal"
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench_$name.txt" | head -1)
  [ -n "$tps" ] || fail "pgbench printed no tps (see $work/pgbench_$name.txt)"
  echo "$tps"
}
