"""The bias audit: per-group metrics, disparities and the four-fifths rule.

One DuckDB scan groups the file by every requested set of characteristics at once
(GROUP BY GROUPING SETS) together with the prediction and the label, which yields
the confusion matrix of every group and, from the all-rows set, the checks on the
input. Everything after that is arithmetic on a few hundred counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from coopai.audit.columns import (
    MISSING_GROUP,
    binary_expression,
    describe_bad_values,
    group_expression,
    group_name,
    number_expression,
    value_warnings,
)
from coopai.audit.guide import Use, WorseError, load_guide
from coopai.audit.metrics import Counts, group_metrics, rate
from coopai.audit.names import ValueNames, capitalised, group_phrase
from coopai.audit.problems import AuditInputError, Problem
from coopai.audit.results import (
    BiasColumns,
    BiasResult,
    Confusion,
    Dimension,
    Disparity,
    FourFifths,
    Group,
    Rate,
)
from coopai.audit.source import ProgressCallback, Table, open_table
from coopai.audit.stats import CONFIDENCE, Interval

FOUR_FIFTHS = 0.8
BINARY = "0 or 1 (true or false)"


@dataclass(frozen=True)
class BiasMapping:
    """Which columns mean what. Give ``prediction``, or ``score`` with ``threshold``."""

    protected: Sequence[str]
    prediction: str | None = None
    score: str | None = None
    threshold: float | None = None
    label: str | None = None
    intersections: Sequence[Sequence[str]] | None = None
    reference: Mapping[str, str] = field(default_factory=dict)
    value_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """characteristic -> value -> the name people use for its group ("M" -> "Men")."""

    def dimensions(self) -> list[tuple[str, ...]]:
        """Each characteristic alone, then the intersections (all of them by default)."""
        singles = [(column,) for column in self.protected]
        if self.intersections is None:
            crossed = [tuple(self.protected)] if len(self.protected) > 1 else []
        else:
            crossed = [tuple(combination) for combination in self.intersections]
        return singles + [c for c in crossed if len(c) > 1]

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        if (self.prediction is None) == (self.score is None):
            found.append(Problem("give either a prediction column or a score column, not both."))
        if self.score is not None and self.threshold is None:
            found.append(Problem("a score column needs a threshold.", column=self.score))
        if self.prediction is not None and self.threshold is not None:
            found.append(Problem("a threshold applies to a score column, not to a prediction."))
        if not self.protected:
            found.append(Problem("name at least one protected characteristic column."))
        if len(set(self.protected)) != len(self.protected):
            found.append(Problem("a protected characteristic is listed twice."))
        for combination in self.intersections or []:
            outside = [c for c in combination if c not in self.protected]
            if outside:
                found.append(
                    Problem(f"an intersection uses {outside}, which are not protected columns.")
                )
        for column in self.reference:
            if column not in self.protected:
                found.append(
                    Problem(
                        "a reference group is given for a column that is not protected.",
                        column=column,
                    )
                )
        for column in self.value_names:
            if column not in self.protected:
                found.append(
                    Problem(
                        "names are given for the values of a column that is not protected.",
                        column=column,
                    )
                )
        used = [c for c in (self.prediction, self.score, self.label) if c is not None]
        if len(set(used)) != len(used) or set(used) & set(self.protected):
            found.append(Problem("one column is mapped to two roles; each needs its own column."))
        return found


@dataclass(frozen=True)
class BiasOptions:
    min_group_size: int = 30
    confidence: float = CONFIDENCE
    materiality: float = 0.8
    use: Use | None = None
    worse_error: WorseError | None = None


def bias_audit(
    path: str | Path,
    *,
    mapping: BiasMapping,
    options: BiasOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> BiasResult:
    """Audit a model's outputs in ``path`` for bias between groups."""
    options = options or BiasOptions()
    problems = mapping.problems()
    if not 0 < options.materiality <= 1:
        problems.append(Problem("materiality must be above 0 and at most 1."))
    if options.min_group_size < 1:
        problems.append(Problem("the minimum group size must be at least 1."))
    if problems:
        raise AuditInputError(problems)
    with open_table(path) as table:
        table.require_columns(_roles(mapping))
        counts = _count(table, mapping, on_progress)
        notes = table.notes()
    for column in mapping.protected:
        notes += value_warnings(column, [key[0] for key in counts[(column,)]])
    return _assemble(Path(path).name, mapping, options, counts, notes)


