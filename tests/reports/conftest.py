"""Reports built from the shipped examples, a decision the tests make up, and the tools
that read a rendered report back: pdftotext for PDF, python-docx for Word.

pdftotext and pdfinfo come from Debian's poppler-utils (`make report-deps` installs it).
Outside CI a missing tool skips the tests that need it; in CI it fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from coopai.framework import Framework, load_framework
from coopai.framework.assessing import assess_path
from coopai.framework.review import (
    ConditionRecord,
    ConditionState,
    DecisionRecord,
    EvidenceLine,
    ExceptionRecord,
    ReviewRule,
    Vote,
    VoteRecord,
)
from coopai.reports import Report, ReportInput, build_report

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
# Fixed, so dates in the reports (and whether a condition is overdue) never depend on the day.
GENERATED = date(2026, 5, 14)
AUDIT_FINDING = (
    "An error audit of 200 draft notes found 7 major errors (3.5%, 95% interval 1.7% to "
    "7.0%) and none that was harmful."
)
CONDITION = "Test accuracy with strong accents"


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("1.1")


def decision() -> DecisionRecord:
    """A board's approval with conditions, as the web app would record it."""
    return DecisionRecord(
        outcome=Vote.APPROVE_WITH_CONDITIONS,
        at=datetime(2026, 5, 12, 13, 5, tzinfo=UTC),
        reasons="Time saved goes back into visits; accuracy for every speaker must be shown.",
        rule=ReviewRule(quorum=2).describe(),
        votes=(
            VoteRecord(
                "Priya Shah",
                Vote.APPROVE_WITH_CONDITIONS,
                "Only once accents are tested.",
                datetime(2026, 5, 10, 8, 30, tzinfo=UTC),
            ),
            VoteRecord(
                "Tom Evans",
                Vote.APPROVE,
                "Clear benefit to practitioners.",
                datetime(2026, 5, 12, 13, 5, tzinfo=UTC),
            ),
        ),
        conditions=(
            ConditionRecord(
                CONDITION, "Head of adult social care", date(2026, 6, 30), ConditionState.OPEN
            ),
            ConditionRecord(
                "Publish the updated transparency record",
                "Information governance lead",
                date(2026, 5, 1),
                ConditionState.OPEN,
            ),
        ),
        exceptions=(
            ExceptionRecord(
                "evaluated_pilot", "The first three months in one team are the pilot.", "Priya Shah"
            ),
        ),
        review_date=date(2027, 5, 12),
    )


def report_input(
    name: str,
    framework: Framework,
    *,
    decided: bool = False,
    checklist: Sequence[EvidenceLine] = (),
) -> ReportInput:
    """The report's input for an example; `decided` adds the decision, a stage and an audit."""
    proposal, result = assess_path(EXAMPLES / f"{name}.yaml", framework=framework)
    return ReportInput(
        proposal=proposal,
        result=result,
        framework=framework,
        stage="approved_with_conditions" if decided else None,
        decision=decision() if decided else None,
        checklist=checklist,
        audit_findings=(AUDIT_FINDING,) if decided else (),
        generated=GENERATED,
    )


@pytest.fixture(scope="session")
def decided_report(framework: Framework) -> Report:
    """Social care note taking, approved with conditions by a board, with an audit."""
    return build_report(report_input("social-care-note-taking", framework, decided=True))


@pytest.fixture(scope="session")
def red_line_report(framework: Framework) -> Report:
    """The automated benefit decision: a red line, and no decision yet."""
    return build_report(report_input("automated-benefit-decision", framework))


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is not installed: run `make report-deps` (Debian's poppler-utils)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def pdftotext() -> str:
    return _poppler("pdftotext")


@pytest.fixture(scope="session")
def pdfinfo() -> str:
    return _poppler("pdfinfo")


def pdf_text(pdftotext: str, pdf: bytes, *, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        [pdftotext, "-layout", *pages, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell, in document order as far as python-docx allows."""
    document = Document(BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
