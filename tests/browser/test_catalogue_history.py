"""The Back button brings back the whole filtered catalogue page, not a fragment."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_back_restores_the_full_filtered_page(make_programme, page):
    """Filter with htmx, open a programme, go back: layout, filters and results."""
    make_programme("Anglų kalba nuotoliu", provider="Kalbų namai", language="anglų")
    make_programme("Anglų kalbos gramatika", provider="Kalbų namai")
    make_programme("Vokiečių kalba", provider="Kalbų namai")

    page.goto("/mokymai/paieska")
    expect(page.get_by_role("heading", name="Rasta programų: 3")).to_be_visible()
    page.get_by_role("searchbox").fill("anglu")
    expect(page.get_by_role("heading", name="Rasta programų: 2")).to_be_visible()
    page.get_by_role("checkbox", name="Anglų (1)").check()
    expect(page.get_by_role("heading", name="Rasta programų: 1")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/mokymai/paieska\?q=anglu&kalba=angl"))
    filtered_url = page.url

    page.get_by_role("link", name="Anglų kalba nuotoliu").click()
    expect(
        page.get_by_role("heading", name="Anglų kalba nuotoliu", level=1)
    ).to_be_visible()
    page.go_back()

    expect(page).to_have_url(filtered_url)
    expect(page.get_by_role("navigation", name="Pagrindinis meniu")).to_be_visible()
    expect(page.get_by_role("heading", name="Visų kategorijų mokymai")).to_be_visible()
    expect(page.get_by_role("heading", name="Rasta programų: 1")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_have_value("anglu")
    expect(page.get_by_role("checkbox", name="Anglų (1)")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Rusų (0)")).to_be_disabled()
    expect(page.get_by_role("link", name="Vokiečių kalba")).to_have_count(0)


def test_heading_title_and_view_links_follow_an_htmx_search(make_programme, page):
    """Ticking a category renames the page; the grid link keeps the search."""
    make_programme("Anglų kalba")
    make_programme("Excel", category="skaitmenine")

    page.goto("/mokymai/paieska")
    page.get_by_role("checkbox", name="Skaitmeninė (1)").check()

    expect(page.get_by_role("heading", name="Skaitmeninė kompetencija")).to_be_visible()
    expect(page).to_have_title("Skaitmeninė kompetencija – Kursuok")
    expect(page).to_have_url(re.compile(r"/mokymai/skaitmenine$"))
    expect(
        page.get_by_label("Ieškoti pagal programos pavadinimą šioje kategorijoje")
    ).to_be_visible()
    page.get_by_role("searchbox").fill("exc")
    expect(page).to_have_url(re.compile(r"/mokymai/skaitmenine\?q=exc$"))
    page.get_by_role("link", name="Tinklelis").click()

    expect(page).to_have_url(re.compile(r"/mokymai/skaitmenine\?q=exc$"))
    expect(page.locator(".programme-list.view-tinklelis")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_have_value("exc")
    expect(page.get_by_role("heading", name="Rasta programų: 1")).to_be_visible()
    page.get_by_role("link", name="Ieškoti visose kategorijose").click()
    expect(page.get_by_role("heading", name="Visų kategorijų mokymai")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_have_value("exc")
