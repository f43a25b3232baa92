"""Reading a CSV file (or an Excel sheet turned into one) so that no row can surprise us.

DuckDB's sniffer guesses a file's layout from a sample of its first rows, and a ragged
row inside that sample can make it guess wrongly without saying so. So the header is
read here, with Python's csv module, and DuckDB is told the layout outright: the
delimiter the header uses, standard double quotes, and every column as text. A first
full scan then checks every row with DuckDB's rejects table, which records each row it
cannot read (too many or too few values, text that is not UTF-8, a quote that never
closes) with its line. Any such row refuses the file, naming the row and what to do;
the audits' own scans then read a file known to be sound.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from coopai.audit.problems import AuditInputError, Problem

DELIMITERS = (",", ";", "\t", "|")
"""The delimiters a header may use; the one it uses most is the file's."""
REJECTS_SHOWN = 3
"""How many unreadable rows are named, in file order, before the rest are summed up."""
SAVE_AS_UTF8 = (
    "Save the file as UTF-8 and upload it again (in Excel: Save As, then choose "
    "“CSV UTF-8 (Comma delimited)”)."
)


@dataclass(frozen=True)
class Header:
    names: list[str]
    delimiter: str


def read_header(path: Path, shown_name: str) -> Header:
    """The header's column names and delimiter; refuses a header that is not UTF-8 text,
    names a column twice, or is missing."""
    with path.open("rb") as handle:
        raw = handle.readline()
        # A quoted name may hold a line break: read on until the quotes balance.
        while raw.count(b'"') % 2 and (more := handle.readline()):
            raw += more
    if not raw.strip():
        raise AuditInputError([no_data_rows(shown_name)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AuditInputError(
            [Problem(f"the header (line 1 of {shown_name!r}) is not UTF-8 text. {SAVE_AS_UTF8}")]
        ) from error
    delimiter = max(DELIMITERS, key=text.count) if any(d in text for d in DELIMITERS) else ","
    names = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    named = [name if name.strip() else f"column {number}" for number, name in enumerate(names, 1)]
    problems = duplicate_names(named)
    if problems:
        raise AuditInputError(problems)
    return Header(named, delimiter)


def no_data_rows(shown_name: str) -> Problem:
    return Problem(
        f"{shown_name!r} has no data rows: the audit needs a header row followed by at least "
        "one row of data."
    )


def duplicate_names(names: Sequence[str]) -> list[Problem]:
    """One problem for each name the header gives to more than one column.

    Capitals do not tell names apart: DuckDB, like SQL, reads ``Sex`` and ``sex`` as one.
    """
    positions: dict[str, list[int]] = {}
    for number, name in enumerate(names, 1):
        positions.setdefault(name.lower(), []).append(number)
    problems = []
    for numbers in positions.values():
        if len(numbers) > 1:
            spellings = list(dict.fromkeys(repr(names[n - 1]) for n in numbers))
            places = ", ".join(str(n) for n in numbers)
            said = (
                f"gives more than one column the name {spellings[0]} (columns {places})"
                if len(spellings) == 1
                else f"names columns {places} {' and '.join(spellings)}, which count as one "
                "name: capitals do not tell names apart"
            )
            problems.append(
                Problem(
                    f"the header {said}. Give each column its own name and upload the file again.",
                    column=names[numbers[0] - 1],
                )
            )
    return problems


def csv_scan(path: Path, header: Header, *, rejects: bool = False) -> str:
    """DuckDB's scan of the file with its layout stated, not guessed.

    With ``rejects``, rows that cannot be read are recorded in the tables ``coopai_rejects``
    and ``coopai_scans`` instead of stopping the scan.
    """
    columns = ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in header.names)
    recorded = (
        ", rejects_table = 'coopai_rejects', rejects_scan = 'coopai_scans', rejects_limit = 100"
        if rejects
        else ""
    )
    return (
        f"read_csv({_literal(str(path))}, auto_detect = false, header = true, "
        f"delim = {_literal(header.delimiter)}, quote = '\"', escape = '\"', "
        f"columns = {{{columns}}}{recorded})"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_rows(
    connection: duckdb.DuckDBPyConnection, path: Path, header: Header, shown_name: str
) -> tuple[int, int]:
    """Read every row once; refuse the file if any cannot be read. Returns how many rows
    there are and how many of them are wholly empty."""
    empty = " AND ".join(f"{_identifier(name)} IS NULL" for name in header.names)
    # DuckDB adds each scan's rejects to the tables it finds: start from none.
    connection.execute("DROP TABLE IF EXISTS coopai_rejects; DROP TABLE IF EXISTS coopai_scans")
    # Naming every column in the filter makes DuckDB decode every cell, so text that is
    # not UTF-8 is found in any column, not only in those an audit later reads.
    rows, empty_rows = connection.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {empty}) "
        f"FROM {csv_scan(path, header, rejects=True)}"
    ).fetchall()[0]
    rejected = connection.execute(
        "SELECT line, error_type, csv_line FROM coopai_rejects ORDER BY line "
        f"LIMIT {REJECTS_SHOWN + 1}"
    ).fetchall()
    if rejected:
        problems = [
            _rejected_row(int(line), str(kind), _values_in(csv_line, header), header)
            for line, kind, csv_line in rejected[:REJECTS_SHOWN]
        ]
        if len(rejected) > REJECTS_SHOWN:
            problems.append(
                Problem(f"more rows of {shown_name!r} after these cannot be read either.")
            )
        raise AuditInputError(problems)
    return int(rows), int(empty_rows)


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _values_in(csv_line: str | None, header: Header) -> int:
    return len(next(csv.reader([csv_line or ""], delimiter=header.delimiter), []))


