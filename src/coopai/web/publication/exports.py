"""The public register as CSV, XLSX and JSON, and downloads of transparency records."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from coopai.transparency import safe_cell
from coopai.web.publication.presenters import SystemRow

HEADERS = [
    ("council", "Council"),
    ("name", "Name"),
    ("description", "What it does"),
    ("service_area", "Service area"),
    ("category", "Kind of use"),
    ("technique", "Kind of AI"),
    ("tier", "Impact tier"),
    ("tier_label", "Impact"),
    ("stage", "Stage"),
    ("approved_on", "Approved on"),
    ("next_review", "Next review"),
    ("url", "Public page"),
    ("record_url", "Transparency record"),
]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cells(row: SystemRow) -> list[str]:
    data = asdict(row)
    return ["" if data[key] is None else str(data[key]) for key, _ in HEADERS]


def download(body: str | bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def register(rows: Sequence[SystemRow], fmt: str) -> HttpResponse:
    name = f"ai-register-{timezone.localdate():%Y-%m-%d}"
    if fmt == "json":
        data = {
            "generated": timezone.localdate().isoformat(),
            "systems": [
                dict(zip([key for key, _ in HEADERS], _cells(row), strict=True)) for row in rows
            ],
        }
        return download(json.dumps(data, indent=2), name, "json")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([title for _, title in HEADERS])
        for row in rows:
            writer.writerow([safe_cell(cell) for cell in _cells(row)])
        return download(buffer.getvalue(), name, "csv")
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "AI register"
    sheet.append([title for _, title in HEADERS])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in _cells(row)])
    out = io.BytesIO()
    book.save(out)
    return download(out.getvalue(), name, "xlsx")
