"""What an audit found, as data and in plain sentences, for every face to lay out.

The audits decide what is a problem; this module restates those decisions, each with
its direction and size, so the web app, the reports and the transparency record say
the same thing and none of them works it out again. It runs no test of its own.

What counts as a flag (``Findings.count`` is how many there are):

- **bias**: a group's disparity on one of the headline metrics that the audit flagged
  (:attr:`Disparity.flagged`: the two groups' intervals are apart, the ratio lies
  outside the materiality band and both groups are large enough to judge), counted
  once per group and metric, in every characteristic and intersection. The overall
  group and the reference group have nothing to flag. Groups large enough to judge
  that fail the four-fifths rule are reported alongside (``four_fifths``) but not
  counted, as the report's summary keeps them apart: the rule has no test of chance
  and compares with the highest group, and the selection rate, which it restates, is
  always a headline metric.
- **errors**: reviewers judged at least one sampled output harmful; and more reviewed
  samples are needed to narrow the overall any-error interval to the width asked
  for. The error audit does not compare groups with one another, so no difference
  between groups is flagged.
- **quality**: a column less than :data:`COMPLETE_ENOUGH` complete; a column with
  values that do not read as its inferred type; rows that repeat an earlier row; a
  make-up whose goodness-of-fit p-value against the reference population is below
  :data:`SIGNIFICANCE` (only when one was given).

Groups too small to judge are listed (``too_small``), never flagged. A bias audit's
flags and four-fifths failures are also gathered by characteristic
(``comparisons``), for a table that stays short however many groups an intersection
has. A bias audit's findings are made in :mod:`coopai.audit.bias_findings`; groups are
named there as people call them, never as ``column=value`` (:mod:`coopai.audit.names`).

Give a published result (``publishable_bias`` and friends) for anything leaving the
team: where a figure is withheld the sentence says so instead of giving it. Bias flags
survive publication; a harmful-output count under the limit does not, as it could be
zero, so the sentence says it is withheld and nothing is flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar, overload

from coopai.audit.names import group_title, plain_key
from coopai.audit.quality import COMPLETE_ENOUGH, SIGNIFICANCE
from coopai.audit.results import (
    AuditResult,
    BiasResult,
    ColumnProfile,
    ErrorRates,
    ErrorResult,
    InferredType,
    QualityResult,
    Representation,
)

MAX_NAMED = 3
"""The one-line summary names this many flags at most, then says how many more."""

Direction = Literal["higher", "lower"]
"""Whether a group's figure is above or below the one it is compared with."""

IssueKind = Literal[
    "harmful_outputs",
    "more_samples_needed",
    "incomplete_column",
    "invalid_values",
    "duplicate_rows",
    "unrepresentative",
]
"""The problems an error audit or a quality profile marks; see :class:`Issue`."""

TYPE_WORDS: dict[InferredType, str] = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date",
    "text": "text",
    "empty": "anything",
}


@dataclass(frozen=True)
class Flag:
    """One difference a bias audit flagged: a group against its reference on a metric."""

    characteristic: str
    """The characteristic, or an intersection's, joined by "and": "sex and age_band"."""
    group: str
    """The group's label, its id in the JSON: "sex=M"."""
    reference: str
    group_name: str
    """The group as people call it: "Men", or "sex: M" where no name was given."""
    reference_name: str
    metric: str
    metric_title: str
    group_value: float | None
    """None only where withheld for publication: a flagged rate is always defined."""
    reference_value: float | None
    ratio: float | None
    """group / reference; None when withheld, or when the reference rate is 0."""
    direction: Direction | None
    """None when withheld for publication."""
    sentence: str
    """Who, which way, how much, and that chance does not explain it, in plain words."""


@dataclass(frozen=True)
class FourFifthsFailure:
    """A group large enough to judge whose favourable-outcome rate is under 4/5 of the top."""

    characteristic: str
    group: str
    group_name: str
    favourable_rate: float | None
    highest_rate: float | None
    ratio: float | None
    """favourable / highest; None (as are the rates) when withheld for publication."""
    sentence: str


@dataclass(frozen=True)
class Issue:
    """One problem an error audit or quality profile marked; each kind fills what it has.

    - ``harmful_outputs``: subject "all samples"; count of harmful outputs, their share.
    - ``more_samples_needed``: subject "all samples"; count of more samples to review,
      share the any-error interval's width now, expected the width asked for.
    - ``incomplete_column``: subject the column; count of empty cells, share its
      completeness, expected :data:`COMPLETE_ENOUGH`.
    - ``invalid_values``: subject the column; count of invalid values, share its validity.
    - ``duplicate_rows``: subject "all rows"; count of duplicates, their share of rows.
    - ``unrepresentative``: subject the characteristic; ``group`` the group furthest from
      its reference share (None if every share is withheld), its count, share of the
      data, expected share (of the reference population) and direction.
    """

    kind: IssueKind
    subject: str
    sentence: str
    count: int | None = None
    share: float | None = None
    expected: float | None = None
    group: str | None = None
    direction: Direction | None = None


