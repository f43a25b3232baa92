"""Records as JSON data (the shape atrs-record.schema.json describes) and as CSV.

A required field nobody has completed is an empty string, never left out, and the
record's `coopai.missing` lists it: the JSON is valid against the schema at every
stage, and a reader can see at once what is still to do.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from coopai.transparency.atrs import AtrsRecord
from coopai.transparency.standard import load_standard

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell: str) -> str:
    """Stop a spreadsheet treating a cell as a formula (CSV injection).

    The web app's register exports (web/proposals/exports.py) can use this one too.
    """
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def to_json_data(record: AtrsRecord) -> dict[str, Any]:
    """One record: standard_version, an object per section keyed by field id, and coopai."""
    standard = load_standard(record.standard_version)
    data: dict[str, Any] = {"standard_version": record.standard_version}
    for section in standard.sections:
        data[section.id] = {field.id: record.values[field.id] for field in section.fields}
    meta = record.metadata
    data["coopai"] = {
        "framework_version": meta.framework_version,
        "framework_local_version": meta.framework_local_version,
        "tier": meta.tier,
        "tier_label": meta.tier_label,
        "recommendation": meta.recommendation,
        "stage": meta.stage,
        "decision": meta.decision,
        "generated": meta.generated.isoformat(),
        "published": meta.published.isoformat() if meta.published else None,
        "updated": meta.updated.isoformat() if meta.updated else None,
        "missing": list(record.missing),
        "sources": {key: source for key, source in record.sources.items() if source},
    }
    return data


def bundle_json_data(
    records: Iterable[AtrsRecord], standard_version: str = "4.0"
) -> dict[str, Any]:
    """Several records, as a register exports them."""
    return {
        "standard_version": standard_version,
        "records": [to_json_data(record) for record in records],
    }


def to_csv(records: Sequence[AtrsRecord], standard_version: str = "4.0") -> str:
    """A header of field ids in the standard's order, then one row per record."""
    standard = load_standard(standard_version)
    ids = [field.id for field in standard.fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ids)
    for record in records:
        writer.writerow([safe_cell(record.values[key]) for key in ids])
    return buffer.getvalue()
