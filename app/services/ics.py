"""Calendars: a group's schedule and a learner's personal feed as iCalendar."""

import secrets
from datetime import UTC, datetime

from icalendar import Calendar, Event

from app.extensions import db
from app.models import Group, Registration, User
from app.models.registration import ACTIVE_STATUSES
from app.services.audit import record_audit
from app.timeutil import VILNIUS


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Kursuok//Mokymu tvarkarastis//LT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Vilnius")
    return calendar


def _add_sessions(calendar: Calendar, group: Group, stamp: datetime) -> None:
    programme = group.programme
    for session in group.sessions:
        event = Event()
        event.add("uid", f"kursuok-session-{session.id}@kursuok")
        event.add("dtstamp", stamp)
        event.add(
            "dtstart", datetime.combine(session.day, session.starts_at, tzinfo=VILNIUS)
        )
        event.add(
            "dtend", datetime.combine(session.day, session.ends_at, tzinfo=VILNIUS)
        )
        summary = programme.title
        if session.topic:
            summary += f": {session.topic}"
        event.add("summary", summary)
        event.add("location", session.place or group.address or group.city)
        event.add(
            "description",
            f"Mokymo teikėjas: {programme.provider.name}. Grupė: {group.code}.",
        )
        calendar.add_component(event)


def group_calendar(group: Group) -> bytes:
    """Return every session of a group as an .ics file."""
    calendar = _calendar(f"{group.programme.title} ({group.code})")
    _add_sessions(calendar, group, datetime.now(UTC))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def learner_calendar(learner: User) -> bytes:
    """Return every session of the learner's active groups as an .ics feed."""
    calendar = _calendar("Kursuok: mano mokymai")
    registrations = db.session.scalars(
        db.select(Registration).where(
            Registration.learner_id == learner.id,
            Registration.status.in_(ACTIVE_STATUSES),
        )
    )
    stamp = datetime.now(UTC)
    for registration in registrations:
        _add_sessions(calendar, registration.group, stamp)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def issue_calendar_token(learner: User) -> str:
    """Create (or replace) the secret of the learner's calendar feed URL."""
    learner.calendar_token = secrets.token_urlsafe(32)
    record_audit(learner, "calendar_feed.issued", learner)
    return learner.calendar_token


def revoke_calendar_token(learner: User) -> None:
    """Turn the calendar feed off; the old URL stops working."""
    learner.calendar_token = None
    record_audit(learner, "calendar_feed.revoked", learner)


def learner_by_calendar_token(token: str) -> User | None:
    if not token:
        return None
    return db.session.scalar(db.select(User).where(User.calendar_token == token))
