"""Every kind of page on the site, signed in and public, on the demo data: each one is
checked by axe and must not scroll sideways at 1280 or 320 pixels wide (browser.py).

The other browser tests follow a person through a job; this one makes sure no page is
missed, with real content: the demo's long usernames, every stage, published systems."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from coopai.framework import load_framework
from coopai.web import demo
from coopai.web.proposals.models import Proposal
from coopai.web.publication.models import TransparencyRecord
from tests.e2e.browser import LOGIN_PATH, AuditedPage, login
from tests.web.conftest import EXAMPLES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# One page of each kind in the guided assessment: (section, page).
QUESTION_PAGES = [
    ("about", "details"),
    ("about", "category"),
    ("about", "technique"),
    ("suitability", "error_cost"),
    ("benefits", "cost_per_year"),
    ("benefits", "who_benefits"),
    ("impact_on_people", "decision_role"),
    ("impact_on_people", "people_per_year"),
    ("data", "data_linking"),
    ("mitigations", "mitigations"),
    ("principles", "co_production"),
    ("readiness", "suppliers_procurement"),
]


@pytest.fixture
def demo_data(db: Any) -> dict[str, Proposal]:
    demo.load(EXAMPLES)
    return {
        "draft": Proposal.objects.get(title__startswith="Risk score for single person"),
        "decided": Proposal.objects.get(title__startswith="Website assistant"),
    }


def _proposal_pages(pk: int) -> list[str]:
    names = ["proposal", "check_answers", "result", "evidence", "evidence_upload", "checklist"]
    names += ["review", "comments", "transparency", "transparency_edit", "history"]
    return [reverse(name, args=[pk]) for name in names]


def test_every_page_fits_the_window_at_both_widths(
    browser_page: AuditedPage, demo_data: dict[str, Proposal]
) -> None:
    page = browser_page
    page.goto(LOGIN_PATH)  # before signing in, as a stranger sees it
    login(page, "administrator.exampleshire", demo.DEMO_PASSWORD)
    draft, decided = demo_data["draft"], demo_data["decided"]

    for path in ["/", reverse("register"), reverse("attention"), reverse("council_settings")]:
        page.goto(path)
    for path in [reverse("proposal_new"), reverse("proposal_upload")]:
        page.goto(path)
    for section, slug in QUESTION_PAGES:
        page.goto(reverse("assessment_step", args=[draft.pk, section, slug]))
    for path in [*_proposal_pages(draft.pk), *_proposal_pages(decided.pk)]:
        page.goto(path)
    other = next(v for v in ("1.0", "1.1") if v != draft.framework_version)
    page.goto(reverse("rescore", args=[draft.pk]) + f"?version={other}")

    published = TransparencyRecord.objects.get(proposal=decided)
    council = decided.council.slug
    for path in [
        reverse("public_register"),
        reverse("public_council_register", args=[council]),
        reverse("public_system", args=[council, published.reference]),
        reverse("public_record", args=[council, published.reference]),
        reverse("public_accessibility", args=[council]),
        reverse("accessibility"),
        reverse("about_ai"),
        *(
            reverse("about_ai_technique", args=[technique.id])
            for technique in load_framework().techniques
            if technique.explainer is not None
        ),
    ]:
        page.goto(path)
    assert len(page.visits) >= 50
    assert all(visit.audited for visit in page.visits)


def test_every_column_of_the_register_shows_at_1280_pixels(
    browser_page: AuditedPage, demo_data: dict[str, Proposal]
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "administrator.sampleton", demo.DEMO_PASSWORD)
    page.goto(reverse("register"))

    region = page.locator(".coopai-table-wrapper")
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth"), "the register scrolls"
    owner = page.get_by_role("columnheader", name="Owner")
    assert owner.evaluate(
        "e => e.getBoundingClientRect().right"
        " <= e.closest('[role=region]').getBoundingClientRect().right"
    )
