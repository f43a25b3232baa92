"""A folder of proposals: every file keeps its row, scored or not."""

from __future__ import annotations

from pathlib import Path

from coopai.framework.errors import Problem
from coopai.framework.portfolio import (
    NotScored,
    assess_files,
    proposal_files,
    to_text,
    where_and_what,
)

FAULT = Problem(
    "p.yaml", "facts.decision_role", "'maybe' is not an answer.", 4, ("none", "informs")
)


def test_where_and_what_leaves_the_file_to_the_row() -> None:
    assert where_and_what(FAULT) == "line 4, facts.decision_role: 'maybe' is not an answer."
    assert where_and_what(FAULT, allowed=True).endswith("Allowed: none, informs.")
    assert where_and_what(Problem("p.yaml", "", "the file is empty.")) == "the file is empty."


def test_a_reason_is_the_first_problem_and_how_many_more() -> None:
    other = Problem("p.yaml", "facts.x", "is required.", 9)
    assert NotScored("p.yaml", (FAULT,)).reason == where_and_what(FAULT)
    assert NotScored("p.yaml", (FAULT, other)).reason.endswith(" (and 1 more problem)")
    assert NotScored("p.yaml", (FAULT, other, other)).reason.endswith(" (and 2 more problems)")


def test_only_yaml_files_directly_in_the_folder_are_proposals(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt", "sub/c.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("")
    assert [path.name for path in proposal_files(tmp_path)] == ["a.yml", "b.yaml"]


def test_a_file_not_scored_is_coloured_as_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("")
    entries = assess_files([tmp_path / "empty.yaml"])
    assert isinstance(entries[0], NotScored)

    def mark(text: str, **options: object) -> str:
        return f"<{options.get('fg', 'bold')}>{text.strip()}</>"

    header, row, reason = to_text(entries, mark).splitlines()
    assert header.startswith("<bold>File")
    assert row.startswith("empty.yaml  <red>Not scored</>")
    assert reason == "  the file is empty; a proposal needs at least proposal and facts."
