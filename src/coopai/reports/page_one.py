"""Page one of the report: what a councillor reads before the committee meets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coopai.framework.lifecycle import STAGE_LABELS, Stage
from coopai.framework.result import RECOMMENDATION_WORDS, AssessmentResult
from coopai.framework.review import (
    CONDITION_LABELS,
    ConditionRecord,
    DecisionRecord,
    condition_overdue,
)
from coopai.reports import words
from coopai.reports.document import Block, Bullets, Fields, Paragraph, ReportInput, Section, Table

NOT_YET_DECIDED = "Not yet decided."
NO_RED_LINES = "No red lines."
NO_AUDITS = "No audits attached."


def facts(report: ReportInput) -> Fields:
    """The lines under the title: whose proposal, what kind, when, and where it stands."""
    proposal, framework = report.proposal, report.framework
    kinds = [
        *(c.name for c in framework.categories if c.id == proposal.category),
        *(t.name for t in framework.techniques if t.id == proposal.technique),
    ]
    items = [
        ("Council", report.council or proposal.council),
        ("Service area", proposal.service_area),
        ("Kind of AI", ", ".join(kinds)),
        ("Date", words.day(report.generated)),
        ("Stage", STAGE_LABELS[Stage(report.stage)] if report.stage else None),
    ]
    return Fields(tuple((label, value) for label, value in items if value))


def page_one(report: ReportInput) -> tuple[Section, ...]:
    result = report.result
    return (
        Section("What it is", (Paragraph(report.proposal.description or "Not yet described."),)),
        Section("Why", _why(result)),
        Section("Impact", _impact(result)),
        Section("Recommendation", _recommendation(result)),
        Section("Red lines", _red_lines(result)),
        Section("Decision", _decision(report.decision, report.generated)),
        Section("Audit findings", _audits(report.audit_findings)),
    )


def conditions_table(
    conditions: Iterable[ConditionRecord], today: date, *, notes: bool = False
) -> Table:
    header = ("Condition", "Owner", "Due", "State")
    rows: list[tuple[str, ...]] = []
    for c in conditions:
        state = CONDITION_LABELS[c.state]
        if condition_overdue(c.state, c.due, today):
            state += ", overdue"
        row = (c.text, c.owner, words.day(c.due), state)
        rows.append((*row, c.note) if notes else row)
    return Table("Conditions", (*header, "Note") if notes else header, tuple(rows))


def _why(result: AssessmentResult) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if result.benefits:
        blocks.append(Fields(tuple((b.label, words.benefit(b)) for b in result.benefits)))
    if result.suitability:
        suitability = result.suitability
        blocks.append(
            Paragraph(
                " ".join(suitability.reasons) or suitability.advice,
                lead=f"Suitability: {suitability.label}.",
            )
        )
    return tuple(blocks) or (
        Paragraph("No expected benefits or suitability answers have been recorded."),
    )


def _impact(result: AssessmentResult) -> tuple[Block, ...]:
    """The tier and its reasons from this proposal's answers, then what the tier means."""
    reasons = [
        f"{driver.text} (answered “not known”)" if driver.not_known else driver.text
        for driver in result.drivers
    ]
    why = f"Mainly because {'; '.join(reasons)}. " if reasons else ""
    blocks: list[Block] = [
        Paragraph(
            f"{why}What tier {result.tier} means: {result.tier_description}",
            lead=f"Tier {result.tier}: {result.tier_label}.",
        )
    ]
    if not result.complete:
        count = len(result.unanswered)
        blocks.append(
            Paragraph(
                f"{count} question{'s are' if count != 1 else ' is'} not yet answered, so "
                "the tier may still change. They are listed with the working.",
                lead="Provisional.",
            )
        )
    return tuple(blocks)


def _recommendation(result: AssessmentResult) -> tuple[Block, ...]:
    recommendation = RECOMMENDATION_WORDS[result.recommendation]
    # The engine's sentence starts with the recommendation, which the lead already says.
    reason = result.recommendation_reason.removeprefix(f"{recommendation}. ")
    return (Paragraph(reason, lead=f"{recommendation}."),)


def _red_lines(result: AssessmentResult) -> tuple[Block, ...]:
    if not result.red_lines:
        return (Paragraph(NO_RED_LINES),)
    return tuple(
        Paragraph(f"To resolve: {line.how_to_resolve}", lead=f"{line.name}.", warning=True)
        for line in result.red_lines
    )


def _decision(decision: DecisionRecord | None, today: date) -> tuple[Block, ...]:
    if decision is None:
        return (Paragraph(NOT_YET_DECIDED),)
    decided = words.day(words.uk_day(decision.at))
    blocks: list[Block] = [
        Paragraph(decision.reasons, lead=f"{decision.label} on {decided}."),
        Fields((("Rule used", decision.rule),)),
    ]
    if decision.conditions:
        blocks.append(conditions_table(decision.conditions, today))
    return tuple(blocks)


def _audits(findings: Iterable[str]) -> tuple[Block, ...]:
    sentences = tuple(findings)
    return (Bullets(sentences),) if sentences else (Paragraph(NO_AUDITS),)
