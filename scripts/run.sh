#!/usr/bin/env bash
# Install everything and start Kursuok with demo data on http://127.0.0.1:5000
# (embedded default: SQLite, jobs in-process, e-mails on /dev/pastas).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

ensure_venv requirements.txt
mkdir -p instance
export FLASK_APP=wsgi
.venv/bin/flask db upgrade
.venv/bin/flask seed --if-empty
PORT="${PORT:-5000}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://127.0.0.1:$PORT}"
echo "Kursuok: $PUBLIC_BASE_URL  (sent e-mails: $PUBLIC_BASE_URL/dev/pastas)"
exec .venv/bin/flask run --host 127.0.0.1 --port "$PORT"
