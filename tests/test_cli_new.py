"""`coopai new`: a proposal file to fill in, written from the framework's own content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from coopai.cli import EXIT_CLEAR, EXIT_INVALID, EXIT_RED_LINES, main
from coopai.framework import Framework, load_framework
from coopai.framework.proposal import TOP_LEVEL
from coopai.framework.template import scalar

REPO = Path(__file__).resolve().parents[1]
LOCAL = REPO / "examples" / "local-framework"
# Each framework `coopai new` can write from: the built-in one, and local additions.
FRAMEWORKS = {"built-in": (), "local additions": ("--framework", str(LOCAL))}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _framework(options: tuple[str, ...]) -> Framework:
    return load_framework(options[1]) if options else load_framework()


def _written(tmp_path: Path, options: tuple[str, ...] = ()) -> Path:
    path = tmp_path / "proposal.yaml"
    code, out, err = run("new", str(path), *options)
    assert (code, err) == (EXIT_CLEAR, "")
    assert out == (
        f"Wrote {path}. Fill in every empty value, then run: "
        f"coopai assess {path}{''.join(' ' + option for option in options)}\n"
    )
    return path


def _comments(text: str) -> str:
    """Every comment in the file as one line of words, however it was wrapped."""
    words = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    return " ".join(" ".join(words).split())


def _placeholders(framework: Framework, pick: int) -> dict[tuple[str, ...], str]:
    """A valid value for every empty one: each list's first choice (pick 0) or last (-1)."""
    filled: dict[tuple[str, ...], str] = {
        ("proposal", "title"): "A proposal written by coopai new",
        ("proposal", "category"): framework.categories[pick].id,
        ("proposal", "technique"): framework.techniques[pick].id,
        ("proposal", "description"): "Filled in by the test.",
        ("mitigations", "-"): framework.mitigations[pick].id,
    }
    for question in framework.questions:
        values = [scalar(answer.value) for answer in question.answers] or ["0", "250000"]
        filled["facts", question.id] = values[pick]
    for enabler in framework.enablers:
        filled["enablers", enabler.id] = "2"
    for principle in framework.principles:
        filled["principles", principle.id, "rating"] = "1"
    for triage in framework.suitability.questions:
        filled["suitability", triage.id] = scalar(triage.answers[pick].value)
    for benefit in framework.benefits:
        filled["benefits", benefit.id] = "Words." if benefit.type == "text" else "1200"
    return filled


