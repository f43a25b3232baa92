"""The audits' JSON format: results to and from JSON data, and its JSON Schema.

Results are plain dataclasses (:mod:`coopai.audit.results`); pydantic turns them into
JSON data and back, so it is imported only where JSON is made or read, never by an
audit itself. The JSON Schema is shipped as a file in the package:
``python -m coopai.audit.result_json`` rewrites it from the result classes, and a test fails if
the two differ, so the published schema cannot drift from the output.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from coopai.audit.results import SCHEMA_VERSION, AuditResult

SCHEMA_FILE = "audit-result.schema.json"
TaggedResult = Annotated[AuditResult, Field(discriminator="kind")]


@cache
def _adapter() -> TypeAdapter[AuditResult]:
    return TypeAdapter(TaggedResult)


def to_json_data(result: AuditResult) -> dict[str, Any]:
    """The result as JSON-ready data (dicts, lists, str, numbers, None): the JSON format."""
    data: dict[str, Any] = _adapter().dump_python(result, mode="json")
    return data


def from_json_data(data: object) -> AuditResult:
    """A result back from its JSON data, checked against the format."""
    return _adapter().validate_python(data)


def generated_schema() -> dict[str, Any]:
    schema = _adapter().json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"coopai audit result, schema version {SCHEMA_VERSION}",
        "description": "The JSON output of `coopai audit bias|errors|quality --format json`.",
        **schema,
    }


def shipped_schema() -> dict[str, Any]:
    text = resources.files("coopai.audit").joinpath(SCHEMA_FILE).read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema_text() -> str:
    return json.dumps(generated_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
