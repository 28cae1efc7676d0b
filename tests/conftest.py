"""Shared fixtures: the app on SQLite or PostgreSQL, clients, logins and factories.

Services come from the environment: TEST_DATABASE_URL (PostgreSQL), TEST_REDIS_URL
and /usr/bin/chromium. A test that needs a missing service is skipped, unless
KURSUOK_REQUIRE_SERVICES=1 (as in CI), where it fails instead.
"""

import os
import re
import socket
import tempfile
from datetime import date, time, timedelta
from itertools import count
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from app import create_app
from app.config import TestingConfig
from app.extensions import db as _db
from app.integrations import simulated_persons
from app.integrations.registers import Diploma, EmploymentRecord
from app.integrations.simulator import SimulatedPerson
from app.models import Category, Group, GroupSession, Programme, Provider, User
from app.services.personal_code import first_digit, make_code
from app.timeutil import local_today, utcnow

ELIGIBLE_CODE = "48803141013"  # Ona Petraitienė in app/data/test_persons.json
ADMIN_CODE = "48009151135"  # Agnė Administratorė, role "admin"
CONTACT_EMAIL = "ona@example.lt"
REQUIRE_SERVICES = os.environ.get("KURSUOK_REQUIRE_SERVICES") == "1"
# Redirect targets that lead off the site: browsers read a backslash as a slash
# and drop tabs.
HOSTILE_NEXT = [
    "//evil.example/steal",
    "https://evil.example",
    "javascript:alert(1)",
    "/\\evil.example",
    "/\t/evil.example",
]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require(available: bool, what: str) -> None:
    """Skip a test whose service is missing, or fail when CI says it must be there."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required here (KURSUOK_REQUIRE_SERVICES=1)")
    pytest.skip(f"{what} is not available")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as in production.

    Without this, requests reuse the test's app context and share `g`, so values
    cached there (the CSRF token, for one) leak from one request to the next.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            # End the test's own read transaction so it sees what the request wrote.
            _db.session.rollback()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """One app per test session, its database built by the real migrations."""
    from flask_migrate import upgrade

    class Config(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        UPLOAD_DIR = str(tmp_path_factory.mktemp("uploads"))

    app = create_app(Config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.drop_all()
        _db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        _db.session.commit()
        upgrade()
    return app


@pytest.fixture
def db(app):
    """The database inside an app context, emptied after the test."""
    with app.app_context():
        yield _db
        _db.session.remove()
        _empty_tables()
        app.extensions.pop("kursuok.queue", None)


def _empty_tables() -> None:
    tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
    if _db.engine.dialect.name == "postgresql":
        _db.session.execute(
            text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        )
    else:
        for table in tables:
            _db.session.execute(text(f"DELETE FROM {table}"))
    _db.session.commit()


@pytest.fixture
def is_postgres(db) -> bool:
    return db.engine.dialect.name == "postgresql"


@pytest.fixture
def postgres(db):
    """The database, which this test needs to be PostgreSQL."""
    require(db.engine.dialect.name == "postgresql", "PostgreSQL (TEST_DATABASE_URL)")
    return db


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def htmx_client(app, db):
    client = app.test_client()
    client.environ_base["HTTP_HX_REQUEST"] = "true"
    return client


def csrf_token(html: str) -> str:
    """Pull the CSRF token out of a rendered form."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    if match is None:
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def login_as(app):
    """Log a client in through the consent page and the simulated gateway."""

    def login(
        client,
        personal_code: str = ELIGIBLE_CODE,
        next_url: str = "",
        contacts: bool = False,
    ):
        page = client.get("/prisijungti/asmuo", query_string={"next": next_url})
        response = client.post(
            "/prisijungti/asmuo",
            data={"accept": "y", "next": next_url, "csrf_token": csrf_token(page.text)},
        )
        assert response.status_code == 303, response.text
        gateway = client.get(response.headers["Location"])
        state = re.search(r'name="state" type="hidden" value="([^"]+)"', gateway.text)
        response = client.post(
            response.headers["Location"],
            data={
                "person": personal_code,
                "method": "smartid",
                "state": state.group(1),
                "csrf_token": csrf_token(gateway.text),
            },
        )
        assert response.status_code == 303, response.text
        page = client.get(response.headers["Location"], follow_redirects=True)
        if contacts:
            give_contacts(personal_code)
            page = client.get(page.request.path)
        return page

    return login


def give_contacts(personal_code: str = ELIGIBLE_CODE, email: str = CONTACT_EMAIL):
    """Fill a learner's contacts and mark the e-mail confirmed, as the contacts
    card would after the right code."""
    _db.session.rollback()  # see what the login request wrote
    with _db.session.no_autoflush:
        user = _db.session.scalar(
            _db.select(User).where(User.personal_code == personal_code)
        )
        user.address_place_id = 9999
        user.address_place = "Kaunas (Kauno m. sav.)"
        user.address_street = "Laisvės al."
        user.address_house = "1"
        user.phone = "+37061234567"
        user.email = email
        user.email_confirmed_at = utcnow()
    _db.session.commit()
    return user


