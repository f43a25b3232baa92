"""The shipped examples score as the framework's authors defend in docs/examples.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coopai.framework.assessing import assess_path

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


def test_every_example_is_defended_in_the_docs() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "examples.md").read_text()
    for name in EXPECTED:
        assert f"`{name}`" in doc, f"docs/examples.md does not discuss {name}"