def _rejected_row(line: int, kind: str, found: int, header: Header) -> Problem:
    """A row DuckDB could not read, in words. ``line`` counts records from the header's,
    so the data row is one less: the numbering every other problem uses."""
    where = f"(line {line:,} of the file, counting the header)"
    if kind == "INVALID ENCODING":
        message = f"this row is not UTF-8 text {where}. {SAVE_AS_UTF8}"
    elif kind in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
        message = (
            f"this row has {found} values but the header names {len(header.names)} columns "
            f"{where}. Look for a stray {_delimiter_name(header.delimiter)} or a missing one, "
            "or put double quotes around a value that contains one, and upload the file again."
        )
    elif kind == "UNQUOTED VALUE":
        message = (
            f"a double quote opens a value in this row and never closes {where}, so the rest "
            "of the file cannot be read. Close the quote or remove it, and upload the file again."
        )
    elif kind == "LINE SIZE OVER MAXIMUM":
        message = (
            f"this row is longer than the 2 MB a row may be {where}. Check that the file is a "
            "table with one row per line."
        )
    else:
        message = f"this row cannot be read as a row of the table {where}."
    return Problem(message, row=line - 1)


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}[delimiter]


def rewrite_checked(path: Path, header: Header, shown_name: str, target: Path) -> Header:
    """Check every row with Python's csv module, and write the file again as plain CSV.

    For the files DuckDB's reader stops on without saying where (one that mixes Windows
    and Unix line endings, say): rows that cannot be read are refused with their number,
    as :func:`check_rows` does, and a sound file is rewritten for DuckDB to read instead.
    """
    problems: list[Problem] = []
    with path.open("rb") as source, target.open("w", newline="", encoding="utf-8") as copy:
        writer = csv.writer(copy)
        records = csv.reader(_decoded_lines(source, problems), delimiter=header.delimiter)
        next(records, None)
        writer.writerow(header.names)
        for number, record in enumerate(records, 2):
            if len(problems) > REJECTS_SHOWN:
                break
            if record and len(record) != len(header.names):
                problems.append(_rejected_row(number, "TOO MANY COLUMNS", len(record), header))
            writer.writerow(record)
    if problems:
        shown = problems[:REJECTS_SHOWN]
        if len(problems) > REJECTS_SHOWN:
            shown.append(Problem(f"more rows of {shown_name!r} after these cannot be read either."))
        raise AuditInputError(shown)
    return Header(header.names, ",")


def _decoded_lines(source: io.BufferedReader, problems: list[Problem]) -> Iterator[str]:
    for number, raw in enumerate(source, 1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            problems.append(_rejected_row(number, "INVALID ENCODING", 0, Header([], ",")))
            yield raw.decode("utf-8", errors="replace")
