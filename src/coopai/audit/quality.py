"""The data-quality profile: completeness, validity, duplicates, representativeness."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coopai.audit.columns import MISSING_GROUP, group_expression, group_name
from coopai.audit.problems import AuditInputError, Problem, unknown_column
from coopai.audit.results import (
    ColumnProfile,
    InferredType,
    QualityResult,
    Representation,
    RepresentationRow,
)
from coopai.audit.source import ProgressCallback, Table, open_table, quote_identifier
from coopai.audit.stats import chi_square_goodness_of_fit

# Casts go through trim() so DuckDB cannot push them into the CSV reader (see columns.py).
# Text is read as the first of these types that most of its present values fit.
TEXT_TYPE_TESTS: dict[InferredType, str] = {
    "integer": "regexp_full_match(trim({c}), '[+-]?[0-9]+')",
    "number": "isfinite(TRY_CAST(trim({c}) AS DOUBLE))",
    "boolean": "lower(trim({c})) IN ('true', 'false', 'yes', 'no')",
    "date": "TRY_CAST(trim({c}) AS DATE) IS NOT NULL",
}
SHARE_TOLERANCE = 0.01
SMALL_EXPECTED = 5
COMPLETE_ENOUGH = 0.95
"""A column with a smaller share of its cells filled is marked incomplete."""
SIGNIFICANCE = 0.05
"""A make-up whose goodness-of-fit p-value is below this differs from the reference
population: the 5% that goes with the audits' 95% intervals."""


@dataclass(frozen=True)
class ReferenceShare:
    characteristic: str
    group: str
    share: float


def quality_profile(
    path: str | Path,
    *,
    protected: Sequence[str] = (),
    reference_population: str | Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> QualityResult:
    """Profile every column of ``path`` and compare its make-up with a reference."""
    shares = _read_reference(Path(reference_population), protected) if reference_population else []
    with open_table(path) as table:
        characteristics = sorted({share.characteristic for share in shares})
        table.require_columns([(c, "protected characteristic") for c in characteristics])
        rows, profiles = _profile(table, on_progress)
        duplicates = _duplicates(table)
        representation = [_represent(table, c, shares) for c in characteristics]
        notes = table.notes()
    warnings = notes + [
        f"{profile.name} is {profile.completeness:.0%} complete."
        for profile in profiles
        if profile.completeness < COMPLETE_ENOUGH
    ]
    if duplicates:
        warnings.append(f"{duplicates} rows repeat an earlier row exactly.")
    return QualityResult(
        source=Path(path).name,
        rows=rows,
        duplicate_rows=duplicates,
        columns=profiles,
        representation=representation,
        publication=False,
        suppression_limit=0,
        warnings=warnings,
    )


def _profile(table: Table, on_progress: ProgressCallback | None) -> tuple[int, list[ColumnProfile]]:
    aggregates = ["count(*)"]
    for column in table.columns:
        c = quote_identifier(column)
        aggregates += [f"count({c})", f"count(DISTINCT {c})"]
        if table.is_text(column):
            aggregates += [
                f"count(*) FILTER (WHERE {test.format(c=c)})" for test in TEXT_TYPE_TESTS.values()
            ]
    values = table.fetch(f"SELECT {', '.join(aggregates)} FROM {table.scan_sql}", on_progress)[0]
    rows = int(values[0])
    position = 1
    profiles = []
    for column in table.columns:
        present, distinct = int(values[position]), int(values[position + 1])
        position += 2
        inferred, valid = _stored_type(table.types[column]), present
        if table.is_text(column):
            fits = dict(zip(TEXT_TYPE_TESTS, values[position : position + 4], strict=True))
            position += 4
            inferred, valid = "text", present
            for type_name, fitting in fits.items():
                if present and fitting * 2 > present:
                    inferred, valid = type_name, int(fitting)
                    break
        if present == 0:
            inferred = "empty"
        profiles.append(
            ColumnProfile(
                name=column,
                stored_type=table.types[column],
                inferred_type=inferred,
                present=present,
                missing=rows - present,
                completeness=present / rows,
                valid=valid,
                validity=valid / present if present else None,
                distinct=distinct,
                invalid_examples=_invalid_examples(table, column, inferred)
                if valid < present
                else [],
            )
        )
    return rows, profiles


def _stored_type(type_name: str) -> InferredType:
    if type_name in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT") or type_name.startswith(
        "U"
    ):
        return "integer"
    if type_name in ("FLOAT", "DOUBLE") or type_name.startswith("DECIMAL"):
        return "number"
    if type_name == "BOOLEAN":
        return "boolean"
    if type_name.startswith(("DATE", "TIMESTAMP")):
        return "date"
    return "text"


def _invalid_examples(table: Table, column: str, inferred: InferredType) -> list[str]:
    c = quote_identifier(column)
    test = TEXT_TYPE_TESTS[inferred].format(c=c)
    found = table.connection.execute(
        f"SELECT DISTINCT CAST({c} AS VARCHAR) FROM {table.scan_sql} "
        f"WHERE {c} IS NOT NULL AND NOT COALESCE({test}, false) LIMIT 3"
    ).fetchall()
    return sorted(str(row[0]) for row in found)


