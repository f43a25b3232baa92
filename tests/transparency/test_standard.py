"""The ATRS 4.0 field list: content checked on load, and faithful to the v4 changes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopai.framework.errors import ContentError
from coopai.transparency import Standard, load_standard
from coopai.transparency.fill import FILLERS
from coopai.transparency.standard import CONTENT_ROOT, load_standard_file

CONTENT = CONTENT_ROOT / "atrs-4.0.yaml"


def broken_copy(tmp_path: Path, change: Callable[[Any], None]) -> Path:
    data = yaml.safe_load(CONTENT.read_text())
    change(data)
    path = tmp_path / "atrs-broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_standard_file(path)
    return str(caught.value)


def test_the_sections_follow_the_v4_layout(standard: Standard) -> None:
    assert [(s.id, s.tier) for s in standard.sections] == [
        ("summary", "summary"),
        ("finder", "summary"),
        ("owner_and_responsibility", 2),
        ("description_and_rationale", 2),
        ("deployment_context", 2),
        ("tool_specification", 2),
        ("model_specification", 2),
        ("development_data", 2),
        ("operational_data", 2),
        ("risks_mitigations_and_impact_assessments", 2),
    ]
    assert standard.sections[0].title == "Summary information"
    assert standard.version == "4.0"


def test_it_carries_the_v4_changes_to_the_v3_field_list(standard: Standard) -> None:
    ids = set(standard.field_by_id)
    dropped_metadata = {"id", "tags", "task", "date_of_completion", "date_updated"}
    assert not ids & dropped_metadata
    assert not [i for i in ids if "external_supplier" in i]
    assert {"third_party_involvement", "third_party", "third_party_role"} <= ids
    assert "scope" not in ids and "detailed_description" in ids
    assert "dataset_purposes" not in ids and "datasets" in ids
    tool = [f.id for f in standard.sections[5].fields]
    assert "phase" not in tool and {"system_level_input", "system_level_output"} <= set(tool)
    deployment = {f.id for f in standard.sections[4].fields}
    assert {"process_integration", "human_decisions_and_review", "required_training"} <= deployment
    assert {"appeals_and_review", "frequency_and_scale_of_usage"} <= deployment


def test_phase_and_region_offer_the_v4_options(standard: Standard) -> None:
    phase = standard.field_by_id["phase"]
    assert phase.choices == (
        "Pre-deployment",
        "Private beta",
        "Public beta",
        "Production",
        "Retired",
    )
    region = standard.field_by_id["region"]
    assert len(region.choices) == 13
    assert {"London", "Yorkshire and the Humber", "Wales", "International"} <= set(region.choices)


def test_the_finder_tags_are_choices_with_local_authority_for_councils(standard: Standard) -> None:
    organisation_type = standard.field_by_id["organisation_type"]
    assert organisation_type.type == "choice"
    assert organisation_type.default == "Local authority"
    assert standard.field_by_id["capability"].choices == (
        "Computer vision",
        "Audition and linguistics",
        "Robotics",
        "Forecasting",
        "Discovery",
        "Planning",
        "Creation",
        "Analysis",
        "Management",
        "Other",
    )
    functions = standard.field_by_id["function"].choices
    assert 10 <= len(functions) - 1 <= 14 and functions[-1] == "Other"


def test_every_field_has_one_plain_sentence_of_help(standard: Standard) -> None:
    for field in standard.fields:
        assert field.help.endswith("."), field.id
        assert not re.search(r"[.?!] [A-Z]", field.help), f"{field.id}: more than one sentence"
        assert field.max_length > 0


def test_every_field_coopai_fills_is_a_field_of_the_standard(standard: Standard) -> None:
    assert set(FILLERS) - set(standard.field_by_id) == set()


def test_a_field_finds_its_choice_from_an_alias_or_another_case(standard: Standard) -> None:
    function = standard.field_by_id["function"]
    assert function.choice_for("  HOUSING ") == "Housing and homelessness"
    assert function.choice_for("Children\u2019s services") == "Children's services and education"
    assert function.choice_for("Pest control") is None


def test_it_refuses_a_duplicate_field_id(tmp_path: Path) -> None:
    def duplicate(data: Any) -> None:
        data["sections"][2]["fields"][1]["id"] = "organisation_or_department"

    message = refusal(broken_copy(tmp_path, duplicate))
    assert "atrs-broken.yaml" in message
    assert "sections[2].fields[1].id" in message
    assert "the id 'organisation_or_department' is used 2 times" in message


def test_it_refuses_a_duplicate_reference(tmp_path: Path) -> None:
    def duplicate(data: Any) -> None:
        data["sections"][0]["fields"][1]["reference"] = "1.1"

    assert "the reference '1.1' is used 2 times" in refusal(broken_copy(tmp_path, duplicate))


def test_it_refuses_an_unknown_key_naming_the_item_and_line(tmp_path: Path) -> None:
    def add_key(data: Any) -> None:
        data["sections"][0]["fields"][0]["colour"] = "blue"

    message = refusal(broken_copy(tmp_path, add_key))
    assert re.search(r"line \d+, sections\[0\]\.fields\[0\]\.colour", message)
    assert "this key is not part of the ATRS field list format" in message


def test_it_refuses_aliases_for_a_choice_it_does_not_offer(tmp_path: Path) -> None:
    def bad_alias(data: Any) -> None:
        data["sections"][0]["fields"][4]["aliases"]["Beta"] = ["pilot"]

    assert "aliases name 'Beta'" in refusal(broken_copy(tmp_path, bad_alias))


def test_it_refuses_a_skip_rule_naming_a_field_outside_its_section(tmp_path: Path) -> None:
    def bad_rule(data: Any) -> None:
        data["sections"][7]["skip_when"] = {"field": "phase", "equals": "Retired"}

    assert "must name a choice field of this section" in refusal(broken_copy(tmp_path, bad_rule))


def test_it_refuses_a_section_id_the_record_keeps_for_itself(tmp_path: Path) -> None:
    def reserved(data: Any) -> None:
        data["sections"][1]["id"] = "coopai"

    assert "'coopai' is reserved" in refusal(broken_copy(tmp_path, reserved))


def test_it_refuses_an_unknown_standard_version() -> None:
    with pytest.raises(ContentError, match="is not an ATRS version coopai has a field list for"):
        load_standard("9.9")
