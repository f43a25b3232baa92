"""A proposer audits an AI's outputs for bias in the browser and attaches the audit as
evidence; axe-core checks every page, the results and charts included."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from coopai.web.councils.models import Council, Role
from coopai.web.councils.services import member_add
from coopai.web.proposals import services
from coopai.web.proposals.models import Proposal
from tests.e2e.browser import AuditedPage, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-demo-password"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def proposal(db: Any, settings: Any, tmp_path: Path) -> Proposal:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    council = Council.objects.create(name="Exampleshire Council", slug="exampleshire")
    user = member_add(council=council, username="proposer", password=PASSWORD, role=Role.PROPOSER)
    return services.proposal_import(
        council=council,
        user=user,
        file_name="council-tax-fraud-risk-score.yaml",
        text=(EXAMPLES / "council-tax-fraud-risk-score.yaml").read_text(),
    )


def outputs_csv(path: Path) -> Path:
    """400 people: women selected more often than men, both groups large enough to judge."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "pred", "outcome", "sex", "age_band"])
    for i in range(400):
        sex = "F" if i % 2 else "M"
        pred = int(i % (3 if sex == "F" else 7) == 0)
        writer.writerow([i, pred, int(i % 4 == 0), sex, ["16-34", "35-64", "65+"][i % 3]])
    path.write_text(out.getvalue())
    return path


def test_a_bias_audit_from_upload_to_evidence(
    browser_page: AuditedPage, proposal: Proposal, tmp_path: Path
) -> None:
    page = browser_page
    login(page, "proposer", PASSWORD)
    page.goto(f"/proposals/{proposal.pk}/evidence/")
    page.click(page.get_by_role("button", name="Upload a file to audit"))
    page.get_by_label("Bias audit").check()
    page.set_input_files("#id_file", outputs_csv(tmp_path / "outputs.csv"))
    page.click(page.get_by_role("button", name="Upload and continue"))

    assert page.locator("h1").inner_text() == "Choose the columns"
    assert page.locator("#id_prediction").input_value() == "pred"
    for name in ("use", "worse_error"):
        page.locator(f"input[name={name}]").first.check()
    page.click(page.get_by_role("button", name="Run the audit"))
    assert "Queued" in page.content() or "Running" in page.content()

    call_command(
        "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
    )
    page.goto(page.url)
    assert page.locator("svg[role=img]").count() >= 1
    assert page.locator("table.govuk-table").count() >= 1

    page.click(page.get_by_role("button", name=re.compile("^Attach as evidence")))
    in_place = proposal.answers.get(part="mitigations").value
    assert "bias_audit" in in_place
