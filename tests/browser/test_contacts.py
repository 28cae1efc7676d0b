"""The contacts card in a real browser: the combobox with JavaScript, the lookup
step without it, and the e-mail code."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.models import OutboxEmail, User
from tests.conftest import ELIGIBLE_CODE

pytestmark = pytest.mark.browser

EMAIL = "ona.browser@example.lt"


def log_in(page: Page) -> None:
    """Log in as Ona through the consent page and the simulated gateway."""
    page.goto("/prisijungti/asmuo")
    page.get_by_label("Susipažinau ir sutinku su asmens privatumo").check()
    page.get_by_role("button", name="Tęsti per Elektroninius valdžios vartus").click()
    page.get_by_label("Ona Petraitienė").check()
    page.get_by_role("button", name="Prisijungti").click()
    expect(page.get_by_role("heading", name="Sveiki, Ona!")).to_be_visible()


def sent_code(db) -> str:
    db.session.rollback()
    body = db.session.scalar(
        db.select(OutboxEmail.body_text)
        .where(OutboxEmail.kind == "email_code")
        .order_by(OutboxEmail.id.desc())
    )
    return re.search(r"kodas: (\d{6})", body).group(1)


def fill_contacts(page: Page, db) -> None:
    """Fill the contacts card with the keyboard-driven combobox and confirm."""
    enter_contacts_and_code(page, db)
    expect(page.get_by_text("Visa būtina informacija užpildyta").first).to_be_visible()


def enter_contacts_and_code(page: Page, db) -> None:
    """Fill the contacts card with the combobox, save and enter the e-mail code."""
    enter_contacts(page)
    page.get_by_label("Patvirtinimo kodas").fill(sent_code(db))
    page.get_by_role("button", name="Patvirtinti").click()


def enter_contacts(page: Page) -> None:
    """Fill the contacts card with the combobox and save it."""
    place = page.get_by_role("combobox", name="Miesto ar kaimo pavadinimas")
    place.fill("Kaun")
    option = page.get_by_role("option", name="Kaunas (Kauno m. sav.)")
    expect(option).to_be_visible()
    expect(
        page.get_by_role("status").filter(has_text="Rasta pasirinkimų")
    ).to_have_count(1)
    place.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    place.press("Enter")
    expect(place).to_have_value("Kaunas (Kauno m. sav.)")
    street = page.get_by_role("combobox", name="Gatvė")
    street.fill("laisv")
    page.get_by_role("option", name="Laisvės al.").click()
    expect(street).to_have_value("Laisvės al.")
    page.get_by_label("Namo numeris").fill("12")
    page.get_by_label("Telefono numeris").fill("8 612 34567")
    page.get_by_label("El. paštas", exact=True).fill(EMAIL)
    # Enter saves, as "Išsaugoti kontaktus" does (it used to run the lookup).
    page.get_by_label("El. paštas", exact=True).press("Enter")

    expect(
        page.get_by_role("heading", name="Patvirtinkite el. pašto adresą")
    ).to_be_visible()


def test_contacts_with_the_keyboard_combobox(db, page):
    """Ona types "Kaun", picks Kaunas with the arrow keys and confirms her e-mail."""
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page)
    page.goto("/mano/informacija")

    fill_contacts(page, db)

    db.session.rollback()
    user = db.session.scalar(db.select(User).where(User.personal_code == ELIGIBLE_CODE))
    assert user.address_place == "Kaunas (Kauno m. sav.)"
    assert user.phone == "+37061234567"
    assert user.email_confirmed
    assert problems == []


def test_contacts_without_javascript(db, browser, live_server):
    """With JavaScript off, "Ieškoti" lists the places and streets to choose from."""
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    log_in(page)
    page.goto("/mano/informacija")

    page.get_by_role("combobox", name="Miesto ar kaimo pavadinimas").fill("Kaun")
    page.get_by_role("combobox", name="Gatvė").fill("laisv")
    page.get_by_role("button", name="Ieškoti vietovės ir gatvės").click()
    page.get_by_role("radio", name="Kaunas (Kauno m. sav.)").check()
    page.get_by_role("button", name="Ieškoti vietovės ir gatvės").click()
    expect(
        page.get_by_role("combobox", name="Miesto ar kaimo pavadinimas")
    ).to_have_value("Kaunas (Kauno m. sav.)")
    page.get_by_role("radio", name="Laisvės al.").check()
    page.get_by_label("Namo numeris").fill("12")
    page.get_by_label("Telefono numeris").fill("+370 612 34567")
    page.get_by_label("El. paštas", exact=True).fill(EMAIL)
    page.get_by_role("button", name="Išsaugoti kontaktus").click()

    page.get_by_label("Patvirtinimo kodas").fill(sent_code(db))
    page.get_by_role("button", name="Patvirtinti").click()
    expect(page.get_by_text("Visa būtina informacija užpildyta").first).to_be_visible()
    context.close()


def test_registration_without_contacts_comes_back_to_the_group(db, make_group, page):
    """Logged out, Ona presses "Registruotis", fills in her contacts and is back."""
    group = make_group()
    window = f"/grupes/{group.id}/registracija"
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"/programos/{group.programme_id}")
    page.get_by_role("link", name=f"Registruotis į grupę {group.code}").click()
    page.get_by_role("link", name="Asmuo, norintis mokytis").click()
    page.get_by_label("Susipažinau ir sutinku su asmens privatumo").check()
    page.get_by_role("button", name="Tęsti per Elektroninius valdžios vartus").click()
    page.get_by_label("Ona Petraitienė").check()
    page.get_by_role("button", name="Prisijungti").click()

    expect(
        page.get_by_text("Norėdami registruotis, užpildykite ir patvirtinkite")
    ).to_be_visible()
    enter_contacts_and_code(page, db)
    expect(page.get_by_role("heading", name="Registracija į grupę")).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(window) + "$"))
    expect(page.get_by_text("Kontaktai patvirtinti – galite tęsti")).to_be_visible()
    expect(page.get_by_role("button", name="Registruotis į šią grupę")).to_be_visible()
    assert problems == []


def test_registration_without_contacts_comes_back_without_javascript(
    db, make_group, browser, live_server
):
    """With JavaScript off, saving contacts and the code still lead to the group."""
    group = make_group()
    window = f"/grupes/{group.id}/registracija"
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    log_in(page)

    page.goto(window)
    expect(page).to_have_url(re.compile(r"/mano/informacija\?next=.*#kontaktai$"))
    page.get_by_role("combobox", name="Miesto ar kaimo pavadinimas").fill("Kaun")
    page.get_by_role("button", name="Ieškoti vietovės ir gatvės").click()
    page.get_by_role("radio", name="Kaunas (Kauno m. sav.)").check()
    page.get_by_role("combobox", name="Gatvė").fill("laisv")
    page.get_by_role("button", name="Ieškoti vietovės ir gatvės").click()
    page.get_by_role("radio", name="Laisvės al.").check()
    page.get_by_label("Namo numeris").fill("12")
    page.get_by_label("Telefono numeris").fill("+370 612 34567")
    page.get_by_label("El. paštas", exact=True).fill(EMAIL)
    page.get_by_role("button", name="Išsaugoti kontaktus").click()
    expect(
        page.get_by_text("Patvirtinus kodą, grįšite į registraciją.")
    ).to_be_visible()
    page.get_by_label("Patvirtinimo kodas").fill(sent_code(db))
    page.get_by_role("button", name="Patvirtinti").click()

    expect(page).to_have_url(re.compile(re.escape(window) + "$"))
    expect(page.get_by_text("Kontaktai patvirtinti – galite tęsti")).to_be_visible()
    context.close()


def test_failed_save_keeps_the_page_address_with_next(db, make_group, page):
    """Contacts saved empty come back with errors at the page's own address, so
    reloading and going back and forth show the page again, not the 405."""
    window = f"/grupes/{make_group().id}/registracija"
    information = f"/mano/informacija?next={window}"
    log_in(page)
    page.goto(information)

    page.get_by_role("button", name="Išsaugoti kontaktus").click()

    expect(
        page.get_by_role("alert").filter(has_text="Patikrinkite formą")
    ).to_be_visible()
    assert page.url.endswith(information)
    page.reload()
    expect(page.get_by_role("heading", name="Mano informacija")).to_be_visible()
    expect(page.get_by_text("Norėdami registruotis, užpildykite")).to_be_visible()
    page.go_back()
    page.go_forward()
    expect(page.get_by_role("heading", name="Mano informacija")).to_be_visible()
    expect(page.get_by_role("heading", name="Veiksmas negalimas")).to_have_count(0)
    assert page.url.endswith(information)


def test_wrong_code_is_announced_by_its_error_summary(db, make_group, page):
    """A wrong e-mail code comes back with focus on an error summary naming it,
    the field marked invalid, and the address still the page's own with next."""
    window = f"/grupes/{make_group().id}/registracija"
    information = f"/mano/informacija?next={window}"
    log_in(page)
    page.goto(information)
    enter_contacts(page)
    wrong = "000000" if sent_code(db) != "000000" else "111111"

    page.get_by_label("Patvirtinimo kodas").fill(wrong)
    page.get_by_role("button", name="Patvirtinti").click()

    summary = page.get_by_role("alert").filter(has_text="Neteisingas kodas")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label("Patvirtinimo kodas")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert page.url.endswith(information)
    page.reload()
    expect(
        page.get_by_role("heading", name="Patvirtinkite el. pašto adresą")
    ).to_be_visible()
