"""Browser fixtures: the app on a live server and headless Debian Chromium."""

import threading

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 5_000


@pytest.fixture(scope="session")
def live_server(app):
    """Serve the test app on 127.0.0.1 from a background thread; yield its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    yield f"http://127.0.0.1:{server.server_port}"

    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def browser(chromium_path) -> Browser:
    """Debian's Chromium, headless, launched by Playwright (never downloaded)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Page:
    """A fresh page whose relative URLs point at the live server."""
    context = browser.new_context(base_url=live_server, locale="lt-LT")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
