"""Opening an audit input (CSV, Parquet or XLSX) as a DuckDB table expression.

Nothing here loads the file into Python: DuckDB scans it in a streaming fashion
when a query runs, so memory stays near the size of the columns an audit touches.
CSV is read with every column as text, so that one odd value deep in a file is
reported by row instead of aborting the scan with a parser error; the audits cast
what they need and count what will not cast.
"""

from __future__ import annotations

import csv
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from coopai.audit.problems import AuditInputError, Problem, unknown_column

ProgressCallback = Callable[[float], None]
SUPPORTED_SUFFIXES = (".csv", ".parquet", ".pq", ".xlsx")


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass
class Table:
    """An opened input: a connection and the SQL expression that scans the file."""

    path: Path
    connection: duckdb.DuckDBPyConnection
    scan_sql: str
    columns: list[str]
    types: dict[str, str]

    def require_columns(self, wanted: Sequence[tuple[str, str]]) -> None:
        """Raise if any (column, role) pair names a column the file does not have."""
        problems = [
            unknown_column(name, self.columns, role)
            for name, role in wanted
            if name not in self.types
        ]
        if problems:
            raise AuditInputError(problems)

    def is_text(self, column: str) -> bool:
        return self.types[column] == "VARCHAR"

    def fetch(self, sql: str, on_progress: ProgressCallback | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` and return all rows, reporting progress (0..1) while it runs."""
        if on_progress is None:
            return self.connection.execute(sql).fetchall()
        return _fetch_with_progress(self.connection, sql, on_progress)

    def rows_where(
        self, condition_sql: str, column: str, limit: int = 3
    ) -> list[tuple[int, str | None]]:
        """The first rows (1-based data row numbers) where ``condition_sql`` holds.

        Only used once an audit already knows something is wrong. One thread keeps
        the scan in file order, so the row numbers are the file's own.
        """
        self.connection.execute("SET threads = 1")
        try:
            rows = self.connection.execute(
                f"SELECT row_number, CAST({quote_identifier(column)} AS VARCHAR) FROM "
                f"(SELECT row_number() OVER () AS row_number, * FROM {self.scan_sql}) "
                f"WHERE {condition_sql} ORDER BY row_number LIMIT {int(limit)}"
            ).fetchall()
        finally:
            self.connection.execute("RESET threads")
        return [(int(row_number), value) for row_number, value in rows]


@contextmanager
def open_table(path: str | Path) -> Iterator[Table]:
    """Open ``path`` for auditing; raises :class:`AuditInputError` if it cannot be read."""
    file_path = Path(path)
    if not file_path.is_file():
        raise AuditInputError([Problem(f"there is no file at {str(file_path)!r}.")])
    suffix = file_path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise AuditInputError(
            [
                Problem(
                    f"cannot read {file_path.name!r}: the file must end in .csv, .parquet or .xlsx."
                )
            ]
        )
    connection = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory(prefix="coopai-audit-") as scratch:
            if suffix == ".xlsx":
                scan_sql = _csv_scan(_xlsx_to_csv(file_path, Path(scratch)))
            elif suffix == ".csv":
                scan_sql = _csv_scan(file_path)
            else:
                scan_sql = f"read_parquet({quote_literal(str(file_path))})"
            table = _describe(file_path, connection, scan_sql)
            yield table
    finally:
        connection.close()


def _csv_scan(path: Path) -> str:
    return f"read_csv({quote_literal(str(path))}, all_varchar = true, header = true)"


def _describe(path: Path, connection: duckdb.DuckDBPyConnection, scan_sql: str) -> Table:
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM {scan_sql}").fetchall()
        has_rows = connection.execute(f"SELECT 1 FROM {scan_sql} LIMIT 1").fetchall()
    except duckdb.Error as error:
        raise AuditInputError(
            [Problem(f"cannot read {path.name!r} as a table: {error}")]
        ) from error
    if not has_rows:
        raise AuditInputError(
            [
                Problem(
                    f"{path.name!r} has no data rows: the audit needs a header row "
                    "followed by at least one row of data."
                )
            ]
        )
    types = {str(row[0]): str(row[1]) for row in described}
    return Table(path, connection, scan_sql, list(types), types)


def _xlsx_to_csv(path: Path, scratch: Path) -> Path:
    """Stream the first worksheet into a CSV file row by row (openpyxl read-only mode)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a corrupt workbook
        raise AuditInputError(
            [Problem(f"cannot read {path.name!r} as an Excel workbook: {error}")]
        ) from error
    target = scratch / "sheet.csv"
    try:
        sheet = workbook.worksheets[0]
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for values in sheet.iter_rows(values_only=True):
                writer.writerow([_cell_text(value) for value in values])
    finally:
        workbook.close()
    return target


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _fetch_with_progress(
    connection: duckdb.DuckDBPyConnection, sql: str, on_progress: ProgressCallback
) -> list[tuple[Any, ...]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["rows"] = connection.execute(sql).fetchall()
        except BaseException as error:  # re-raised on the caller's thread below
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
        fraction = connection.query_progress()
        if fraction >= 0:
            on_progress(min(fraction / 100, 1.0))
    if "error" in outcome:
        raise outcome["error"]
    on_progress(1.0)
    rows: list[tuple[Any, ...]] = outcome["rows"]
    return rows
