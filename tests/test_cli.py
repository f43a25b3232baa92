"""The command line, as a person or a pipeline uses it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from coopai.cli import EXIT_CLEAR, EXIT_INVALID, EXIT_RED_LINES, main
from coopai.framework.result_json import RESULT_SCHEMA_PATH, result_json_schema

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CONTENT = REPO / "src" / "coopai" / "framework" / "content"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_assess_prints_a_readable_report() -> None:
    code, out, _ = run("assess", str(EXAMPLES / "resident-chatbot.yaml"))
    assert code == EXIT_CLEAR
    assert "Impact tier: 2 (Moderate)" in out
    assert "Recommendation: Proceed with conditions" in out
    assert "How the score was worked out" in out
    assert "\x1b[" not in out  # no colour codes when the output is not a terminal


def test_assess_exit_status_says_whether_red_lines_were_raised() -> None:
    code, out, _ = run("assess", str(EXAMPLES / "live-facial-recognition.yaml"))
    assert code == EXIT_RED_LINES
    assert "Red lines" in out and "A practice outside the framework" in out


def test_assess_json_is_valid_against_the_shipped_schema() -> None:
    schema = json.loads(RESULT_SCHEMA_PATH.read_text())
    for path in sorted(EXAMPLES.glob("*.yaml")):
        code, out, _ = run("assess", str(path), "--format", "json")
        assert code in (EXIT_CLEAR, EXIT_RED_LINES)
        data = json.loads(out)
        jsonschema.validate(data, schema)
        for key in (
            "framework_version",
            "tier",
            "tier_label",
            "impact",
            "mitigation",
            "red_lines",
            "recommendation",
            "requirements",
            "principles",
            "readiness",
            "explanation",
        ):
            assert key in data
        assert data["recommendation"] in {
            "proceed",
            "proceed_with_conditions",
            "pilot_first",
            "do_not_proceed",
        }


def test_the_shipped_json_schema_matches_the_result_model() -> None:
    assert json.loads(RESULT_SCHEMA_PATH.read_text()) == result_json_schema(), (
        "regenerate it: coopai framework result-schema > " + str(RESULT_SCHEMA_PATH)
    )
    assert result_json_schema()["title"] == "AssessmentResult"


def test_assess_markdown_is_ready_for_a_committee_paper() -> None:
    code, out, _ = run(
        "assess", str(EXAMPLES / "social-care-note-taking.yaml"), "--format", "markdown"
    )
    assert code == EXIT_CLEAR
    assert out.startswith("## Transcribing and drafting adult social care case notes")
    assert "| Impact tier | **3 (High)** |" in out
    assert "### What must be done" in out
    assert "UK GDPR, Article 35" in out


def test_assess_on_a_folder_prints_a_portfolio() -> None:
    code, out, _ = run("assess", str(EXAMPLES))
    assert code == EXIT_RED_LINES
    lines = out.splitlines()
    assert lines[0].startswith("File")
    assert len(lines) == 1 + len(list(EXAMPLES.glob("*.yaml")))
    assert any(
        line.startswith("staff-writing-assistant.yaml") and "1 Low" in line for line in lines
    )


def test_a_bad_file_is_refused_with_where_and_what(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (EXAMPLES / "staff-writing-assistant.yaml")
        .read_text()
        .replace("decision_role: none", "decision_role: maybe")
    )
    code, out, err = run("assess", str(bad))
    assert code == EXIT_INVALID
    assert out == ""
    assert f"error: {bad}, line " in err
    assert "facts.decision_role: 'maybe' is not an answer to this question." in err
    assert "Allowed: none, informs, recommends, determines." in err


def _folder_with_bad_files(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text((EXAMPLES / "resident-chatbot.yaml").read_text())
    (tmp_path / "broken.yaml").write_text("proposal: [\n")
    (tmp_path / "wrong.yaml").write_text(
        (EXAMPLES / "staff-writing-assistant.yaml")
        .read_text()
        .replace("decision_role: none", "decision_role: maybe")
        .replace("public_facing: false", "public_facing: perhaps")
    )
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_a_folder_with_bad_files_scores_the_rest_and_fails(tmp_path: Path, fmt: str) -> None:
    code, out, err = run("assess", str(_folder_with_bad_files(tmp_path)), "--format", fmt)
    assert code == EXIT_INVALID
    assert "Website assistant for council tax" in out or "good.yaml" in out
    assert f"error: {tmp_path / 'broken.yaml'}, line 2: this is not valid YAML" in err
    assert f"error: {tmp_path / 'wrong.yaml'}, line " in err
    assert "'maybe' is not an answer to this question" in out
    assert "this is not valid YAML" in out


def test_a_folder_table_gives_each_file_not_scored_a_row_and_its_reason(tmp_path: Path) -> None:
    _, out, _ = run("assess", str(_folder_with_bad_files(tmp_path)))
    lines = out.splitlines()
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == [
        "File",
        "broken.yaml",
        "good.yaml",
        "wrong.yaml",
    ]
    broken = lines.index(next(line for line in lines if line.startswith("broken.yaml")))
    assert lines[broken].split()[1:] == ["Not", "scored", "-", "-", "-"]
    assert (
        lines[broken + 1] == "  line 2: this is not valid YAML: did not find expected node content."
    )
    wrong = lines.index(next(line for line in lines if line.startswith("wrong.yaml")))
    reason = " ".join(line.strip() for line in lines[wrong + 1 :])
    assert reason.startswith("line ")
    assert reason.endswith("is not an answer to this question. (and 1 more problem)")


def test_a_folder_table_never_cuts_a_file_name(tmp_path: Path) -> None:
    name = "a-proposal-whose-file-name-runs-on-well-past-any-column-width-" * 2 + "v2.yaml"
    (tmp_path / name).write_text((EXAMPLES / "resident-chatbot.yaml").read_text())
    (tmp_path / "short.yaml").write_text((EXAMPLES / "staff-writing-assistant.yaml").read_text())
    code, out, _ = run("assess", str(tmp_path))
    assert code == EXIT_CLEAR
    header, long_row, short_row = out.splitlines()
    assert long_row.startswith(name + "  2 Moderate")
    assert short_row.startswith("short.yaml ")
    columns = {
        header.index("Recommendation"),
        *(row.index("Proceed") for row in (long_row, short_row)),
    }
    assert len(columns) == 1, "the columns line up whatever the names' lengths"


def test_a_folder_as_json_gives_each_file_not_scored_its_problems(tmp_path: Path) -> None:
    _, out, _ = run("assess", str(_folder_with_bad_files(tmp_path)), "--format", "json")
    data = json.loads(out)
    assert sorted(data) == ["broken.yaml", "good.yaml", "wrong.yaml"]
    jsonschema.validate(data["good.yaml"], json.loads(RESULT_SCHEMA_PATH.read_text()))
    assert data["broken.yaml"] == {
        "problems": [
            {
                "file": str(tmp_path / "broken.yaml"),
                "line": 2,
                "path": "",
                "message": "this is not valid YAML: did not find expected node content.",
                "allowed": [],
            }
        ]
    }
    [first, second] = data["wrong.yaml"]["problems"]
    assert (first["path"], first["allowed"]) == (
        "facts.decision_role",
        ["none", "informs", "recommends", "determines"],
    )
    assert second["path"] == "facts.public_facing"


def test_a_folder_in_markdown_gives_each_file_not_scored_a_section(tmp_path: Path) -> None:
    _, out, _ = run("assess", str(_folder_with_bad_files(tmp_path)), "--format", "markdown")
    assert "## broken.yaml: not scored\n\n- line 2: this is not valid YAML" in out
    section = out[out.index("## wrong.yaml: not scored") :]
    assert "- line 13, facts.decision_role: 'maybe' is not an answer to this question. " in section
    assert "Allowed: none, informs, recommends, determines." in section
    assert out.index("## broken.yaml") < out.index("## Website assistant") < out.index("## wrong")


def test_assess_with_local_additions() -> None:
    code, out, _ = run(
        "assess",
        str(EXAMPLES / "larger-bin-eligibility.yaml"),
        "--framework",
        str(EXAMPLES / "local-framework"),
        "--format",
        "json",
    )
    assert code == EXIT_CLEAR
    data = json.loads(out)
    assert (data["framework_local_version"], data["tier"]) == ("exampleshire-2026.1", 3)


@pytest.mark.parametrize("target", ["1.0", str(EXAMPLES / "local-framework")])
def test_framework_validate(target: str) -> None:
    code, out, _ = run("framework", "validate", target)
    assert code == 0
    assert "valid" in out


def test_framework_validate_reports_broken_content(tmp_path: Path) -> None:
    (tmp_path / "framework.yaml").write_text("version: '2.0'\nname: x\nstatus: draft\n")
    code, _, err = run("framework", "validate", str(tmp_path))
    assert code == EXIT_INVALID
    assert "framework.yaml" in err and "summary" in err


def test_framework_show_and_diff() -> None:
    code, out, _ = run("framework", "show")
    assert code == 0
    for heading in ("IMPACT TIERS", "FACT QUESTIONS", "RED LINES", "REQUIREMENTS"):
        assert heading in out
    code, out, _ = run("framework", "show", "--part", "red_lines")
    assert "RED LINES" in out and "IMPACT TIERS" not in out
    code, out, _ = run("framework", "diff", "1.0", str(EXAMPLES / "local-framework"))
    assert code == 0
    assert "+ digital_inclusion (added)" in out


def test_framework_result_schema_prints_the_schema() -> None:
    code, out, _ = run("framework", "result-schema")
    assert code == 0
    assert json.loads(out) == result_json_schema()


def test_manage_runs_django_commands() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "coopai.cli", "manage", "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


TAB_SENTENCE = "there is a tab at column 1. YAML does not allow tabs for indenting; use spaces."


def _indent_with_a_tab(source: Path, target: Path) -> int:
    """Copy a YAML file with its first list item indented by a tab; return that line."""
    lines = source.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("  - "))
    lines[index] = "\t" + lines[index][2:]
    target.write_text("".join(lines))
    return index + 1


def _tab_in_proposal(tmp_path: Path) -> tuple[Path, int]:
    text = (EXAMPLES / "resident-chatbot.yaml").read_text()
    path = tmp_path / "tabbed.yaml"
    path.write_text(text.replace("\n  affected_people:", "\n\taffected_people:"))
    return path, text.splitlines().index("  affected_people: public") + 1


@pytest.mark.parametrize("command", ["assess", "report", "atrs"])
def test_a_tab_in_a_proposal_is_named_with_its_line_and_column(
    tmp_path: Path, command: str
) -> None:
    path, line = _tab_in_proposal(tmp_path)
    code, out, err = run(command, str(path))
    assert code == EXIT_INVALID
    assert f"{path}, line {line}: {TAB_SENTENCE}" in err
    assert "Traceback" not in err + out


def test_a_tab_in_local_additions_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    local = tmp_path / "local"
    shutil.copytree(EXAMPLES / "local-framework", local)
    line = _indent_with_a_tab(
        EXAMPLES / "local-framework" / "mitigations.yaml", local / "mitigations.yaml"
    )
    code, _, err = run("assess", str(EXAMPLES / "resident-chatbot.yaml"), "--framework", str(local))
    assert code == EXIT_INVALID
    assert f"{local / 'mitigations.yaml'}, line {line}: {TAB_SENTENCE}" in err


def test_a_tab_in_framework_content_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "1.0", content)
    line = _indent_with_a_tab(CONTENT / "1.0" / "risks.yaml", content / "risks.yaml")
    code, _, err = run("framework", "validate", str(content))
    assert code == EXIT_INVALID
    assert f"{content / 'risks.yaml'}, line {line}: {TAB_SENTENCE}" in err


def test_the_readmes_first_example_is_what_assess_prints() -> None:
    """Every value the README shows for chatbot-first-draft.yaml is in the real output."""
    readme = (REPO / "README.md").read_text()
    after = readme.index("coopai assess examples/chatbot-first-draft.yaml --format json")
    shown = readme[readme.index("```json\n", after) + 8 :]
    shown = shown[: shown.index("```")]
    _, out, _ = run("assess", str(EXAMPLES / "chatbot-first-draft.yaml"), "--format", "json")
    result = json.loads(out)
    assert f'"tier": {result["tier"]},' in shown
    assert f'"recommendation": "{result["recommendation"]}"' in shown
    assert f'{{"text": "{result["drivers"][0]["text"]}",' in shown
    unknown = result["not_known"][0]
    assert (
        f'{{"question": "{unknown["question"]}", "counted_as": "{unknown["counted_as"]}", '
        f'"adds": {unknown["adds"]},' in shown
    )
    option_text = shown[shown.index('"lower_tier_options": [') :]
    start = option_text.index("{")
    option = json.loads(option_text[start : option_text.index("\n    }", start) + 6])
    assert option in result["lower_tier_options"]
