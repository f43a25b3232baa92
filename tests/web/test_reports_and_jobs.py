"""The committee report from the web, and the daily job that sends reminders."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from docx import Document

from coopai.web.reviews import services
from coopai.web.reviews.tasks import daily_reminders, next_run

from .conftest import Personas
from .lifecycle import approved, member, url

LONDON = ZoneInfo("Europe/London")


def test_the_committee_report_carries_the_decision(personas: Personas, tmp_path: Path) -> None:
    proposal = approved(personas)
    client = personas.client_for(personas.viewer_a)
    pdf = client.get(url("committee_report", proposal, fmt="pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith('attachment; filename="website-assistant')
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (make report-deps)")
    (tmp_path / "r.pdf").write_bytes(pdf.content)
    page_one = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(tmp_path / "r.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert proposal.title.split()[0] in page_one
    assert "Approved" in page_one
    word = client.get(url("committee_report", proposal, fmt="docx"))
    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert any("Every requirement is met by evidence we have read." in p for p in paragraphs)
    assert client.get(url("committee_report", proposal, fmt="markdown")).status_code == 200
    assert client.get(f"/proposals/{proposal.pk}/report.exe").status_code == 404


def test_the_next_run_is_the_next_seven_in_the_morning() -> None:
    before = datetime(2026, 11, 27, 6, 59, tzinfo=LONDON)
    after = datetime(2026, 11, 27, 7, 0, tzinfo=LONDON)
    assert next_run(before) == datetime(2026, 11, 27, 7, 0, tzinfo=LONDON)
    assert next_run(after) == datetime(2026, 11, 28, 7, 0, tzinfo=LONDON)


def test_the_daily_job_is_queued_once_and_queues_itself_again(
    personas: Personas, capsys: Any
) -> None:
    jobs = DBTaskResult.objects.filter(task_path=daily_reminders.module_path)
    call_command("schedule_reminders")
    call_command("schedule_reminders")
    assert jobs.count() == 1
    assert "already queued" in capsys.readouterr().out
    summary = daily_reminders.call()
    assert summary.startswith("0 reviews opened")
    assert jobs.filter(status="READY").count() == 2  # the first, and tomorrow's


def test_evidence_is_accepted_only_during_a_review(personas: Personas) -> None:
    proposal = personas.proposal_a
    link = services.evidence_add_link(
        proposal=proposal,
        user=personas.proposer_a,
        requirement="dpia",
        title="DPIA",
        url="https://council.example/dpia",
    )
    with pytest.raises(services.RefusedError, match="start the review first"):
        services.evidence_accept(evidence=link, membership=member(personas.reviewer_a), note="")
