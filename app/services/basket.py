"""The IMP basket: a balance derived from the append-only ledger."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import func

from app.extensions import db
from app.models import BasketEntry, Registration, User
from app.models.registration import BasketEntryKind


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
    """Derive the learner's basket from ledger entries inside the 5-year window."""
    limit = current_app.config["BASKET_LIMIT_CENTS"]
    years = current_app.config["BASKET_WINDOW_YEARS"]

    first_spend = db.session.scalar(
        db.select(func.min(BasketEntry.created_at)).where(
            BasketEntry.learner_id == learner.id,
            BasketEntry.kind == BasketEntryKind.SPEND,
        )
    )
    window_start, window_ends = _window(first_spend, today, years)

    totals = dict(
        db.session.execute(
            db.select(
                BasketEntry.kind, func.coalesce(func.sum(BasketEntry.amount_cents), 0)
            )
            .where(BasketEntry.learner_id == learner.id)
            .where(BasketEntry.created_at >= window_start)
            .group_by(BasketEntry.kind)
        ).all()
    )
    reserved = totals.get(BasketEntryKind.RESERVE, 0) - totals.get(
        BasketEntryKind.RELEASE, 0
    )
    spent = totals.get(BasketEntryKind.SPEND, 0)
    return BasketBalance(limit, max(reserved - spent, 0), spent, window_ends)


def _window(
    first_spend: datetime | None, today: date, years: int
) -> tuple[datetime, date | None]:
    """Return the start of the current 5-year window and the day it ends."""
    if first_spend is None:
        return datetime.min, None

    start = first_spend
    while True:
        end = _add_years(start.date(), years)
        if end > today:
            return start, end
        start = datetime.combine(end, datetime.min.time())


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def reserve_basket(registration: Registration, amount_cents: int) -> BasketEntry:
    """Write a reserve entry for a registration."""
    entry = BasketEntry(
        learner_id=registration.learner_id,
        registration_id=registration.id,
        kind=BasketEntryKind.RESERVE,
        amount_cents=amount_cents,
    )
    db.session.add(entry)
    return entry
