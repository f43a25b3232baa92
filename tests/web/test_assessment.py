"""The guided assessment: one question a page, errors in the GOV.UK pattern, a running tier,
check answers, submit, and the result the engine gives."""

from __future__ import annotations

import pytest
from django.urls import reverse
from markupsafe import escape

from coopai.framework import ProposalError, load_framework
from coopai.framework.assessing import assess_text
from coopai.web.proposals import services
from coopai.web.proposals.models import Change, Proposal, Stage

from .conftest import EXAMPLES, CheckedClient, Personas, error_summary


def step_url(pk: int, section: str, slug: str) -> str:
    return reverse("assessment_step", kwargs={"pk": pk, "section": section, "slug": slug})


def test_a_proposer_starts_a_proposal_and_lands_on_the_task_list(
    proposer: CheckedClient, personas: Personas
) -> None:
    response = proposer.post(
        reverse("proposal_new"),
        {
            "title": "Chat assistant for housing repairs",
            "service_area": "Housing",
            "description": "Answers tenants' questions about repairs.",
        },
    )
    proposal = Proposal.objects.get(title="Chat assistant for housing repairs")
    assert response["Location"] == reverse("proposal", kwargs={"pk": proposal.pk})
    assert proposal.council == personas.council_a
    page = proposer.get(response["Location"]).content.decode()
    assert "Impact on people" in page
    assert "Not yet started" in page
    assert "You have completed 0 of 6 required sections" in page


