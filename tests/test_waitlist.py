"""The waiting list: joining, the place in line, offers, acceptance and expiry."""

from datetime import timedelta

import pytest

from app.models import Group, OutboxEmail, Registration, WaitlistEntry
from app.models.registration import Funding
from app.services import DomainError
from app.services.registration import leave_group, register_for_group
from app.services.waitlist import (
    OfferExpired,
    accept_offer,
    decline_offer,
    expire_offers,
    join_waitlist,
    place_in_line,
)
from app.timeutil import local_today, utcnow
from tests.conftest import csrf_token


def complete_contacts(user, email: str) -> None:
    """Give a learner the confirmed contacts that registering needs."""
    user.email = email
    user.email_confirmed_at = utcnow()
    user.phone = "+37061234567"
    user.address_place = "Kaunas (Kauno m. sav.)"
    user.address_house = "1"


@pytest.fixture
def learners(db, make_person):
    """Five learners known to the registers, as User rows."""
    from app.services.accounts import log_in_from_gateway

    users = []
    for number in range(5):
        code = make_person(first_name=f"Asmuo{number}")
        user = log_in_from_gateway(code, "test")
        complete_contacts(user, f"asmuo{number}@example.lt")
        users.append(user)
    db.session.commit()
    return users


@pytest.fixture
def full_group(db, make_group, learners):
    """A group of one seat, taken by the first learner."""
    group = make_group(capacity=1)
    register_for_group(learners[0], group, Funding.OWN, local_today())
    db.session.commit()
    return group


def offers_to(db, user):
    return db.session.scalars(
        db.select(OutboxEmail).where(
            OutboxEmail.user_id == user.id, OutboxEmail.kind == "waitlist_offer"
        )
    ).all()


def test_learner_sees_place_in_line(db, full_group, learners):
    now = utcnow()
    first = join_waitlist(learners[1], full_group, now)
    second = join_waitlist(learners[2], full_group, now + timedelta(seconds=1))
    db.session.commit()

    assert (place_in_line(first), place_in_line(second)) == (1, 2)


def test_joining_twice_or_with_free_seats_is_refused(
    db, make_group, full_group, learners
):
    join_waitlist(learners[1], full_group, utcnow())
    db.session.commit()

    with pytest.raises(DomainError, match="jau laukiate"):
        join_waitlist(learners[1], full_group, utcnow())
    with pytest.raises(DomainError, match="laisvų vietų"):
        join_waitlist(learners[1], make_group(capacity=5), utcnow())


def test_freed_seat_is_offered_to_the_first_in_line_and_kept(db, full_group, learners):
    now = utcnow()
    first = join_waitlist(learners[1], full_group, now)
    join_waitlist(learners[2], full_group, now + timedelta(seconds=1))
    holder = db.session.scalar(db.select(Registration))

    leave_group(learners[0], holder, now)
    db.session.commit()

    assert first.status == "offered"
    assert first.offer_expires_at == now + timedelta(hours=48)
    assert db.session.get(Group, full_group.id).seats_taken == 1
    assert len(offers_to(db, learners[1])) == 1
    assert not offers_to(db, learners[2])
    with pytest.raises(DomainError):
        register_for_group(learners[3], full_group, Funding.OWN, local_today())


def test_accepting_registers_on_the_kept_seat(db, full_group, learners):
    now = utcnow()
    entry = join_waitlist(learners[1], full_group, now)
    leave_group(learners[0], db.session.scalar(db.select(Registration)), now)

    registration = accept_offer(
        learners[1], entry, Funding.OWN, now + timedelta(hours=1), local_today()
    )
    db.session.commit()

    assert registration.learner_id == learners[1].id
    assert entry.status == "accepted"
    group = db.session.get(Group, full_group.id)
    assert group.seats_taken == 1 == group.capacity


def test_expired_offer_passes_to_the_next_person(db, full_group, learners):
    now = utcnow()
    first = join_waitlist(learners[1], full_group, now)
    second = join_waitlist(learners[2], full_group, now + timedelta(seconds=1))
    leave_group(learners[0], db.session.scalar(db.select(Registration)), now)

    assert expire_offers(now + timedelta(hours=47)) == 0
    assert expire_offers(now + timedelta(hours=48, seconds=1)) == 1
    db.session.commit()

    assert (first.status, second.status) == ("expired", "offered")
    assert len(offers_to(db, learners[2])) == 1
    with pytest.raises(OfferExpired):
        accept_offer(
            learners[1], first, Funding.OWN, now + timedelta(hours=49), local_today()
        )


