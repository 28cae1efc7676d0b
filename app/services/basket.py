"""The IMP basket: a balance derived from the append-only ledger.

A reservation is held from registration until it is released (the learner
left, was rejected or deregistered, or the contract was terminated by
agreement) or spent (the training was completed). Spending opens a 5-year
window from the first spend; the limit applies to what is spent inside the
window plus what is still reserved. When the window ends, the next spend opens
a new one.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import func
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import BasketEntry, Group, Registration, User
from app.models.registration import BasketEntryKind
from app.timeutil import utcnow

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BasketBalance:
    limit_cents: int
    reserved_cents: int
    spent_cents: int
    window_ends: date | None

    @property
    def remaining_cents(self) -> int:
        return max(self.limit_cents - self.reserved_cents - self.spent_cents, 0)


def basket_balance(learner: User, today: date) -> BasketBalance:
    """Derive the learner's basket on a given day from the ledger."""
    limit = current_app.config["BASKET_LIMIT_CENTS"]
    years = current_app.config["BASKET_WINDOW_YEARS"]
    reserved = _held(BasketEntry.learner_id == learner.id)

    spends = db.session.execute(
        db.select(BasketEntry.created_at, BasketEntry.amount_cents)
        .where(BasketEntry.learner_id == learner.id)
        .where(BasketEntry.kind == BasketEntryKind.SPEND)
        .order_by(BasketEntry.created_at)
    ).all()
    spent, window_ends = _spent_in_window(spends, today, years)
    return BasketBalance(limit, max(reserved, 0), spent, window_ends)


def _spent_in_window(
    spends: list[tuple[datetime, int]], today: date, years: int
) -> tuple[int, date | None]:
    """Return what was spent in the window open on `today` and the day it ends."""
    window_ends: date | None = None
    spent = 0
    for moment, amount in spends:
        if moment.date() > today:
            break
        if window_ends is None or moment.date() >= window_ends:
            window_ends = _add_years(moment.date(), years)
            spent = 0
        spent += amount

    if window_ends is None or today >= window_ends:
        return 0, None
    return spent, window_ends


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def split_price(price_cents: int, balance: BasketBalance) -> tuple[int, int]:
    """Split a price into the basket's part and the learner's own top-up."""
    basket = min(price_cents, balance.remaining_cents)
    return basket, price_cents - basket


def lock_basket(learner: User) -> None:
    """Serialise basket changes of one learner until the transaction ends."""
    db.session.execute(
        db.select(User.id).where(User.id == learner.id).with_for_update()
    ).all()


def outstanding_reservation(registration: Registration) -> int:
    """Return what a registration still holds: reserved, not released or spent."""
    return _held(BasketEntry.registration_id == registration.id)


def _held(condition) -> int:
    """Sum what entries matching a condition still hold: reserved less released
    and spent (spending consumes the reservation it came from)."""
    totals = dict(
        db.session.execute(
            db.select(BasketEntry.kind, func.sum(BasketEntry.amount_cents))
            .where(condition)
            .group_by(BasketEntry.kind)
        ).all()
    )
    return (
        totals.get(BasketEntryKind.RESERVE, 0)
        - totals.get(BasketEntryKind.RELEASE, 0)
        - totals.get(BasketEntryKind.SPEND, 0)
    )


def _append(registration: Registration, kind: str, amount_cents: int) -> BasketEntry:
    entry = BasketEntry(
        learner_id=registration.learner_id,
        registration_id=registration.id,
        kind=kind,
        amount_cents=amount_cents,
        created_at=utcnow(),
    )
    db.session.add(entry)
    db.session.flush()
    logger.info(
        "Basket %s of %s for registration %s", kind, amount_cents, registration.id
    )
    return entry


def reserve_basket(registration: Registration, amount_cents: int) -> BasketEntry:
    """Reserve basket money for a registration."""
    return _append(registration, BasketEntryKind.RESERVE, amount_cents)


def release_basket(registration: Registration) -> BasketEntry | None:
    """Release what is still reserved for a registration; nothing if none is."""
    outstanding = outstanding_reservation(registration)
    if outstanding <= 0:
        return None
    return _append(registration, BasketEntryKind.RELEASE, outstanding)


def spend_basket(registration: Registration) -> BasketEntry | None:
    """Spend what is reserved for a completed registration; nothing if none is."""
    outstanding = outstanding_reservation(registration)
    if outstanding <= 0:
        return None
    return _append(registration, BasketEntryKind.SPEND, outstanding)


def basket_statement(learner: User) -> list[BasketEntry]:
    """Return every ledger entry of a learner, newest first."""
    return list(
        db.session.scalars(
            db.select(BasketEntry)
            .options(
                joinedload(BasketEntry.registration)
                .joinedload(Registration.group)
                .joinedload(Group.programme)
            )
            .where(BasketEntry.learner_id == learner.id)
            .order_by(BasketEntry.created_at.desc(), BasketEntry.id.desc())
        )
    )
