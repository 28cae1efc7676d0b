"""Kontaktai: address, phone and e-mail, and the e-mail confirmation code."""

import re
from datetime import timedelta

import pytest

from app.models import AuditEntry, EmailConfirmation, OutboxEmail, User
from app.services.addresses import address_index
from app.services.contacts import (
    ConfirmationLocked,
    InvalidContact,
    WrongCode,
    confirm_email,
    normalise_email,
    normalise_phone,
)
from app.timeutil import utcnow
from tests.conftest import ELIGIBLE_CODE, HOSTILE_NEXT, csrf_token

INFO = "/mano/informacija"
GOOD = {
    "place": "Kaunas (Kauno m. sav.)",
    "street": "Laisvės al.",
    "house": "12A",
    "flat": "3",
    "phone": "8 612 34567",
    "email": "ona@example.lt",
}


def save_contacts(client, **changes):
    page = client.get(INFO)
    data = {**GOOD, **changes, "csrf_token": csrf_token(page.text)}
    data.setdefault("action", "save")
    return client.post(f"{INFO}/kontaktai", data=data)


def send_code(client, code):
    page = client.get(INFO)
    return client.post(
        f"{INFO}/kodas", data={"code": code, "csrf_token": csrf_token(page.text)}
    )


def sent_code(db) -> str:
    db.session.rollback()
    email = db.session.scalar(
        db.select(OutboxEmail)
        .where(OutboxEmail.kind == "email_code")
        .order_by(OutboxEmail.id.desc())
    )
    return re.search(r"kodas: (\d{6})", email.body_text).group(1)


def learner(db) -> User:
    db.session.rollback()
    return db.session.scalar(db.select(User).where(User.personal_code == ELIGIBLE_CODE))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+37061234567", "+37061234567"),
        ("+370 612 34567", "+37061234567"),
        ("8 612 34567", "+37061234567"),
        ("861234567", "+37061234567"),
        ("8 5 212 3456", "+37052123456"),
    ],
)
def test_phone_numbers_are_normalised(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "12345", "+370 6123456", "8 000 00000", "+4915112345678", "abc"]
)
def test_nonsense_phone_numbers_are_refused(typed):
    with pytest.raises(InvalidContact, match="telefono numer"):
        normalise_phone(typed)


def test_internationalised_email_domain_is_accepted():
    assert normalise_email("jonas@žalias.lt") == "jonas@žalias.lt"
    with pytest.raises(InvalidContact, match=r"vardas@domenas\.lt"):
        normalise_email("ona@@example")


def test_saving_contacts_sends_a_hashed_six_digit_code(client, db, login_as):
    login_as(client)

    response = save_contacts(client)

    assert response.status_code == 303
    user = learner(db)
    assert user.address_place == "Kaunas (Kauno m. sav.)"
    assert user.address_street == "Laisvės al."
    assert (user.address_house, user.address_flat) == ("12A", "3")
    assert user.phone == "+37061234567"
    assert user.email == "ona@example.lt" and not user.email_confirmed
    code = sent_code(db)
    confirmation = db.session.scalar(db.select(EmailConfirmation))
    assert code not in confirmation.code_hash
    assert len(confirmation.code_hash) == 64
    email = db.session.scalar(db.select(OutboxEmail))
    assert email.recipient == "ona@example.lt"
    page = client.get(response.headers["Location"])
    assert "Patvirtinkite el. pašto adresą" in page.text
    assert "įveskite jį lango viršuje" in page.text
    assert code not in str(
        [a.detail for a in db.session.scalars(db.select(AuditEntry))]
    )


def test_right_code_confirms_and_says_all_is_filled_in(client, db, login_as):
    login_as(client)
    save_contacts(client)

    response = send_code(client, sent_code(db))

    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Visa būtina informacija užpildyta" in page.text
    assert learner(db).contacts_complete


def test_wrong_code_is_refused_and_counted(client, db, login_as):
    login_as(client)
    save_contacts(client)
    code = sent_code(db)
    wrong = "000000" if code != "000000" else "111111"

    response = send_code(client, wrong)

    assert response.status_code == 200
    assert "Neteisingas kodas" in response.text
    assert "liko bandymų: 4" in response.text
    assert f'value="{wrong}"' in response.text
    assert db.session.scalar(db.select(EmailConfirmation)).failed_attempts == 1
    assert not learner(db).email_confirmed


