"""Browser tests: Debian's Chromium driven by Playwright (sync API) against live_server.

Playwright's own browser download does not work on our machines, so the tests use
/usr/bin/chromium (Debian's package `chromium`). Without it the tests are skipped,
except on CI (CI=true), where a missing browser is a failure: CI must install it.
"""

import os
from pathlib import Path

import pytest

from tests.observances.conftest import guidance, template  # noqa: F401 (campaign fixtures)

CHROMIUM = Path(os.environ.get("MANDATE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


# Package scope, not session: the browser is shared by every test in tests/browser and
# closed after the last of them, so that Playwright's event loop (see below) is no
# longer running when the rest of the suite runs in the same process, under xdist too.
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if on_ci():
            pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running on the test thread for as
    # long as it is started, and Django then refuses ORM calls from that thread
    # (fixtures, database assertions, the flush after each transactional test) although
    # they are plain synchronous calls. Allow them exactly while Playwright runs: set
    # for the whole session, the switch would leak into every subprocess a test starts
    # (`manage.py check --deploy` fails on it with async.E001).
    before = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if before is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = before


@pytest.fixture
def page(browser):
    """A fresh page in its own context: no cookies or session shared between tests."""
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
