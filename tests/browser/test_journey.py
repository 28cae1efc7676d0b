"""The learner's journey in a real browser: log in, look around, find and register."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.test_contacts import fill_contacts
from tests.conftest import ELIGIBLE_CODE

pytestmark = pytest.mark.browser

TITLE = "Anglų kalbos kursai"
OTHER_TITLE = "Vokiečių kalba pradedantiesiems"
EMAIL = "ona.browser@example.lt"


def fact(scope: Locator, term: str) -> Locator:
    """Return the value (<dd>) that follows a term (<dt>) in a list of facts."""
    return scope.locator(f'dt:text-is("{term}") + dd')


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Pagrindinis meniu")


def watch_for_problems(page: Page) -> list[str]:
    """Collect script errors, console errors (CSP refusals) and failed requests."""
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    return problems


def log_in(page: Page) -> None:
    """Log in as Ona through the consent page and the simulated gateway."""
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Prisijungti").click()
    expect(page.get_by_role("heading", name="Prisijungimas")).to_be_visible()
    page.get_by_role("link", name="Asmuo, norintis mokytis").click()

    consent = page.get_by_label("Susipažinau ir sutinku su asmens privatumo")
    proceed = page.get_by_role("button", name="Tęsti per Elektroninius valdžios vartus")
    assert consent.get_attribute("aria-invalid") is None
    proceed.click()
    refusal = "Pažymėkite, kad sutinkate su taisyklėmis, kitaip prisijungti negalima."
    expect(page.get_by_role("alert")).to_contain_text(refusal)
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_accessible_description(refusal)
    consent.check()
    proceed.click()

    expect(
        page.get_by_role("heading", name="Fizinio asmens prisijungimas")
    ).to_be_visible()
    # A whole page, not one swapped into ours: the real gateway is another site.
    expect(page.locator("body")).to_have_class("gateway")
    page.get_by_label("Ona Petraitienė").check()
    page.get_by_label("Smart-ID").check()
    page.get_by_role("button", name="Prisijungti").click()


def test_learner_finds_a_programme_and_registers(db, make_group, page):
    """Ona logs in, sees her data, finds English courses and registers into a group."""
    group = make_group(title=TITLE)
    make_group(title=OTHER_TITLE)
    code, provider = group.code, group.programme.provider.name
    problems = watch_for_problems(page)

    log_in(page)
    expect(page.get_by_role("heading", name="Sveiki, Ona!")).to_be_visible()

    menu(page).get_by_role("link", name="Mano informacija").click()
    mine = page.get_by_role("region", name="Mano duomenys")
    expect(fact(mine, "Vardas")).to_have_text("Ona")
    expect(fact(mine, "Pavardė")).to_have_text("Petraitienė")
    expect(fact(mine, "Asmens kodas")).to_have_text(ELIGIBLE_CODE)
    expect(fact(mine, "Pilietybė")).to_have_text("Lietuvos Respublika")
    fill_contacts(page, db)

    menu(page).get_by_role("link", name="Mano mokymai").click()
    expect(page.get_by_text("Mokymuose dar nedalyvavote")).to_be_visible()

    menu(page).get_by_role("link", name="Ieškoti mokymų").click()
    page.get_by_role("link", name="Daugiakalbystės kompetencija").click()
    expect(page.get_by_role("heading", name="Rasta programų: 2")).to_be_visible()
    # Typed key by key, as a person does: htmx wires the box up a moment after
    # a boosted page appears, and a single instant fill could come before that.
    page.get_by_role(
        "searchbox", name="Ieškoti pagal programos pavadinimą"
    ).press_sequentially("anglu", delay=80)
    expect(page.get_by_role("heading", name="Rasta programų: 1")).to_be_visible()
    expect(page.get_by_role("link", name=OTHER_TITLE)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"[?&]q=anglu"))

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name=provider).click()
    expect(page.get_by_role("heading", name=provider, level=1)).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(menu(page)).to_be_visible()

    page.get_by_role("link", name=f"Registruotis į grupę {code}").click()
    expect(page.get_by_role("heading", name="Registracija į grupę")).to_be_visible()
    basket = page.get_by_role("radio", name="IMP krepšelio lėšos")
    expect(basket).to_have_accessible_description("Krepšelis apmokės 300 Eur.")
    basket.check()
    page.get_by_role("button", name="Registruotis į šią grupę").click()
    expect(
        page.get_by_role("heading", name="Sveikiname užsiregistravus į mokymus!")
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(EMAIL)

    menu(page).get_by_role("link", name="Mano mokymai").click()
    training = page.get_by_role("article", name=TITLE)
    expect(fact(training, "Grupė")).to_have_text(code)
    expect(fact(training, "Būsena")).to_have_text(
        "Laukiama mokymo teikėjo patvirtinimo"
    )

    page.get_by_role("contentinfo").get_by_role(
        "link", name="Kūrėjo pašto dėžutė"
    ).click()
    expect(page).to_have_url(re.compile(r"/dev/pastas$"))
    mail = page.get_by_role("row").filter(has_text=EMAIL)
    expect(
        mail.get_by_role("link", name=f"Registracija į mokymus: {TITLE}")
    ).to_be_visible()
    assert problems == []


def test_search_works_without_javascript(db, make_group, browser, live_server):
    """With JavaScript off, the search button loads a results page."""
    make_group(title=TITLE)
    make_group(title=OTHER_TITLE)
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()

    page.goto("/mokymai")
    page.get_by_role("link", name="Daugiakalbystės kompetencija").click()
    expect(page.get_by_role("heading", name="Rasta programų: 2")).to_be_visible()
    page.get_by_role("searchbox", name="Ieškoti pagal programos pavadinimą").fill(
        "anglu"
    )
    page.get_by_role("button", name="Ieškoti", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]q=anglu"))
    expect(page.get_by_role("heading", name="Rasta programų: 1")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name=OTHER_TITLE)).to_have_count(0)
    context.close()
