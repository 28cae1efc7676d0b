#!/usr/bin/env bash
# Catalogue benchmark, one command: `bash bench/catalogue.sh`.
#
# Builds its own PostgreSQL database (kursuok_bench) with 1,500 providers,
# 50,000 programmes and 150,000 groups, serves the app with gunicorn on
# 127.0.0.1, loads four endpoints with wrk (4 connections, a bounded time each)
# and prints requests/s and p95 latency, first as configured (with the search
# cache), then with the cache off, then the EXPLAIN (ANALYZE) plans.
#
# Settings: BENCH_DB, BENCH_PG_URL (server, no database), BENCH_SECONDS (per
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

echo "== Database $DB: migrate and generate"
psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
export DATABASE_URL="${PG_URL/postgresql:/postgresql+psycopg:}/$DB"
export PYTHONPATH=. LOG_LEVEL=WARNING DEV_MAILBOX=0
.venv/bin/flask --app wsgi db upgrade 2>/dev/null
.venv/bin/python bench/generate.py
psql "$PG_URL/$DB" -qc "VACUUM ANALYZE"
PROGRAMME=$(psql "$PG_URL/$DB" -Atc \
  "SELECT id FROM programmes WHERE status = 'published' ORDER BY id OFFSET 1000 LIMIT 1")
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
trap stop_server EXIT

start_server() {
  CATALOGUE_CACHE_SIZE="$1" .venv/bin/gunicorn --workers "$WORKERS" \
    --worker-class "$WORKER_CLASS" --threads "$THREADS" --bind "127.0.0.1:$PORT" \
    --log-level warning wsgi:app &
  SERVER_PID=$!
  for _ in $(seq 100); do
    if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "gunicorn did not start" >&2
  exit 1
}

CEILING=""
measure() {
  local name="$1" path="$2"
  curl -fsS -o /dev/null "$BASE$path"  # warm up, and fail loudly on an error page
  local line
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" -s bench/report.lua \
    "$BASE$path" | grep '^RESULT')
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
  measure "ceiling: GET /healthz" "/healthz"
  measure "catalogue, unfiltered" "/mokymai/paieska"
  measure "search: anglu + 3 filters" "$SEARCH"
  measure "programme page" "/programos/$PROGRAMME"
}

echo
echo "== gunicorn $WORKERS $WORKER_CLASS workers x $THREADS threads, wrk $CONNECTIONS connections," \
  "${SECONDS_EACH}s per endpoint, $(nproc) cores"
echo "== 1. As configured (search answers cached per process by catalogue version)"
start_server 512
run_all
stop_server

CEILING=""
echo
echo "== 2. Cache off (CATALOGUE_CACHE_SIZE=0): every request runs its queries"
start_server 0
run_all
stop_server

echo
echo "== Three-filter search: $SEARCH"
echo "== Query plans (EXPLAIN ANALYZE, BUFFERS)"
.venv/bin/python bench/explain.py "${SEARCH#*\?}" ""
