"""Lithuanian wording on pages and in e-mails: count forms, cases."""

from app.models import OutboxEmail
from tests.test_registration import register


def test_schedule_summary_uses_the_singular_for_one_session(client, make_group):
    group = make_group()

    page = client.get(f"/programos/{group.programme_id}")

    assert "Tvarkaraštis (1 užsiėmimas)" in page.text


def test_registration_email_says_one_working_day_in_the_accusative(
    client, db, make_group, login_as
):
    group = make_group()
    login_as(client, contacts=True)

    register(client, group)

    db.session.rollback()
    email = db.session.scalar(
        db.select(OutboxEmail).where(OutboxEmail.kind == "registration_received")
    )
    assert "ne vėliau kaip 1 darbo dieną iki mokymų pradžios" in email.body_text
    assert "1 darbo diena " not in email.body_text
