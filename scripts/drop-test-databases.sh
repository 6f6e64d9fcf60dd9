#!/usr/bin/env bash
# Drops databases left behind by earlier test runs that were interrupted.
set -euo pipefail
url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
for db in $(psql "$url" -Atc "select datname from pg_database where datname like 'shop\_test\_%'"); do
  psql "$url" -qc "drop database if exists \"$db\" with (force)" >/dev/null
done
