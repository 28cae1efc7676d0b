"""Mano mokymai: leaving a group, the basket statement and the calendar."""

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from app.models import BasketEntry, Group, OutboxEmail, Registration
from app.models.registration import RegistrationStatus
from tests.conftest import csrf_token


def register(client, group, funding="basket"):
    page = client.get(f"/grupes/{group.id}/registracija")
    response = client.post(
        f"/grupes/{group.id}/registracija",
        data={
            "funding": funding,
            "email": "ona@example.lt",
            "csrf_token": csrf_token(page.text),
        },
    )
    assert response.status_code == 303
    return response


def leave(client, registration_id, confirm=True):
    page = client.get("/mano/mokymai")
    data = {"csrf_token": csrf_token(page.text)}
    if confirm:
        data["confirm"] = "y"
    return client.post(f"/registracijos/{registration_id}/palikti", data=data)


def test_leaving_needs_the_explicit_confirmation(client, db, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)
    register(client, group)
    registration = db.session.scalar(db.select(Registration))

    response = leave(client, registration.id, confirm=False)

    page = client.get(response.headers["Location"])
    assert "Pažymėkite „Taip, palikti grupę“" in page.text
    db.session.rollback()
    assert db.session.get(Registration, registration.id).status == "pending"


def test_leaving_releases_the_basket_and_the_seat(client, db, make_group, login_as):
    group = make_group(price_cents=20000)
    login_as(client, contacts=True)
    register(client, group)
    registration = db.session.scalar(db.select(Registration))

    response = leave(client, registration.id)

    assert response.status_code == 303
    page = client.get("/mano/mokymai")
    assert "Palikote grupę" in page.text
    assert "Registracija atšaukta" in page.text
    db.session.rollback()
    assert db.session.get(Registration, registration.id).status == "withdrawn"
    assert db.session.get(Group, group.id).seats_taken == 0
    kinds = db.session.scalars(db.select(BasketEntry.kind).order_by(BasketEntry.id))
    assert list(kinds) == ["reserve", "release"]


def test_leaving_twice_is_harmless(client, db, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)
    register(client, group)
    registration = db.session.scalar(db.select(Registration))

    leave(client, registration.id)
    response = leave(client, registration.id)

    assert response.status_code == 303
    assert (
        "Šią grupę jau palikote anksčiau."
        in client.get(response.headers["Location"]).text
    )
    assert db.session.scalar(db.select(db.func.count(BasketEntry.id))) == 2
    assert db.session.get(Group, group.id).seats_taken == 0


def test_leaving_after_the_contract_is_signed_is_refused(
    client, db, make_group, login_as
):
    group = make_group()
    login_as(client, contacts=True)
    register(client, group)
    registration = db.session.scalar(db.select(Registration))
    registration.status = RegistrationStatus.ONGOING
    db.session.commit()

    response = leave(client, registration.id)

    assert (
        "Pasirašius mokymosi sutartį grupės palikti nebegalima"
        in client.get(response.headers["Location"]).text
    )
    db.session.rollback()
    assert db.session.get(Registration, registration.id).status == "ongoing"


def test_another_learner_cannot_leave_my_group(app, client, db, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)
    register(client, group)
    registration = db.session.scalar(db.select(Registration))
    other = app.test_client()
    page = login_as(other, "37411021027")

    response = other.post(
        f"/registracijos/{registration.id}/palikti",
        data={"confirm": "y", "csrf_token": csrf_token(page.text)},
    )

    assert response.status_code == 403


def test_basket_statement_lists_entries_and_totals(client, db, make_group, login_as):
    group = make_group(price_cents=12000)
    login_as(client, contacts=True)
    register(client, group)

    page = client.get("/mano/krepselis").text

    assert "Rezervuota" in page
    assert "120\u00a0Eur" in page
    assert "380\u00a0Eur" in page
    assert group.code in page


def test_group_calendar_is_valid_ics_in_vilnius_time(client, make_group):
    group = make_group()

    response = client.get(f"/grupes/{group.id}/tvarkarastis.ics")

    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    start = events[0]["DTSTART"].dt
    assert start == datetime.combine(
        group.start_date,
        datetime.min.time().replace(hour=18),
        tzinfo=ZoneInfo("Europe/Vilnius"),
    )
    assert start.utcoffset() is not None
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Vilnius"
    assert "Anglų kalba pradedantiesiems" in str(events[0]["SUMMARY"])


def test_personal_feed_has_active_groups_and_can_be_revoked(
    client, db, make_group, login_as
):
    first, second, left = make_group(), make_group(), make_group()
    login_as(client, contacts=True)
    register(client, first)
    register(client, second, funding="own")
    register(client, left, funding="own")
    leave(
        client,
        db.session.scalar(
            db.select(Registration.id).where(Registration.group_id == left.id)
        ),
    )
    page = client.get("/mano/kalendorius")
    client.post("/mano/kalendorius", data={"csrf_token": csrf_token(page.text)})
    page = client.get("/mano/kalendorius")
    feed_url = page.text.split('id="kalendoriaus-nuoroda" value="')[1].split('"')[0]
    path = feed_url.replace("http://localhost", "")

    anonymous = client.application.test_client()
    calendar = Calendar.from_ical(anonymous.get(path).data)
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert len(uids) == 2

    client.post(
        "/mano/kalendorius/isjungti", data={"csrf_token": csrf_token(page.text)}
    )
    assert anonymous.get(path).status_code == 404


def test_registration_email_carries_schedule_and_ics(client, db, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)

    register(client, group)

    email = db.session.scalar(db.select(OutboxEmail))
    assert email.attachment_type == "text/calendar"
    assert Calendar.from_ical(email.attachment_body).walk("VEVENT")
    assert "Tvarkaraštis:" in email.body_text
    assert group.sessions[0].day.strftime("%Y-%m-%d") in email.body_text


def test_leaving_an_own_funds_group_says_nothing_about_the_basket(
    client, db, make_group, login_as
):
    group = make_group()
    login_as(client, contacts=True)
    register(client, group, funding="own")
    registration = db.session.scalar(db.select(Registration))

    page = client.get(leave(client, registration.id).headers["Location"]).text

    assert "Palikote grupę." in page
    assert "krepšelio lėšos grąžintos" not in page
