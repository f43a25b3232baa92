"""Load demo data: two councils, four people in each, and proposals from examples/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from coopai.web.councils.models import Role
from coopai.web.councils.services import council_get_or_create, member_add
from coopai.web.proposals.models import Proposal, Stage
from coopai.web.proposals.services import proposal_import

DEMO_PASSWORD = "coopai-demo-2026"
COUNCILS = [
    ("Exampleshire Council", "exampleshire", "#1f5c4a"),
    ("Sampleton Borough Council", "sampleton", "#4c2c69"),
]
# example file -> (council slug, stage)
PROPOSALS = {
    "resident-chatbot.yaml": ("exampleshire", Stage.APPROVED),
    "staff-writing-assistant.yaml": ("exampleshire", Stage.LIVE),
    "social-care-note-taking.yaml": ("exampleshire", Stage.SUBMITTED),
    "council-tax-fraud-risk-score.yaml": ("exampleshire", Stage.DRAFT),
    "childrens-risk-model.yaml": ("exampleshire", Stage.REJECTED),
    "predictive-repairs.yaml": ("exampleshire", Stage.LIVE),
    "rent-arrears-prioritisation.yaml": ("exampleshire", Stage.SUBMITTED),
    "document-translation.yaml": ("sampleton", Stage.LIVE),
    "automated-benefit-decision.yaml": ("sampleton", Stage.DRAFT),
    "meeting-minutes-summariser.yaml": ("sampleton", Stage.APPROVED),
    "larger-bin-eligibility.yaml": ("sampleton", Stage.SUBMITTED),
    "care-budget-estimate.yaml": ("sampleton", Stage.DRAFT),
}


class Command(BaseCommand):
    help = "Load demo councils, people and proposals (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        examples = Path(settings.ROOT_DIR) / "examples"
        with transaction.atomic():
            people = {}
            for name, slug, colour in COUNCILS:
                council = council_get_or_create(name=name, slug=slug, brand_colour=colour)
                for role in Role:
                    username = f"{role.value}.{slug}"
                    user = member_add(
                        council=council, username=username, password=DEMO_PASSWORD, role=role.value
                    )
                    people[(slug, role.value)] = (council, user)
            for file_name, (slug, stage) in PROPOSALS.items():
                council, owner = people[(slug, Role.PROPOSER.value)]
                text = (examples / file_name).read_text(encoding="utf-8")
                title = text.split("title:", 1)[1].splitlines()[0].strip()
                if Proposal.objects.filter(council=council, title=title).exists():
                    continue
                proposal = proposal_import(
                    council=council, user=owner, text=text, file_name=file_name
                )
                Proposal.objects.filter(pk=proposal.pk).update(stage=stage)
        self.stdout.write(
            f"Demo data loaded. Sign in with any of these (password {DEMO_PASSWORD}):"
        )
        for _, slug, _ in COUNCILS:
            names = ", ".join(f"{role.value}.{slug}" for role in Role)
            self.stdout.write(f"  {slug}: {names}")