def test_sixth_wrong_code_locks_confirmation_and_says_until_when(client, db, login_as):
    login_as(client)
    save_contacts(client)
    code = sent_code(db)
    wrong = "000000" if code != "000000" else "111111"

    for left in (4, 3, 2, 1, 0):
        assert f"liko bandymų: {left}" in send_code(client, wrong).text
    response = send_code(client, wrong)

    page = client.get(response.headers["Location"])
    assert "Per daug kartų įvestas neteisingas kodas" in page.text
    match = re.search(r"galėsite nuo (\d{4}-\d\d-\d\d \d\d:\d\d)", page.text)
    assert match
    # Even the right code is refused while the lock holds, and so is a new code.
    response = send_code(client, code)
    assert "Per daug kartų" in client.get(response.headers["Location"]).text
    page = client.get(INFO)
    response = client.post(
        f"{INFO}/kodas/siusti", data={"csrf_token": csrf_token(page.text)}
    )
    assert "Per daug kartų" in client.get(response.headers["Location"]).text
    assert not learner(db).email_confirmed


def test_lock_ends_after_its_time(app, client, db, login_as):
    login_as(client)
    save_contacts(client)
    code = sent_code(db)
    user = learner(db)
    now = utcnow()
    for _ in range(5):
        with pytest.raises(WrongCode):
            confirm_email(user, "999999" if code != "999999" else "888888", now)
    with pytest.raises(ConfirmationLocked):
        confirm_email(user, "999999" if code != "999999" else "888888", now)

    later = now + timedelta(minutes=app.config["EMAIL_CODE_LOCK_MINUTES"] + 1)
    with pytest.raises(WrongCode, match="galiojimas baigėsi"):
        confirm_email(user, code, later)


def test_code_expires(app, client, db, login_as):
    login_as(client)
    save_contacts(client)
    code = sent_code(db)
    user = learner(db)
    ttl = app.config["EMAIL_CODE_TTL_MINUTES"]

    with pytest.raises(WrongCode, match="Kodo galiojimas baigėsi"):
        confirm_email(user, code, utcnow() + timedelta(minutes=ttl + 1))
    confirm_email(user, code, utcnow() + timedelta(minutes=ttl - 1))
    assert user.email_confirmed


def test_resent_code_replaces_the_old_one(client, db, login_as):
    login_as(client)
    save_contacts(client)
    first = sent_code(db)
    page = client.get(INFO)
    client.post(f"{INFO}/kodas/siusti", data={"csrf_token": csrf_token(page.text)})
    second = sent_code(db)

    if first != second:
        assert "Neteisingas kodas" in send_code(client, first).text
    send_code(client, second)
    assert learner(db).email_confirmed


def test_changing_a_confirmed_email_needs_a_new_code(client, db, login_as):
    login_as(client, contacts=True)

    save_contacts(client, email="ona.nauja@example.lt")

    user = learner(db)
    assert user.email == "ona.nauja@example.lt"
    assert not user.email_confirmed


def test_validation_errors_keep_what_was_typed(client, db, login_as):
    login_as(client)

    response = save_contacts(
        client, phone="12345", email="ona@@example", house="", flat="x/y"
    )

    assert response.status_code == 200
    text = response.text
    assert "Patikrinkite formą" in text
    assert "Toks Lietuvos telefono numeris neegzistuoja" in text
    assert "Įveskite el. pašto adresą formatu vardas@domenas.lt." in text
    assert "Įveskite namo numerį." in text
    assert "Įveskite buto numerį skaičiumi" in text
    assert 'value="12345"' in text
    assert 'value="ona@@example"' in text
    assert 'value="x/y"' in text
    assert 'value="Kaunas (Kauno m. sav.)"' in text
    assert learner(db).phone is None


def test_street_must_belong_to_the_place(client, db, login_as):
    login_as(client)

    response = save_contacts(client, street="Gedimino pr.")

    assert "Tokios gatvės pasirinktoje vietovėje neradome" in response.text
    assert 'value="Gedimino pr."' in response.text


def test_unknown_place_is_refused(client, db, login_as):
    login_as(client)

    response = save_contacts(client, place="Niekurlandija")

    assert "Tokios vietovės neradome" in response.text
    assert learner(db).address_place is None


