"""The report formats, in one place: the command line and the web app ask this registry."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from coopai.reports.document import Report
from coopai.reports.markdown import to_markdown

_NOT_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ReportFormat:
    name: str
    suffix: str
    media_type: str
    # Binary formats go to a file, never to a terminal.
    binary: bool
    render: Callable[[Report], bytes]

    def filename(self, title: str) -> str:
        """A file name for a report on `title`: its words in lower case, shortened, with
        accented letters kept as their plain letters ("Ü" as "u")."""
        plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
        stem = _NOT_WORD.sub("-", plain.lower()).strip("-")[:60].rstrip("-")
        return f"{stem or 'report'}{self.suffix}"


# Jinja2, WeasyPrint and python-docx are imported when a report is printed in their
# format, not whenever the command line starts.
def _pdf(report: Report) -> bytes:
    from coopai.reports.pdf import to_pdf

    return to_pdf(report)


def _docx(report: Report) -> bytes:
    from coopai.reports.word import to_docx

    return to_docx(report)


FORMATS: dict[str, ReportFormat] = {
    "pdf": ReportFormat("pdf", ".pdf", "application/pdf", binary=True, render=_pdf),
    "docx": ReportFormat(
        "docx",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        binary=True,
        render=_docx,
    ),
    "markdown": ReportFormat(
        "markdown",
        ".md",
        "text/markdown; charset=utf-8",
        binary=False,
        render=lambda report: to_markdown(report).encode(),
    ),
}
