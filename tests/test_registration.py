"""Registering into a group: the window, funding, seats, duplicates, the e-mail."""

import re
from datetime import timedelta

from app.models import AuditEntry, BasketEntry, Group, OutboxEmail, Registration
from app.timeutil import local_today
from tests.conftest import csrf_token


def register(client, group, funding="own"):
    page = client.get(f"/grupes/{group.id}/registracija")
    return client.post(
        f"/grupes/{group.id}/registracija",
        data={"funding": funding, "csrf_token": csrf_token(page.text)},
    )


def test_registration_needs_login_and_returns_to_the_group(
    client, make_group, login_as
):
    group = make_group()

    response = client.get(f"/grupes/{group.id}/registracija")

    assert response.status_code == 302
    assert f"next=%2Fgrupes%2F{group.id}%2Fregistracija" in response.headers["Location"]
    page = login_as(client, next_url=f"/grupes/{group.id}/registracija")
    assert "užpildykite kontaktus ir patvirtinkite el. pašto adresą" in page.text


def test_window_shows_criteria_group_and_learner(client, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)

    page = client.get(f"/grupes/{group.id}/registracija")

    assert "Kriterijai IMP krepšeliui gauti" in page.text
    assert "Amžius nuo 18 iki 65 metų" in page.text
    assert group.code in page.text
    assert "Petraitienė" in page.text
    assert "IMP krepšelio lėšos" in page.text
    assert "Savo lėšos" in page.text


def test_basket_registration_reserves_money_and_queues_email(
    client, db, make_group, login_as
):
    group = make_group(price_cents=30000)
    login_as(client, contacts=True)

    response = register(client, group, funding="basket")

    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Sveikiname užsiregistravus į mokymus!" in page.text
    registration = db.session.scalar(db.select(Registration))
    assert registration.funding == "basket"
    assert registration.basket_cents == 30000
    entry = db.session.scalar(db.select(BasketEntry))
    assert (entry.kind, entry.amount_cents) == ("reserve", 30000)
    email = db.session.scalar(db.select(OutboxEmail))
    assert email.recipient == "ona@example.lt"
    assert email.status == "sent"
    assert group.code in email.body_text
    assert "18:00–21:00" in email.body_text
    assert db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "registration.created")
    )


def test_price_above_remainder_splits_between_basket_and_learner(
    client, db, make_group, login_as
):
    group = make_group(price_cents=65000)
    login_as(client, contacts=True)

    page = client.get(f"/grupes/{group.id}/registracija")
    assert "Krepšelis apmokės 500\u00a0Eur, Jūs mokėsite 150\u00a0Eur" in page.text
    register(client, group, funding="basket")

    registration = db.session.scalar(db.select(Registration))
    assert (registration.basket_cents, registration.own_cents) == (50000, 15000)


def test_ineligible_learner_cannot_choose_basket(
    client, db, make_group, make_person, login_as
):
    group = make_group()
    login_as(client, make_person(employed=False), contacts=True)

    page = client.get(f"/grupes/{group.id}/registracija")
    assert "Neatitinka" in page.text
    assert "SoDra neturi duomenų apie Jūsų užimtumą" in page.text
    response = register(client, group, funding="basket")

    assert response.status_code == 200
    assert "IMP krepšelio lėšomis mokytis negalite" in response.text
    assert db.session.scalar(db.select(Registration)) is None


def test_own_funds_registration_reserves_nothing(client, db, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)

    register(client, group, funding="own")

    registration = db.session.scalar(db.select(Registration))
    assert (registration.funding, registration.basket_cents) == ("own", 0)
    assert db.session.scalar(db.select(BasketEntry)) is None


def test_registration_appears_in_my_trainings(client, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)
    assert "Mokymuose dar nedalyvavote" in client.get("/mano/mokymai").text

    register(client, group, funding="basket")
    page = client.get("/mano/mokymai")

    assert "Vykstantys mokymai" in page.text
    assert "Anglų kalba pradedantiesiems" in page.text
    assert group.code in page.text
    assert "300\u00a0Eur" in page.text
    assert "Laukiama mokymo teikėjo patvirtinimo" in page.text


def test_full_group_refuses_with_message(client, db, make_group, login_as):
    group = make_group(capacity=3, seats_taken=3)
    login_as(client, contacts=True)

    response = register(client, group)

    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Šioje grupėje laisvų vietų nebeliko." in page.text
    assert db.session.scalar(db.select(Registration)) is None
    assert db.session.get(Group, group.id).seats_taken == 3


