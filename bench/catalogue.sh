#!/usr/bin/env bash
# Catalogue benchmark, one command: `bash bench/catalogue.sh`.
#
# Builds its own PostgreSQL database (kursuok_bench) with 1,500 providers,
# 50,000 programmes and 150,000 groups, serves the app with gunicorn on
# 127.0.0.1, loads four endpoints with wrk (4 connections, a bounded time each)
# and prints requests/s and p95 latency in two rounds: one repeated URL per
# endpoint, then varied URLs (wrk rotates through bench/paths.py's 960
# searches, every page and sort of the catalogue, and 1,000 programmes). No
# search answer is cached anywhere: every request filters, counts and sorts.
# Ends with the cost of building the catalogue index (time, memory, the
# statements it reads with their plans) and the statements a search sends.
#
# Settings: BENCH_DB, BENCH_REUSE=1 (keep an existing bench database, only
# migrate it), BENCH_PG_URL (server, no database), BENCH_SECONDS (per
# endpoint), BENCH_WORKERS, BENCH_WORKER_CLASS and BENCH_THREADS (gunicorn). The
# default gives each of wrk's 4 connections its own sync worker on the 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

DB="${BENCH_DB:-kursuok_bench}"
PG_URL="${BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
SECONDS_EACH="${BENCH_SECONDS:-10}"
WORKERS="${BENCH_WORKERS:-4}"
WORKER_CLASS="${BENCH_WORKER_CLASS:-sync}"
THREADS="${BENCH_THREADS:-1}"
CONNECTIONS=4
SEARCH="/mokymai/paieska?q=anglu&kalba=angl%C5%B3&budas=nuotolinis&kaina_iki=400"

if ! command -v wrk >/dev/null; then
  apt_install wrk
fi

export DATABASE_URL="${PG_URL/postgresql:/postgresql+psycopg:}/$DB"
export PYTHONPATH=. LOG_LEVEL=WARNING DEV_MAILBOX=0
if [ "${BENCH_REUSE:-0}" = 1 ]; then
  echo "== Database $DB: reused, migrated"
  .venv/bin/flask --app wsgi db upgrade 2>/dev/null
else
  echo "== Database $DB: migrate and generate"
  psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  .venv/bin/flask --app wsgi db upgrade 2>/dev/null
  .venv/bin/python bench/generate.py
fi
psql "$PG_URL/$DB" -qc "VACUUM ANALYZE"
PROGRAMME=$(psql "$PG_URL/$DB" -Atc \
  "SELECT id FROM programmes WHERE status = 'published' ORDER BY id OFFSET 1000 LIMIT 1")
PATHS=$(mktemp -d)
echo /healthz >"$PATHS/ceiling"
.venv/bin/python bench/paths.py catalogue >"$PATHS/catalogue"
.venv/bin/python bench/paths.py search >"$PATHS/search"
psql "$PG_URL/$DB" -Atc "SELECT '/programos/' || id FROM programmes
  WHERE status = 'published' ORDER BY md5(id::text) LIMIT 1000" >"$PATHS/programme"
PORT=$(.venv/bin/python -c \
  'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap 'stop_server; rm -rf "$PATHS"' EXIT

# Start gunicorn and wait until every worker has built its catalogue index
# (gunicorn.conf.py builds it before a worker's first request), so no build
# competes with the measurements.
start_server() {
  LOG_LEVEL=INFO .venv/bin/gunicorn --workers "$WORKERS" \
    --worker-class "$WORKER_CLASS" --threads "$THREADS" --bind "127.0.0.1:$PORT" \
    --log-level warning wsgi:app 2>"$PATHS/server.log" &
  SERVER_PID=$!
  for _ in $(seq 600); do
    if [ "$(grep -c 'Catalogue index of' "$PATHS/server.log")" -ge "$WORKERS" ]; then
      grep -m1 'Catalogue index of' "$PATHS/server.log" | sed 's/^.*INFO [^:]*: /== /'
      return 0
    fi
    sleep 0.1
  done
  cat "$PATHS/server.log" >&2
  echo "gunicorn did not start" >&2
  exit 1
}

CEILING=""
# measure NAME PATH [PATHS_FILE]: one URL, or rotate through a file of paths.
measure() {
  local name="$1" path="$2" rotate="${3:-}"
  curl -fsS -o /dev/null "$BASE$path"  # warm up, and fail loudly on an error page
  local line
  if [ -n "$rotate" ]; then
    line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s bench/rotate.lua \
      "$BASE" -- "$rotate" | grep '^RESULT')
  else
    line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s bench/report.lua \
      "$BASE$path" | grep '^RESULT')
  fi
  read -r _ rps p95 p50 total errors <<<"$line"
  if [ -z "$CEILING" ]; then CEILING="$rps"; fi
  local share
  share=$(awk -v a="$rps" -v b="$CEILING" 'BEGIN { printf "%.0f", 100 * a / b }')
  printf "%-34s %10s %9s ms %9s ms %5s %% %9s %6s\n" \
    "$name" "$rps" "$p95" "$p50" "$share" "$total" "$errors"
}

run_all() {
  printf "%-34s %10s %12s %12s %7s %9s %6s\n" \
    endpoint "req/s" p95 p50 ceiling requests errors
  CEILING=""
  measure "ceiling: GET /healthz" "/healthz"
  measure "catalogue, unfiltered" "/mokymai/paieska"
  measure "search: anglu + 3 filters" "$SEARCH"
  measure "programme page" "/programos/$PROGRAMME"
}

run_varied() {
  printf "%-34s %10s %12s %12s %7s %9s %6s\n" \
    endpoint "req/s" p95 p50 ceiling requests errors
  CEILING=""
  measure "ceiling: GET /healthz" "/healthz"
  measure "catalogue: $(wc -l <"$PATHS/catalogue") pages x sorts" \
    "/mokymai/paieska?puslapis=2" "$PATHS/catalogue"
  measure "search: $(wc -l <"$PATHS/search") text + 3 filters" "$SEARCH" "$PATHS/search"
  measure "programme: $(wc -l <"$PATHS/programme") pages" \
    "/programos/$PROGRAMME" "$PATHS/programme"
}

echo
echo "== gunicorn $WORKERS $WORKER_CLASS workers x $THREADS threads, wrk $CONNECTIONS connections," \
  "${SECONDS_EACH}s per endpoint, $(nproc) cores"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== 1. One URL per endpoint"
start_server
run_all
echo
echo "== 2. Varied URLs"
run_varied
stop_server
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== The catalogue index, and the statements of a search (EXPLAIN ANALYZE, BUFFERS)"
.venv/bin/python bench/explain.py "$SEARCH" "/mokymai/paieska" \
  "/mokymai/skaitmenine?budas=nuotolinis" "/mokymai/paieska?kalba=angl%C5%B3"
