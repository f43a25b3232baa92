"""Queue the daily reminders job for the worker, unless a run is already queued."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coopai.web.reviews.tasks import daily_reminders, next_run


class Command(BaseCommand):
    help = "Queue the daily reminders job (idempotent: one queued run at a time)."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = DBTaskResult.objects.filter(task_path=daily_reminders.module_path, status="READY")
        if queued.exists():
            self.stdout.write("The daily reminders job is already queued.")
            return
        when = next_run(timezone.now())
        daily_reminders.using(run_after=when).enqueue()
        self.stdout.write(
            f"The daily reminders job is queued for {timezone.localtime(when):%d %B %Y %H:%M}."
        )
