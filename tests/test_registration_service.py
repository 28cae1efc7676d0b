"""The registration service under races: seats and duplicates hold in the database."""

import threading
import time
from datetime import date

import pytest
from sqlalchemy import text

from app.extensions import db as _db
from app.models import BasketEntry, Group, Registration, User
from app.models.registration import Funding
from app.services.registration import AlreadyRegistered, register_for_group
from app.timeutil import local_today, utcnow


def make_user(db, code: str) -> User:
    user = User(
        personal_code=code,
        first_name="Ona",
        last_name="Petraitienė",
        birth_date=date(1988, 3, 14),
        citizenship="Lietuvos Respublika",
        email="ona@example.lt",
        email_confirmed_at=utcnow(),
        phone="+37061234567",
        address_place="Kaunas (Kauno m. sav.)",
        address_house="1",
    )
    db.session.add(user)
    db.session.commit()
    return user


def test_same_learner_twice_is_refused_by_the_service(db, make_group):
    group = make_group()
    user = make_user(db, "48803141013")
    register_for_group(user, group, Funding.OWN, local_today())
    db.session.commit()

    with pytest.raises(AlreadyRegistered):
        register_for_group(user, group, Funding.OWN, local_today())


def _register_in_threads(app, group_id: int, user_ids: list[int]) -> list[str]:
    """Register each user in its own thread and connection, all at the same moment."""
    barrier = threading.Barrier(len(user_ids))
    outcomes = []

    def attempt(user_id: int) -> None:
        with app.app_context():
            user = _db.session.get(User, user_id)
            group = _db.session.get(Group, group_id)
            barrier.wait()
            try:
                register_for_group(user, group, Funding.OWN, local_today())
                _db.session.commit()
                outcomes.append("ok")
            except Exception as error:
                _db.session.rollback()
                outcomes.append(type(error).__name__)
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=attempt, args=(uid,)) for uid in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_last_seat_goes_to_exactly_one_of_many_at_once(app, postgres, make_group):
    group = make_group(capacity=3)
    codes = [
        "48803141013",
        "37411021027",
        "39206301039",
        "46101201044",
        "35508091051",
        "48304051070",
        "50012121080",
        "47902281098",
    ]
    user_ids = [make_user(postgres, code).id for code in codes]

    outcomes = _register_in_threads(app, group.id, user_ids)

    assert outcomes.count("ok") == 3
    assert outcomes.count("GroupFull") == 5
    postgres.session.rollback()
    assert postgres.session.get(Group, group.id).seats_taken == 3
    count = postgres.session.scalar(
        postgres.select(postgres.func.count(Registration.id))
    )
    assert count == 3


def test_double_click_at_the_same_moment_creates_one_registration(
    app, postgres, make_group
):
    group = make_group(capacity=10)
    user_id = make_user(postgres, "48803141013").id

    outcomes = _register_in_threads(app, group.id, [user_id] * 4)

    assert outcomes.count("ok") == 1
    assert outcomes.count("AlreadyRegistered") == 3
    postgres.session.rollback()
    assert postgres.session.get(Group, group.id).seats_taken == 1


def wait_for_lock_waiters(db, count: int, timeout: float = 20.0) -> None:
    """Wait until `count` sessions of this database are waiting for a row lock."""
    deadline = time.monotonic() + timeout
    with db.engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                    "current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
            if waiting >= count:
                return
            watcher.rollback()
            time.sleep(0.05)
    raise AssertionError(f"{count} requests never waited for the basket lock")


def test_parallel_requests_never_reserve_more_than_the_remainder(
    app, postgres, make_group, login_as
):
    """The same learner, logged in twice, registers into two groups at one moment."""
    from tests.conftest import csrf_token

    groups = [make_group(price_cents=40000).id for _ in range(2)]
    clients = [app.test_client() for _ in groups]
    forms = []
    for client, group in zip(clients, groups, strict=True):
        login_as(client, contacts=True)
        page = client.get(f"/grupes/{group}/registracija")
        forms.append(csrf_token(page.text))
    barrier = threading.Barrier(len(groups))
    statuses = []

    def post(client, group, token):
        barrier.wait()
        response = client.post(
            f"/grupes/{group}/registracija",
            data={"funding": "basket", "csrf_token": token},
        )
        statuses.append(response.status_code)

    threads = [
        threading.Thread(target=post, args=args)
        for args in zip(clients, groups, forms, strict=True)
    ]
    learner_id = postgres.session.scalar(postgres.select(User.id))
    postgres.session.rollback()
    with postgres.engine.connect() as blocker:
        # Hold the learner's basket lock so both requests must queue behind it.
        blocker.execute(
            text("SELECT id FROM users WHERE id = :id FOR UPDATE"), {"id": learner_id}
        )
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(postgres, 2)
        blocker.rollback()
    for thread in threads:
        thread.join(timeout=60)

    postgres.session.rollback()
    registrations = postgres.session.scalars(postgres.select(Registration)).all()
    assert len(registrations) == 2
    assert sorted(r.basket_cents for r in registrations) == [10000, 40000]
    reserved = postgres.session.scalar(
        postgres.select(postgres.func.sum(BasketEntry.amount_cents))
    )
    assert reserved == 50000
