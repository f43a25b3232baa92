"""The error audit for generative tools: reviewers' verdicts on sampled outputs.

Each row is one sampled output with a reviewer's verdict (correct, minor_error,
major_error or harmful) and, optionally, group columns. The audit gives error
rates with Wilson intervals overall and per group, and how many reviewed samples
would narrow the any-error interval to a chosen width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from coopai.audit.columns import (
    describe_bad_values,
    group_expression,
    group_name,
    value_warnings,
)
from coopai.audit.metrics import rate
from coopai.audit.names import plain_key
from coopai.audit.problems import AuditInputError, Problem
from coopai.audit.results import ErrorRates, ErrorResult, SampleAdvice
from coopai.audit.source import ProgressCallback, Table, open_table, quote_identifier
from coopai.audit.stats import CONFIDENCE, samples_for_width

VERDICTS = ("correct", "minor_error", "major_error", "harmful")
# Which verdicts count towards each published rate.
ERROR_RATES: dict[str, tuple[str, ...]] = {
    "any_error": ("minor_error", "major_error", "harmful"),
    "major_or_harmful": ("major_error", "harmful"),
    "harmful": ("harmful",),
}


def _normalised(column: str) -> str:
    """Verdicts compare case-blind, with spaces and hyphens read as underscores."""
    text = f"lower(trim(CAST({quote_identifier(column)} AS VARCHAR)))"
    return f"regexp_replace({text}, '[\\s-]+', '_', 'g')"


def error_audit(
    path: str | Path,
    *,
    verdict: str,
    groups: Sequence[str] = (),
    target_width: float = 0.1,
    min_group_size: int = 30,
    confidence: float = CONFIDENCE,
    on_progress: ProgressCallback | None = None,
) -> ErrorResult:
    """Error rates of reviewed outputs in ``path``, overall and per group."""
    _check_arguments(verdict, groups, target_width)
    with open_table(path) as table:
        table.require_columns([(verdict, "verdict"), *((g, "group") for g in groups)])
        counted = _count(table, verdict, list(groups), on_progress)
        notes = table.notes()
    for column in groups:
        notes += value_warnings(column, [key[0] for key in counted[(column,)]])
    plan = _Plan(target_width=target_width, min_group_size=min_group_size, confidence=confidence)
    group_results = [
        _summarise(counted[dim][key], dict(zip(dim, key, strict=True)), plan)
        for dim in _dimensions(groups)
        for key in sorted(counted[dim])
    ]
    warnings = notes + [
        f"There are fewer than {min_group_size} reviewed samples with {plain_key(g.key)}: too "
        "small to judge."
        for g in group_results
        if g.small
    ]
    return ErrorResult(
        source=Path(path).name,
        verdict_column=verdict,
        group_columns=list(groups),
        confidence=float(confidence),
        min_group_size=min_group_size,
        publication=False,
        suppression_limit=0,
        overall=_summarise(counted[()][()], {}, plan),
        groups=group_results,
        warnings=warnings,
    )


def _check_arguments(verdict: str, groups: Sequence[str], target_width: float) -> None:
    problems = []
    if not 0 < target_width < 1:
        problems.append(
            Problem(f"the target interval width must be between 0 and 1, not {target_width}.")
        )
    if verdict in groups or len(set(groups)) != len(groups):
        problems.append(
            Problem("each group column must be named once and differ from the verdict column.")
        )
    if problems:
        raise AuditInputError(problems)


@dataclass(frozen=True)
class _Plan:
    """The audit's settings that every group's rates are worked out with."""

    target_width: float
    min_group_size: int
    confidence: float


def _summarise(verdicts: dict[str, int], key: dict[str, str], plan: _Plan) -> ErrorRates:
    """One group's (or everyone's, for an empty key) rates from its verdict counts."""
    total = sum(verdicts.values())
    rates = {
        name: rate(sum(verdicts[v] for v in members), total, plan.confidence)
        for name, members in ERROR_RATES.items()
    }
    observed = rates["any_error"].value or 0.0
    needed = samples_for_width(observed, plan.target_width, plan.confidence)
    return ErrorRates(
        key=key,
        label=" & ".join(f"{c}={v}" for c, v in key.items()) or "all samples",
        count=total,
        verdicts=dict(verdicts),
        rates=rates,
        small=total < plan.min_group_size,
        advice=SampleAdvice(
            target_width=float(plan.target_width),
            needed=needed,
            additional=max(0, needed - total),
        ),
    )


def _dimensions(groups: Sequence[str]) -> list[tuple[str, ...]]:
    singles = [(g,) for g in groups]
    return singles + ([tuple(groups)] if len(groups) > 1 else [])


def _count(
    table: Table, verdict: str, groups: list[str], on_progress: ProgressCallback | None
) -> dict[tuple[str, ...], dict[tuple[str, ...], dict[str, int]]]:
    width = len(groups)
    dimensions = _dimensions(groups)
    inner = [f"{_normalised(verdict)} AS v"] + [
        f"{group_expression(table, g)} AS g{i}" for i, g in enumerate(groups)
    ]
    sets = [
        "(" + ", ".join([*(f"g{groups.index(c)}" for c in dim), "v"]) + ")" for dim in dimensions
    ] + ["(v)"]
    keys = [f"g{i}" for i in range(width)]
    grouping = f"GROUPING({', '.join(keys)})" if keys else "0"
    sql = (
        f"SELECT {grouping}, {''.join(k + ', ' for k in keys)}v, count(*) "
        f"FROM (SELECT {', '.join(inner)} FROM {table.scan_sql}) "
        f"GROUP BY GROUPING SETS ({', '.join(sets)})"
    )
    rows = table.fetch(sql, on_progress)
    every_column = (1 << width) - 1
    if any(row[0] == every_column and row[width + 1] not in VERDICTS for row in rows):
        readable = f"{_normalised(verdict)} IN ({', '.join(repr(v) for v in VERDICTS)})"
        raise AuditInputError(
            [describe_bad_values(table, verdict, readable, "one of " + ", ".join(VERDICTS))]
        )
    masks = {
        every_column - sum(1 << (width - 1 - groups.index(c)) for c in dim): dim
        for dim in dimensions
    }
    masks[every_column] = ()
    counted: dict[tuple[str, ...], dict[tuple[str, ...], dict[str, int]]] = {
        dim: {} for dim in [*dimensions, ()]
    }
    for row in rows:
        dim = masks[row[0]]
        key = tuple(group_name(row[1 + groups.index(c)]) for c in dim)
        cell = counted[dim].setdefault(key, dict.fromkeys(VERDICTS, 0))
        cell[str(row[width + 1])] += int(row[width + 2])
    return counted
