"""An assessment turned into a neutral document, built once for every format.

:mod:`coopai.framework.render` only lays the document out, as text for a terminal or
Markdown for a committee paper, so both say the same things in the same order. The
block types are the framework's own: the audit's document has no lists, notices or
emphasis, and the engines do not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coopai.framework.reasons import ratings_missing
from coopai.framework.result import (
    RECOMMENDATION_WORDS,
    AssessmentResult,
    Driver,
    RequirementStatus,
)

STATUS_WORDS = {"met": "met", "outstanding": "outstanding", "at_decision": "at decision"}

Tone = Literal["good", "note", "caution", "danger"]
"""How a piece of text should stand out: the terminal colours it, Markdown has no colour."""

TIER_TONES: dict[int, Tone] = {1: "good", 2: "note", 3: "caution", 4: "danger"}
STATUS_TONES: dict[str, Tone] = {"met": "good", "outstanding": "caution", "at_decision": "note"}


@dataclass(frozen=True)
class Span:
    """A piece of text with its emphasis."""

    text: str
    strong: bool = False
    tone: Tone | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Notice:
    """One sentence the reader must not miss."""

    text: str
    tone: Tone


@dataclass(frozen=True)
class Alert:
    """A named problem with its explanation."""

    title: str
    paragraphs: list[str]
    tone: Tone


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Facts:
    """Rows of a name and its value."""

    rows: list[tuple[str, Span]]


@dataclass(frozen=True)
class Row:
    cells: list[Span]
    note: str = ""


@dataclass(frozen=True)
class Table:
    """Rows under headers; a row's note is longer text about it, headed `note_header`."""

    headers: list[str]
    rows: list[Row]
    note_header: str = ""


@dataclass(frozen=True)
class Lines:
    """Lines kept exactly as they are, such as a worked calculation."""

    lines: list[str]


Block = Paragraph | Notice | Alert | Bullets | Facts | Table | Lines


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    tone: Tone | None = None


@dataclass(frozen=True)
class Document:
    title: str
    byline: str
    summary: list[Block]
    sections: list[Section]
    footer: str


def assessment_document(result: AssessmentResult) -> Document:
    """Everything the text and Markdown reports say about one assessment, in their order.

    The reader comes first: what to do, what is refused, why the tier is what it is, and
    what would lower it. The working follows for those who want to check it.
    """
    sections = [
        *_red_lines(result),
        _why(result),
        *_suitability(result),
        *_contradictions(result),
        *_options(result),
        Section("What must be done", [_requirements(result)]),
        Section("Co-operative principles", [_principles(result)]),
        Section("Readiness", [_readiness(result)]),
        *_benefits(result),
        Section("How the score was worked out", [Lines(list(result.explanation))]),
    ]
    return Document(
        title=result.proposal.title,
        byline=_byline(result),
        summary=_summary(result),
        sections=sections,
        footer=f"Assessed with framework {framework_version(result)}.",
    )


def framework_version(result: AssessmentResult) -> str:
    local = f" + {result.framework_local_version}" if result.framework_local_version else ""
    return f"{result.framework_version}{local}"


def _byline(result: AssessmentResult) -> str:
    proposal = result.proposal
    parts = [p for p in (proposal.council, proposal.service_area) if p]
    parts += [
        proposal.category_name or proposal.category,
        proposal.technique_name or proposal.technique,
        f"framework {framework_version(result)}",
    ]
    return " · ".join(part for part in parts if part)


def _summary(result: AssessmentResult) -> list[Block]:
    tier = Span(f"{result.tier} ({result.tier_label})", True, TIER_TONES[result.tier])
    facts = Facts(
        [
            ("Recommendation", Span(RECOMMENDATION_WORDS[result.recommendation], strong=True)),
            ("Impact tier", tier),
            ("Red lines", Span(str(len(result.red_lines)) if result.red_lines else "None")),
        ]
    )
    blocks: list[Block] = [facts, Paragraph(result.recommendation_reason)]
    if result.next_steps:
        blocks += [Paragraph("What must happen next:"), Bullets(list(result.next_steps))]
    if not result.complete:
        prompts = [
            line.prompt for line in result.impact.lines if line.question in result.unanswered
        ]
        count = len(prompts)
        questions = "question is" if count == 1 else "questions are"
        blocks.append(
            Notice(
                f"Provisional: {count} {questions} not answered yet: {' '.join(prompts)}",
                "caution",
            )
        )
    return blocks


