"""From an assessment (and, once there is one, its decision) to the committee report's
structure: page one for councillors, then the detail behind it.

Nothing here scores: every figure is the result's, and every name and answer is the
framework's own words, never an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from coopai.framework.lifecycle import STAGE_LABELS, Stage
from coopai.framework.render import RECOMMENDATION_WORDS, STATUS_WORDS
from coopai.framework.result import AssessmentResult, Benefit, RequirementStatus
from coopai.framework.review import (
    CONDITION_LABELS,
    VOTE_LABELS,
    ConditionRecord,
    DecisionRecord,
    condition_overdue,
)
from coopai.framework.schema import Source
from coopai.reports.document import (
    Bar,
    Block,
    Bullets,
    Chart,
    Fields,
    Paragraph,
    Report,
    ReportInput,
    Section,
    Table,
)

# Councils work in UK time, whatever zone a decision's timestamp was stored in.
UK = ZoneInfo("Europe/London")
NOT_YET_DECIDED = "Not yet decided."
NO_RED_LINES = "No red lines."
NO_AUDITS = "No audits attached."


def build_report(report: ReportInput) -> Report:
    result = report.result
    return Report(
        title=result.proposal.title,
        facts=_facts(report),
        summary=(
            Section(
                "What it is", (Paragraph(report.proposal.description or "Not yet described."),)
            ),
            Section("Why", _why(result)),
            Section("Impact", _impact(report)),
            Section("Recommendation", _recommendation(result)),
            Section("Red lines", _red_lines(result)),
            Section("Decision", _decision(report.decision, report.generated)),
            Section("Audit findings", _audits(report.audit_findings)),
        ),
        detail=(
            Section("What must be done", (_requirements(report),)),
            Section("How the score was worked out", _working(report)),
            Section("Co-operative principles", (_principles(result),)),
            Section("Readiness", (_readiness(result),)),
            Section("Risks and their mitigations", _risks(report)),
            Section("Decision record", _decision_record(report)),
            Section("About this report", _about(report)),
        ),
        subject=(
            f"Committee report on a proposal to use AI: impact tier {result.tier} "
            f"({result.tier_label}), {RECOMMENDATION_WORDS[result.recommendation].lower()}."
        ),
    )


def _facts(report: ReportInput) -> Fields:
    proposal = report.proposal
    framework = report.framework
    kinds = [
        *(c.name for c in framework.categories if c.id == proposal.category),
        *(t.name for t in framework.techniques if t.id == proposal.technique),
    ]
    items = [
        ("Council", report.council or proposal.council),
        ("Service area", proposal.service_area),
        ("Kind of AI", ", ".join(kinds)),
        ("Date", day(report.generated)),
        ("Stage", STAGE_LABELS[Stage(report.stage)] if report.stage else None),
    ]
    return Fields(tuple((label, value) for label, value in items if value))


def _why(result: AssessmentResult) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if result.benefits:
        blocks.append(Fields(tuple((b.label, _benefit(b)) for b in result.benefits)))
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


def _impact(report: ReportInput) -> tuple[Block, ...]:
    result = report.result
    blocks: list[Block] = [
        Paragraph(result.tier_description, lead=f"Tier {result.tier}: {result.tier_label}.")
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
    words = RECOMMENDATION_WORDS[result.recommendation]
    return (Paragraph(result.recommendation_reason, lead=f"{words}."),)


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
    blocks: list[Block] = [
        Paragraph(decision.reasons, lead=f"{decision.label} on {day(moment(decision.at))}."),
        Fields((("Rule used", decision.rule),)),
    ]
    if decision.conditions:
        blocks.append(_conditions(decision.conditions, today, notes=False))
    return tuple(blocks)


def _audits(findings: Iterable[str]) -> tuple[Block, ...]:
    sentences = tuple(findings)
    return (Bullets(sentences),) if sentences else (Paragraph(NO_AUDITS),)


def _requirements(report: ReportInput) -> Block:
    result = report.result
    if not result.requirements:
        return Paragraph("No requirements apply at this tier.")
    evidence = {line.item.requirement_id: line for line in report.checklist}
    header: tuple[str, ...] = ("Requirement", "From tier", "Status", "What shows it is met")
    rows = []
    for requirement in result.requirements:
        line = evidence.get(requirement.id)
        status = line.item.label if line else _capital(STATUS_WORDS[requirement.status])
        row: tuple[str, ...] = (
            requirement.name,
            str(requirement.from_tier),
            status,
            _needs(requirement, report),
        )
        if evidence:
            row += ("; ".join(line.evidence) if line and line.evidence else "None yet",)
        rows.append(row)
    if evidence:
        header += ("Evidence",)
    return Table("Requirements that apply", header, tuple(rows))


def _needs(requirement: RequirementStatus, report: ReportInput) -> str:
    """What meets a requirement, in the framework's words (the result lists ids)."""
    framework = report.framework
    source = next((r for r in framework.requirements if r.id == requirement.id), None)
    if source is None or source.met_by.decision:
        return "; ".join(_capital(need) for need in requirement.needs)
    words = [_mitigation(m, report) for m in source.met_by.mitigations]
    for enabler_id, level in source.met_by.enablers.items():
        enabler = framework.enabler_by_id[enabler_id]
        words.append(f"{enabler.name} rated {level} ({enabler.levels[level].label}) or more")
    return "; ".join(words)


