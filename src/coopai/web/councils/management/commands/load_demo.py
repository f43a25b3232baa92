"""Load demo data: two councils, their people, and proposals from examples/ taken
through review and decision the way people would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from coopai.web import demo


class Command(BaseCommand):
    help = "Load demo councils, people and proposals (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            logins = demo.load(Path(settings.ROOT_DIR) / "examples")
        self.stdout.write(
            f"Demo data loaded. Sign in with any of these (password {demo.DEMO_PASSWORD}):"
        )
        for line in logins:
            self.stdout.write(f"  {line}")
        self.stdout.write("The public register needs no sign-in: /public/")
