"""A folder of proposal files scored together: one entry a file, whether it scored or not.

A file that could not be scored keeps its place in every output, with its reason, so a
short table is never mistaken for a clean one.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from coopai.framework import render
from coopai.framework.assessing import assess_path
from coopai.framework.errors import CoopaiError, Problem
from coopai.framework.loaded import Framework
from coopai.framework.result import RECOMMENDATION_WORDS, AssessmentResult
from coopai.framework.result_json import to_json_data

PROPOSAL_SUFFIXES = (".yaml", ".yml")
HEADERS = ("File", "Tier", "Score", "Red lines", "Recommendation")
# Which columns line up on the right (numbers), in HEADERS' order.
RIGHT_ALIGNED = (False, False, True, True, False)
NOT_SCORED = "Not scored"


@dataclass(frozen=True)
class Scored:
    name: str
    result: AssessmentResult


@dataclass(frozen=True)
class NotScored:
    name: str
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        """The first problem, where and what (the row names the file), and how many more."""
        if not self.problems:
            return "it could not be scored."
        text = where_and_what(self.problems[0])
        more = len(self.problems) - 1
        if more:
            text += f" (and {more} more problem{'s' if more > 1 else ''})"
        return text


Entry = Scored | NotScored


def where_and_what(problem: Problem, *, allowed: bool = False) -> str:
    """A problem without its file name: `line 4, facts.x: message` (and what is allowed)."""
    place = ", ".join(
        part for part in (f"line {problem.line}" if problem.line else "", problem.path) if part
    )
    text = f"{place}: {problem.message}" if place else problem.message
    if allowed and problem.allowed:
        text += f" Allowed: {', '.join(problem.allowed)}."
    return text


def proposal_files(folder: Path) -> list[Path]:
    """The proposal files in a folder (not its subfolders), by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in PROPOSAL_SUFFIXES and p.is_file())


def assess_files(files: Sequence[Path], *, framework: Framework | None = None) -> list[Entry]:
    """Score each file; one that cannot be scored becomes an entry with its problems."""
    entries: list[Entry] = []
    for path in files:
        try:
            entries.append(Scored(path.name, assess_path(path, framework=framework)[1]))
        except CoopaiError as error:
            entries.append(NotScored(path.name, tuple(error.problems)))
    return entries


def to_text(entries: Sequence[Entry], style: render.Style = render.plain) -> str:
    """One line a file, columns as wide as their widest cell; a reason beneath a failure."""
    rows = [_cells(entry) for entry in entries]
    widths = [max(len(row[i]) for row in [HEADERS, *rows]) for i in range(len(HEADERS))]
    lines = [style(_line(HEADERS, widths), bold=True)]
    for entry, cells in zip(entries, rows, strict=True):
        if isinstance(entry, Scored):
            lines.append(_line(cells, widths))
            continue
        lines.append(_line(cells, widths, style))
        lines += textwrap.wrap(
            entry.reason,
            render.WIDTH,
            initial_indent="  ",
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(lines) + "\n"


def _cells(entry: Entry) -> tuple[str, ...]:
    if isinstance(entry, NotScored):
        return (entry.name, NOT_SCORED, "-", "-", "-")
    result = entry.result
    return (
        entry.name,
        f"{result.tier} {result.tier_label}",
        str(result.score),
        str(len(result.red_lines)) if result.red_lines else "-",
        RECOMMENDATION_WORDS[result.recommendation],
    )


def _line(cells: Sequence[str], widths: Sequence[int], warn: render.Style | None = None) -> str:
    """Cells padded to their column; `warn` colours the tier cell of a file not scored."""
    padded = [
        cell.rjust(width) if right else cell.ljust(width)
        for cell, width, right in zip(cells, widths, RIGHT_ALIGNED, strict=True)
    ]
    if warn is not None:
        padded[1] = warn(padded[1], fg="red")
    return "  ".join(padded).rstrip()


def to_markdown(entries: Sequence[Entry]) -> str:
    """Each file's report in turn; a file not scored gets a section listing its problems."""
    parts = []
    for entry in entries:
        if isinstance(entry, Scored):
            parts.append(render.to_markdown(entry.result))
            continue
        problems = [f"- {where_and_what(p, allowed=True)}" for p in entry.problems]
        parts.append("\n".join([f"## {entry.name}: {NOT_SCORED.lower()}", "", *problems, ""]))
    return "\n".join(parts)


def to_json(entries: Sequence[Entry]) -> str:
    """An object keyed by file name: a result, or `{"problems": [...]}` for a file not scored."""
    data = {
        entry.name: (
            to_json_data(entry.result)
            if isinstance(entry, Scored)
            else {"problems": [asdict(problem) for problem in entry.problems]}
        )
        for entry in entries
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
