"""Keyboard and scroll position stay with the reader through htmx searches."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CITIES = [f"Miestas {letter}" for letter in "ABCDEFGHIJKLMNOPQRST"]


@pytest.fixture
def catalogue(make_programme):
    """25 programmes: six providers, twenty towns, two languages; two pages."""
    for number in range(25):
        make_programme(
            f"Kalbos kursas {number:02d}",
            provider=f"Teikėjas {number % 6 + 1}",
            city=CITIES[number % 20],
            language="anglų" if number % 2 else "lietuvių",
        )


def test_ticking_a_filter_far_down_keeps_it_in_view(catalogue, page):
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto("/mokymai/paieska")
    town = page.get_by_role("checkbox", name=re.compile(r"^Miestas S "))
    town.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")

    town.check()

    expect(page.locator("#rezultatai")).to_have_text("Rasta programų: 1")
    assert abs(page.evaluate("window.scrollY") - before) < 5
    box = page.get_by_role("checkbox", name=re.compile(r"^Miestas S ")).bounding_box()
    assert 0 <= box["y"] <= 600


def test_a_ticked_provider_keeps_the_focus_when_it_moves_to_the_top(catalogue, page):
    page.goto("/mokymai/paieska")
    fifth = page.get_by_role("checkbox", name=re.compile(r"^Teikėjas 5 "))
    fifth.focus()

    page.keyboard.press("Space")

    expect(page).to_have_url(re.compile(r"teikejas=\d+"))
    expect(
        page.get_by_role("checkbox", name=re.compile(r"^Teikėjas 5 "))
    ).to_be_focused()
    expect(
        page.get_by_role("checkbox", name=re.compile(r"^Teikėjas 5 "))
    ).to_be_checked()


def test_the_next_page_starts_at_its_results_heading(catalogue, page):
    page.goto("/mokymai/paieska")
    page.get_by_role("link", name="Kitas »").focus()

    page.keyboard.press("Enter")

    expect(page.get_by_text("Puslapis 2 iš 2")).to_be_visible()
    expect(page.locator("#rezultatai")).to_be_focused()
    expect(page.locator("#rezultatai")).to_be_in_viewport()
    expect(page).to_have_url(re.compile(r"puslapis=2$"))


def test_list_or_grid_changes_in_place_and_keeps_the_focus(catalogue, page):
    page.goto("/mokymai/paieska?q=kalbos&puslapis=2")
    page.get_by_role("link", name="Tinklelis").focus()

    page.keyboard.press("Enter")

    expect(page.locator(".programme-list.view-tinklelis")).to_be_visible()
    expect(page.get_by_role("link", name="Tinklelis")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/mokymai/paieska\?q=kalbos&puslapis=2$"))
    page.reload()
    expect(page.locator(".programme-list.view-tinklelis")).to_be_visible()