def _working(report: ReportInput) -> tuple[Block, ...]:
    result = report.result
    impact, mitigation = result.impact, result.mitigation
    prompts = {line.question: line.prompt for line in impact.lines}
    blocks: list[Block] = [
        Paragraph(
            f"{impact.raw} of the {impact.maximum} points that apply ({impact.percent}%). "
            "Each answer adds the points shown; questions that do not apply add none.",
            lead="Impact.",
        ),
        Table(
            "Impact from each answer",
            ("Question", "Answer", "Points"),
            tuple(
                (
                    line.prompt,
                    line.answer_label or "Not yet answered",
                    _of(line.points, line.maximum),
                )
                for line in impact.lines
                if line.applies
            ),
        ),
    ]
    credited = [row for row in mitigation.lines if row.in_place]
    if credited:
        blocks.append(
            Table(
                "Mitigation credit",
                ("Question", "Mitigations in place", "Points taken off"),
                tuple(
                    (
                        prompts.get(row.question, row.question),
                        _mitigations(row.in_place, report),
                        f"{row.reduction:.1f} of {row.points}",
                    )
                    for row in credited
                ),
            )
        )
    blocks += [
        Paragraph(
            f"{mitigation.credit} of a possible {mitigation.maximum} points, rounded down. "
            f"Mitigations take off at most {mitigation.max_reduction_share:.0%} of an answer's "
            "points: they lower a score but never erase it.",
            lead="Mitigation credit.",
        ),
        Paragraph(
            f"{impact.raw} points of impact less {mitigation.credit} of mitigation credit "
            f"gives {result.score} points. Tiers by points: "
            + "; ".join(f"{t.tier} ({t.label}) from {t.from_points}" for t in result.thresholds)
            + ".",
            lead="Score.",
        ),
    ]
    blocks += [
        Paragraph(gate.reason, lead=f"Gate: {gate.name}, at least tier {gate.minimum_tier}.")
        for gate in result.gates
    ]
    blocks += [
        Paragraph(
            f"{line.explanation} It sets at least tier {line.minimum_tier} and the "
            f"recommendation {RECOMMENDATION_WORDS[line.recommendation].lower()}, whatever "
            f"the score.{_sources(line.sources)}",
            lead=f"Red line: {line.name}.",
            warning=True,
        )
        for line in result.red_lines
    ]
    if result.unanswered:
        blocks += [
            Paragraph("Questions not yet answered:"),
            Bullets(tuple(_prompt(question, report) for question in result.unanswered)),
        ]
    blocks.append(
        Paragraph(
            f"Tier {result.tier} ({result.tier_label}); recommendation: "
            f"{RECOMMENDATION_WORDS[result.recommendation].lower()}.",
            lead="Result.",
        )
    )
    return tuple(blocks)


def _principles(result: AssessmentResult) -> Chart:
    scores = [
        (p, "Not assessed" if p.score is None else _of(p.score, 3)) for p in result.principles
    ]
    rows = tuple(
        (p.name, shown, " ".join(part for part in (p.evidence, *p.reasons) if part) or "None given")
        for p, shown in scores
    )
    return Chart(
        "Principle scores, 0 to 3",
        3,
        tuple(Bar(p.name, p.score, shown) for p, shown in scores),
        Table("Principle scores", ("Principle", "Score", "Evidence and reasons"), rows),
    )


def _readiness(result: AssessmentResult) -> Chart:
    levels = [
        (e, "Not rated" if e.level is None else f"{e.level} {e.label}")
        for e in result.readiness.enablers
    ]
    rows = tuple((e.name, shown, e.descriptor or "") for e, shown in levels)
    return Chart(
        "Readiness by enabler, 0 to 3",
        3,
        tuple(Bar(e.name, e.level, shown) for e, shown in levels),
        Table("Readiness by enabler", ("Enabler", "Level", "What that level means"), rows),
    )


