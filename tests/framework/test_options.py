"""What would lower the tier (framework/options.py), on worked cases.

tests/framework/test_properties.py checks, over generated proposals, that each option's
tier is what re-scoring gives and that no helpful single change is missed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coopai.framework import load_framework, parse_proposal
from coopai.framework.scoring import assess


def score(framework: Any, proposal: dict[str, Any]) -> Any:
    return assess(parse_proposal(yaml.safe_dump(proposal), framework), framework)


def changes(result: Any) -> list[dict[str, Any]]:
    return [option.change for option in result.lower_tier_options]


def test_a_chatbot_with_unknowns_learns_which_answer_or_safeguard_would_lower_it(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["proposal"]["category"] = "citizen_engagement"
    base_proposal["facts"] |= {
        "decision_role": "informs",
        "decision_significance": "minor",
        "affected_people": "public",
        "people_per_year": 60000,
        "public_facing": True,
        "personal_data": "personal",
        "data_linking": False,
        "human_oversight": "sample",
    }
    del base_proposal["facts"]["supplier_trains_on_data"]
    base_proposal["not_known"] = ["supplier_trains_on_data", "data_leaves_uk"]
    result = score(framework, base_proposal)
    assert result.tier == 3
    offered = changes(result)
    assert {"facts": {"data_leaves_uk": False}} in offered
    assert {"facts": {"human_oversight": "every_output"}} in offered
    option = next(o for o in result.lower_tier_options if o.change == offered[0])
    assert option.tier == 2
    assert option.explanation.endswith("would give tier 2 (Moderate).")


def test_facts_set_by_the_service_are_never_offered(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {"affected_people": "vulnerable", "people_per_year": 400000}
    result = score(framework, base_proposal)
    fixed = {q.id for q in framework.questions if q.fixed is not None}
    assert fixed >= {"affected_people", "people_per_year", "decision_significance"}
    for change in changes(result):
        assert not fixed & set(change.get("facts", {}))


def test_a_mitigation_that_ends_a_red_line_is_offered_with_what_it_ends(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {"personal_data": "special_category", "data_linking": False}
    base_proposal["facts"] |= {"data_leaves_uk": False}
    result = score(framework, base_proposal)
    assert [line.id for line in result.red_lines] == ["sensitive_data_without_dpia"]
    option = next(
        o for o in result.lower_tier_options if o.change == {"mitigations_added": ["dpia"]}
    )
    assert option.clears == ["Sensitive data without a DPIA"]
    assert option.tier < result.tier
    assert option.explanation.startswith(
        "Putting “Data protection impact assessment” in place would give tier"
    )
    assert option.explanation.endswith("and would end “Sensitive data without a DPIA”.")


def test_ending_a_gate_without_lowering_the_tier_says_the_tier_stays(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "decision_role": "recommends",
        "decision_significance": "significant",
        "affected_people": "vulnerable",
        "personal_data": "special_category",
        "data_linking": False,
        "data_leaves_uk": False,
    }
    base_proposal["mitigations"] = ["dpia"]
    result = score(framework, base_proposal)
    assert result.tier == 3
    personal = next(
        o for o in result.lower_tier_options if o.change == {"facts": {"personal_data": "personal"}}
    )
    assert personal.tier == 3
    assert personal.clears == ["Sensitive data about vulnerable people"]
    assert "would leave the tier at 3 (High), but would end" in personal.explanation


def test_the_nearest_helpful_answer_is_offered_and_the_best_one_too(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "human_oversight": "none",
        "explainability": "none",
        "reversibility": "irreversible",
        "affected_people": "public",
        "public_facing": True,
        "personal_data": "personal",
        "data_linking": True,
        "data_leaves_uk": False,
    }
    result = score(framework, base_proposal)
    assert (result.score, result.tier) == (18, 3)

    def offered(key: str) -> list[Any]:
        return [
            o.change["facts"][key]
            for o in result.lower_tier_options
            if key in o.change.get("facts", {})
        ]

    # "sample" (16 points) is still tier 3; "every_output" (14) is the nearest that helps,
    # and "every_decision" gives no lower tier than that, so it is not offered as well.
    assert offered("human_oversight") == ["every_output"]
    # Explanation: "partial" (16) does not help, "full" (15) does.
    assert offered("explainability") == ["full"]
    # Personal data: "none" makes joining and the data's place not apply (12 points) and is
    # the only lower answer; its tier is 2.
    assert offered("personal_data") == ["none"]


def test_nothing_is_offered_when_nothing_would_help(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    result = score(framework, base_proposal)
    assert result.tier == 1
    assert result.lower_tier_options == []


def test_a_number_can_be_lowered_when_the_content_does_not_fix_it(
    content_copy: Path, base_proposal: dict[str, Any]
) -> None:
    questions = content_copy / "questions.yaml"
    text = questions.read_text()
    fixed = (
        "    fixed: >-\n"
        "      The number of people a service reaches is set by the service, not by the AI.\n"
    )
    assert fixed in text
    questions.write_text(text.replace(fixed, ""))
    (content_copy / "framework.yaml").write_text(
        (content_copy / "framework.yaml").read_text().replace("status: released", "status: draft")
    )
    framework = load_framework(content_copy)
    base_proposal["framework_version"] = framework.version
    base_proposal["facts"] |= {
        "people_per_year": 150000,
        "personal_data": "special_category",
        "data_linking": False,
        "data_leaves_uk": False,
    }
    base_proposal["mitigations"] = ["dpia"]
    result = score(framework, base_proposal)
    assert [gate.id for gate in result.gates] == ["special_category_at_scale"]
    numbers = [
        o for o in result.lower_tier_options if "people_per_year" in o.change.get("facts", {})
    ]
    assert numbers[0].change == {"facts": {"people_per_year": 9999}}
    assert numbers[0].clears == ["Sensitive data at scale"]


def test_a_farther_answer_that_lowers_the_tier_further_is_offered_too(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"] |= {
        "decision_role": "recommends",
        "decision_significance": "significant",
        "affected_people": "public",
        "people_per_year": 500,
    }
    result = score(framework, base_proposal)
    # 3 + 5 + 2 + 1 = 11 points is tier 2, held at 3 by the gate on significant decisions.
    assert (result.score, result.tier) == (11, 3)
    roles = [
        (o.change["facts"]["decision_role"], o.tier)
        for o in result.lower_tier_options
        if "decision_role" in o.change.get("facts", {})
    ]
    # "informs" ends the gate (tier 2, 9 points); "none" also stops the significance
    # question applying (3 points, tier 1). Options come lowest tier first.
    assert roles == [("none", 1), ("informs", 2)]