def test_without_javascript_lookup_offers_places_to_choose(client, db, login_as):
    """The no-JS fallback: "Ieškoti" lists places, the chosen one is then saved."""
    login_as(client)

    response = save_contacts(client, place="Kaun", street="", action="find")

    assert response.status_code == 200
    assert "Rastos vietovės: pasirinkite savo" in response.text
    assert 'name="place_choice"' in response.text
    assert "Kaunas (Kauno m. sav.)" in response.text
    assert learner(db).address_place is None

    kaunas = address_index.find_places("Kaun")[0]
    response = save_contacts(
        client, place="Kaun", place_choice=str(kaunas.id), street="laisv", action="find"
    )
    assert 'value="Kaunas (Kauno m. sav.)"' in response.text
    assert "Rastos gatvės: pasirinkite savo" in response.text
    street = address_index.find_streets(kaunas.id, "laisv")[0]

    response = save_contacts(
        client,
        place="Kaunas (Kauno m. sav.)",
        place_id=str(kaunas.id),
        street="laisv",
        street_choice=str(street.id),
    )
    assert response.status_code == 303
    user = learner(db)
    assert (user.address_place_id, user.address_street) == (kaunas.id, "Laisvės al.")


def test_village_without_streets_takes_house_number_only(client, db, login_as):
    login_as(client)
    village = next(
        p
        for p in address_index.find_places("Adomišk", limit=50)
        if not address_index.has_streets(p.id)
    )

    response = save_contacts(
        client, place=village.label, place_id=str(village.id), street=""
    )

    assert response.status_code == 303
    assert learner(db).address_place == village.label


def test_saving_contacts_while_locked_keeps_them_and_says_until_when(
    client, db, login_as
):
    """A locked confirmation must not lose what the person typed (it gave a 500)."""
    login_as(client)
    save_contacts(client)
    code = sent_code(db)
    wrong = "999999" if code != "999999" else "888888"
    for _ in range(6):
        send_code(client, wrong)

    response = save_contacts(client, email="ona.kita@example.lt")

    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    assert "Kontaktai išsaugoti, bet kodo išsiųsti negalime." in page
    assert "Per daug kartų" in page
    assert learner(db).email == "ona.kita@example.lt"


def hidden_next(html: str) -> list[str]:
    """Return the `next` values the page's forms carry."""
    return re.findall(r'<input[^>]*name="next"[^>]*value="([^"]*)"', html)


def test_learner_sent_from_registration_returns_to_the_group_after_confirming(
    client, db, make_group, login_as
):
    """Contacts missing at "Registruotis": fill them in, confirm, back to the group."""
    group = make_group()
    window = f"/grupes/{group.id}/registracija"
    login_as(client)

    response = client.get(window)

    assert response.status_code == 303
    information = response.headers["Location"]
    assert information == f"{INFO}?next={window}#kontaktai"
    page = client.get(information)
    assert "Norėdami registruotis, užpildykite ir patvirtinkite kontaktus." in page.text
    assert hidden_next(page.text) == [window]

    response = client.post(
        f"{INFO}/kontaktai",
        data={**GOOD, "next": window, "csrf_token": csrf_token(page.text)},
    )

    assert response.status_code == 303
    assert response.headers["Location"] == f"{INFO}?next={window}"
    page = client.get(response.headers["Location"])
    assert "Patvirtinus kodą, grįšite į registraciją." in page.text
    assert hidden_next(page.text) == [window, window]

    response = client.post(
        f"{INFO}/kodas",
        data={
            "code": sent_code(db),
            "next": window,
            "csrf_token": csrf_token(page.text),
        },
    )

    assert response.status_code == 303
    assert response.headers["Location"] == window
    page = client.get(window)
    assert page.status_code == 200
    assert "Kontaktai patvirtinti – galite tęsti registraciją." in page.text
    assert "Registruotis į šią grupę" in page.text


def test_wrong_code_keeps_the_way_back_to_the_group(client, db, make_group, login_as):
    """The code form shown again with its error still leads back to the group."""
    group = make_group()
    window = f"/grupes/{group.id}/registracija"
    login_as(client)
    page = client.get(client.get(window).headers["Location"])
    client.post(
        f"{INFO}/kontaktai",
        data={**GOOD, "next": window, "csrf_token": csrf_token(page.text)},
    )
    code = sent_code(db)
    wrong = "000000" if code != "000000" else "111111"

    response = client.post(
        f"{INFO}/kodas",
        data={"code": wrong, "next": window, "csrf_token": csrf_token(page.text)},
    )

    assert response.status_code == 200
    assert "Neteisingas kodas" in response.text
    assert hidden_next(response.text) == [window, window]
    response = client.post(
        f"{INFO}/kodas",
        data={"code": code, "next": window, "csrf_token": csrf_token(page.text)},
    )
    assert response.headers["Location"] == window


