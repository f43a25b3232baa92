"""`coopai report`: each format from a proposal file, -o for binary formats, clean
refusals, and writes that never leave half a report behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from coopai.cli import main
from coopai.reports import FORMATS
from coopai.reports import cli as report_cli
from tests.reports.conftest import EXAMPLES

CHATBOT = str(EXAMPLES / "resident-chatbot.yaml")
MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "markdown": b"# Website assistant"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_markdown_goes_to_standard_output() -> None:
    code, out, err = run(CHATBOT)
    assert code == 0
    assert out.startswith("# Website assistant for council tax and bin questions\n")
    assert "## Decision\n\nNot yet decided." in out
    assert err == ""


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_format_is_written_to_the_file_named(name: str, tmp_path: Path) -> None:
    out_file = tmp_path / f"report{FORMATS[name].suffix}"
    code, out, err = run(CHATBOT, "--format", name, "-o", str(out_file))
    assert code == 0
    assert out == ""
    assert err == f"Wrote {out_file}\n"
    assert out_file.read_bytes().startswith(MAGIC[name])
    assert [p.name for p in tmp_path.iterdir()] == [out_file.name]


@pytest.mark.parametrize("name", [n for n, f in FORMATS.items() if f.binary])
def test_a_binary_format_needs_a_file_to_go_to(name: str) -> None:
    code, out, err = run(CHATBOT, "--format", name)
    assert code == 2
    assert out == ""
    assert f"a {name} report is a binary file; name where to write it with -o" in err
    assert f"-o resident-chatbot.{FORMATS[name].suffix.lstrip('.')}" in err


def test_a_file_with_red_lines_still_gets_its_report() -> None:
    code, out, _ = run(str(EXAMPLES / "automated-benefit-decision.yaml"))
    assert code == 0
    assert "> **A significant decision made by AI alone, without safeguards.** To resolve:" in out


def test_a_broken_file_is_refused_cleanly_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(CHATBOT).read_text().replace("decision_role: none", "decision_role: maybe"))
    code, out, err = run(str(bad), "--format", "pdf", "-o", str(tmp_path / "report.pdf"))
    assert code == 2
    assert out == ""
    assert f"error: {bad}, line " in err
    assert "facts.decision_role: 'maybe' is not an answer to this question." in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_a_file_that_is_not_yaml_is_refused_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("proposal: [\n")
    code, _, err = run(str(bad))
    assert code == 2
    assert "bad.yaml" in err and "not valid YAML" in err


def test_an_unknown_framework_version_is_refused_cleanly() -> None:
    code, _, err = run(CHATBOT, "--framework", "9.9")
    assert code == 2
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_a_local_framework_is_used_and_named() -> None:
    code, out, _ = run(
        str(EXAMPLES / "larger-bin-eligibility.yaml"),
        "--framework",
        str(EXAMPLES / "local-framework"),
    )
    assert code == 0
    assert "with local additions exampleshire-2026.1" in out


def test_a_failed_write_leaves_the_earlier_report_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_file = tmp_path / "report.md"
    out_file.write_text("the earlier report")

    def fail(source: str, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_cli.os, "replace", fail)
    code, _, err = run(CHATBOT, "-o", str(out_file))
    assert code == 2
    assert err == f"error: could not write {out_file}: No space left on device.\n"
    assert out_file.read_text() == "the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_folder_that_does_not_exist_is_refused_cleanly(tmp_path: Path) -> None:
    code, _, err = run(CHATBOT, "-o", str(tmp_path / "missing" / "report.md"))
    assert code == 2
    assert "could not write" in err and "No such file or directory" in err


def test_a_written_report_has_the_usual_permissions(tmp_path: Path) -> None:
    out_file = tmp_path / "report.md"
    earlier = os.umask(0o022)
    try:
        assert run(CHATBOT, "-o", str(out_file))[0] == 0
    finally:
        os.umask(earlier)
    # Not 0o600, as the temporary file it was written to was made.
    assert out_file.stat().st_mode & 0o777 == 0o644
