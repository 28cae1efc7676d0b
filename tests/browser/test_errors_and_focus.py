"""Error pages and focus with JavaScript on: htmx shows 4xx/5xx answers, and a
form that comes back with errors puts focus on its error summary."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.models import Programme
from app.models.catalogue import ProgrammeStatus
from tests.browser.test_journey import log_in, menu, watch_for_problems

pytestmark = pytest.mark.browser


def mark_page(page: Page) -> None:
    """Leave a mark on the window that a full page load would wipe out."""
    page.evaluate("window.kursuokMark = 1")


def still_same_page(page: Page) -> bool:
    """Tell whether htmx swapped the answer in (the window was not reloaded)."""
    return page.evaluate("window.kursuokMark === 1")


def test_post_after_logout_in_another_tab_shows_the_csrf_page(db, page):
    """A form posted after the session ended elsewhere shows the 400 page."""
    log_in(page)
    other = page.context.new_page()
    other.goto("/mano/")
    menu(other).get_by_role("button", name=re.compile("Atsijungti")).click()
    expect(other.get_by_text("Atsijungėte.")).to_be_visible()
    address = page.url
    mark_page(page)

    menu(page).get_by_role("button", name=re.compile("Atsijungti")).click()

    heading = page.get_by_role("heading", name="Formos galiojimas baigėsi")
    expect(heading).to_be_visible()
    expect(page).to_have_title(re.compile("Formos galiojimas baigėsi"))
    assert still_same_page(page)
    assert page.url == address


def test_boosted_link_to_a_missing_programme_shows_the_404(db, make_group, page):
    """A programme withdrawn after its link was shown answers with the Lithuanian
    404, and the address bar shows the link's address as it would without JS."""
    group = make_group(title="Švedų kalba")
    programme_id = group.programme_id
    page.goto("/mokymai/daugiakalbystes")
    link = page.get_by_role("link", name="Švedų kalba").first
    expect(link).to_be_visible()
    db.session.get(Programme, programme_id).status = ProgrammeStatus.SUSPENDED
    db.session.commit()
    mark_page(page)

    link.click()

    expect(page.get_by_role("heading", name="Puslapis nerastas")).to_be_visible()
    assert still_same_page(page)
    assert page.url.endswith(f"/programos/{programme_id}")


def test_error_summary_gets_focus_after_an_htmx_swap(db, page):
    """The contacts form sent empty comes back with focus on its error summary."""
    log_in(page)
    page.goto("/mano/informacija")
    problems = watch_for_problems(page)
    mark_page(page)

    page.get_by_role("button", name="Išsaugoti kontaktus").click()

    summary = page.get_by_role("alert").filter(has_text="Patikrinkite formą")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert still_same_page(page)
    assert problems == []


def test_error_summary_gets_focus_after_a_full_page_load(db, page):
    """The consent form (not boosted) sent without the tick focuses its summary."""
    page.goto("/prisijungti/asmuo")

    page.get_by_role("button", name="Tęsti per Elektroninius valdžios vartus").click()

    summary = page.get_by_role("alert").filter(has_text="Patikrinkite formą")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