def _risks(report: ReportInput) -> tuple[Block, ...]:
    risks = report.result.risks
    if not risks:
        return (Paragraph("No risks are raised by the answers."),)
    rows = tuple(
        (
            risk.name,
            str(risk.points),
            _mitigations(risk.in_place, report) or "None",
            _mitigations(risk.missing, report) or "None",
        )
        for risk in risks
    )
    header = ("Risk", "Points", "Mitigations in place", "Mitigations missing")
    return (Table("Risks raised by the answers", header, rows),)


def _decision_record(report: ReportInput) -> tuple[Block, ...]:
    decision = report.decision
    if decision is None:
        return (Paragraph(NOT_YET_DECIDED + " No votes, exceptions or conditions are on record."),)
    facts = [
        ("Outcome", decision.label),
        ("Decided", when(decision.at)),
        ("Rule used", decision.rule),
        ("Reasons", decision.reasons),
    ]
    if decision.review_date:
        facts.append(("Review date", day(decision.review_date)))
    blocks: list[Block] = [Fields(tuple(facts))]
    if decision.votes:
        blocks.append(
            Table(
                "Votes",
                ("Reviewer", "Vote", "When", "Reasons"),
                tuple(
                    (v.reviewer, VOTE_LABELS[v.vote], when(v.at), v.reasons) for v in decision.votes
                ),
            )
        )
    else:
        blocks.append(Paragraph("No votes are on record."))
    names = {r.id: r.name for r in report.result.requirements}
    if decision.exceptions:
        blocks.append(
            Table(
                "Exceptions",
                ("Requirement", "Reason", "Recorded by"),
                tuple(
                    (names.get(e.requirement, e.requirement), e.reason, e.recorded_by)
                    for e in decision.exceptions
                ),
            )
        )
    else:
        blocks.append(Paragraph("No exceptions were recorded."))
    if decision.conditions:
        blocks.append(_conditions(decision.conditions, report.generated, notes=True))
    else:
        blocks.append(Paragraph("No conditions were set."))
    return tuple(blocks)


def _conditions(conditions: Iterable[ConditionRecord], today: date, *, notes: bool) -> Table:
    header = ("Condition", "Owner", "Due", "State")
    rows: list[tuple[str, ...]] = []
    for c in conditions:
        state = CONDITION_LABELS[c.state]
        if condition_overdue(c.state, c.due, today):
            state += ", overdue"
        row = (c.text, c.owner, day(c.due), state)
        rows.append((*row, c.note) if notes else row)
    return Table("Conditions", (*header, "Note") if notes else header, tuple(rows))


def _about(report: ReportInput) -> tuple[Block, ...]:
    result = report.result
    local = (
        f" with local additions {result.framework_local_version}"
        if (result.framework_local_version)
        else ""
    )
    return (
        Paragraph(
            f"Assessed with framework {result.framework_version}{local} (content digest "
            f"{result.framework_digest[:12]}). Re-scoring the same answers with the same "
            "framework gives the same result. Made by coopai on "
            f"{day(report.generated)}."
        ),
    )


def day(value: date) -> str:
    """A date as GOV.UK writes it: 5 March 2026."""
    return f"{value.day} {value:%B %Y}"


def moment(value: datetime) -> date:
    """The UK calendar day of a moment (a naive datetime is taken as UK time already)."""
    return (value.astimezone(UK) if value.tzinfo else value).date()


def when(value: datetime) -> str:
    """A moment as GOV.UK writes it, in UK time: 5 March 2026 at 3:04pm."""
    local = value.astimezone(UK) if value.tzinfo else value
    hour = local.hour % 12 or 12
    return f"{day(local.date())} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def _benefit(benefit: Benefit) -> str:
    value = benefit.value
    if benefit.type == "money" and isinstance(value, int | float):
        return f"£{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _mitigation(mitigation_id: str, report: ReportInput) -> str:
    found = report.framework.mitigation_by_id.get(mitigation_id)
    return found.name if found else mitigation_id


def _mitigations(ids: Iterable[str], report: ReportInput) -> str:
    return ", ".join(_mitigation(m, report) for m in ids)


def _prompt(question_id: str, report: ReportInput) -> str:
    found = report.framework.question_by_id.get(question_id)
    return found.prompt if found else question_id


def _sources(sources: Iterable[Source]) -> str:
    titles = [f"{s.title}, {s.reference}" if s.reference else s.title for s in sources]
    return f" Sources: {'; '.join(titles)}." if titles else ""


def _of(points: int, maximum: int) -> str:
    return f"{points} of {maximum}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
