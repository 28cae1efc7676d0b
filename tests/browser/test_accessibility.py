"""axe-core finds no WCAG 2.1 A or AA violation on the pages a learner uses."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.test_journey import log_in
from tests.conftest import give_contacts

pytestmark = pytest.mark.browser

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


def violations(page: Page) -> list[str]:
    """Run axe-core on the page as shown; describe each violation found."""
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def test_public_pages_pass_axe(db, make_group, page):
    group = make_group(title="Anglų kalba pradedantiesiems")
    paths = [
        "/",
        "/mokymai",
        "/mokymai/paieska",
        "/mokymai/paieska?q=anglu&budas=nuotolinis&kaina_iki=0",
        "/mokymai/paieska?vaizdas=tinklelis",
        f"/programos/{group.programme_id}",
        f"/teikejai/{group.programme.provider_id}",
        "/prisijungti",
        "/nera-tokio-puslapio",
    ]

    found = []
    for path in paths:
        page.goto(path)
        found += violations(page)

    assert found == []


def test_learner_pages_pass_axe(db, make_group, page):
    group = make_group(title="Anglų kalba pradedantiesiems")
    log_in(page)
    give_contacts()

    found = []
    for path in [
        "/mano/informacija",
        "/mano/mokymai",
        f"/grupes/{group.id}/registracija",
    ]:
        page.goto(path)
        found += violations(page)

    assert found == []
