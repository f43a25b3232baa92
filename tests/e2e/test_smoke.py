"""The site starts, its login page works with a mouse or the keyboard, and passes axe."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import LOGIN_PATH, AuditedPage, login, tab_to

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-demo-password"


def test_the_login_page_is_titled_by_its_heading(browser_page: AuditedPage) -> None:
    browser_page.goto(LOGIN_PATH)

    heading = browser_page.locator("h1")
    assert heading.count() == 1
    assert browser_page.title().startswith(heading.inner_text().strip())
    assert "Sign in" in browser_page.title()


def test_a_person_signs_in_and_leaves_the_login_page(
    browser_page: AuditedPage, django_user_model: Any
) -> None:
    django_user_model.objects.create_user(username="proposer", password=PASSWORD)

    login(browser_page, "proposer", PASSWORD)

    assert LOGIN_PATH not in browser_page.url


def test_the_login_form_works_with_the_keyboard_alone(
    browser_page: AuditedPage, django_user_model: Any
) -> None:
    django_user_model.objects.create_user(username="proposer", password=PASSWORD)
    browser_page.goto(LOGIN_PATH)

    tab_to(browser_page, "#id_username")
    browser_page.keyboard.type("proposer")
    tab_to(browser_page, "#id_password", max_presses=3)
    browser_page.keyboard.type("not-the-password")
    with browser_page.navigating():
        browser_page.keyboard.press("Enter")

    assert LOGIN_PATH in browser_page.url
    assert browser_page.locator(".govuk-error-summary").is_visible()


def test_the_pages_wear_coopais_stylesheet_not_gov_uks_font(browser_page: AuditedPage) -> None:
    browser_page.goto(LOGIN_PATH)

    font = browser_page.locator("h1").evaluate("element => getComputedStyle(element).fontFamily")
    assert font.startswith("system-ui")
