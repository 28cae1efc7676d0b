#!/usr/bin/env bash
# Install everything and run the whole test suite: lint, then the suite on the
# embedded default (SQLite, in-process jobs), then again on PostgreSQL + Redis
# with a real RQ worker, a real SMTP server and headless Chromium.
#
# PostgreSQL and Redis are taken from TEST_DATABASE_URL / TEST_REDIS_URL, or
# the local servers on 127.0.0.1. Without them the second pass is skipped,
# unless KURSUOK_REQUIRE_SERVICES=1 (CI), where that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

ensure_venv requirements-dev.txt
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt_install chromium
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== Pass 1: embedded default (SQLite, in-process jobs)"
KURSUOK_REQUIRE_SERVICES=0 TEST_DATABASE_URL= TEST_REDIS_URL= \
  .venv/bin/pytest -q -m "not browser"

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/kursuok_test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
if ! .venv/bin/python scripts/prepare_test_services.py; then
  if [ "${KURSUOK_REQUIRE_SERVICES:-0}" = "1" ]; then
    echo "PostgreSQL or Redis is not reachable, and this run requires them." >&2
    exit 1
  fi
  echo "== Pass 2 skipped: PostgreSQL or Redis is not reachable."
  exit 0
fi

echo "== Pass 2: PostgreSQL, Redis, RQ worker, SMTP server, Chromium"
.venv/bin/pytest -q