def _duplicates(table: Table) -> int:
    result = table.connection.execute(
        f"SELECT (SELECT count(*) FROM {table.scan_sql}) - "
        f"(SELECT count(*) FROM (SELECT DISTINCT * FROM {table.scan_sql}))"
    ).fetchall()
    return int(result[0][0])


def _read_reference(path: Path, protected: Sequence[str]) -> list[ReferenceShare]:
    """Read a reference population: columns group and share, and characteristic if several."""
    if not path.is_file():
        raise AuditInputError([Problem(f"there is no reference population file at {str(path)!r}.")])
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        problems = [
            unknown_column(name, header, "reference population")
            for name in ("group", "share")
            if name not in header
        ]
        if "characteristic" not in header and len(protected) != 1:
            problems.append(
                Problem(
                    "the reference population has no 'characteristic' column, so name exactly "
                    "one protected column for it to describe."
                )
            )
        if problems:
            raise AuditInputError(problems)
        shares = [_reference_row(row, number, protected) for number, row in enumerate(reader, 1)]
    problems = [p for p in shares if isinstance(p, Problem)]
    if problems:
        raise AuditInputError(problems)
    parsed = [s for s in shares if isinstance(s, ReferenceShare)]
    if not parsed:
        raise AuditInputError([Problem(f"the reference population {path.name!r} has no rows.")])
    return _normalise(parsed)


def _reference_row(
    row: dict[str, str], number: int, protected: Sequence[str]
) -> ReferenceShare | Problem:
    characteristic = row.get("characteristic") or (protected[0] if len(protected) == 1 else "")
    text = (row.get("share") or "").strip()
    try:
        share = float(text)
    except ValueError:
        return Problem("a share must be a number.", column="share", row=number, value=text)
    if not share > 0:
        return Problem(
            "a share must be above 0; leave out groups with no one in them.",
            column="share",
            row=number,
            value=text,
        )
    return ReferenceShare(characteristic, (row.get("group") or "").strip(), share)


def _normalise(shares: list[ReferenceShare]) -> list[ReferenceShare]:
    """Accept shares as fractions (summing to 1) or percentages (summing to 100)."""
    totals: dict[str, float] = {}
    for share in shares:
        totals[share.characteristic] = totals.get(share.characteristic, 0.0) + share.share
    problems = []
    for characteristic, total in totals.items():
        if not (abs(total - 1) <= SHARE_TOLERANCE or abs(total - 100) <= 100 * SHARE_TOLERANCE):
            problems.append(
                Problem(
                    f"the reference shares for {characteristic!r} add up to {total:g}; they must "
                    "add up to 1 (or 100 for percentages).",
                    column="share",
                )
            )
    if problems:
        raise AuditInputError(problems)
    return [
        ReferenceShare(s.characteristic, s.group, s.share / totals[s.characteristic])
        for s in shares
    ]


def _represent(table: Table, characteristic: str, shares: list[ReferenceShare]) -> Representation:
    expected = {s.group: s.share for s in shares if s.characteristic == characteristic}
    found = table.connection.execute(
        f"SELECT {group_expression(table, characteristic)} AS g, count(*) "
        f"FROM {table.scan_sql} GROUP BY g"
    ).fetchall()
    observed = {group_name(group): int(n) for group, n in found}
    missing = observed.pop(MISSING_GROUP, 0)
    unknown = sorted(set(observed) - set(expected))
    if unknown:
        raise AuditInputError(
            [
                Problem(
                    f"the data has groups {unknown} that the reference population does not "
                    f"list (it lists {sorted(expected)}).",
                    column=characteristic,
                )
            ]
        )
    total = sum(observed.values())
    rows = [
        RepresentationRow(
            group=group,
            observed=observed.get(group, 0),
            observed_share=observed.get(group, 0) / total if total else None,
            reference_share=share,
            ratio=(observed.get(group, 0) / total) / share if total else None,
        )
        for group, share in sorted(expected.items())
    ]
    notes = []
    if missing:
        notes.append(f"{missing} rows with no {characteristic} recorded are left out of the test.")
    if any(share * total < SMALL_EXPECTED for share in expected.values()):
        notes.append("some groups expect fewer than 5 rows, so the test is unreliable.")
    if len(rows) < 2 or total == 0:
        return Representation(
            characteristic=characteristic,
            rows=rows,
            chi_square=None,
            degrees_of_freedom=0,
            p_value=None,
            excluded_missing=missing,
            notes=[*notes, "a goodness-of-fit test needs two or more groups and some rows."],
        )
    fit = chi_square_goodness_of_fit(
        [row.observed or 0 for row in rows], [row.reference_share for row in rows]
    )
    return Representation(
        characteristic=characteristic,
        rows=rows,
        chi_square=fit.statistic,
        degrees_of_freedom=fit.degrees_of_freedom,
        p_value=fit.p_value,
        excluded_missing=missing,
        notes=notes,
    )
