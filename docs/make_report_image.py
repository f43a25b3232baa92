"""Regenerate docs/images/report-page-one.png: page one of the committee report for the
social care note-taking example, with a made-up but realistic board decision.

    PYTHONPATH=src .venv/bin/python docs/make_report_image.py

Needs pdftoppm (Debian's poppler-utils; `make report-deps` installs it).
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from coopai.framework import load_framework
from coopai.framework.assessing import assess_path
from coopai.framework.review import (
    ConditionRecord,
    ConditionState,
    DecisionRecord,
    ReviewRule,
    Vote,
    VoteRecord,
)
from coopai.reports import ReportInput, build_report, to_pdf

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "social-care-note-taking.yaml"
IMAGE = REPO / "docs" / "images" / "report-page-one.png"
RESOLUTION = 72  # dots per inch: readable, and the PNG stays small


def example_decision() -> DecisionRecord:
    return DecisionRecord(
        outcome=Vote.APPROVE_WITH_CONDITIONS,
        at=datetime(2026, 5, 28, 15, 40, tzinfo=UTC),
        reasons=(
            "Practitioners asked for this and the time saved goes back into visits. "
            "A three-month pilot in two teams comes first, with the conditions below."
        ),
        rule=ReviewRule(quorum=2).describe(),
        votes=(
            VoteRecord(
                "Amara Okafor, Data protection officer",
                Vote.APPROVE_WITH_CONDITIONS,
                "The DPIA is sound; accuracy for every speaker must be shown first.",
                datetime(2026, 5, 27, 10, 15, tzinfo=UTC),
            ),
            VoteRecord(
                "Jay Patel, Head of digital",
                Vote.APPROVE_WITH_CONDITIONS,
                "Clear benefit; pilot in two teams before any wider use.",
                datetime(2026, 5, 28, 15, 40, tzinfo=UTC),
            ),
        ),
        conditions=(
            ConditionRecord(
                "Test transcription accuracy with strong regional accents and speech impairments",
                "Head of adult social care",
                date(2026, 7, 31),
                ConditionState.OPEN,
            ),
            ConditionRecord(
                "Complete the equality impact assessment",
                "Equality and diversity lead",
                date(2026, 6, 30),
                ConditionState.OPEN,
            ),
        ),
        review_date=date(2027, 5, 28),
    )


def main() -> None:
    framework = load_framework("1.1")
    proposal, result = assess_path(EXAMPLE, framework=framework)
    report = build_report(
        ReportInput(
            proposal=proposal,
            result=result,
            framework=framework,
            stage="approved_with_conditions",
            decision=example_decision(),
            audit_findings=(
                "An error audit of 300 draft case notes found 8 with a major error (2.7%, "
                "95% interval 1.4% to 5.2%) and none that was harmful.",
            ),
            generated=date(2026, 6, 2),
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(to_pdf(report))
        stem = Path(folder) / "page"
        page_one = ["-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(RESOLUTION), *page_one, str(pdf), str(stem)],
            check=True,
        )
        IMAGE.write_bytes(stem.with_suffix(".png").read_bytes())
    print(f"Wrote {IMAGE.relative_to(REPO)} ({IMAGE.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
