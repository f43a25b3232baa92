"""Every comparison in the evidence presenters and services, at its edge: a flipped or
shifted comparison fails one of these."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from coopai.audit.report import Bar, Chart, Section, Table, cells
from coopai.audit.report import Document as ReportDocument
from coopai.web.evidence import services
from coopai.web.evidence.models import AuditKind, AuditRun, RunStatus
from coopai.web.evidence.presenters import LONG, document_view, mapping_rows

from .conftest import Personas


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def section_view(section: Section) -> Any:
    return document_view(ReportDocument("Audit", [], [section])).sections[0]


def table_of(rows: int) -> Table:
    return Table("Groups", ["Group", "Count"], [cells([f"g{i}", "10"]) for i in range(rows)])


def test_a_section_is_folded_only_with_more_than_twelve_paragraphs_or_rows() -> None:
    assert LONG == 12
    assert not section_view(Section("S", paragraphs=["p"] * 12)).long
    assert section_view(Section("S", paragraphs=["p"] * 13)).long
    assert not section_view(Section("S", tables=[table_of(12)])).long
    assert section_view(Section("S", tables=[table_of(1), table_of(13)])).long


def chart_view(*bars: Bar) -> Any:
    return section_view(Section("S", charts=[Chart("Rates", "Bars", list(bars))])).charts[0]


def test_a_bar_label_wraps_past_twenty_six_characters_and_is_never_cut() -> None:
    fits = "a" * 26
    words = "people with sex M and age band 65 and over"
    one, two = chart_view(Bar(fits, 0.5, 0.4, 0.6), Bar(words, 0.5, 0.4, 0.6)).bars
    assert one.label_lines == [fits]
    assert two.label_lines == ["people with sex M and age", "band 65 and over"]
    assert " ".join(two.label_lines) == two.label == words


def test_a_row_grows_to_fit_its_label_and_the_label_is_centred_on_its_bar() -> None:
    chart = chart_view(Bar("short", 0.5, 0.4, 0.6), Bar("x " * 30, 0.5, 0.4, 0.6))
    short, long = chart.bars
    assert (short.middle, short.label_y) == (15.0, 20.0)  # one line in a 30-high row
    assert len(long.label_lines) == 3
    assert long.middle == 30 + (3 * 18 + 12) / 2
    assert long.label_y == long.middle + 5 - 18
    assert chart.axis_y == 30 + 66 + 4


def test_a_bar_is_placed_by_its_value_and_interval() -> None:
    (bar,) = chart_view(Bar("g", 0.5, 0.25, 0.75)).bars
    assert (bar.width, bar.low_x, bar.high_x) == (190.0, 345.0, 535.0)
    assert (bar.value_text, bar.interval_text) == ("50.0%", "25.0% to 75.0%")
    assert bar.middle == 15.0


def test_a_bar_without_a_value_or_half_an_interval_says_not_defined() -> None:
    no_value, no_high, no_low = chart_view(
        Bar("a", None, None, None), Bar("b", 0.0, 0.0, None), Bar("c", 0.1, None, 0.2)
    ).bars
    assert (no_value.width, no_value.value_text) == (None, "not defined")
    assert (no_high.width, no_high.value_text) == (0.0, "0.0%")  # zero is a value
    assert (no_high.low_x, no_high.high_x, no_high.interval_text) == (250.0, None, "not defined")
    assert (no_low.low_x, no_low.interval_text) == (None, "not defined")
    assert no_low.high_x == pytest.approx(326.0)


def test_the_mapping_leaves_out_only_what_was_not_given() -> None:
    rows = mapping_rows(
        {
            "prediction": None,
            "score": "",
            "protected": ["sex", "age_band"],
            "reference": {},
            "groups": [],
            "threshold": 0.0,
            "cross": False,
            "label": "outcome",
            "use": "punitive",
            "worse_error": "false_positive",
            "verdict": True,
        }
    )
    assert rows == [
        ("Protected characteristics", "sex, age_band"),
        ("Threshold", "0.0"),
        ("Characteristics also crossed together", "No"),
        ("True outcome column", "outcome"),
        ("Is the AI assistive or punitive?", "Being selected counts against the person."),
        ("Which mistake harms more?", "Wrongly selecting someone harms more."),
        ("Verdict column", "Yes"),
    ]
    names = {"sex": {"F": "Women"}}
    assert mapping_rows({"reference": {"sex": "F", "age": "65+"}, "value_names": names}) == [
        ("Reference group", "Women (sex F); age 65+"),
        ("Names for groups", "sex F: Women"),
    ]


def run_in(
    personas: Personas, status: RunStatus, *, with_file: bool = True, **fields: Any
) -> AuditRun:
    run = AuditRun(
        proposal=personas.proposal_a,
        kind=AuditKind.QUALITY,
        status=status,
        file_name="outputs.csv",
        created_by=personas.proposer_a,
        **fields,
    )
    if with_file:
        run.upload.save("outputs.csv", ContentFile(b"sex\nF\n"), save=False)
    run.save()
    return run


@pytest.mark.parametrize(
    ("status", "raw_deleted"),
    [
        (RunStatus.QUEUED, False),
        (RunStatus.RUNNING, False),
        (RunStatus.DONE, False),
        (RunStatus.MAPPING, True),
    ],
)
def test_a_run_that_is_queued_running_done_or_without_its_file_cannot_start(
    personas: Personas, status: RunStatus, raw_deleted: bool
) -> None:
    run = run_in(personas, status, raw_deleted=raw_deleted)
    with pytest.raises(ValueError, match="cannot be started again"):
        services.audit_run_start(run=run, mapping={})
    run.refresh_from_db()
    assert run.status == status


@pytest.mark.parametrize("status", [RunStatus.MAPPING, RunStatus.FAILED])
def test_a_run_waiting_for_columns_or_failed_can_start(
    personas: Personas, status: RunStatus
) -> None:
    run = run_in(personas, status, problems=[{"message": "bad"}], progress=40)
    services.audit_run_start(run=run, mapping={})
    run.refresh_from_db()
    assert (run.status, run.progress, run.problems, run.result) == (RunStatus.QUEUED, 0, [], None)
    assert run.task_id


@pytest.mark.parametrize("status", [RunStatus.QUEUED, RunStatus.RUNNING])
def test_an_upload_cannot_be_deleted_while_its_audit_runs(
    personas: Personas, status: RunStatus
) -> None:
    run = run_in(personas, status)
    with pytest.raises(ValueError, match="still running"):
        services.audit_run_delete_upload(run=run, user=personas.proposer_a)
    assert Path(run.upload.path).is_file()


@pytest.mark.parametrize("status", [RunStatus.MAPPING, RunStatus.DONE, RunStatus.FAILED])
def test_an_upload_can_be_deleted_whenever_no_audit_runs(
    personas: Personas, status: RunStatus, django_capture_on_commit_callbacks: Any
) -> None:
    run = run_in(personas, status)
    stored = Path(run.upload.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.audit_run_delete_upload(run=run, user=personas.proposer_a)
    run.refresh_from_db()
    assert run.raw_deleted and not run.upload
    assert not stored.exists()


def test_deleting_when_no_file_is_stored_removes_nothing(
    personas: Personas, django_capture_on_commit_callbacks: Any, uploads: Path
) -> None:
    kept = run_in(personas, RunStatus.DONE)
    emptied = run_in(personas, RunStatus.DONE, with_file=False)
    with django_capture_on_commit_callbacks(execute=True) as removals:
        services.audit_run_delete_upload(run=emptied, user=personas.proposer_a)
    assert removals == []
    assert Path(kept.upload.path).is_file() and uploads.is_dir()
