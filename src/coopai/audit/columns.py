"""SQL expressions that turn a mapped column into the values an audit needs.

Each expression yields NULL for anything it cannot read, and the audit counts
those NULLs in the same scan; only when some exist does it go back for row numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coopai.audit.problems import Problem
from coopai.audit.source import Table, quote_identifier

MISSING_GROUP = "(missing)"
NUMERIC_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE")


def _is_numeric(type_name: str) -> bool:
    return type_name.startswith((*NUMERIC_TYPES, "DECIMAL", "UTINYINT", "USMALLINT", "UINTEGER"))


def text_to_double(quoted: str) -> str:
    """TRY_CAST of text to a number. The trim() is load-bearing: DuckDB pushes a bare cast
    of a CSV column into the CSV reader, which then fails on bad text instead of giving NULL.
    """
    return f"TRY_CAST(trim({quoted}) AS DOUBLE)"


def binary_expression(table: Table, column: str) -> str:
    """0.0 or 1.0 for a readable value, another number or NULL otherwise."""
    quoted = quote_identifier(column)
    type_name = table.types[column]
    if type_name == "VARCHAR":
        return (
            f"COALESCE({text_to_double(quoted)}, "
            f"CASE lower(trim({quoted})) WHEN 'true' THEN 1.0 WHEN 'false' THEN 0.0 END)"
        )
    if _is_numeric(type_name):
        return quoted  # grouped as stored; the audit checks the values it finds are 0 or 1
    if type_name == "BOOLEAN":
        return f"CAST({quoted} AS DOUBLE)"
    return "CAST(NULL AS DOUBLE)"


def number_expression(table: Table, column: str) -> str:
    """A finite number, or NULL for text that is not a number, NaN or infinity."""
    quoted = quote_identifier(column)
    if table.types[column] == "VARCHAR":
        as_double = text_to_double(quoted)
        return f"CASE WHEN isfinite({as_double}) THEN {as_double} END"
    if _is_numeric(table.types[column]):
        return f"CASE WHEN isfinite(CAST({quoted} AS DOUBLE)) THEN CAST({quoted} AS DOUBLE) END"
    return "CAST(NULL AS DOUBLE)"


def group_expression(table: Table, column: str) -> str:
    """The column as text; NULL (no value recorded) is turned into MISSING_GROUP later.

    A NaN in a number column is no value recorded too: it is how pandas and others write
    an empty cell into a file, and a group called "nan" would mean nothing to anyone.
    """
    quoted = quote_identifier(column)
    if table.is_text(column):
        return quoted
    if table.types[column] in ("FLOAT", "DOUBLE"):
        return f"CASE WHEN isnan({quoted}) THEN NULL ELSE CAST({quoted} AS VARCHAR) END"
    return f"CAST({quoted} AS VARCHAR)"


def group_name(value: object) -> str:
    return MISSING_GROUP if value is None else str(value)


NOT_RECORDED = ("na", "n/a", "nan", "null", "#n/a")
"""Values that usually mean no value was recorded, though the cell is not empty."""


def value_warnings(column: str, values: Iterable[str]) -> list[str]:
    """Warnings about a group column's values that are probably not the groups meant:
    values that differ only by spaces around them, and values such as "NA" that usually
    mean nothing was recorded. Each still forms a group of its own, as given."""
    recorded = sorted(value for value in values if value != MISSING_GROUP)
    spaced: dict[str, list[str]] = {}
    for value in recorded:
        spaced.setdefault(value.strip(), []).append(value)
    warnings = [
        f"Column {column!r} has the values {_listing(variants)}, which differ only by spaces "
        "around them, so they are counted as separate groups. If they are one group, remove "
        "the spaces in the file and run the audit again."
        for variants in spaced.values()
        if len(variants) > 1
    ]
    unrecorded = [value for value in recorded if value.strip().lower() in NOT_RECORDED]
    if unrecorded:
        warnings.append(
            f"Column {column!r} has the value{'s' if len(unrecorded) > 1 else ''} "
            f"{_listing(unrecorded)}, which usually means nothing was recorded; such rows form "
            f"a group of their own, not the {MISSING_GROUP} group. If nothing was recorded, "
            "leave those cells empty in the file and run the audit again."
        )
    return warnings


def _listing(values: Sequence[str]) -> str:
    quoted = [repr(value) for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def describe_bad_values(table: Table, column: str, readable_sql: str, expected: str) -> Problem:
    """Name the first offending rows of ``column`` where ``readable_sql`` is not true."""
    condition = f"NOT COALESCE({readable_sql}, false)"
    examples = table.rows_where(condition, column)
    total = table.connection.execute(
        f"SELECT count(*) FROM {table.scan_sql} WHERE {condition}"
    ).fetchall()[0][0]
    first_row, first_value = examples[0]
    others = ", ".join(str(row) for row, _ in examples[1:])
    more = f" Also at row{'s' if len(examples) > 2 else ''} {others}." if others else ""
    count_note = f" {total} rows are affected." if total > 1 else ""
    if first_value is None:
        return Problem(
            f"the value is missing; every row needs {expected}.{count_note}{more}",
            column=column,
            row=first_row,
        )
    return Problem(
        f"expected {expected}.{count_note}{more}",
        column=column,
        row=first_row,
        value=first_value,
    )


LISTED_VALUES = 30
"""A column with more values than this is not listed value by value (see :func:`listed_values`)."""


def listed_values(table: Table, limit: int = LISTED_VALUES) -> dict[str, list[str] | None]:
    """Each column's recorded values, the most common first, for a person to choose a
    reference group from and name each group; None for a column with more than ``limit``
    values (an id, a date, a score), which no one would name one by one.

    Values are read as :func:`group_expression` reads them, so each is a group the audit
    will find. Two scans: an estimate of each column's number of values, then the values
    of the columns that may have few enough, all at once.
    """
    expressions = [group_expression(table, column) for column in table.columns]
    estimates = table.fetch(
        "SELECT "
        + ", ".join(f"approx_count_distinct({expression})" for expression in expressions)
        + f" FROM {table.scan_sql}"
    )[0]
    # The estimate can be a little under the true number: look at twice the limit.
    wanted = [i for i, estimate in enumerate(estimates) if estimate <= 2 * limit]
    listed: dict[str, list[str] | None] = dict.fromkeys(table.columns)
    if not wanted:
        return listed
    inner = ", ".join(f"{expressions[i]} AS g{i}" for i in wanted)
    rows = table.fetch(
        "SELECT "
        + ", ".join(f"GROUPING(g{i}), g{i}" for i in wanted)
        + f", count(*) FROM (SELECT {inner} FROM {table.scan_sql}) "
        + f"GROUP BY GROUPING SETS ({', '.join(f'(g{i})' for i in wanted)})"
    )
    for position, i in enumerate(wanted):
        found = [
            (int(row[-1]), str(row[2 * position + 1]))
            for row in rows
            if row[2 * position] == 0 and row[2 * position + 1] is not None
        ]
        if len(found) <= limit:
            found.sort(key=lambda pair: (-pair[0], pair[1]))
            listed[table.columns[i]] = [value for _, value in found]
    return listed
