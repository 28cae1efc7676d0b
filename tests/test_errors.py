"""Error pages: Lithuanian for every HTTP error, shown by htmx like any page."""

import json
import re
from pathlib import Path

import pytest
import wtforms

from app.forms import MESSAGES
from tests.conftest import ELIGIBLE_CODE, csrf_token

ENGLISH = ("Method Not Allowed", "Bad Request", "Not Found", "Not a valid choice")


def htmx_config(html: str) -> dict:
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    return json.loads(meta.group(1))


def swapped_by_htmx(config: dict, status: int) -> bool:
    """Answer as htmx 2 does: the first rule whose code pattern matches decides."""
    for rule in config["responseHandling"]:
        if re.search(rule["code"], str(status)):
            return rule["swap"]
    return False


@pytest.mark.parametrize("status", [200, 400, 403, 404, 405, 409, 413, 422, 500])
def test_htmx_swaps_error_pages_in(client, status):
    """htmx 2 drops 4xx/5xx bodies unless configured; ours must be shown."""
    config = htmx_config(client.get("/").text)
    assert swapped_by_htmx(config, status)
    assert not swapped_by_htmx(config, 204)


def test_get_on_logout_is_a_lithuanian_405(client):
    response = client.get("/atsijungti")

    assert response.status_code == 405
    assert "Veiksmas negalimas" in response.text
    assert response.headers["Allow"]
    assert not any(text in response.text for text in ENGLISH)


def test_gateway_without_state_is_a_lithuanian_400(client):
    response = client.get("/viisp-simuliatorius/")

    assert response.status_code == 400
    assert "Neteisinga užklausa" in response.text
    assert not any(text in response.text for text in ENGLISH)


def test_specific_error_pages_are_kept(client):
    assert "Puslapis nerastas" in client.get("/nera-tokio-puslapio").text
    assert "Formos galiojimas baigėsi" in client.post("/prisijungti/asmuo").text


def test_failed_boosted_post_keeps_the_address_of_the_form(client):
    """The error is swapped in, but the URL is not replaced by the post's."""
    response = client.post(
        "/prisijungti/asmuo", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )

    assert response.status_code == 400
    assert "Formos galiojimas baigėsi" in response.text
    assert response.headers["HX-Push-Url"] == "false"
    assert "HX-Retarget" not in response.headers


def test_boosted_link_to_a_missing_page_keeps_its_address(client):
    response = client.get(
        "/programos/999999", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )

    assert response.status_code == 404
    assert "<html" in response.text
    assert "HX-Push-Url" not in response.headers


def test_fragment_request_error_replaces_the_whole_page(client):
    response = client.get("/programos/999999", headers={"HX-Request": "true"})

    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "body"
    assert response.headers["HX-Reswap"] == "innerHTML"


def test_invalid_gateway_choices_get_lithuanian_messages(client):
    page = client.get("/viisp-simuliatorius/?state=abc")

    response = client.post(
        "/viisp-simuliatorius/?state=abc",
        data={
            "person": "12345678901",
            "method": "pigeon",
            "state": "abc",
            "csrf_token": csrf_token(page.text),
        },
    )

    assert response.status_code == 200
    assert "Pasirinkite vieną iš pateiktų variantų." in response.text
    assert "Not a valid choice" not in response.text


def test_invalid_funding_gets_a_lithuanian_message(client, make_group, login_as):
    group = make_group()
    login_as(client, contacts=True)
    page = client.get(f"/grupes/{group.id}/registracija")

    response = client.post(
        f"/grupes/{group.id}/registracija",
        data={"funding": "lottery", "csrf_token": csrf_token(page.text)},
    )

    assert "Pasirinkite vieną iš pateiktų variantų." in response.text
    assert "Not a valid choice" not in response.text


def test_every_wtforms_message_is_translated():
    """Each of WTForms' own messages (its message catalogue) has a translation."""
    catalogue = Path(wtforms.__file__).parent / "locale" / "wtforms.pot"
    ids = re.findall(r'^msgid(?:_plural)? "(.+)"$', catalogue.read_text(), re.M)
    missing = [m for m in ids if m not in MESSAGES and m != "Invalid field name '%s'."]
    assert not missing


def test_logged_in_learner_sees_the_same_lithuanian_405(client, login_as):
    login_as(client, ELIGIBLE_CODE)
    assert "Veiksmas negalimas" in client.get("/atsijungti").text


@pytest.mark.parametrize(
    "path",
    [
        "/programos/99999999999999999999",
        "/programos/2147483648",
        "/teikejai/99999999999999999999",
        "/grupes/99999999999999999999/tvarkarastis.ics",
    ],
)
def test_ids_too_large_for_the_database_are_not_found(client, db, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Puslapis nerastas" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/grupes/99999999999999999999/registracija",
        "/grupes/99999999999999999999/laukti",
        "/registracijos/99999999999999999999",
        "/laukimo-eile/99999999999999999999",
    ],
)
def test_ids_too_large_are_not_found_for_a_learner_either(client, login_as, path):
    login_as(client)

    assert client.get(path).status_code == 404
