"""Results turned into a neutral document (sections, tables, charts) for rendering.

The renderers in :mod:`coopai.audit.render` only lay this out as text, Markdown or
HTML, so every format says the same thing. What the audit decided about a figure
(a flagged disparity, a failed four-fifths rule) travels as a typed :class:`Mark` on
its table cell, so a face that shows it differently never reads it back out of text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from coopai.audit.bias_findings import LEAD_FAILURES, LEAD_FLAGS, bias_findings
from coopai.audit.findings import error_findings, quality_findings
from coopai.audit.metrics import METRIC_MEANINGS, METRIC_NAMES, METRIC_TITLES
from coopai.audit.names import ValueNames, group_title
from coopai.audit.results import (
    BiasResult,
    Dimension,
    Disparity,
    ErrorResult,
    Group,
    QualityResult,
    Rate,
    Representation,
)

NOT_DEFINED = "not defined"
WITHHELD = "withheld (<{limit})"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]


Mark = Literal["flagged", "fails"]
"""What the audit decided about a cell's figure: a flagged disparity, a failed rule."""

MARK_WORDS: dict[Mark, str] = {"flagged": "FLAGGED", "fails": "FAILS"}
"""How a mark reads in plain text, after the figure it qualifies."""


@dataclass(frozen=True)
class Cell:
    text: str
    mark: Mark | None = None

    @property
    def plain(self) -> str:
        """The figure and its mark in words, for formats without styling: "0.47 FLAGGED"."""
        if self.mark is None:
            return self.text
        return f"{self.text} {MARK_WORDS[self.mark]}".strip()


def cells(texts: Iterable[str]) -> list[Cell]:
    """A row of unmarked cells."""
    return [Cell(text) for text in texts]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Cell]]


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass(frozen=True)
class Term:
    """A word a reader may not know, and what it means here."""

    term: str
    meaning: str


@dataclass
class Document:
    title: str
    summary: list[str]
    sections: list[Section]
    terms: list[Term] = field(default_factory=list)
    """The terms the summary uses, explained, for a face to show beside it."""


def percent(metric: Rate, limit: int, with_interval: bool = True) -> str:
    if metric.suppressed:
        return WITHHELD.format(limit=limit)
    if metric.value is None:
        return NOT_DEFINED
    text = f"{metric.value:.1%}"
    if with_interval and metric.low is not None and metric.high is not None:
        text += f" ({metric.low:.1%} to {metric.high:.1%})"
    return text


def count(value: int | None, limit: int) -> str:
    return WITHHELD.format(limit=limit) if value is None else f"{value:,}"


def _ratio(disparity: Disparity | None) -> Cell:
    if disparity is None:
        return Cell(NOT_DEFINED)
    # A flag stands without its ratio: when the reference rate is 0, or when publication
    # withholds a rate the ratio would reveal.
    text = NOT_DEFINED if disparity.ratio is None else f"{disparity.ratio:.2f}"
    return Cell(text, "flagged" if disparity.flagged else None)


def _four_fifths(passes: bool | None) -> Cell:
    if passes is None:
        return Cell(NOT_DEFINED)
    return Cell("passes") if passes else Cell("", "fails")


def _flagged_section(sentences: list[str]) -> list[Section]:
    """Every flag in full, before the tables: the summary names only the first few."""
    return [Section("What the audit flagged", paragraphs=sentences)] if sentences else []


REFERENCE_CHOSEN = {"largest": "the largest group", "user": "chosen for this audit"}


def bias_document(result: BiasResult) -> Document:
    limit = result.suppression_limit
    headline = [m for m in result.headline.metrics if m in result.overall.metrics]
    found = bias_findings(result)
    how = (
        f"prediction column {result.columns.prediction!r}"
        if result.columns.prediction
        else f"score column {result.columns.score!r} at threshold {result.columns.threshold}"
    )
    summary = [
        *found.lead,
        f"Predictions from the {how}; "
        + (
            f"true outcomes from {result.columns.label!r}."
            if result.columns.label
            else "no true outcomes, so only selection rates are compared."
        ),
        "Headline metrics: "
        + ", ".join(METRIC_TITLES[m] for m in headline)
        + ". "
        + result.headline.explanation,
    ]
    if result.publication:
        summary.append(f"Counts under {limit} and rates that would reveal them are withheld.")
    # The summary opens with the first flags and failures; when there are more, all follow.
    shown_in_lead = len(found.flags) <= LEAD_FLAGS and len(found.four_fifths) <= LEAD_FAILURES
    sections = (
        []
        if shown_in_lead
        else _flagged_section(
            [flag.sentence for flag in found.flags] + [f.sentence for f in found.four_fifths]
        )
    )
    sections += [_dimension_section(d, headline, result) for d in result.dimensions]
    if result.dimensions:
        where = len(sections) - len(result.dimensions)
        sections[where].paragraphs.append(
            f"Figures in brackets are {result.confidence:.0%} intervals: the range each rate "
            "could well be in. A ratio is the group's rate divided by the reference group's."
        )
    if result.warnings:
        sections.append(Section("Warnings", paragraphs=list(result.warnings)))
    sections.append(Section("How to read this", paragraphs=[_method_note(result)]))
    return Document(f"Bias audit of {result.source}", summary, sections, bias_terms(result))