def _red_lines(result: AssessmentResult) -> list[Section]:
    if not result.red_lines:
        return []
    alerts: list[Block] = [
        Alert(r.name, [r.explanation, f"To resolve: {r.how_to_resolve}"], "danger")
        for r in result.red_lines
    ]
    return [Section("Red lines", alerts, tone="danger")]


def _why(result: AssessmentResult) -> Section:
    """The tier, and why, from this proposal's own answers."""
    blocks: list[Block] = []
    if result.drivers:
        blocks += [
            Paragraph(f"Tier {result.tier} ({result.tier_label}), mainly because:"),
            Bullets([_driver(driver) for driver in result.drivers]),
        ]
    else:
        blocks.append(Paragraph(f"Tier {result.tier} ({result.tier_label}): no answer adds to it."))
    for unknown in result.not_known:
        blocks.append(
            Notice(
                f"Not known: {unknown.prompt} It is counted as “{unknown.counted_as}”, which "
                f"adds {_points(unknown.adds)}. {unknown.advice}",
                "caution",
            )
        )
    blocks.append(Paragraph(f"What tier {result.tier} means: {result.tier_description}"))
    if result.mitigation.note:
        blocks.append(Paragraph(result.mitigation.note))
    return Section("Why this tier", blocks)


def _driver(driver: Driver) -> str:
    text = driver.text[:1].upper() + driver.text[1:]
    return f"{text} (answered “not known”)" if driver.not_known else text


def _points(count: int) -> str:
    return "1 point" if count == 1 else f"{count} points"


def _contradictions(result: AssessmentResult) -> list[Section]:
    if not result.contradictions:
        return []
    alerts: list[Block] = [
        Alert("Answers that do not fit together", [c.says, c.advice], "caution")
        for c in result.contradictions
    ]
    return [Section("Answers to check", alerts, tone="caution")]


def _options(result: AssessmentResult) -> list[Section]:
    if not result.lower_tier_options:
        return []
    items = [option.explanation for option in result.lower_tier_options]
    return [Section("What would lower the tier", [Bullets(items)])]


def _requirements(result: AssessmentResult) -> Table:
    rows = [
        Row(
            [
                Span(_requirement_name(requirement)),
                Span(STATUS_WORDS[requirement.status], tone=STATUS_TONES[requirement.status]),
            ],
            note="; ".join(
                f"{s.title}, {s.reference}" if s.reference else s.title for s in requirement.sources
            ),
        )
        for requirement in result.requirements
    ]
    return Table(["Requirement", "Status"], rows, note_header="Source")


def _requirement_name(requirement: RequirementStatus) -> str:
    ratings = ratings_missing(requirement)
    return f"{requirement.name} (needs {', '.join(ratings)})" if ratings else requirement.name


def _principles(result: AssessmentResult) -> Table:
    rows = [
        Row(
            [
                Span(principle.name),
                Span("not assessed" if principle.score is None else f"{principle.score} of 3"),
            ],
            note=" ".join(principle.reasons),
        )
        for principle in result.principles
    ]
    return Table(["Principle", "Score"], rows, note_header="Why")


def _readiness(result: AssessmentResult) -> Table:
    rows = [
        Row(
            [
                Span(enabler.name),
                Span("not rated" if enabler.level is None else f"{enabler.level} {enabler.label}"),
            ]
        )
        for enabler in result.readiness.enablers
    ]
    return Table(["Enabler", "Level"], rows)


def _suitability(result: AssessmentResult) -> list[Section]:
    verdict = result.suitability
    if verdict is None:
        return []
    blocks: list[Block] = [
        Paragraph(f"{verdict.label} (concern {verdict.concern}). {verdict.advice}")
    ]
    if verdict.reasons:
        blocks.append(Bullets(list(verdict.reasons)))
    return [Section("Suitability", blocks)]


def _benefits(result: AssessmentResult) -> list[Section]:
    if not result.benefits:
        return []
    items = [f"{b.label}: {_benefit(b.value, b.type)}" for b in result.benefits]
    return [Section("Expected benefits", [Bullets(items)])]


def _benefit(value: int | float | str, kind: str) -> str:
    if kind == "money" and isinstance(value, int | float):
        return f"£{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)
