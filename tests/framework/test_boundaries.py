"""Every comparison in scoring.py, tried exactly on its boundary, one below and one above.

The numbers come from the framework's own content wherever it holds them, so a changed
threshold moves the test with it; a flipped `>`/`>=` or an off-by-one fails here.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

import pytest
import yaml

from coopai.framework import assess, parse_proposal
from coopai.framework.assessing import assess_path
from coopai.framework.conditions import holds
from coopai.framework.content_schema import SuitabilityQuestion
from coopai.framework.loaded import Framework
from coopai.framework.points import points_tier

from .conftest import EXAMPLES


def score(framework: Framework, proposal: dict[str, Any]) -> Any:
    return assess(parse_proposal(yaml.safe_dump(proposal), framework), framework)


def test_a_score_exactly_on_a_threshold_reaches_that_tier(framework: Framework) -> None:
    for tier in framework.scoring.tiers:
        assert points_tier(framework, tier.from_points) == tier.tier
        assert points_tier(framework, tier.from_points + 1) == tier.tier


def test_a_score_one_below_a_threshold_stays_in_the_tier_beneath(framework: Framework) -> None:
    for lower, tier in zip(framework.scoring.tiers, framework.scoring.tiers[1:], strict=False):
        assert points_tier(framework, tier.from_points - 1) == lower.tier


def test_a_number_exactly_on_a_band_earns_that_bands_points(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    question = framework.question_by_id["people_per_year"]
    for lower, band in zip(question.bands, question.bands[1:], strict=False):
        for answer, expected in (
            (band.from_ - 1, lower),
            (band.from_, band),
            (band.from_ + 1, band),
        ):
            base_proposal["facts"]["people_per_year"] = answer
            line = next(
                x for x in score(framework, base_proposal).impact.lines if x.question == question.id
            )
            assert (answer, line.points, line.answer_label) == (
                answer,
                expected.points,
                expected.label,
            )


def test_mitigation_credit_and_its_ceiling_are_rounded_down(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "explainability": "none",
        "workforce_effect": "augments",
        "decision_role": "informs",
        "decision_significance": "minor",
    }
    base_proposal["mitigations"] = ["transparency_record", "staff_consulted"]
    mitigation = score(framework, base_proposal).mitigation
    share = Fraction(str(framework.scoring.max_reduction_share))
    exact = sum(
        (
            row.points * share * Fraction(len(row.in_place), len(row.possible))
            for row in mitigation.lines
        ),
        Fraction(0),
    )
    ceiling = sum((row.points * share for row in mitigation.lines), Fraction(0))
    assert exact % 1 > Fraction(1, 2)  # so rounding to nearest or up would give more
    assert ceiling % 1 == Fraction(1, 2)  # a half: the boundary of rounding to nearest
    assert mitigation.credit == int(exact)
    assert mitigation.maximum == int(ceiling)


def test_a_requirement_applies_from_its_tier_and_not_below(framework: Framework) -> None:
    tier = assess_path(EXAMPLES / "resident-chatbot.yaml")[1].tier
    template = next(r for r in framework.requirements if r.id == "senior_owner")
    for from_tier, applies in ((tier - 1, True), (tier, True), (tier + 1, False)):
        requirement = template.model_copy(
            update={"id": "boundary", "from_tier": from_tier, "applies_when": None}
        )
        changed = dataclasses.replace(
            framework, requirements=(*framework.requirements, requirement)
        )
        result = assess_path(EXAMPLES / "resident-chatbot.yaml", framework=changed)[1]
        assert result.tier == tier
        assert ("boundary" in {r.id for r in result.requirements}) is applies, from_tier


def test_an_enabler_rated_exactly_at_the_level_needed_meets_the_requirement(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    requirement = next(r for r in framework.requirements if r.id == "senior_owner")
    [(enabler, level)] = requirement.met_by.enablers.items()
    for rating, status in ((level - 1, "outstanding"), (level, "met"), (level + 1, "met")):
        base_proposal["enablers"] = {enabler: rating}
        statuses = {r.id: r.status for r in score(framework, base_proposal).requirements}
        assert statuses[requirement.id] == status, rating


def test_a_risk_is_raised_by_a_single_point_and_not_by_none(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    # Without its own condition, only points raise the risk.
    risks = tuple(
        r.model_copy(update={"raised_when": None}) if r.id == "opacity" else r
        for r in framework.risks
    )
    on_points = dataclasses.replace(framework, risks=risks)
    assert "opacity" not in {r.id for r in score(on_points, base_proposal).risks}
    base_proposal["facts"]["explainability"] = "partial"
    raised = {r.id: r.points for r in score(on_points, base_proposal).risks}
    assert raised["opacity"] == 1


def test_a_risk_no_question_feeds_and_no_condition_raises_is_not_raised(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    # A risk that is in no question's list has no points at all, not zero points.
    questions = tuple(
        q.model_copy(update={"risks": [r for r in q.risks if r != "opacity"]})
        for q in framework.questions
    )
    risks = tuple(
        r.model_copy(update={"raised_when": None}) if r.id == "opacity" else r
        for r in framework.risks
    )
    unfed = dataclasses.replace(framework, questions=questions, risks=risks)
    base_proposal["facts"]["explainability"] = "none"

    assert "opacity" not in {r.id for r in score(unfed, base_proposal).risks}


def _principle_score(
    framework: Framework, base_proposal: dict[str, Any], principle_id: str, given: dict[str, Any]
) -> Any:
    base_proposal["principles"] = {principle_id: given}
    result = score(framework, base_proposal)
    return next(p for p in result.principles if p.id == principle_id)


def test_evidence_is_needed_from_exactly_the_rating_the_content_names(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    proposal = parse_proposal(yaml.safe_dump(base_proposal), framework)
    facts = framework.applicable_facts(proposal.condition_facts())
    principle = next(
        p
        for p in framework.principles
        if not any(holds(cap.when, facts, set()) for cap in p.scoring.caps)
    )
    needed = principle.scoring.evidence_needed_from
    below = _principle_score(framework, base_proposal, principle.id, {"rating": needed - 1})
    assert (below.score, below.reasons) == (needed - 1, [])
    on = _principle_score(framework, base_proposal, principle.id, {"rating": needed})
    assert on.score == needed - 1
    assert len(on.reasons) == 1
    with_evidence = {"rating": needed, "evidence": "A published evaluation."}
    proved = _principle_score(framework, base_proposal, principle.id, with_evidence)
    assert (proved.score, proved.reasons) == (needed, [])


def test_a_cap_lowers_only_a_rating_above_it(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    proposal = parse_proposal(yaml.safe_dump(base_proposal), framework)
    facts = framework.applicable_facts(proposal.condition_facts())
    principle, cap = next(
        (p, cap)
        for p in framework.principles
        for cap in p.scoring.caps
        if cap.max >= 1 and holds(cap.when, facts, set())
    )
    evidence = "A published evaluation."
    at_cap = _principle_score(
        framework, base_proposal, principle.id, {"rating": cap.max, "evidence": evidence}
    )
    assert (at_cap.score, at_cap.reasons) == (cap.max, [])
    above = _principle_score(
        framework, base_proposal, principle.id, {"rating": cap.max + 1, "evidence": evidence}
    )
    assert above.score == cap.max
    assert above.reasons == [f"Counts as at most {cap.max}: {cap.reason}"]


def _answers_with_concern(questions: list[SuitabilityQuestion], total: int) -> dict[str, str]:
    """Answers, none blocking, whose concern adds up to exactly `total`."""
    answers, left = {}, total
    for question in questions:
        fits = [a for a in question.answers if not a.blocking and a.concern <= left]
        chosen = max(fits, key=lambda a: a.concern)
        answers[question.id] = chosen.value
        left -= chosen.concern
    assert left == 0, f"the content cannot add up to a concern of {total}"
    return answers


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_a_concern_up_to_a_verdicts_limit_gets_that_verdict(
    framework: Framework, base_proposal: dict[str, Any], offset: int
) -> None:
    triage = framework.suitability
    limited = [v for v in triage.verdicts if v.up_to_concern is not None]
    for verdict, following in zip(limited, triage.verdicts[1:], strict=False):
        assert verdict.up_to_concern is not None
        concern = verdict.up_to_concern + offset
        base_proposal["suitability"] = _answers_with_concern(list(triage.questions), concern)
        given = score(framework, base_proposal).suitability
        expected = following if offset > 0 else verdict
        assert (given.concern, given.verdict) == (concern, expected.id)