@pytest.fixture
def make_person(app):
    """Add a test person to the simulated registers and return their code."""
    added = []
    serial = iter(range(500, 999))

    def make(
        born: date = date(1985, 5, 5),
        employed: bool = True,
        diplomas: tuple[str, ...] = ("aukštasis universitetinis",),
        citizen: bool = True,
        residence_permit: bool = False,
        first_name: str = "Testas",
        last_name: str = "Testaitis",
    ) -> str:
        code = make_code(first_digit(False, born), born, next(serial))
        person = SimulatedPerson(
            personal_code=code,
            first_name=first_name,
            last_name=last_name,
            citizenship="Lietuvos Respublika" if citizen else "Ukraina",
            lithuanian_citizen=citizen,
            residence_permit=residence_permit,
            employment=EmploymentRecord(employed=employed, kind="darbo sutartis"),
            diplomas=[
                Diploma(level, "Testo mokykla", "Testo kvalifikacija", 2010)
                for level in diplomas
            ],
            email="",
            case="test",
        )
        simulated_persons().persons[code] = person
        added.append(code)
        return code

    yield make
    for code in added:
        simulated_persons().persons.pop(code, None)


@pytest.fixture
def make_group(db):
    """Create a published programme with one open group; return the group."""
    counter = iter(range(1, 10_000))

    def make(
        capacity: int = 10,
        price_cents: int = 30000,
        start: date | None = None,
        title: str = "Anglų kalba pradedantiesiems",
        seats_taken: int = 0,
    ) -> Group:
        number = next(counter)
        start = start or local_today() + timedelta(days=30)
        category = db.session.scalar(db.select(Category).limit(1)) or Category(
            slug="daugiakalbystes", name="Daugiakalbystės", position=0
        )
        provider = Provider(name=f"Testo teikėjas {number}", city="Vilnius")
        programme = Programme(
            provider=provider,
            category=category,
            title=title,
            annotation="Kursai suaugusiesiems.",
            hours=40,
            price_cents=price_cents,
        )
        group = Group(
            programme=programme,
            code=f"T-{number}",
            start_date=start,
            end_date=start + timedelta(days=14),
            registration_deadline=start - timedelta(days=3),
            city="Vilnius",
            address="Gedimino pr. 1",
            capacity=capacity,
            seats_taken=seats_taken,
            price_cents=price_cents,
        )
        group.sessions.append(
            GroupSession(
                day=start, starts_at=time(18), ends_at=time(21), topic="Įvadas"
            )
        )
        db.session.add(group)
        db.session.commit()
        return group

    return make


def start_smtp_server(port: int):
    """Start a real SMTP server (aiosmtpd) on 127.0.0.1; return (inbox, controller).

    The inbox keeps every message received in `inbox.messages`.
    """
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Inbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    inbox = Inbox()
    inbox.port = port
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return inbox, controller


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on 127.0.0.1 for the whole test session."""
    inbox, controller = start_smtp_server(free_port())
    yield inbox
    controller.stop()


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "")
    available = False
    if url:
        from redis import Redis

        try:
            available = Redis.from_url(url).ping()
        except Exception:
            available = False
    require(available, "Redis (TEST_REDIS_URL)")
    return url


@pytest.fixture
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    require(Path(path).exists(), f"Chromium at {path}")
    return path


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory() as directory:
        yield Path(directory)


@pytest.fixture
def categories(db):
    rows = [
        Category(slug="daugiakalbystes", name="Daugiakalbystės", position=0),
        Category(slug="skaitmenine", name="Skaitmeninė", position=1),
    ]
    db.session.add_all(rows)
    db.session.commit()
    return {c.slug: c for c in rows}


@pytest.fixture
def make_programme(db, categories):
    """Create a published programme with one open group; return it."""
    numbers = count(1)

    def make(
        title: str = "Anglų kalba",
        category: str = "daugiakalbystes",
        provider: str | None = None,
        starts_in: int | None = 30,
        **fields,
    ) -> Programme:
        number = next(numbers)
        name = provider or f"Teikėjas {number}"
        owner = db.session.scalar(db.select(Provider).where(Provider.name == name))
        programme = Programme(
            provider=owner or Provider(name=name, city="Vilnius"),
            category=categories[category],
            title=title,
            hours=fields.pop("hours", 40),
            price_cents=fields.pop("price_cents", 20000),
            city=fields.pop("city", "Vilnius"),
            **fields,
        )
        if starts_in is not None:
            start = local_today() + timedelta(days=starts_in)
            programme.groups.append(
                Group(
                    code=f"S-{number}",
                    start_date=start,
                    end_date=start + timedelta(days=14),
                    registration_deadline=start - timedelta(days=3),
                    capacity=10,
                    price_cents=programme.price_cents,
                )
            )
        db.session.add(programme)
        db.session.commit()
        return programme

    return make
