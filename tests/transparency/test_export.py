"""Records as JSON (checked against the shipped schema) and as formula-safe CSV."""

from __future__ import annotations

import copy
import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coopai.transparency import (
    RecordContext,
    Standard,
    bundle_json_data,
    safe_cell,
    to_csv,
    to_json_data,
)
from coopai.transparency.record_schema import record_json_schema, shipped_schema

from .conftest import EXAMPLE_FILES, MakeRecord


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return shipped_schema()


def bundle_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {"$ref": "#/$defs/bundle", "$defs": schema["$defs"]}


def test_the_shipped_schema_matches_the_field_list() -> None:
    assert shipped_schema() == record_json_schema(), (
        "regenerate it: python -m coopai.transparency.record_schema"
    )
    jsonschema.Draft202012Validator.check_schema(shipped_schema())


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_every_example_gives_a_record_valid_against_the_schema(
    record_for: MakeRecord, schema: dict[str, Any], path: Path
) -> None:
    data = to_json_data(record_for(path.name))
    jsonschema.validate(data, schema)
    assert data["summary"]["phase"] == "Pre-deployment"
    assert data["coopai"]["framework_version"] == "1.1"


def test_a_record_awaiting_its_owner_is_valid_and_says_what_is_missing(
    record_for: MakeRecord, schema: dict[str, Any]
) -> None:
    data = to_json_data(record_for("resident-chatbot.yaml"))
    jsonschema.validate(data, schema)
    assert data["summary"]["contact_email"] == ""
    assert "contact_email" in data["coopai"]["missing"]
    assert data["coopai"]["sources"]["name"] == "assessment"
    assert "contact_email" not in data["coopai"]["sources"]


def test_a_decided_live_record_carries_its_dates(
    record_for: MakeRecord, schema: dict[str, Any]
) -> None:
    context = RecordContext(stage="live", published=date(2026, 4, 1), updated=date(2026, 5, 2))
    data = to_json_data(record_for("resident-chatbot.yaml", context=context))
    jsonschema.validate(data, schema)
    assert data["coopai"]["stage"] == "live"
    assert (data["coopai"]["published"], data["coopai"]["updated"]) == ("2026-04-01", "2026-05-02")
    assert data["summary"]["phase"] == "Production"


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("summary", "phase", "Beta"),
        ("owner_and_responsibility", "team", "x" * 501),
        ("summary", "contact_email", "not an address"),
        ("summary", "colour", "blue"),
    ],
)
def test_the_schema_refuses_what_the_standard_does_not_allow(
    record_for: MakeRecord, schema: dict[str, Any], section: str, key: str, value: str
) -> None:
    data = copy.deepcopy(to_json_data(record_for("resident-chatbot.yaml")))
    data[section][key] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_schema_refuses_a_record_without_a_required_key(
    record_for: MakeRecord, schema: dict[str, Any]
) -> None:
    data = copy.deepcopy(to_json_data(record_for("resident-chatbot.yaml")))
    del data["owner_and_responsibility"]["senior_responsible_owner"]
    with pytest.raises(jsonschema.ValidationError, match="senior_responsible_owner"):
        jsonschema.validate(data, schema)


def test_a_bundle_of_every_example_is_valid(record_for: MakeRecord, schema: dict[str, Any]) -> None:
    records = [record_for(path.name) for path in EXAMPLE_FILES]
    data = bundle_json_data(records)
    jsonschema.validate(data, bundle_schema(schema))
    assert data["standard_version"] == "4.0"
    assert len(data["records"]) == len(EXAMPLE_FILES)


def test_the_csv_has_field_ids_for_a_header_and_a_row_per_record(
    record_for: MakeRecord, standard: Standard
) -> None:
    records = [record_for("resident-chatbot.yaml"), record_for("predictive-repairs.yaml")]
    rows = list(csv.reader(io.StringIO(to_csv(records))))
    assert rows[0] == [field.id for field in standard.fields]
    assert len(rows) == 3
    by_id = dict(zip(rows[0], rows[2], strict=True))
    assert by_id["function"] == "Housing and homelessness"
    assert by_id["risks_and_mitigations"] == records[1].values["risks_and_mitigations"]


def test_csv_cells_that_look_like_formulas_are_escaped_but_json_keeps_them(
    record_for: MakeRecord,
) -> None:
    record = record_for("resident-chatbot.yaml", supplied={"team": '=HYPERLINK("http://x","y")'})
    rows = list(csv.reader(io.StringIO(to_csv([record]))))
    assert dict(zip(rows[0], rows[1], strict=True))["team"] == '\'=HYPERLINK("http://x","y")'
    assert json.loads(json.dumps(to_json_data(record)))["owner_and_responsibility"]["team"] == (
        '=HYPERLINK("http://x","y")'
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_cell_prefixes_every_formula_start(start: str) -> None:
    assert safe_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("text", ["Team", "a=b", "", "'quoted"])
def test_safe_cell_leaves_ordinary_text_alone(text: str) -> None:
    assert safe_cell(text) == text
