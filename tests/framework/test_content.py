"""Framework content: the built-in version is valid, and broken content is refused clearly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from coopai.framework import ContentError, load_framework
from coopai.framework.loader import CONTENT_ROOT, available_versions

from .conftest import edit_yaml


def test_every_built_in_version_loads() -> None:
    for version in available_versions():
        framework = load_framework(version)
        assert framework.version == version


def test_version_1_0_has_the_parts_the_framework_names(framework: Any) -> None:
    assert [c.id for c in framework.categories] == [
        "citizen_engagement",
        "productivity_support",
        "data_analytics",
    ]
    assert len(framework.principles) == 8
    assert len(framework.enablers) == 6
    assert {m.id for m in framework.mitigations} == {
        "dpia",
        "eqia",
        "bias_audit",
        "human_review",
        "appeal_route",
        "staff_consulted",
        "residents_engaged",
        "monitoring_plan",
        "fallback_plan",
        "staff_training",
        "supplier_assurances",
        "transparency_record",
        "security_assessment",
        "accuracy_tested",
        "pilot_evaluation",
    }
    assert [t.tier for t in framework.scoring.tiers] == [1, 2, 3, 4]


def test_every_requirement_that_a_law_underpins_cites_it(framework: Any) -> None:
    unsourced = [r.id for r in framework.requirements if not r.sources]
    assert unsourced == []


def test_it_refuses_a_mitigation_naming_a_risk_that_does_not_exist(content_copy: Path) -> None:
    edit_yaml(
        content_copy / "mitigations.yaml",
        lambda d: d["mitigations"][0]["addresses"].append("wizardry"),
    )
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    message = str(caught.value)
    assert "mitigations.yaml" in message
    assert "'wizardry'" in message
    assert "does not exist" in message
    assert "bias" in message  # the allowed risks are listed


def test_it_refuses_a_duplicate_id(content_copy: Path) -> None:
    def duplicate(data: Any) -> None:
        data["risks"].append(dict(data["risks"][0]))

    edit_yaml(content_copy / "risks.yaml", duplicate)
    with pytest.raises(ContentError, match="used 2 times; ids must be unique"):
        load_framework(content_copy)


def test_it_refuses_points_that_fall_as_answers_get_riskier(content_copy: Path) -> None:
    def invert(data: Any) -> None:
        data["questions"][0]["answers"][0]["points"] = 9

    edit_yaml(content_copy / "questions.yaml", invert)
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    problem = caught.value.problems[0]
    assert problem.path == "questions[0]"
    assert "points must never fall" in problem.message
    assert problem.line is not None


def test_it_refuses_a_condition_that_a_riskier_answer_would_escape(content_copy: Path) -> None:
    def narrow(data: Any) -> None:
        data["red_lines"][0]["when"] = {"fact": "decision_role", "in": ["recommends"]}

    edit_yaml(content_copy / "red_lines.yaml", narrow)
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    message = str(caught.value)
    assert "not every riskier answer" in message
    assert "Allowed: recommends, determines" in message


def test_it_refuses_a_condition_on_an_answer_that_does_not_exist(content_copy: Path) -> None:
    edit_yaml(
        content_copy / "red_lines.yaml",
        lambda d: d["red_lines"][0].update(when={"fact": "personal_data", "in": ["secret"]}),
    )
    with pytest.raises(ContentError, match="personal_data has no answer 'secret'"):
        load_framework(content_copy)


def test_it_refuses_an_unknown_key_with_its_line(content_copy: Path) -> None:
    edit_yaml(content_copy / "risks.yaml", lambda d: d["risks"][1].update(colour="red"))
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    problem = caught.value.problems[0]
    assert problem.path == "risks[1].colour"
    assert "not part of the framework format" in problem.message
    assert problem.line is not None and problem.line > 1


def test_it_reports_problems_in_several_files_at_once(content_copy: Path) -> None:
    edit_yaml(content_copy / "risks.yaml", lambda d: d["risks"][0].update(colour="red"))
    edit_yaml(content_copy / "enablers.yaml", lambda d: d["enablers"][0].update(size=3))
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    files = {Path(p.file).name for p in caught.value.problems}
    assert files == {"risks.yaml", "enablers.yaml"}


def test_it_refuses_malformed_yaml_and_repeated_keys(content_copy: Path) -> None:
    (content_copy / "techniques.yaml").write_text("techniques:\n  - id: a\n    id: b\n")
    with pytest.raises(ContentError, match="appears twice"):
        load_framework(content_copy)
    (content_copy / "techniques.yaml").write_text("techniques: [unclosed\n")
    with pytest.raises(ContentError, match="not valid YAML"):
        load_framework(content_copy)


def test_it_refuses_a_missing_or_unexpected_file(content_copy: Path) -> None:
    (content_copy / "benefits.yaml").unlink()
    (content_copy / "extras.yaml").write_text("extras: []\n")
    with pytest.raises(ContentError) as caught:
        load_framework(content_copy)
    messages = [str(p) for p in caught.value.problems]
    assert any("benefits.yaml" in m and "missing" in m for m in messages)
    assert any("extras.yaml" in m and "not part of the framework format" in m for m in messages)


def test_it_refuses_a_folder_that_is_not_a_framework(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=re.escape("has no framework.yaml")):
        load_framework(tmp_path)
    with pytest.raises(ContentError, match="neither a framework version nor a folder"):
        load_framework("9.9")


def test_released_content_is_frozen() -> None:
    """A released version's files never change; a change is a new version folder."""
    import yaml

    releases = yaml.safe_load((CONTENT_ROOT / "releases.yaml").read_text())
    for version in available_versions():
        framework = load_framework(version)
        if framework.manifest.status == "released":
            assert releases.get(version) == framework.digest, (
                f"framework {version} is released but its content changed; add a new version "
                "folder instead (see docs/framework-content.md)"
            )
