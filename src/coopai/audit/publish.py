"""Suppressing small counts before a result is published.

Rule: any count under the limit (10 by default) is withheld, and so is every rate
that would let a reader work one out: a rate is withheld when its numerator, its
denominator or their difference is under the limit. Disparities and four-fifths
figures built on a withheld rate are withheld too, but the engine's decisions on them
are kept (whether a disparity is clear of chance and flagged, whether a group passes
the four-fifths rule): they say that a difference was found without giving a figure
from which a count could be worked out, and withholding them would hide a finding
from exactly the readers it is published for. Results meant only for the team doing
the audit keep everything; anything leaving it should go through here.
"""

from __future__ import annotations

from dataclasses import replace

from coopai.audit.results import (
    BiasResult,
    Confusion,
    Dimension,
    ErrorRates,
    ErrorResult,
    FourFifths,
    Group,
    QualityResult,
    Rate,
    Representation,
    RepresentationRow,
)

SUPPRESSION_LIMIT = 10


def _count(value: int | None, limit: int) -> int | None:
    return None if value is None or value < limit else value


def _rate(metric: Rate, limit: int) -> Rate:
    if metric.numerator is None or metric.denominator is None:
        return metric
    smallest = min(metric.numerator, metric.denominator, metric.denominator - metric.numerator)
    if smallest >= limit:
        return metric
    return Rate(suppressed=True)


def _group(group: Group, reference: Group | None, limit: int) -> Group:
    metrics = {name: _rate(metric, limit) for name, metric in group.metrics.items()}
    disparities = {}
    for name, disparity in group.disparities.items():
        theirs = _rate(reference.metrics[name], limit) if reference else None
        withheld = metrics[name].suppressed or (theirs is not None and theirs.suppressed)
        disparities[name] = (
            replace(disparity, ratio=None, difference=None) if withheld else disparity
        )
    four_fifths = group.four_fifths
    if metrics["selection_rate"].suppressed:
        four_fifths = FourFifths(
            favourable_rate=None, highest_rate=None, ratio=None, passes=four_fifths.passes
        )
    confusion = group.confusion
    if confusion is not None:
        confusion = Confusion(
            tp=_count(confusion.tp, limit),
            fp=_count(confusion.fp, limit),
            fn=_count(confusion.fn, limit),
            tn=_count(confusion.tn, limit),
        )
    return replace(
        group,
        count=_count(group.count, limit),
        share=_rate(group.share, limit),
        confusion=confusion,
        metrics=metrics,
        disparities=disparities,
        four_fifths=four_fifths,
    )


def _dimension(dimension: Dimension, limit: int) -> Dimension:
    reference = next(group for group in dimension.groups if group.reference)
    groups = [_group(group, reference, limit) for group in dimension.groups]
    if any(group.metrics["selection_rate"].suppressed for group in groups):
        # The highest favourable rate may belong to a withheld group, and a group's own
        # rate divided by its ratio would give it back.
        groups = [
            replace(group, four_fifths=replace(group.four_fifths, highest_rate=None, ratio=None))
            for group in groups
        ]
    return replace(dimension, groups=groups)


def publishable_bias(result: BiasResult, limit: int = SUPPRESSION_LIMIT) -> BiasResult:
    return replace(
        result,
        rows=_count(result.rows, limit),
        overall=_group(result.overall, None, limit),
        dimensions=[_dimension(dimension, limit) for dimension in result.dimensions],
        publication=True,
        suppression_limit=limit,
    )


def _error_rates(rates: ErrorRates, limit: int) -> ErrorRates:
    return replace(
        rates,
        count=_count(rates.count, limit),
        verdicts={name: _count(n, limit) for name, n in rates.verdicts.items()},
        rates={name: _rate(metric, limit) for name, metric in rates.rates.items()},
    )


def publishable_errors(result: ErrorResult, limit: int = SUPPRESSION_LIMIT) -> ErrorResult:
    return replace(
        result,
        overall=_error_rates(result.overall, limit),
        groups=[_error_rates(group, limit) for group in result.groups],
        publication=True,
        suppression_limit=limit,
    )


def _representation(representation: Representation, limit: int) -> Representation:
    rows = []
    for row in representation.rows:
        if row.observed is not None and row.observed < limit:
            row = RepresentationRow(
                group=row.group,
                observed=None,
                observed_share=None,
                reference_share=row.reference_share,
                ratio=None,
            )
        rows.append(row)
    return replace(representation, rows=rows)


def publishable_quality(result: QualityResult, limit: int = SUPPRESSION_LIMIT) -> QualityResult:
    return replace(
        result,
        representation=[_representation(r, limit) for r in result.representation],
        publication=True,
        suppression_limit=limit,
    )
