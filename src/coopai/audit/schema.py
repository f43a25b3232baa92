"""The JSON Schema of the audits' JSON output, shipped as a file in the package.

``python -m coopai.audit.schema`` rewrites the shipped file from the models; a test
fails if the two differ, so the published schema cannot drift from the output.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from coopai.audit.models import SCHEMA_VERSION, AuditResult

SCHEMA_FILE = "audit-result.schema.json"


def generated_schema() -> dict[str, Any]:
    schema = TypeAdapter(AuditResult).json_schema(mode="serialization")
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
