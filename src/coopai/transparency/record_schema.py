"""The JSON Schema of an ATRS record and of a bundle of records, written from the field list.

The schema is shipped as atrs-record.schema.json beside this module.
`python -m coopai.transparency.record_schema` rewrites it from the content, and a test
fails when the two differ, so the published schema cannot drift from the field list.

The top level is one record; `$defs/bundle` is `{"standard_version", "records": [...]}`.
To check a bundle, validate against `{"$ref": "#/$defs/bundle", "$defs": <the file's $defs>}`.
A required field's key must be present, but its value may be "" until the owner
completes it; `coopai.missing` then names it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from coopai.framework.content_schema import RECOMMENDATIONS
from coopai.framework.lifecycle import Stage
from coopai.transparency.fill import Source
from coopai.transparency.standard import Field, Standard, load_standard

SCHEMA_FILE = "atrs-record.schema.json"
SOURCES = tuple(source for source in get_args(Source) if source)
# Empty, or an address / web address; the pattern lets a record wait for the owner.
_PATTERNS = {
    "email": r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "url": r"^$|^https?://[^\s/]+\.[^\s]+$",
}


def record_json_schema(version: str = "4.0") -> dict[str, Any]:
    """The schema of `coopai atrs --format json` for one record, with the bundle in $defs."""
    standard = load_standard(version)
    defs: dict[str, Any] = {
        "record": _record(standard),
        "bundle": {
            "type": "object",
            "additionalProperties": False,
            "required": ["standard_version", "records"],
            "properties": {
                "standard_version": {"const": standard.version},
                "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
            },
        },
        "coopai": _coopai(standard),
    }
    for section in standard.sections:
        defs[section.id] = {
            "title": section.title,
            "description": section.help,
            "type": "object",
            "additionalProperties": False,
            "required": [field.id for field in section.fields if field.required],
            "properties": {field.id: _field(field) for field in section.fields},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://coopai.example/schemas/atrs-record/{standard.version}.json",
        "title": f"{standard.title} {standard.version} record, as coopai writes it",
        "$ref": "#/$defs/record",
        "$defs": defs,
    }


def shipped_schema() -> dict[str, Any]:
    text = resources.files("coopai.transparency").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema_text() -> str:
    return json.dumps(record_json_schema(), indent=2) + "\n"


def _record(standard: Standard) -> dict[str, Any]:
    sections = [section.id for section in standard.sections]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["standard_version", *sections, "coopai"],
        "properties": {
            "standard_version": {"const": standard.version},
            **{section: {"$ref": f"#/$defs/{section}"} for section in sections},
            "coopai": {"$ref": "#/$defs/coopai"},
        },
    }


def _field(field: Field) -> dict[str, Any]:
    shape: dict[str, Any] = {
        "title": field.label,
        "description": field.help,
        "type": "string",
        "maxLength": field.max_length,
    }
    if field.choices:
        shape["enum"] = [*field.choices, ""]
    if field.type in _PATTERNS:
        shape["pattern"] = _PATTERNS[field.type]
    return shape


def _coopai(standard: Standard) -> dict[str, Any]:
    ids = [field.id for field in standard.fields]
    nullable_date = {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}
    properties: dict[str, Any] = {
        "framework_version": {"type": "string"},
        "framework_local_version": {"type": ["string", "null"]},
        "tier": {"type": "integer", "minimum": 1, "maximum": 4},
        "tier_label": {"type": "string"},
        "recommendation": {"enum": list(RECOMMENDATIONS)},
        "stage": {"enum": [*(stage.value for stage in Stage), None]},
        "decision": {"type": ["string", "null"]},
        "generated": {"type": "string", "format": "date"},
        "published": nullable_date,
        "updated": nullable_date,
        "missing": {"type": "array", "items": {"enum": ids}, "uniqueItems": True},
        "sources": {
            "type": "object",
            "propertyNames": {"enum": ids},
            "additionalProperties": {"enum": list(SOURCES)},
        },
    }
    return {
        "title": "coopai's facts about the record",
        "description": (
            "The assessment behind the record, the required fields still empty (missing) "
            "and where each filled value came from (sources)."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


if __name__ == "__main__":
    Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
