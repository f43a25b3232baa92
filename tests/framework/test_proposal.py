"""Proposal files: every kind of bad file is refused with where, what and what is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coopai.framework import ProposalError, dump_proposal, parse_proposal, read_proposal
from coopai.framework.assessing import assess_path, assess_text

from .conftest import EXAMPLES


def problems_for(data: Any, framework: Any) -> list[str]:
    with pytest.raises(ProposalError) as caught:
        parse_proposal(yaml.safe_dump(data), framework, file="bad.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_it_accepts_a_valid_proposal(framework: Any, base_proposal: dict[str, Any]) -> None:
    proposal = parse_proposal(yaml.safe_dump(base_proposal), framework)
    assert proposal.title == "Test proposal"
    assert proposal.facts["people_per_year"] == 50


def test_it_refuses_unknown_fact_key(framework: Any, base_proposal: dict[str, Any]) -> None:
    base_proposal["facts"]["mood"] = "happy"
    [message] = problems_for(base_proposal, framework)
    assert message.startswith("bad.yaml, line ")
    assert "facts.mood: 'mood' is not a fact question." in message
    assert "Allowed: decision_role, decision_significance" in message


def test_it_refuses_unknown_top_level_key(framework: Any, base_proposal: dict[str, Any]) -> None:
    base_proposal["budget"] = 5
    [message] = problems_for(base_proposal, framework)
    assert "budget: 'budget' is not a key of a proposal file." in message
    assert "Allowed: framework_version, proposal, facts" in message


def test_it_refuses_a_value_outside_its_list(framework: Any, base_proposal: dict[str, Any]) -> None:
    base_proposal["facts"]["decision_role"] = "sometimes"
    [message] = problems_for(base_proposal, framework)
    assert "facts.decision_role: 'sometimes' is not an answer to this question." in message
    assert "Allowed: none, informs, recommends, determines." in message


def test_it_refuses_the_wrong_type(framework: Any, base_proposal: dict[str, Any]) -> None:
    base_proposal["facts"]["people_per_year"] = "lots"
    base_proposal["facts"]["public_facing"] = "yes"
    messages = problems_for(base_proposal, framework)
    assert any(
        "facts.people_per_year: 'lots' is not allowed; it must be a whole number" in m
        for m in messages
    )
    assert any(
        "facts.public_facing: 'yes' is not an answer" in m and "Allowed: false, true" in m
        for m in messages
    )


def test_it_refuses_a_missing_required_field(framework: Any, base_proposal: dict[str, Any]) -> None:
    del base_proposal["facts"]["human_oversight"]
    del base_proposal["proposal"]["title"]
    messages = problems_for(base_proposal, framework)
    assert any("proposal.title: is required." in m for m in messages)
    assert any("facts.human_oversight: is required: How do people check" in m for m in messages)


def test_a_question_that_applies_only_sometimes_is_required_only_then(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"]["decision_role"] = "recommends"
    [message] = problems_for(base_proposal, framework)
    assert "facts.decision_significance: is required" in message


def test_it_refuses_malformed_yaml(framework: Any) -> None:
    with pytest.raises(ProposalError) as caught:
        parse_proposal("proposal:\n  title: [unclosed\n", framework, file="broken.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "broken.yaml"
    assert "not valid YAML" in problem.message
    assert problem.line is not None


def test_it_refuses_a_file_that_is_not_a_mapping(framework: Any) -> None:
    with pytest.raises(ProposalError, match="a proposal file is a mapping of keys, not list"):
        parse_proposal("- a\n- b\n", framework)
    with pytest.raises(ProposalError, match="the file is empty"):
        parse_proposal("", framework)


def test_it_refuses_an_unknown_framework_version(base_proposal: dict[str, Any]) -> None:
    base_proposal["framework_version"] = "7.2"
    with pytest.raises(ProposalError) as caught:
        assess_text(yaml.safe_dump(base_proposal), file="old.yaml")
    message = str(caught.value)
    assert "old.yaml" in message
    assert "framework_version: '7.2' is not a framework version this coopai knows." in message
    assert "Allowed: 1.0" in message


def test_it_accepts_an_unquoted_version_number(base_proposal: dict[str, Any]) -> None:
    text = yaml.safe_dump(base_proposal).replace(
        "framework_version: '1.1'", "framework_version: 1.1"
    )
    assert "framework_version: 1.1\n" in text
    _, result = assess_text(text)
    assert result.framework_version == "1.1"


def test_it_refuses_listing_a_mitigation_twice_or_an_unknown_one(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["mitigations"] = ["dpia", "dpia", "prayer"]
    messages = problems_for(base_proposal, framework)
    assert any("mitigations.1: 'dpia' is listed twice." in m for m in messages)
    assert any(
        "mitigations.2: 'prayer' is not a mitigation." in m and "Allowed: dpia" in m
        for m in messages
    )


def test_it_refuses_bad_ratings_suitability_and_benefits(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["enablers"] = {"governance": 4, "vibes": 2}
    base_proposal["principles"] = {"fairness": {"rating": 2, "evidence": "x", "stars": 5}}
    base_proposal["suitability"] = {"error_cost": "catastrophic"}
    base_proposal["benefits"] = {"hours_per_year": -5, "cost_per_year": "lots"}
    messages = "\n".join(problems_for(base_proposal, framework))
    assert "enablers.governance: 4 is not a rating. Allowed: 0, 1, 2, 3." in messages
    assert "enablers.vibes: 'vibes' is not one of the enablers." in messages
    assert "principles.fairness.stars: is not a key of a principle rating." in messages
    assert "suitability.error_cost: 'catastrophic' is not an answer" in messages
    assert "benefits.hours_per_year: -5 is not allowed" in messages
    assert (
        "benefits.cost_per_year: 'lots' is not allowed; it must be an amount in pounds" in messages
    )


def test_it_reports_every_problem_not_just_the_first(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["facts"]["decision_role"] = "sometimes"
    base_proposal["facts"]["personal_data"] = "lots"
    base_proposal["proposal"]["category"] = "magic"
    assert len(problems_for(base_proposal, framework)) == 3


def test_it_refuses_an_oversized_file(tmp_path: Path, framework: Any) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("x: " + "a" * 1_100_000)
    with pytest.raises(ProposalError, match="the most allowed is 1,000,000"):
        read_proposal(path, framework)


def test_writing_then_reading_gives_back_the_same_facts(framework: Any) -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        original = read_proposal(path, framework)
        again = parse_proposal(dump_proposal(original), framework)
        assert again == original, path.name


def test_an_incomplete_proposal_can_be_scored_provisionally(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    del base_proposal["facts"]["human_oversight"]
    _, result = assess_text(yaml.safe_dump(base_proposal), allow_incomplete=True)
    assert result.complete is False
    assert result.unanswered == ["human_oversight"]


def test_assess_path_names_the_file_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "proposal.yaml"
    path.write_text("proposal: {}\nfacts: {}\n")
    with pytest.raises(ProposalError) as caught:
        assess_path(path)
    assert all(problem.file == str(path) for problem in caught.value.problems)


def test_a_provisional_proposal_needs_only_a_title(framework: Any) -> None:
    proposal = parse_proposal("proposal: {title: Just an idea}\n", framework, allow_incomplete=True)
    assert (proposal.category, proposal.technique, proposal.description) == ("", "", "")
    assert "category" not in proposal.condition_facts()
    assert proposal.to_dict()["proposal"] == {"title": "Just an idea"}
    with pytest.raises(ProposalError, match=r"proposal\.category: is required"):
        parse_proposal("proposal: {title: Just an idea}\nfacts: {}\n", framework)


def test_a_complete_proposal_must_say_which_mitigations_are_in_place(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    del base_proposal["mitigations"]
    [message] = problems_for(base_proposal, framework)
    assert "mitigations: is required: list the mitigations already in place" in message
    assert "Allowed: " in message


def test_an_empty_mitigations_list_says_none_are_in_place(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["mitigations"] = []
    proposal = parse_proposal(yaml.safe_dump(base_proposal), framework)
    assert (proposal.mitigations, proposal.mitigations_stated) == ((), True)
    assert proposal.to_dict()["mitigations"] == []


def test_a_provisional_proposal_remembers_that_mitigations_are_not_stated_yet(
    framework: Any,
) -> None:
    proposal = parse_proposal("proposal: {title: Just an idea}\n", framework, allow_incomplete=True)
    assert proposal.mitigations_stated is False
    assert "mitigations" not in proposal.to_dict()


def test_a_blank_required_description_counts_as_missing(
    framework: Any, base_proposal: dict[str, Any]
) -> None:
    base_proposal["proposal"]["description"] = "   "
    [message] = problems_for(base_proposal, framework)
    assert "proposal.description: is required." in message
