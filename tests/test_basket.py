"""The basket ledger: reserve, release, spend, the remainder and the 5-year window."""

from datetime import date, datetime

import pytest

from app.models import BasketEntry, Registration, User
from app.services.basket import (
    basket_balance,
    release_basket,
    reserve_basket,
    spend_basket,
)
from app.timeutil import local_today


@pytest.fixture
def learner(db):
    user = User(
        personal_code="48803141013",
        first_name="Ona",
        last_name="Petraitienė",
        birth_date=date(1988, 3, 14),
        citizenship="Lietuvos Respublika",
    )
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def registration_for(db, learner, make_group):
    def make(price_cents: int, status: str = "pending") -> Registration:
        group = make_group()
        registration = Registration(
            learner_id=learner.id,
            group_id=group.id,
            funding="basket",
            price_cents=price_cents,
            basket_cents=price_cents,
            status=status,
        )
        db.session.add(registration)
        db.session.flush()
        return registration

    return make


def entry(db, learner, registration, kind, cents, when):
    db.session.add(
        BasketEntry(
            learner_id=learner.id,
            registration_id=registration.id,
            kind=kind,
            amount_cents=cents,
            created_at=when,
        )
    )
    db.session.flush()


def test_new_learner_has_the_full_basket(db, learner):
    balance = basket_balance(learner, date(2026, 12, 1))
    assert (balance.remaining_cents, balance.reserved_cents, balance.spent_cents) == (
        50000,
        0,
        0,
    )
    assert balance.window_ends is None


def test_reservation_lowers_the_remainder_and_release_restores_it(
    db, learner, registration_for
):
    registration = registration_for(20000)
    reserve_basket(registration, 20000)

    assert basket_balance(learner, date(2026, 12, 1)).remaining_cents == 30000
    release_basket(registration)
    balance = basket_balance(learner, date(2026, 12, 1))
    assert (balance.remaining_cents, balance.reserved_cents) == (50000, 0)


def test_release_twice_releases_once(db, learner, registration_for):
    registration = registration_for(20000)
    reserve_basket(registration, 20000)

    release_basket(registration)
    assert release_basket(registration) is None
    assert basket_balance(learner, date(2026, 12, 1)).remaining_cents == 50000


def test_spend_turns_the_reservation_into_spending(db, learner, registration_for):
    registration = registration_for(30000)
    reserve_basket(registration, 30000)

    spend_basket(registration)

    balance = basket_balance(learner, local_today())
    assert (balance.reserved_cents, balance.spent_cents, balance.remaining_cents) == (
        0,
        30000,
        20000,
    )


def test_smaller_spend_leaves_the_remainder_usable(db, learner, registration_for):
    first = registration_for(12000)
    entry(db, learner, first, "reserve", 12000, datetime(2024, 3, 1))
    entry(db, learner, first, "spend", 12000, datetime(2024, 5, 1))

    assert basket_balance(learner, date(2026, 12, 1)).remaining_cents == 38000


def test_full_basket_is_locked_until_five_years_after_the_first_spend(
    db, learner, registration_for
):
    first, second = registration_for(30000), registration_for(20000)
    entry(db, learner, first, "reserve", 30000, datetime(2023, 1, 10))
    entry(db, learner, first, "spend", 30000, datetime(2023, 2, 15))
    entry(db, learner, second, "reserve", 20000, datetime(2024, 1, 10))
    entry(db, learner, second, "spend", 20000, datetime(2024, 2, 15))

    locked = basket_balance(learner, date(2028, 2, 14))
    assert locked.remaining_cents == 0
    assert locked.window_ends == date(2028, 2, 15)
    assert basket_balance(learner, date(2028, 2, 15)).remaining_cents == 50000


def test_open_reservation_counts_whatever_its_age(db, learner, registration_for):
    old = registration_for(10000)
    entry(db, learner, old, "reserve", 10000, datetime(2020, 1, 1))

    assert basket_balance(learner, date(2026, 12, 1)).remaining_cents == 40000


def test_top_up_is_the_part_above_the_remainder(db, learner, registration_for):
    from app.services.basket import split_price

    first = registration_for(40000)
    reserve_basket(first, 40000)
    balance = basket_balance(learner, date(2026, 12, 1))

    assert split_price(65000, balance) == (10000, 55000)
    assert split_price(5000, balance) == (5000, 0)
