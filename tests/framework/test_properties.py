"""The guarantees in docs/scoring.md ("Why the guarantees hold"), over generated proposals."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coopai.framework import load_framework
from coopai.framework.conditions import mitigations_named
from coopai.framework.result_json import to_json_data
from coopai.framework.scoring import RECOMMENDATION_ORDER, assess

from .conftest import EXAMPLES
from .strategies import proposals, riskier

FRAMEWORK = load_framework("1.1")
# Read again from disk, not from the cache: the result must not depend on the copy.
FRESH = load_framework(FRAMEWORK.folders[0])
LOCAL = load_framework(EXAMPLES / "local-framework")
OLD = load_framework("1.0")
SETTINGS = settings(max_examples=300, deadline=None)


def severity(result: Any) -> int:
    return RECOMMENDATION_ORDER[result.recommendation]


@SETTINGS
@given(data=st.data())
def test_a_riskier_answer_never_lowers_the_tier_or_the_recommendation(data: st.DataObject) -> None:
    for framework in (FRAMEWORK, LOCAL):
        proposal = data.draw(proposals(framework))
        question = data.draw(st.sampled_from(framework.questions))
        value = proposal.facts[question.id]
        worse_value = riskier(question, value, data.draw)
        worse = dataclasses.replace(proposal, facts={**proposal.facts, question.id: worse_value})
        before, after = assess(proposal, framework), assess(worse, framework)
        assert after.tier >= before.tier
        assert after.score >= before.score
        assert severity(after) >= severity(before)
        assert {r.id for r in before.red_lines} <= {r.id for r in after.red_lines}


@SETTINGS
@given(data=st.data())
def test_adding_a_mitigation_never_raises_the_tier_or_the_recommendation(
    data: st.DataObject,
) -> None:
    proposal = data.draw(proposals(FRAMEWORK))
    missing = [m for m in FRAMEWORK.mitigation_by_id if m not in proposal.mitigations]
    assume(missing)
    added = data.draw(st.sampled_from(missing))
    better = dataclasses.replace(proposal, mitigations=(*proposal.mitigations, added))
    before, after = assess(proposal, FRAMEWORK), assess(better, FRAMEWORK)
    assert after.tier <= before.tier
    assert after.score <= before.score
    assert after.mitigation.credit >= before.mitigation.credit
    assert severity(after) <= severity(before)


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_a_red_line_always_yields_its_recommendation_and_tier(proposal: Any) -> None:
    result = assess(proposal, FRAMEWORK)
    for red_line in result.red_lines:
        assert result.tier >= red_line.minimum_tier
        assert severity(result) >= RECOMMENDATION_ORDER[red_line.recommendation]


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_mitigation_credit_never_clears_a_red_line(proposal: Any) -> None:
    """Only the mitigations a red line itself names can lift it; credit cannot."""
    result = assess(proposal, FRAMEWORK)
    by_id = {line.id: line for line in FRAMEWORK.red_lines}
    for raised in result.red_lines:
        named = set(mitigations_named(by_id[raised.id].when))
        others = tuple(m for m in FRAMEWORK.mitigation_by_id if m not in named)
        everything = dataclasses.replace(
            proposal, mitigations=tuple(dict.fromkeys((*proposal.mitigations, *others)))
        )
        assert raised.id in {line.id for line in assess(everything, FRAMEWORK).red_lines}


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_the_same_input_and_version_always_give_the_same_output(proposal: Any) -> None:
    first = to_json_data(assess(proposal, FRAMEWORK))
    assert FRESH is not FRAMEWORK
    assert to_json_data(assess(proposal, FRAMEWORK)) == first
    assert to_json_data(assess(proposal, FRESH)) == first


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_every_point_is_explained_and_the_arithmetic_adds_up(proposal: Any) -> None:
    result = assess(proposal, FRAMEWORK)
    assert result.impact.raw == sum(line.points for line in result.impact.lines)
    assert result.impact.maximum == sum(
        line.maximum for line in result.impact.lines if line.applies
    )
    assert result.score == result.impact.raw - result.mitigation.credit
    assert 0 <= result.mitigation.credit <= result.mitigation.maximum
    for line in result.impact.lines:
        if line.points:
            assert any(
                text.strip().startswith(f"+{line.points}  {line.prompt} ")
                for text in result.explanation
            )


@SETTINGS
@given(data=st.data())
def test_answering_an_open_question_never_lowers_a_provisional_tier(data: st.DataObject) -> None:
    proposal = data.draw(proposals(FRAMEWORK))
    question = data.draw(st.sampled_from(FRAMEWORK.questions))
    partial = dataclasses.replace(
        proposal, facts={k: v for k, v in proposal.facts.items() if k != question.id}
    )
    assert assess(proposal, FRAMEWORK).tier >= assess(partial, FRAMEWORK).tier


@SETTINGS
@given(data=st.data())
def test_each_way_to_lower_the_tier_gives_that_tier_when_scored_again(
    data: st.DataObject,
) -> None:
    for framework in (FRAMEWORK, LOCAL):
        proposal = data.draw(proposals(framework))
        result = assess(proposal, framework)
        for option in result.lower_tier_options:
            changed = apply_change(proposal, option.change)
            again = assess(changed, framework)
            assert again.tier == option.tier
            raised = {g.name for g in result.gates} | {r.name for r in result.red_lines}
            still = {g.name for g in again.gates} | {r.name for r in again.red_lines}
            assert set(option.clears) == raised - still
            assert option.tier < result.tier or option.clears


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_no_way_to_lower_the_tier_is_missed_or_changes_what_the_service_is(
    proposal: Any,
) -> None:
    """Every single change that helps is offered, and none touches a fixed fact."""
    result = assess(proposal, FRAMEWORK)
    offered = [option.change for option in result.lower_tier_options]
    for option in offered:
        for key in option.get("facts", {}):
            assert FRAMEWORK.question_by_id[key].fixed is None
    for key in FRAMEWORK.mitigation_by_id:
        if key in proposal.mitigations:
            continue
        again = assess(apply_change(proposal, {"mitigations_added": [key]}), FRAMEWORK)
        helps = again.tier < result.tier or _ended(result, again)
        assert helps == ({"mitigations_added": [key]} in offered)
    helpful_facts = {key for option in offered for key in option.get("facts", {})}
    for question in FRAMEWORK.questions:
        if question.fixed is not None or question.type == "integer":
            continue
        current = proposal.facts[question.id]
        values = [answer.value for answer in question.answers]
        if question.id not in {line.question for line in result.impact.lines if line.applies}:
            continue
        helps = any(
            _helps(
                result, assess(apply_change(proposal, {"facts": {question.id: value}}), FRAMEWORK)
            )
            for value in values[: values.index(current)]
        )
        assert helps == (question.id in helpful_facts)


def _helps(before: Any, after: Any) -> bool:
    return after.tier < before.tier or _ended(before, after)


def _ended(before: Any, after: Any) -> bool:
    raised = {g.id for g in before.gates} | {r.id for r in before.red_lines}
    return bool(raised - ({g.id for g in after.gates} | {r.id for r in after.red_lines}))


def apply_change(proposal: Any, change: dict[str, Any]) -> Any:
    """The proposal with one option's change made, as a person would make it."""
    if "mitigations_added" in change:
        added = (*proposal.mitigations, *change["mitigations_added"])
        return dataclasses.replace(proposal, mitigations=added)
    facts = {**proposal.facts, **change["facts"]}
    not_known = tuple(key for key in proposal.not_known if key not in change["facts"])
    return dataclasses.replace(proposal, facts=facts, not_known=not_known)


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_not_known_answers_are_named_and_never_lower_the_tier(proposal: Any) -> None:
    result = assess(proposal, FRAMEWORK)
    named = {item.question for item in result.not_known}
    applies = {line.question for line in result.impact.lines if line.applies}
    assert named == set(proposal.not_known) & applies
    for item in result.not_known:
        question = FRAMEWORK.question_by_id[item.question]
        assert question.not_known is not None
        assert proposal.facts[item.question] == question.not_known.counts_as
        least = min(answer.points for answer in question.answers)
        line = next(line for line in result.impact.lines if line.question == item.question)
        assert item.adds == line.points - least >= 0


@SETTINGS
@given(proposal=proposals(FRAMEWORK))
def test_framework_1_1_scores_any_proposal_as_1_0_does(proposal: Any) -> None:
    """1.1 changed the words around the score, never the score."""
    old = assess(dataclasses.replace(proposal, not_known=()), OLD)
    new = assess(proposal, FRAMEWORK)
    assert (new.tier, new.score, new.recommendation) == (old.tier, old.score, old.recommendation)
    assert [r.id for r in new.red_lines] == [r.id for r in old.red_lines]
    assert [g.id for g in new.gates] == [g.id for g in old.gates]
