"""The assessment result's JSON form, and the JSON Schema shipped for programs that read it.

pydantic is imported here, at the edge, and never by scoring itself. The schema is
shipped beside this module as assessment-result.schema.json; `coopai framework
result-schema` prints it from the result classes, and a test fails when the two differ.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from coopai.framework.result import SCHEMA_VERSION, AssessmentResult

RESULT_SCHEMA_PATH = Path(__file__).with_name("assessment-result.schema.json")


@cache
def _adapter() -> TypeAdapter[AssessmentResult]:
    return TypeAdapter(AssessmentResult)


def to_json_data(result: AssessmentResult) -> dict[str, Any]:
    """The result as JSON-ready data (dicts, lists, str, numbers, None)."""
    data: dict[str, Any] = _adapter().dump_python(result, mode="json")
    return data


def result_json_schema() -> dict[str, Any]:
    """The schema of `coopai assess --format json`, generated from the result classes."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://coopai.example/schemas/assessment-result/{SCHEMA_VERSION}.json",
        **_adapter().json_schema(mode="serialization"),
    }
