"""JSON Schemas shipped with the package, for programs that read coopai's JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coopai.framework.result import AssessmentResult

RESULT_SCHEMA_PATH = Path(__file__).parent / "assessment-result.schema.json"


def result_json_schema() -> dict[str, Any]:
    """The schema of `coopai assess --format json`, generated from the result model."""
    schema = AssessmentResult.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://coopai.example/schemas/assessment-result/1.json",
        **schema,
    }