def _roles(mapping: BiasMapping) -> list[tuple[str, str]]:
    roles = [(column, "protected characteristic") for column in mapping.protected]
    for column, role in (
        (mapping.prediction, "prediction"),
        (mapping.score, "score"),
        (mapping.label, "label"),
    ):
        if column is not None:
            roles.append((column, role))
    return roles


GroupCounts = dict[tuple[str, ...], dict[tuple[str, ...], Counts]]


def _count(table: Table, mapping: BiasMapping, on_progress: ProgressCallback | None) -> GroupCounts:
    protected = list(mapping.protected)
    width = len(protected)
    inner = [f"{group_expression(table, c)} AS g{i}" for i, c in enumerate(protected)]
    if mapping.score is not None:
        inner.append(f"{number_expression(table, mapping.score)} AS s")
        predicted = (
            f"CASE WHEN s IS NULL THEN NULL WHEN s >= {mapping.threshold!r} THEN 1.0 ELSE 0.0 END"
        )
    else:
        assert mapping.prediction is not None
        inner.append(f"{binary_expression(table, mapping.prediction)} AS p")
        predicted = "p"
    outcome = ["y"] if mapping.label is not None else []
    if mapping.label is not None:
        inner.append(f"{binary_expression(table, mapping.label)} AS y")
    dimensions = mapping.dimensions()
    sets = [
        "(" + ", ".join([f"g{protected.index(c)}" for c in dim] + ["predicted", *outcome]) + ")"
        for dim in dimensions
    ] + ["(" + ", ".join(["predicted", *outcome]) + ")"]
    groups = ", ".join(f"g{i}" for i in range(width))
    score_range = "min(s), max(s)" if mapping.score is not None else "NULL, NULL"
    sql = (
        f"SELECT GROUPING({groups}), {groups}, predicted, {'y' if outcome else 'NULL'}, "
        f"count(*), {score_range} FROM (SELECT *, {predicted} AS predicted FROM "
        f"(SELECT {', '.join(inner)} FROM {table.scan_sql})) "
        f"GROUP BY GROUPING SETS ({', '.join(sets)})"
    )
    rows = table.fetch(sql, on_progress)
    every_column = (1 << width) - 1
    totals = [row for row in rows if row[0] == every_column]
    _check_values(table, mapping, totals, width)

    masks = {
        every_column - sum(1 << (width - 1 - protected.index(c)) for c in dim): dim
        for dim in dimensions
    }
    masks[every_column] = ()
    counted: GroupCounts = {dim: {} for dim in [*dimensions, ()]}
    for row in rows:
        dim = masks[row[0]]
        key = tuple(group_name(row[1 + protected.index(c)]) for c in dim)
        cell = _cell_counts(int(row[width + 3]), row[width + 1], row[width + 2], outcome != [])
        previous = counted[dim].get(key)
        counted[dim][key] = cell if previous is None else previous + cell
    return counted


def _cell_counts(n: int, predicted: float, outcome: float | None, has_label: bool) -> Counts:
    selected = n if predicted == 1 else 0
    if not has_label:
        return Counts(n, selected)
    return Counts(
        n,
        selected,
        tp=n if predicted == 1 and outcome == 1 else 0,
        fp=n if predicted == 1 and outcome == 0 else 0,
        fn=n if predicted == 0 and outcome == 1 else 0,
        tn=n if predicted == 0 and outcome == 0 else 0,
    )


