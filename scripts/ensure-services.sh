#!/usr/bin/env bash
# Starts PostgreSQL and Redis when they are down and this machine has them, then waits for both.
# The tests need both; a service that cannot be started is reported by name.
set -euo pipefail
say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

if ! pg_up && command -v pg_ctlcluster >/dev/null; then
  say "starting PostgreSQL"
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
if ! redis_up && command -v redis-server >/dev/null; then
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
for _ in $(seq 1 60); do
  if pg_up && redis_up; then exit 0; fi
  sleep 0.5
done
pg_up || echo "PostgreSQL is not answering on 127.0.0.1:5432 (the tests need it)" >&2
redis_up || echo "Redis is not answering on 127.0.0.1:6379 (the tests need it)" >&2
exit 1