def bias_terms(result: BiasResult) -> list[Term]:
    """What the words of a bias audit's summary mean: its headline metrics, the outcome,
    chance and the interval, the four-fifths rule and the reference group."""
    headline = [m for m in result.headline.metrics if m in result.overall.metrics]
    terms = [Term(METRIC_TITLES[name], METRIC_MEANINGS[name]) for name in headline]
    if result.columns.label:
        terms.append(
            Term(
                "The outcome",
                f"What the column {result.columns.label!r} records, 1 where it happened: what "
                "the AI is trying to predict. Without it, only selection can be compared.",
            )
        )
    favourable = result.favourable_outcome.replace("_", " ")
    return [
        *terms,
        Term(
            "Larger than chance would explain",
            f"Each rate has a {result.confidence:.0%} interval, the figures in brackets: the "
            "range the true rate could well be in, given how many people the group has. When "
            "two groups' intervals do not overlap, the difference between them is larger than "
            "chance would explain. It is flagged when it is also large enough to matter (one "
            f"rate under {result.materiality:.0%} of the other) and both groups have at least "
            f"{result.min_group_size} people.",
        ),
        Term(
            "The four-fifths rule",
            f"A rule of thumb from employment law: each group's rate of being {favourable} "
            "should be at least four fifths (80%) of the rate of the group with the highest. "
            "It has no test of chance, so it is reported beside the flags, not counted as one.",
        ),
        Term(
            "Reference group",
            "The group every other group of the same characteristic is compared with: the "
            "largest, unless another was chosen.",
        ),
    ]


def _method_note(result: BiasResult) -> str:
    return (
        f"Intervals are Wilson {result.confidence:.0%} intervals. A disparity is the group's "
        "rate divided by the reference group's; it is flagged only when the two groups' "
        f"intervals do not overlap (clear of chance), the ratio lies outside "
        f"{result.materiality:.2f} to {1 / result.materiality:.2f}, and both groups have at "
        f"least {result.min_group_size} rows. The four-fifths rule compares each group's "
        f"favourable-outcome rate (being {result.favourable_outcome.replace('_', ' ')}) with "
        "the highest group's."
    )


def _dimension_section(dimension: Dimension, headline: list[str], result: BiasResult) -> Section:
    limit = result.suppression_limit
    title = " and ".join(dimension.characteristics)
    reference = next(group for group in dimension.groups if group.reference)
    chosen = REFERENCE_CHOSEN[dimension.reference_chosen_by]
    names = result.value_names
    section = Section(
        f"By {title}",
        paragraphs=[f"Reference group: {group_title(reference.key, names)} ({chosen})."],
    )
    headers = ["Group", "Count", "Share"]
    for name in headline:
        headers += [METRIC_TITLES[name], "Ratio"]
    headers.append("Four-fifths")
    section.tables.append(
        Table(
            f"Headline metrics by {title}",
            headers,
            [_headline_row(group, headline, limit, names) for group in dimension.groups],
        )
    )
    all_metrics = [m for m in METRIC_NAMES if m in result.overall.metrics]
    section.tables.append(
        Table(
            f"All metrics by {title}",
            ["Group", *(METRIC_TITLES[m] for m in all_metrics)],
            [
                cells(
                    [
                        _group_name(group, names),
                        *(
                            percent(group.metrics[m], limit, with_interval=False)
                            for m in all_metrics
                        ),
                    ]
                )
                for group in dimension.groups
            ],
        )
    )
    for name in dict.fromkeys(["selection_rate", *headline]):
        section.charts.append(_chart(dimension, name, title, names))
    return section


def _group_name(group: Group, names: ValueNames) -> str:
    marks = (" (reference)" if group.reference else "") + (" (too small)" if group.small else "")
    return group_title(group.key, names) + marks


def _headline_row(group: Group, headline: list[str], limit: int, names: ValueNames) -> list[Cell]:
    row = cells(
        [_group_name(group, names), count(group.count, limit), percent(group.share, limit, False)]
    )
    for name in headline:
        row += [Cell(percent(group.metrics[name], limit)), _ratio(group.disparities.get(name))]
    row.append(_four_fifths(group.four_fifths.passes))
    return row