def _check_values(
    table: Table, mapping: BiasMapping, totals: list[tuple[object, ...]], width: int
) -> None:
    predicted_ok = all(row[width + 1] in (0, 1) for row in totals)
    label_ok = mapping.label is None or all(row[width + 2] in (0, 1) for row in totals)
    problems: list[Problem] = []
    if not predicted_ok:
        if mapping.score is not None:
            readable = f"({number_expression(table, mapping.score)}) IS NOT NULL"
            problems.append(describe_bad_values(table, mapping.score, readable, "a number"))
        else:
            assert mapping.prediction is not None
            readable = f"({binary_expression(table, mapping.prediction)}) IN (0, 1)"
            problems.append(describe_bad_values(table, mapping.prediction, readable, BINARY))
    if not label_ok:
        assert mapping.label is not None
        readable = f"({binary_expression(table, mapping.label)}) IN (0, 1)"
        problems.append(describe_bad_values(table, mapping.label, readable, BINARY))
    if mapping.score is not None and predicted_ok:
        assert mapping.threshold is not None
        low = min(_score_bound(row[width + 4]) for row in totals)
        high = max(_score_bound(row[width + 5]) for row in totals)
        if not low <= mapping.threshold <= high:
            problems.append(
                Problem(
                    f"the threshold {mapping.threshold} is outside the scores' range "
                    f"{low} to {high}, so every row would get the same prediction.",
                    column=mapping.score,
                )
            )
    if problems:
        raise AuditInputError(problems)


def _score_bound(value: object) -> float:
    """The scan's min(s) or max(s): DOUBLE, and not NULL once every row has a score."""
    assert isinstance(value, float), f"a score bound from the scan was {value!r}"
    return value


def _assemble(
    source: str, mapping: BiasMapping, options: BiasOptions, counts: GroupCounts, notes: list[str]
) -> BiasResult:
    everyone = counts[()][()]
    has_label = mapping.label is not None
    favourable: Literal["selected", "not_selected"] = (
        "not_selected" if options.use == "punitive" else "selected"
    )
    warnings = list(notes)
    dimensions = [
        _dimension(dim, counts[dim], everyone.count, mapping, options, warnings)
        for dim in mapping.dimensions()
    ]
    overall = _group({}, everyone, everyone.count, options, is_reference=False)
    return BiasResult(
        source=source,
        rows=everyone.count,
        columns=BiasColumns(
            prediction=mapping.prediction,
            score=mapping.score,
            threshold=None if mapping.threshold is None else float(mapping.threshold),
            label=mapping.label,
            protected=list(mapping.protected),
        ),
        confidence=float(options.confidence),
        min_group_size=options.min_group_size,
        materiality=float(options.materiality),
        publication=False,
        suppression_limit=0,
        favourable_outcome=favourable,
        headline=load_guide().choose(options.use, options.worse_error, has_label),
        overall=overall,
        dimensions=dimensions,
        warnings=warnings,
        value_names=_names(mapping),
    )


def _names(mapping: BiasMapping) -> dict[str, dict[str, str]]:
    """The names given, without blanks: a value with no name is shown by its column."""
    return {
        column: {str(value): name.strip() for value, name in names.items() if name.strip()}
        for column, names in mapping.value_names.items()
        if any(name.strip() for name in names.values())
    }


def _dimension(
    dim: tuple[str, ...],
    groups: dict[tuple[str, ...], Counts],
    total: int,
    mapping: BiasMapping,
    options: BiasOptions,
    warnings: list[str],
) -> Dimension:
    keys = sorted(groups)
    reference_key, chosen_by = _reference_key(dim, groups, mapping)
    built = {
        key: _group(
            dict(zip(dim, key, strict=True)),
            groups[key],
            total,
            options,
            is_reference=key == reference_key,
        )
        for key in keys
    }
    reference = built[reference_key]
    judged = [built[key] for key in keys if not built[key].small] or list(built.values())
    favourable_rates = [_favourable(g, options) for g in judged]
    highest = max((r for r in favourable_rates if r is not None), default=None)
    names = _names(mapping)
    for key in keys:
        warnings += _group_warnings(built[key], names, options)
    return Dimension(
        characteristics=list(dim),
        reference=reference.label,
        reference_chosen_by=chosen_by,
        groups=[_compared(built[key], reference, highest, options) for key in keys],
    )


