"""Mano mokymai in a real browser: the split price, the statement, leaving, waiting."""

import pytest
from playwright.sync_api import Page, expect

from app.models.registration import Funding
from app.services.registration import register_for_group
from app.timeutil import local_today
from tests.browser.test_journey import fact, log_in, menu
from tests.conftest import give_contacts

pytestmark = pytest.mark.browser


def register(page: Page, group_id: int) -> None:
    page.goto(f"/grupes/{group_id}/registracija")
    page.get_by_role("radio", name="IMP krepšelio lėšos").check()
    page.get_by_role("button", name="Registruotis į šią grupę").click()
    expect(
        page.get_by_role("heading", name="Sveikiname užsiregistravus į mokymus!")
    ).to_be_visible()


def test_learner_tops_up_sees_statement_and_leaves(db, make_group, page):
    """Ona pays the part above her basket, checks the statement and leaves a group."""
    cheap = make_group(title="Excel pradedantiesiems", price_cents=40000)
    dear = make_group(title="Projektų valdymas", price_cents=30000)
    cheap_id, dear_id, dear_code = cheap.id, dear.id, dear.code

    log_in(page)
    give_contacts()
    register(page, cheap_id)
    page.goto(f"/grupes/{dear_id}/registracija")
    expect(
        page.get_by_role("radio", name="IMP krepšelio lėšos")
    ).to_have_accessible_description("Krepšelis apmokės 100 Eur, Jūs mokėsite 200 Eur.")
    register(page, dear_id)

    menu(page).get_by_role("link", name="Mano mokymai").click()
    training = page.get_by_role("article", name="Projektų valdymas")
    expect(fact(training, "Rezervuotos krepšelio lėšos")).to_contain_text("100 Eur")
    training.locator("summary").click()
    with page.expect_download() as download:
        training.get_by_role("link", name="Atsisiųsti tvarkaraštį (.ics)").click()
    assert download.value.suggested_filename == f"kursuok-{dear_code}.ics"
    page.get_by_role("link", name="Krepšelio išrašas").click()
    expect(fact(page.get_by_role("main"), "Likutis")).to_have_text("0 Eur")

    menu(page).get_by_role("link", name="Mano mokymai").click()
    training = page.get_by_role("article", name="Projektų valdymas")
    training.get_by_role("button", name=f"Palikti grupę {dear_code}").click()
    expect(training.get_by_label("Taip, palikti grupę")).to_be_visible()
    training.get_by_label("Taip, palikti grupę").check()
    training.get_by_role("button", name=f"Palikti grupę {dear_code}").click()

    expect(page.get_by_text("Palikote grupę.")).to_be_visible()
    expect(page.get_by_role("article", name="Projektų valdymas")).to_have_count(0)
    history = page.get_by_role("region", name="Visi mokymai")
    expect(
        history.get_by_role("row").filter(has_text="Projektų valdymas")
    ).to_contain_text("Registracija atšaukta")


def test_learner_waits_for_a_seat_in_a_full_group(db, make_group, make_person, page):
    """A full group offers "Laukti vietos" and shows the place in line."""
    from app.services.accounts import log_in_from_gateway

    group = make_group(title="Šokiai", capacity=1)
    holder_code = make_person()
    log_in_from_gateway(holder_code, "test")
    db.session.commit()
    holder = give_contacts(holder_code, "holder@example.lt")
    register_for_group(holder, group, Funding.OWN, local_today())
    db.session.commit()
    programme_id, code = group.programme_id, group.code

    log_in(page)
    give_contacts()
    page.goto(f"/programos/{programme_id}")
    expect(page.get_by_text("Laisvų vietų nebeliko.")).to_be_visible()
    page.get_by_role("link", name=f"Laukti vietos grupėje {code}").click()
    page.get_by_role("button", name="Laukti vietos").click()

    expect(page.get_by_text("Jūsų vieta eilėje: 1").first).to_be_visible()
    waiting = page.get_by_role("region", name="Laukimo eilės")
    expect(waiting).to_contain_text("Šokiai")
