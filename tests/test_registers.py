"""Register adapters: time limits, failing and slow simulators, last known data."""

import time

import pytest

from app.integrations import registers
from app.integrations.registers import RegisterUnavailable
from app.models import RegisterExtract
from tests.conftest import ELIGIBLE_CODE

INFO = "/mano/informacija"


@pytest.fixture
def misbehave(app):
    """Tell the register simulators to fail or be slow, for one test."""
    keys = (
        "REGISTER_SIMULATOR_FAIL",
        "REGISTER_SIMULATOR_DELAY_SECONDS",
        "REGISTER_TIMEOUT_SECONDS",
    )
    saved = {key: app.config[key] for key in keys}

    def set_behaviour(fail="", delay=0.0, timeout=5.0):
        app.config.update(
            REGISTER_SIMULATOR_FAIL=fail,
            REGISTER_SIMULATOR_DELAY_SECONDS=delay,
            REGISTER_TIMEOUT_SECONDS=timeout,
        )

    yield set_behaviour
    app.config.update(saved)


def test_slow_register_is_cut_off_by_the_time_limit(app, misbehave):
    misbehave(delay=1.0, timeout=0.1)

    with app.app_context():
        started = time.monotonic()
        with pytest.raises(RegisterUnavailable) as raised:
            registers().find_employment(ELIGIBLE_CODE)
        assert time.monotonic() - started < 0.8
    assert raised.value.register == "sodra"


def test_failing_sodra_shows_last_known_data_and_a_notice(
    client, db, login_as, misbehave
):
    login_as(client)
    first = client.get(INFO)
    assert "SoDros duomenimis esate užimtas asmuo (darbo sutartis)." in first.text

    misbehave(fail="sodra,dakpr")
    response = client.get(INFO)

    assert response.status_code == 200
    assert "SoDra šiuo metu neatsako. Rodome paskutinius žinomus duomenis" in (
        response.text
    )
    assert "SoDros duomenimis esate užimtas asmuo (darbo sutartis)." in response.text
    assert "Vilniaus universitetas" in response.text
    assert "(DAKPR) šiuo metu neatsako" in response.text


def test_slow_registers_on_first_visit_say_there_is_no_data_yet(
    client, db, login_as, misbehave
):
    login_as(client)
    misbehave(delay=0.5, timeout=0.05)

    response = client.get(INFO)

    assert response.status_code == 200
    assert "SoDra šiuo metu neatsako, o ankstesnių duomenų neturime" in response.text
    assert "Duomenų iš SoDros šiuo metu gauti nepavyko." in response.text
    assert "Petraitienė" in response.text


def test_answers_are_kept_as_the_last_known_data(client, db, login_as):
    login_as(client)
    client.get(INFO)

    db.session.rollback()
    extracts = {e.register: e for e in db.session.scalars(db.select(RegisterExtract))}
    assert set(extracts) == {"population", "sodra", "dakpr"}
    assert extracts["sodra"].data == {"employed": True, "kind": "darbo sutartis"}
    assert extracts["dakpr"].data["items"][0]["institution"] == "Vilniaus universitetas"


def test_registration_window_works_with_failing_registers(
    client, db, make_group, login_as, misbehave
):
    group = make_group()
    login_as(client, contacts=True)
    client.get(INFO)
    misbehave(fail="population,sodra,dakpr")

    page = client.get(f"/grupes/{group.id}/registracija")

    assert page.status_code == 200
    assert "Gyventojų registras šiuo metu neatsako" in page.text
    assert "Atitinka:</strong> Užimtumas" in page.text


def test_known_person_logs_in_while_population_register_is_down(
    app, client, db, login_as, misbehave
):
    login_as(client)
    misbehave(fail="population")
    other = app.test_client()

    page = login_as(other)

    assert "Sveiki, Ona!" in page.text


def test_newcomer_is_told_to_try_later_when_population_register_is_down(
    client, db, make_person, login_as, misbehave
):
    misbehave(fail="population")

    page = login_as(client, make_person())

    assert "Gyventojų registras šiuo metu neatsako" in page.text