def _fill(text: str, values: dict[tuple[str, ...], str]) -> str:
    """Type each value after its empty key, as a person would, leaving the comments be."""
    lines, path = [], [""]
    for line in text.splitlines():
        found = re.fullmatch(r"( *)([a-z_]+):", line)
        if found:
            path = [*path[: len(found[1]) // 2], found[2]]
            line += f" {values[tuple(path)]}" if tuple(path) in values else ""
        elif line == "  -":
            line += f" {values['mitigations', '-']}"
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("options", FRAMEWORKS.values(), ids=FRAMEWORKS.keys())
def test_new_writes_every_key_of_the_proposal_format_empty(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    framework = _framework(options)
    data = yaml.safe_load(_written(tmp_path, options).read_text())
    assert tuple(data) == TOP_LEVEL
    assert data["framework_version"] == framework.version
    assert data["proposal"] == dict.fromkeys(
        ["title", "council", "service_area", "category", "technique", "description"]
    )
    assert data["facts"] == dict.fromkeys(q.id for q in framework.questions)
    assert data["mitigations"] == [None]
    assert data["enablers"] == dict.fromkeys(e.id for e in framework.enablers)
    assert data["principles"] == {
        p.id: {"rating": None, "evidence": ""} for p in framework.principles
    }
    assert data["suitability"] == dict.fromkeys(q.id for q in framework.suitability.questions)
    assert data["benefits"] == dict.fromkeys(b.id for b in framework.benefits)


@pytest.mark.parametrize("options", FRAMEWORKS.values(), ids=FRAMEWORKS.keys())
def test_every_question_and_choice_is_explained_in_a_comment(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    framework = _framework(options)
    said = _comments(_written(tmp_path, options).read_text())
    for question in [*framework.questions, *framework.suitability.questions]:
        assert question.prompt in said
        for answer in question.answers:
            assert f"{scalar(answer.value)} {answer.label}" in said
    for item in [*framework.categories, *framework.techniques, *framework.mitigations]:
        assert f"{item.id} {item.name}" in said
    for enabler in framework.enablers:
        levels = ", ".join(f"{level.level} {level.label}" for level in enabler.levels)
        assert f"{enabler.name}: {levels}." in said
    for principle in framework.principles:
        assert principle.name in said
        assert all(prompt in said for prompt in principle.evidence_prompts)
    for benefit in framework.benefits:
        assert benefit.label in said


def test_a_value_yaml_would_misread_is_shown_in_quotes(tmp_path: Path) -> None:
    text = _written(tmp_path).read_text()
    assert '#   "yes"   Yes, we can describe it' in text
    assert "#   false  No" in text
    assert 'framework_version: "1.1"' in text


@pytest.mark.parametrize("options", FRAMEWORKS.values(), ids=FRAMEWORKS.keys())
@pytest.mark.parametrize("pick", [0, -1], ids=["first choices", "last choices"])
def test_filled_in_it_scores(tmp_path: Path, options: tuple[str, ...], pick: int) -> None:
    path = _written(tmp_path, options)
    path.write_text(_fill(path.read_text(), _placeholders(_framework(options), pick)))
    code, out, err = run("assess", str(path), *options)
    assert err == ""
    assert code == (EXIT_CLEAR if pick == 0 else EXIT_RED_LINES)
    assert "A proposal written by coopai new" in out


@pytest.mark.parametrize("options", FRAMEWORKS.values(), ids=FRAMEWORKS.keys())
def test_left_empty_it_is_refused_naming_each_key_still_to_fill(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    path = _written(tmp_path, options)
    code, out, err = run("assess", str(path), *options)
    assert (code, out) == (EXIT_INVALID, "")
    assert "Traceback" not in err
    to_fill = [key for key in _placeholders(_framework(options), 0) if key[0] != "mitigations"]
    named = [".".join(key) for key in to_fill] + ["mitigations.0"]
    for key in named:
        assert re.search(rf"^error: {re.escape(str(path))}, line \d+, {key}: ", err, re.M), key
    assert len(err.splitlines()) == len(named)


def test_new_will_not_replace_a_file_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("proposal: {title: Mine}\n")
    code, out, err = run("new", str(path))
    assert (code, out) == (EXIT_INVALID, "")
    assert (
        err == f"error: {path} already exists; add --force to replace it, or choose another name.\n"
    )
    assert path.read_text() == "proposal: {title: Mine}\n"
    code, _, _ = run("new", str(path), "--force")
    assert code == EXIT_CLEAR
    assert "facts:" in path.read_text()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("proposal.txt", "a proposal file's name ends in .yaml or .yml; choose such a name."),
        ("missing/proposal.yaml", "cannot be written (No such file or directory)."),
    ],
)
def test_new_refuses_a_file_it_cannot_write(tmp_path: Path, name: str, message: str) -> None:
    code, out, err = run("new", str(tmp_path / name))
    assert (code, out) == (EXIT_INVALID, "")
    assert err.startswith(f"error: {tmp_path / name}") and err.endswith(f"{message}\n")
    assert not (tmp_path / name).exists()


def test_new_refuses_a_framework_it_does_not_know(tmp_path: Path) -> None:
    code, _, err = run("new", str(tmp_path / "p.yaml"), "--framework", "9.9")
    assert code == EXIT_INVALID
    assert err.startswith("error: ") and "9.9" in err
    assert not (tmp_path / "p.yaml").exists()
