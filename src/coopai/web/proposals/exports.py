"""The register as CSV and XLSX, for the rows the person filtered to."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from coopai.framework import Framework
from coopai.framework.result import RECOMMENDATION_WORDS
from coopai.web.councils.models import Council
from coopai.web.proposals.models import Proposal

HEADERS = [
    "Title",
    "Service area",
    "Category",
    "Technique",
    "Stage",
    "Tier",
    "Recommendation",
    "Owner",
    "Last changed",
    "Framework version",
]


def _rows(proposals: Iterable[Proposal], framework: Framework) -> Iterable[list[str]]:
    """One row a proposal, in words: category and technique by name, as the register
    page shows them, never by id."""
    categories = {c.id: c.name for c in framework.categories}
    techniques = {t.id: t.name for t in framework.techniques}
    for p in proposals:
        yield [
            p.title,
            p.service_area,
            categories.get(p.category, p.category),
            techniques.get(p.technique, p.technique),
            p.get_stage_display(),
            "" if p.tier is None else str(p.tier),
            RECOMMENDATION_WORDS.get(p.recommendation, ""),
            p.owner.get_username(),
            timezone.localtime(p.updated_at).strftime("%Y-%m-%d %H:%M"),
            p.framework_version,
        ]


def _safe(cell: str) -> str:
    """Stop a spreadsheet treating a cell as a formula (CSV injection)."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _name(council: Council, extension: str) -> str:
    return f"{council.slug}-ai-register-{timezone.localdate():%Y-%m-%d}.{extension}"


def register_csv(
    proposals: Iterable[Proposal], council: Council, framework: Framework
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(council, "csv")}"'
    writer = csv.writer(response)
    writer.writerow(HEADERS)
    for row in _rows(proposals, framework):
        writer.writerow([_safe(cell) for cell in row])
    return response


def register_xlsx(
    proposals: Iterable[Proposal], council: Council, framework: Framework
) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "AI register"
    sheet.append(HEADERS)
    for row in _rows(proposals, framework):
        sheet.append([_safe(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(council, "xlsx")}"'
    return response
