"""The background task that runs an audit: `db_worker` picks it up from the database.

It calls the audit engine on the stored upload, reporting progress onto the run as it
goes. Problems with the file are the user's to fix and are stored for the run's page;
anything else is a fault of ours: logged with context, recorded, and raised again so
the task itself is marked failed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.utils import timezone
from django_tasks import task

from coopai.audit import (
    AuditInputError,
    BiasMapping,
    BiasOptions,
    bias_audit,
    error_audit,
    quality_profile,
)
from coopai.audit.result_json import to_json_data
from coopai.audit.results import AuditResult
from coopai.audit.source import ProgressCallback
from coopai.web.evidence.models import AuditKind, AuditRun, RunStatus

logger = logging.getLogger(__name__)
FAULT = (
    "The audit stopped because of a fault in coopai, not in your file. It has been logged; "
    "try again later, or tell the team that runs this service."
)


@task()
def run_audit(run_id: int) -> str:
    """Run one queued audit; returns the run's final status."""
    run = AuditRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED or run.raw_deleted:
        logger.warning("audit run %s is %s, not queued: skipped", run_id, run.status)
        return str(run.status)
    _update(run_id, status=RunStatus.RUNNING, progress=0)
    try:
        result = _audit(run, _progress_recorder(run_id))
    except AuditInputError as error:
        _update(
            run_id,
            status=RunStatus.FAILED,
            problems=[asdict(problem) for problem in error.problems],
            finished_at=timezone.now(),
        )
        return RunStatus.FAILED.value
    except Exception:
        logger.exception(
            "audit run %s (%s of %r for proposal %s) stopped unexpectedly",
            run_id,
            run.kind,
            run.file_name,
            run.proposal_id,
        )
        _update(
            run_id,
            status=RunStatus.FAILED,
            problems=[{"message": FAULT, "column": None, "row": None, "value": None}],
            finished_at=timezone.now(),
        )
        raise
    _update(
        run_id,
        status=RunStatus.DONE,
        progress=100,
        result=to_json_data(result),
        finished_at=timezone.now(),
    )
    return RunStatus.DONE.value


def _audit(run: AuditRun, on_progress: ProgressCallback) -> AuditResult:
    return RUNNERS[AuditKind(run.kind)](Path(run.upload.path), run.mapping, on_progress)


def _bias(path: Path, mapping: dict[str, Any], on_progress: ProgressCallback) -> AuditResult:
    return bias_audit(
        path,
        mapping=BiasMapping(
            protected=mapping["protected"],
            prediction=mapping.get("prediction"),
            score=mapping.get("score"),
            threshold=mapping.get("threshold"),
            label=mapping.get("label"),
            # None crosses every protected column together, as the engine does by default.
            intersections=None if mapping.get("cross", True) else [],
            reference=mapping.get("reference", {}),
            value_names=mapping.get("value_names", {}),
        ),
        options=BiasOptions(use=mapping.get("use"), worse_error=mapping.get("worse_error")),
        on_progress=on_progress,
    )


def _errors(path: Path, mapping: dict[str, Any], on_progress: ProgressCallback) -> AuditResult:
    return error_audit(
        path, verdict=mapping["verdict"], groups=mapping.get("groups", []), on_progress=on_progress
    )


def _quality(path: Path, mapping: dict[str, Any], on_progress: ProgressCallback) -> AuditResult:
    return quality_profile(path, on_progress=on_progress)


RUNNERS: dict[AuditKind, Callable[[Path, dict[str, Any], ProgressCallback], AuditResult]] = {
    AuditKind.BIAS: _bias,
    AuditKind.ERRORS: _errors,
    AuditKind.QUALITY: _quality,
}
"""How each kind of run calls the engine with the mapping stored on it."""


def _progress_recorder(run_id: int) -> ProgressCallback:
    """Store progress as whole percentages, only when it moves; 100 waits for the result."""
    shown = -1

    def record(fraction: float) -> None:
        nonlocal shown
        percent = max(0, min(99, int(fraction * 100)))
        if percent > shown:
            shown = percent
            _update(run_id, progress=percent)

    return record


def _update(run_id: int, **fields: Any) -> None:
    """Write only these fields, so a change made meanwhile by a person is not overwritten."""
    AuditRun.objects.filter(pk=run_id).update(updated_at=timezone.now(), **fields)