def test_a_missing_title_shows_the_error_summary_and_saves_nothing(
    proposer: CheckedClient, personas: Personas
) -> None:
    response = proposer.post(reverse("proposal_new"), {"title": "", "description": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: Start a new proposal" in body
    summary = error_summary(response.content)
    assert "Enter a title for the proposal" in summary
    assert 'href="#id_title"' in body
    assert Proposal.objects.count() == 2


def test_each_fact_question_has_its_own_page_with_help(
    proposer: CheckedClient, personas: Personas
) -> None:
    framework = load_framework()
    for question in framework.questions:
        if question.applies_when is not None:
            continue
        page = proposer.get(step_url(personas.proposal_a.pk, question.section, question.id))
        body = page.content.decode()
        assert page.status_code == 200
        assert escape(question.prompt) in body
        assert escape(" ".join(question.help.split())[:40]) in " ".join(body.split())


def test_answering_saves_records_history_and_moves_on(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    response = proposer.post(
        step_url(pk, "impact_on_people", "decision_role"), {"answer": "recommends"}
    )
    assert response.status_code == 302
    assert personas.proposal_a.answers.get(key="decision_role").value == "recommends"
    change = Change.objects.filter(proposal_id=pk, field="facts.decision_role").first()
    assert (change.old, change.new, change.user) == ("none", "recommends", personas.proposer_a)
    # decision_significance now applies and is unanswered, so it is next
    assert response["Location"] == step_url(pk, "impact_on_people", "decision_significance")


def test_the_stored_tier_is_the_engines(proposer: CheckedClient, personas: Personas) -> None:
    pk = personas.proposal_a.pk
    proposer.post(step_url(pk, "impact_on_people", "decision_role"), {"answer": "determines"})
    proposer.post(
        step_url(pk, "impact_on_people", "decision_significance"), {"answer": "significant"}
    )
    proposal = Proposal.objects.get(pk=pk)
    text = proposer.get(reverse("download", kwargs={"pk": pk})).content.decode()
    _, expected = assess_text(text, allow_incomplete=True)
    assert (proposal.tier, proposal.score, proposal.recommendation) == (
        expected.tier,
        expected.score,
        expected.recommendation,
    )
    # deciding something significant with only sample checks and no appeal route: a red line
    assert (proposal.tier, proposal.red_line_count) == (4, 1)


def test_a_tampered_answer_is_refused_and_changes_nothing(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    changes = Change.objects.count()
    response = proposer.post(
        step_url(pk, "impact_on_people", "decision_role"), {"answer": "overlord"}
    )
    assert response.status_code == 400
    assert "Select one of the answers shown" in error_summary(response.content)
    assert "<title>Error: What part does the AI play" in response.content.decode()
    assert personas.proposal_a.answers.get(key="decision_role").value == "none"
    assert Change.objects.count() == changes


def test_an_empty_answer_asks_for_one(proposer: CheckedClient, personas: Personas) -> None:
    response = proposer.post(
        step_url(personas.proposal_a.pk, "impact_on_people", "people_per_year"), {"answer": "lots"}
    )
    assert response.status_code == 400
    assert "Enter a whole number, like 1200" in error_summary(response.content)
    assert 'href="#answer"' in response.content.decode()


def test_mitigations_principles_and_readiness_pages_save(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    proposer.post(step_url(pk, "mitigations", "mitigations"), {"answer": ["dpia", "eqia"]})
    proposer.post(
        step_url(pk, "principles", "fairness"),
        {"answer": "2", "evidence": "Equality assessment done with residents."},
    )
    proposer.post(step_url(pk, "readiness", "skills_culture"), {"answer": "3"})
    answers = {a.key: (a.value, a.evidence) for a in personas.proposal_a.answers.all()}
    assert answers["in_place"] == (["dpia", "eqia"], "")
    assert answers["fairness"] == (2, "Equality assessment done with residents.")
    assert answers["skills_culture"] == (3, "")


def test_the_running_tier_updates_without_saving(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    url = reverse(
        "assessment_preview",
        kwargs={"pk": pk, "section": "impact_on_people", "slug": "decision_role"},
    )
    response = proposer.post(url, {"answer": "determines"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Includes the answer on this page, not yet saved" in body
    assert personas.proposal_a.answers.get(key="decision_role").value == "none"


def test_submitting_an_incomplete_assessment_lists_what_is_missing(
    proposer: CheckedClient, personas: Personas
) -> None:
    personas.proposal_a.answers.filter(key="human_oversight").delete()
    response = proposer.post(reverse("proposal_submit", kwargs={"pk": personas.proposal_a.pk}))
    assert response.status_code == 400
    assert (
        "The assessment is not complete: the question “How do people check what the AI produces?”"
        in error_summary(response.content)
    )
    assert Proposal.objects.get(pk=personas.proposal_a.pk).stage == Stage.DRAFT


def test_the_submit_page_and_the_engine_agree_that_unstated_mitigations_are_a_gap(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    personas.proposal_a.answers.filter(part="mitigations").delete()
    text = proposer.get(reverse("download", kwargs={"pk": pk})).content.decode()
    with pytest.raises(ProposalError, match="mitigations: is required"):
        assess_text(text)
    response = proposer.post(reverse("proposal_submit", kwargs={"pk": pk}))
    assert response.status_code == 400
    assert (
        "The assessment is not complete: which mitigations are in place (or that none are)."
        in error_summary(response.content)
    )
    assert Proposal.objects.get(pk=pk).stage == Stage.DRAFT


def test_check_answers_then_submit(proposer: CheckedClient, personas: Personas) -> None:
    pk = personas.proposal_a.pk
    page = proposer.get(reverse("check_answers", kwargs={"pk": pk})).content.decode()
    assert "Check your answers" in page
    assert 'Change<span class="govuk-visually-hidden"> What part does the AI play' in page
    assert f'action="{reverse("proposal_submit", kwargs={"pk": pk})}"' in page
    response = proposer.post(reverse("proposal_submit", kwargs={"pk": pk}))
    assert response["Location"] == reverse("review", kwargs={"pk": pk})
    assert Proposal.objects.get(pk=pk).stage == Stage.SUBMITTED


def test_the_result_page_shows_what_the_engine_gives(
    proposer: CheckedClient, personas: Personas
) -> None:
    _, expected = assess_text((EXAMPLES / "resident-chatbot.yaml").read_text())
    body = proposer.get(reverse("result", kwargs={"pk": personas.proposal_a.pk})).content.decode()
    assert f"Tier {expected.tier}: {expected.tier_label}" in body
    assert f"{expected.score} points" in body
    assert f"({expected.impact.percent}%)" in body
    assert expected.recommendation_reason in body
    assert expected.recommendation_reason.startswith("Proceed with conditions.")
    for requirement in expected.requirements:
        assert requirement.name in body
    for line in expected.explanation:
        assert line.strip().replace("'", "&#39;") in body
    assert 'role="img"' in body
    assert "Principle scores (table)" in body
    assert "framework 1.1" in body


def test_red_lines_appear_in_a_warning(proposer: CheckedClient, personas: Personas) -> None:
    pk = personas.proposal_a.pk
    proposer.post(
        step_url(pk, "impact_on_people", "prohibited_practice"), {"answer": "social_scoring"}
    )
    body = proposer.get(reverse("result", kwargs={"pk": pk})).content.decode()
    assert "govuk-warning-text" in body
    assert "A practice outside the framework" in body
    assert "Do not proceed. “A practice outside the framework” is a red line" in body


def test_the_result_shows_suitability_and_expected_benefits(
    proposer: CheckedClient, personas: Personas
) -> None:
    body = proposer.get(reverse("result", kwargs={"pk": personas.proposal_a.pk})).content.decode()
    assert "Is AI the right tool?" in body
    assert "Expected benefits" in body
    assert "£45,000" in body  # cost_per_year in resident-chatbot.yaml
    assert "3,000" in body  # hours_per_year


def test_the_suitability_triage_and_benefits_are_asked_early_and_saved(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title="Idea", description="An idea."
    )
    tasks = proposer.get(reverse("proposal", kwargs={"pk": proposal.pk})).content.decode()
    assert tasks.index("Is AI the right tool? (optional)") < tasks.index("Impact on people")
    assert tasks.index("Expected benefits (optional)") < tasks.index("Impact on people")

    response = proposer.post(
        step_url(proposal.pk, "suitability", "problem_defined"), {"answer": "no"}
    )
    assert response.status_code == 302
    assert (
        proposer.post(
            step_url(proposal.pk, "benefits", "cost_per_year"), {"answer": "25000"}
        ).status_code
        == 302
    )
    assert (
        proposer.post(
            step_url(proposal.pk, "benefits", "who_benefits"),
            {"answer": "Residents who phone out of hours."},
        ).status_code
        == 302
    )
    saved = {(a.part, a.key): a.value for a in proposal.answers.all()}
    assert saved[("suitability", "problem_defined")] == "no"
    assert saved[("benefits", "cost_per_year")] == 25000
    assert saved[("benefits", "who_benefits")] == "Residents who phone out of hours."
    body = proposer.get(reverse("result", kwargs={"pk": proposal.pk})).content.decode()
    assert "£25,000" in body


def test_a_benefit_that_is_not_a_number_is_refused(
    proposer: CheckedClient, personas: Personas
) -> None:
    response = proposer.post(
        step_url(personas.proposal_a.pk, "benefits", "hours_per_year"), {"answer": "lots"}
    )
    assert response.status_code == 400
    assert "Enter a whole number, like 1200" in error_summary(response.content)
    assert personas.proposal_a.answers.get(key="hours_per_year").value == 3000