def _reference_key(
    dim: tuple[str, ...], groups: dict[tuple[str, ...], Counts], mapping: BiasMapping
) -> tuple[tuple[str, ...], Literal["largest", "user"]]:
    """The reference group's key: the one the mapping names, else the largest group."""
    if not all(column in mapping.reference for column in dim):
        # max keeps the first of equals, so ties go to the first group in sorted order.
        return max(sorted(groups), key=lambda key: groups[key].count), "largest"
    wanted = tuple(str(mapping.reference[column]) for column in dim)
    if wanted not in groups:
        listing = ", ".join(_label(dim, key) for key in sorted(groups)[:20])
        raise AuditInputError(
            [
                Problem(
                    f"the reference group {_label(dim, wanted)} has no rows. "
                    f"Groups found: {listing}.",
                    column=", ".join(dim),
                )
            ]
        )
    return wanted, "user"


def _group_warnings(group: Group, names: ValueNames, options: BiasOptions) -> list[str]:
    warnings = []
    who = group_phrase(group.key, names)
    if group.small:
        warnings.append(
            f"There are fewer than {options.min_group_size} rows for {who}: too small to "
            "judge, so differences for them are not flagged."
        )
    if MISSING_GROUP in group.key.values():
        warnings.append(
            f"{capitalised(who)} form a group of their own: rows with no value recorded are "
            "kept, not left out."
        )
    return warnings


def _compared(group: Group, reference: Group, highest: float | None, options: BiasOptions) -> Group:
    """The group with its disparities from the reference and its four-fifths figures."""
    disparities = {
        name: _disparity(metric, reference.metrics[name], group, reference, options)
        for name, metric in group.metrics.items()
    }
    return replace(
        group,
        disparities=disparities,
        four_fifths=_four_fifths(_favourable(group, options), highest),
    )


def _label(dim: Sequence[str], key: Sequence[str]) -> str:
    return " & ".join(f"{column}={value}" for column, value in zip(dim, key, strict=True)) or (
        "everyone"
    )


def _group(
    key: dict[str, str], counts: Counts, total: int, options: BiasOptions, *, is_reference: bool
) -> Group:
    confusion = (
        Confusion(tp=counts.tp, fp=counts.fp, fn=counts.fn, tn=counts.tn)
        if counts.has_label
        else None
    )
    return Group(
        key=key,
        label=_label(list(key), list(key.values())),
        count=counts.count,
        share=rate(counts.count, total, options.confidence),
        small=counts.count < options.min_group_size,
        reference=is_reference,
        confusion=confusion,
        metrics=dict(group_metrics(counts, options.confidence).items()),
        disparities={},
        four_fifths=FourFifths(favourable_rate=None, highest_rate=None, ratio=None, passes=None),
    )


def _interval(metric: Rate) -> Interval | None:
    if metric.low is None or metric.high is None:
        return None
    return Interval(metric.low, metric.high)


def _disparity(
    metric: Rate, reference_metric: Rate, group: Group, reference: Group, options: BiasOptions
) -> Disparity:
    value, base = metric.value, reference_metric.value
    ratio = value / base if value is not None and base not in (None, 0) else None
    difference = value - base if value is not None and base is not None else None
    ours, theirs = _interval(metric), _interval(reference_metric)
    clear = ours is not None and theirs is not None and not ours.overlaps(theirs)
    if ratio is None:
        material = difference is not None and difference != 0
    else:
        material = ratio < options.materiality or ratio > 1 / options.materiality
    return Disparity(
        ratio=ratio,
        difference=difference,
        clear_of_chance=clear,
        flagged=clear and material and not group.small and not reference.small,
    )


def _favourable(group: Group, options: BiasOptions) -> float | None:
    selection = group.metrics["selection_rate"].value
    if selection is None:
        return None
    return 1 - selection if options.use == "punitive" else selection


def _four_fifths(rate_value: float | None, highest: float | None) -> FourFifths:
    if rate_value is None or highest is None or highest == 0:
        return FourFifths(favourable_rate=rate_value, highest_rate=highest, ratio=None, passes=None)
    ratio = rate_value / highest
    return FourFifths(
        favourable_rate=rate_value, highest_rate=highest, ratio=ratio, passes=ratio >= FOUR_FIFTHS
    )
