"""The shipped examples score as the framework's authors defend in docs/examples.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coopai.framework import load_framework
from coopai.framework.assessing import assess_data, assess_path

from .conftest import EXAMPLES

EXPECTED = yaml.safe_load((EXAMPLES / "expected" / "results.yaml").read_text())


def test_there_are_at_least_twelve_examples_across_all_three_categories() -> None:
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 12
    categories = {yaml.safe_load(p.read_text())["proposal"]["category"] for p in files}
    assert categories == {"citizen_engagement", "productivity_support", "data_analytics"}
    assert {p.name for p in files} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_scores_as_expected(name: str) -> None:
    _, result = assess_path(EXAMPLES / name)
    expected = EXPECTED[name]
    assert result.tier == expected["tier"]
    assert result.score == expected["score"]
    assert result.recommendation == expected["recommendation"]
    assert [line.id for line in result.red_lines] == expected["red_lines"]
    assert [gate.id for gate in result.gates] == expected["gates"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_framework_1_1_scores_every_example_exactly_as_1_0_did(name: str) -> None:
    """1.1 changed how results are explained, not how they are scored."""
    data = yaml.safe_load((EXAMPLES / name).read_text())
    del data["framework_version"]
    new_data = dict(data, facts=dict(data["facts"]))
    # 1.0 has no "not known": its answer is the one 1.1 counts it as ("Yes, or not known").
    for key in data.pop("not_known", []):
        counted = load_framework("1.1").question_by_id[key].not_known
        assert counted is not None
        data["facts"][key] = counted.counts_as
    old = assess_data(data, file=name, framework=load_framework("1.0"))[1]
    new = assess_data(new_data, file=name, framework=load_framework("1.1"))[1]
    assert (new.tier, new.score, new.recommendation) == (old.tier, old.score, old.recommendation)
    assert [_points(line) for line in new.impact.lines] == [
        _points(line) for line in old.impact.lines
    ]
    assert new.mitigation.credit == old.mitigation.credit
    assert [r.id for r in new.red_lines] == [r.id for r in old.red_lines]
    assert [g.id for g in new.gates] == [g.id for g in old.gates]
    assert [(r.id, r.status) for r in new.requirements] == [
        (r.id, r.status) for r in old.requirements
    ]


def test_every_example_is_defended_in_the_docs() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "examples.md").read_text()
    for name in EXPECTED:
        assert f"`{name}`" in doc, f"docs/examples.md does not discuss {name}"


def _points(line: Any) -> tuple[object, ...]:
    """A line's score, without its labels (1.1 reworded "Yes, or not known" as "Yes")."""
    return (line.question, line.answer, line.applies, line.points, line.maximum)
