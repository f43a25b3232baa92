"""Every content check's words, pinned: the file, the place, the message and what is allowed.

A person fixing framework content reads these; they must not drift when the checks move.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coopai.framework import ContentError, load_framework

from .conftest import EXAMPLES, edit_yaml

Edit = tuple[str, Callable[[Any], None]]


def _red_line_when(condition: dict[str, Any]) -> Edit:
    return "red_lines.yaml", lambda d: d["red_lines"][0].update(when=condition)


def _add_local_floor(floor_id: str) -> Edit:
    floor = {
        "id": floor_id,
        "name": "A local gate",
        "when": {"fact": "public_facing", "in": [True]},
        "minimum_tier": 2,
        "reason": "Local policy.",
    }
    return "scoring.yaml", lambda d: d.setdefault("floors", []).append(floor)


def _shown(error: ContentError) -> list[str]:
    """Each problem as a person reads it, with the temporary folder left out."""
    return [
        str(problem).replace(str(problem.file), Path(problem.file).name)
        for problem in error.problems
    ]


RED_LINE = "red_lines.yaml, line 4, red_lines[0] (practice_outside_framework).when: "
FACTS = (
    "decision_role, decision_significance, affected_people, people_per_year, public_facing, "
    "reversibility, prohibited_practice, personal_data, data_linking, data_leaves_uk, "
    "supplier_trains_on_data, human_oversight, explainability, workforce_effect, category, "
    "technique"
)
MITIGATIONS = (
    "accuracy_tested, appeal_route, bias_audit, dpia, eqia, fallback_plan, human_review, "
    "monitoring_plan, pilot_evaluation, residents_engaged, security_assessment, "
    "staff_consulted, staff_training, supplier_assurances, transparency_record"
)
UNKNOWN_FACT = f"names the fact 'wizardry', which does not exist. Allowed: {FACTS}."
UNKNOWN_MITIGATION = f"names the mitigation 'magic', which does not exist. Allowed: {MITIGATIONS}."
IN_ON_A_NUMBER = "uses in on people_per_year, which is a number; use at_least."
AT_LEAST_ON_A_CHOICE = "uses at_least on decision_role, which is not a number."

CORE_CASES: dict[str, tuple[Edit, list[str]]] = {
    "a condition naming an unknown fact": (
        _red_line_when({"fact": "wizardry", "in": ["x"]}),
        [RED_LINE + UNKNOWN_FACT],
    ),
    "a condition naming an unknown mitigation": (
        _red_line_when({"mitigation_missing": "magic"}),
        [RED_LINE + UNKNOWN_MITIGATION],
    ),
    "at_least on a choice": (
        _red_line_when({"fact": "decision_role", "at_least": 2}),
        [RED_LINE + AT_LEAST_ON_A_CHOICE],
    ),
    "in on a number": (
        _red_line_when({"fact": "people_per_year", "in": ["many"]}),
        [RED_LINE + IN_ON_A_NUMBER],
    ),
    "an answer a question does not have": (
        _red_line_when({"fact": "decision_role", "in": ["dreams"]}),
        [
            RED_LINE + "decision_role has no answer 'dreams'. Allowed: none, informs, recommends, "
            "determines."
        ],
    ),
    "a yes-or-no answer written as text": (
        _red_line_when({"fact": "public_facing", "in": ["true"]}),
        [RED_LINE + "public_facing has no answer 'true'. Allowed: false, true."],
    ),
    "a category that does not exist": (
        _red_line_when({"fact": "category", "in": ["dreams"]}),
        [
            RED_LINE + "category has no answer 'dreams'. Allowed: citizen_engagement, "
            "productivity_support, data_analytics."
        ],
    ),
    "a condition a riskier answer escapes": (
        _red_line_when({"fact": "decision_role", "in": ["recommends"]}),
        [
            RED_LINE + "matches decision_role = 'recommends' but not every riskier answer. A "
            "condition on an answer must also hold for the riskier ones, so a riskier answer can "
            "never lower the result. Allowed: recommends, determines."
        ],
    ),
    "several faults in one nested condition, names first": (
        _red_line_when(
            {
                "all": [
                    {"fact": "people_per_year", "in": ["many"]},
                    {"any": [{"mitigation_missing": "magic"}, {"fact": "wizardry", "at_least": 3}]},
                    {"fact": "decision_role", "at_least": 1},
                ]
            }
        ),
        [
            RED_LINE + UNKNOWN_FACT,
            RED_LINE + UNKNOWN_MITIGATION,
            RED_LINE + IN_ON_A_NUMBER,
            RED_LINE + AT_LEAST_ON_A_CHOICE,
        ],
    ),
    "a question in a section that does not exist": (
        ("questions.yaml", lambda d: d["questions"][0].update(section="nowhere")),
        [
            "questions.yaml, line 3, questions[0] (decision_role).section: names the section "
            "'nowhere', which does not exist. Allowed: about, data, impact_on_people, mitigations, "
            "oversight, principles, readiness, workforce."
        ],
    ),
    "a requirement met by an enabler that does not exist": (
        (
            "requirements.yaml",
            lambda d: d["requirements"][0]["met_by"].update(enablers={"telepathy": 1}),
        ),
        [
            "requirements.yaml, line 7, requirements[0] (senior_owner).met_by: names the enabler "
            "'telepathy', which does not exist. Allowed: data_management, funding_sustainability, "
            "governance, skills_culture, suppliers_procurement, technology_security."
        ],
    ),
    "a risk no mitigation addresses": (
        ("risks.yaml", lambda d: d["risks"].append({**d["risks"][0], "id": "orphan_risk"})),
        ["risks.yaml, line 170, risks[11] (orphan_risk).id: no mitigation addresses this risk."],
    ),
    "an id used twice": (
        ("risks.yaml", lambda d: d["risks"].append(dict(d["risks"][0]))),
        [
            "risks.yaml, line 2, risks[0] (bias).id: the id 'bias' is used 2 times; ids must be "
            "unique."
        ],
    ),
    "a contradiction naming a mitigation that does not exist": (
        ("contradictions.yaml", lambda d: d["contradictions"][0].update(mitigation="magic")),
        [
            "contradictions.yaml, line 3, contradictions[0] (human_review_with_sampled_oversight)"
            ".mitigation: names the mitigation 'magic', which does not exist. "
            f"Allowed: {MITIGATIONS}."
        ],
    ),
    "a contradiction naming an answer a question does not have": (
        (
            "contradictions.yaml",
            lambda d: d["contradictions"][0].update(
                when={"fact": "human_oversight", "in": ["telepathy"]}
            ),
        ),
        [
            "contradictions.yaml, line 4, contradictions[0] (human_review_with_sampled_oversight)"
            ".when: human_oversight has no answer 'telepathy'. Allowed: every_decision, "
            "every_output, sample, none."
        ],
    ),
    "an explainer linking a risk that does not exist": (
        (
            "techniques.yaml",
            lambda d: d["techniques"][0]["explainer"]["goes_wrong"][0].update(risks=["gremlins"]),
        ),
        [
            "techniques.yaml, line 7, techniques[0] (generative_text).explainer.goes_wrong[0]"
            ".risks: names the risk 'gremlins', which does not exist. Allowed: automation, bias, "
            "environment, errors, opacity, poor_data, privacy, public_trust, security, "
            "supplier_dependency, workforce."
        ],
    ),
    "not known scored as an answer the question does not have": (
        (
            "questions.yaml",
            lambda d: next(q for q in d["questions"] if q["id"] == "data_linking")[
                "not_known"
            ].update(counts_as="maybe"),
        ),
        [
            "questions.yaml, line 207, questions[8]: not_known.counts_as must be one of this "
            "question's answers: false, true."
        ],
    ),
}
LOCAL_CASES: dict[str, tuple[Edit, list[str]]] = {
    "a change to tier 1": (
        ("scoring.yaml", lambda d: d["tiers"].append({"tier": 1, "from_points": 0})),
        ["scoring.yaml, tiers[1].tier: 1 cannot be changed. Allowed: 2, 3, 4."],
    ),
    "a tier the core does not have": (
        ("scoring.yaml", lambda d: d["tiers"].append({"tier": 7, "from_points": 0})),
        ["scoring.yaml, tiers[1].tier: 7 cannot be changed. Allowed: 2, 3, 4."],
    ),
    "a looser threshold": (
        ("scoring.yaml", lambda d: d["tiers"].append({"tier": 4, "from_points": 40})),
        [
            "scoring.yaml, tiers[1].from_points: 40 would make tier 4 harder to reach than the "
            "core framework's 26. Local thresholds may only be stricter (lower)."
        ],
    ),
    "a local gate reusing a core gate's id": (
        _add_local_floor("special_category_at_scale"),
        [
            "scoring.yaml, floors[0].id: 'special_category_at_scale' is already a core gate; give "
            "the local one a new id."
        ],
    ),
    "thresholds that no longer rise tier by tier": (
        ("scoring.yaml", lambda d: d["tiers"].append({"tier": 4, "from_points": 10})),
        ["scoring.yaml: tier 1 starts from 0 points and each later tier starts higher."],
    ),
}


@pytest.mark.parametrize("case", sorted(CORE_CASES))
def test_broken_core_content_is_refused_in_these_words(case: str, content_copy: Path) -> None:
    (file_name, change), expected = CORE_CASES[case]
    edit_yaml(content_copy / file_name, change)
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    assert _shown(caught.value) == expected


@pytest.fixture
def local_copy(tmp_path: Path) -> Path:
    target = tmp_path / "local"
    shutil.copytree(EXAMPLES / "local-framework", target)
    return target


@pytest.mark.parametrize("case", sorted(LOCAL_CASES))
def test_loosening_local_content_is_refused_in_these_words(case: str, local_copy: Path) -> None:
    (file_name, change), expected = LOCAL_CASES[case]
    edit_yaml(local_copy / file_name, change)
    with pytest.raises(ContentError) as caught:
        load_framework(local_copy)
    assert _shown(caught.value) == expected


def test_a_condition_on_a_category_need_not_cover_the_riskier_ones(content_copy: Path) -> None:
    change = _red_line_when({"fact": "category", "in": ["productivity_support"]})[1]
    edit_yaml(content_copy / "red_lines.yaml", change)
    assert load_framework(content_copy).red_lines[0].when.in_ == ["productivity_support"]


def test_a_contradiction_may_name_an_answer_without_the_riskier_ones(content_copy: Path) -> None:
    """It changes no score, so the rule that keeps gates monotonic does not bind it."""
    edit_yaml(
        content_copy / "contradictions.yaml",
        lambda d: d["contradictions"][0].update(when={"fact": "decision_role", "in": ["none"]}),
    )
    assert load_framework(content_copy).contradictions[0].when.in_ == ["none"]


def test_framework_1_0_without_contradictions_still_loads(content_copy: Path) -> None:
    (content_copy / "contradictions.yaml").unlink()
    assert load_framework(content_copy).contradictions == ()


def test_a_stricter_threshold_and_a_new_local_gate_are_accepted(local_copy: Path) -> None:
    edit_yaml(local_copy / "scoring.yaml", _add_local_floor("local_public_gate")[1])
    edit_yaml(
        local_copy / "scoring.yaml", lambda d: d["tiers"].append({"tier": 4, "from_points": 20})
    )
    framework = load_framework(local_copy)
    assert framework.tier_by_number[4].from_points == 20
    assert framework.scoring.floors[-1].id == "local_public_gate"