@dataclass(frozen=True)
class FlaggedGroup:
    """A group with a flag on one or more headline metrics, in one characteristic."""

    group: str
    metrics: tuple[str, ...]
    """The flagged metrics' names, in the headline's order."""
    text: str
    """The group by name and its flagged metrics, each with its direction:
    "Men (selection rate higher, accuracy lower)"."""


@dataclass(frozen=True)
class Comparison:
    """What a bias audit found in one characteristic or intersection."""

    characteristic: str
    reference: str
    """The reference group by name: "Women"."""
    groups: int
    """How many groups were compared, the reference and groups too small included."""
    flagged: tuple[FlaggedGroup, ...]
    failing: tuple[str, ...]
    """Names of the groups large enough to judge that fail the four-fifths rule."""


Item = TypeVar("Item", Flag, Issue)


@dataclass(frozen=True)
class Findings(Generic[Item]):
    """An audit's flags, how many, and the whole audit in a sentence or two."""

    kind: Literal["bias", "errors", "quality"]
    flags: tuple[Item, ...]
    count: int
    """How many flags: the "differences flagged" a checklist shows."""
    sentence: str
    """For page one of a committee report; names at most :data:`MAX_NAMED` flags."""
    four_fifths: tuple[FourFifthsFailure, ...] = ()
    too_small: tuple[str, ...] = ()
    """Names of the groups too small to judge."""
    comparisons: tuple[Comparison, ...] = ()
    """A bias audit's flags and four-fifths failures by characteristic; empty otherwise."""
    lead: tuple[str, ...] = ()
    """The plain sentences a report or page opens with, before any table. A bias audit's
    give its first flags in full with their size and whether chance explains them, how
    many more there are, the largest difference in each characteristic with nothing
    flagged, the four-fifths failures and the groups too small to judge; the other
    kinds' give :attr:`sentence`."""


@overload
def findings(result: BiasResult) -> Findings[Flag]: ...
@overload
def findings(result: ErrorResult | QualityResult) -> Findings[Issue]: ...
def findings(result: AuditResult) -> Findings[Flag] | Findings[Issue]:
    """What ``result`` found, by the findings function its kind's entry names."""
    # Imported here: the registry imports this module for each kind's findings function.
    from coopai.audit.kinds import kind_of

    found: Findings[Flag] | Findings[Issue] = kind_of(result).findings(result)
    return found


