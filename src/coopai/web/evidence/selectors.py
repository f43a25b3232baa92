"""Reads: a proposal's audit runs, and a run's stored result as the engine's own models."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from coopai.audit.kinds import document, publishable
from coopai.audit.report import Document
from coopai.audit.result_json import from_json_data
from coopai.audit.results import AuditResult
from coopai.framework import Framework
from coopai.web.evidence.models import AuditKind, AuditRun, Mitigation, RunStatus
from coopai.web.proposals.models import Proposal

MITIGATION_FOR_KIND = {
    AuditKind.BIAS: Mitigation.BIAS_AUDIT,
    AuditKind.ERRORS: Mitigation.ACCURACY_TESTED,
}


def audit_run_list_for_proposal(*, proposal: Proposal) -> QuerySet[AuditRun]:
    return AuditRun.objects.filter(proposal=proposal).select_related("created_by")


def audit_run_get(*, proposal: Proposal, pk: int) -> AuditRun:
    """A run of this proposal, or 404; the proposal is already scoped to the council."""
    try:
        return AuditRun.objects.select_related("proposal", "created_by").get(
            pk=pk, proposal=proposal
        )
    except AuditRun.DoesNotExist as missing:
        raise Http404("No such audit.") from missing


def audit_result_published(*, run: AuditRun) -> AuditResult | None:
    """The engine's result with counts under 10 withheld, as everything shown must be."""
    if run.status != RunStatus.DONE or run.result is None:
        return None
    return publishable(from_json_data(run.result))


def audit_document(*, result: AuditResult) -> Document:
    """The engine's report document (sections, tables, charts) for a result."""
    return document(result)


def mitigation_to_attach(*, run: AuditRun, framework: Framework) -> str | None:
    """The mitigation a finished run can be evidence for, if the framework has it."""
    mitigation = MITIGATION_FOR_KIND.get(AuditKind(run.kind))
    if run.status != RunStatus.DONE or mitigation is None:
        return None
    return mitigation.value if mitigation.value in framework.mitigation_by_id else None
