"""Configuration: the only module that reads the environment."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings for a running product, each overridable from the environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-change-me")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'kursuok.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}  # noqa: RUF012 (read-only)

    # Empty REDIS_URL means the embedded default: jobs run in-process.
    REDIS_URL = os.environ.get("REDIS_URL", "")
    RQ_QUEUE_NAME = os.environ.get("RQ_QUEUE_NAME", "kursuok")
    # Seconds between the retries of a failed job (e-mail delivery, for one).
    JOB_RETRY_INTERVALS = tuple(
        int(s)
        for s in os.environ.get("JOB_RETRY_INTERVALS", "10,60,300,900,3600").split(",")
    )

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "127.0.0.1")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get(
        "MAIL_DEFAULT_SENDER", "Kursuok <noreply@kursuok.localhost>"
    )
    # The embedded default keeps e-mails in the outbox and shows them on the
    # development mailbox page instead of talking to an SMTP server.
    MAIL_SUPPRESS_SEND = _bool("MAIL_SUPPRESS_SEND", True)
    DEV_MAILBOX = _bool("DEV_MAILBOX", True)

    # Where links in e-mails point; e-mails are rendered outside requests too.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    TEST_PERSONS_PATH = os.environ.get(
        "TEST_PERSONS_PATH", str(DATA_DIR / "test_persons.json")
    )
    # Register adapters give up after this many seconds and show the last known data.
    REGISTER_TIMEOUT_SECONDS = float(os.environ.get("REGISTER_TIMEOUT_SECONDS", "5"))
    # The simulators can be told to fail ("population,sodra,dakpr") or to be slow.
    REGISTER_SIMULATOR_FAIL = os.environ.get("REGISTER_SIMULATOR_FAIL", "")
    REGISTER_SIMULATOR_DELAY_SECONDS = float(
        os.environ.get("REGISTER_SIMULATOR_DELAY_SECONDS", "0")
    )
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(BASE_DIR / "instance" / "uploads"))
    UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
    # Requests may carry the file plus the form; anything bigger is cut off early.
    MAX_CONTENT_LENGTH = UPLOAD_MAX_BYTES + 64 * 1024
    DOCUMENT_REVIEW_WORKING_DAYS = int(
        os.environ.get("DOCUMENT_REVIEW_WORKING_DAYS", "3")
    )
    EMAIL_CODE_TTL_MINUTES = int(os.environ.get("EMAIL_CODE_TTL_MINUTES", "15"))
    # Wrong codes allowed; the next wrong one locks confirmation for a while.
    EMAIL_CODE_MAX_ATTEMPTS = int(os.environ.get("EMAIL_CODE_MAX_ATTEMPTS", "5"))
    EMAIL_CODE_LOCK_MINUTES = int(os.environ.get("EMAIL_CODE_LOCK_MINUTES", "30"))
    CATALOGUE_DIR = os.environ.get("CATALOGUE_DIR", str(DATA_DIR / "catalogue"))
    PRIVACY_RULES_VERSION = os.environ.get("PRIVACY_RULES_VERSION", "2024-09-01")
    BASKET_LIMIT_CENTS = int(os.environ.get("BASKET_LIMIT_CENTS", "50000"))
    WAITLIST_OFFER_HOURS = int(os.environ.get("WAITLIST_OFFER_HOURS", "48"))
    BASKET_WINDOW_YEARS = int(os.environ.get("BASKET_WINDOW_YEARS", "5"))
    TIMEZONE = "Europe/Vilnius"
    PAGE_SIZE = int(os.environ.get("PAGE_SIZE", "20"))
    # A catalogue index of fewer programmes is rebuilt while the request waits;
    # a larger one is rebuilt in the background while the old one answers.
    CATALOGUE_INDEX_WAIT_BELOW = int(
        os.environ.get("CATALOGUE_INDEX_WAIT_BELOW", "5000")
    )
    # ...and at most this often, however often the catalogue changes.
    CATALOGUE_INDEX_REBUILD_SECONDS = float(
        os.environ.get("CATALOGUE_INDEX_REBUILD_SECONDS", "15")
    )
    # Seconds a web process trusts the catalogue version it last read; a change
    # made by another process shows after at most this long (0: check always).
    CATALOGUE_VERSION_TTL = float(os.environ.get("CATALOGUE_VERSION_TTL", "1"))
    # Cookie that remembers the visitor's list or grid display of the catalogue.
    CATALOGUE_VIEW_COOKIE = "kursuok_vaizdas"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    WTF_CSRF_TIME_LIMIT = None
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")


class TestingConfig(Config):
    """Settings for the test suite; services come from TEST_* variables."""

    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105 (tests only)
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    REDIS_URL = ""
    MAIL_SUPPRESS_SEND = True
    DEV_MAILBOX = True
    REGISTER_SIMULATOR_FAIL = ""
    REGISTER_SIMULATOR_DELAY_SECONDS = 0.0
    REGISTER_TIMEOUT_SECONDS = 5.0
    CATALOGUE_VERSION_TTL = 0.0
