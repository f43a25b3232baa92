"""The running tier beside each question: "Not known yet" until every impact question that
applies is answered, then the tier and its largest reason. Never points or percentages."""

from __future__ import annotations

import re
from dataclasses import replace

from django.urls import reverse

from coopai.framework.assessing import assess_text
from coopai.web.proposals import selectors, services
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.presenters import running_tier

from .conftest import EXAMPLES, CheckedClient, Personas
from .words import visible_text


def running_text(page: str) -> str:
    """The running tier box's text."""
    match = re.search(r'<aside class="coopai-running-tier".*?</aside>', page, re.S)
    assert match, "no running tier on the page"
    return visible_text(f"<main>{match.group(0)}</main>")


def new_proposal(personas: Personas) -> Proposal:
    return services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Idea", description="An idea."
    )


def step(proposal: Proposal, section: str, slug: str) -> str:
    return reverse("assessment_step", kwargs={"pk": proposal.pk, "section": section, "slug": slug})


def test_before_any_answer_the_tier_is_not_known_and_no_tier_is_shown(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = new_proposal(personas)
    unanswered = len(selectors.proposal_result(proposal=proposal).unanswered)
    for url in (
        step(proposal, "impact_on_people", "decision_role"),
        reverse("proposal", kwargs={"pk": proposal.pk}),
    ):
        page = proposer.get(url).content.decode()
        box = running_text(page)
        assert box.startswith("Impact tier Not known yet")
        assert f"{unanswered} still to answer" in box
        assert "Tier 1" not in box and "coopai-tier" not in page
        assert "point" not in box and "%" not in box


def test_once_the_impact_questions_are_answered_it_gives_the_tier_and_its_top_reason(
    proposer: CheckedClient, personas: Personas
) -> None:
    result = selectors.proposal_result(proposal=personas.proposal_a)
    assert result.complete
    page = proposer.get(step(personas.proposal_a, "impact_on_people", "decision_role"))
    box = running_text(page.content.decode())
    assert (
        box == "Impact tier Tier 2: Moderate Mainly because it affects about 60,000 people a year."
    )
    assert result.drivers[0].text == "it affects about 60,000 people a year"


def test_one_unanswered_impact_question_keeps_it_not_known(
    proposer: CheckedClient, personas: Personas
) -> None:
    personas.proposal_a.answers.filter(key="human_oversight").delete()
    page = proposer.get(reverse("proposal", kwargs={"pk": personas.proposal_a.pk}))
    box = running_text(page.content.decode())
    assert "Not known yet" in box
    assert "1 still to answer" in box
    assert "Tier 2" not in box


def test_the_preview_says_not_known_then_the_tier_once_the_answer_completes_it(
    proposer: CheckedClient, personas: Personas
) -> None:
    personas.proposal_a.answers.filter(key="human_oversight").delete()
    url = reverse(
        "assessment_preview",
        kwargs={"pk": personas.proposal_a.pk, "section": "oversight", "slug": "human_oversight"},
    )
    empty = visible_text(proposer.post(url, {}, HTTP_HX_REQUEST="true").content.decode())
    assert "Not known yet" in empty
    chosen = proposer.post(url, {"answer": "every_decision"}, HTTP_HX_REQUEST="true")
    text = visible_text(chosen.content.decode())
    assert text.startswith("Tier 2: Moderate Mainly because it affects about 60,000 people a year.")
    assert text.endswith("Includes the answer on this page, not yet saved.")
    assert "point" not in text.replace("Includes", "")


def test_a_red_line_shows_even_before_the_tier_is_known(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = new_proposal(personas)
    url = reverse(
        "assessment_preview",
        kwargs={"pk": proposal.pk, "section": "impact_on_people", "slug": "prohibited_practice"},
    )
    text = visible_text(
        proposer.post(url, {"answer": "social_scoring"}, HTTP_HX_REQUEST="true").content.decode()
    )
    assert "Not known yet" in text
    assert "1 red line raised: A practice outside the framework." in text


def test_the_top_reason_says_when_it_was_answered_not_known() -> None:
    text = (EXAMPLES / "resident-chatbot.yaml").read_text()
    _, result = assess_text(text)
    top = replace(result.drivers[0], not_known=True)
    tier = running_tier(replace(result, drivers=[top]))
    assert tier.reason == (
        "Mainly because it affects about 60,000 people a year (answered “not known”)."
    )
    assert running_tier(replace(result, drivers=[])).reason == (
        "No answer so far adds to the impact."
    )
