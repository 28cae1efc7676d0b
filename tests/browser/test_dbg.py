import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_dbg(db, make_group, page):
    make_group(title="Anglų kalbos kursai")
    make_group(title="Vokiečių kalba")
    page.goto("/mokymai")
    page.get_by_role("link", name="Daugiakalbystės kompetencija").click()
    expect(page.get_by_role("heading", name="Rasta programų: 2")).to_be_visible()
    print(page.url)
    print(page.locator("main").aria_snapshot())
    print(page.locator("main").evaluate("e => e.outerHTML")[:3000])
