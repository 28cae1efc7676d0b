"""Show what the catalogue asks of the database.

First builds the catalogue index the way a web process does and prints how long
it took, the memory it holds and EXPLAIN (ANALYZE, BUFFERS) of each statement
it reads: these read every published programme and open group, once per
catalogue version and day in each process. Then requests each path given and
explains every statement that request sends; ends with the request plans that
read the whole programmes table, if any.
Usage: `python bench/explain.py PATH...` with DATABASE_URL set.
"""

import os
import sys
import time

from sqlalchemy import event

os.environ["CATALOGUE_VERSION_TTL"] = "0"

from app import create_app
from app.extensions import db
from app.services.catalogue_index import CatalogueIndex, catalogue_version
from app.timeutil import local_today


def main(paths: list[str]) -> None:
    app = create_app()
    client = app.test_client()
    with app.app_context():
        engine = db.engine
        before = _resident_bytes()
        started = time.perf_counter()
        statements = _captured(
            engine, lambda: CatalogueIndex(catalogue_version(), local_today())
        )
        seconds = time.perf_counter() - started
        held = _resident_bytes() - before
    print(
        f"\n##### Building the catalogue index: {seconds:.2f} s, "
        f"{held / 2**20:.0f} MiB more resident memory, {len(statements)} statements"
    )
    _explain(engine, statements)

    client.get(paths[0])  # the request that builds this client's index
    full_scans = []
    for path in paths:
        responses: list = []
        statements = _captured(
            engine, lambda p=path, r=responses: r.append(client.get(p))
        )
        print(
            f"\n##### GET {path} -> {responses[0].status_code}, "
            f"{len(statements)} statements"
        )
        full_scans += [f"{path}: {line}" for line in _explain(engine, statements)]

    print("\n=== Sequential scans of programmes by a request:", full_scans or "none")


def _captured(engine, action) -> list[tuple]:
    """Run an action and return the statements it sent, with their parameters."""
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return statements


def _explain(engine, statements: list[tuple]) -> list[str]:
    """Print each statement's plan; return the lines that scan all programmes."""
    full_scans = []
    with engine.connect() as connection:
        for number, (statement, parameters) in enumerate(statements, 1):
            print(f"\n=== {number}. {' '.join(statement.split())[:300]}")
            plan = connection.exec_driver_sql(
                f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters
            )
            for (line,) in plan:
                print(line)
                if "Seq Scan on programmes" in line:
                    full_scans.append(line.strip())
    return full_scans


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


if __name__ == "__main__":
    main(sys.argv[1:])
