"""Pages on a 390 px wide phone: nothing overflows sideways."""

from datetime import time, timedelta

import pytest
from playwright.sync_api import Page, expect

from app.models import GroupSession
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_journey import log_in
from tests.conftest import give_contacts

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server, locale="lt-LT", viewport=PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def with_long_schedule(db, make_group):
    """A group whose sessions have long topics and places, as the demo data does."""
    group = make_group(title="Buhalterinės apskaitos pagrindai")
    for number in range(1, 4):
        group.sessions.append(
            GroupSession(
                day=group.start_date + timedelta(days=number),
                starts_at=time(17, 30),
                ends_at=time(20, 45),
                topic="Finansinių ataskaitų rengimas ir mokestinės deklaracijos",
                place="Kontaktinis, Kaunas, Savanorių pr. 123-45 (Konferencijų salė)",
            )
        )
    db.session.commit()
    return group


def test_information_page_fits_a_phone(db, phone):
    """Mano informacija, with the DAKPR diplomas table, fits 390 px."""
    log_in(phone)
    give_contacts()

    phone.goto("/mano/informacija")

    expect(phone.get_by_role("table", name="Diplomai iš DAKPR")).to_be_visible()
    assert_no_sideways_scroll(phone)


def test_programme_schedule_fits_a_phone(db, make_group, phone):
    """The programme page with a group's schedule opened fits 390 px."""
    group = with_long_schedule(db, make_group)

    phone.goto(f"/programos/{group.programme_id}")
    phone.locator("details summary").first.click()

    expect(phone.get_by_role("table").first).to_be_visible()
    assert_no_sideways_scroll(phone)


def test_catalogue_on_a_phone_shows_results_before_the_folded_filters(
    db, make_group, phone
):
    """The filters start folded, so the results follow the search box."""
    make_group(title="Anglų kalba pradedantiesiems")

    phone.goto("/mokymai/paieska")
    results = phone.get_by_role("heading", name="Rasta programų: 1")

    expect(results).to_be_visible()
    assert results.bounding_box()["y"] < PHONE["height"]
    filters = phone.get_by_role("group", name="Mokymosi būdas")
    expect(filters).to_be_hidden()
    phone.get_by_text("Filtrai", exact=True).first.click()
    expect(filters).to_be_visible()
    phone.get_by_role("checkbox", name="Kontaktinis (1)").check()
    expect(phone.get_by_role("checkbox", name="Kontaktinis (1)")).to_be_checked()
    expect(filters).to_be_visible()
    assert_no_sideways_scroll(phone)


def test_a_long_search_word_does_not_widen_the_page(db, phone):
    """A pasted address in the search box wraps instead of scrolling sideways."""
    phone.goto("/mokymai/paieska?q=https://www.example.lt/" + "a" * 60)
    expect(phone.get_by_text("programų nerasta")).to_be_visible()
    assert_no_sideways_scroll(phone)

    phone.goto("/mokymai/paieska?q=" + "!" * 150)
    expect(phone.get_by_text("nėra nei raidžių")).to_be_visible()
    assert_no_sideways_scroll(phone)
