"""The proposal file's limits, tried on the limit, one under and one over, and other
boundaries the engines' tests missed.

Written against the comparison mutants the full mutation run of 2026-11-27 left alive
(docs/development.md, "Mutation testing"): a `>` turned `>=`, or `< 0` turned `<= 0`,
fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopai.framework import ContentError, ProposalError, assess, load_framework, parse_proposal
from coopai.framework.loaded import Framework
from coopai.framework.proposal import MAX_TEXT
from coopai.framework.yamlio import MAX_FILE_BYTES, YamlError, read_yaml

from .conftest import EXAMPLES, edit_yaml


def check(framework: Framework, proposal: dict[str, Any]) -> Any:
    return parse_proposal(yaml.safe_dump(proposal), framework)


def refused(framework: Framework, proposal: dict[str, Any]) -> str:
    with pytest.raises(ProposalError) as caught:
        check(framework, proposal)
    return str(caught.value)


@pytest.mark.parametrize(
    ("where", "put"),
    [
        ("proposal.description", lambda p, text: p["proposal"].update(description=text)),
        (
            "principles.fairness.evidence",
            lambda p, text: p.update(principles={"fairness": {"rating": 2, "evidence": text}}),
        ),
        ("benefits.who_benefits", lambda p, text: p.update(benefits={"who_benefits": text})),
    ],
)
def test_text_of_exactly_the_longest_length_is_taken_and_one_more_is_refused(
    framework: Framework, base_proposal: dict[str, Any], where: str, put: Any
) -> None:
    put(base_proposal, "x" * MAX_TEXT)
    check(framework, base_proposal)
    put(base_proposal, "x" * (MAX_TEXT + 1))
    assert f"{where}: must be text of at most {MAX_TEXT:,} characters." in refused(
        framework, base_proposal
    )


def test_a_count_of_zero_is_an_answer_and_below_zero_is_refused(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"]["people_per_year"] = 0
    assert check(framework, base_proposal).facts["people_per_year"] == 0
    base_proposal["facts"]["people_per_year"] = -1
    assert "facts.people_per_year: -1 is not allowed" in refused(framework, base_proposal)


@pytest.mark.parametrize(
    ("field", "kind"), [("hours_per_year", "whole"), ("cost_per_year", "money")]
)
def test_a_benefit_of_zero_is_taken_and_below_zero_is_refused(
    framework: Framework, base_proposal: dict[str, Any], field: str, kind: str
) -> None:
    base_proposal["benefits"] = {field: 0}
    assert check(framework, base_proposal).benefits[field] == 0
    base_proposal["benefits"] = {field: -1}
    assert f"benefits.{field}: -1 is not allowed" in refused(framework, base_proposal)


def test_a_yaml_file_of_exactly_the_largest_size_is_read_and_one_byte_more_is_not(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.yaml"
    head = b"a: 1\n# "
    path.write_bytes(head + b"x" * (MAX_FILE_BYTES - len(head) - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_yaml(path)[0] == {"a": 1}
    path.write_bytes(path.read_bytes() + b"#")
    with pytest.raises(YamlError, match=f"the most allowed is {MAX_FILE_BYTES:,}"):
        read_yaml(path)


def test_a_local_threshold_equal_to_the_cores_is_accepted(tmp_path: Path) -> None:
    local = tmp_path / "local"
    shutil.copytree(EXAMPLES / "local-framework", local)
    core = load_framework()
    core_tier_3 = core.tier_by_number[3].from_points
    edit_yaml(
        local / "scoring.yaml",
        lambda d: d.update(tiers=[{"tier": 3, "from_points": core_tier_3}]),
    )
    assert load_framework(local).tier_by_number[3].from_points == core_tier_3
    edit_yaml(
        local / "scoring.yaml",
        lambda d: d.update(tiers=[{"tier": 3, "from_points": core_tier_3 + 1}]),
    )
    with pytest.raises(ContentError, match="Local thresholds may only be stricter"):
        load_framework(local)


def test_a_raised_risk_lists_which_of_its_mitigations_are_in_place_and_which_missing(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"]["human_oversight"] = "sample"
    base_proposal["mitigations"] = ["human_review"]
    result = assess(check(framework, base_proposal), framework)
    automation = next(risk for risk in result.risks if risk.id == "automation")
    assert automation.in_place == ["human_review"]
    assert "human_review" not in automation.missing
    assert set(automation.missing) == set(framework.mitigations_for(["automation"])) - {
        "human_review"
    }


def test_the_kind_of_ai_alone_raises_the_risks_that_come_with_it(
    framework: Framework, base_proposal: dict[str, Any]
) -> None:
    """A staff tool that decides nothing: only its technique and category raise these."""
    base_proposal["proposal"] |= {"technique": "classification", "category": "data_analytics"}
    raised = {risk.id for risk in assess(check(framework, base_proposal), framework).risks}
    assert {"bias", "poor_data"} <= raised
    base_proposal["proposal"] |= {
        "technique": "rules_automation",
        "category": "productivity_support",
    }
    raised = {risk.id for risk in assess(check(framework, base_proposal), framework).risks}
    assert not {"bias", "poor_data"} & raised
