"""The public register: reachable without signing in, approved and live systems only,
transparency records that validate, and nothing private on any public page."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from coopai.framework.lifecycle import Stage
from coopai.transparency.record_schema import shipped_schema
from coopai.web.evidence.models import AuditRun
from coopai.web.proposals import services as proposal_services
from coopai.web.proposals.models import Proposal
from coopai.web.publication.models import TransparencyRecord
from coopai.web.reviews import services
from coopai.web.reviews.models import Evidence

from .conftest import EXAMPLES, CheckedClient, Personas, error_summary
from .lifecycle import approved, in_review, member, submitted, url


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def _import(personas: Personas, example: str, title: str) -> Proposal:
    text = (EXAMPLES / example).read_text()
    text = re.sub(r"title: .*", f"title: {title}", text, count=1)
    return proposal_services.proposal_import(
        council=personas.council_a, user=personas.proposer_a, text=text, file_name=example
    )


def _reference(proposal: Proposal) -> str:
    return TransparencyRecord.objects.get(proposal=proposal).reference


def _public_urls(anonymous: CheckedClient, published: list[Proposal]) -> list[str]:
    """Every public page and export, for every published system."""
    urls = [
        "/",
        reverse("public_register"),
        reverse("public_register") + "?q=a",
        reverse("public_council_register", args=["council-a"]),
        reverse("public_accessibility", args=["council-a"]),
        reverse("about_ai"),
        reverse("about_ai_technique", args=["generative_text"]),
        *(reverse("public_register_export", args=[fmt]) for fmt in ("csv", "xlsx", "json")),
        *(reverse("public_council_records", args=["council-a", fmt]) for fmt in ("csv", "json")),
    ]
    for proposal in published:
        args = ["council-a", _reference(proposal)]
        urls += [
            reverse("public_system", args=args),
            reverse("public_record", args=args),
            *(reverse("public_record_export", args=[*args, fmt]) for fmt in ("json", "csv")),
        ]
    return urls


def _text(response: Any) -> str:
    if response["Content-Type"].startswith("application/vnd.openxml"):
        book = load_workbook(io.BytesIO(response.content))
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return str(response.content.decode())


def test_the_public_register_is_reached_from_the_home_page_without_signing_in(
    personas: Personas, anonymous: CheckedClient
) -> None:
    proposal = approved(personas)
    home = anonymous.get("/").content.decode()
    assert f'href="{reverse("public_register")}"' in home
    register = anonymous.get(reverse("public_register"))
    assert register.status_code == 200
    assert proposal.title in register.content.decode()
    page = anonymous.get(reverse("public_system", args=["council-a", _reference(proposal)]))
    body = page.content.decode()
    assert "How to challenge a decision or ask for a person" in body
    assert "Safeguards in place" in body and "Data protection impact assessment" in body


def test_nothing_private_reaches_a_public_page(
    personas: Personas, anonymous: CheckedClient
) -> None:
    # People with names; a published system with reviewers' votes, a comment and a
    # private document behind it; and a draft, a rejected and a submitted proposal.
    for user, first, last in (
        (personas.proposer_a, "Priyanka", "Quennell"),
        (personas.reviewer_a, "Rowena", "Vasquez-Hale"),
        (personas.admin_a, "Adaeze", "Okonkwo-Baird"),
    ):
        user.first_name, user.last_name, user.email = first, last, f"{first.lower()}@staff.example"
        user.save()
    live = in_review(personas)
    services.comment_add(
        proposal=live,
        user=personas.reviewer_a,
        section="impact_on_people",
        text="PRIVATE-COMMENT-7731 about the call handlers",
    )
    services.evidence_add_document(
        proposal=live,
        user=personas.proposer_a,
        requirement="dpia",
        title="PRIVATE-DOCUMENT-4410 signed by Priyanka Quennell",
        upload=SimpleUploadedFile("PRIVATE-FILE-2290.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    from .lifecycle import settle

    settle(personas, live)
    AuditRun.objects.create(
        proposal=live,
        kind="bias",
        file_name="PRIVATE-AUDIT-FILE-8841.csv",
        created_by=personas.proposer_a,
    )
    services.vote_cast(
        proposal=live,
        membership=member(personas.reviewer_a),
        vote="approve",
        reasons="PRIVATE-VOTE-REASON-5512",
    )
    draft = _import(personas, "council-tax-fraud-risk-score.yaml", "PRIVATE-DRAFT-1180")
    rejected = in_review(
        personas, _import(personas, "childrens-risk-model.yaml", "PRIVATE-REJECTED-3307")
    )
    services.vote_cast(
        proposal=rejected, membership=member(personas.reviewer_a), vote="reject", reasons="No."
    )
    waiting = submitted(
        personas, _import(personas, "care-budget-estimate.yaml", "PRIVATE-SUBMITTED-6620")
    )
    assert list(Proposal.objects.values_list("stage", flat=True).order_by("id")) == [
        Stage.APPROVED,
        Stage.DRAFT,
        Stage.DRAFT,
        Stage.REJECTED,
        Stage.SUBMITTED,
    ]
    assert draft.stage == Stage.DRAFT and waiting.pk
    private = [
        "PRIVATE-",
        "Priyanka",
        "Quennell",
        "Rowena",
        "Vasquez",
        "Adaeze",
        "Okonkwo",
        "staff.example",
        "proposer_a",
        "reviewer_a",
        "admin_a",
        "user_b",
        personas.council_b.name,
        f"/proposals/{live.pk}/",
    ]
    for address in _public_urls(anonymous, [live]):
        response = anonymous.get(address)
        assert response.status_code == 200, address
        text = _text(response)
        leaked = [word for word in private if word in text]
        assert leaked == [], f"{address} shows {leaked}"
    assert Evidence.objects.filter(title__startswith="PRIVATE-DOCUMENT").exists()


@pytest.mark.parametrize(
    "stage_of",
    ["draft", "submitted", "rejected", "retired"],
)
def test_a_system_that_is_not_approved_or_live_has_no_public_page(
    personas: Personas, anonymous: CheckedClient, stage_of: str
) -> None:
    proposal = approved(personas)
    reference = _reference(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(stage=stage_of)
    assert anonymous.get(reverse("public_system", args=["council-a", reference])).status_code == 404
    assert anonymous.get(reverse("public_record", args=["council-a", reference])).status_code == 404
    assert proposal.title not in anonymous.get(reverse("public_register")).content.decode()


def test_search_and_filters_see_only_published_text(
    personas: Personas, anonymous: CheckedClient
) -> None:
    proposal = approved(personas)
    _import(personas, "council-tax-fraud-risk-score.yaml", "Zebra crossing counter")
    register = reverse("public_register")
    assert proposal.title in anonymous.get(register + "?q=council+tax").content.decode()
    assert "0 systems" in anonymous.get(register + "?q=Zebra").content.decode()
    assert proposal.title in anonymous.get(register + "?tier=2&council=council-a").content.decode()
    assert "0 systems" in anonymous.get(register + "?tier=4").content.decode()
    assert "1 system." in anonymous.get(register + "?tier=nonsense&stage=rejected").content.decode()


def test_the_register_downloads_as_csv_xlsx_and_json(
    personas: Personas, anonymous: CheckedClient
) -> None:
    proposal = approved(personas)
    rows = list(csv.reader(io.StringIO(_text(anonymous.get("/public/register.csv")))))
    assert rows[0][:3] == ["Council", "Name", "What it does"]
    assert [row[1] for row in rows[1:]] == [proposal.title]
    data = json.loads(anonymous.get("/public/register.json").content)
    assert [s["name"] for s in data["systems"]] == [proposal.title]
    assert proposal.title in _text(anonymous.get("/public/register.xlsx"))


def test_transparency_records_validate_against_the_shipped_schema(
    personas: Personas, anonymous: CheckedClient
) -> None:
    proposal = approved(personas)
    args = ["council-a", _reference(proposal)]
    schema = shipped_schema()
    record = json.loads(
        anonymous.get(reverse("public_record_export", args=[*args, "json"])).content
    )
    Draft202012Validator(schema).validate(record)
    assert record["coopai"]["stage"] == "approved"
    bundle = json.loads(
        anonymous.get(reverse("public_council_records", args=["council-a", "json"])).content
    )
    Draft202012Validator({"$ref": "#/$defs/bundle", "$defs": schema["$defs"]}).validate(bundle)
    assert len(bundle["records"]) == 1
    rows = list(
        csv.reader(
            io.StringIO(_text(anonymous.get(reverse("public_record_export", args=[*args, "csv"]))))
        )
    )
    assert "name" in rows[0] and rows[1][rows[0].index("name")] == proposal.title


def test_the_owner_completes_the_record_and_a_bad_value_is_refused_by_field(
    personas: Personas, proposer: CheckedClient
) -> None:
    proposal = approved(personas)
    page = proposer.get(url("transparency", proposal)).content.decode()
    assert "Still to complete:" in page and "Team" in page
    edit = url("transparency_edit", proposal)
    bad = proposer.post(edit, {"team": "x" * 5000})
    assert bad.status_code == 400
    assert "Team must be" in error_summary(bad.content)
    assert proposer.post(edit, {"team": "Customer services digital team"}).status_code == 302
    assert TransparencyRecord.objects.get(proposal=proposal).values == {
        "team": "Customer services digital team"
    }
    assert proposal.changes.filter(field="transparency.team").exists()
    record = proposer.get(url("transparency", proposal)).content.decode()
    assert "Customer services digital team" in record
    assert personas.client_for(personas.reviewer_a).post(edit, {"team": "x"}).status_code == 403
