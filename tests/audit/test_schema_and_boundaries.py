"""The JSON output's schema, the metric guide's content, and the engine's boundaries."""

import ast
import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from coopai.audit import BiasMapping, bias_audit, error_audit, quality_profile
from coopai.audit.guide import MetricGuide, load_guide
from coopai.audit.schema import generated_schema, shipped_schema

from .conftest import small_outputs

AUDIT_SOURCE = Path(__file__).parents[2] / "src" / "coopai" / "audit"


def test_the_shipped_schema_matches_the_models():
    assert shipped_schema() == generated_schema(), "regenerate it: python -m coopai.audit.schema"


def test_every_kind_of_result_validates_against_the_shipped_schema(table_file):
    path = table_file(small_outputs())
    results = [
        bias_audit(
            path, mapping=BiasMapping(protected=["sex"], prediction="pred", label="outcome")
        ),
        error_audit(table_file({"verdict": ["correct", "harmful"]}, name="v"), verdict="verdict"),
        quality_profile(path),
    ]
    for result in results:
        jsonschema.validate(json.loads(result.model_dump_json()), shipped_schema())


def test_no_module_of_the_audit_engine_imports_django():
    offenders = []
    for module in AUDIT_SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{module.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_the_metric_guide_has_one_rule_for_every_answer():
    guide = load_guide()
    assert len(guide.rules) == 9
    assert guide.choose("assistive", "false_negative", has_label=True).metrics[0] == "tpr"


def test_the_metric_guide_refuses_a_rule_naming_an_unknown_metric():
    content = load_guide().model_dump()
    content["rules"][0]["metrics"] = ["happiness"]
    with pytest.raises(ValidationError, match="unknown metrics"):
        MetricGuide.model_validate(content)


def test_the_metric_guide_refuses_a_missing_rule():
    content = load_guide().model_dump()
    del content["rules"][0]
    with pytest.raises(ValidationError, match="exactly one rule"):
        MetricGuide.model_validate(content)
