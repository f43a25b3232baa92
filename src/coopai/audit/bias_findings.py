"""A bias audit's findings: its flags and four-fifths failures, gathered by
characteristic, and the plain sentences a report opens with.

What counts as a flag is set out in :mod:`coopai.audit.findings`. Groups are named as
people call them (:mod:`coopai.audit.names`), and each difference is said with its
direction, its size and whether chance explains it (:mod:`coopai.audit.sentences`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from coopai.audit.findings import (
    MAX_NAMED,
    Comparison,
    Direction,
    Findings,
    Flag,
    FlaggedGroup,
    FourFifthsFailure,
    as_sentence,
    flagged_summary,
    listing,
    percent,
    several,
)
from coopai.audit.metrics import METRIC_TITLES
from coopai.audit.names import ValueNames, group_phrase, group_title
from coopai.audit.results import BiasResult, Dimension, Group
from coopai.audit.sentences import chance, comparison
from coopai.audit.sentences import percent as plain_percent

Outcome = Literal["selected", "not_selected"]
LEAD_FLAGS = MAX_NAMED
"""The opening sentences give this many flagged differences in full, then how many more."""
LEAD_FAILURES = 2
"""…and this many four-fifths failures."""


def bias_findings(result: BiasResult) -> Findings[Flag]:
    """A bias audit's flagged disparities, four-fifths failures and groups too small."""
    flags: list[Flag] = []
    clauses: list[str] = []
    failures: list[FourFifthsFailure] = []
    comparisons = []
    quiet = []
    for dimension in result.dimensions:
        compared = _compare(dimension, result)
        comparisons.append(compared.summary)
        flags += compared.flags
        clauses += compared.clauses
        failures += compared.failures
        if len(dimension.characteristics) == 1 and not compared.flags:
            quiet.append(_largest_difference(dimension, result))
    names = result.value_names
    too_small = tuple(
        group_title(g.key, names) for d in result.dimensions for g in d.groups if g.small
    )
    return Findings(
        kind="bias",
        flags=tuple(flags),
        count=len(flags),
        sentence=_overview(result, clauses, failures, too_small),
        four_fifths=tuple(failures),
        too_small=too_small,
        comparisons=tuple(comparisons),
        lead=tuple(_lead(result, flags, failures, quiet, too_small)),
    )


def _overview(
    result: BiasResult,
    clauses: Sequence[str],
    failures: Sequence[FourFifthsFailure],
    too_small: Sequence[str],
) -> str:
    """The whole audit in a sentence or two, for page one of a committee report: a
    clause for each flag (:func:`_flag_clause`), the first few named."""
    limit = result.suppression_limit
    audited = (
        f"fewer than {limit} outputs" if result.rows is None else several(result.rows, "output")
    )
    notes = []
    if failures:
        notes.append(
            f"{several(len(failures), 'group')} below four fifths of the highest rate of "
            f"{_favourable(result.favourable_outcome)} "
            f"({listing([f.group_name for f in failures])})"
        )
    if too_small:
        notes.append(f"{several(len(too_small), 'group')} too small to judge")
    sentence = f"Bias audit of {audited}: {flagged_summary('difference', clauses)}. "
    return (sentence + as_sentence(notes)).strip()


def _lead(
    result: BiasResult,
    flags: Sequence[Flag],
    failures: Sequence[FourFifthsFailure],
    quiet: Sequence[str],
    too_small: Sequence[str],
) -> list[str]:
    lead = [flag.sentence for flag in flags[:LEAD_FLAGS]]
    more = len(flags) - LEAD_FLAGS
    if more > 0:
        listed = "is flagged, listed" if more == 1 else "are flagged, each listed"
        lead.append(f"{several(more, 'more difference')} {listed} below.")
    lead += quiet
    lead += [failure.sentence for failure in failures[:LEAD_FAILURES]]
    more = len(failures) - LEAD_FAILURES
    if more > 0:
        listed = "does not meet" if more == 1 else "do not meet"
        lead.append(f"{several(more, 'more group')} {listed} the four-fifths rule, listed below.")
    if too_small:
        are = "is" if len(too_small) == 1 else "are"
        lead.append(
            f"{several(len(too_small), 'group')} {are} too small to judge (fewer than "
            f"{result.min_group_size} rows), so nothing is flagged for "
            f"{'it' if len(too_small) == 1 else 'them'}: {listing(list(too_small))}."
        )
    return lead


@dataclass(frozen=True)
class _Compared:
    summary: Comparison
    flags: list[Flag]
    clauses: list[str]
    failures: list[FourFifthsFailure]


def _compare(dimension: Dimension, result: BiasResult) -> _Compared:
    characteristic = " and ".join(dimension.characteristics)
    reference = next(group for group in dimension.groups if group.reference)
    top = _most_favoured(dimension, result.favourable_outcome)
    flags, clauses, failures, flagged = [], [], [], []
    for group in dimension.groups:
        ours = [
            _flag(characteristic, group, reference, name, result)
            for name in result.headline.metrics
            if name in group.disparities and group.disparities[name].flagged
        ]
        if ours:
            flagged.append(_flagged_group(group.label, ours))
        flags += ours
        clauses += [_flag_clause(flag, group, reference, result.value_names) for flag in ours]
        if group.four_fifths.passes is False and not group.small:
            failures.append(_failure(characteristic, group, top, result))
    summary = Comparison(
        characteristic=characteristic,
        reference=group_title(reference.key, result.value_names),
        groups=len(dimension.groups),
        flagged=tuple(flagged),
        failing=tuple(failure.group_name for failure in failures),
    )
    return _Compared(summary, flags, clauses, failures)


