"""Deciding on the record and publishing in the open, in a real browser: a proposer
submits, two reviewers of a board decide with a condition, and a resident finds the
system on the public register and opens its transparency record. axe-core checks every
page on the way (see browser.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from coopai.framework.lifecycle import Stage
from coopai.web.councils.models import Council, Membership, Role
from coopai.web.councils.services import member_add
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.services import proposal_import
from coopai.web.reviews import services
from tests.e2e.browser import AuditedPage, login

from .test_assessment_flow import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
EXAMPLE = "resident-chatbot.yaml"


@pytest.fixture
def board(db: Any) -> Proposal:
    """A council whose board needs two approvals, its people, and a complete proposal
    with a link to evidence for each requirement (a reviewer accepts them later)."""
    from tests.web.conftest import EXAMPLES

    council = Council.objects.create(
        name="Exampleshire Council", slug="exampleshire", review_quorum=2, region="North West"
    )
    for name, role in [
        ("proposer", Role.PROPOSER),
        ("reviewer.one", Role.REVIEWER),
        ("reviewer.two", Role.REVIEWER),
    ]:
        member_add(council=council, username=name, password=PASSWORD, role=role)
    proposer = Membership.objects.get(user__username="proposer")
    proposal = proposal_import(
        council=council,
        user=proposer.user,
        text=(EXAMPLES / EXAMPLE).read_text(),
        file_name=EXAMPLE,
    )
    for requirement in proposal_selectors.proposal_result(proposal=proposal).requirements:
        services.evidence_add_link(
            proposal=proposal,
            user=proposer.user,
            requirement=requirement.id,
            title=f"{requirement.name}, signed off",
            url=f"https://exampleshire.example/ai/{requirement.id}",
        )
    return proposal


def sign_out(page: AuditedPage) -> None:
    page.click(page.get_by_role("button", name="Sign out"))


def test_a_board_decides_and_the_system_is_published(
    browser_page: AuditedPage, board: Proposal
) -> None:
    page = browser_page
    proposal = board

    # The proposer checks the answers and submits.
    login(page, "proposer", PASSWORD)
    page.goto(f"/proposals/{proposal.pk}/check/")
    assert page.get_by_text("What the AI would do").is_visible()
    page.click(page.get_by_role("button", name="Submit for review"))
    assert page.locator("h1").inner_text().startswith("Review and decision")
    sign_out(page)

    # The first reviewer starts the review, accepts the evidence, sets a condition, votes.
    login(page, "reviewer.one", PASSWORD)
    page.click(page.get_by_role("link", name="Needs your attention"))
    page.click(page.get_by_role("link", name=proposal.title))
    page.click(page.get_by_role("button", name="Start the review"))
    assert "Approval is blocked." in page.content()
    reviewer = Membership.objects.get(user__username="reviewer.one")
    evidence = list(proposal.evidence.order_by("id"))
    for item in evidence[1:]:  # the rest were read beforehand
        services.evidence_accept(evidence=item, membership=reviewer, note="")
    page.click(page.get_by_role("link", name="Requirements", exact=True))
    page.click(page.get_by_role("button", name="Accept this evidence").first)
    assert "All 8 requirements settled" in page.content()

    page.click(page.get_by_role("link", name="Review and decision", exact=True))
    due = timezone.localdate() + timedelta(days=60)
    page.fill("#condition-text", "Tell residents on the first screen that they are talking to AI.")
    page.select_option("#condition-owner", label="proposer")
    page.fill("#due-day", str(due.day))
    page.fill("#due-month", str(due.month))
    page.fill("#due-year", str(due.year))
    page.click(page.get_by_role("button", name="Set the condition"))
    page.get_by_label("Approve with conditions").check()
    page.fill("#reasons", "The evidence is sound; residents must know it is AI.")
    page.click(page.get_by_role("button", name="Record your vote"))
    assert "The decision waits for more votes" in page.content()
    proposal.refresh_from_db()
    assert proposal.stage == Stage.IN_REVIEW
    sign_out(page)

    # The second reviewer's vote makes the board's quorum of two.
    login(page, "reviewer.two", PASSWORD)
    page.goto(f"/proposals/{proposal.pk}/review/")
    page.get_by_label("Approve", exact=True).check()
    page.fill("#reasons", "Agreed, with the condition.")
    page.click(page.get_by_role("button", name="Record your vote"))
    assert "Decision: approved with conditions" in page.content()
    assert "Who voted what" in page.content()
    proposal.refresh_from_db()
    assert proposal.stage == Stage.APPROVED_WITH_CONDITIONS
    sign_out(page)

    # A resident finds it on the public register, without signing in.
    page.goto("/")
    page.click(page.get_by_role("link", name="Go to the public AI register"))
    page.click(page.get_by_role("link", name=proposal.title))
    content = page.content()
    assert "How to challenge a decision or ask for a person" in content
    assert "Tell residents on the first screen that they are talking to AI." in content
    assert "reviewer.one" not in content and "Agreed, with the condition." not in content
    page.click(page.get_by_role("link", name="Read the full transparency record"))
    assert page.locator("h1").inner_text().startswith("Transparency record:")
    assert page.get_by_role("heading", name="Summary information").is_visible()


def test_the_new_pages_reflow_at_320_pixels(browser_page: AuditedPage, board: Proposal) -> None:
    """WCAG 1.4.10: no sideways scrolling on a 320px screen; wide tables scroll inside."""
    proposal = board
    proposer = Membership.objects.get(user__username="proposer")
    reviewers = [Membership.objects.get(user__username=f"reviewer.{n}") for n in ("one", "two")]
    services.proposal_submit(proposal=proposal, membership=proposer)
    services.review_start(proposal=proposal, membership=reviewers[0])
    for item in proposal.evidence.all():
        services.evidence_accept(evidence=item, membership=reviewers[0], note="")
    services.condition_add(
        proposal=proposal,
        membership=reviewers[0],
        text="Tell residents they are talking to AI.",
        owner=proposer.user,
        due=timezone.localdate() + timedelta(days=30),
    )
    for reviewer in reviewers:
        services.vote_cast(proposal=proposal, membership=reviewer, vote="approve", reasons="Yes.")
    reference = proposal.transparency_record.reference
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 800})
    public = [
        "/public/",
        "/public/exampleshire/",
        f"/public/exampleshire/{reference}/",
        f"/public/exampleshire/{reference}/transparency-record/",
    ]
    for path in public:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    login(page, "reviewer.one", PASSWORD)
    for tab in ("review", "requirements", "comments", "transparency"):
        page.goto(f"/proposals/{proposal.pk}/{tab}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, tab
