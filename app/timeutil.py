"""Time helpers: timestamps are stored as naive UTC and shown in Europe/Vilnius."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

VILNIUS = ZoneInfo("Europe/Vilnius")


def utcnow() -> datetime:
    """Return the current time as naive UTC, the form stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Return today's date in Vilnius."""
    return datetime.now(VILNIUS).date()


def to_local(moment: datetime) -> datetime:
    """Convert a stored naive UTC timestamp to Vilnius time."""
    return moment.replace(tzinfo=UTC).astimezone(VILNIUS)