def _chart(dimension: Dimension, name: str, title: str, names: ValueNames) -> Chart:
    metric_title = METRIC_TITLES[name]
    reference = next(group for group in dimension.groups if group.reference)
    bars = [
        Bar(
            group_title(group.key, names),
            group.metrics[name].value,
            group.metrics[name].low,
            group.metrics[name].high,
        )
        for group in dimension.groups
    ]
    return Chart(
        f"{metric_title} by {title}",
        f"Horizontal bars show each group's {metric_title.lower()} with a line for its 95% "
        f"interval; the reference group is {group_title(reference.key, names)}.",
        bars,
    )


ERROR_TERMS = [
    Term(
        "95% interval",
        "The figures in brackets: the range the true error rate could well be in, given how "
        "many outputs were reviewed. More reviewed samples make it narrower.",
    ),
    Term(
        "More samples needed",
        "How many more outputs to review for the interval around the any-error rate to be as "
        "narrow as asked, if the rate stays as it is.",
    ),
]
QUALITY_TERMS = [
    Term("Complete", "The share of a column's cells that are not empty."),
    Term("Valid", "The share of a column's filled cells that read as its type (a number, a date)."),
    Term(
        "Differs from the reference population",
        "A chi-square test says the data is unlikely to be a fair sample of the population "
        "it should represent (p under 0.05): some groups are under- or over-represented.",
    ),
]


def errors_document(result: ErrorResult) -> Document:
    limit = result.suppression_limit
    overall = result.overall
    found = error_findings(result)
    summary = [
        *found.lead,
        f"Verdicts from {result.verdict_column!r}. "
        f"Any error: {percent(overall.rates['any_error'], limit)}; major or harmful: "
        f"{percent(overall.rates['major_or_harmful'], limit)}; harmful: "
        f"{percent(overall.rates['harmful'], limit)}.",
    ]
    rows = [
        cells(
            [
                group_title(entry.key, {}) if entry.key else entry.label,
                count(entry.count, limit),
                *(
                    percent(entry.rates[name], limit)
                    for name in ("any_error", "major_or_harmful", "harmful")
                ),
                f"{entry.advice.additional:,}" if entry.advice else NOT_DEFINED,
            ]
        )
        for entry in [overall, *result.groups]
    ]
    table = Table(
        "Error rates with 95% intervals",
        ["Samples", "Count", "Any error", "Major or harmful", "Harmful", "More samples needed"],
        rows,
    )
    chart = Chart(
        "Any-error rate by group",
        "Horizontal bars show each group's share of outputs with any error, with a line for "
        "its 95% interval.",
        [
            Bar(
                group_title(e.key, {}) if e.key else e.label,
                e.rates["any_error"].value,
                e.rates["any_error"].low,
                e.rates["any_error"].high,
            )
            for e in [overall, *result.groups]
        ],
    )
    sections = _flagged_section([issue.sentence for issue in found.flags])
    sections.append(Section("Error rates", tables=[table], charts=[chart]))
    if result.warnings:
        sections.append(Section("Warnings", paragraphs=list(result.warnings)))
    return Document(f"Error audit of {result.source}", summary, sections, ERROR_TERMS)


def quality_document(result: QualityResult) -> Document:
    limit = result.suppression_limit
    found = quality_findings(result)
    columns = Table(
        "Columns",
        ["Column", "Type", "Complete", "Valid", "Distinct", "Invalid examples"],
        [
            cells(
                [
                    c.name,
                    c.inferred_type,
                    f"{c.completeness:.1%}",
                    NOT_DEFINED if c.validity is None else f"{c.validity:.1%}",
                    f"{c.distinct:,}",
                    ", ".join(c.invalid_examples),
                ]
            )
            for c in result.columns
        ],
    )
    sections = _flagged_section([issue.sentence for issue in found.flags])
    sections.append(Section("Columns", tables=[columns]))
    sections += [_representation_section(rep, limit) for rep in result.representation]
    if result.warnings:
        sections.append(Section("Warnings", paragraphs=list(result.warnings)))
    return Document(
        f"Data-quality profile of {result.source}", list(found.lead), sections, QUALITY_TERMS
    )


def _representation_section(rep: Representation, limit: int) -> Section:
    paragraphs = list(rep.notes)
    if rep.p_value is not None and rep.chi_square is not None:
        paragraphs.insert(
            0,
            f"Chi-square goodness of fit: {rep.chi_square:.2f} on {rep.degrees_of_freedom} "
            f"degrees of freedom, p = {rep.p_value:.3g}.",
        )
    rows = [
        cells(
            [
                row.group,
                count(row.observed, limit),
                NOT_DEFINED if row.observed_share is None else f"{row.observed_share:.1%}",
                f"{row.reference_share:.1%}",
                NOT_DEFINED if row.ratio is None else f"{row.ratio:.2f}",
            ]
        )
        for row in rep.rows
    ]
    table = Table(
        f"Make-up by {rep.characteristic} against the reference population",
        ["Group", "Count", "Share in data", "Reference share", "Ratio"],
        rows,
    )
    return Section(f"Representation by {rep.characteristic}", paragraphs=paragraphs, tables=[table])
