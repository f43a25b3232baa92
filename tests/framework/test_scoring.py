"""The scoring rules, one behaviour at a time, on small hand-made proposals."""

from __future__ import annotations

from typing import Any

import yaml

from coopai.framework import assess, parse_proposal


def score(framework: Any, proposal: dict[str, Any]) -> Any:
    return assess(parse_proposal(yaml.safe_dump(proposal), framework), framework)


def test_a_low_impact_staff_tool_is_tier_1_and_may_proceed(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["enablers"] = {"governance": 1}
    result = score(framework, base_proposal)
    assert result.tier == 1
    assert result.tier_label == "Low"
    assert result.recommendation == "proceed"
    assert result.red_lines == []


def test_a_question_that_does_not_apply_counts_toward_neither_score_nor_maximum(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"]["decision_significance"] = "significant"
    result = score(framework, base_proposal)
    line = next(x for x in result.impact.lines if x.question == "decision_significance")
    assert line.applies is False
    assert (line.points, line.maximum) == (0, 0)
    applicable_max = sum(
        q.maximum
        for q in framework.questions
        if q.id not in {"decision_significance", "data_linking", "data_leaves_uk"}
    )
    assert result.impact.maximum == applicable_max
    prompt = framework.question_by_id["decision_significance"].prompt
    assert f"  0  {prompt} Does not apply." in result.explanation


def test_points_and_percent_are_both_shown(framework: Any, base_proposal: dict[str, Any]) -> None:
    base_proposal["facts"]["affected_people"] = "public"
    result = score(framework, base_proposal)
    assert result.impact.raw == 2
    assert result.impact.percent == round(100 * 2 / result.impact.maximum, 1)
    assert f"Impact: 2 of {result.impact.maximum} points that apply" in "\n".join(
        result.explanation
    )


def test_a_red_line_overrides_a_low_score(framework: Any, base_proposal: dict[str, Any]) -> None:
    base_proposal["facts"]["personal_data"] = "special_category"
    base_proposal["facts"]["data_linking"] = False
    base_proposal["facts"]["data_leaves_uk"] = False
    result = score(framework, base_proposal)
    assert result.impact.raw < 8
    assert [line.id for line in result.red_lines] == ["sensitive_data_without_dpia"]
    assert result.tier == 3
    assert result.recommendation == "do_not_proceed"
    assert "no score can override it" in result.recommendation_reason


def test_the_mitigation_a_red_line_names_lifts_it(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "personal_data": "special_category",
        "data_linking": False,
        "data_leaves_uk": False,
    }
    base_proposal["mitigations"] = ["dpia"]
    assert score(framework, base_proposal).red_lines == []


def test_a_gate_forces_a_tier_the_points_would_not_reach(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "decision_role": "recommends",
        "decision_significance": "significant",
    }
    result = score(framework, base_proposal)
    assert result.score < 16
    assert result.tier == 3
    assert [gate.id for gate in result.gates] == ["significant_decisions_about_people"]
    assert any("Gate “AI steering significant decisions" in line for line in result.explanation)


def test_mitigations_reduce_only_the_points_of_the_risks_they_address(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {"workforce_effect": "reduces_posts", "people_per_year": 500_000}
    base_proposal["mitigations"] = ["staff_consulted"]
    result = score(framework, base_proposal)
    [line] = result.mitigation.lines
    assert line.question == "workforce_effect"
    assert line.in_place == ["staff_consulted"]
    assert 0 < line.reduction <= 4 * framework.scoring.max_reduction_share
    assert result.score == result.impact.raw - result.mitigation.credit


def test_requirements_are_met_outstanding_or_for_the_decision(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "decision_role": "recommends",
        "decision_significance": "significant",
        "affected_people": "public",
    }
    base_proposal["mitigations"] = ["human_review"]
    result = score(framework, base_proposal)
    status = {r.id: r.status for r in result.requirements}
    assert status["human_review_of_decisions"] == "met"
    assert status["bias_evidence"] == "outstanding"
    assert status["ethics_board_sign_off"] == "at_decision"
    assert "cabinet_approval" not in status  # a tier 4 requirement, and this is tier 3
    assert result.recommendation == "pilot_first"


def test_a_requirement_can_apply_below_its_tier_when_always_when_holds(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"]["public_facing"] = True
    result = score(framework, base_proposal)
    assert result.tier == 1
    assert "transparency_record" in {r.id for r in result.requirements}


def test_principle_ratings_need_evidence_and_respect_caps(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["principles"] = {
        "openness": {"rating": 3},
        "fairness": {"rating": 3, "evidence": "We think it is fair."},
    }
    result = score(framework, base_proposal)
    by_id = {p.id: p for p in result.principles}
    assert by_id["openness"].score == 1
    assert any("needs evidence" in reason for reason in by_id["openness"].reasons)
    assert by_id["fairness"].score == 1  # capped: no equality impact assessment
    assert by_id["fairness"].rating == 3
    assert by_id["learning"].score is None


def test_readiness_reports_each_enabler_and_the_weakest(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["enablers"] = {"governance": 3, "data_management": 1}
    readiness = score(framework, base_proposal).readiness
    assert readiness.lowest_level == 1
    assert {e.id: e.label for e in readiness.enablers if e.level is not None} == {
        "governance": "Embedded",
        "data_management": "Emerging",
    }
    assert len(readiness.not_rated) == len(framework.enablers) - 2


def test_suitability_gives_a_verdict_with_reasons(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    question = framework.suitability.questions[0]
    worst = max(question.answers, key=lambda a: a.concern)
    base_proposal["suitability"] = {question.id: worst.value}
    verdict = score(framework, base_proposal).suitability
    assert verdict.concern == worst.concern
    assert verdict.reasons == [worst.reason]
    assert verdict.answered == 1
    assert score(framework, {**base_proposal, "suitability": {}}).suitability is None


def test_the_result_records_the_framework_version_and_digest(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    result = score(framework, base_proposal)
    assert result.framework_version == "1.1"
    assert result.framework_local_version is None
    assert result.framework_digest == framework.digest
