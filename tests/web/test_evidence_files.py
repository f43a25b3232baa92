"""Messy files reach the person who uploaded them as a problem with their file: what is
wrong, where, and what to do; never a traceback or "a fault in coopai"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coopai.web.evidence import tasks
from coopai.web.evidence.models import AuditRun, RunStatus

from .conftest import CheckedClient, Personas, error_summary
from .test_evidence import bias_rows, map_columns, run_page, upload, uploaded_run


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def sound_rows(count: int) -> list[bytes]:
    return [f"{i},{'FM'[i % 2]},{i % 2}\n".encode() for i in range(count)]


def test_a_file_that_is_not_utf8_is_refused_at_upload_with_its_row(
    proposer: CheckedClient, personas: Personas
) -> None:
    content = b"id,sex,pred\n" + b"".join(sound_rows(5000)) + "5000,Zoë,1\n".encode("latin-1")
    response = upload(proposer, personas.proposal_a.pk, content, name="latin.csv")
    assert response.status_code == 400
    summary = error_summary(response.content)
    assert "Row 5001: this row is not UTF-8 text (line 5,002 of the file" in summary
    assert "Save the file as UTF-8" in summary
    assert "fault in coopai" not in response.content.decode()
    assert not AuditRun.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"id,sex,pred\n" + b"".join(sound_rows(3500)) + b"3500,F,1,extra\n",
            "Row 3501: this row has 4 values but the header names 3 columns",
        ),
        (
            b"sex,pred,Sex\nF,1,F\n",
            "the header names columns 1, 3 'sex' and 'Sex', which count as one name",
        ),
    ],
)
def test_a_badly_shaped_file_is_refused_at_upload_naming_where(
    proposer: CheckedClient, personas: Personas, content: bytes, message: str
) -> None:
    response = upload(proposer, personas.proposal_a.pk, content)
    assert response.status_code == 400
    assert message in error_summary(response.content)


def test_a_stored_file_that_turns_out_unreadable_fails_as_the_files_problem(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    map_columns(proposer, run, prediction="pred", protected=["sex"])
    content = Path(run.upload.path).read_bytes()
    Path(run.upload.path).write_bytes(content + b"999,1,0,F,16-34,surplus\n")

    assert tasks.run_audit.call(run.pk) == RunStatus.FAILED
    run.refresh_from_db()
    assert [problem["row"] for problem in run.problems] == [389], run.problems
    page = run_page(proposer, run)
    assert "What is wrong with the file" in page
    assert "this row has 6 values but the header names 5 columns" in page
    assert "fault in coopai" not in page


def test_empty_rows_are_skipped_and_the_result_says_how_many(
    proposer: CheckedClient, personas: Personas
) -> None:
    content = bias_rows().replace(b"\n", b"\n,,,,\n", 2)
    run = uploaded_run(proposer, personas.proposal_a.pk, content)
    map_columns(proposer, run, prediction="pred", protected=["sex"])
    assert tasks.run_audit.call(run.pk) == RunStatus.DONE
    assert "2 wholly empty rows were skipped" in run_page(proposer, run)
