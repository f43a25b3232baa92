"""How far through the assessment a proposal is: each boundary of a section's status and
of the next page to ask has a test that fails if it moves by one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from coopai.framework import Proposal as Answers
from coopai.web.proposals import progress
from coopai.web.proposals.kinds import Step
from coopai.web.proposals.steps import Section

from .conftest import CheckedClient, Personas

PAGES = tuple(Step("suitability", slug, "suitability", slug) for slug in ("a", "b", "c"))
SECTION = Section("suitability", "Triage", "Quick questions.", PAGES, True)


def answers(*slugs: str) -> Answers:
    return Answers(title="Idea", suitability=dict.fromkeys(slugs, "yes"))


@pytest.mark.parametrize(
    ("given", "status"),
    [
        ((), "Not yet started"),
        (("a",), "Incomplete"),
        (("a", "b"), "Incomplete"),
        (("a", "b", "c"), "Completed"),
    ],
)
def test_a_section_is_complete_only_when_every_page_is_answered(
    given: tuple[str, ...], status: str
) -> None:
    assert progress.status(SECTION, answers(*given)) == status


def test_a_section_without_pages_has_not_started() -> None:
    assert progress.status(replace(SECTION, steps=()), answers()) == "Not yet started"


def test_the_next_page_is_after_this_one_even_when_this_one_is_unanswered() -> None:
    assert progress.next_step(SECTION, PAGES[0], answers()) == PAGES[1]


def test_the_next_page_skips_answered_pages_and_ends_after_the_last() -> None:
    assert progress.next_step(SECTION, PAGES[0], answers("b")) == PAGES[2]
    assert progress.next_step(SECTION, PAGES[1], answers()) == PAGES[2]
    assert progress.next_step(SECTION, PAGES[2], answers()) is None
    assert progress.next_step(SECTION, PAGES[0], answers("b", "c")) is None


def test_a_task_starts_at_its_first_unanswered_page_or_else_its_first() -> None:
    assert progress.first_to_answer(SECTION, answers("a")) == PAGES[1]
    assert progress.first_to_answer(SECTION, answers("a", "b", "c")) == PAGES[0]


def test_a_complete_assessment_counts_every_required_section_and_no_optional_one(
    proposer: CheckedClient, personas: Personas
) -> None:
    page = proposer.get(reverse("proposal", kwargs={"pk": personas.proposal_a.pk}))
    body = page.content.decode()
    assert "Assessment completed" in body
    assert "You have completed 6 of 6 required sections" in body
    personas.proposal_a.answers.filter(part="mitigations").delete()
    body = proposer.get(reverse("proposal", kwargs={"pk": personas.proposal_a.pk})).content
    assert b"Assessment incomplete" in body
    assert b"You have completed 5 of 6 required sections" in body
