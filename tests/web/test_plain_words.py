"""Nothing internal reaches a person: the result, check answers, history, the register's
exports and the Markdown report use the questions' text and the answers' labels. Ids stay
in the JSON and YAML downloads only."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coopai.framework import load_framework
from coopai.web.proposals import services
from coopai.web.proposals.models import Change, Proposal

from .conftest import EXAMPLES, CheckedClient, Personas
from .lifecycle import approved
from .words import ids_in, table_rows, visible_text

FRAMEWORK = load_framework()


def imported(personas: Personas, path: Path) -> Proposal:
    return services.proposal_import(
        council=personas.council_a,
        user=personas.proposer_a,
        text=path.read_text(),
        file_name=path.name,
    )


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_page_of_an_example_shows_an_id_or_a_raw_value(
    proposer: CheckedClient, personas: Personas, path: Path
) -> None:
    proposal = imported(personas, path)
    for name in ("result", "check_answers", "history", "proposal"):
        page = proposer.get(reverse(name, kwargs={"pk": proposal.pk})).content.decode()
        assert ids_in(visible_text(page), FRAMEWORK) == [], (path.name, name)


def test_the_checker_finds_ids_and_raw_values() -> None:
    text = "Was facts.workforce_effect, now True for 60000 people; proceed_with_conditions."
    assert ids_in(text, FRAMEWORK) == [
        "proceed_with_conditions",
        "workforce_effect",
        "True",
        "60000",
    ]
    assert ids_in("60,000 people answered Yes; no-workforce_effect-here", FRAMEWORK) == []


def history(client: CheckedClient, proposal: Proposal) -> list[list[str]]:
    page = client.get(reverse("history", kwargs={"pk": proposal.pk})).content.decode()
    assert ids_in(visible_text(page), FRAMEWORK) == []
    return [row[2:] for row in table_rows(page)]


@pytest.mark.parametrize(
    ("field", "old", "new", "shown"),
    [
        (
            "facts.workforce_effect",
            "augments",
            "replaces",
            ["What does the AI mean for staff jobs?", "It helps staff do their existing jobs."],
        ),
        ("facts.data_linking", False, True, ["Does it join together datasets about people?"]),
        ("facts.people_per_year", 60000, 120000, ["About how many people", "60,000", "120,000"]),
        ("mitigations", ["dpia"], ["dpia", "eqia"], ["Which of these are already in place?"]),
        ("category", "", "citizen_engagement", ["What kind of use is it?", "Citizen engagement"]),
        ("technique", "", "generative_text", ["What kind of AI is it?", "Generative text"]),
        ("enablers.governance", 1, 2, ["How well is AI governed", "1: Emerging", "2: Established"]),
        ("principles.fairness", None, 2, ["fairness and equality?", "Not given", "2 of 3"]),
        ("principles.fairness.evidence", "", "Tested.", ["fairness and equality? (evidence)"]),
        ("suitability.problem_defined", None, "no", ["Can you say clearly what problem"]),
        ("benefits.hours_per_year", 3000, 4000, ["Staff hours freed each year", "4,000"]),
        ("stage", "in_review", "approved", ["Stage", "In review", "Approved"]),
        ("review.vote", None, "approve_with_conditions", ["Vote", "Approve with conditions"]),
        ("condition", "Publish monthly figures", "waived", ["Condition", "Waived"]),
        ("review_date", "2026-11-27", "2027-11-27", ["Next review date", "27 November 2027"]),
        ("comment.data", None, "Which records?", ["Comment on Data"]),
        ("comment.general", None, "Looks fine.", ["Comment on the whole proposal"]),
        ("evidence.dpia", "DPIA v1", "accepted", ["Evidence for A data protection", "Accepted"]),
        ("evidence.bias_audit", None, "Run 3 (audit 3)", ["Evidence for Bias audit"]),
        ("evidence.upload", "rows.csv", None, ["Uploaded audit file", "rows.csv", "Not given"]),
        (
            "exception.equality_impact_assessment",
            None,
            "Done by the county.",
            ["Exception for An equality impact"],
        ),
        ("transparency.contact_email", None, "ai@council.example", ["Transparency record: "]),
        ("framework_version", "1.0", "1.1", ["Framework version", "1.0", "1.1"]),
        (
            "not_known.data_leaves_uk",
            None,
            True,
            ["Is information about people stored or processed outside the UK?", "Not known"],
        ),
        ("facts.retired_question", "some_value", None, ["Retired question", "some_value"]),
    ],
)
def test_each_kind_of_change_reads_in_words(
    proposer: CheckedClient,
    personas: Personas,
    field: str,
    old: object,
    new: object,
    shown: list[str],
) -> None:
    proposal = personas.proposal_a
    proposal.changes.all().delete()
    Change.objects.create(
        proposal=proposal, user=personas.proposer_a, field=field, old=old, new=new
    )
    [row] = history(proposer, proposal)
    cells = " | ".join(row)
    for words in shown:
        assert words in cells, (field, cells)


def test_the_history_of_a_decided_proposal_is_in_words(
    personas: Personas,
) -> None:
    proposal = approved(personas)
    rows = history(personas.client_for(personas.viewer_a), proposal)
    assert any(r[0].startswith("Stage") and r[1:] == ["In review", "Approved"] for r in rows)
    assert any(r[0].startswith("Vote") and r[2] == "Approve" for r in rows)
    evidence = [r for r in rows if r[0].startswith("Evidence for A data protection impact")]
    assert any(r[2] == "Accepted" for r in evidence)


def test_the_register_exports_name_categories_and_techniques(
    proposer: CheckedClient, personas: Personas
) -> None:
    response = proposer.get(reverse("register_export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][2:4] == ["Citizen engagement", "Generative text"]
    assert ids_in(response.content.decode(), FRAMEWORK) == []
    response = proposer.get(reverse("register_export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    [row] = list(sheet.iter_rows(min_row=2, values_only=True))
    assert row[2:4] == ("Citizen engagement", "Generative text")
    assert row[6] == "Proceed with conditions"


def test_the_markdown_report_of_a_decided_proposal_uses_words(personas: Personas) -> None:
    proposal = approved(personas)
    client = personas.client_for(personas.viewer_a)
    response = client.get(
        reverse("committee_report", kwargs={"pk": proposal.pk, "fmt": "markdown"})
    )
    text = response.content.decode()
    assert "**Kind of AI:** Citizen engagement, Generative text" in text
    assert "| About how many people will it affect in a year? | 10,000 to 99,999 | 3 of 4 |" in text
    assert ids_in(text, FRAMEWORK) == []


def test_the_yaml_download_keeps_the_ids(proposer: CheckedClient, personas: Personas) -> None:
    text = proposer.get(reverse("download", kwargs={"pk": personas.proposal_a.pk})).content
    assert b"workforce_effect: augments" in text
    assert b"people_per_year: 60000" in text
