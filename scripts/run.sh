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
echo "Kursuok: http://127.0.0.1:5000  (sent e-mails: http://127.0.0.1:5000/dev/pastas)"
exec .venv/bin/flask run --host 127.0.0.1 --port "${PORT:-5000}"