def test_declined_offer_passes_on_and_last_one_frees_the_seat(db, full_group, learners):
    now = utcnow()
    first = join_waitlist(learners[1], full_group, now)
    leave_group(learners[0], db.session.scalar(db.select(Registration)), now)

    decline_offer(learners[1], first, now)
    db.session.commit()

    assert first.status == "declined"
    assert db.session.get(Group, full_group.id).seats_taken == 0


def test_accepting_rechecks_basket_eligibility(db, make_person, full_group, learners):
    from app.services.accounts import log_in_from_gateway

    unemployed = log_in_from_gateway(make_person(employed=False), "test")
    complete_contacts(unemployed, "be.darbo@example.lt")
    now = utcnow()
    entry = join_waitlist(unemployed, full_group, now)
    leave_group(learners[0], db.session.scalar(db.select(Registration)), now)

    with pytest.raises(DomainError, match="Neatitinkate"):
        accept_offer(unemployed, entry, Funding.BASKET, now, local_today())


def test_expired_offer_link_says_what_to_do(
    app, client, db, full_group, learners, login_as
):
    entry = join_waitlist(learners[1], full_group, utcnow() - timedelta(hours=50))
    leave_group(
        learners[0],
        db.session.scalar(db.select(Registration)),
        utcnow() - timedelta(hours=49),
    )
    db.session.commit()
    login_as(client, learners[1].personal_code)

    page = client.get(f"/laukimo-eile/{entry.id}")

    assert "Pasiūlymo laikas baigėsi" in page.text
    assert "vėl stokite į laukimo eilę" in page.text


def test_full_group_offers_to_wait_and_the_journey_works(
    app, client, db, full_group, learners, login_as
):
    login_as(client, learners[1].personal_code)
    programme_page = client.get(f"/programos/{full_group.programme_id}").text
    assert "Laukti vietos" in programme_page

    page = client.get(f"/grupes/{full_group.id}/laukti")
    response = client.post(
        f"/grupes/{full_group.id}/laukti", data={"csrf_token": csrf_token(page.text)}
    )
    mine = client.get(response.headers["Location"]).text
    assert "Jūsų vieta eilėje: 1" in mine

    leave_group(learners[0], db.session.scalar(db.select(Registration)), utcnow())
    db.session.commit()
    entry = db.session.scalar(db.select(WaitlistEntry))
    offer = client.get(f"/laukimo-eile/{entry.id}")
    assert "Priimti vietą ir registruotis" in offer.text
    response = client.post(
        f"/laukimo-eile/{entry.id}",
        data={"funding": "own", "csrf_token": csrf_token(offer.text)},
    )
    assert "Sveikiname" in client.get(response.headers["Location"]).text


def test_someone_elses_offer_is_forbidden(
    app, client, db, full_group, learners, login_as
):
    entry = join_waitlist(learners[1], full_group, utcnow())
    db.session.commit()
    login_as(client, learners[2].personal_code)

    assert client.get(f"/laukimo-eile/{entry.id}").status_code == 403


def test_sweep_job_expires_overdue_offers(db, full_group, learners):
    from jobs.waitlist import expire_waitlist_offers

    long_ago = utcnow() - timedelta(hours=60)
    entry = join_waitlist(learners[1], full_group, long_ago)
    leave_group(learners[0], db.session.scalar(db.select(Registration)), long_ago)
    db.session.commit()

    assert expire_waitlist_offers() == 1
    assert expire_waitlist_offers() == 0
    db.session.rollback()
    assert db.session.get(WaitlistEntry, entry.id).status == "expired"
    assert db.session.get(Group, full_group.id).seats_taken == 0


def test_an_offer_without_confirmed_contacts_leads_to_them_and_back(
    app, client, db, full_group, learners, login_as
):
    entry = join_waitlist(learners[1], full_group, utcnow())
    leave_group(learners[0], db.session.scalar(db.select(Registration)), utcnow())
    learners[1].email_confirmed_at = None
    db.session.commit()
    login_as(client, learners[1].personal_code)
    offer = client.get(f"/laukimo-eile/{entry.id}")

    response = client.post(
        f"/laukimo-eile/{entry.id}",
        data={"funding": "own", "csrf_token": csrf_token(offer.text)},
    )

    assert response.status_code == 303
    assert response.headers["Location"] == (
        f"/mano/informacija?next=/laukimo-eile/{entry.id}#kontaktai"
    )
