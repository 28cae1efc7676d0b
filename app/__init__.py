"""Kursuok: individual learning accounts."""

import logging

from flask import Flask, has_request_context, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from app.config import Config
from app.errors import register_error_pages
from app.extensions import csrf, db, login_manager, mail, migrate


def create_app(config_class: type = Config) -> Flask:
    """Build the Flask app with its extensions, blueprints and error pages."""
    app = Flask(__name__)
    app.config.from_object(config_class)
    _configure_logging(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_dir()), render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)

    from app import models  # noqa: F401  (registers the tables with SQLAlchemy)
    from app.integrations import init_integrations

    init_integrations(app)
    app.url_map.converters["int"] = RowIdConverter
    _register_blueprints(app)
    register_error_pages(app)
    _register_request_hooks(app)
    _register_template_helpers(app)

    from app.cli import register_cli

    register_cli(app)
    return app


class RowIdConverter(IntegerConverter):
    """`<int:…>` in a route: a number a table's id can hold, else the page is not
    found (a larger one would make the database fail instead)."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _migrations_dir():
    from app.config import BASE_DIR

    return BASE_DIR / "migrations"


def _configure_logging(app: Flask) -> None:
    logging.basicConfig(
        level=app.config["LOG_LEVEL"],
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _register_blueprints(app: Flask) -> None:
    from app.blueprints import (
        admin,
        auth,
        catalogue,
        dev,
        learner,
        profile,
        public,
        registration,
        viisp,
    )

    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(viisp.bp)
    app.register_blueprint(learner.bp)
    app.register_blueprint(profile.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(catalogue.bp)
    app.register_blueprint(registration.bp)
    if app.config["DEV_MAILBOX"]:
        app.register_blueprint(dev.bp)


def _register_request_hooks(app: Flask) -> None:
    from app.htmx import add_vary
    from app.queue import dispatch_committed_jobs

    @app.after_request
    def finish(response):
        dispatch_committed_jobs()
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        )
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if current_user.is_authenticated and request.endpoint != "static":
            # Pages with personal data must not stay in shared or back-button caches.
            response.headers["Cache-Control"] = "no-store"
        return add_vary(response)


def _register_template_helpers(app: Flask) -> None:
    from app.templating import register

    register(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Make SQLite enforce foreign keys, let readers and a writer work side by side,
    and wait instead of failing when another writer holds the lock."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    """Start SQLite transactions ourselves; a state-changing request takes the
    write lock at once, so concurrent writers queue up instead of failing with
    "database is locked" when both try to upgrade a read lock."""
    if connection.dialect.name != "sqlite":
        return
    writes = has_request_context() and request.method not in ("GET", "HEAD", "OPTIONS")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
