"""Helpers that write small audit inputs in each supported format."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

Columns = Mapping[str, Sequence[object]]
Writer = Callable[..., Path]


def write_csv(path: Path, columns: Columns) -> Path:
    names = list(columns)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(zip(*(columns[name] for name in names), strict=True))
    return path


def write_parquet(path: Path, columns: Columns) -> Path:
    staging = write_csv(path.with_suffix(".staging.csv"), columns)
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{staging}')) TO '{path}' (FORMAT parquet)")
    staging.unlink()
    return path


def write_xlsx(path: Path, columns: Columns) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    names = list(columns)
    sheet.append(names)
    for row in zip(*(columns[name] for name in names), strict=True):
        sheet.append(list(row))
    workbook.save(path)
    return path


WRITERS = {"csv": write_csv, "parquet": write_parquet, "xlsx": write_xlsx}


@pytest.fixture
def table_file(tmp_path: Path) -> Callable[..., Path]:
    """Write ``columns`` to a file of the given format and return its path."""

    def write(columns: Columns, fmt: str = "csv", name: str = "outputs") -> Path:
        return WRITERS[fmt](tmp_path / f"{name}.{fmt}", columns)

    return write


def small_outputs() -> dict[str, list[object]]:
    """Twelve people, two sexes: confusion matrices worked out by hand in the tests.

    F: tp=2 fp=1 fn=1 tn=4 (8 rows)   M: tp=1 fp=2 fn=0 tn=1 (4 rows)
    """
    pairs = [(1, 1)] * 2 + [(1, 0)] + [(0, 1)] + [(0, 0)] * 4 + [(1, 1)] + [(1, 0)] * 2 + [(0, 0)]
    return {
        "sex": ["F"] * 8 + ["M"] * 4,
        "age_band": ["old", "young"] * 6,
        "pred": [p for p, _ in pairs],
        "outcome": [y for _, y in pairs],
        "risk": [0.9 if p else 0.2 for p, _ in pairs],
    }
