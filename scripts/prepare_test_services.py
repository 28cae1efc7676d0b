"""Check that the test PostgreSQL and Redis answer; create the test database."""

import os
import sys

import psycopg
from redis import Redis
from sqlalchemy.engine import make_url


def main() -> int:
    url = make_url(os.environ["TEST_DATABASE_URL"])
    try:
        Redis.from_url(os.environ["TEST_REDIS_URL"], socket_connect_timeout=2).ping()
        with psycopg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{url.database}"')
    except Exception as error:
        print(
            f"Test services not ready: {type(error).__name__}: {error}", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
