"""The waiting list: a fair line for full groups.

When a seat frees in a group with people waiting, the seat is kept for the
first in line, who gets an offer valid for a configurable number of hours.
Accepting re-checks eligibility and the basket remainder; a refused or expired
offer passes the seat to the next person, and with nobody left the seat opens
to everyone.
"""

import logging
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Group, Registration, User, WaitlistEntry
from app.models.registration import Funding
from app.models.waitlist import OPEN_STATUSES, WaitlistStatus
from app.services import DomainError
from app.services.audit import record_audit
from app.services.mail import queue_email
from app.services.registration import (
    active_registration,
    free_seat,
    register_for_group,
)

logger = logging.getLogger(__name__)


class OfferExpired(DomainError):
    pass


def join_waitlist(learner: User, group: Group, now: datetime) -> WaitlistEntry:
    """Put a learner in line for a full group."""
    if active_registration(learner, group):
        raise DomainError("Jūs jau esate užsiregistravę į šią grupę.")
    if group.seats_left > 0 and not _has_open_entries(group):
        raise DomainError("Grupėje yra laisvų vietų: galite registruotis iš karto.")
    if open_entry(learner, group):
        raise DomainError("Jūs jau laukiate vietos šioje grupėje.")

    entry = WaitlistEntry(learner_id=learner.id, group_id=group.id, created_at=now)
    db.session.add(entry)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise DomainError("Jūs jau laukiate vietos šioje grupėje.") from error

    record_audit(learner, "waitlist.joined", entry, group=group.code)
    logger.info("User %s joined the waiting list of group %s", learner.id, group.id)
    return entry


def open_entry(learner: User, group: Group) -> WaitlistEntry | None:
    return db.session.scalar(
        db.select(WaitlistEntry).where(
            WaitlistEntry.learner_id == learner.id,
            WaitlistEntry.group_id == group.id,
            WaitlistEntry.status.in_(OPEN_STATUSES),
        )
    )


def _has_open_entries(group: Group) -> bool:
    return (
        db.session.scalar(
            db.select(WaitlistEntry.id)
            .where(WaitlistEntry.group_id == group.id)
            .where(WaitlistEntry.status.in_(OPEN_STATUSES))
            .limit(1)
        )
        is not None
    )


def place_in_line(entry: WaitlistEntry) -> int:
    """Return the 1-based place of a waiting entry in its group's line."""
    ahead = db.session.scalar(
        db.select(db.func.count(WaitlistEntry.id)).where(
            WaitlistEntry.group_id == entry.group_id,
            WaitlistEntry.status.in_(OPEN_STATUSES),
            (WaitlistEntry.created_at < entry.created_at)
            | (
                (WaitlistEntry.created_at == entry.created_at)
                & (WaitlistEntry.id < entry.id)
            ),
        )
    )
    return ahead + 1


def pass_seat_on(group: Group, now: datetime) -> WaitlistEntry | None:
    """Offer a freed seat to the first person waiting, or free it for everyone."""
    group = db.session.get(Group, group.id, with_for_update=True)
    first = db.session.scalar(
        db.select(WaitlistEntry)
        .where(WaitlistEntry.group_id == group.id)
        .where(WaitlistEntry.status == WaitlistStatus.WAITING)
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
        .limit(1)
        .with_for_update()
    )
    if first is None:
        free_seat(group)
        return None

    hours = current_app.config["WAITLIST_OFFER_HOURS"]
    first.status = WaitlistStatus.OFFERED
    first.offered_at = now
    first.offer_expires_at = now + timedelta(hours=hours)
    record_audit(None, "waitlist.offered", first, expires=first.offer_expires_at)
    queue_email(
        first.learner,
        "waitlist_offer",
        f"Atsilaisvino vieta: {group.programme.title}",
        entry=first,
        group=group,
        hours=hours,
    )
    logger.info("Seat in group %s offered to waiting entry %s", group.id, first.id)
    return first


def accept_offer(
    learner: User, entry: WaitlistEntry, funding: Funding, now: datetime, today: date
) -> Registration:
    """Turn an offer into a registration on the seat kept for the learner."""
    expire_offers(now, group=entry.group)
    if entry.status == WaitlistStatus.EXPIRED:
        raise OfferExpired(
            "Pasiūlymo laikas baigėsi, todėl vieta Jums nebelaikoma. "
            "Galite vėl stoti į laukimo eilę."
        )
    if entry.status != WaitlistStatus.OFFERED:
        raise DomainError("Šis pasiūlymas nebegalioja.")
    if entry.group.start_date <= today:
        raise DomainError("Mokymai jau prasidėjo, registruotis nebegalima.")

    registration = register_for_group(
        learner, entry.group, funding, today, seat_held=True
    )
    entry.status = WaitlistStatus.ACCEPTED
    entry.closed_at = now
    record_audit(learner, "waitlist.accepted", entry, registration=registration.id)
    return registration


def decline_offer(learner: User, entry: WaitlistEntry, now: datetime) -> None:
    """Refuse an offered seat (or leave the line); the seat passes on."""
    if entry.status not in OPEN_STATUSES:
        return
    offered = entry.status == WaitlistStatus.OFFERED

    entry.status = WaitlistStatus.DECLINED if offered else WaitlistStatus.CANCELLED
    entry.closed_at = now
    record_audit(learner, f"waitlist.{entry.status}", entry)
    if offered:
        pass_seat_on(entry.group, now)


def expire_offers(now: datetime, group: Group | None = None) -> int:
    """Close offers whose time ran out and pass their seats on; return how many."""
    statement = (
        db.select(WaitlistEntry)
        .where(WaitlistEntry.status == WaitlistStatus.OFFERED)
        .where(WaitlistEntry.offer_expires_at <= now)
        .order_by(WaitlistEntry.offer_expires_at)
        .with_for_update(skip_locked=True)
    )
    if group is not None:
        statement = statement.where(WaitlistEntry.group_id == group.id)

    expired = list(db.session.scalars(statement))
    for entry in expired:
        entry.status = WaitlistStatus.EXPIRED
        entry.closed_at = now
        record_audit(None, "waitlist.expired", entry)
        pass_seat_on(entry.group, now)
    return len(expired)