def test_second_registration_into_same_group_is_refused(
    client, db, make_group, login_as
):
    group = make_group()
    login_as(client, contacts=True)
    register(client, group)

    response = register(client, group)

    assert response.status_code == 200
    assert "Jūs jau esate užsiregistravę į šią grupę." in response.text
    assert db.session.scalar(db.select(db.func.count(Registration.id))) == 1
    assert db.session.get(Group, group.id).seats_taken == 1


def test_group_past_its_deadline_refuses(client, db, make_group, login_as):
    group = make_group(start=local_today() + timedelta(days=1))
    login_as(client, contacts=True)

    response = register(client, group)

    page = client.get(response.headers["Location"])
    assert "Registracija į šią grupę jau baigėsi." in page.text
    assert db.session.scalar(db.select(Registration)) is None


def test_registration_without_confirmed_contacts_goes_to_contacts_card(
    client, db, make_group, login_as
):
    """An unconfirmed e-mail keeps the learner out of every registration."""
    group = make_group()
    login_as(client)

    response = client.get(f"/grupes/{group.id}/registracija")

    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/mano/informacija?next=/grupes/{group.id}/registracija#kontaktai"
    )
    page = client.get(response.headers["Location"])
    assert "užpildykite kontaktus ir patvirtinkite el. pašto adresą" in page.text
    assert db.session.scalar(db.select(Registration)) is None


def test_registration_form_has_no_email_field(client, make_group, login_as):
    """The confirmed contact e-mail is used; the window does not ask again."""
    group = make_group()
    login_as(client, contacts=True)

    page = client.get(f"/grupes/{group.id}/registracija")

    assert 'name="email"' not in page.text
    assert re.search(r'<input[^>]* checked[^>]*value="basket"', page.text)


def test_post_without_csrf_token_is_rejected(client, db, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)

    response = client.post(f"/grupes/{group.id}/registracija", data={"funding": "own"})

    assert response.status_code == 400
    assert "Formos galiojimas baigėsi" in response.text
    assert db.session.scalar(db.select(Registration)) is None


def test_htmx_post_with_csrf_header_is_accepted(client, db, make_group, login_as):
    group = make_group()
    page = login_as(client, contacts=True)
    token = csrf_token(page.text)

    response = client.post(
        f"/grupes/{group.id}/registracija",
        data={"funding": "own"},
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )

    assert response.status_code == 303
    assert db.session.scalar(db.select(Registration)) is not None


def test_another_learner_cannot_see_my_registration(app, client, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)
    done = register(client, group).headers["Location"]
    other = app.test_client()
    login_as(other, "37411021027", contacts=True)

    assert other.get(done).status_code == 403


def test_unknown_group_is_a_lithuanian_404(client, login_as):
    login_as(client, contacts=True)
    response = client.get("/grupes/99999/registracija")
    assert response.status_code == 404
    assert "Puslapis nerastas" in response.text


def test_basket_can_be_chosen_while_a_document_awaits_review(
    client, db, make_group, make_person, login_as
):
    """Documents must be approved before the contract, not before registering."""
    import io

    from app.models import User
    from app.services.documents import upload_document

    group = make_group(price_cents=20000)
    code = make_person(employed=False)
    login_as(client, code, contacts=True)
    learner = db.session.scalar(db.select(User).where(User.personal_code == code))
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    upload_document(learner, "employment_contract", "sutartis.pdf", io.BytesIO(pdf))
    db.session.commit()

    page = client.get(f"/grupes/{group.id}/registracija")
    assert "Laukiama dokumentų peržiūros" in page.text
    assert "Jūsų dokumentai dar peržiūrimi" in page.text
    response = client.post(
        f"/grupes/{group.id}/registracija",
        data={"funding": "basket", "csrf_token": csrf_token(page.text)},
    )

    assert response.status_code == 303
    assert db.session.scalar(db.select(Registration)).basket_cents == 20000


def test_window_of_a_full_group_offers_to_wait_instead(client, make_group, login_as):
    group = make_group(capacity=2, seats_taken=2)
    login_as(client, contacts=True)

    page = client.get(f"/grupes/{group.id}/registracija").text

    assert "Šioje grupėje laisvų vietų nebeliko." in page
    assert f'href="/grupes/{group.id}/laukti"' in page
    assert "Registruotis į šią grupę" not in page


def test_window_of_a_closed_group_says_so(client, make_group, login_as):
    group = make_group(start=local_today() + timedelta(days=1))
    login_as(client, contacts=True)

    page = client.get(f"/grupes/{group.id}/registracija").text

    assert "Registracija į šią grupę jau baigėsi." in page
    assert "Registruotis į šią grupę" not in page


def test_personal_pages_are_not_cached(client, login_as):
    login_as(client)
    assert client.get("/mano/informacija").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/static/css/site.css").headers.get(
        "Cache-Control", ""
    )