def several(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def listing(clauses: Sequence[str]) -> str:
    named = "; ".join(clauses[:MAX_NAMED])
    more = len(clauses) - MAX_NAMED
    return named + (f"; and {more:,} more" if more > 0 else "")


def as_sentence(parts: Sequence[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""


def flagged_summary(noun: str, clauses: Sequence[str]) -> str:
    if not clauses:
        return f"no {noun}s flagged"
    return f"{several(len(clauses), noun)} flagged — {listing(clauses)}"


def percent(value: float) -> str:
    return f"{value:.1%}"


def error_findings(result: ErrorResult) -> Findings[Issue]:
    """An error audit's harmful outputs and whether more samples are needed."""
    overall, limit = result.overall, result.suppression_limit
    found = [item for item in (_harmful(overall), _more_samples(overall)) if item is not None]
    notes = []
    harmful = overall.verdicts.get("harmful")
    if harmful is None:
        notes.append(f"the number judged harmful is under {limit} and withheld for publication")
    elif harmful == 0:
        notes.append("none judged harmful")
    too_small = tuple(group_title(group.key, {}) for group in result.groups if group.small)
    if too_small:
        notes.append(f"{several(len(too_small), 'group')} too small to judge")
    reviewed = (
        f"fewer than {limit} reviewed outputs"
        if overall.count is None
        else several(overall.count, "reviewed output")
    )
    any_error = overall.rates["any_error"]
    if any_error.value is not None:
        reviewed += f", {percent(any_error.value)} with an error of some kind"
    elif any_error.suppressed:
        reviewed += ", the share with an error withheld for publication"
    flagged = flagged_summary("problem", [clause for _, clause in found])
    sentence = f"Error audit of {reviewed}: {flagged}. {as_sentence(notes)}".strip()
    return Findings(
        kind="errors",
        flags=tuple(issue for issue, _ in found),
        count=len(found),
        sentence=sentence,
        too_small=too_small,
        lead=(sentence,),
    )


def _harmful(overall: ErrorRates) -> tuple[Issue, str] | None:
    harmful = overall.verdicts.get("harmful")
    if not harmful:
        return None
    share = overall.rates["harmful"].value
    of_all = "" if share is None else f" ({percent(share)})"
    return (
        Issue(
            kind="harmful_outputs",
            subject="all samples",
            count=harmful,
            share=share,
            sentence=f"Reviewers judged {several(harmful, 'sampled output')} harmful{of_all}.",
        ),
        f"reviewers judged {several(harmful, 'output')} harmful{of_all}",
    )


def _more_samples(overall: ErrorRates) -> tuple[Issue, str] | None:
    advice, any_error = overall.advice, overall.rates["any_error"]
    if advice is None or advice.additional == 0:
        return None
    width = None
    if any_error.low is not None and any_error.high is not None:
        width = any_error.high - any_error.low
    target = f"{advice.target_width * 100:g} percentage points wide"
    now = "" if width is None else f"; it is {width * 100:.0f} points wide now"
    return (
        Issue(
            kind="more_samples_needed",
            subject="all samples",
            count=advice.additional,
            share=width,
            expected=advice.target_width,
            sentence=f"About {advice.additional:,} more reviewed samples are needed to narrow "
            f"the interval around the error rate to {target}{now}.",
        ),
        f"about {advice.additional:,} more reviewed samples needed",
    )


def quality_findings(result: QualityResult) -> Findings[Issue]:
    """A data-quality profile's make-up, duplicate rows and column problems."""
    # The make-up first: it bears on bias; then duplicates; then the columns, which may be many.
    issues = [_unrepresentative(r) for r in result.representation if _differs(r)]
    if result.duplicate_rows:
        repeats = "repeats" if result.duplicate_rows == 1 else "repeat"
        share = result.duplicate_rows / result.rows
        issue = Issue(
            kind="duplicate_rows",
            subject="all rows",
            count=result.duplicate_rows,
            share=share,
            sentence=f"{several(result.duplicate_rows, 'row')} {repeats} an earlier row "
            f"exactly ({percent(share)} of rows).",
        )
        issues.append((issue, several(result.duplicate_rows, "duplicate row")))
    for column in result.columns:
        issues += _column_issues(column, result.rows)
    profiled = f"{several(result.rows, 'row')} and {several(len(result.columns), 'column')}"
    clauses = [clause for _, clause in issues]
    sentence = f"Data-quality profile of {profiled}: {flagged_summary('problem', clauses)}."
    return Findings(
        kind="quality",
        flags=tuple(issue for issue, _ in issues),
        count=len(issues),
        sentence=sentence,
        lead=(sentence,),
    )


def _column_issues(column: ColumnProfile, rows: int) -> list[tuple[Issue, str]]:
    found = []
    if column.completeness < COMPLETE_ENOUGH:
        found.append(
            (
                Issue(
                    kind="incomplete_column",
                    subject=column.name,
                    count=column.missing,
                    share=column.completeness,
                    expected=COMPLETE_ENOUGH,
                    direction="lower",
                    sentence=f"Column {column.name!r} is {percent(column.completeness)} "
                    f"complete: {column.missing:,} of {rows:,} cells are empty (the profile "
                    f"marks any column under {COMPLETE_ENOUGH:.0%}).",
                ),
                f"column {column.name!r} {percent(column.completeness)} complete",
            )
        )
    invalid = column.present - column.valid
    if invalid:
        kind = TYPE_WORDS[column.inferred_type]
        validity = "" if column.validity is None else f" ({percent(column.validity)} do)"
        found.append(
            (
                Issue(
                    kind="invalid_values",
                    subject=column.name,
                    count=invalid,
                    share=column.validity,
                    sentence=f"Column {column.name!r} has {several(invalid, 'value')} that do "
                    f"not read as {kind}{validity}.",
                ),
                f"column {column.name!r} has {several(invalid, 'value')} that are not {kind}",
            )
        )
    return found


def _differs(representation: Representation) -> bool:
    return representation.p_value is not None and representation.p_value < SIGNIFICANCE


def _unrepresentative(representation: Representation) -> tuple[Issue, str]:
    characteristic = representation.characteristic
    p_value = representation.p_value or 0.0
    test = "p < 0.001" if p_value < 0.001 else f"p = {p_value:.2g}"
    shown = [row for row in representation.rows if row.observed_share is not None]
    widest = max(
        shown,
        key=lambda row: abs((row.observed_share or 0.0) - row.reference_share),
        default=None,
    )
    opening = f"The make-up by {characteristic} differs from the reference population ({test})"
    if widest is None or widest.observed_share is None:
        withheld = f"{opening}; every group's share is withheld for publication."
        return (
            Issue(kind="unrepresentative", subject=characteristic, sentence=withheld),
            f"the make-up by {characteristic} differs from the reference population",
        )
    label = plain_key({characteristic: widest.group})
    share, expected = widest.observed_share, widest.reference_share
    figures = f"{percent(share)} of the rows against {percent(expected)} of the population"
    return (
        Issue(
            kind="unrepresentative",
            subject=characteristic,
            count=widest.observed,
            share=share,
            expected=expected,
            group=widest.group,
            direction="lower" if share < expected else "higher",
            sentence=f"{opening}: the largest gap is for {label}, {figures}.",
        ),
        f"the make-up by {characteristic} differs from the reference population ({label} "
        f"{percent(share)} against {percent(expected)})",
    )
