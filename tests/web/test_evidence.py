"""The evidence tab: upload a file, map its columns, run the audit engine in the
background, read the result, attach it as evidence, and delete the raw upload."""

from __future__ import annotations

import csv
import html
import io
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coopai.audit import findings, report
from coopai.audit.kinds import KINDS
from coopai.web.evidence import forms, selectors, services, tasks
from coopai.web.evidence.forms import guess_mapping
from coopai.web.evidence.models import AuditKind, AuditRun, RunStatus
from coopai.web.evidence.presenters import Cell, document_view

from .conftest import CheckedClient, Personas, error_summary

HTMX = {"HTTP_HX_REQUEST": "true"}
MAPPING_PARTS = Path(__file__).resolve().parents[2] / "src/coopai/web/templates/evidence/mapping"


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def bias_rows() -> bytes:
    """200 women selected half the time, 180 men a fifth of the time, and 8 people of
    another sex: a group too small to judge, whose counts must be withheld."""
    rows = []
    for sex, size, selected_every in (("F", 200, 2), ("M", 180, 5), ("X", 8, 2)):
        for i in range(size):
            pred = 1 if i % selected_every == 0 else 0
            outcome = 1 if i % 3 == 0 else 0
            rows.append([len(rows) + 1, pred, outcome, sex, ["16-34", "35-64", "65+"][i % 3]])
    return _csv(["id", "pred", "outcome", "sex", "age_band"], rows)


def verdict_rows() -> bytes:
    verdicts = ["correct"] * 7 + ["minor error", "major_error", "Harmful"]
    rows = [[i, verdicts[i % 10], ["English", "Welsh"][i % 2]] for i in range(120)]
    return _csv(["sample", "verdict", "language"], rows)


