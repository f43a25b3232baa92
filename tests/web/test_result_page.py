"""The result page, written around its reader: what to do first, then why, then the working.

Every sentence on it is the engine's (`AssessmentResult`); these tests check that the page
shows each one, in the order a councillor needs them."""

from __future__ import annotations

from dataclasses import replace

import html5lib
import pytest
import yaml
from django.urls import reverse
from markupsafe import escape

from coopai.framework import AssessmentResult, load_framework
from coopai.framework.assessing import assess_text
from coopai.web.proposals import selectors, services
from coopai.web.proposals.models import Proposal
from coopai.web.proposals.presenters import driver_sentence

from .conftest import EXAMPLES, CheckedClient, Personas, with_red_line
from .words import visible_text


def example(personas: Personas, name: str) -> Proposal:
    return services.proposal_import(
        council=personas.council_a,
        user=personas.proposer_a,
        text=(EXAMPLES / name).read_text(),
        file_name=name,
    )


def result_page(client: CheckedClient, proposal: Proposal) -> str:
    response = client.get(reverse("result", kwargs={"pk": proposal.pk}))
    assert response.status_code == 200
    return visible_text(response.content.decode())


def engine_result(proposal: Proposal) -> AssessmentResult:
    return selectors.proposal_result(proposal=proposal)


