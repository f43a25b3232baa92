"""Writes: store a file to audit, queue the audit, attach it as evidence, delete the file.

Attaching goes through the proposals' own `answer_set`, so the engine checks the
mitigation, the history records it and the tier refreshes. The web layer computes no
metric: the background task in `tasks.py` calls the audit engine.
"""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path, PurePath
from typing import Any

from django.contrib.auth.models import User
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from coopai.audit import AuditInputError
from coopai.audit.columns import listed_values
from coopai.audit.source import open_table
from coopai.web.evidence import selectors, tasks
from coopai.web.evidence.models import AuditRun, RunStatus
from coopai.web.proposals import selectors as proposal_selectors
from coopai.web.proposals import services as proposal_services
from coopai.web.proposals.models import Answer, Change, Proposal
from coopai.web.proposals.services import ProposalFrozenError, ensure_editable
from coopai.web.reviews import services as review_services


def audit_run_create(
    *, proposal: Proposal, user: User, kind: str, upload: UploadedFile
) -> AuditRun:
    """Store an upload and read its column names, once the engine has read every row.

    A file the engine cannot read (a row that is not UTF-8, a ragged row, a column named
    twice) raises AuditInputError and is not kept, nor is one for a proposal submitted
    meanwhile: audits are part of the assessment.
    """
    with transaction.atomic():
        ensure_editable(proposal)
    name = PurePath(upload.name or "upload").name
    run = AuditRun(
        proposal=proposal,
        kind=kind,
        file_name=name[:255],
        file_size=upload.size or 0,
        created_by=user,
    )
    run.upload.save(name, upload, save=False)
    try:
        with open_table(run.upload.path) as table:
            run.columns = list(table.columns)
            run.values = listed_values(table)
    except AuditInputError:
        _remove_file(run)
        raise
    try:
        with transaction.atomic():
            ensure_editable(proposal)
            run.save()
    except ProposalFrozenError:
        _remove_file(run)
        raise
    return run


def audit_run_read_values(*, run: AuditRun) -> dict[str, list[str] | None]:
    """Read and keep the columns' values of a run uploaded before they were kept at
    upload; none if its file is gone or cannot be read now."""
    if run.values or run.raw_deleted or not run.upload:
        return dict(run.values)
    try:
        with open_table(run.upload.path) as table:
            run.values = listed_values(table)
    except AuditInputError:
        return {}
    run.save(update_fields=["values", "updated_at"])
    return dict(run.values)


def audit_run_start(*, run: AuditRun, mapping: dict[str, Any]) -> None:
    """Save the column mapping and queue the audit for the worker, in one transaction."""
    if run.in_progress or run.status == RunStatus.DONE or run.raw_deleted:
        raise ValueError(f"audit run {run.pk} is {run.status}; it cannot be started again")
    with transaction.atomic():
        ensure_editable(run.proposal)
        run.mapping = mapping
        run.status = RunStatus.QUEUED
        run.progress = 0
        run.problems = []
        run.result = None
        run.save()
        queued = tasks.run_audit.enqueue(run.pk)
        run.task_id = str(queued.id)
        run.save(update_fields=["task_id"])


def audit_run_attach(*, run: AuditRun, user: User) -> str:
    """Tick the run's mitigation on the proposal and record the audit as its evidence."""
    proposal = run.proposal
    mitigation = selectors.mitigation_to_attach(
        run=run, framework=proposal_selectors.framework_for(proposal)
    )
    if mitigation is None:
        raise ValueError(f"audit run {run.pk} cannot be attached as evidence")
    in_place = proposal_selectors.proposal_file_data(proposal=proposal).get("mitigations", [])
    with transaction.atomic():
        proposal_services.answer_set(
            proposal=proposal,
            user=user,
            part=Answer.Part.MITIGATIONS,
            key="in_place",
            value=list(dict.fromkeys([*in_place, mitigation])),
        )
        Change.objects.create(
            proposal=proposal,
            user=user,
            field=f"evidence.{mitigation}",
            old=run.attached_to or None,
            new=f"{run} (audit {run.pk})",
            note="Audit attached as evidence",
        )
        run.attached_to = mitigation
        run.save(update_fields=["attached_to", "updated_at"])
        # The audit is also the evidence, awaiting a reviewer, for each requirement that
        # this mitigation meets: attaching it is not a pass.
        for requirement in proposal_selectors.requirements_met_by(
            proposal=proposal, mitigation=mitigation
        ):
            review_services.evidence_add_audit(
                proposal=proposal, user=user, requirement=requirement, run=run
            )
    return mitigation


def audit_run_delete_upload(*, run: AuditRun, user: User) -> None:
    """Delete the uploaded rows, keeping only the aggregate result (data minimisation).

    The file goes only once the run's record of it is committed: if saving fails, the
    run still points at a file that is still there.
    """
    if run.in_progress:
        raise ValueError(f"audit run {run.pk} is still running")
    stored = run.upload.name
    with transaction.atomic():
        Change.objects.create(
            proposal=run.proposal,
            user=user,
            field="evidence.upload",
            old=run.file_name,
            new=None,
            note=f"Uploaded file deleted; the {run.get_kind_display().lower()} result is kept",
        )
        run.raw_deleted = True
        run.upload.name = ""
        run.save()
        if stored:
            transaction.on_commit(partial(_remove_stored, run.upload.storage, stored))


def _remove_file(run: AuditRun) -> None:
    """Remove an upload that no saved run refers to."""
    if run.upload:
        _remove_stored(run.upload.storage, run.upload.name)
        run.upload.name = ""


def _remove_stored(storage: Storage, name: str) -> None:
    folder = Path(storage.path(name)).parent
    storage.delete(name)
    with contextlib.suppress(OSError):  # the per-upload folder; left if anything else is in it
        folder.rmdir()
