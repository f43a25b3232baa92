"""`coopai atrs`, as an officer or a pipeline uses it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
from click.testing import CliRunner

from coopai.cli import main
from coopai.transparency.cli import EXIT_INVALID, EXIT_OK
from coopai.transparency.record_schema import shipped_schema

from .conftest import EXAMPLE_FILES, EXAMPLES

CHATBOT = str(EXAMPLES / "resident-chatbot.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["atrs", *args])
    return result.exit_code, result.stdout, result.stderr


def broken_copy(folder: Path) -> Path:
    path = folder / "broken.yaml"
    text = (EXAMPLES / "resident-chatbot.yaml").read_text()
    path.write_text(text.replace("decision_role: none", "decision_role: maybe"))
    return path


def test_it_prints_one_record_as_json_valid_against_the_schema() -> None:
    code, out, _ = run(CHATBOT)
    assert code == EXIT_OK
    data = json.loads(out)
    jsonschema.validate(data, shipped_schema())
    assert data["summary"]["name"] == "Website assistant for council tax and bin questions"
    assert data["summary"]["phase"] == "Pre-deployment"
    assert data["coopai"]["stage"] is None


def test_it_tells_the_owner_on_stderr_which_required_fields_to_complete() -> None:
    _, out, err = run(CHATBOT)
    assert f"{CHATBOT}: the owner still needs to complete" in err
    assert "  Summary information: Website URL, Contact email, Region\n" in err
    assert (
        "  Owner and responsibility: Team, Senior responsible owner, Third party involvement\n"
        in err
    )
    assert "the owner still needs" not in out  # stdout holds only the export


def test_it_writes_a_csv_row_with_field_ids_for_a_header() -> None:
    code, out, _ = run(CHATBOT, "--format", "csv")
    assert code == EXIT_OK
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 2
    assert rows[0][:3] == ["name", "description", "website_url"]
    assert rows[1][0] == "Website assistant for council tax and bin questions"


def test_a_folder_gives_a_bundle_of_every_proposal() -> None:
    code, out, err = run(str(EXAMPLES))
    assert code == EXIT_OK
    data = json.loads(out)
    schema = shipped_schema()
    jsonschema.validate(data, {"$ref": "#/$defs/bundle", "$defs": schema["$defs"]})
    assert len(data["records"]) == len(EXAMPLE_FILES)
    assert err.count("the owner still needs to complete") == len(EXAMPLE_FILES)


def test_a_folder_as_csv_gives_a_row_per_proposal() -> None:
    code, out, _ = run(str(EXAMPLES), "--format", "csv")
    assert code == EXIT_OK
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == len(EXAMPLE_FILES) + 1
    names = {row[0] for row in rows[1:]}
    assert "Risk score for single person discount reviews" in names


def test_a_broken_file_exits_2_with_the_engines_message_and_no_traceback(tmp_path: Path) -> None:
    code, out, err = run(str(broken_copy(tmp_path)))
    assert code == EXIT_INVALID
    assert out == ""
    assert "broken.yaml, line 13, facts.decision_role: 'maybe' is not an answer" in err
    assert "Allowed: none, informs, recommends, determines." in err
    assert "Traceback" not in err


def test_a_folder_with_a_broken_file_still_exports_the_others(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "predictive-repairs.yaml", tmp_path)
    broken_copy(tmp_path)
    code, out, err = run(str(tmp_path))
    assert code == EXIT_INVALID
    records: list[dict[str, Any]] = json.loads(out)["records"]
    assert [r["summary"]["name"] for r in records] == ["Predicting damp and mould in council homes"]
    assert "error: " in err and "broken.yaml" in err


def test_a_folder_without_proposal_files_is_refused(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == EXIT_INVALID
    assert "holds no .yaml proposal files" in err


def test_it_writes_to_an_output_file(tmp_path: Path) -> None:
    target = tmp_path / "records.csv"
    code, out, err = run(str(EXAMPLES), "--format", "csv", "-o", str(target))
    assert code == EXIT_OK
    assert out == ""
    assert f"Wrote {len(EXAMPLE_FILES)} record(s) to {target}." in err
    assert len(list(csv.reader(io.StringIO(target.read_text())))) == len(EXAMPLE_FILES) + 1


def test_it_scores_with_a_councils_local_framework() -> None:
    code, out, _ = run(CHATBOT, "--framework", str(EXAMPLES / "local-framework"))
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["coopai"]["framework_local_version"] == "exampleshire-2026.1"
    assert (
        "local additions exampleshire-2026.1"
        in (data["risks_mitigations_and_impact_assessments"]["impact_assessment"])
    )


def test_an_unknown_framework_is_refused_cleanly() -> None:
    code, out, err = run(CHATBOT, "--framework", "7.0")
    assert code == EXIT_INVALID
    assert out == ""
    assert "is neither a framework version nor a folder" in err
