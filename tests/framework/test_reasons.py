"""Why the tier is what it is, from the proposal's own answers (framework/reasons.py)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from coopai.framework import ProposalError, parse_proposal
from coopai.framework.proposal import dump_proposal
from coopai.framework.reasons import MOST_DRIVERS
from coopai.framework.scoring import assess


def score(framework: Any, proposal: dict[str, Any]) -> Any:
    return assess(parse_proposal(yaml.safe_dump(proposal), framework), framework)


def answers(proposal: dict[str, Any], **facts: Any) -> dict[str, Any]:
    proposal["facts"] |= facts
    return proposal


def test_the_largest_answers_are_the_reasons_in_the_contents_words(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(
        base_proposal,
        affected_people="vulnerable",
        people_per_year=8000,
        public_facing=True,
        personal_data="personal",
        data_linking=False,
        data_leaves_uk=False,
    )
    result = score(framework, base_proposal)
    texts = [driver.text for driver in result.drivers]
    assert texts == [
        "it affects people who may be vulnerable, such as children or adults at risk",
        "it affects about 8,000 people a year",
        "residents see or talk to it directly",
        "it uses personal data, such as names, addresses or case details",
    ]
    assert [driver.points for driver in result.drivers] == [4, 2, 2, 2]
    assert {driver.source for driver in result.drivers} == {"answer"}


def test_a_gate_that_holds_the_tier_comes_first_and_at_most_five_are_given(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(
        base_proposal,
        decision_role="recommends",
        decision_significance="significant",
        affected_people="public",
        people_per_year=500,
        reversibility="effortful",
        human_oversight="sample",
        explainability="partial",
    )
    result = score(framework, base_proposal)
    first = result.drivers[0]
    assert (first.source, first.id) == ("gate", "significant_decisions_about_people")
    assert first.text == "it recommends or decides something significant about people"
    assert len(result.drivers) == MOST_DRIVERS
    points = [driver.points for driver in result.drivers[1:]]
    assert points == sorted(points, reverse=True)


def test_an_answer_of_no_points_is_never_a_reason(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    result = score(framework, base_proposal)
    assert result.drivers == []


def test_not_known_answers_are_named_with_what_they_add_and_what_to_do(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(base_proposal, personal_data="personal", data_linking=False)
    del base_proposal["facts"]["supplier_trains_on_data"]
    base_proposal["not_known"] = ["supplier_trains_on_data", "data_leaves_uk"]
    result = score(framework, base_proposal)
    named = {item.question: item for item in result.not_known}
    assert set(named) == {"supplier_trains_on_data", "data_leaves_uk"}
    item = named["data_leaves_uk"]
    assert (item.counted_as, item.adds) == ("Yes", 2)
    assert item.advice == framework.question_by_id["data_leaves_uk"].not_known.advice
    line = next(line for line in result.impact.lines if line.question == "data_leaves_uk")
    assert (line.answer, line.not_known) == (True, True)
    driver = next(d for d in result.drivers if d.id == "data_leaves_uk")
    assert driver.not_known is True
    assert any("(not known, counted as this)" in text for text in result.explanation)


def test_a_not_known_answer_to_a_question_that_does_not_apply_is_not_named(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["not_known"] = ["data_linking"]
    result = score(framework, base_proposal)
    assert result.not_known == []


@pytest.mark.parametrize(
    ("not_known", "message"),
    [
        ("data_linking", "not_known: must be a list of fact questions."),
        (["people_per_year"], "'people_per_year' is not a question that can be answered not"),
        (["data_leaves_uk", "data_leaves_uk"], "not_known.1: 'data_leaves_uk' is listed twice."),
        (["supplier_trains_on_data"], "is answered under facts too; give the answer or not_known"),
    ],
)
def test_a_bad_not_known_list_is_refused_saying_what_is_allowed(
    framework: Any, base_proposal: dict[str, Any], not_known: Any, message: str
) -> None:
    answers(base_proposal, personal_data="personal", data_linking=False)
    base_proposal["not_known"] = not_known
    with pytest.raises(ProposalError) as caught:
        score(framework, base_proposal)
    assert message in str(caught.value)
    if isinstance(not_known, list) and not_known == ["people_per_year"]:
        assert "Allowed: data_linking, data_leaves_uk, supplier_trains_on_data" in str(caught.value)


def test_not_known_survives_writing_the_file_and_reading_it_back(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(base_proposal, personal_data="personal")
    base_proposal["not_known"] = ["data_linking", "data_leaves_uk"]
    proposal = parse_proposal(yaml.safe_dump(base_proposal), framework)
    written = dump_proposal(proposal)
    data = yaml.safe_load(written)
    assert data["not_known"] == ["data_linking", "data_leaves_uk"]
    assert "data_linking" not in data["facts"]
    assert parse_proposal(written, framework) == proposal


def test_a_contradiction_is_pointed_out_only_when_both_answers_are_given(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(base_proposal, human_oversight="sample")
    assert score(framework, base_proposal).contradictions == []
    base_proposal["mitigations"] = ["human_review"]
    found = score(framework, base_proposal).contradictions
    assert [item.id for item in found] == ["human_review_with_sampled_oversight"]
    answers(base_proposal, human_oversight="every_output")
    assert score(framework, base_proposal).contradictions == []


def test_a_contradiction_between_two_facts_needs_no_mitigation(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(base_proposal, public_facing=True)
    found = score(framework, base_proposal).contradictions
    assert [item.id for item in found] == ["residents_use_it_but_only_staff_affected"]
    assert "council staff only" in found[0].says


def test_credit_that_rounds_to_nothing_is_explained(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(base_proposal, public_facing=True, affected_people="public")
    base_proposal["mitigations"] = ["transparency_record"]
    result = score(framework, base_proposal)
    assert result.mitigation.credit == 0
    note = result.mitigation.note
    assert note.startswith("The mitigation in place takes 0.")
    assert "rounded down, so it comes to nothing" in note
    assert "at most 50%" in note


def test_mitigations_that_address_no_raised_risk_are_explained(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["mitigations"] = ["dpia", "eqia"]
    result = score(framework, base_proposal)
    assert result.mitigation.note.startswith(
        "The 2 mitigations in place do not address the risks these answers raise"
    )


def test_no_note_when_the_credit_is_something_or_nothing_is_in_place(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    assert score(framework, base_proposal).mitigation.note == ""
    answers(base_proposal, human_oversight="none", explainability="none")
    base_proposal["mitigations"] = ["human_review", "staff_training", "fallback_plan"]
    result = score(framework, base_proposal)
    assert result.mitigation.credit > 0
    assert result.mitigation.note == ""


def test_next_steps_put_red_lines_first_and_stay_short(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    answers(
        base_proposal,
        personal_data="special_category",
        data_linking=True,
        data_leaves_uk=True,
        affected_people="vulnerable",
        decision_role="recommends",
        decision_significance="significant",
    )
    result = score(framework, base_proposal)
    steps = result.next_steps
    assert steps[0] == "Resolve the red line: Sensitive data without a DPIA."
    assert len(steps) == MOST_DRIVERS
    waiting = [r for r in result.requirements if r.status in ("outstanding", "at_decision")]
    hidden = len(result.red_lines) + len(waiting) - (MOST_DRIVERS - 1)
    assert steps[-1] == f"And {hidden} more, listed under what must be done."


def test_a_requirement_waiting_on_a_rating_says_which_in_words(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    result = score(framework, base_proposal)
    owner = next(r for r in result.requirements if r.id == "senior_owner")
    assert owner.missing == ["governance rated 1 or more"]
    assert owner.missing_names == ["Governance rated 1 (Emerging) or more"]
    assert result.next_steps == [
        "A named senior owner: needs Governance rated 1 (Emerging) or more."
    ]


def test_the_recommendation_is_a_sentence_that_starts_with_it(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["enablers"] = {"governance": 1}
    result = score(framework, base_proposal)
    assert result.recommendation_reason == (
        "Proceed. This is tier 1 (Low), and every requirement that applies is met."
    )
    answers(base_proposal, prohibited_practice="social_scoring")
    result = score(framework, base_proposal)
    assert result.recommendation_reason == (
        "Do not proceed. “A practice outside the framework” is a red line: "
        "no score can override it."
    )
