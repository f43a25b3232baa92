"""The JSON output's schema, the metric guide's content, and the engine's boundaries."""

import ast
import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import jsonschema
import pytest

from coopai.audit import BiasMapping, bias_audit, error_audit, quality_profile
from coopai.audit.guide import GuideError, MetricGuide, load_guide
from coopai.audit.result_json import from_json_data, generated_schema, shipped_schema, to_json_data

from .conftest import small_outputs

AUDIT_SOURCE = Path(__file__).parents[2] / "src" / "coopai" / "audit"


def test_the_shipped_schema_matches_the_models():
    assert shipped_schema() == generated_schema(), (
        "regenerate it: python -m coopai.audit.result_json"
    )


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
        jsonschema.validate(json.loads(json.dumps(to_json_data(result))), shipped_schema())
        assert from_json_data(json.loads(json.dumps(to_json_data(result)))) == result


def test_running_an_audit_does_not_import_pydantic(table_file):
    # Results are plain dataclasses: pydantic is for making and reading JSON only, and
    # importing it would add a fixed cost to every audit (see docs/benchmarks.md).
    path = table_file(small_outputs())
    code = (
        "import sys\n"
        "from coopai.audit import BiasMapping, bias_audit\n"
        "mapping = BiasMapping(protected=['sex'], prediction='pred', label='outcome')\n"
        f"bias_audit({str(path)!r}, mapping=mapping)\n"
        "assert 'pydantic' not in sys.modules, 'the audit imported pydantic'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def imports_scipy(code: str) -> bool:
    """Whether running ``code`` in a fresh interpreter leaves scipy imported."""
    check = f"{code}\nimport sys\nprint('scipy' in sys.modules)\n"
    ran = subprocess.run([sys.executable, "-c", check], check=True, capture_output=True, text=True)
    return ran.stdout.strip().splitlines()[-1] == "True"


def test_a_bias_audit_from_the_command_line_does_not_import_scipy(table_file):
    # scipy takes over a second to import; only the chi-square test of a make-up needs it.
    path = table_file(small_outputs())
    arguments = ["bias", str(path), "--prediction", "pred", "--label", "outcome"]
    code = (
        "from click.testing import CliRunner\n"
        "from coopai.cli import main\n"
        f"result = CliRunner().invoke(main, ['audit', *{arguments!r}, '--protected', 'sex'])\n"
        "assert result.exit_code == 0, result.output\n"
    )
    assert not imports_scipy(code)


def test_the_make_up_test_of_a_quality_profile_does_import_scipy(table_file, tmp_path):
    # The check above can fail: the one audit that runs the chi-square test loads scipy.
    reference = tmp_path / "census.csv"
    reference.write_text("group,share\nF,0.5\nM,0.5\n", encoding="utf-8")
    code = (
        "from coopai.audit import quality_profile\n"
        f"quality_profile({str(table_file(small_outputs()))!r}, protected=['sex'], "
        f"reference_population={str(reference)!r})\n"
    )
    assert imports_scipy(code)


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
    content = asdict(load_guide())
    content["rules"][0]["metrics"] = ["happiness"]
    with pytest.raises(GuideError, match="unknown metrics"):
        MetricGuide.from_data(content)


def test_the_metric_guide_refuses_a_missing_rule():
    content = asdict(load_guide())
    del content["rules"][0]
    with pytest.raises(GuideError, match="exactly one rule"):
        MetricGuide.from_data(content)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda content: content["rules"][0].update(weight=2), r"unknown fields \['weight'\]"),
        (lambda content: content.pop("version"), r"missing fields \['version'\]"),
        (lambda content: content.update(version=1.0), "guide.version: expected text"),
        (
            lambda content: content["rules"][0].update(use="neutral"),
            r"guide.rules.0.use: expected one of \['assistive', 'punitive'\]",
        ),
        (
            lambda content: content["questions"]["use"].update(options=["assistive"]),
            "guide.questions.use.options: expected a mapping",
        ),
    ],
)
def test_the_metric_guide_refuses_content_outside_its_schema(change, message):
    content = asdict(load_guide())
    change(content)
    with pytest.raises(GuideError, match=message):
        MetricGuide.from_data(content)