def upload(
    client: CheckedClient, pk: int, content: bytes, name: str = "outputs.csv", kind: str = "bias"
) -> Any:
    return client.post(
        reverse("evidence_upload", kwargs={"pk": pk}),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def uploaded_run(client: CheckedClient, pk: int, content: bytes, **kwargs: Any) -> AuditRun:
    response = upload(client, pk, content, **kwargs)
    assert response.status_code == 302, error_summary(response.content)
    return AuditRun.objects.latest("id")


def map_columns(client: CheckedClient, run: AuditRun, **fields: Any) -> Any:
    url = reverse("evidence_mapping", kwargs={"pk": run.proposal_id, "run": run.pk})
    return client.post(url, fields)


def run_page(client: CheckedClient, run: AuditRun) -> str:
    url = reverse("evidence_run", kwargs={"pk": run.proposal_id, "run": run.pk})
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


@pytest.fixture
def worker_signals() -> Iterator[None]:
    """The worker installs its own signal handlers; give the test runner its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def finished_bias_run(client: CheckedClient, pk: int) -> AuditRun:
    run = uploaded_run(client, pk, bias_rows())
    map_columns(client, run, prediction="pred", label="outcome", protected=["sex", "age_band"])
    tasks.run_audit.call(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.problems
    return run


def test_columns_are_guessed_from_their_names() -> None:
    columns = ["id", "pred", "risk", "outcome", "sex", "age_band", "Ethnicity", "disability"]
    assert guess_mapping("bias", [*columns, "postcode", "page"]) == {
        "prediction": "pred",
        "score": "",
        "label": "outcome",
        "protected": ["sex", "age_band", "Ethnicity", "disability"],
        "cross": True,
    }
    assert guess_mapping("bias", ["risk_score", "gender"])["score"] == "risk_score"
    assert guess_mapping("errors", ["Verdict", "age"]) == {"verdict": "Verdict", "groups": ["age"]}
    assert guess_mapping("quality", columns) == {}


# The worker closes database connections between tasks, as it should in production; a
# transaction-wrapped test would lose its connection (on PostgreSQL), so this one commits.
@pytest.mark.django_db(transaction=True)
def test_a_bias_audit_runs_in_the_worker_and_shows_its_result(
    proposer: CheckedClient, personas: Personas, worker_signals: None
) -> None:
    pk = personas.proposal_a.pk
    run = uploaded_run(proposer, pk, bias_rows())
    assert run.columns == ["id", "pred", "outcome", "sex", "age_band"]

    form = proposer.get(reverse("evidence_mapping", kwargs={"pk": pk, "run": run.pk}))
    assert form.status_code == 200
    page = form.content.decode()
    assert '<option value="pred" selected>' in page
    assert 'value="sex" checked' in page and 'value="id" checked' not in page

    response = map_columns(
        proposer,
        run,
        prediction="pred",
        label="outcome",
        protected=["sex", "age_band"],
        cross="on",
        use="punitive",
        worse_error="false_positive",
    )
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert DBTaskResult.objects.filter(id=run.task_id).exists()
    assert "Queued" in run_page(proposer, run)

    call_command(
        "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
    )
    run.refresh_from_db()
    assert (run.status, run.progress) == (RunStatus.DONE, 100)
    assert run.result["rows"] == 388

    page = run_page(proposer, run)
    assert "False positive rate" in page  # the guide's headline for a punitive tool
    assert "By sex" in page and "By sex and age_band" in page
    assert 'role="img"' in page and "<desc" in page and "(table)</caption>" in page
    assert "Flagged</strong>" in page  # women are selected far more often than men
    assert "Differences between groups" in page
    assert "withheld (&lt;10)" in page  # the 8 people of sex X
    assert "Attach as evidence for bias audit" in page


def test_the_progress_fragment_polls_until_the_run_ends(
    proposer: CheckedClient, personas: Personas
) -> None:
    pk = personas.proposal_a.pk
    run = uploaded_run(proposer, pk, bias_rows())
    map_columns(proposer, run, prediction="pred", protected=["sex"])
    url = reverse("evidence_progress", kwargs={"pk": pk, "run": run.pk})

    polling = proposer.get(url, **HTMX)
    assert 'hx-trigger="every 2s"' in polling.content.decode()
    assert "HX-Refresh" not in polling

    tasks.run_audit.call(run.pk)
    done = proposer.get(url, **HTMX)
    assert "hx-trigger" not in done.content.decode()
    assert done["HX-Refresh"] == "true"
    assert proposer.get(url).status_code == 302  # without htmx: the run's own page


def test_a_column_not_in_the_file_is_refused_by_name(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows())
    response = map_columns(proposer, run, prediction="predicted", protected=["sex"])
    assert response.status_code == 400
    summary = error_summary(response.content)
    assert "'predicted'" in summary and "Did you mean 'pred'" in summary
    run.refresh_from_db()
    assert run.status == RunStatus.MAPPING


def test_the_engines_problems_are_shown_with_column_row_and_value(
    proposer: CheckedClient, personas: Personas
) -> None:
    content = _csv(["pred", "outcome", "sex"], [[1, 0, "F"], [0, 1, "M"], [1, 2, "F"], [0, 0, "M"]])
    run = uploaded_run(proposer, personas.proposal_a.pk, content, name="bad.csv")
    map_columns(proposer, run, prediction="pred", label="outcome", protected=["sex"])
    assert tasks.run_audit.call(run.pk) == "failed"
    run.refresh_from_db()
    assert run.problems[0] | {"message": ""} == {
        "message": "",
        "column": "outcome",
        "row": 3,
        "value": "2",
    }
    page = run_page(proposer, run)
    assert "<title>Error: Bias audit of bad.csv" in page
    assert "column &#39;outcome&#39;, row 3, value &#39;2&#39;" in page
    assert "Change the columns and run again" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("outputs.txt", b"a,b\n1,2\n", "must be a CSV, Parquet or Excel file"),
        ("outputs.csv", b"", "The selected file is empty"),
        ("outputs.csv", b"pred,sex\n", "'outputs.csv' has no data rows"),
        ("outputs.csv", b"pred,sex\n" + b"1,F\n" * 40, "must be smaller than 0.1 KB"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(
    proposer: CheckedClient,
    personas: Personas,
    settings: Any,
    uploads: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    settings.COOPAI_MAX_AUDIT_UPLOAD_BYTES = 100
    response = upload(proposer, personas.proposal_a.pk, content, name=name)
    assert response.status_code == 400
    assert message in error_summary(response.content)
    assert "<title>Error: Upload a file to audit" in response.content.decode()
    assert not AuditRun.objects.exists()
    assert not [path for path in uploads.rglob("*") if path.is_file()]


def test_attaching_a_bias_audit_ticks_the_mitigation_and_records_it(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    before = proposal.answers.get(part="mitigations").value
    assert "bias_audit" not in before
    run = finished_bias_run(proposer, proposal.pk)

    response = proposer.post(reverse("evidence_attach", kwargs={"pk": proposal.pk, "run": run.pk}))
    assert response.status_code == 302
    assert proposal.answers.get(part="mitigations").value == [*before, "bias_audit"]
    run.refresh_from_db()
    assert run.attached_to == "bias_audit"
    fields = set(proposal.changes.values_list("field", flat=True))
    assert {"mitigations", "evidence.bias_audit"} <= fields
    history = proposer.get(reverse("history", kwargs={"pk": proposal.pk})).content.decode()
    assert "Audit attached as evidence" in history
    assert "Attached as evidence for the mitigation: Bias audit" in run_page(proposer, run)


def test_an_error_audit_is_evidence_for_accuracy_testing(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    run = uploaded_run(proposer, proposal.pk, verdict_rows(), name="reviewed.csv", kind="errors")
    form = proposer.get(reverse("evidence_mapping", kwargs={"pk": proposal.pk, "run": run.pk}))
    assert '<option value="verdict" selected>' in form.content.decode()
    map_columns(proposer, run, verdict="verdict", groups=["language"])
    assert tasks.run_audit.call(run.pk) == "done"
    page = run_page(proposer, run)
    assert "Any-error rate by group" in page and "language: Welsh" in page
    assert "language=Welsh" not in page
    assert "Attach as evidence for accuracy tested" in page

    proposer.post(reverse("evidence_attach", kwargs={"pk": proposal.pk, "run": run.pk}))
    mitigations = proposal.answers.get(part="mitigations").value
    assert mitigations.count("accuracy_tested") == 1
    assert proposal.changes.filter(field="evidence.accuracy_tested").exists()


def test_a_data_quality_profile_needs_no_mapping(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = uploaded_run(proposer, personas.proposal_a.pk, bias_rows(), kind="quality")
    assert map_columns(proposer, run).status_code == 302
    assert tasks.run_audit.call(run.pk) == "done"
    page = run_page(proposer, run)
    assert "Data-quality profile of outputs.csv" in page and "age_band" in page
    assert "Attach as evidence" not in page


def test_deleting_the_upload_keeps_only_the_result(
    proposer: CheckedClient, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    run = finished_bias_run(proposer, personas.proposal_a.pk)
    stored = Path(run.upload.path)
    assert stored.is_file()

    url = reverse("evidence_delete_upload", kwargs={"pk": run.proposal_id, "run": run.pk})
    with django_capture_on_commit_callbacks(execute=True) as removals:
        assert proposer.post(url).status_code == 302
        assert stored.is_file()  # not until the deletion is committed
    assert len(removals) == 1
    run.refresh_from_db()
    assert run.raw_deleted and not run.upload and run.result is not None
    assert not stored.exists() and not stored.parent.exists()
    assert personas.proposal_a.changes.filter(field="evidence.upload", old="outputs.csv").exists()
    page = run_page(proposer, run)
    assert "The uploaded file has been deleted" in page and "Selection rate" in page
    assert proposer.post(url).status_code == 404


@pytest.mark.parametrize("who", ["reviewer_a", "viewer_a"])
def test_reviewers_and_viewers_read_results_but_change_nothing(
    proposer: CheckedClient, personas: Personas, who: str
) -> None:
    run = finished_bias_run(proposer, personas.proposal_a.pk)
    client = personas.client_for(getattr(personas, who))
    kwargs = {"pk": run.proposal_id, "run": run.pk}
    assert client.get(reverse("evidence", kwargs={"pk": run.proposal_id})).status_code == 200
    page = run_page(client, run)
    assert "Selection rate" in page and "Attach as evidence" not in page
    assert "Delete the uploaded file" not in page
    assert client.post(reverse("evidence_attach", kwargs=kwargs)).status_code == 403
    assert client.post(reverse("evidence_delete_upload", kwargs=kwargs)).status_code == 403
    response = upload(client, run.proposal_id, bias_rows())
    assert response.status_code == 403
    run.refresh_from_db()
    assert (run.attached_to, run.raw_deleted) == ("", False)


def test_a_proposer_cannot_audit_a_colleagues_proposal(personas: Personas) -> None:
    from coopai.web.councils.services import member_add

    colleague = member_add(
        council=personas.council_a, username="proposer_a2", password="x" * 20, role="proposer"
    )
    client = personas.client_for(colleague)
    assert upload(client, personas.proposal_a.pk, bias_rows()).status_code == 404
    assert client.get(reverse("evidence", kwargs={"pk": personas.proposal_a.pk})).status_code == 200


def test_a_run_is_not_found_through_another_councils_proposal(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = finished_bias_run(proposer, personas.proposal_a.pk)
    other = personas.client_for(personas.user_b)
    kwargs = {"pk": personas.proposal_b.pk, "run": run.pk}
    assert other.get(reverse("evidence_run", kwargs=kwargs)).status_code == 404
    assert (
        other.get(reverse("evidence_report", kwargs={**kwargs, "fmt": "json"})).status_code == 404
    )
    assert other.post(reverse("evidence_delete_upload", kwargs=kwargs)).status_code == 404


def test_the_engines_report_can_be_downloaded(proposer: CheckedClient, personas: Personas) -> None:
    run = finished_bias_run(proposer, personas.proposal_a.pk)
    kwargs = {"pk": run.proposal_id, "run": run.pk}
    report = proposer.get(reverse("evidence_report", kwargs={**kwargs, "fmt": "html"}))
    assert report.status_code == 200
    assert "<h1>Bias audit of outputs.csv</h1>" in report.content.decode()
    published = proposer.get(reverse("evidence_report", kwargs={**kwargs, "fmt": "json"})).json()
    assert published["publication"] is True and published["suppression_limit"] == 10


def test_the_flag_table_lays_out_the_engines_comparisons(
    proposer: CheckedClient, personas: Personas
) -> None:
    run = finished_bias_run(proposer, personas.proposal_a.pk)
    result = selectors.audit_result_published(run=run)
    assert result is not None
    comparisons = findings(result).comparisons
    page = run_page(proposer, run)
    table = page[page.index("Differences between groups") : page.index("</table>")]
    for comparison in comparisons:
        assert f">{comparison.characteristic}<br>" in table
    # Men are selected far less often than women.
    assert "sex: M (selection rate lower" in table and "sex=M" not in table
    assert table.count("Flagged</strong>") == sum(1 for c in comparisons if c.flagged)
    # The engine's own summary leads the page, its findings sentence first.
    assert html.escape(selectors.audit_document(result=result).summary[0], quote=True) in page


def test_a_marked_cell_becomes_a_tag_beside_its_figure() -> None:
    table = report.Table(
        "Headline metrics by sex",
        ["Group", "Ratio", "Four-fifths"],
        [[report.Cell("sex=M"), report.Cell("0.40", "flagged"), report.Cell("", "fails")]],
    )
    document = report.Document("Bias audit", [], [report.Section("By sex", tables=[table])])
    (row,) = document_view(document).sections[0].tables[0].rows
    assert row == [Cell("sex=M"), Cell("0.40", "Flagged"), Cell("", "Fails")]


def test_every_kind_of_audit_has_an_engine_entry_a_form_a_first_guess_and_a_runner() -> None:
    assert set(AuditKind) == set(KINDS) == set(tasks.RUNNERS)
    assert set(AuditKind) == set(forms.MAPPING_FORMS) == set(forms.GUESSES)


def test_every_kind_of_audit_has_its_part_of_the_mapping_page() -> None:
    parts = {path.stem for path in MAPPING_PARTS.glob("*.html") if not path.stem.startswith("_")}
    assert parts == set(AuditKind)


def test_an_upload_is_kept_when_recording_its_deletion_fails(
    proposer: CheckedClient, personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    run = finished_bias_run(proposer, personas.proposal_a.pk)
    stored = Path(run.upload.path)
    run.progress = -1  # the database's check on a positive field refuses the save
    with (
        django_capture_on_commit_callbacks(execute=True) as removals,
        pytest.raises(IntegrityError),
    ):
        services.audit_run_delete_upload(run=run, user=personas.proposer_a)
    assert removals == []
    assert stored.is_file()
    run.refresh_from_db()
    assert not run.raw_deleted and Path(run.upload.path) == stored
    assert not personas.proposal_a.changes.filter(field="evidence.upload").exists()
