"""Print EXPLAIN (ANALYZE) of the catalogue's search statements on the bench data."""

import sys

from sqlalchemy import text
from werkzeug.datastructures import MultiDict

from app import create_app
from app.extensions import db
from app.services.catalogue import (
    facet_statement,
    load_vocabulary,
    page_statement,
    read_search,
)
from app.timeutil import local_today


def main(urls: list[str]) -> None:
    app = create_app()
    with app.app_context(), app.test_request_context():
        vocabulary = load_vocabulary()
        for query_string in urls:
            search, _ = read_search(MultiDict(_pairs(query_string)))
            statements = {
                "facet counts": facet_statement(search, vocabulary, local_today()),
                "result page": page_statement(search, vocabulary, local_today(), 20),
            }
            for name, statement in statements.items():
                sql = statement.compile(
                    dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}
                )
                print(f"\n=== {name} for ?{query_string}")
                # Literal binds double every % for the driver; EXPLAIN gets none.
                sql = str(sql).replace("%%", "%")
                plan = db.session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {sql}"))
                for (line,) in plan:
                    print(line)


def _pairs(query_string: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query_string)


if __name__ == "__main__":
    main(sys.argv[1:])
