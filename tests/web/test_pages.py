"""The page checker itself must catch what it claims to."""

from __future__ import annotations

import pytest

from .conftest import PageError, check_html

GOOD = (
    "<!DOCTYPE html><html lang='en'><head><title>Hello - x</title></head>"
    "<body><h1>Hello</h1><form action='/a' method='post'></form></body></html>"
)


def test_a_good_page_passes() -> None:
    check_html(GOOD, "good")


@pytest.mark.parametrize(
    ("page", "complaint"),
    [
        (GOOD.replace("<h1>Hello</h1>", ""), "0 h1 elements"),
        (GOOD.replace("<h1>Hello</h1>", "<h1>Hello</h1><h1>Again</h1>"), "2 h1 elements"),
        (GOOD.replace("<title>Hello - x</title>", "<title>Other</title>"), "does not start with"),
        (GOOD.replace(" action='/a'", ""), "a form has no action"),
        (GOOD.replace("<h1>Hello</h1>", "<h1>Hello</h2>"), "invalid HTML"),
    ],
)
def test_a_bad_page_is_caught(page: str, complaint: str) -> None:
    with pytest.raises(PageError, match=complaint):
        check_html(page, "bad")


def test_an_error_title_may_start_with_error() -> None:
    check_html(GOOD.replace("<title>Hello - x</title>", "<title>Error: Hello - x</title>"), "err")
