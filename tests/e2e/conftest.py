"""Browser tests: Debian's Chromium driven by Playwright, against Django's live server.

Every page a test loads is checked with axe-core, and for sideways scrolling at 1280
and 320 pixels wide (see browser.py). Chromium is the system's (`make chromium`
installs it): Playwright's own browser download cannot be used here. Outside CI a
missing Chromium skips these tests; in CI it fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS, AuditedPage

# Sync Playwright keeps an asyncio loop running in the test's thread, and Django
# refuses ORM calls while one runs. The tests themselves are synchronous, so they may
# set up data with the ORM all the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: drives a real browser (Chromium); slower")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"Chromium is not at {CHROMIUM}: run `make chromium`, or set COOPAI_CHROMIUM"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is not at {AXE_SCRIPT}: run `make assets`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def _audited_tab(browser: Browser, base_url: str) -> Iterator[AuditedPage]:
    context = browser.new_context(locale="en-GB")
    page = AuditedPage(context.new_page(), base_url=base_url)
    yield page
    context.close()
    problems = page.problems()
    if problems:
        pytest.fail(
            "Accessibility problems found (by axe, or a page scrolling sideways):\n"
            + "\n".join(problems)
        )


@pytest.fixture
def browser_page(browser: Browser, live_server: object) -> Iterator[AuditedPage]:
    """A fresh browser tab on the live server; the test fails if axe finds problems."""
    with _audited_tab(browser, str(live_server)) as page:
        yield page


@pytest.fixture
def specimen_page(browser: Browser) -> Iterator[AuditedPage]:
    """A fresh browser tab with no server, to check markup and styles on their own."""
    with _audited_tab(browser, "about:blank") as page:
        yield page
