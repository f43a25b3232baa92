"""The pages after page one: the detail behind each thing page one says."""

from __future__ import annotations

from coopai.framework.report import STATUS_WORDS
from coopai.framework.result import RECOMMENDATION_WORDS, AssessmentResult, RequirementStatus
from coopai.framework.review import VOTE_LABELS, DecisionRecord
from coopai.reports import words
from coopai.reports.document import (
    Bar,
    Block,
    Bullets,
    Chart,
    Fields,
    Paragraph,
    ReportInput,
    Section,
    Table,
)
from coopai.reports.page_one import NOT_YET_DECIDED, conditions_table

SCALE = 3  # principles and enablers are both rated 0 to 3


def detail(report: ReportInput) -> tuple[Section, ...]:
    result = report.result
    return (
        Section("What must be done", (_requirements(report),)),
        Section("How the score was worked out", _working(report)),
        Section("Co-operative principles", (_principles(result),)),
        Section("Readiness", (_readiness(result),)),
        Section("Risks and their mitigations", _risks(report)),
        Section("Decision record", _decision_record(report)),
        Section("About this report", (_about(report),)),
    )


def _requirements(report: ReportInput) -> Block:
    result = report.result
    if not result.requirements:
        return Paragraph("No requirements apply at this tier.")
    evidence = {line.item.requirement_id: line for line in report.checklist}
    header: tuple[str, ...] = ("Requirement", "From tier", "Status", "What shows it is met")
    rows = []
    for requirement in result.requirements:
        line = evidence.get(requirement.id)
        status = line.item.label if line else words.capital(STATUS_WORDS[requirement.status])
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
        return "; ".join(words.capital(need) for need in requirement.needs)
    needs = [words.mitigations([m], framework) for m in source.met_by.mitigations]
    for enabler_id, level in source.met_by.enablers.items():
        enabler = framework.enabler_by_id[enabler_id]
        needs.append(f"{enabler.name} rated {level} ({enabler.levels[level].label}) or more")
    return "; ".join(needs)


def _working(report: ReportInput) -> tuple[Block, ...]:
    """The arithmetic `coopai assess` explains, with names and answers instead of ids."""
    result = report.result
    blocks = [*_impact(result), *_mitigation(report), _score(result)]
    blocks += [
        Paragraph(gate.reason, lead=f"Gate: {gate.name}, at least tier {gate.minimum_tier}.")
        for gate in result.gates
    ]
    blocks += [
        Paragraph(
            f"{line.explanation} It raises the tier to at least {line.minimum_tier} and "
            f"makes the recommendation \u201c{RECOMMENDATION_WORDS[line.recommendation]}\u201d, "
            f"whatever the score.{words.sources(line.sources)}",
            lead=f"Red line: {line.name}.",
            warning=True,
        )
        for line in result.red_lines
    ]
    if result.unanswered:
        prompts = tuple(words.prompt(q, report.framework) for q in result.unanswered)
        blocks += [Paragraph("Questions not yet answered:"), Bullets(prompts)]
    blocks.append(
        Paragraph(
            f"Tier {result.tier} ({result.tier_label}); recommendation: "
            f"{RECOMMENDATION_WORDS[result.recommendation].lower()}.",
            lead="Result.",
        )
    )
    return tuple(blocks)


def _impact(result: AssessmentResult) -> list[Block]:
    impact = result.impact
    return [
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
                    words.out_of(line.points, line.maximum),
                )
                for line in impact.lines
                if line.applies
            ),
        ),
    ]


def _mitigation(report: ReportInput) -> list[Block]:
    mitigation = report.result.mitigation
    prompts = {line.question: line.prompt for line in report.result.impact.lines}
    blocks: list[Block] = []
    credited = [row for row in mitigation.lines if row.in_place]
    if credited:
        rows = tuple(
            (
                prompts.get(row.question, row.question),
                words.mitigations(row.in_place, report.framework),
                f"{row.reduction:.1f} of {row.points}",
            )
            for row in credited
        )
        header = ("Question", "Mitigations in place", "Points taken off")
        blocks.append(Table("Mitigation credit", header, rows))
    blocks.append(
        Paragraph(
            f"{mitigation.credit} of a possible {mitigation.maximum} points, rounded down. "
            f"Mitigations take off at most {mitigation.max_reduction_share:.0%} of an answer's "
            "points: they lower a score but never erase it.",
            lead="Mitigation credit.",
        )
    )
    return blocks


def _score(result: AssessmentResult) -> Paragraph:
    tiers = "; ".join(f"{t.tier} ({t.label}) from {t.from_points}" for t in result.thresholds)
    return Paragraph(
        f"{result.impact.raw} points of impact less {result.mitigation.credit} of mitigation "
        f"credit gives {result.score} points. Tiers by points: {tiers}.",
        lead="Score.",
    )


def _principles(result: AssessmentResult) -> Chart:
    scores = [
        (p, "Not assessed" if p.score is None else words.out_of(p.score, SCALE))
        for p in result.principles
    ]
    rows = tuple(
        (p.name, shown, " ".join(part for part in (p.evidence, *p.reasons) if part) or "None given")
        for p, shown in scores
    )
    return Chart(
        "Principle scores, 0 to 3",
        SCALE,
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
        SCALE,
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
            words.mitigations(risk.in_place, report.framework) or "None",
            words.mitigations(risk.missing, report.framework) or "None",
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
        ("Decided", words.when(decision.at)),
        ("Rule used", decision.rule),
        ("Reasons", decision.reasons),
    ]
    if decision.review_date:
        facts.append(("Review date", words.day(decision.review_date)))
    return (
        Fields(tuple(facts)),
        _votes(decision),
        _exceptions(decision, report.result),
        conditions_table(decision.conditions, report.generated, notes=True)
        if decision.conditions
        else Paragraph("No conditions were set."),
    )


def _votes(decision: DecisionRecord) -> Block:
    if not decision.votes:
        return Paragraph("No votes are on record.")
    rows = tuple(
        (v.reviewer, VOTE_LABELS[v.vote], words.when(v.at), v.reasons) for v in decision.votes
    )
    return Table("Votes", ("Reviewer", "Vote", "When", "Reasons"), rows)


def _exceptions(decision: DecisionRecord, result: AssessmentResult) -> Block:
    if not decision.exceptions:
        return Paragraph("No exceptions were recorded.")
    # The web app records a requirement by id; show its name when the result knows it.
    names = {r.id: r.name for r in result.requirements}
    rows = tuple(
        (names.get(e.requirement, e.requirement), e.reason, e.recorded_by)
        for e in decision.exceptions
    )
    return Table("Exceptions", ("Requirement", "Reason", "Recorded by"), rows)


def _about(report: ReportInput) -> Paragraph:
    result = report.result
    local = result.framework_local_version
    additions = f" with local additions {local}" if local else ""
    return Paragraph(
        f"Assessed with framework {result.framework_version}{additions} (content digest "
        f"{result.framework_digest[:12]}). Re-scoring the same answers with the same framework "
        f"gives the same result. Made by coopai on {words.day(report.generated)}."
    )
