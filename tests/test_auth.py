"""Login: role choice, consent with its version, the simulated gateway."""

import base64
import re
import time

import pytest

from app.integrations.viisp import TICKET_MAX_AGE_SECONDS
from app.models import AuditEntry, Consent, User
from app.urls import safe_next
from tests.conftest import ELIGIBLE_CODE, HOSTILE_NEXT, csrf_token


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


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_offsite_next_is_ignored(client, login_as, next_url):
    page = login_as(client, next_url=next_url)
    assert "Sveiki, Ona!" in page.text


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_safe_next_refuses_targets_off_this_site(next_url):
    assert safe_next(next_url) == ""


def test_safe_next_keeps_a_path_on_this_site():
    assert safe_next("/grupes/7/registracija") == "/grupes/7/registracija"
    assert safe_next("/mokymai?q=anglu") == "/mokymai?q=anglu"


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


def gateway_answer(client, personal_code: str = ELIGIBLE_CODE):
    """Go through consent and the gateway; return the gateway's redirect back."""
    page = client.get("/prisijungti/asmuo")
    start = client.post(
        "/prisijungti/asmuo", data={"accept": "y", "csrf_token": csrf_token(page.text)}
    )
    gateway = client.get(start.headers["Location"])
    state = re.search(r'name="state" type="hidden" value="([^"]+)"', gateway.text)
    return client.post(
        start.headers["Location"],
        data={
            "person": personal_code,
            "method": "smartid",
            "state": state.group(1),
            "csrf_token": csrf_token(gateway.text),
        },
    )


def decoded_parts(url: str) -> str:
    """The URL with every base64-looking piece of it decoded, as a reader could."""
    texts = [url]
    for piece in re.split(r"[?&=.]", url):
        try:
            texts.append(base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4)))
        except ValueError:
            continue
    return " ".join(str(text) for text in texts)


def test_gateway_return_address_carries_no_personal_code(client, db):
    """The access log sees the return URL: no code, not even encoded, is in it."""
    answer = gateway_answer(client)

    location = answer.headers["Location"]
    assert location.startswith("/prisijungti/grizti?ticket=")
    assert ELIGIBLE_CODE not in decoded_parts(location)
    assert client.get(location).status_code == 302
    assert db.session.scalar(db.select(User)) is not None


def test_replayed_ticket_is_refused(client, db):
    """A ticket works once; replayed during a new login attempt it is refused."""
    location = gateway_answer(client).headers["Location"]
    client.get(location)
    home = client.get("/mano/")
    client.post("/atsijungti", data={"csrf_token": csrf_token(home.text)})
    page = client.get("/prisijungti/asmuo")
    client.post(
        "/prisijungti/asmuo", data={"accept": "y", "csrf_token": csrf_token(page.text)}
    )

    assert client.get(location).status_code == 403
    assert client.get("/mano/").status_code == 302


def test_ticket_is_redeemed_once_and_only_while_fresh(app, monkeypatch):
    gateway = app.extensions["kursuok.identity"]

    with app.test_request_context():
        ticket = gateway.issue_ticket(ELIGIBLE_CODE, "state-1", "smartid")
        assert ELIGIBLE_CODE not in ticket
        assert gateway.redeem_ticket(ticket, "state-2") is None
        ticket = gateway.issue_ticket(ELIGIBLE_CODE, "state-1", "smartid")
        assert gateway.redeem_ticket(ticket, "state-1") == ELIGIBLE_CODE
        assert gateway.redeem_ticket(ticket, "state-1") is None

        ticket = gateway.issue_ticket(ELIGIBLE_CODE, "state-1", "smartid")
        later = time.time() + TICKET_MAX_AGE_SECONDS + 1
        monkeypatch.setattr(time, "time", lambda: later)
        assert gateway.redeem_ticket(ticket, "state-1") is None
