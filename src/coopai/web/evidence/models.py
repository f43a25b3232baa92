"""Audit runs: a file of an AI's outputs, how its columns map, and the engine's result.

The result stored is the audit engine's own JSON (``to_json_data(result)``), so the
web layer never recomputes a metric. The raw upload can be deleted once the audit has
run, leaving only these aggregate figures (data minimisation).
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from coopai.web.proposals.models import Proposal


class AuditKind(models.TextChoices):
    BIAS = "bias", "Bias audit"
    ERRORS = "errors", "Error audit"
    QUALITY = "quality", "Data-quality profile"


class RunStatus(models.TextChoices):
    MAPPING = "mapping", "Waiting for columns"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Mitigation(models.TextChoices):
    """The framework's mitigations an audit can be evidence for."""

    BIAS_AUDIT = "bias_audit", "Bias audit"
    ACCURACY_TESTED = "accuracy_tested", "Accuracy tested"


def upload_path(run: AuditRun, file_name: str) -> str:
    """A folder of its own per upload, keeping the file's name: the engine reads the
    format from the suffix and names the file in its messages and results."""
    name = PurePath(PurePath(file_name).name)
    return f"audits/{uuid.uuid4().hex}/{name.stem[:100]}{name.suffix.lower()}"


class AuditRun(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="audit_runs")
    kind = models.CharField(max_length=20, choices=AuditKind.choices)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.MAPPING)
    progress = models.PositiveSmallIntegerField(default=0)
    upload = models.FileField(upload_to=upload_path, max_length=200, blank=True)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    # The file's column names, read once at upload for the mapping form.
    columns = models.JSONField(default=list)
    # Each column's values, the most common first (null for a column with too many), read
    # at upload so the mapping form can offer them as reference groups and name them.
    values = models.JSONField(default=dict, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attached_to = models.CharField(max_length=40, choices=Mitigation.choices, blank=True)
    raw_deleted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.file_name}"

    @property
    def in_progress(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
