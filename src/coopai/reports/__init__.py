"""The committee report: a short, plain page one for councillors, then the detail, as PDF,
Word or Markdown. Pure Python with no web framework, so the command line and the web app
print the same report from the same code.

    report = build_report(ReportInput(proposal=..., result=..., framework=...))
    pdf = to_pdf(report)  # or to_docx, to_markdown, or FORMATS[name].render(report)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopai.reports.build import build_report
from coopai.reports.document import Report, ReportInput
from coopai.reports.formats import FORMATS, ReportFormat
from coopai.reports.markdown import to_markdown

if TYPE_CHECKING:
    from coopai.reports.pdf import to_pdf
    from coopai.reports.word import to_docx

__all__ = [
    "FORMATS",
    "Report",
    "ReportFormat",
    "ReportInput",
    "build_report",
    "to_docx",
    "to_markdown",
    "to_pdf",
]


def __getattr__(name: str) -> Any:
    # Jinja2, WeasyPrint and python-docx load on first use, so every other command starts
    # without them.
    if name == "to_pdf":
        from coopai.reports.pdf import to_pdf

        return to_pdf
    if name == "to_docx":
        from coopai.reports.word import to_docx

        return to_docx
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
