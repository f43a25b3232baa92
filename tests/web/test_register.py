"""The AI register: filter, sort, search, paginate and export."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from coopai.web.proposals import services
from coopai.web.proposals.models import Proposal

from .conftest import EXAMPLES, CheckedClient, Personas


def load_examples(personas: Personas, names: list[str]) -> None:
    for name in names:
        services.proposal_import(
            council=personas.council_a,
            user=personas.proposer_a,
            text=(EXAMPLES / name).read_text(),
            file_name=name,
        )


def titles(client: CheckedClient, **params: str) -> list[str]:
    body = client.get(reverse("register"), params).content.decode()
    return [t for t in Proposal.objects.values_list("title", flat=True) if t in body]


def test_filter_by_tier_and_category(proposer: CheckedClient, personas: Personas) -> None:
    load_examples(personas, ["staff-writing-assistant.yaml", "council-tax-fraud-risk-score.yaml"])
    assert titles(proposer, tier="3") == ["Risk score for single person discount reviews"]
    assert "Writing assistant for office staff" in titles(proposer, category="productivity_support")
    assert "Writing assistant for office staff" not in titles(proposer, category="data_analytics")


def test_search_by_text_and_ignore_tampered_filters(
    proposer: CheckedClient, personas: Personas
) -> None:
    load_examples(personas, ["staff-writing-assistant.yaml"])
    assert titles(proposer, q="office staff") == ["Writing assistant for office staff"]
    everything = titles(proposer)
    assert titles(proposer, tier="99", stage="<script>", sort="password") == everything


def test_sort_by_tier(proposer: CheckedClient, personas: Personas) -> None:
    load_examples(personas, ["staff-writing-assistant.yaml", "childrens-risk-model.yaml"])
    body = proposer.get(reverse("register"), {"sort": "-tier"}).content.decode()
    assert body.index("Predicting children at risk") < body.index("Writing assistant")
    body = proposer.get(reverse("register"), {"sort": "tier"}).content.decode()
    assert body.index("Predicting children at risk") > body.index("Writing assistant")


def test_pagination(proposer: CheckedClient, personas: Personas) -> None:
    for number in range(25):
        services.proposal_create(
            council=personas.council_a, owner=personas.proposer_a, title=f"Idea number {number:02d}"
        )
    first = proposer.get(reverse("register"), {"sort": "title"}).content.decode()
    second = proposer.get(reverse("register"), {"sort": "title", "page": "2"}).content.decode()
    assert "Idea number 00" in first and "Idea number 19" not in second
    assert "Idea number 24" in second
    assert "govuk-pagination" in first


def test_export_csv_and_xlsx_follow_the_filters(
    proposer: CheckedClient, personas: Personas
) -> None:
    load_examples(personas, ["staff-writing-assistant.yaml"])
    response = proposer.get(reverse("register_export", kwargs={"fmt": "csv"}), {"tier": "1"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["Title", "Service area", "Category", "Technique", "Stage", "Tier"]
    assert [row[0] for row in rows[1:]] == ["Writing assistant for office staff"]
    response = proposer.get(reverse("register_export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    exported = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert exported == {"Writing assistant for office staff", personas.proposal_a.title}


def test_exports_defuse_spreadsheet_formulas(proposer: CheckedClient, personas: Personas) -> None:
    services.proposal_create(
        council=personas.council_a, owner=personas.proposer_a, title='=HYPERLINK("http://evil")'
    )
    body = proposer.get(reverse("register_export", kwargs={"fmt": "csv"})).content.decode()
    assert "'=HYPERLINK" in body
