"""The registration service under races: seats and duplicates hold in the database."""

import threading
from datetime import date

import pytest

from app.extensions import db as _db
from app.models import Group, Registration, User
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
        "30012121089",
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
