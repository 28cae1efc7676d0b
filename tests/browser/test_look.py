"""What the eye needs: a focus ring that stands out, cards that look clickable,
a gateway badge that stays on one line on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_journey import log_in

pytestmark = pytest.mark.browser


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(css: str) -> list[tuple[int, int, int]]:
    return [
        tuple(int(v) for v in m) for m in re.findall(r"rgba?\((\d+), (\d+), (\d+)", css)
    ]


def focus_ring(page: Page) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Return the focused element's outline colour and halo (box-shadow) colour."""
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineColor, s.outlineStyle, s.boxShadow]; })()"
    )
    assert style[1] == "solid"
    return colours(style[0])[0], colours(style[2])[0]


WHITE, BRAND_BLUE = (255, 255, 255), (11, 83, 148)


def test_focus_ring_contrasts_with_white_and_with_the_header(db, page):
    """Dark ring ≥ 3:1 against white and the yellow; yellow halo ≥ 3:1 on blue."""
    page.goto("/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the brand link in the blue header
    expect(page.get_by_role("link", name="Kursuok", exact=True)).to_be_focused()
    ring, halo = focus_ring(page)

    assert contrast(ring, WHITE) >= 3
    assert contrast(ring, halo) >= 3
    assert contrast(halo, BRAND_BLUE) >= 3


def test_main_window_cards_look_like_links(db, page):
    log_in(page)
    card = page.get_by_role("main").get_by_role("link", name=re.compile("^Mano info"))
    heading = card.get_by_role("heading", name=re.compile("Mano informacija"))

    decoration = heading.evaluate("h => getComputedStyle(h).textDecorationLine")
    arrow = heading.evaluate("h => getComputedStyle(h, '::after').content")
    before = card.evaluate("c => getComputedStyle(c).boxShadow")
    card.hover()

    assert decoration == "underline"
    assert "→" in arrow
    expect(card).to_have_accessible_name(re.compile(r"^Mano informacija Mano"))
    expect(card).not_to_have_css("box-shadow", before)


def test_gateway_badge_stays_on_one_line_on_a_phone(browser, live_server, db):
    context = browser.new_context(
        base_url=live_server, locale="lt-LT", viewport={"width": 390, "height": 844}
    )
    context.set_default_timeout(TIMEOUT_MS)
    phone = context.new_page()
    phone.goto("/viisp-simuliatorius/?state=abc")

    lines = phone.locator(".badge").evaluate("b => b.getClientRects().length")
    width = phone.evaluate("document.scrollingElement.scrollWidth")
    context.close()

    assert lines == 1
    assert width <= 390
