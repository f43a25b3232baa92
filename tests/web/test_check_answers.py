"""Check answers: a summary card per section, Change links that come back here after
saving (and can send nobody off the site), contradictions, and the result above Submit."""

from __future__ import annotations

import html5lib
import pytest
from django.urls import reverse

from coopai.web.proposals import selectors, services, steps
from coopai.web.proposals.models import Proposal

from .conftest import CheckedClient, Personas, with_red_line
from .words import visible_text


def check_url(proposal: Proposal) -> str:
    return reverse("check_answers", kwargs={"pk": proposal.pk})


def step_url(proposal: Proposal, section: str, slug: str) -> str:
    return reverse("assessment_step", kwargs={"pk": proposal.pk, "section": section, "slug": slug})


def test_answers_are_grouped_in_a_summary_card_per_section(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    page = proposer.get(check_url(proposal)).content.decode()
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    titles = [
        " ".join("".join(h.itertext()).split())
        for h in tree.iter("h2")
        if "govuk-summary-card__title" in h.get("class", "")
    ]
    framework = selectors.framework_for(proposal)
    answers = selectors.checked_proposal(proposal=proposal)
    assert titles == [section.name for section in steps.sections(framework, answers)]


def test_every_change_link_comes_back_to_check_answers(
    proposer: CheckedClient, personas: Personas
) -> None:
    page = proposer.get(check_url(personas.proposal_a)).content.decode()
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    changes = [a.get("href") for a in tree.iter("a") if "".join(a.itertext()).startswith("Change")]
    assert len(changes) > 30
    assert all(href.endswith("?return_to=check") for href in changes)


def test_a_change_saved_from_check_answers_returns_there(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    url = step_url(proposal, "workforce", "workforce_effect") + "?return_to=check"
    page = proposer.get(url).content.decode()
    assert f'action="{url}"' in page
    assert f'href="{check_url(proposal)}" class="govuk-back-link"' in page
    response = proposer.post(url, {"answer": "none"})
    assert response.status_code == 302
    assert response["Location"] == check_url(proposal)
    assert proposal.answers.get(key="workforce_effect").value == "none"


def test_a_change_that_makes_a_question_apply_asks_it_before_going_back(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    role = step_url(proposal, "impact_on_people", "decision_role") + "?return_to=check"
    response = proposer.post(role, {"answer": "recommends"})
    significance = step_url(proposal, "impact_on_people", "decision_significance")
    assert response["Location"] == significance + "?return_to=check"
    response = proposer.post(response["Location"], {"answer": "minor"})
    assert response["Location"] == check_url(proposal)


def test_without_return_to_a_saved_answer_moves_on_through_the_section(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    response = proposer.post(
        step_url(proposal, "workforce", "workforce_effect"), {"answer": "none"}
    )
    assert response["Location"] == reverse("proposal", kwargs={"pk": proposal.pk})


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/",
        "//evil.example/",
        "/admin/",
        "check/../../admin",
        "CHECK",
        "check ",
    ],
)
def test_return_to_is_only_ever_a_page_of_the_site_it_names(
    proposer: CheckedClient, personas: Personas, elsewhere: str
) -> None:
    proposal = personas.proposal_a
    url = step_url(proposal, "workforce", "workforce_effect")
    page = proposer.get(url, {"return_to": elsewhere}).content.decode()
    assert "evil.example" not in page
    assert f'action="{url}"' in page
    response = proposer.post(f"{url}?return_to={elsewhere}", {"answer": "none"})
    assert response["Location"] == reverse("proposal", kwargs={"pk": proposal.pk})


def add_human_review(personas: Personas) -> None:
    in_place = personas.proposal_a.answers.get(part="mitigations").value
    services.answer_set(
        proposal=personas.proposal_a,
        user=personas.proposer_a,
        part="mitigations",
        key="in_place",
        value=[*in_place, "human_review"],
    )


def test_contradictions_are_shown_before_the_answers(
    proposer: CheckedClient, personas: Personas
) -> None:
    add_human_review(personas)
    [found] = selectors.proposal_result(proposal=personas.proposal_a).contradictions
    text = visible_text(proposer.get(check_url(personas.proposal_a)).content.decode())
    assert "Answers to check Two answers do not fit together." in text
    assert text.index(found.says) < text.index(found.advice) < text.index("About the proposal")


def test_no_contradiction_no_heading(proposer: CheckedClient, personas: Personas) -> None:
    text = visible_text(proposer.get(check_url(personas.proposal_a)).content.decode())
    assert "Answers to check" not in text


def test_the_tier_red_lines_and_recommendation_are_shown_above_submit(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = with_red_line(personas)
    result = selectors.proposal_result(proposal=proposal)
    [line] = result.red_lines
    text = visible_text(proposer.get(check_url(proposal)).content.decode())
    parts = [
        "The result of these answers",
        "Impact tier Tier 4: Very high",
        "Mainly because it scores people's general behaviour or trustworthiness.",
        "Red lines 1 raised",
        f"Recommendation {result.recommendation_reason}",
        f"{line.name}. To resolve: {line.how_to_resolve}",
        "Submit for review",
    ]
    where = [text.index(part) for part in parts]
    assert where == sorted(where)
    assert text.index("Workforce") < where[0]


def test_an_incomplete_assessment_says_the_tier_is_not_known_yet(
    proposer: CheckedClient, personas: Personas
) -> None:
    personas.proposal_a.answers.filter(key="human_oversight").delete()
    text = visible_text(proposer.get(check_url(personas.proposal_a)).content.decode())
    assert "Impact tier Not known yet 1 question that sets it is not answered." in text
    assert "Red lines None Recommendation Not known yet: it follows from the tier." in text


def test_a_viewer_sees_the_result_but_no_change_links_or_submit(
    personas: Personas,
) -> None:
    viewer = personas.client_for(personas.viewer_a)
    text = visible_text(viewer.get(check_url(personas.proposal_a)).content.decode())
    assert "The result of these answers" in text
    assert "Change" not in text
    assert "Submit for review" not in text
