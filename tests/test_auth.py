"""Login: role choice, consent with its version, the simulated gateway."""

import re

from app.models import AuditEntry, Consent, User
from tests.conftest import ELIGIBLE_CODE, csrf_token


def test_login_page_offers_learner_role(client):
    response = client.get("/prisijungti")
    assert "Asmuo, norintis mokytis" in response.text


def test_consent_is_required_before_the_gateway(client, db):
    page = client.get("/prisijungti/asmuo")
    response = client.post(
        "/prisijungti/asmuo", data={"csrf_token": csrf_token(page.text)}
    )

    assert response.status_code == 200
    assert "Pažymėkite, kad sutinkate su taisyklėmis" in response.text
    assert 'href="/privatumo-taisykles"' in response.text
    assert db.session.scalar(db.select(Consent)) is None


def test_login_stores_consent_version_and_lands_on_main_window(
    client, db, app, login_as
):
    page = login_as(client)

    assert "Mano informacija" in page.text
    assert "Mano mokymai" in page.text
    assert "Ieškoti mokymų" in page.text
    user = db.session.scalar(db.select(User).where(User.personal_code == ELIGIBLE_CODE))
    consent = db.session.scalar(db.select(Consent).where(Consent.user_id == user.id))
    assert consent.rules_version == app.config["PRIVACY_RULES_VERSION"]
    assert consent.accepted_at is not None
    assert db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "user.logged_in")
    )


def test_main_window_information_shows_population_register_data(client, login_as):
    login_as(client)
    page = client.get("/mano/informacija")

    assert "Ona" in page.text
    assert "Petraitienė" in page.text
    assert ELIGIBLE_CODE in page.text
    assert "Lietuvos Respublika" in page.text
    assert "SoDros duomenimis esate užimtas asmuo" in page.text


def test_forged_gateway_ticket_is_refused(client, db):
    page = client.get("/prisijungti/asmuo")
    client.post(
        "/prisijungti/asmuo", data={"accept": "y", "csrf_token": csrf_token(page.text)}
    )

    response = client.get("/prisijungti/grizti?ticket=forged")

    assert response.status_code == 403
    assert db.session.scalar(db.select(User)) is None


def test_ticket_from_another_login_attempt_is_refused(app, db, login_as):
    thief, victim = app.test_client(), app.test_client()
    page = victim.get("/prisijungti/asmuo")
    start = victim.post(
        "/prisijungti/asmuo", data={"accept": "y", "csrf_token": csrf_token(page.text)}
    )
    gateway = victim.get(start.headers["Location"])
    state = re.search(
        r'name="state" type="hidden" value="([^"]+)"', gateway.text
    ).group(1)
    answer = victim.post(
        start.headers["Location"],
        data={
            "person": ELIGIBLE_CODE,
            "method": "bank",
            "state": state,
            "csrf_token": csrf_token(gateway.text),
        },
    )
    page = thief.get("/prisijungti/asmuo")
    thief.post(
        "/prisijungti/asmuo", data={"accept": "y", "csrf_token": csrf_token(page.text)}
    )

    assert thief.get(answer.headers["Location"]).status_code == 403


def test_login_returns_to_the_page_asked_for(client, login_as):
    page = login_as(client, next_url="/mokymai")
    assert "Pirmiausia pasirinkite mokymų kategoriją" in page.text


def test_offsite_next_is_ignored(client, login_as):
    page = login_as(client, next_url="//evil.example/steal")
    assert "Sveiki, Ona!" in page.text


def test_learner_pages_need_login(client):
    response = client.get("/mano/mokymai")
    assert response.status_code == 302
    assert "/prisijungti" in response.headers["Location"]


def test_logout_needs_post_with_csrf(client, login_as):
    page = login_as(client)
    assert client.post("/atsijungti").status_code == 400
    response = client.post("/atsijungti", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    assert client.get("/mano/").status_code == 302
