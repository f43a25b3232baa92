"""Input problems a user can fix, gathered and raised together.

The engine never returns a half-computed result: if anything about the input is
wrong it raises :class:`AuditInputError` carrying every problem it found, each
naming the column, row and value involved where there is one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, phrased for the person who supplied it."""

    message: str
    column: str | None = None
    row: int | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = []
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.value is not None:
            where.append(f"value {self.value!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class AuditInputError(ValueError):
    """The input cannot be audited as given; ``problems`` says why."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            raise ValueError("AuditInputError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))


def unknown_column(name: str, available: Iterable[str], role: str) -> Problem:
    """A problem for a mapped column that is not in the file, suggesting near names."""
    columns = list(available)
    close = difflib.get_close_matches(name, columns, n=3, cutoff=0.5)
    if not close:
        lowered = {column.lower(): column for column in columns}
        close = [lowered[name.lower()]] if name.lower() in lowered else []
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listing = ", ".join(repr(c) for c in columns[:20])
    return Problem(
        f"the {role} column is not in the file.{hint} The file has: {listing}.",
        column=name,
    )
