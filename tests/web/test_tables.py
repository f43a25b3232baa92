"""Pages reflow (WCAG 1.4.10): a data table sits in a focusable region of its own, named,
which scrolls instead of the page; long names may break; the register fits a desktop.
The browser tests measure the pages themselves (tests/e2e/browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import html5lib
import pytest
from django.urls import reverse

from coopai.web.evidence import tasks
from coopai.web.jinja2 import breakable

from .conftest import CheckedClient, Personas
from .test_evidence import finished_bias_run, map_columns, uploaded_run


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def _tables_outside_a_region(body: str) -> list[str]:
    """The captions of tables whose parent is not a named, focusable region."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(body)
    parents = {child: parent for parent in tree.iter() for child in parent}
    loose = []
    for table in tree.iter("table"):
        parent = parents[table]
        named = parent.get("aria-label") or parent.get("aria-labelledby")
        if not (parent.get("role") == "region" and parent.get("tabindex") == "0" and named):
            caption = table.find("caption")
            loose.append("".join(caption.itertext()) if caption is not None else "(no caption)")
    return loose


def test_the_evidence_pages_tables_each_scroll_in_a_region_of_their_own(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    done = finished_bias_run(proposer, pk)
    failed = uploaded_run(proposer, pk, b"pred,outcome,sex\n1,0,F\n0,2,M\n", name="bad.csv")
    map_columns(proposer, failed, prediction="pred", label="outcome", protected=["sex"])
    assert tasks.run_audit.call(failed.pk) == "failed"
    pages = [
        reverse("evidence", kwargs={"pk": pk}),
        reverse("evidence_run", kwargs={"pk": pk, "run": done.pk}),
        reverse("evidence_run", kwargs={"pk": pk, "run": failed.pk}),
    ]
    for page in pages:
        body = proposer.get(page).content.decode()
        assert "<table" in body, page
        assert _tables_outside_a_region(body) == [], page


@pytest.mark.parametrize("name", ["register", "checklist", "review"])
def test_the_register_and_review_tables_each_scroll_in_a_region_of_their_own(
    personas: Personas, name: str
) -> None:
    client = personas.client_for(personas.admin_a)
    args = [] if name == "register" else [personas.proposal_a.pk]
    body = client.get(reverse(name, args=args)).content.decode()
    assert _tables_outside_a_region(body) == []


def test_the_register_is_set_to_fit_a_desktop_window(personas: Personas) -> None:
    body = personas.client_for(personas.admin_a).get(reverse("register")).content.decode()
    assert '<table class="govuk-table coopai-table--dense">' in body
    # a username may break at its underscore rather than widen the Owner column
    assert "proposer_<wbr>a" in body
    assert "Recommen&shy;dation" in body


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("proposer.exampleshire", "proposer.<wbr>exampleshire"),
        ("ai@council.example", "ai@<wbr>council.<wbr>example"),
        ("https://x.example/a-b", "https:/<wbr>/<wbr>x.<wbr>example/<wbr>a-<wbr>b"),
        ("<b>name_1</b>", "&lt;b&gt;name_<wbr>1&lt;/<wbr>b&gt;"),
        ("plain", "plain"),
        (None, ""),
    ],
)
def test_a_long_name_gets_break_opportunities_and_stays_escaped(
    text: str | None, shown: str
) -> None:
    assert str(breakable(text)) == shown
