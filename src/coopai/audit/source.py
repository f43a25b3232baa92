"""Opening an audit input (CSV, Parquet or XLSX) as a DuckDB table expression.

Nothing here loads the file into Python: DuckDB scans it in a streaming fashion
when a query runs, so memory stays near the size of the columns an audit touches.
CSV is read with every column as text, so that one odd value deep in a file is
reported by row instead of aborting the scan with a parser error; the audits cast
what they need and count what will not cast. A CSV file's rows are all checked when it
is opened (:mod:`coopai.audit.csv_input`), so a row that cannot be read at all is
refused with its number before any audit starts.

Wholly empty rows (no value in any column, as spreadsheets leave behind) are left out
of every audit and counted: :meth:`Table.notes` says how many were skipped.
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

from coopai.audit.csv_input import (
    REJECTS_SHOWN,
    check_rows,
    csv_scan,
    no_data_rows,
    read_header,
    rewrite_checked,
)
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
    """The file's rows, wholly empty rows left out: what every audit reads."""
    columns: list[str]
    types: dict[str, str]
    raw_sql: str = ""
    """The file's rows as read, empty ones included: the numbering of rows in messages."""
    empty_rows: int = 0
    """Rows with no value in any column, left out of ``scan_sql``."""

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

    def notes(self) -> list[str]:
        """What every audit of this file should warn about: the empty rows it skipped."""
        if not self.empty_rows:
            return []
        rows = "row was" if self.empty_rows == 1 else "rows were"
        return [
            f"{self.empty_rows:,} wholly empty {rows} skipped: they have no value in any column."
        ]

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
        the scan in file order, so the row numbers are the file's own; they count empty
        rows too, though no condition is looked for in them.
        """
        wanted = (
            f"({condition_sql}) AND NOT ({self.empty_sql()})"
            if self.empty_rows
            else (condition_sql)
        )
        self.connection.execute("SET threads = 1")
        try:
            rows = self.connection.execute(
                f"SELECT row_number, CAST({quote_identifier(column)} AS VARCHAR) FROM "
                f"(SELECT row_number() OVER () AS row_number, * FROM {self.raw_sql}) "
                f"WHERE {wanted} ORDER BY row_number LIMIT {int(limit)}"
            ).fetchall()
        finally:
            self.connection.execute("RESET threads")
        return [(int(row_number), value) for row_number, value in rows]

    def empty_sql(self) -> str:
        """True for a row with no value in any column."""
        return empty_row_sql(self.columns)


def empty_row_sql(columns: Sequence[str]) -> str:
    return " AND ".join(f"{quote_identifier(column)} IS NULL" for column in columns)


@contextmanager
def open_table(path: str | Path) -> Iterator[Table]:
    """Open ``path`` for auditing; raises :class:`AuditInputError` if it cannot be read."""
    file_path = Path(path)
    if not file_path.is_file():
        raise AuditInputError([Problem(f"there is no file called {file_path.name!r}.")])
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
            folder = Path(scratch)
            if suffix == ".xlsx":
                sheet = _xlsx_to_csv(file_path, folder)
                table = _open_csv(file_path, connection, sheet, folder)
            elif suffix == ".csv":
                table = _open_csv(file_path, connection, file_path, folder)
            else:
                table = _open_parquet(file_path, connection)
            yield table
    finally:
        connection.close()


def _open_csv(
    path: Path, connection: duckdb.DuckDBPyConnection, csv_path: Path, scratch: Path
) -> Table:
    """Open a CSV file (``csv_path``, which an Excel sheet was turned into, or ``path``)."""
    header = read_header(csv_path, path.name)
    try:
        rows, empty_rows = check_rows(connection, csv_path, header, path.name)
    except duckdb.Error:
        # DuckDB stopped without saying which row: find it, or read a clean copy instead.
        checked = scratch / "checked.csv"
        header = rewrite_checked(csv_path, header, path.name, checked)
        csv_path = checked
        try:
            rows, empty_rows = check_rows(connection, csv_path, header, path.name)
        except duckdb.Error as error:
            raise AuditInputError([_unreadable(path, "a CSV file")]) from error
    raw_sql = csv_scan(csv_path, header)
    types = dict.fromkeys(header.names, "VARCHAR")
    return _table(path, connection, raw_sql, types, rows, empty_rows)


def _open_parquet(path: Path, connection: duckdb.DuckDBPyConnection) -> Table:
    raw_sql = f"read_parquet({quote_literal(str(path))})"
    try:
        described = connection.execute(f"DESCRIBE SELECT * FROM {raw_sql}").fetchall()
        types = {str(row[0]): str(row[1]) for row in described}
        rows, empty_rows = connection.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {empty_row_sql(list(types))}) FROM {raw_sql}"
        ).fetchall()[0]
    except duckdb.Error as error:
        raise AuditInputError([_unreadable(path, "a Parquet file")]) from error
    return _table(path, connection, raw_sql, types, int(rows), int(empty_rows))


def _unreadable(path: Path, what: str) -> Problem:
    """DuckDB's own message names the server's path to the file, so it is not passed on."""
    return Problem(
        f"cannot read {path.name!r} as {what}: it may be damaged, or be another kind of file "
        "renamed. Save it again from the program that made it and upload it again."
    )


def _table(
    path: Path,
    connection: duckdb.DuckDBPyConnection,
    raw_sql: str,
    types: dict[str, str],
    rows: int,
    empty_rows: int,
) -> Table:
    if rows == empty_rows:
        raise AuditInputError([no_data_rows(path.name)])
    scan_sql = (
        f"(SELECT * FROM {raw_sql} WHERE NOT ({empty_row_sql(list(types))}))"
        if empty_rows
        else raw_sql
    )
    return Table(path, connection, scan_sql, list(types), types, raw_sql, empty_rows)


def _xlsx_to_csv(path: Path, scratch: Path) -> Path:
    """Stream the first worksheet into a CSV file row by row (openpyxl read-only mode).

    Each row is cut or padded to the header's width; a value beyond the last named
    column is refused with its row, as a ragged CSV row is.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a corrupt workbook
        raise AuditInputError([_unreadable(path, "an Excel workbook")]) from error
    target = scratch / "sheet.csv"
    problems: list[Problem] = []
    try:
        sheet = workbook.worksheets[0]
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            rows = sheet.iter_rows(values_only=True)
            header = [_cell_text(value) for value in next(rows, ())]
            while header and not header[-1]:
                header.pop()
            writer.writerow(header)
            for number, values in enumerate(rows, 1):
                cells = [_cell_text(value) for value in values]
                if any(cells[len(header) :]) and len(problems) < REJECTS_SHOWN:
                    problems.append(_beyond_header(number, len(header)))
                writer.writerow((cells + [""] * len(header))[: len(header)])
    finally:
        workbook.close()
    if problems:
        raise AuditInputError(problems)
    return target


def _beyond_header(row: int, width: int) -> Problem:
    return Problem(
        f"this row has a value beyond the last named column, column {width} (sheet row "
        f"{row + 1}). Give that column a name in the header row, or delete the value.",
        row=row,
    )


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
