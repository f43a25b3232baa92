"""The requirements checklist: evidence that counts only once a reviewer accepts it,
audits that are not a pass, and documents kept private and checked by their content."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from coopai.audit import findings
from coopai.web.evidence.models import RunStatus
from coopai.web.evidence.selectors import audit_result_published
from coopai.web.proposals import services as proposal_services
from coopai.web.proposals.models import Proposal
from coopai.web.reviews import services
from coopai.web.reviews.models import Evidence

from .conftest import EXAMPLES, CheckedClient, Personas, error_summary
from .lifecycle import in_review, member, url
from .test_evidence import finished_bias_run

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def uploads(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return Path(settings.MEDIA_ROOT)


def add_document(
    client: CheckedClient, proposal: Any, name: str, content: bytes, **extra: str
) -> Any:
    return client.post(
        url("evidence_add", proposal, requirement="dpia"),
        {"kind": "document", "title": "", "document": SimpleUploadedFile(name, content), **extra},
    )


@pytest.fixture
def tier3(personas: Personas) -> Proposal:
    """A tier 3 proposal, where a bias audit with evidence is required."""
    return proposal_services.proposal_import(
        council=personas.council_a,
        user=personas.proposer_a,
        text=(EXAMPLES / "rent-arrears-prioritisation.yaml").read_text(),
        file_name="rent.yaml",
    )


def test_an_attached_bias_audit_awaits_a_reviewer_with_its_findings(
    proposer: CheckedClient, personas: Personas, tier3: Proposal
) -> None:
    proposal = tier3
    run = finished_bias_run(proposer, proposal.pk)
    flagged = findings(audit_result_published(run=run)).count  # type: ignore[arg-type]
    assert flagged >= 2  # women are selected far more often than men
    assert proposer.post(url("evidence_attach", proposal, run=run.pk)).status_code == 302
    evidence = Evidence.objects.get(audit_run=run, requirement="bias_evidence")
    assert evidence.accepted_at is None
    result = proposer.get(url("result", proposal)).content.decode()
    assert f"Evidence attached — {flagged} differences flagged, awaiting a reviewer" in result
    assert "What the audits found" in result
    assert "Met</strong>" not in result.split("A bias audit with evidence attached")[1][:600]

    proposal = in_review(personas, proposal)
    reviewer = personas.client_for(personas.reviewer_a)
    refused = reviewer.post(url("evidence_accept", proposal, evidence=evidence.pk), {"note": " "})
    assert refused.status_code == 302
    page = reviewer.get(url("checklist", proposal)).content.decode()
    assert f"This audit flagged {flagged} differences" in page
    evidence.refresh_from_db()
    assert evidence.accepted_at is None
    reviewer.post(
        url("evidence_accept", proposal, evidence=evidence.pk),
        {"note": "Men are under-selected: retrain on 2025 cases and audit again in March."},
    )
    evidence.refresh_from_db()
    assert evidence.accepted_by == personas.reviewer_a
    page = reviewer.get(url("checklist", proposal)).content.decode()
    assert "Met: evidence accepted" in page and "retrain on 2025 cases" in page


def test_a_failed_audit_cannot_be_evidence_and_withdrawn_evidence_stops_counting(
    proposer: CheckedClient, personas: Personas, tier3: Proposal
) -> None:
    proposal = tier3
    run = finished_bias_run(proposer, proposal.pk)
    run.status = RunStatus.FAILED
    run.save()
    with pytest.raises(services.RefusedError, match="finished audit"):
        services.evidence_add_audit(
            proposal=proposal, user=personas.proposer_a, requirement="bias_evidence", run=run
        )
    link = services.evidence_add_link(
        proposal=proposal,
        user=personas.proposer_a,
        requirement="dpia",
        title="DPIA",
        url="https://council.example/dpia",
    )
    proposal = in_review(personas, proposal)
    services.evidence_accept(evidence=link, membership=member(personas.reviewer_a), note="")
    assert "Met: evidence accepted" in proposer.get(url("checklist", proposal)).content.decode()
    assert proposer.post(url("evidence_withdraw", proposal, evidence=link.pk)).status_code == 302
    page = proposer.get(url("checklist", proposal)).content.decode()
    assert "Withdrawn; does not count" in page
    assert "Met: evidence accepted" not in page


def test_a_document_is_stored_privately_under_a_random_name_and_served_only_to_the_council(
    proposer: CheckedClient, personas: Personas, uploads: Path
) -> None:
    proposal = personas.proposal_a
    response = add_document(proposer, proposal, "DPIA Jane Smith.pdf", PDF, title="Signed DPIA")
    assert response.status_code == 302, error_summary(response.content)
    evidence = Evidence.objects.get()
    stored = Path(evidence.document.path)
    assert stored.is_relative_to(uploads) and not stored.is_relative_to(settings.STATIC_ROOT)
    assert stored.suffix == ".pdf" and "Jane" not in stored.name and len(stored.stem) == 32
    assert (evidence.content_type, evidence.title) == ("application/pdf", "Signed DPIA")
    link = url("evidence_document", proposal, evidence=evidence.pk)
    served = personas.client_for(personas.viewer_a).get(link)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PDF  # type: ignore[attr-defined]
    assert personas.client_for(personas.user_b).get(link).status_code == 404
    assert personas.client_for(None).get(link).status_code == 302


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 200, "must be a PDF, Word document"),
        ("empty.pdf", b"", "The selected file is empty"),
        ("many.docx", _zip({f"f{i}.xml": b"" for i in range(5_001)}), "must be a PDF"),
        ("bomb.docx", _zip({"a.bin": b"\x00" * 5_000_000}), "must be a PDF"),
        ("notes.pdf", b"plain \x00 binary", "must be a PDF"),
    ],
    ids=["executable", "empty", "too-many-members", "zip-not-office", "binary"],
)
def test_a_document_that_is_not_an_allowed_type_is_refused_by_its_content(
    proposer: CheckedClient, personas: Personas, name: str, content: bytes, message: str
) -> None:
    response = add_document(proposer, personas.proposal_a, name, content)
    assert response.status_code == 400
    assert message in error_summary(response.content)
    assert not Evidence.objects.exists()


def test_a_document_over_the_size_limit_is_refused(
    proposer: CheckedClient, personas: Personas, settings: Any
) -> None:
    settings.COOPAI_MAX_DOCUMENT_BYTES = 1_000_000
    response = add_document(proposer, personas.proposal_a, "big.pdf", PDF + b" " * 1_000_001)
    assert response.status_code == 400
    assert "smaller than 1 MB" in error_summary(response.content)


def test_office_and_text_documents_are_recognised_from_their_content(
    proposer: CheckedClient, personas: Personas
) -> None:
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert add_document(proposer, personas.proposal_a, "policy.bin", docx).status_code == 302
    assert (
        add_document(proposer, personas.proposal_a, "notes.pdf", b"Minutes, 3 May.").status_code
        == 302
    )
    kinds = list(Evidence.objects.order_by("id").values_list("content_type", flat=True))
    assert kinds[0].endswith("wordprocessingml.document") and kinds[1].startswith("text/plain")
    assert Path(Evidence.objects.order_by("id").last().document.path).suffix == ".txt"  # type: ignore[union-attr]


def test_evidence_needs_a_requirement_that_applies_and_a_real_address(
    proposer: CheckedClient, personas: Personas
) -> None:
    proposal = personas.proposal_a
    missing = proposer.get(url("evidence_add", proposal, requirement="cabinet_approval"))
    assert missing.status_code == 404
    bad = proposer.post(
        url("evidence_add", proposal, requirement="dpia"),
        {"kind": "link", "url": "not a web address"},
    )
    assert bad.status_code == 400
    assert "Enter a web address" in error_summary(bad.content)


def test_only_accepted_audit_findings_are_published(
    proposer: CheckedClient, personas: Personas, tier3: Proposal
) -> None:
    from coopai.web.publication.models import TransparencyRecord

    from .lifecycle import settle

    run = finished_bias_run(proposer, tier3.pk)
    proposer.post(url("evidence_attach", tier3, run=run.pk))
    sentence = findings(audit_result_published(run=run)).sentence  # type: ignore[arg-type]
    proposal = in_review(personas, tier3)
    settle(personas, proposal, except_for=("bias_evidence",))
    reviewer = member(personas.reviewer_a)
    services.exception_record(
        proposal=proposal,
        membership=reviewer,
        requirement="bias_evidence",
        reason="The audit is read at the first quarterly review.",
    )
    services.vote_cast(proposal=proposal, membership=reviewer, vote="approve", reasons="Yes.")
    reference = TransparencyRecord.objects.get(proposal=proposal).reference
    public = f"/public/{personas.council_a.slug}/{reference}/transparency-record/"
    anonymous = personas.client_for(None)
    before = anonymous.get(public).content.decode()
    assert "Audit findings:" not in before and sentence.split(":")[0] not in before
    audit = Evidence.objects.get(audit_run=run, requirement="bias_evidence")
    services.evidence_accept(
        evidence=audit, membership=reviewer, note="Retrain and audit again in March."
    )
    assert "Audit findings:" in anonymous.get(public).content.decode()