def in_order(text: str, *parts: str) -> None:
    """Each part is on the page after the one before it."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"not on the page after what comes before it: {part!r}"
        at = found + len(part)


def test_the_page_opens_with_the_recommendation_then_red_lines_then_the_tier_and_why(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = with_red_line(personas)
    result = engine_result(proposal)
    assert result.red_lines and result.suitability and result.lower_tier_options
    text = result_page(proposer, proposal)
    in_order(
        text,
        result.recommendation_reason,
        "What must happen next",
        *result.next_steps,
        "Red lines",
        result.red_lines[0].name,
        f"To resolve: {result.red_lines[0].how_to_resolve}",
        "Why this tier",
        f"Tier {result.tier}: {result.tier_label}",
        *(driver_sentence(driver) for driver in result.drivers),
        f"What tier {result.tier} means: {result.tier_description}",
        "Is AI the right tool?",
        result.suitability.label,
        "What would lower the tier",
        "What must be done",
        "How the score was worked out",
    )


def test_the_reasons_for_the_tier_come_from_the_answers_gates_first(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "childrens-risk-model.yaml")
    result = engine_result(proposal)
    text = result_page(proposer, proposal)
    assert result.drivers[0].source == "gate"
    assert "It recommends or decides something significant about people." in text
    in_order(text, "Mainly because:", *(driver_sentence(d) for d in result.drivers))


def test_a_proposal_with_no_reasons_says_no_answer_adds_to_the_impact(
    proposer: CheckedClient, personas: Personas
) -> None:
    # The staff writing assistant with every answer the least risky one, used by ten
    # people a year: no answer adds a point.
    data = yaml.safe_load((EXAMPLES / "staff-writing-assistant.yaml").read_text())
    for question in load_framework().questions:
        if question.id in data["facts"] and question.answers:
            data["facts"][question.id] = question.answers[0].value
    data["facts"]["people_per_year"] = 10
    text = yaml.safe_dump(data, sort_keys=False)
    proposal = services.proposal_import(
        council=personas.council_a, user=personas.proposer_a, text=text, file_name="calm.yaml"
    )
    assert engine_result(proposal).drivers == []
    page = result_page(proposer, proposal)
    assert "No answer adds to the impact." in page
    assert "Mainly because" not in page


def test_the_options_that_would_lower_the_tier_are_the_engines(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "childrens-risk-model.yaml")
    result = engine_result(proposal)
    assert len(result.lower_tier_options) >= 2
    text = result_page(proposer, proposal)
    in_order(
        text,
        "What would lower the tier",
        *(option.explanation for option in result.lower_tier_options),
        "What must be done",
    )


def test_no_options_no_heading(proposer: CheckedClient, personas: Personas) -> None:
    assert not engine_result(personas.proposal_a).lower_tier_options
    assert "What would lower the tier" not in result_page(proposer, personas.proposal_a)


def not_known_proposal(personas: Personas) -> Proposal:
    """resident-chatbot.yaml with data linking answered "not known"."""
    text = (EXAMPLES / "resident-chatbot.yaml").read_text()
    text = text.replace("  data_linking: false\n", "").replace(
        "\nfacts:\n", "\nnot_known: [data_linking]\nfacts:\n"
    )
    return services.proposal_import(
        council=personas.council_a, user=personas.proposer_a, text=text, file_name="nk.yaml"
    )


def test_a_not_known_answer_is_named_with_what_it_adds_and_the_advice(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = not_known_proposal(personas)
    [unknown] = engine_result(proposal).not_known
    text = result_page(proposer, proposal)
    in_order(
        text,
        "Why this tier",
        "It joins together datasets about people (answered “not known”).",
        f"Not known: {unknown.prompt}",
        f"It is counted as “{unknown.counted_as}”, which adds {unknown.adds} points.",
        unknown.advice,
        "What tier",
    )


def test_contradictions_are_pointed_out_after_the_verdict(
    proposer: CheckedClient, personas: Personas
) -> None:
    in_place = personas.proposal_a.answers.get(part="mitigations").value
    services.answer_set(
        proposal=personas.proposal_a,
        user=personas.proposer_a,
        part="mitigations",
        key="in_place",
        value=[*in_place, "human_review"],
    )
    [found] = engine_result(personas.proposal_a).contradictions
    text = result_page(proposer, personas.proposal_a)
    in_order(
        text,
        "Is AI the right tool?",
        "Answers to check",
        found.says,
        found.advice,
        "Check and change the answers",
        "What must be done",
    )


def test_the_mitigation_note_says_why_credit_is_nothing(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "call-centre-emotion-analytics.yaml")
    note = engine_result(proposal).mitigation.note
    assert note
    assert note in result_page(proposer, proposal)


def test_requirements_name_what_they_need_in_words(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "childrens-risk-model.yaml")
    text = result_page(proposer, proposal)
    assert "Needs: Governance rated 2 (Established) or more" in text
    assert "rated 2 or more" not in text


def test_the_working_is_complete_inside_a_details_element(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "childrens-risk-model.yaml")
    result = engine_result(proposal)
    page = proposer.get(reverse("result", kwargs={"pk": proposal.pk})).content.decode()
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    [details] = [
        d for d in tree.iter("details") if "How the score was worked out" in "".join(d.itertext())
    ]
    assert "govuk-details" in details.get("class", "")
    working = " ".join("".join(details.itertext()).split())
    for line in result.explanation:
        assert " ".join(line.split()) in working
    assert (
        f"{result.score} points: impact {result.impact.raw} of {result.impact.maximum}" in working
    )
    assert f"({result.impact.percent}%)" in working
    for threshold in result.thresholds:
        assert f"tier {threshold.tier} ({threshold.label}) from {threshold.from_points}" in working
    assert "less 1 for mitigations in place" in working


def test_a_provisional_result_names_the_questions_still_to_answer(
    proposer: CheckedClient, personas: Personas
) -> None:
    personas.proposal_a.answers.filter(key__in=["human_oversight", "explainability"]).delete()
    text = result_page(proposer, personas.proposal_a)
    in_order(
        text,
        "This result is provisional: 2 questions that apply are not answered yet",
        "How do people check what the AI produces?",
        "Can a person be told why the AI produced its result about them?",
        "Recommendation",
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx", "markdown"])
def test_the_page_links_every_report_format(
    proposer: CheckedClient, personas: Personas, fmt: str
) -> None:
    page = proposer.get(reverse("result", kwargs={"pk": personas.proposal_a.pk})).content.decode()
    target = reverse("committee_report", kwargs={"pk": personas.proposal_a.pk, "fmt": fmt})
    assert f'href="{target}"' in page


def test_a_red_line_in_words_from_the_engine_is_escaped(
    proposer: CheckedClient, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, result = assess_text((EXAMPLES / "automated-benefit-decision.yaml").read_text())
    line = replace(result.red_lines[0], how_to_resolve="<b>Stop</b>")
    monkeypatch.setattr(selectors, "proposal_result", lambda **_: replace(result, red_lines=[line]))
    page = proposer.get(reverse("result", kwargs={"pk": personas.proposal_a.pk})).content.decode()
    assert f"To resolve: {escape('<b>Stop</b>')}" in page
    assert "<b>Stop</b>" not in page


def test_the_result_links_to_the_explainer_of_its_kind_of_ai(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "chatbot-first-draft.yaml")
    response = proposer.get(reverse("result", kwargs={"pk": proposal.pk}))
    link = reverse("about_ai_technique", args=["generative_text"])
    assert f'href="{link}"' in response.content.decode()
    assert "What generative text is, and how it goes wrong" in visible_text(
        response.content.decode()
    )


def test_a_not_known_answer_from_a_file_is_named_on_the_result(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = example(personas, "chatbot-first-draft.yaml")
    text = result_page(proposer, proposal)
    in_order(
        text,
        "Is information about people stored or processed outside the UK?",
        "Ask the supplier where its servers and support staff are",
    )
    assert "Human review is listed as in place" in text
