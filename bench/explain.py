"""Print EXPLAIN (ANALYZE, BUFFERS) of every statement some catalogue pages run.

Each path is requested once through the app with the answer cache off; every
statement it sends is captured with its parameters and explained on the bench
data. Ends with the plans that read the whole programmes table, if any.
Usage: `python bench/explain.py PATH...` with DATABASE_URL set.
"""

import os
import sys

from sqlalchemy import event

os.environ["CATALOGUE_CACHE_SIZE"] = "0"
os.environ["CATALOGUE_VERSION_TTL"] = "0"

from app import create_app
from app.extensions import db


def main(paths: list[str]) -> None:
    app = create_app()
    client = app.test_client()
    with app.app_context():
        engine = db.engine
    full_scans = []
    for path in paths:
        status, statements = _statements_of(client, engine, path)
        print(f"\n##### GET {path} -> {status}, {len(statements)} statements")

        with engine.connect() as connection:
            for number, (statement, parameters) in enumerate(statements, 1):
                print(f"\n=== {number}. {' '.join(statement.split())[:300]}")
                plan = connection.exec_driver_sql(
                    f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters
                )
                for (line,) in plan:
                    print(line)
                    if "Seq Scan on programmes" in line:
                        full_scans.append(f"{path} statement {number}: {line.strip()}")

    print("\n=== Sequential scans of programmes:", "none" if not full_scans else "")
    for line in full_scans:
        print(line)


def _statements_of(client, engine, path: str) -> tuple[int, list[tuple]]:
    """Request a path and return its status and the statements it sent."""
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return response.status_code, statements


if __name__ == "__main__":
    main(sys.argv[1:])