def test_learner_with_contacts_sees_a_link_back_to_the_group(
    client, make_group, login_as
):
    """Contacts already complete: the page offers the way back, not the catalogue."""
    group = make_group()
    window = f"/grupes/{group.id}/registracija"
    login_as(client, contacts=True)

    page = client.get(INFO, query_string={"next": window})

    assert f'galite <a href="{window}">grįžti į registraciją</a>' in page.text
    assert "Norėdami registruotis" not in page.text


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_next_leading_off_the_site_is_ignored(client, db, login_as, next_url):
    """A crafted `next` never becomes a link, a hidden field or a redirect."""
    login_as(client)

    page = client.get(INFO, query_string={"next": next_url})

    assert hidden_next(page.text) == [""]
    assert "evil.example" not in page.text and "javascript:" not in page.text
    assert "Norėdami registruotis" not in page.text

    response = client.post(
        f"{INFO}/kontaktai",
        data={**GOOD, "next": next_url, "csrf_token": csrf_token(page.text)},
    )
    assert response.headers["Location"] == INFO

    page = client.get(INFO)
    response = client.post(
        f"{INFO}/kodas",
        data={
            "code": sent_code(db),
            "next": next_url,
            "csrf_token": csrf_token(page.text),
        },
    )
    assert response.headers["Location"] == INFO
    assert learner(db).contacts_complete


BOOSTED = {"HX-Request": "true", "HX-Boosted": "true"}


def test_failed_boosted_save_shows_the_information_address_with_next(
    client, make_group, login_as
):
    """Empty contacts sent by htmx: the address bar gets the page's own GET address."""
    window = f"/grupes/{make_group().id}/registracija"
    login_as(client)
    page = client.get(INFO, query_string={"next": window})

    response = client.post(
        f"{INFO}/kontaktai",
        data={"action": "save", "next": window, "csrf_token": csrf_token(page.text)},
        headers=BOOSTED,
    )

    assert response.status_code == 200
    assert "Patikrinkite formą" in response.text
    assert response.headers["HX-Replace-Url"] == f"{INFO}?next={window}"
    assert "HX-Push-Url" not in response.headers


def test_wrong_boosted_code_shows_the_information_address_with_next(
    client, db, make_group, login_as
):
    """A wrong code sent by htmx: the address bar gets the page's own GET address."""
    window = f"/grupes/{make_group().id}/registracija"
    login_as(client)
    page = client.get(INFO, query_string={"next": window})
    client.post(
        f"{INFO}/kontaktai",
        data={**GOOD, "next": window, "csrf_token": csrf_token(page.text)},
    )
    wrong = "000000" if sent_code(db) != "000000" else "111111"

    response = client.post(
        f"{INFO}/kodas",
        data={"code": wrong, "next": window, "csrf_token": csrf_token(page.text)},
        headers=BOOSTED,
    )

    assert response.status_code == 200
    assert "Neteisingas kodas" in response.text
    assert response.headers["HX-Replace-Url"] == f"{INFO}?next={window}"


def test_failed_save_without_javascript_leaves_history_headers_out(client, login_as):
    """A plain form post shows the page again; htmx headers mean nothing there."""
    login_as(client)
    page = client.get(INFO)

    response = client.post(
        f"{INFO}/kontaktai",
        data={"action": "save", "csrf_token": csrf_token(page.text)},
    )

    assert response.status_code == 200
    assert "HX-Replace-Url" not in response.headers
    assert "HX-Push-Url" not in response.headers


def code_form(html: str) -> str:
    """Return the e-mail code form's HTML."""
    return re.search(r'<form[^>]*class="card code-form".*?</form>', html, re.S)[0]


def test_wrong_code_is_summarised_and_marks_the_field(client, db, login_as):
    """A wrong code comes back with an error summary and the field marked invalid."""
    login_as(client)
    save_contacts(client)
    wrong = "000000" if sent_code(db) != "000000" else "111111"

    response = send_code(client, wrong)

    form = code_form(response.text)
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', form, re.S)
    assert summary is not None
    assert "Patikrinkite formą" in summary[0]
    assert re.search(r'<a href="#code">Neteisingas kodas\.', summary[0])
    field = re.search(r'<input[^>]*id="code"[^>]*>', form)[0]
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="code-hint code-error"' in field
    assert '<p class="error" id="code-error">Neteisingas kodas.' in form


def test_the_information_page_has_no_repeated_ids(client, login_as):
    """Each of its forms has a CSRF field; none of them may take the same id."""
    login_as(client)

    html = client.get("/mano/informacija").text

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'name="csrf_token"' in html
    assert 'id="csrf_token"' not in html