def _flagged_group(label: str, flags: Sequence[Flag]) -> FlaggedGroup:
    measures = ", ".join(
        _measure(flag.metric_title) + ("" if flag.direction is None else f" {flag.direction}")
        for flag in flags
    )
    return FlaggedGroup(
        group=label,
        metrics=tuple(flag.metric for flag in flags),
        text=f"{flags[0].group_name} ({measures})",
    )


def _flag(
    characteristic: str, group: Group, reference: Group, name: str, result: BiasResult
) -> Flag:
    disparity = group.disparities[name]
    ours, theirs = group.metrics[name].value, reference.metrics[name].value
    direction: Direction | None = None
    if disparity.difference is not None:
        direction = "higher" if disparity.difference > 0 else "lower"
    names = result.value_names
    return Flag(
        characteristic=characteristic,
        group=group.label,
        reference=reference.label,
        group_name=group_title(group.key, names),
        reference_name=group_title(reference.key, names),
        metric=name,
        metric_title=METRIC_TITLES[name],
        group_value=ours,
        reference_value=theirs,
        ratio=disparity.ratio,
        direction=direction,
        sentence=comparison(
            name,
            group_phrase(group.key, names),
            group_phrase(reference.key, names),
            (ours, theirs),
            chance(disparity, too_few=False),
            result.suppression_limit,
        ),
    )


def _largest_difference(dimension: Dimension, result: BiasResult) -> str:
    """For a characteristic with nothing flagged: its widest gap on the first headline
    metric, among groups large enough to judge, and whether chance could explain it."""
    characteristic = dimension.characteristics[0]
    opening = f"Nothing is flagged by {characteristic}."
    metric = result.headline.metrics[0]
    reference = next(group for group in dimension.groups if group.reference)
    base = reference.metrics[metric].value
    shown = [
        group
        for group in dimension.groups
        if not group.reference and group.metrics[metric].value is not None
    ]
    judged = [group for group in shown if not group.small] or shown
    if base is None or not judged:
        return opening
    widest = max(judged, key=lambda group: abs((group.metrics[metric].value or 0.0) - base))
    names = result.value_names
    verdict = chance(widest.disparities[metric], too_few=widest.small or reference.small)
    sentence = comparison(
        metric,
        group_phrase(widest.key, names),
        group_phrase(reference.key, names),
        (widest.metrics[metric].value, base),
        verdict,
        result.suppression_limit,
        opens=False,
    )
    return f"{opening} The largest difference in the {_measure(METRIC_TITLES[metric])}: {sentence}"


def _measure(title: str) -> str:
    """A metric's title inside a sentence: "Precision (PPV)" becomes "precision (PPV)"."""
    return title[:1].lower() + title[1:]


def _flag_clause(flag: Flag, group: Group, reference: Group, names: ValueNames) -> str:
    """ "selection rate higher for Men than for Women (31.0% against 15.0%)"."""
    measure = _measure(flag.metric_title)
    ours, theirs = group_phrase(group.key, names), group_phrase(reference.key, names)
    if flag.direction is None or flag.group_value is None or flag.reference_value is None:
        return f"{measure} different for {ours} from {theirs} (figures withheld)"
    return (
        f"{measure} {flag.direction} for {ours} than for {theirs} "
        f"({percent(flag.group_value)} against {percent(flag.reference_value)})"
    )


def _favourable(outcome: Outcome) -> str:
    return "being selected" if outcome == "selected" else "not being selected"


def _favourable_rate(group: Group, outcome: Outcome) -> float | None:
    selection = group.metrics["selection_rate"].value
    if selection is None:
        return None
    return selection if outcome == "selected" else 1 - selection


def _most_favoured(dimension: Dimension, outcome: Outcome) -> Group | None:
    """The group whose favourable rate the four-fifths rule compares with, when shown."""
    judged = [group for group in dimension.groups if not group.small] or dimension.groups
    highest = next((g.four_fifths.highest_rate for g in judged), None)
    if highest is None:
        return None
    return next((g for g in judged if _favourable_rate(g, outcome) == highest), None)


def _failure(
    characteristic: str, group: Group, top: Group | None, result: BiasResult
) -> FourFifthsFailure:
    rule = group.four_fifths
    names = result.value_names
    share = f"The share of {group_phrase(group.key, names)} who were " + (
        "selected" if result.favourable_outcome == "selected" else "not selected"
    )
    if rule.favourable_rate is None or rule.highest_rate is None or rule.ratio is None:
        sentence = (
            f"{share} is under four fifths of the highest group's, so the four-fifths rule is "
            "not met; the figures are withheld for publication."
        )
    else:
        highest = plain_percent(rule.highest_rate)
        if top is not None:
            highest = f"{group_phrase(top.key, names)}, {highest}"
        sentence = (
            f"{share}, {plain_percent(rule.favourable_rate)}, is under four fifths of the "
            f"highest ({highest}), so the four-fifths rule is not met."
        )
    return FourFifthsFailure(
        characteristic=characteristic,
        group=group.label,
        group_name=group_title(group.key, names),
        favourable_rate=rule.favourable_rate,
        highest_rate=rule.highest_rate,
        ratio=rule.ratio,
        sentence=sentence,
    )
