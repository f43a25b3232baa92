"""Errors a person can cause, each naming the file, the place in it and what is allowed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file a person wrote."""

    file: str
    path: str
    message: str
    line: int | None = None
    allowed: Sequence[str] = field(default_factory=tuple)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.path:
            where += f", {self.path}"
        text = f"{where}: {self.message}"
        if self.allowed:
            text += f" Allowed: {', '.join(self.allowed)}."
        return text


class CoopaiError(Exception):
    """Raised with every problem found, so a person can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ContentError(CoopaiError):
    """The framework content (YAML) is not valid."""


class ProposalError(CoopaiError):
    """A proposal file is not valid; nothing was scored."""
